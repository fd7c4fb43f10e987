"""Lay printed words out as text the parser reads: one printed row a line, cells split by tabs, columns kept.

Input is what a PDF's text layer or OCR gives: pieces of text with their boxes on each page. Output
is the release text in the 'converted' form (tab-separated table rows, prose and headings as lines,
a blank line between paragraphs) and the place of every word of it on its page.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from iijview.model import Place
from iijview.parse.table_grid import find_tables, is_figure, join_across, placed_cells

# Gaps, as fractions of the line's height: a word break, and a cell break (the gap between table columns).
WORD_GAP = 0.16
CELL_GAP = 0.85
# The narrowest space between words, as a fraction of the line's height (a proportional font's).
WRAP_SPACE = 0.25
# A vertical gap between lines larger than this fraction of their height starts a paragraph.
PARAGRAPH_GAP = 0.55
# A gutter between two text columns: at least this wide (points) and inside the middle of the page.
GUTTER_MIN = 9.0
GUTTER_ZONE = (0.28, 0.72)
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(slots=True)
class Frag:
    """A piece of text printed in one run, with its box in points from the page's top left."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    printed: tuple[float, float, float, float] | None = None  # its box on the page when laid out elsewhere

    @property
    def height(self) -> float:
        """Height of the box."""
        return self.bottom - self.top


@dataclass
class PageText:
    """The printed pieces of one page."""

    number: int                   # 1-based
    width: float
    height: float
    frags: list[Frag] = field(default_factory=list)


@dataclass(slots=True)
class _Line:
    frags: list[Frag]
    top: float
    bottom: float
    size: float = 0.0             # typical height of its text
    cells: list[list[Frag]] = field(default_factory=list)   # words grouped into cells

    @property
    def x0(self) -> float:
        return self.frags[0].x0

    @property
    def x1(self) -> float:
        return max(f.x1 for f in self.frags)


def _group_lines(frags: list[Frag]) -> list[_Line]:
    """Pieces grouped into printed lines, each sorted left to right: a piece joins the line whose middle
    is within a third of its height of its own (lines of two text columns stay apart)."""
    lines: list[_Line] = []
    mids: list[float] = []
    for f in sorted(frags, key=lambda f: (f.top + f.bottom) / 2):
        h = max(f.height, 0.1)
        mid = (f.top + f.bottom) / 2
        if lines and abs(mid - mids[-1]) <= 0.3 * min(h, lines[-1].size):
            cur = lines[-1]
            cur.frags.append(f)
            cur.top, cur.bottom = min(cur.top, f.top), max(cur.bottom, f.bottom)
            continue
        lines.append(_Line([f], f.top, f.bottom, h))
        mids.append(mid)
    for ln in lines:
        ln.frags.sort(key=lambda f: f.x0)
        ln.size = statistics.median(f.height for f in ln.frags) or 1.0
    return _merge_small_lines(lines)


def _merge_small_lines(lines: list[_Line]) -> list[_Line]:
    """Footnote marks printed small and raised join the line they belong to, as superscript digits."""
    out: list[_Line] = []
    for i, ln in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        host = None
        for cand in (nxt, out[-1] if out else None):
            if cand is not None and ln.size < 0.8 * cand.size and ln.bottom > cand.top and ln.top < cand.bottom \
                    and len("".join(f.text for f in ln.frags)) <= 6:
                host = cand
                break
        if host is None:
            out.append(ln)
            continue
        for f in ln.frags:
            raised = f.bottom < host.bottom - 0.2 * host.size
            text = f.text.translate(_SUPERSCRIPT) if raised and f.text.isdigit() else f.text
            host.frags.append(Frag(text, f.x0, f.top, f.x1, f.bottom))
        host.frags.sort(key=lambda f: f.x0)
        host.top, host.bottom = min(host.top, ln.top), max(host.bottom, ln.bottom)
    return out


