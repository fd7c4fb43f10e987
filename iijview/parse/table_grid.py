"""Put the cells of printed table rows into their columns, so a header or a short row keeps its column.

A PDF prints a table as rows of cells at positions; the parser matches values to headers by their
tab-separated cell index. Runs of table rows (lines of two or more cells, with the short lines
between them) are found, the value columns measured from the rows of figures, and every cell
placed in the column it overlaps; missing cells become empty ones ('\\t3Q11\\t3Q12').
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import Protocol, Sequence

# A line of one cell wider than this share of the text column is prose, and ends a table.
PROSE_WIDTH = 0.55
# Lines further apart than this many line heights are not one table.
ROW_GAP = 2.2
# A space between rows larger than this many line heights may start another table.
SPACE = 0.55
_FIGURE = re.compile(r"^[(\-+△▲Δ—–−]?\s*(?:JPY|USD|\$|¥)?\s*[\d.,]+%?\)?%?$|^[-—–―]$|^n/?a$|^\(?[\d.,]+\)?\s*%?$", re.I)


class Box(Protocol):
    """Anything with a text and a horizontal extent (a word)."""

    text: str
    x0: float
    x1: float


class Row(Protocol):
    """A printed line: its cells (lists of words), vertical extent and text height."""

    cells: list
    top: float
    bottom: float
    size: float


def _span(cell: Sequence[Box]) -> tuple[float, float]:
    return cell[0].x0, max(w.x1 for w in cell)


def is_figure(cell: Sequence[Box]) -> bool:
    """True when a cell is a number as tables print them ('1,234', '(56)', '7.8%', 'JPY9.0', '-')."""
    return bool(_FIGURE.match(" ".join(w.text for w in cell)))


def _blocks(rows: Sequence[Row], left: float, width: float) -> list[tuple[int, int]]:
    """Index ranges [i, j) of runs of table rows (at least two lines of two or more cells)."""
    out = []
    i, n = 0, len(rows)
    while i < n:
        if len(rows[i].cells) < 2:
            i += 1
            continue
        j = i + 1
        while j < n:
            r, prev = rows[j], rows[j - 1]
            if r.top - prev.bottom > ROW_GAP * max(r.size, prev.size):
                break
            if len(r.cells) < 2:
                a, b = _span(r.cells[0])
                values_at = min((c[0].x0 for q in rows[i:j] for c in q.cells[1:]), default=b)
                if b - a > PROSE_WIDTH * width and b > values_at - 2:
                    break  # prose across the value columns (a wrapped label stops short of them)
            j += 1
        # short lines just above the first row (a header of one cell) belong to the table too
        k = i
        while k > 0 and len(rows[k - 1].cells) == 1 and rows[k].top - rows[k - 1].bottom <= ROW_GAP * rows[k].size:
            a, b = _span(rows[k - 1].cells[0])
            if b - a > PROSE_WIDTH * width or a <= left + 2 or (out and k - 1 < out[-1][1]):
                break
            k -= 1
        # trailing one-cell lines are not part of the table
        while j - 1 > i and len(rows[j - 1].cells) < 2:
            j -= 1
        if sum(1 for r in rows[k:j] if len(r.cells) >= 2) >= 2:
            out.append((k, j))
        i = j
    return out


def _label_first(r: Row, left: float, labelled: bool = False) -> bool:
    """True when the row starts with a label at the table's left edge (in a table with a label column,
    whatever is there: a wrapped label's last line can be '2013')."""
    first = r.cells[0]
    return first[0].x0 <= left + 2 and (labelled or not is_figure(first))


def _labelled(rows: Sequence[Row], left: float) -> bool:
    """True when the table's left column holds labels (most rows start there with words)."""
    at_left = [r.cells[0] for r in rows if r.cells and r.cells[0][0].x0 <= left + 2]
    return sum(1 for c in at_left if not is_figure(c)) * 2 >= len(at_left) > 0


def _figure_edges(r: Row, left: float, labelled: bool = False) -> list[tuple[float, float]]:
    """Extents of the row's figure cells (right of its label)."""
    cells = r.cells[1:] if _label_first(r, left, labelled) else r.cells
    return [_span(c) for c in cells if is_figure(c)]


