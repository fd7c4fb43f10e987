"""A scanned PDF read with Tesseract: the figures come back, each with its box on the page image."""
from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from documents import build_published
from iijview.loader import load_release
from iijview.parse.ocr import tesseract_path

needs_tesseract = pytest.mark.skipif(tesseract_path() is None, reason="Tesseract is not installed")


def scan_of(pdf_path, page_number: int, out, dpi: int = 200):
    """One page of a PDF as a scanner gives it: a picture of the page and no text."""
    doc = pdfium.PdfDocument(str(pdf_path))
    page = doc[page_number - 1]
    width, height = page.get_size()
    image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    c = canvas.Canvas(str(out), pagesize=(width, height))
    c.drawImage(ImageReader(image), 0, 0, width=width, height=height)
    c.showPage()
    c.save()
    return out


@needs_tesseract
def test_scan_read_by_ocr_gives_the_figures_and_their_places(tmp_path):
    files = build_published(tmp_path / "docs")
    pdf, _sample = files["conv-rows.pdf"]
    printed = load_release(pdf, checks=False)
    st = printed.statement("operating_summary")
    row = next(it for it in st.items if it.label == "Total Revenues")
    col = next(c for c in st.columns if c.role == "value" and c.period and c.period.end == dt.date(2012, 12, 31))
    original_place = printed.original.places_in(row.cells[col.key].start, row.cells[col.key].end)[0]

    scan = scan_of(pdf, original_place.page, tmp_path / "scan.pdf")
    rel = load_release(scan, checks=False, ocr=True)
    assert rel.layout == "ocr" and rel.original.ocr_pages == [1]
    assert any("read by OCR" in f.message for f in rel.findings)
    ocr_st = rel.statement("operating_summary")
    # "Total Revenues 70,752 76,690 8.4" in JPY millions, nine months to Dec 31, 2012
    ocr_row = next(it for it in ocr_st.items if it.label == "Total Revenues")
    ocr_col = next(c for c in ocr_st.columns
                   if c.role == "value" and c.period and c.period.end == dt.date(2012, 12, 31))
    cell = ocr_row.cells[ocr_col.key]
    assert (cell.value, ocr_col.scale, ocr_col.unit) == (76690, 1_000_000, "JPY")
    place = rel.original.places_in(cell.start, cell.end)[0]
    assert place.page == 1
    # the box OCR found is where the figure was printed (within a couple of points)
    assert all(abs(a - b) < 3 for a, b in zip(place.box, original_place.box)), (place.box, original_place.box)


def _phrase(text: str, x: int, y: int) -> list[tuple[str, int, int]]:
    """Words of a phrase as OCR boxes them: 22 pixels a letter, one 18-pixel space between words."""
    out = []
    for word in text.split():
        out.append((word, x, y))
        x += len(word) * 22 + 18
    return out


FAKE_TSV = (  # what Tesseract says about a page at 300 dpi: words and their boxes in pixels
    _phrase("Internet Initiative Japan Inc.", 300, 300) + _phrase("Operating Results Summary", 300, 500)
    + _phrase("3Q11", 1500, 600) + _phrase("3Q12", 1900, 600)
    + _phrase("JPY millions", 1370, 660) + _phrase("JPY millions", 1770, 660)
    + _phrase("Total Revenues", 300, 720) + _phrase("70,752", 1460, 720) + _phrase("76,690", 1860, 720)
    + _phrase("Operating Income", 300, 780) + _phrase("3,998", 1482, 780) + _phrase("5,043", 1882, 780))


def fake_tesseract(folder):
    """A stand-in for the tesseract program that prints the same words for any page."""
    lines = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"]
    lines += [f"5\t1\t1\t1\t1\t{n}\t{x}\t{y}\t{len(w) * 22}\t40\t95\t{w}" for n, (w, x, y) in enumerate(FAKE_TSV)]
    script = folder / "tesseract"
    script.write_text("#!/bin/sh\ncat > /dev/null\ncat <<'EOF'\n" + "\n".join(lines) + "\nEOF\n")
    script.chmod(0o755)
    return str(script)


def test_ocr_plumbing_with_a_stand_in_for_tesseract(tmp_path, monkeypatch):
    from iijview.parse import ocr
    from test_originals_errors import _pdf, _scan_page

    monkeypatch.setattr(ocr, "tesseract_path", lambda: fake_tesseract(tmp_path))
    scan = _pdf(tmp_path / "scan.pdf", _scan_page)
    rel = load_release(scan, checks=False, ocr=True)
    assert "Total Revenues\t70,752\t76,690" in rel.text
    st = rel.statement("operating_summary")
    cell = next(it for it in st.items if it.label == "Total Revenues").cells
    assert sorted(c.value for c in cell.values()) == [70752, 76690]
    place = rel.original.places_in(rel.text.index("76,690"), rel.text.index("76,690") + 6)[0]
    assert place.page == 1 and place.box == (446.4, 172.8, 478.1, 182.4)
