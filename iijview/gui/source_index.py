"""Between the release text and the tables: which cell a source offset is, which text a row is."""
from __future__ import annotations

import bisect
import re

from iijview.model import Cell, LineItem


class SourceIndex:
    """Where each cell's number sits in the release text, for jumping from the source to a cell."""

    def __init__(self, owner):
        self.owner = owner
        spans = []
        for st in owner.release.statements:
            anchors = owner.anchors.get(st.key, [])
            for row, anchor in zip(st.items, anchors):
                for col_key, cell in row.cells.items():
                    start, end = cell.start, cell.end
                    if cell.status == "corrected" and start < 0:
                        continue
                    if 0 <= start < end:
                        spans.append((start, end, st.key, anchor, col_key))
        spans.sort()
        self.spans = spans
        self.starts = [s[0] for s in spans]

    def cell_at(self, offset: int) -> tuple[str, str, str] | None:
        """(statement, anchor, column) of the number at or nearest to offset on its line."""
        text = self.owner.release.text
        ls = text.rfind("\n", 0, offset) + 1
        le = text.find("\n", offset)
        le = len(text) if le < 0 else le
        i = bisect.bisect_right(self.starts, offset)
        best, best_d = None, None
        for j in range(max(0, i - 40), min(len(self.spans), i + 40)):
            start, end, st_key, anchor, col_key = self.spans[j]
            if end <= ls or start >= le:
                continue
            d = 0 if start <= offset < end else min(abs(offset - start), abs(offset - end))
            if best_d is None or d < best_d:
                best, best_d = (st_key, anchor, col_key), d
        return best


def row_span(text: str, row: LineItem, cell: Cell) -> tuple[int, int]:
    """The stretch of source text that is this row: from its label to its last number on the line."""
    ls = text.rfind("\n", 0, cell.start) + 1
    le = text.find("\n", cell.start)
    le = len(text) if le < 0 else le
    ends = [c.end for c in row.cells.values() if ls <= c.start < le and c.end > 0]
    starts = [c.start for c in row.cells.values() if ls <= c.start < le]
    first = min(starts, default=cell.start)
    end = max(ends, default=cell.end)
    for label in (row.raw_label, row.label):
        if label:
            k = text.rfind(label[:40], ls, first)
            # A label far back on a collapsed web line belongs to another table.
            if k >= 0 and first - k < 400:
                return k, end
    return first, end


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_UNIT_WORDS = re.compile(r"(?:thousands?|millions?|billions?)\s+of\s+(?:JPY|yen|U\.?S\.?\s*dollars?)"
                         r"|(?:JPY|yen|US\$|USD)\s*(?:in\s+)?(?:thousands?|millions?|billions?)"
                         r"|unit\s*:\s*[^\t\n]{1,24}|in\s+(?:thousands|millions|billions)\b", re.I)


def header_sources(text: str, st, col) -> tuple[str, str]:
    """Where a column's period and unit were read: the nearest header line above the table's first
    row that names them, as 'source line N: “words”' (the parser keeps no header positions, so this
    looks them up in the text the way a reader would)."""
    first = next((row.line for row in st.items if row.line), st.line)
    if not first:
        return "", ""
    lines = text.split("\n")
    region = []
    for n in range(first, max(0, first - 12), -1):
        if 0 < n <= len(lines):
            line = lines[n - 1]
            if n == first and st.items and st.items[0].label:
                k = line.find(st.items[0].label[:20])
                line = line[:k] if k > 0 else ("" if k == 0 else line)
            region.append((n, line))
    period = _period_place(region, col.period) if col.period else ""
    dollars = col.unit == "USD"
    for n, line in region + [(n, a + " " + b) for (n, a), (_m, b) in zip(region[1:], region)]:
        m = next((m for m in _UNIT_WORDS.finditer(line)
                  if bool(re.search(r"dollar|USD|US\$", m.group(0), re.I)) == dollars), None)
        if m:
            return period, f"source line {n}: \u201c{' '.join(m.group(0).split())}\u201d"
    return period, ""


def _period_place(region: list[tuple[int, str]], period) -> str:
    """The nearest line naming the period's end: its month and year, IIJ's name ('1H18'), its year."""
    month = _MONTHS[period.end.month - 1]
    yy = f"{period.end.year % 100:02d}"
    lead = r"(?:(?:[A-Za-z]+\s+){0,3})"
    tries = [rf"{lead}(?:{month}|{month[:3]}\.?)\s*\d{{0,2}},?\s*{period.end.year}",
             rf"\b(?:\dQ-)?\d[QH]{yy}\b|\bFY\s?(?:20)?{yy}\b", rf"\b{period.end.year}\b"]
    for pattern in tries:
        rx = re.compile(pattern, re.I)
        for n, line in region:
            m = rx.search(line)
            if m:
                return f"source line {n}: \u201c{' '.join(m.group(0).split())}\u201d"
    return ""
