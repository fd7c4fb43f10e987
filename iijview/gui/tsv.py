"""Tab-separated text for copy and paste, as spreadsheets read and write it (pure Python)."""
from __future__ import annotations

from iijview.gui.formatting import plain_number
from iijview.gui.state import StatementTable

LABEL_HEADER = "Line item"


def copy_block(table: StatementTable, cells: list[tuple[int, int]], headers: list[str] | None = None) -> str:
    """The selected cells as TSV: exactly their rows and columns, values as shown without
    thousands separators ('-1234.5'); cells inside the block but not selected stay empty.

    With `headers` (one title per table column) a header row of period titles and the label
    column are added, so the block says what each number is.
    """
    if not cells:
        return ""
    chosen = set(cells)
    rows = sorted({r for r, _ in cells})
    cols = sorted({c for _, c in cells})
    if headers is not None and cols[0] != 0:
        cols = [0] + cols
    out = []
    if headers is not None:
        out.append("\t".join(_clean(headers[c]) for c in cols))
    for r in rows:
        line = []
        for c in cols:
            if (r, c) in chosen or (headers is not None and c == 0):
                line.append(_clean(table.item(r).label if c == 0 else plain_number(table.text(r, c))))
            else:
                line.append("")
        out.append("\t".join(line))
    return "\n".join(out) + "\n"


def _clean(text: str) -> str:
    return " ".join(str(text).replace("\t", " ").split())


def parse_block(text: str) -> list[list[str]]:
    """Rows of cells from clipboard TSV (trailing newline and \\r dropped)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


def strip_header(block: list[list[str]], headers: list[str]) -> tuple[list[list[str]], bool]:
    """Drop a header row (as our own copy writes it); say whether its first column was labels."""
    if not block:
        return block, False
    titles = {_clean(h) for h in headers}
    first = [_clean(x) for x in block[0]]
    if any(x in titles for x in first if x):
        return block[1:], first[0] == LABEL_HEADER
    return block, False
