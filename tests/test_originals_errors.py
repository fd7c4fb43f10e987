"""PDF and HTML files that cannot be read each get one clear sentence; nothing hangs; text files unchanged."""
from __future__ import annotations

import io
import subprocess
import sys

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from iijview.loader import NeedsOcr, ReleaseError, load_release
from iijview.parse import originals, pdf_text


def _pdf(path, draw, **kw):
    c = canvas.Canvas(str(path), pagesize=A4, **kw)
    draw(c)
    c.showPage()
    c.save()
    return path


def _text_page(c):
    c.setFont("Helvetica", 10)
    c.drawString(50, 780, "Internet Initiative Japan Inc. announces its results for the nine months.")


def _scan_page(c):
    """A page that is one picture of printed text (what a scanner gives)."""
    img = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(img).text((100, 100), "Total revenues 76,690", fill=0)
    c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])


def _message(path, **kw) -> str:
    with pytest.raises(ReleaseError) as info:
        load_release(path, checks=False, **kw)
    text = str(info.value)
    assert "\n" not in text and text.endswith(".") and text.startswith(path.name + ":")
    return text


def test_sniff_tells_pdf_html_and_text_apart():
    assert originals.sniff(b"%PDF-1.7\n...") == "pdf"
    assert originals.sniff(b"\xef\xbb\xbf<!DOCTYPE html><html><body>x") == "html"
    assert originals.sniff(b"  <html lang='en'><head>") == "html"
    assert originals.sniff(b"<!-- saved from url -->\n<html>") == "html"
    assert originals.sniff(b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n") == "mhtml"
    # a text release with conversion markup in it is still text
    assert originals.sniff(b"For Immediate Release\n<u>IIJ Announces</u>\n") == ""
    assert originals.sniff(b"Revenues\t<b>76,690</b>") == ""


def test_password_protected_pdf(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = _pdf(tmp_path / "locked.pdf", _text_page, encrypt=StandardEncryption("secret", "owner"))
    assert "protected by a password" in _message(path)


def test_pdf_with_only_an_owner_password_opens(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = _pdf(tmp_path / "owner.pdf", _text_page, encrypt=StandardEncryption("", "owner", canCopy=0))
    # it was read: the sentence is about what it says, not about the lock
    assert "this is not an IIJ earnings release" in _message(path)


def test_damaged_and_truncated_pdfs(tmp_path):
    bad = tmp_path / "damaged.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is not a PDF at all\n")
    assert "damaged" in _message(bad)
    good = _pdf(tmp_path / "good.pdf", _text_page).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good[: len(good) // 3])
    text = _message(cut)
    assert "damaged" in text or "no statement tables" in text or "blank" in text


def test_pdf_without_pages(tmp_path):
    path = tmp_path / "empty.pdf"
    body = [b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
            b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"]
    data, offsets = b"%PDF-1.4\n", []
    for obj in body:
        offsets.append(len(data))
        data += obj
    xref = len(data)
    data += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    data += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(data)
    assert "has no pages" in _message(path)


def test_pdf_with_blank_pages(tmp_path):
    path = _pdf(tmp_path / "blank.pdf", lambda c: None)
    assert "blank" in _message(path)


def test_scanned_pdf_asks_for_ocr(tmp_path):
    path = _pdf(tmp_path / "scan.pdf", _scan_page)
    with pytest.raises(NeedsOcr) as info:
        load_release(path, checks=False)
    text = str(info.value)
    assert "scan without a text layer" in text and "OCR" in text
    assert text.startswith("scan.pdf:")


def test_scan_sentence_without_tesseract(tmp_path, monkeypatch):
    from iijview.parse import ocr

    monkeypatch.setattr(ocr, "tesseract_path", lambda: None)
    path = _pdf(tmp_path / "scan.pdf", _scan_page)
    assert "install Tesseract OCR (package tesseract-ocr)" in _message(path)
    with pytest.raises(ReleaseError, match="needs Tesseract"):
        load_release(path, checks=False, ocr=True)


def test_reading_stops_at_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_text, "TEXT_SECONDS", -1.0)
    path = _pdf(tmp_path / "slow.pdf", _text_page)
    assert "took longer than" in _message(path)


def test_html_without_tables(tmp_path):
    path = tmp_path / "index.html"
    path.write_text("<html><body><h1>IIJ news</h1><p>Internet Initiative Japan Inc. posted its results."
                    "</p></body></html>", "utf-8")
    assert "has no tables" in _message(path)


def test_empty_and_textless_html(tmp_path):
    path = tmp_path / "frame.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body>  </body></html>", "utf-8")
    assert "has no text" in _message(path)


def test_html_in_shift_jis_and_in_a_web_archive(tmp_path):
    page = ("<html><head><meta charset='shift_jis'></head><body><p>決算 Internet Initiative Japan</p>"
            "<table><tr><td></td><td>3Q11</td><td>3Q12</td></tr><tr><td></td><td>JPY millions</td>"
            "<td>JPY millions</td></tr><tr><td>Total Revenues</td><td>70,752</td><td>76,690</td></tr>"
            "<tr><td>Operating Income</td><td>3,998</td><td>5,043</td></tr></table></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp932"))
    rel = load_release(path, checks=False)
    assert "決算" in rel.text
    archive = tmp_path / "page.mht"
    archive.write_bytes(b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"b\"\n\n--b\n"
                        b"Content-Type: text/html; charset=\"shift_jis\"\nContent-Transfer-Encoding: 8bit\n\n"
                        + page.encode("cp932") + b"\n--b--\n")
    again = load_release(archive, checks=False)
    assert [(it.label, [c.text for c in it.cells.values()]) for it in again.statements[0].items] == \
        [(it.label, [c.text for c in it.cells.values()]) for it in rel.statements[0].items]


def test_html_sign_and_currency_cells_join_their_numbers(tmp_path):
    path = tmp_path / "wire.html"
    path.write_text(
        "<html><body><p>Internet Initiative Japan Inc. results</p><table>"
        "<tr><td></td><td colspan='2'>3Q11</td><td colspan='2'>3Q12</td></tr>"
        "<tr><td></td><td colspan='2'>JPY millions</td><td colspan='2'>JPY millions</td></tr>"
        "<tr><td>Total Revenues</td><td>JPY</td><td>70,752</td><td>JPY</td><td>76,690</td></tr>"
        "<tr><td>Other income (expense)</td><td>(</td><td>218)</td><td>(</td><td>97</td><td>)</td></tr>"
        "<tr><td>Operating Income</td><td></td><td>3,998</td><td></td><td>5,043</td></tr>"
        "</table></body></html>", "utf-8")
    rel = load_release(path, checks=False)
    lines = [ln for ln in rel.text.splitlines() if ln.startswith(("Total", "Other"))]
    assert lines == ["Total Revenues\t\tJPY70,752\t\tJPY76,690", "Other income (expense)\t\t(218)\t\t(97)"]


def test_cli_reads_pdf_and_reports_a_bad_one_and_goes_on(tmp_path):
    from documents import build_published

    files = build_published(tmp_path / "docs")
    pdf, _sample = files["conv-rows.pdf"]
    bad = tmp_path / "damaged.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing else")
    proc = subprocess.run([sys.executable, "-m", "iijview", "--workspace", str(tmp_path / "ws"), "facts",
                           str(bad), str(pdf)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["iijview: damaged.pdf: the PDF is damaged and cannot be read (its "
                                                "structure is broken or the file is incomplete); download it again."]
    rows = proc.stdout.splitlines()
    assert rows[0].startswith("release,statement,label") and len(rows) > 900
    assert any(r.startswith("conv-rows.pdf,operating_summary,Total Revenues,total_revenues,,2012-12-31,9,76690")
               for r in rows)


def test_cli_offers_ocr_for_a_scan_and_reads_it_with_the_flag(tmp_path, monkeypatch):
    from iijview.cli import main
    from iijview.parse import ocr
    from test_originals_ocr import fake_tesseract

    monkeypatch.setattr(ocr, "tesseract_path", lambda: fake_tesseract(tmp_path))
    scan = _pdf(tmp_path / "scan.pdf", _scan_page)
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["--workspace", str(tmp_path / "ws"), "facts", str(scan)]) == 2
    assert err.getvalue().strip().endswith("Add --ocr (before the command) to read it.")
    assert main(["--ocr", "--workspace", str(tmp_path / "ws"), "facts", str(scan)]) == 0
    assert "scan.pdf,operating_summary,Total Revenues,total_revenues,,2012-12-31,9,76690" in out.getvalue()
