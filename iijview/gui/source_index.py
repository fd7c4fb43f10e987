"""Between the release text and the tables: which cell a source offset is, which text a row is."""
from __future__ import annotations

import bisect

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
