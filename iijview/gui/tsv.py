"""Tab-separated text for copy and paste, as Excel reads and writes it (pure Python)."""
from __future__ import annotations

from iijview.gui.state import StatementTable


def copy_block(table: StatementTable, headers: list[str], rows: list[int], cols: list[int]) -> str:
    """A block as TSV: a header row of column titles, the label first, values in the shown unit."""
    cols = sorted(set(cols))
    rows = sorted(set(rows))
    if cols and cols[0] != 0:
        cols = [0] + cols           # always say which line a number belongs to
    out = ["\t".join(_clean(headers[c]) for c in cols)]
    for r in rows:
        out.append("\t".join(_clean(table.edit_text(r, c)) for c in cols))
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
        return block[1:], first[0] == "Line item"
    return block, False
