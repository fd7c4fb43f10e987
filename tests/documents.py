"""Build PDF and HTML releases from the bundled text samples (test fixtures and benchmark inputs).

A sample's text is cut into blocks: runs of table rows (cells split at the sample's tabs, or, for
a sample without tabs, at the cells its parse found) and lines of prose. The blocks are written
as an HTML page (tables as <table>, prose as headings and paragraphs) or drawn as PDF pages with
reportlab, in two layouts: 'rows' (one page column, one table row per printed line, numbers
right-aligned in columns) and 'columns' (landscape pages in two text columns, tables kept in
their column). A sample can also be printed as it is, as a word processor prints a text file
(`printed_text_pdf`: lines too long for the page go on at the start of the next line).
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

_FONT = "ReleaseSans"
_BOLD = "ReleaseSans-Bold"
_MONO = "ReleaseMono"


@dataclass
class Block:
    """A table (rows of cells) or one line of prose."""

    kind: str                          # table | heading | text
    rows: list[list[str]] = field(default_factory=list)
    text: str = ""


def _split_by_cells(line: str, spans: list[tuple[int, int]]) -> list[str]:
    """A printed row cut into its label and its values at the parsed cells' spans (line-relative)."""
    cells = [line[:spans[0][0]].strip()]
    cells += [line[a:b].strip() for a, b in spans]
    return cells


def _cell_spans_by_line(release) -> dict[int, list[tuple[int, int]]]:
    """Spans of every parsed cell, by 1-based line (offsets within the whole text)."""
    out: dict[int, list[tuple[int, int]]] = {}
    for _st, _i, _row, _col, cell in release.iter_cells():
        if cell.start >= 0 and cell.line:
            out.setdefault(cell.line, []).append((cell.start, cell.end))
    return out


def sample_blocks(path: Path) -> list[Block]:
    """The sample's text as blocks: tab-separated runs (or rows the parse found cells in) become tables."""
    from iijview.loader import load_release

    text = path.read_text("utf-8")
    lines = text.split("\n")
    tabbed = any("\t" in ln for ln in lines)
    spans: dict[int, list[tuple[int, int]]] = {}
    if not tabbed:
        release = load_release(path, checks=False)
        spans = _cell_spans_by_line(release)
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln) + 1)
    blocks: list[Block] = []
    for n, line in enumerate(lines, start=1):
        if tabbed and "\t" in line:
            row = line.split("\t")
        elif n in spans:
            base = offsets[n - 1]
            row = _split_by_cells(line, sorted({(a - base, b - base) for a, b in spans[n]}))
        else:
            row = None
        if row is not None:
            while row and not row[-1].strip():
                row.pop()
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(row)
            else:
                blocks.append(Block("table", [row]))
            continue
        stripped = _plain(line)
        if not stripped:
            if blocks and blocks[-1].kind != "text" or (blocks and blocks[-1].text):
                blocks.append(Block("text", text=""))
            continue
        kind = "heading" if len(stripped) < 70 and not stripped.endswith(".") else "text"
        blocks.append(Block(kind, text=stripped))
    return blocks


def _plain(line: str) -> str:
    """A prose line without conversion markup (underline tags, markdown emphasis and heading marks)."""
    for tag in ("<u>", "</u>", "**"):
        line = line.replace(tag, "")
    return line.lstrip("#").strip()


# -- HTML --------------------------------------------------------------------------------------

_NUMBER_CLASS = ' class="n"'

def html_release(blocks: list[Block], title: str) -> str:
    """An HTML page as a newswire prints a release: headings, paragraphs, tables cell by cell."""
    out = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\">",
           f"<title>{html.escape(title)}</title>",
           "<style>td.n{text-align:right} table{border-collapse:collapse} td{padding:0 6px}</style>",
           "</head><body>", "<div class=\"nav\"><a href=\"#\">Home</a> | <a href=\"#\">News</a></div>",
           "<article>"]
    for b in blocks:
        if b.kind == "table":
            out.append("<table>")
            for row in b.rows:
                cells = "".join(f"<td{_NUMBER_CLASS if i else ''}>{html.escape(c)}</td>"
                                for i, c in enumerate(row))
                out.append(f"  <tr>{cells}</tr>")
            out.append("</table>")
        elif b.kind == "heading":
            out.append(f"<h3>{html.escape(b.text)}</h3>")
        elif b.text:
            out.append(f"<p>{html.escape(b.text)}</p>")
    out += ["</article>", "<footer>Copyright notice of the page</footer>", "</body></html>"]
    return "\n".join(out)


# -- PDF ---------------------------------------------------------------------------------------

def _font_file() -> Path:
    """DejaVu Sans where the system has it (it prints every character of the samples), else Vera."""
    for folder in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
                   "/Library/Fonts", "C:/Windows/Fonts"):
        path = Path(folder) / "DejaVuSans.ttf"
        if path.exists():
            return path
    return Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"


