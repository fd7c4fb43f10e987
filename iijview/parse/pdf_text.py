"""Read a PDF's text layer with pypdfium2: every printed character with its box, laid out as release text.

Characters come with their boxes in page space; they are turned to the page as displayed (crop box
and rotation applied, points from the top left), joined into runs, and handed to `page_layout`,
which makes the lines, cells and columns. Pages without a text layer are counted (they are scans)
and read with OCR when asked.
"""
from __future__ import annotations

import ctypes
import math
import re
import threading
import time
from dataclasses import dataclass, field

from iijview.model import Original
from iijview.parse.errors import NeedsOcr, ReleaseError
from iijview.parse.page_layout import WORD_GAP, Frag, PageText, lay_out

# PDFium may not be called from two threads at once, even for two documents: every use holds this lock
# (reading here, rendering in the app's source pane).
PDFIUM = threading.RLock()
# Reading the text layer stops with a clear sentence after this long (a release reads in well under a second).
TEXT_SECONDS = 30.0
MAX_PAGES = 1000
_PAGE_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b")
# Characters a font gives when it does not say which letter it draws (private use, replacement, controls).
_ODD = re.compile("[\ue000-\uf8ff\ufffd\uffff]")
_SPACES = frozenset(" \t\r\n\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff")


@dataclass
class PdfText:
    """What the text layer gave: laid-out text, places, page sizes and the pages that need OCR."""

    text: str
    original: Original
    scanned: list[int] = field(default_factory=list)     # pages with images but no readable text
    blank: list[int] = field(default_factory=list)       # pages with neither text nor images
    pages: list[PageText] = field(default_factory=list)  # the printed pieces of every page


def open_pdf(data: bytes):
    """The pdfium document, or ReleaseError saying why it cannot be opened (password, damage)."""
    import pypdfium2 as pdfium

    try:
        with PDFIUM:
            return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (4, 5):  # FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY
            raise ReleaseError("the PDF is protected by a password; open it in a PDF reader, save or print "
                               "a copy without the password and open that copy") from None
        counts = [a or b for a, b in _PAGE_COUNT.findall(data[-200000:])]
        if counts and not any(int(n) for n in counts):  # pdfium refuses a document without pages
            raise ReleaseError("the PDF has no pages") from None
        raise ReleaseError("the PDF is damaged and cannot be read (its structure is broken or the file "
                           "is incomplete); download it again") from None


def _display_transform(page):
    """Affine map from page space to the page as displayed, in points from its top left."""
    import pypdfium2.raw as raw

    width, height = page.get_size()
    scale = 100  # FPDF_PageToDevice gives whole device pixels: work at 1/100 point
    sx, sy = ctypes.c_int(), ctypes.c_int()

    def dev(x: float, y: float) -> tuple[float, float]:
        raw.FPDF_PageToDevice(page.raw, 0, 0, int(width * scale), int(height * scale), 0, x, y,
                              ctypes.byref(sx), ctypes.byref(sy))
        return sx.value / scale, sy.value / scale

    ox, oy = dev(0.0, 0.0)
    ax, ay = dev(1000.0, 0.0)
    bx, by = dev(0.0, 1000.0)
    return (ox, oy, (ax - ox) / 1000, (ay - oy) / 1000, (bx - ox) / 1000, (by - oy) / 1000), (width, height)


def _page_chars(tp, n: int) -> str:
    """The text page's characters, one per index (pdfium's own text in one call where it lines up)."""
    import pypdfium2.raw as raw

    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = raw.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[:max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) == n:
        return text
    # characters beyond the basic plane take two units there: ask for each one
    return "".join(chr(c) if 0 < (c := raw.FPDFText_GetUnicode(tp, i)) < 0x110000 else "\ufffd" for i in range(n))


