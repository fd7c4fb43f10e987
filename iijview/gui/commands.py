"""Undoable edits (QUndoCommand): cell values, labels, inserted and deleted rows."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from iijview.gui.state import CellSnapshot


class CellCommand(QUndoCommand):
    """Set one cell to a snapshot (an edit, a revert or an applied repair)."""

    def __init__(self, model, anchor: str, col_key: str, after: CellSnapshot, text: str,
                 parent=None):
        super().__init__(text, parent)
        self.model, self.anchor, self.col_key, self.after = model, anchor, col_key, after
        t = model.table
        self.before = t.snapshot(t.row_of(anchor), t.col_of(col_key))

    def redo(self):
        """Apply the new value."""
        self.model.restore_cell(self.anchor, self.col_key, self.after)

    def undo(self):
        """Put the old value back."""
        self.model.restore_cell(self.anchor, self.col_key, self.before)


class LabelCommand(QUndoCommand):
    """Change a row's label."""

    def __init__(self, model, anchor: str, label: str, parent=None):
        t = model.table
        self.old = t.item(t.row_of(anchor)).label
        super().__init__(f"Rename {self.old} to {label}", parent)
        self.model, self.anchor, self.label = model, anchor, label

    def redo(self):
        """Set the new label."""
        self.model.set_label(self.anchor, self.label)

    def undo(self):
        """Put the old label back."""
        self.model.set_label(self.anchor, self.old)


class InsertRowCommand(QUndoCommand):
    """Insert a user row at an index."""

    def __init__(self, model, r: int, label: str, level: int = 0, section: str = "", parent=None):
        super().__init__(f"Insert row {label}", parent)
        self.model, self.r, self.label, self.level, self.section = model, r, label, level, section
        self.anchor = None
        self.row = None

    def redo(self):
        """Insert (the same row object again on redo, so its cells come back)."""
        if self.row is None:
            self.anchor = self.model.insert_row(self.r, self.label, self.level, self.section,
                                                self.anchor)
        else:
            self.model.restore_row(self.r, self.anchor, self.row)

    def undo(self):
        """Remove the inserted row."""
        self.r, self.row = self.model.remove_row(self.anchor)


class DeleteRowCommand(QUndoCommand):
    """Delete a row (a parsed row is stored as deleted; an inserted one is forgotten)."""

    def __init__(self, model, anchor: str, parent=None):
        t = model.table
        super().__init__(f"Delete row {t.item(t.row_of(anchor)).label}", parent)
        self.model, self.anchor = model, anchor
        self.r, self.row = -1, None

    def redo(self):
        """Remove the row, keeping it for undo."""
        self.r, self.row = self.model.remove_row(self.anchor)

    def undo(self):
        """Put the row back where it was."""
        self.model.restore_row(self.r, self.anchor, self.row)


class MacroCommand(QUndoCommand):
    """Several commands as one undo step (paste, multi-row delete, repairs).

    Children are kept in a Python list rather than given a Qt parent: a Qt-parented child
    has no Python owner and would be collected while the stack still points at it.
    """

    def __init__(self, text: str):
        super().__init__(text)
        self.children_: list[QUndoCommand] = []

    def add(self, command: QUndoCommand) -> QUndoCommand:
        """Append a command (not yet run)."""
        self.children_.append(command)
        return command

    def __len__(self):
        return len(self.children_)

    def redo(self):
        """Run the children in order."""
        for cmd in self.children_:
            cmd.redo()

    def undo(self):
        """Undo the children in reverse order."""
        for cmd in reversed(self.children_):
            cmd.undo()
