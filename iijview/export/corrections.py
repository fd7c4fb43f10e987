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
    original: float | None = None
    original_text: str = ""
    corrected: float | None = None
    corrected_text: str = ""
    when: str = ""
    who: str = ""


def _field(obj: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


def _when_text(value: Any) -> str:
    if isinstance(value, _dt.datetime):
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
        column=str(_field(record, "column", "column_key", "col", default="")),
        original=_number(original),
        original_text=str(_field(record, "original_text", "parsed_text", default="") or ""),
        corrected=_number(corrected),
        corrected_text=str(_field(record, "corrected_text", "text", "new_text", default="") or ""),
        when=_when_text(_field(record, "when", "at", "created", "created_at", "timestamp", "time")),
        who=str(_field(record, "who", "user", "author", "by", default="") or ""),
    )


def workspace_notes(workspace: Any, release: Release) -> dict[tuple[str, str, str], CorrectionNote]:
    """Stored corrections of this release by (statement key, row key, column key); {} without a workspace."""
    if workspace is None or not release.sha256 or not hasattr(workspace, "corrections"):
        return {}
    notes = {}
    for record in workspace.corrections(release.sha256) or ():
        note = note_from_record(record)
        notes[(note.statement, note.row, note.column)] = note
    return notes
