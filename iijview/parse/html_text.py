"""Read a saved HTML release page with lxml: tables cell by cell as tab-separated rows, the rest as lines.

Each innermost <table> becomes one line per row with its cells in their columns (colspan and rowspan
keep the columns; a sign or a currency printed in a cell of its own joins its number); headings,
paragraphs and list items become lines; <pre> keeps its text as printed. Every cell and every
stretch of prose keeps its place: table, row and cell, or the element's path.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from iijview.model import Original
from iijview.parse.decode import DecodeError, decode
from iijview.parse.errors import ReleaseError
from iijview.parse.page_layout import TextWriter

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "object", "iframe", "head", "select",
                   "button", "input", "textarea", "map", "canvas", "video", "audio"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                    "section", "article", "header", "footer", "nav", "aside", "main", "blockquote", "figure",
                    "figcaption", "address", "center", "form", "hr", "tr", "td", "th", "caption", "table",
                    "tbody", "thead", "tfoot", "body", "html", "fieldset", "legend", "details", "summary"})
_SPACE = re.compile(r"[ \t\r\n\f\u00a0\u200b]+")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_OPENING = frozenset({"(", "$", "¥", "￥", "JPY", "US$", "USD"})  # a lone dash is a nil, not a sign
_CLOSING = frozenset({")", "%", ")%", "%)", "pts", "pt"})
_HAS_DIGIT = re.compile(r"\d")


@dataclass
class HtmlText:
    """What the page gave: its text, the place of each cell and stretch of prose, and its table count."""

    text: str
    original: Original
    tables: int                   # tables (and <pre> blocks) with figures in them


def decode_html(data: bytes) -> str:
    """The page's text: its byte-order mark, else the charset its <meta> names, else the usual guesses."""
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if data.startswith(bom):
            return decode(data)[0]
    m = _META_CHARSET.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        name = {"shift_jis": "cp932", "x-sjis": "cp932", "sjis": "cp932", "iso-8859-1": "cp1252",
                "windows-1252": "cp1252"}.get(name, name)
        try:
            return data.decode(name, errors="replace")
        except LookupError:
            pass
    try:
        return decode(data)[0]
    except DecodeError:
        raise ReleaseError("the HTML page is not text in any encoding iijview knows") from None