def _page_frags(page) -> tuple[list[Frag], int, int]:
    """The page's text as runs of characters with display boxes; and counts of readable and odd characters."""
    import pypdfium2.raw as raw

    (ox, oy, xx, xy, yx, yy), _size = _display_transform(page)
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        n = raw.FPDFText_CountChars(tp)
        chars = _page_chars(tp, n)
        rect = raw.FS_RECTF()
        get_box, get_angle = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharAngle
        turn = math.radians(page.get_rotation())   # angles are on the page as stored, not as shown
        frags: list[Frag] = []
        cur: list[str] = []
        box = [0.0, 0.0, 0.0, 0.0]
        for i, ch in enumerate(chars):
            if ch in _SPACES or ch < " " and ch != "\x02" or ch >= "\ue000" and _ODD.match(ch):
                if cur:
                    frags.append(Frag("".join(cur), *box))
                    cur = []
                continue
            if ch == "\x02" or ch == "\ufffe":  # pdfium's mark for a hyphen that ends a line
                ch = "-"
            if not get_box(tp, i, rect):
                continue
            # corners to display space (a rotated page turns the box; keep it upright)
            x_a, y_a = ox + xx * rect.left + yx * rect.top, oy + xy * rect.left + yy * rect.top
            x_b, y_b = ox + xx * rect.right + yx * rect.bottom, oy + xy * rect.right + yy * rect.bottom
            x0, x1 = (x_a, x_b) if x_a <= x_b else (x_b, x_a)
            top, bottom = (y_a, y_b) if y_a <= y_b else (y_b, y_a)
            if cur:
                h = box[3] - box[1] or 0.1
                if -0.3 * h < top - box[1] < 0.3 * h and -0.5 * h < x0 - box[2] < WORD_GAP * h:
                    cur.append(ch)
                    if x1 > box[2]:
                        box[2] = x1
                    continue
                frags.append(Frag("".join(cur), *box))
                cur = []
            angle = (get_angle(tp, i) + turn) % math.tau  # asked once a run: a run is printed at one angle
            if 0.05 < angle < math.tau - 0.05:  # rotated text (axis titles, stamps) is not part of a row
                continue
            cur = [ch]
            box = [x0, top, x1, bottom]
        if cur:
            frags.append(Frag("".join(cur), *box))
        odd = len(_ODD.findall(chars))
        return frags, n - odd - sum(1 for ch in chars if ch in _SPACES or ch < " "), odd
    finally:
        textpage.close()


def has_images(page) -> bool:
    """True when the page draws an image (a scan, a photo, a chart)."""
    import pypdfium2.raw as raw

    return any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))


def read_text_layer(pdf, *, seconds: float | None = None) -> PdfText:
    """Every page's text laid out in reading order; pages without readable text are listed as scans or blank."""
    seconds = TEXT_SECONDS if seconds is None else seconds
    with PDFIUM:
        n = len(pdf)
    if n == 0:
        raise ReleaseError("the PDF has no pages")
    if n > MAX_PAGES:
        raise ReleaseError(f"the PDF has {n} pages, more than an earnings release ever has ({MAX_PAGES} at most)")
    deadline = time.monotonic() + seconds
    pages: list[PageText] = []
    sizes: list[tuple[float, float]] = []
    scanned: list[int] = []
    blank: list[int] = []
    for k in range(n):
        if time.monotonic() > deadline:
            raise ReleaseError(f"reading the PDF's text took longer than {seconds:.0f} seconds (page {k + 1} of "
                               f"{n}), so it was stopped")
        with PDFIUM:
            page = pdf[k]
            try:
                width, height = page.get_size()
                frags, good, odd = _page_frags(page)
                images = good < 20 and has_images(page)
            finally:
                page.close()
        sizes.append((round(width, 2), round(height, 2)))
        if good < 20 or odd > good:  # no text layer, or fonts that do not say which letters they draw
            (scanned if images or odd > good else blank).append(k + 1)
            frags = [] if odd > good else frags
        pages.append(PageText(k + 1, width, height, frags))
    text, places = lay_out(pages)
    return PdfText(text, Original("pdf", places, sizes), scanned, blank, pages)


def read_pdf(data: bytes, *, ocr: bool = False) -> PdfText:
    """A PDF's text and places; pages without a text layer are read with OCR when `ocr` is set.

    Raises ReleaseError for a PDF that cannot be read, and NeedsOcr for a scan when OCR was not asked."""
    pdf = open_pdf(data)
    try:
        with PDFIUM:
            n = len(pdf)
        result = read_text_layer(pdf)
        if result.scanned and (ocr or not result.text.strip()):
            if not ocr:
                raise NeedsOcr(_scan_sentence(len(result.scanned), n))
            from iijview.parse.ocr import ocr_pages
            result = ocr_pages(pdf, result)
        elif not result.text.strip():
            raise ReleaseError("the PDF's pages are blank: it has no text and no images")
        return result
    finally:
        with PDFIUM:
            pdf.close()


def _scan_sentence(scanned: int, total: int) -> str:
    from iijview.parse.ocr import tesseract_path

    what = "a scan without a text layer" if scanned == total else \
        f"a scan without a text layer on {scanned} of its {total} pages"
    if tesseract_path():
        return f"the PDF is {what}; it can be read with OCR (Tesseract), which takes a few seconds a page"
    return f"the PDF is {what}; install Tesseract OCR (package tesseract-ocr) to read it"
