"""Who corrected what and when: stored corrections read from a workspace, keyed by cell."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from iijview.model import Release


@dataclass(frozen=True)
class CorrectionNote:
    """One stored correction as the export shows it."""

    statement: str
    row: str
    column: str
    kind: str = "value"          # value | label | insert | delete
    original: float | None = None
    original_text: str = ""
    corrected: float | None = None
    corrected_text: str = ""
    when: str = ""
    who: str = ""


class CorrectionIndex:
    """Stored corrections of one release, found by cell; remembers which ones matched a cell."""

    def __init__(self, notes: list[CorrectionNote] | None = None):
        self.notes = list(notes or [])
        self._exact = {(n.statement, n.row, n.column): i for i, n in enumerate(self.notes)
                       if n.kind == "value"}
        self._used: set[int] = set()
        self._by_cell: dict[int, CorrectionNote | None] = {}   # id(cell) -> note, so lookups repeat

    def for_cell(self, statement: str, row: str, column: str, cell) -> CorrectionNote | None:
        """The value correction behind a corrected cell: by key, else by statement, column and value.

        The fallback covers rows whose key changed after the parse (relabelled or inserted rows).
        """
        if id(cell) in self._by_cell:
            return self._by_cell[id(cell)]
        i = self._exact.get((statement, row, column))
        if i is None:
            i = next((j for j, n in enumerate(self.notes)
                      if n.kind == "value" and j not in self._used and n.statement == statement
                      and n.column == column and n.corrected == cell.value
                      and (n.corrected_text or "") == (cell.text or "")), None)
        note = None if i is None else self.notes[i]
        if i is not None:
            self._used.add(i)
        self._by_cell[id(cell)] = note
        return note

    def for_row(self, statement: str, row: str, label: str, inserted: bool) -> CorrectionNote | None:
        """The label or insert correction behind a row, found by its key or its corrected label."""
        kind = "insert" if inserted else "label"
        i = next((j for j, n in enumerate(self.notes)
                  if n.kind == kind and n.statement == statement
                  and (n.row == row or n.corrected_text == label)), None)
        return None if i is None else self.notes[i]

    def unmatched(self) -> list[CorrectionNote]:
        """Corrections not behind any exported cell: labels, inserted and deleted rows, strays."""
        return [n for i, n in enumerate(self.notes) if i not in self._used]


def _field(obj: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


def _when_text(value: Any) -> str:
    if isinstance(value, str) and "T" in value:
        try:
            value = _dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            return value.astimezone(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (int, float)) and value > 0:
        return _dt.datetime.fromtimestamp(value).strftime("%Y-%m-%d %H:%M")
    return str(value or "")


def _number(value: Any) -> float | None:
    try:
        return None if value is None or value == "" else float(value)
    except (TypeError, ValueError):
        return None


def note_from_record(record: Any) -> CorrectionNote:
    """Read one workspace correction record (a dataclass or a dict) into a CorrectionNote."""
    original = _field(record, "original", "original_value", "parsed", "parsed_value")
    corrected = _field(record, "corrected", "corrected_value", "value", "new_value")
    return CorrectionNote(
        statement=str(_field(record, "statement", "statement_key", default="")),
        row=str(_field(record, "row", "row_key", "item_key", default="")),
        column=str(_field(record, "column", "col_key", "column_key", default="")),
        kind=str(_field(record, "kind", default="value") or "value"),
        original=_number(original),
        original_text=str(_field(record, "original_text", "parsed_text", default="") or ""),
        corrected=_number(corrected),
        corrected_text=str(_field(record, "corrected_text", "text", "new_text", default="") or ""),
        when=_when_text(_field(record, "when", "at", "created", "created_at", "timestamp", "time")),
        who=str(_field(record, "who", "user", "author", "by", default="") or ""),
    )


def workspace_notes(workspace: Any, release: Release) -> CorrectionIndex:
    """Stored corrections of this release (an empty index without a workspace)."""
    if workspace is None or not release.sha256 or not hasattr(workspace, "corrections"):
        return CorrectionIndex()
    try:
        records = workspace.corrections(release.sha256) or ()
    except Exception:  # noqa: BLE001 - a damaged workspace: the workbook goes without who/when notes
        records = ()
    return CorrectionIndex([note_from_record(r) for r in records])