def _register_fonts() -> None:
    if _FONT in pdfmetrics.getRegisteredFontNames():
        return
    regular = _font_file()
    bold = regular.with_name("DejaVuSans-Bold.ttf" if regular.name.startswith("DejaVu") else "VeraBd.ttf")
    mono = regular.with_name("DejaVuSansMono.ttf")
    pdfmetrics.registerFont(TTFont(_FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(_BOLD, str(bold if bold.exists() else regular)))
    pdfmetrics.registerFont(TTFont(_MONO, str(mono if mono.exists() else
                                              Path(reportlab.__file__).parent / "fonts" / "VeraMono.ttf")))


def _width(text: str, size: float, font: str = _FONT) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def _wrap(text: str, width: float, size: float, font: str = _FONT) -> list[str]:
    words, lines, cur = text.split(), [], ""
    for w in words:
        trial = f"{cur} {w}" if cur else w
        if cur and _width(trial, size, font) > width:
            lines.append(cur)
            cur = w
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines or [""]


class _Flow:
    """Lays lines down the text columns of pages, top to bottom, column after column; a block that is
    too wide for a column spans the page (the columns go on below it)."""

    def __init__(self, c: canvas.Canvas, pagesize, columns: int, margin: float = 40, gutter: float = 24):
        self.c, self.pagesize, self.columns = c, pagesize, columns
        self.margin = margin
        w, h = pagesize
        self.column_width = (w - 2 * margin - gutter * (columns - 1)) / columns
        self.gutter = gutter
        self.top = self.region_top = h - margin
        self.bottom = margin + 20
        self.page = 1
        self.col = 0
        self.y = self.top
        self.spanning = False

    @property
    def col_width(self) -> float:
        return self.pagesize[0] - 2 * self.margin if self.spanning else self.column_width

    @property
    def x(self) -> float:
        return self.margin if self.spanning else self.margin + self.col * (self.column_width + self.gutter)

    def need(self, height: float) -> None:
        if self.y - height < self.bottom:
            self.next_column()

    def next_column(self) -> None:
        self.col += 1
        if self.spanning or self.col >= self.columns:
            self.new_page()
        self.y = self.region_top

    def new_page(self) -> None:
        self.c.setFont(_FONT, 8)
        self.c.drawCentredString(self.pagesize[0] / 2, self.margin, f"- {self.page} -")
        self.c.showPage()
        self.page += 1
        self.col = 0
        self.y = self.top = self.region_top = self.pagesize[1] - self.margin

    def span(self) -> None:
        """Start a block across the page: on a new page unless nothing is on this one yet."""
        if self.columns > 1 and not self.spanning:
            if self.col or self.y < self.region_top:
                self.new_page()
            self.spanning = True

    def end_span(self) -> None:
        """The columns go on below the block."""
        if self.spanning:
            self.spanning = False
            self.col = 0
            self.region_top = self.y

    def finish(self) -> None:
        self.new_page()


def _min_label_width(rows: list[list[str]], size: float) -> float:
    """Width the widest value cells leave wanting: how much room the row labels need at this size."""
    return max((_width(r[0].strip(), size) for r in rows if r), default=0.0) * 0.5 + sum(
        max((_width(r[i].strip(), size) for r in rows if len(r) > i), default=0.0) for i in range(1, max(map(len, rows))))


def _is_number_cell(text: str) -> bool:
    t = text.strip()
    return bool(t) and (t[0].isdigit() or t[0] in "(-△Δ+—" or t.startswith("JPY"))


def _draw_table(flow: _Flow, rows: list[list[str]], size: float, top_aligned: bool = False) -> None:
    """Draw a table as a word processor does: labels left, the other cells flush right in columns; a
    label too wide for its column wraps, and the row's figures sit on its last line (on its first when
    `top_aligned`)."""
    ncols = max(len(r) for r in rows)
    gap = size * 1.6

    def widths_at(sz: float) -> tuple[float, list[float]]:
        value = [0.0] * ncols
        for r in rows:
            for i, cell in enumerate(r[1:], start=1):
                w = _width(cell.strip(), sz)
                value[i] = max(value[i], w)
        label = flow.col_width - sum(value[1:]) - gap * (ncols - 1)
        return label, value

    label_w, value_w = widths_at(size)
    while size > 5 and label_w < 0.3 * flow.col_width:
        size -= 0.5
        gap = size * 1.6
        label_w, value_w = widths_at(size)
    rights = [0.0] * ncols  # right edges of the value columns, packed against the right of the text column
    x = flow.col_width
    for i in range(ncols - 1, 0, -1):
        rights[i] = x
        x -= value_w[i] + gap
    lead = size * 1.35
    c = flow.c
    for r in rows:
        wrapped = [_wrap(r[0].strip(), label_w, size) if r else [""]]
        wrapped += [_wrap(cell.strip(), value_w[i], size) for i, cell in enumerate(r[1:], start=1)]
        height = max(len(w) for w in wrapped)
        flow.need(lead * height)
        top = flow.y
        c.setFont(_FONT, size)
        for line_no, text in enumerate(wrapped[0]):
            if text:
                c.drawString(flow.x, top - lead * (line_no + 1), text)
        for i, lines in enumerate(wrapped[1:], start=1):
            for line_no, text in enumerate(lines):
                if text:
                    line = line_no + 1 if top_aligned else height - len(lines) + line_no + 1
                    c.drawRightString(flow.x + rights[i], top - lead * line, text)
        flow.y = top - lead * height
    flow.y -= lead * 0.6


def pdf_release(blocks: list[Block], path: Path, layout: str = "rows", *, wide: bool = False) -> Path:
    """Draw the blocks as a PDF release in the 'rows' or the 'columns' layout (landscape pages for
    'columns', and for 'rows' when `wide`, as slides are); return the path."""
    _register_fonts()
    pagesize = A4 if layout == "rows" and not wide else landscape(A4)
    c = canvas.Canvas(str(path), pagesize=pagesize)
    c.setTitle("IIJ earnings release")
    flow = _Flow(c, pagesize, 1 if layout == "rows" else 2)
    text_size = 9 if layout == "rows" else 7.5
    table_size = 8 if layout == "rows" else 6.5
    for b in blocks:
        if b.kind == "table":
            wide = layout == "columns" and (max(len(r) for r in b.rows) > 4 or _min_label_width(b.rows, table_size)
                                            > 0.6 * flow.column_width)
            if wide:
                flow.span()
            _draw_table(flow, b.rows, table_size, top_aligned=layout == "columns")
            flow.end_span()
        elif not b.text:
            flow.y -= text_size * 0.6
        else:
            size = text_size + (1.5 if b.kind == "heading" else 0)
            font = _BOLD if b.kind == "heading" else _FONT
            lead = size * 1.3
            for line in _wrap(b.text, flow.col_width, size):
                flow.need(lead)
                flow.y -= lead
                c.setFont(font, size)
                c.drawString(flow.x, flow.y, line)
    flow.finish()
    c.save()
    return path


def printed_text_pdf(sample: Path, path: Path) -> Path:
    """Print a text sample line for line as a word processor prints a text file (A4, margins of 2 cm,
    10-point monospaced type, as LibreOffice's --convert-to pdf does): a line too long for the page is
    broken before the word that would run past the margin and goes on at the start of the next line."""
    _register_fonts()
    size, lead, margin = 10.0, 11.35, 56.7
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(_MONO, size)
    y = height - margin
    for line in sample.read_text("utf-8").split("\n"):
        for printed in _wrap(line.replace("\t", " "), width - 2 * margin, size, _MONO):
            if y - lead < margin:
                c.showPage()
                c.setFont(_MONO, size)
                y = height - margin
            y -= lead
            if printed:
                c.drawString(margin, y, printed)
    c.showPage()
    c.save()
    return path


# -- fixtures ----------------------------------------------------------------------------------

FACT_KEY = ["statement", "label", "item", "column", "period_end", "months", "value", "scale", "unit"]


def fact_counts(release):
    """The release's facts as a multiset of rows (without file name, line and status)."""
    from collections import Counter

    return Counter(tuple(str(x) for x in row) for row in release.facts[FACT_KEY].itertuples(index=False))


def build_published(folder: Path) -> dict[str, tuple[Path, Path]]:
    """PDF and HTML releases made from the converted (2012) and slides (2018) samples, and the OCR'd
    (2017) sample printed as a text file, by name: (file, the sample it was made from)."""
    here = Path(__file__).resolve().parent
    samples = here.parent / "resources" / "samples"
    conv = samples / "2012-12_9m_fy2012_converted_usgaap.txt"
    slides = samples / "2018-09_6m_fy2018_slides_usgaap.txt"
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, sample in (("conv", conv), ("slides", slides)):
        blocks = sample_blocks(sample)
        page = folder / f"{name}.html"
        page.write_text(html_release(blocks, f"IIJ release ({name})"), "utf-8")
        out[f"{name}.html"] = (page, sample)
        out[f"{name}-rows.pdf"] = (pdf_release(blocks, folder / f"{name}-rows.pdf", "rows",
                                               wide=name == "slides"), sample)
    out["conv-columns.pdf"] = (pdf_release(sample_blocks(conv), folder / "conv-columns.pdf", "columns"), conv)
    ocr = samples / "2017-09_6m_fy2017_ocr_usgaap.txt"
    out["ocr-printed.pdf"] = (printed_text_pdf(ocr, folder / "ocr-printed.pdf"), ocr)
    return out
