"""Undoable edits (QUndoCommand): cell values, labels, inserted and deleted rows.

An edit is shown as made only once it is stored. Each command runs in one workspace transaction
(the table stores first and changes memory after); when storing fails, or the transaction cannot
be committed, whatever the command had changed in memory is put back (replayed with the workspace
muted), the command marks itself obsolete so the undo stack drops it, and the model's
store_failed signal carries the sentence for the user.
"""
from __future__ import annotations

import contextlib
import functools

from PySide6.QtGui import QUndoCommand

from iijview.gui.state import CellSnapshot
from iijview.store import WorkspaceError

_nested = 0     # >0 while a command runs inside another (a macro): the outer one handles failures


def _model(cmd):
    """The statement model a command edits (a macro's first child's)."""
    model = getattr(cmd, "model", None)
    if model is None and getattr(cmd, "children_", None):
        return _model(cmd.children_[0])
    return model


def _workspace(cmd):
    model = _model(cmd)
    return model.table.owner.workspace if model is not None else None


def stored(method):
    """Run a command's redo/undo in one workspace transaction; on a store failure drop the command
    and report it (see the module docstring)."""
    @functools.wraps(method)
    def run(self):
        global _nested
        if _nested:
            return method(self)
        ws = _workspace(self)
        _nested += 1
        ran = False
        try:
            if ws is None:
                method(self)
            else:
                with ws.transaction():
                    method(self)
                    ran = True        # every step stored in the transaction; the commit may still fail
        except WorkspaceError as exc:
            if ran:                   # the commit failed after memory changed: change it back, storing nothing
                with ws.muted():
                    (self.undo if method.__name__ == "redo" else self.redo)()
            self.setObsolete(True)        # the stack drops it: it was never (un)done
            model = _model(self)
            if model is not None:
                what = self.text() or "The edit"
                if len(what) > 70:
                    what = what[:69].rstrip(" ,;") + "\u2026"
                if method.__name__ == "undo":
                    title, text = "Undo not saved", f"Undoing \u201c{what}\u201d could not be stored, so it stays as it was."
                else:
                    title, text = "Correction not saved", f"\u201c{what}\u201d could not be stored, so it was not made."
                model.store_failed.emit(title, text, str(exc))
        finally:
            _nested -= 1
    return run


class CellCommand(QUndoCommand):
    """Set one cell to a snapshot (an edit, a revert or an applied repair)."""

    def __init__(self, model, anchor: str, col_key: str, after: CellSnapshot, text: str,
                 parent=None):
        super().__init__(text, parent)
        self.model, self.anchor, self.col_key, self.after = model, anchor, col_key, after
        t = model.table
        self.before = t.snapshot(t.row_of(anchor), t.col_of(col_key))

    @stored
    def redo(self):
        """Apply the new value."""
        self.model.restore_cell(self.anchor, self.col_key, self.after)

    @stored
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

    @stored
    def redo(self):
        """Set the new label."""
        self.model.set_label(self.anchor, self.label)

    @stored
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

    @stored
    def redo(self):
        """Insert (the same row object again on redo, so its cells come back)."""
        if self.row is None:
            self.anchor = self.model.insert_row(self.r, self.label, self.level, self.section,
                                                self.anchor)
        else:
            self.model.restore_row(self.r, self.anchor, self.row)

    @stored
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

    @stored
    def redo(self):
        """Remove the row, keeping it for undo."""
        self.r, self.row = self.model.remove_row(self.anchor)

    @stored
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

    @stored
    def redo(self):
        """Run the children in order (all stored, or none and nothing changed)."""
        self._run(self.children_, "redo", "undo")

    @stored
    def undo(self):
        """Undo the children in reverse order (all stored, or none and nothing changed)."""
        self._run(list(reversed(self.children_)), "undo", "redo")

    def _run(self, commands, step: str, back: str) -> None:
        done = []
        try:
            for cmd in commands:
                getattr(cmd, step)()
                done.append(cmd)
        except WorkspaceError:
            # The transaction is rolled back; put memory back as it was, storing nothing.
            ws = _workspace(self)
            with ws.muted() if ws is not None else contextlib.nullcontext():
                for cmd in reversed(done):
                    getattr(cmd, back)()
            raise
