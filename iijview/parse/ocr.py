"""OCR for PDF pages without a text layer: render each page, read its words and boxes with Tesseract."""
from __future__ import annotations

import os
import shutil
import subprocess
import time

from iijview.parse.errors import ReleaseError
from iijview.parse.page_layout import Frag, PageText

DPI = 300
PAGE_SECONDS = 90.0       # one page never takes longer than this
TOTAL_SECONDS = 1800.0    # nor a whole document


def tesseract_path() -> str | None:
    """The tesseract program, or None when it is not installed."""
    return shutil.which("tesseract")


def page_image(page, dpi: int = DPI) -> bytes:
    """The page rendered in grey at `dpi`, as a PGM image (what Tesseract reads from stdin)."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        buf = bytes(bitmap.buffer)
        if bitmap.n_channels != 1:  # a build without grey rendering: take one channel
            step = bitmap.n_channels
            rows = [buf[r * stride:r * stride + width * step:step] for r in range(height)]
        else:
            rows = [buf[r * stride:r * stride + width] for r in range(height)]
    finally:
        bitmap.close()
    return b"P5\n%d %d\n255\n" % (width, height) + b"".join(rows)


def read_words(image: bytes, scale: float, *, timeout: float = PAGE_SECONDS) -> list[Frag]:
    """Tesseract's words on a page image, with boxes in points (pixels divided by `scale`)."""
    exe = tesseract_path()
    if exe is None:
        raise ReleaseError("OCR needs Tesseract, which is not installed (package tesseract-ocr)")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # several threads per page only fight over the cores
    try:
        proc = subprocess.run([exe, "stdin", "stdout", "-l", "eng", "tsv"], input=image, capture_output=True,
                              timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise ReleaseError(f"OCR of a page took longer than {timeout:.0f} seconds, so it was stopped") from None
    except OSError as exc:
        raise ReleaseError(f"Tesseract could not be started ({exc.strerror or exc})") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise ReleaseError(f"Tesseract could not read a page ({detail[0]})")
    return parse_tsv(proc.stdout.decode("utf-8", "replace"), scale)


def parse_tsv(tsv: str, scale: float) -> list[Frag]:
    """Words of Tesseract's TSV output (level 5 rows with text) as boxes in points."""
    frags = []
    for line in tsv.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 12 or parts[0] != "5" or not parts[11].strip():
            continue
        try:
            left, top, width, height = (int(p) for p in parts[6:10])
        except ValueError:
            continue
        frags.append(Frag(parts[11].strip(), left / scale, top / scale, (left + width) / scale,
                          (top + height) / scale))
    return frags


def ocr_pages(pdf, result, *, dpi: int = DPI, seconds: float = TOTAL_SECONDS):
    """The PDF's text again, with its scanned pages read by OCR (a new PdfText)."""
    from iijview.parse.page_layout import lay_out
    from iijview.parse.pdf_text import PDFIUM, PdfText

    deadline = time.monotonic() + seconds
    pages = list(result.pages)
    for number in result.scanned:
        if time.monotonic() > deadline:
            raise ReleaseError(f"OCR took longer than {seconds / 60:.0f} minutes, so it was stopped")
        with PDFIUM:   # the page is rendered under the lock; Tesseract reads it without
            page = pdf[number - 1]
            try:
                width, height = page.get_size()
                image = page_image(page, dpi)
            finally:
                page.close()
        frags = read_words(image, dpi / 72)
        pages[number - 1] = PageText(number, width, height, frags)
    text, places = lay_out(pages)
    original = result.original
    original.places = places
    original.ocr_pages = list(result.scanned)
    return PdfText(text, original, [], result.blank, pages)