def _dedupe(frags: list[Frag]) -> list[Frag]:
    """Text printed twice at (almost) the same place (poor man's bold) kept once."""
    out: list[Frag] = []
    for f in frags:
        if out:
            p = out[-1]
            if p.text == f.text and abs(p.x0 - f.x0) < 0.3 * max(p.x1 - p.x0, 0.5) and abs(p.top - f.top) < 1.5:
                continue
        out.append(f)
    return out


def _is_leader(text: str) -> bool:
    return len(text) >= 3 and set(text) <= {".", "·", "…", "_"}


def _cells(line: _Line) -> list[list[Frag]]:
    """A line's pieces joined into words, words into cells at wide gaps (dot leaders are gaps too)."""
    words: list[Frag] = []
    glue: list[bool] = []          # the word is glued to the one before (no space between)
    for f in _dedupe(line.frags):
        if words:
            p = words[-1]
            gap = f.x0 - p.x1
            if gap < WORD_GAP * line.size and not p.text.endswith(" "):
                words[-1] = Frag(p.text + f.text, p.x0, min(p.top, f.top), max(p.x1, f.x1), max(p.bottom, f.bottom))
                continue
        words.append(Frag(f.text.strip(), f.x0, f.top, f.x1, f.bottom))
        glue.append(False)
    cells: list[list[Frag]] = []
    prev_x1 = None
    for w in words:
        if not w.text:
            continue
        if _is_leader(w.text.strip(".")) or _is_leader(w.text):
            prev_x1 = -1e9           # a leader separates the cells around it
            continue
        if prev_x1 is None or cells == [] or w.x0 - prev_x1 >= CELL_GAP * line.size:
            cells.append([w])
        else:
            cells[-1].append(w)
        prev_x1 = w.x1
    return cells


_FIGURE_LEAD = re.compile(r"(?:JPY|USD|US\$|\$|¥|￥)?\s*[(\-+△▲Δ]?\d")
_WORD = re.compile(r"[A-Za-z]{2,}")
_UNIT_WORDS = frozenset({"jpy", "usd", "yen", "dollars", "us", "thousands", "millions", "billions", "thousand",
                         "million", "billion", "of", "in", "unit", "units", "shares"})


def _text_led(line_cells: list[list[Frag]]) -> bool:
    """True when a line begins with words (a label or prose), not a figure ('JPY76,690') or a unit ('JPY millions')."""
    first = " ".join(w.text for w in line_cells[0])
    if _FIGURE_LEAD.match(first):
        return False
    words = [w for w in _WORD.findall(first) if w.lower() not in _UNIT_WORDS]
    return sum(len(w) for w in words) >= 4


