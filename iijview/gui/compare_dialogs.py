"""The Compare page's questions and its undoable mapping: which row a line belongs to, which periods to compare."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QInputDialog

from iijview.compare.periods import year_earlier


class MapRowCommand(QUndoCommand):
    """Map a comparison row onto another (or remove a mapping, target ''), stored in the workspace."""

    def __init__(self, view, kind: str, source: str, target: str, label: str):
        what = f"Map {label} onto another row" if target else f"Unmap {label}"
        super().__init__(what)
        self.view, self.kind, self.source, self.target, self.label = view, kind, source, target, label
        self.before = view.ws.mappings_for(kind).get(source, "")

    def _set(self, target: str) -> None:
        if target:
            self.view.ws.set_mapping(self.kind, self.source, target, self.label)
        else:
            self.view.ws.remove_mapping(self.kind, self.source)
        self.view.refresh()

    def redo(self):
        """Store the new mapping."""
        self._set(self.target)

    def undo(self):
        """Put the previous mapping back."""
        self._set(self.before)


def ask_target_row(parent, comp, r: int) -> str | None:
    """Ask which row line r of the comparison belongs to; its key, or None."""
    row = comp.rows[r]
    targets = [x for x in comp.rows if x.kind == "line" and x.key != row.key]
    names = [f"{x.label}  [{x.key}]" for x in targets]
    name, ok = QInputDialog.getItem(parent, "Map a line", f"Show \u201c{row.label}\u201d on the row:",
                                    names, 0, False)
    return targets[names.index(name)].key if ok and name in names else None


def ask_change(parent, comp, current) -> tuple[str, str] | None:
    """Ask for two period columns (default: `current` and the same period a year earlier)."""
    cols = comp.period_columns
    dialog = QDialog(parent)
    dialog.setWindowTitle("Add a change column")
    base, new = QComboBox(), QComboBox()
    for col in cols:
        text = f"{col.title} ({col.standard})"
        base.addItem(text, col.key)
        new.addItem(text, col.key)
    if current is not None and current.is_period:
        new.setCurrentIndex(new.findData(current.key))
        prior = next((x for x in cols if x.period == year_earlier(current.period)), None)
        if prior is not None:
            base.setCurrentIndex(base.findData(prior.key))
    form = QFormLayout(dialog)
    form.addRow("From (base):", base)
    form.addRow("To:", new)
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() == QDialog.Accepted and base.currentData() != new.currentData():
        return base.currentData(), new.currentData()
    return None