def _columns(spans: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Value columns from figure extents: right edges that agree (figures are set flush right), then
    extents that overlap (centred figures)."""
    groups: list[list[float]] = []
    for a, b in sorted(spans, key=lambda s: s[1]):
        if groups and b - groups[-1][1] <= tol:
            groups[-1] = [min(groups[-1][0], a), b]
        else:
            groups.append([a, b])
    groups.sort()
    cols: list[list[float]] = []
    for a, b in groups:
        if cols and a < cols[-1][1] - 0.5 * min(b - a, cols[-1][1] - cols[-1][0]):
            cols[-1] = [min(cols[-1][0], a), max(cols[-1][1], b)]
        else:
            cols.append([a, b])
    return [(a, b) for a, b in cols]


def _fit(edges: list[tuple[float, float]], cols: list[tuple[float, float]], tol: float) -> str:
    """How a row's figures fit the columns so far: 'same' when each ends (or centres) where a column
    does; 'new' when some stand clear of every column (a column the rows above left empty); 'clash'
    when one overlaps a column without lining up with it (another table)."""
    fit = "same"
    for a, b in edges:
        for c0, c1 in cols:
            if abs(b - c1) <= tol or abs((a + b) / 2 - (c0 + c1) / 2) <= tol:
                break
            if a < c1 and b > c0:
                return "clash"
        else:
            fit = "new"
    return fit


def _tables(rows: Sequence[Row], left: float) -> list[tuple[int, int, list[tuple[float, float]]]]:
    """A run of table rows cut where another table starts, with each table's value columns:
    (first row, end, columns). Another table starts where figures clash with the columns so far, or
    where, after a space, they bring a new column."""
    size = statistics.median(r.size for r in rows) or 1.0
    tol = 0.6 * size
    labelled = _labelled(rows, left)
    out = []
    start, spans = 0, []
    last_fig, space_at = -1, -1
    for k, r in enumerate(rows):
        if k and r.top - rows[k - 1].bottom > SPACE * max(r.size, rows[k - 1].size) and space_at <= last_fig:
            space_at = k
        edges = _figure_edges(r, left, labelled)
        if not edges:
            continue
        if spans:
            fit = _fit(edges, _columns(spans, tol), tol)
            cut = last_fig + 1 if fit == "clash" else space_at if fit == "new" and space_at > last_fig else -1
            if cut > start:
                out.append((start, cut, _columns(spans, tol)))
                start, spans = cut, []
        spans += edges
        last_fig = k
    if not spans:  # a table of words: every cell right of the labels makes the columns
        spans = [_span(c) for r in rows for c in r.cells if c[0].x0 > left + 2]
    out.append((start, len(rows), _columns(spans, tol)))
    return [(a, b, _with_word_columns(rows[a:b], cols, left, labelled)) for a, b, cols in out]


def _with_word_columns(rows: Sequence[Row], cols: list[tuple[float, float]], left: float,
                       labelled: bool) -> list[tuple[float, float]]:
    """The figure columns, and columns of words between them in rows of figures (a second table's
    labels printed beside the first's figures)."""
    extra = []
    for r in rows:
        if not _figure_edges(r, left, labelled):
            continue
        for n, cell in enumerate(r.cells):
            if (n == 0 and _label_first(r, left, labelled)) or is_figure(cell):
                continue
            a, b = _span(cell)
            if not any(a < c1 and b > c0 for c0, c1 in cols):
                extra.append((a, b))
    if not extra:
        return cols
    words = _columns(extra, 0.0)
    return sorted(cols + [w for w in words if not any(w[0] < c1 and w[1] > c0 for c0, c1 in cols)])


def _place(cell: Sequence[Box], cols: list[tuple[float, float]]) -> int:
    """1-based column of a cell: the one it overlaps most, else the nearest."""
    a, b = _span(cell)
    best, best_key = 0, None
    for k, (c0, c1) in enumerate(cols):
        overlap = min(b, c1) - max(a, c0)
        distance = abs((a + b) / 2 - (c0 + c1) / 2)
        key = (overlap > 0, overlap if overlap > 0 else -distance)
        if best_key is None or key > best_key:
            best, best_key = k, key
    return best + 1


@dataclass
class Table:
    """Rows [first, end) of a text column that form one table, its left edge and value columns."""

    first: int
    end: int
    left: float
    cols: list[tuple[float, float]]
    headed: bool                  # it prints its own header above its first figures
    tol: float
    labelled: bool = True         # its left column holds labels


def find_tables(rows: Sequence[Row], left: float, width: float) -> list[Table]:
    """The tables among a text column's rows, with their value columns."""
    out = []
    for i, j in _blocks(rows, left, width):
        block = rows[i:j]
        table_left = min(r.cells[0][0].x0 for r in block)
        tol = 0.6 * (statistics.median(r.size for r in block) or 1.0)
        for a, b, cols in _tables(block, table_left):
            if not cols:
                continue
            labelled = _labelled(block[a:b], table_left)
            headed = False
            for r in block[a:b]:
                if _figure_edges(r, table_left, labelled):
                    break
                headed = headed or any(c[0].x0 > table_left + 2 for c in r.cells)
            out.append(Table(i + a, i + b, table_left, cols, headed, tol, labelled))
    return out


def join_across(above: Table, below: Table) -> None:
    """A table that goes on after a page or column break without a header of its own keeps the
    columns of the part before the break (where one part left a column empty, both get it)."""
    if below.headed:
        return
    tol = max(above.tol, below.tol)
    if abs(above.left - below.left) > 4 * tol:
        return
    small, large = sorted((above.cols, below.cols), key=len)
    if not all(any(abs(b - c1) <= tol for _c0, c1 in large) for _a, b in small):
        return
    merged = sorted(large + [c for c in small if not any(abs(c[1] - d[1]) <= tol for d in large)],
                    key=lambda c: c[1])
    above.cols = below.cols = merged


def placed_cells(rows: Sequence[Row], tables: list[Table]) -> list[list[list | None] | None]:
    """Each row's cells placed in columns (None for an empty cell); rows outside tables unchanged. A
    label wrapped over lines is joined into its row (that line then gives None)."""
    out: list[list[list | None] | None] = [list(r.cells) for r in rows]
    for t in tables:
        for k in range(t.first, t.end):
            out[k] = _placed(rows[k], t.cols, t.left, t.labelled)
        _join_wrapped(rows, out, t)
    return out


_CONNECTORS = ("and", "of", "for", "in", "to", "the", "from", "on", "at", "by", "with", "a", "an", "or", ",", "-",
               "—", "–", "(", "&")


def _join_wrapped(rows: Sequence[Row], out: list, t: Table) -> None:
    """Labels too long for their column print over several lines, with the figures on the last line
    (bottom-aligned cells) or on the first (top-aligned): the lines of one label become one row.

    A line of label alone was broken before the next line when that line's first word would not have
    fitted after it: it is the head of the next row's label. It is the tail of the row above when the
    row above was broken before it and the words say they go on ('... of' / 'and ...' / lower case);
    where both could be, the table's own habit decides (heads where it shows none)."""
    labels = [out[k][0] for k in range(t.first, t.end) if out[k][0]]
    if not labels:
        return
    limit = max(w.x1 for cell in labels for w in cell)   # where the label column's lines end

    def broken(cell, nxt, size: float) -> bool:
        first = nxt[0]
        return cell[-1].x1 + 0.28 * size + (first.x1 - first.x0) > limit - 1.0

    def goes_on(cell, nxt) -> bool:
        return nxt[0].text[:1].islower() or cell[-1].text.lower().endswith(_CONNECTORS)

    def close(k: int) -> bool:
        return rows[k].top - rows[k - 1].bottom <= SPACE * max(rows[k].size, rows[k - 1].size)

    alone = {}
    for k in range(t.first, t.end):
        cells = out[k]
        label = cells[0]
        if not label or any(c for c in cells[1:]) or label[-1].text.endswith(":"):
            continue
        size = rows[k].size
        nxt = out[k + 1][0] if k + 1 < t.end and close(k + 1) else None
        prev = out[k - 1][0] if k > t.first and close(k) else None
        head = bool(nxt) and broken(label, nxt, size)
        tail = bool(prev) and broken(prev, label, size) and goes_on(prev, label)
        if head or tail:
            alone[k] = (head, tail)
    heads = sum(1 for h, tl in alone.values() if h and not tl)
    tails = sum(1 for h, tl in alone.values() if tl and not h)
    for k in sorted(alone, reverse=True):   # heads join the row below (a chain gathers in its last row)
        head, tail = alone[k]
        j = next((j for j in range(k + 1, t.end) if out[j] is not None), None)
        if head and (not tail or heads >= tails) and j is not None:
            out[j][0] = list(out[k][0]) + list(out[j][0])
            out[k] = None
    for k in sorted(alone):                 # tails join the row above
        j = next((j for j in range(k - 1, t.first - 1, -1) if out[j] is not None), None)
        if out[k] is not None and alone[k][1] and j is not None:
            out[j][0] = list(out[j][0]) + list(out[k][0])
            out[k] = None


def _placed(r: Row, cols: list[tuple[float, float]], left: float, labelled: bool) -> list[list | None]:
    """A row's cells in their columns: the label in column 0, each value in the column it overlaps."""
    placed: list[list | None] = [None]
    last = -1
    for n, cell in enumerate(r.cells):
        is_label = n == 0 and _label_first(r, left, labelled) and _span(cell)[0] < cols[0][0]
        at = 0 if is_label else _place(cell, cols)
        if at <= last:  # two cells in one column (a split sign or a note): joined, in order
            placed[last] = list(placed[last] or []) + list(cell)
            continue
        placed.extend([None] * (at + 1 - len(placed)))
        placed[at] = list(cell)
        last = at
    return placed