def _gutters(lines: list[_Line], width: float) -> list[tuple[float, float]]:
    """Candidate gutters between two text columns: x ranges in the middle of the page that few lines
    cross, fewest first (a title or a page number may cross a real gutter), then widest."""
    lo, hi = GUTTER_ZONE[0] * width, GUTTER_ZONE[1] * width
    events = []
    for ln in lines:
        for cell in ln.cells:
            a, b = max(cell[0].x0 - 1, lo), min(max(w.x1 for w in cell) + 1, hi)
            if a < b:
                events += [(a, 1), (b, -1)]
    events.sort()
    spans: list[tuple[int, float, float]] = []
    depth, x = 0, lo
    for pos, step in events + [(hi, 0)]:
        if pos > x:
            spans.append((depth, x, pos))
        depth += step
        x = max(x, pos)
    cands: dict[int, list[tuple[float, float]]] = {}
    for depth, a, b in spans:
        if b - a >= GUTTER_MIN:
            cands.setdefault(depth, []).append((a, b))
    limit = max(2, len(lines) // 10)
    out = []
    for depth in sorted(d for d in cands if d <= limit):
        out += sorted(cands[depth], key=lambda g: g[0] - g[1])
    return out[:4]


def _crosses(ln: _Line, g0: float, g1: float) -> bool:
    """True when the line is printed across the gutter: a cell over it, or a table row whose figures
    go on beyond it (a table as wide as the page)."""
    if any(cell[0].x0 - 1 < g1 and max(w.x1 for w in cell) + 1 > g0 for cell in ln.cells):
        return True
    right = next((cell for cell in ln.cells if cell[0].x0 >= g1), None)
    return right is not None and ln.cells[0][0].x0 < g0 and is_figure(right)


def _bands(lines: list[_Line], width: float) -> list[list[list[_Line]]]:
    """The page cut into bands top to bottom: one column (a list with one list of lines) or two."""
    for g0, g1 in _gutters(lines, width):
        bands: list[list[list[_Line]]] = []
        run: list[_Line] = []
        for ln in lines + [None]:
            if ln is not None and not _crosses(ln, g0, g1):
                run.append(ln)
                continue
            split = _split(run, [(g0, g1)]) if run else None
            for part in ([split] if split else [[run]] if run else []) + ([[[ln]]] if ln is not None else []):
                if len(part) == 1 and bands and len(bands[-1]) == 1:
                    bands[-1][0].extend(part[0])
                else:
                    bands.append(part)
            run = []
        if any(len(b) == 2 for b in bands):
            return bands
    return [[lines]] if lines else []


def _split(run: list[_Line], free: list[tuple[float, float]]) -> list[list[_Line]] | None:
    """Two columns for a run of lines that share a gutter, when both sides hold text; else None."""
    if len(run) < 3 or not free:
        return None
    g0, g1 = max(free, key=lambda g: g[1] - g[0])
    mid = (g0 + g1) / 2
    left: list[_Line] = []
    right: list[_Line] = []
    for ln in run:
        lc = [c for c in ln.cells if c[0].x0 < mid]
        rc = [c for c in ln.cells if c[0].x0 >= mid]
        for cells, side in ((lc, left), (rc, right)):
            if cells:
                frags = [w for c in cells for w in c]
                side.append(_Line(frags, min(w.top for w in frags), max(w.bottom for w in frags), ln.size, cells))
    if len(left) < 2 or len(right) < 2:
        return None
    led = sum(1 for ln in right if _text_led(ln.cells))
    if led < 0.5 * len(right) or sum(1 for ln in left if _text_led(ln.cells)) < 0.3 * len(left):
        return None
    # Tables printed side by side share their rows: columns of text have prose in them somewhere.
    prose = sum(1 for side, lo, hi in ((left, min(ln.x0 for ln in left), g0), (right, g1, max(ln.x1 for ln in right)))
                for ln in side if len(ln.cells) == 1 and ln.x1 - ln.x0 >= 0.6 * (hi - lo) and len(ln.cells[0]) >= 8)
    return [left, right] if prose >= 2 and len(left) >= 3 and len(right) >= 3 else None


class TextWriter:
    """Builds the release text and the place of each word in it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.places: list[Place] = []

    def write(self, text: str) -> None:
        """Append text that has no place (tabs, line breaks)."""
        self.parts.append(text)
        self.size += len(text)

    def word(self, text: str, **place) -> None:
        """Append a word and remember where it was."""
        self.places.append(Place(self.size, self.size + len(text), **place))
        self.write(text)

    def blank_line(self) -> None:
        """End the line and leave one blank line (never two)."""
        tail = "".join(self.parts[-3:])
        if not self.parts:
            return
        if tail.endswith("\n\n"):
            return
        self.write("\n" if tail.endswith("\n") else "\n\n")

    def text(self) -> str:
        """The text written so far."""
        return "".join(self.parts)


def _columns_of(page: PageText) -> list[tuple[list[_Line], bool]]:
    """A page's text columns in reading order: bands top to bottom, a two-column band left first; each
    with whether it is as wide as the page (the only column of its band)."""
    lines = _group_lines([f for f in page.frags if f.text.strip()])
    for ln in lines:
        ln.cells = _cells(ln)
    lines = [ln for ln in lines if ln.cells]
    return [(column, len(band) == 1) for band in _bands(lines, page.width) for column in band]


def _figures_only(ln: _Line) -> bool:
    """True when every word of the line is a figure ('3,198,549', '(56)', '-')."""
    return all(is_figure([w]) for cell in ln.cells for w in cell)


def _wrapped_figures(above: _Line, ln: _Line, right: float) -> bool:
    """True when `ln` holds the figures of the line above that did not fit on it: figures alone, printed
    from the start of a line right under it and under its first cell (figures under the cells of a
    row of headings are a table's row), where a word processor broke the line above because the
    first of them would have run past the column's right edge (`right`)."""
    size = max(above.size, ln.size)
    if abs(above.size - ln.size) > 0.15 * size or not -0.3 * size <= ln.top - above.bottom <= size:
        return False
    if ln.x0 > above.x0 + 2 * size or ln.x1 > max(w.x1 for w in above.cells[0]) + 1.0 or not _figures_only(ln):
        return False
    first = ln.cells[0][0]
    return above.x1 + WRAP_SPACE * size + (first.x1 - first.x0) > right - 1.0


def _append_wrapped(host: _Line, ln: _Line) -> None:
    """The wrapped figures go back to the end of their line, laid out where a wider page would have
    printed them (after the line's last word); each keeps the box it is printed in."""
    dx = host.x1 + (CELL_GAP if len(host.cells) > 1 else WRAP_SPACE) * ln.size - ln.x0
    moved = [[Frag(w.text, w.x0 + dx, w.top, w.x1 + dx, w.bottom, w.printed or (w.x0, w.top, w.x1, w.bottom))
              for w in cell] for cell in ln.cells]
    if len(host.cells) > 1:
        host.cells.extend(moved)
    else:
        host.cells[-1] = host.cells[-1] + [w for cell in moved for w in cell]
    host.frags = host.frags + [w for cell in moved for w in cell]
    host.bottom = max(host.bottom, ln.bottom)


def join_wrapped_figures(column: list[_Line], page_width: float | None = None) -> list[_Line]:
    """A column's lines with the figures a word processor wrapped onto the next line (a long label
    and its figures in one line of a text file, printed on a narrower page) back on their own line.

    The column ends at its longest line, or, for a column as wide as the page (`page_width` given),
    where its right margin mirrors its left one, if further: a page with no full line wraps nothing."""
    if len(column) < 2:
        return column
    right = max(ln.x1 for ln in column)
    if page_width is not None:
        right = max(right, page_width - min(ln.x0 for ln in column))
    out = [column[0]]
    for above, ln in zip(column, column[1:]):
        if _wrapped_figures(above, ln, right):
            _append_wrapped(out[-1], ln)
        else:
            out.append(ln)
    return out


def _write_column(out: TextWriter, page: int, column: list[_Line], cells_of: list) -> None:
    prev: _Line | None = None
    for ln, cells in zip(column, cells_of):
        if cells is None:  # joined into another row (a wrapped label)
            prev = ln
            continue
        if prev is None or ln.top - prev.bottom > PARAGRAPH_GAP * max(ln.size, prev.size):
            out.blank_line()
        for i, cell in enumerate(cells):
            if i:
                out.write("\t")
            for j, w in enumerate(cell or ()):
                if j:
                    out.write(" ")
                box = w.printed or (w.x0, w.top, w.x1, w.bottom)
                out.word(w.text, page=page, box=tuple(round(v, 1) for v in box))
        out.write("\n")
        prev = ln


def lay_out(pages: list[PageText]) -> tuple[str, list[Place]]:
    """The text of all pages in reading order and the place of every word."""
    columns: list[tuple[int, list[_Line], list]] = []
    for page in pages:
        for column, full_width in _columns_of(page):
            left = min(ln.x0 for ln in column)
            width = max(ln.x1 for ln in column) - left
            column = join_wrapped_figures(column, page.width if full_width else None)
            columns.append((page.number, column, find_tables(column, left, width)))
    for (_p, _c, above), (_q, _d, below) in zip(columns, columns[1:]):
        if above and below:
            join_across(above[-1], below[0])
    out = TextWriter()
    last_page = 0
    for number, column, tables in columns:
        if number != last_page:
            out.blank_line()
            last_page = number
        _write_column(out, number, column, placed_cells(column, tables))
    out.blank_line()
    return out.text(), out.places
