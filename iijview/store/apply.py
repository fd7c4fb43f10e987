"""Apply stored corrections to a freshly parsed release, reporting the ones that no longer fit."""
from __future__ import annotations

from iijview.model import Cell, Release, Statement
from iijview.store.workspace import INSERT_PREFIX, Correction, new_row, restore_cell


NOT_APPLIED = "Not applied"   # how a message about a correction that was left out starts


def left_out(messages: list[str]) -> list[str]:
    """The messages about corrections that were not applied (the others were applied, with a note)."""
    return [m for m in messages if m.startswith(NOT_APPLIED)]


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def apply_corrections(release: Release, corrections: list[Correction]
                      ) -> tuple[list[str], dict[str, list[str]]]:
    """Apply corrections in place; return (messages, anchors per statement key).

    Order matters: inserts first (they may follow rows that are later deleted, or other inserts),
    then labels and values, and deleted rows are dropped last. A correction that matches no
    statement, row or column is reported and kept in the workspace, never dropped.
    """
    messages: list[str] = []
    anchors: dict[str, list[str]] = {}
    by_statement: dict[str, list[Correction]] = {}
    for c in corrections:
        if c.sha256 == release.sha256:
            by_statement.setdefault(c.statement, []).append(c)
    for st in release.statements:
        anchors[st.key] = st.item_keys()
    for st_key, group in by_statement.items():
        st = next((s for s in release.statements if s.key == st_key), None)
        if st is None:
            messages.extend(f"{NOT_APPLIED} (statement {st_key!r} is not in this release): "
                            f"{c.describe()}" for c in group)
            continue
        messages.extend(_apply_statement(st, anchors[st.key], group))
    return messages, anchors


def _apply_statement(st: Statement, keys: list[str], group: list[Correction]) -> list[str]:
    messages = []
    inserts = sorted((c for c in group if c.kind == "insert"), key=lambda c: (c.seq, c.created))
    for c in inserts:
        row = new_row(c)
        if c.after_key == "":
            pos = 0
        elif c.after_key in keys:
            pos = keys.index(c.after_key) + 1
        else:
            pos = len(keys)
            messages.append(f"Inserted row placed at the end (the row it followed, "
                            f"{c.after_key!r}, is gone): {c.describe()}")
        st.items.insert(pos, row)
        keys.insert(pos, c.row_key if c.row_key.startswith(INSERT_PREFIX) else INSERT_PREFIX + c.row_key)
    index = {k: i for i, k in enumerate(keys)}
    column_keys = {col.key for col in st.columns}
    deleted = set()
    for c in group:
        if c.kind == "insert":
            continue
        i = index.get(c.row_key)
        if i is None:
            messages.append(f"{NOT_APPLIED} (row not found): {c.describe()}")
            continue
        row = st.items[i]
        if c.kind == "delete":
            deleted.add(i)
        elif c.kind == "label":
            row.label = c.text
        elif c.kind == "value":
            if c.col_key not in column_keys:
                messages.append(f"{NOT_APPLIED} (column not found): {c.describe()}")
                continue
            cell = row.cells.get(c.col_key)
            if cell is None:
                # The parser missed this value: the correction supplies it.
                cell = row.cells[c.col_key] = Cell(text="", value=None, status="nil", line=row.line)
            if cell.status != "corrected" and not _same(cell, c):
                messages.append(f"Applied, but the parser now reads {cell.text or _fmt(cell.value)!r} "
                                f"where it read {c.original_text or _fmt(c.original_value)!r}: "
                                f"{c.describe()}")
            restore_cell(cell, c)
    for i in sorted(deleted, reverse=True):
        del st.items[i]
        del keys[i]
    return messages


def _same(cell: Cell, c: Correction) -> bool:
    if c.original_value is None and not c.original_text:
        return cell.value is None
    return cell.value == c.original_value
