"""Releases as published: tell a PDF or an HTML page from text, and read it into text the parser reads.

`read_original` is the pipeline's first step for such files: it gives the text (in the 'converted'
form: one printed row a line, cells split by tabs), the places of its words in the original, and
what to say about parts that could not be read. Plain text gives None and is decoded as before.
"""
from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field

from iijview.model import Finding, Original, Release
from iijview.parse.errors import NeedsOcr, ReleaseError

# What users open, for file dialogs and desktop "Open With" entries.
FILE_KINDS = (("Text", ("*.txt",)), ("PDF", ("*.pdf",)), ("HTML", ("*.html", "*.htm", "*.xhtml", "*.mht", "*.mhtml")))
MIME_TYPES = ("text/plain", "text/html", "application/xhtml+xml", "application/pdf", "application/x-mimearchive")

_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         rb"<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|h[1-6])\b", re.I | re.S)
_MHTML = re.compile(rb"^\s*(?:[\w-]+:[^\n]*\n)*?MIME-Version:", re.I)


@dataclass
class OriginalText:
    """A PDF or HTML release read as text: the text, where its words were, and what could not be read."""

    text: str
    original: Original
    layout: str                   # pdf | ocr | html
    notes: list[str] = field(default_factory=list)
    empty_reason: str = ""        # the sentence to give when no statement can be read from it

    def attach(self, release: Release) -> None:
        """Give the parsed release its original, its layout and findings about parts not read."""
        release.original = self.original
        release.layout = self.layout
        for note in self.notes:
            release.findings.append(Finding("original", note, severity="info"))


def sniff(data: bytes) -> str:
    """'pdf', 'html' or 'mhtml' for a published release file, '' for text."""
    head = data[:2048]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if _HTML_START.match(head):
        return "html"
    if _MHTML.match(head) and b"multipart/related" in head.lower():
        return "mhtml"
    return ""


def read_original(data: bytes, label: str, *, ocr: bool = False) -> OriginalText | None:
    """The text of a PDF or HTML release (None for a text file); ReleaseError saying why one cannot be read.

    `ocr` reads the pages of a PDF that have no text layer with Tesseract; without it such a PDF raises
    NeedsOcr, whose sentence offers OCR."""
    kind = sniff(data)
    if not kind:
        return None
    try:
        if kind == "pdf":
            return _from_pdf(data, ocr)
        if kind == "mhtml":
            data = _html_part(data)
        return _from_html(data)
    except NeedsOcr as exc:
        raise NeedsOcr(f"{label}: {exc}.") from None
    except ReleaseError as exc:
        raise ReleaseError(f"{label}: {exc}.") from None
    except MemoryError:
        raise ReleaseError(f"{label}: the file is too large to read.") from None
    except Exception as exc:  # noqa: BLE001 - a reader's failure on one damaged file is that file's problem
        what = "PDF" if kind == "pdf" else "HTML page"
        raise ReleaseError(f"{label}: the {what} could not be read ({type(exc).__name__}: {exc}).") from None


def _from_pdf(data: bytes, ocr: bool) -> OriginalText:
    from iijview.parse.pdf_text import read_pdf

    result = read_pdf(data, ocr=ocr)
    notes = []
    if result.scanned:
        pages = _pages(result.scanned)
        notes.append(f"Page{'s' if len(result.scanned) > 1 else ''} {pages} of the PDF "
                     f"{'are scans' if len(result.scanned) > 1 else 'is a scan'} without a text layer and "
                     f"{'were' if len(result.scanned) > 1 else 'was'} not read; open the file again with OCR "
                     "to read them.")
    if result.original.ocr_pages:
        many = len(result.original.ocr_pages) > 1
        notes.append(f"Page{'s' if many else ''} {_pages(result.original.ocr_pages)} "
                     f"{'were' if many else 'was'} read by OCR: check the figures against the page.")
    layout = "ocr" if result.original.ocr_pages else "pdf"
    reason = (f"no statement tables could be read from the PDF's text, and pages {_pages(result.scanned)} are "
              "scans: open it again with OCR to read them.") if result.scanned else ""
    return OriginalText(result.text, result.original, layout, notes, reason)


def _from_html(data: bytes) -> OriginalText:
    from iijview.parse.html_text import read_html

    result = read_html(data)
    if not result.text.strip():
        raise ReleaseError("the HTML page has no text")
    reason = "" if result.tables else ("the HTML page has no tables, and no statement could be read from its "
                                       "text; save the release page itself rather than an index or a frame.")
    return OriginalText(result.text, result.original, "html", [], reason)


def _html_part(data: bytes) -> bytes:
    """The HTML of a saved web archive (.mht), or ReleaseError."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                charset = part.get_content_charset()
                if charset and b"charset" not in payload[:2048].lower():
                    payload = f'<meta charset="{charset}">'.encode() + payload
                return payload
    raise ReleaseError("the web archive holds no HTML page")


def _pages(numbers: list[int]) -> str:
    """'3', '3 and 5', '2-4 and 7'."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    parts = [str(a) if a == b else f"{a}-{b}" for a, b in runs]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
