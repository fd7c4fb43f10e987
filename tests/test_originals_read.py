"""Releases as published: PDF and HTML made from the samples give the samples' facts, with places."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from lxml import html as lxml_html

from documents import build_published, fact_counts
from iijview.loader import load_release


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """The PDF and HTML releases, made once per test run."""
    return build_published(tmp_path_factory.mktemp("published"))


@pytest.fixture(scope="session")
def parsed(published):
    """Each published file parsed (no checks), once per test run."""
    return {name: load_release(path, checks=False) for name, (path, _sample) in published.items()}


NAMES = ["conv-rows.pdf", "conv-columns.pdf", "slides-rows.pdf", "conv.html", "slides.html"]


@pytest.mark.parametrize("name", NAMES)
def test_published_release_gives_the_facts_of_its_text_sample(published, parsed, name):
    _path, sample = published[name]
    expected = fact_counts(load_release(sample, checks=False))
    got = fact_counts(parsed[name])
    assert sum(expected.values()) > 200
    assert got - expected == {} and expected - got == {}, (
        f"missing {sorted(expected - got)[:5]}, extra {sorted(got - expected)[:5]}")


def test_a_text_file_printed_with_long_lines_wrapped_gives_the_facts_of_its_text(published, parsed):
    """Printed as a word processor prints a text file, the OCR'd sample's longest balance-sheet lines
    wrap their last figures onto the next line; each figure stays on its own row."""
    path, sample = published["ocr-printed.pdf"]
    rel = parsed["ocr-printed.pdf"]
    pdf = pdfium.PdfDocument(str(path))
    try:  # the fixture does print '3,198,549' alone at the start of a line
        texts = [pdf[k].get_textpage().get_text_range() for k in range(len(pdf))]
    finally:
        pdf.close()
    assert any(line.strip() == "3,198,549" for text in texts for line in text.splitlines())
    # 'Other current assets, net of allowance ... 2,672,008 3,198,549' (thousands of JPY, the sample's line 424)
    assert _value(rel, "balance_sheet", "other_current_assets", "2017-03-31", 0).value == 2672008
    assert _value(rel, "balance_sheet", "other_current_assets", "2017-09-30", 0).value == 3198549
    assert _value(rel, "balance_sheet", "property_and_equipment", "2017-09-30", 0).value == 42193028
    assert _value(rel, "balance_sheet", "common_stock", "2017-09-30", 0).value == 25511804
    # every statement but the cash flows gives the text's facts: there a label wrapped before its last
    # word ('... less than three' / 'months - (2,500,000)') under another wrapped label stays ambiguous
    expected = fact_counts(load_release(sample, checks=False))
    got = fact_counts(parsed["ocr-printed.pdf"])
    expected, got = ({k: n for k, n in c.items() if k[0] != "cash_flows"} for c in (expected, got))
    assert sum(expected.values()) > 500 and got == expected, (
        f"missing {sorted(set(expected) - set(got))[:5]}, extra {sorted(set(got) - set(expected))[:5]}")


def _value(release, statement, label, end, months, unit="JPY"):
    st = release.statement(statement)
    want = dt.date.fromisoformat(end)
    for row in st.items:
        if label in (row.label, row.item):
            for col in st.columns:
                if col.role == "value" and col.period and col.period.end == want and col.period.months == months \
                        and col.unit == unit and col.key in row.cells:
                    return row.cells[col.key]
    raise AssertionError(f"no {label} at {end}")


@pytest.mark.parametrize("name", ["conv-rows.pdf", "conv-columns.pdf", "conv.html"])
def test_hand_checked_values_of_the_converted_release(parsed, name):
    rel = parsed[name]
    # "Total Revenues\t70,752\t76,690\t8.4" under "3Q11 3Q12 / JPY millions" (nine months to Dec 31)
    cell = _value(rel, "operating_summary", "Total Revenues", "2012-12-31", 9)
    assert (cell.value, cell.text) == (76690, "76,690")
    # balance sheet: "Cash and cash equivalents\t13,536,824\t123,645\t10,648,296" (thousands of JPY)
    assert _value(rel, "balance_sheet", "Cash and cash equivalents", "2012-12-31", 0).value == 10648296
    assert _value(rel, "balance_sheet", "Cash and cash equivalents", "2012-12-31", 0, "USD").value == 123645
    # a label wrapped over three printed lines in the PDFs comes back whole
    labels = [it.label for it in rel.statement("balance_sheet").items]
    assert any(lb.startswith("Accounts receivable, net of allowance") and lb.endswith("respectively") for lb in labels)


def test_hand_checked_values_of_the_slides_release(parsed):
    rel = parsed["slides-rows.pdf"]
    # "Revenue\t90.96\t+9.6%\t90.0\t46.26\t+10.1%" in JPY billion: 1H18 results
    cell = _value(rel, "highlights", "Revenue", "2018-09-30", 6)
    assert (cell.value, cell.text) == (90.96, "90.96")


def test_release_keeps_its_original_kind_layout_and_content_hash(published, parsed):
    for name in NAMES:
        path, _sample = published[name]
        rel = parsed[name]
        kind = "pdf" if name.endswith(".pdf") else "html"
        assert rel.original is not None and rel.original.kind == kind
        assert rel.layout == kind
        assert rel.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["conv-rows.pdf", "conv-columns.pdf", "slides-rows.pdf", "ocr-printed.pdf"])
def test_every_pdf_value_has_its_page_and_box(published, parsed, name):
    """Each cell's places name one page, and the PDF has the cell's text inside their box."""
    path, _sample = published[name]
    rel = parsed[name]
    pdf = pdfium.PdfDocument(str(path))
    checked = 0
    pages = {}
    for _st, _i, _row, _col, cell in rel.iter_cells():
        places = rel.original.places_in(cell.start, cell.end)
        assert places, cell
        assert len({p.page for p in places}) == 1
        p = places[0]
        if p.page not in pages:
            pages[p.page] = pdf[p.page - 1].get_textpage()
        height = pdf[p.page - 1].get_height()
        x0, top, x1, bottom = (min(q.box[0] for q in places), min(q.box[1] for q in places),
                               max(q.box[2] for q in places), max(q.box[3] for q in places))
        printed = pages[p.page].get_text_bounded(x0 - 0.5, height - bottom - 0.5, x1 + 0.5, height - top + 0.5)
        assert "".join(cell.text.split()) in "".join(printed.split()), (cell.text, printed)
        checked += 1
    assert checked > 200


@pytest.mark.parametrize("name", ["conv.html", "slides.html"])
def test_every_html_value_names_its_table_row_and_cell(published, parsed, name):
    path, _sample = published[name]
    rel = parsed[name]
    root = lxml_html.fromstring(path.read_bytes())
    tables = [t for t in root.iter("table") if not t.xpath(".//table")]
    checked = 0
    for _st, _i, _row, _col, cell in rel.iter_cells():
        places = rel.original.places_in(cell.start, cell.end)
        assert places, cell
        p = places[0]
        if p.table:
            tr = list(tables[p.table - 1].iter("tr"))[p.row - 1]
            td = [c for c in tr if c.tag in ("td", "th")][p.cell - 1]
            assert cell.text in td.text_content()
            checked += 1
        else:  # a figure read from a sentence: the element that prints it
            assert cell.text in root.getroottree().xpath(p.element)[0].text_content()
    assert checked > 150


def test_places_in_finds_the_words_a_span_covers(parsed):
    rel = parsed["conv-rows.pdf"]
    cell = _value(rel, "operating_summary", "Total Revenues", "2012-12-31", 9)
    places = rel.original.places_in(cell.start, cell.end)
    assert [rel.text[p.start:p.end] for p in places] == ["76,690"]
    assert rel.original.places_in(cell.start, cell.start) == places      # an empty span at a word
    assert rel.original.places_in(len(rel.text) + 5, len(rel.text) + 9) == []


def test_corrections_of_a_pdf_are_keyed_by_its_content(published, tmp_path):
    from iijview.store import Workspace

    path, _sample = published["conv-rows.pdf"]
    rel = load_release(path, checks=False)
    st = rel.statement("operating_summary")
    row = next(i for i, it in enumerate(st.items) if it.label == "Total Revenues")
    col = next(c.key for c in st.columns if c.period and c.period.end == dt.date(2012, 12, 31) and c.role == "value")
    ws = Workspace(tmp_path / "ws")
    ws.set_value(rel, st.key, st.item_keys()[row], col, 76691, "76,691", original=76690, original_text="76,690")
    copy = tmp_path / "renamed release.pdf"
    copy.write_bytes(path.read_bytes())
    again = load_release(copy, checks=False)
    assert ws.apply(again) == []
    assert again.statement("operating_summary").items[row].cells[col].value == 76691


def test_a_page_stored_turned_reads_as_it_is_shown(tmp_path):
    """A page kept in the file on its side (/Rotate 90) and its text turned back: read upright, with
    boxes where the figures show on the rendered page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "turned.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setPageRotation(90)
    c.rotate(90)
    c.translate(0, -A4[0])
    c.setFont("Helvetica", 10)
    for k, (label, a, b) in enumerate([("", "3Q11", "3Q12"), ("Total Revenues", "70,752", "76,690"),
                                       ("Operating Income", "3,998", "5,043")]):
        c.drawString(50, 500 - 14 * k, label)
        c.drawRightString(300, 500 - 14 * k, a)
        c.drawRightString(400, 500 - 14 * k, b)
    c.showPage()
    c.save()
    from iijview.parse.pdf_text import read_pdf

    result = read_pdf(path.read_bytes())
    assert result.text.strip("\n") == "\t3Q11\t3Q12\nTotal Revenues\t70,752\t76,690\nOperating Income\t3,998\t5,043"
    at = result.text.index("76,690")
    box = result.original.places_in(at, at + 6)[0].box
    image = pdfium.PdfDocument(str(path))[0].render(scale=2).to_pil().convert("L")
    cx, cy = (box[0] + box[2]), (box[1] + box[3])      # the centre, at scale 2
    assert min(image.getpixel((int(cx) + dx, int(cy))) for dx in range(-8, 9)) < 128


def test_pdfs_read_in_several_threads_at_once_read_right(published, parsed):
    """PDFium is not made for threads: the app loads in worker threads, so every use takes one lock."""
    from concurrent.futures import ThreadPoolExecutor

    names = ["conv-rows.pdf", "conv-columns.pdf", "slides-rows.pdf"] * 2
    with ThreadPoolExecutor(4) as pool:
        texts = list(pool.map(lambda n: load_release(published[n][0], checks=False).text, names))
    assert texts == [parsed[n].text for n in names]