def _hidden(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.get("hidden") is not None or "display:none" in style or "visibility:hidden" in style


def _cell_text(el) -> str:
    return _SPACE.sub(" ", " ".join(t for t in el.itertext())).strip()


def _is_leaf_table(el) -> bool:
    return not el.xpath(".//table")


class _Reader:
    """Walks the page in reading order, writing lines and remembering places."""

    def __init__(self, tree) -> None:
        self.tree = tree
        self.out = TextWriter()
        self.pending: list[tuple[str, str]] = []   # inline text waiting for its line: (text, element path)
        self.tables = 0
        self.figure_tables = 0

    def flush(self) -> None:
        """End the current line of prose (runs of white space become one space)."""
        parts: list[tuple[bool, str, str]] = []   # (space before, text, element path)
        space = False
        for raw, path in self.pending:
            text = _SPACE.sub(" ", raw)
            if not text:
                continue
            space = space or text[0] == " "
            core = text.strip()
            if core:
                parts.append((space and bool(parts), core, path))
                space = text[-1] == " "
        self.pending = []
        if not parts:
            return
        for before, core, path in parts:
            if before:
                self.out.write(" ")
            self.out.word(core, element=path)
        self.out.write("\n")

    def walk(self, el) -> None:
        """Write an element and its children (not its tail)."""
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP or _hidden(el):
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table" and _is_leaf_table(el):
            self.flush()
            self.table(el)
            return
        if tag == "pre":
            self.flush()
            self.pre(el)
            return
        block = tag in _BLOCK
        if block:
            self.flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "p", "table"):
                self.out.blank_line()
        path = self.tree.getpath(el)
        if el.text:
            self.pending.append((el.text, path))
        for child in el:
            self.walk(child)
            if child.tail:
                self.pending.append((child.tail, path))
        if block:
            self.flush()

    def pre(self, el) -> None:
        """Text printed as it is (old newswire pages set their tables in <pre>)."""
        path = self.tree.getpath(el)
        text = "".join(el.itertext()).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
        self.out.blank_line()
        numbered = 0
        for line in text.split("\n"):
            if line.strip():
                self.out.word(line.rstrip(), element=path)
                numbered += bool(_HAS_DIGIT.search(line))
            self.out.write("\n")
        self.out.blank_line()
        if numbered >= 3:
            self.figure_tables += 1

    def table(self, el) -> None:
        """One line per row, each cell in its column."""
        self.tables += 1
        number = self.tables
        caption = el.find("caption")
        if caption is not None and _cell_text(caption):
            self.pending.append((_cell_text(caption), self.tree.getpath(caption)))
            self.flush()
        rows = [tr for tr in el.iter("tr") if not _hidden(tr)]
        spans: dict[int, int] = {}     # column -> rows a cell above still covers
        figures = 0
        self.out.blank_line()
        for r, tr in enumerate(rows, start=1):
            grid: list[tuple[str, int] | None] = []
            col = 0
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag not in ("td", "th") or _hidden(cell):
                    continue
                while spans.get(col, 0) > 0:
                    grid.append(None)
                    spans[col] -= 1
                    col += 1
                text = _cell_text(cell)
                grid.append((text, col + 1) if text else None)
                width = _int(cell.get("colspan"), 1, 50)
                down = _int(cell.get("rowspan"), 1, 500)
                for k in range(width):
                    if down > 1:
                        spans[col + k] = down - 1
                grid.extend([None] * (width - 1))
                col += width
            while spans.get(col, 0) > 0:   # cells above that reach past this row's last cell
                grid.append(None)
                spans[col] -= 1
                col += 1
            texts = _join_signs([g[0] if g else "" for g in grid])
            while texts and not texts[-1]:
                texts.pop()
            if not any(texts):
                continue
            figures += any(_HAS_DIGIT.search(t) for t in texts[1:])
            for c, text in enumerate(texts):
                if c:
                    self.out.write("\t")
                if text:
                    self.out.word(text, table=number, row=r, cell=c + 1)
            self.out.write("\n")
        self.out.blank_line()
        if figures >= 2:
            self.figure_tables += 1


def _int(value, default: int, most: int) -> int:
    try:
        return max(1, min(int(str(value).strip()), most))
    except (TypeError, ValueError):
        return default


def _join_signs(cells: list[str]) -> list[str]:
    """A sign, bracket or currency printed in a cell of its own joins the number next to it (its cell
    stays, empty, so the columns keep their places)."""
    out = list(cells)
    for i, text in enumerate(out):
        if text in _OPENING:
            j = next((j for j in range(i + 1, len(out)) if out[j]), None)
            if j is not None and _HAS_DIGIT.search(out[j][:2]):
                out[j] = text + out[j]
                out[i] = ""
        elif text in _CLOSING:
            j = next((j for j in range(i - 1, -1, -1) if out[j]), None)
            if j is not None and _HAS_DIGIT.search(out[j][-2:]):
                out[j] += text
                out[i] = ""
    return out


def read_html(data: bytes) -> HtmlText:
    """A saved HTML page's text and places; ReleaseError when it cannot be read."""
    import lxml.html
    from lxml import etree

    text = decode_html(data)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses an XML declaration in a str
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        raise ReleaseError("the HTML page is empty or cannot be read") from None
    tree = root.getroottree()
    reader = _Reader(tree)
    title = root.find(".//title")
    if title is not None and _cell_text(title):
        reader.pending.append((_cell_text(title), tree.getpath(title)))
        reader.flush()
        reader.out.blank_line()
    body = root.find("body")
    reader.walk(body if body is not None else root)
    reader.flush()
    return HtmlText(reader.out.text(), Original("html", reader.out.places), reader.figure_tables)
