"""The find bar (Ctrl+F): a search box with next/previous and a match count."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindView(QWidget):
    """Search labels and values; Enter = next, Shift+Enter = previous, Esc closes."""

    search = Signal(str)
    step = Signal(int)          # +1 next, -1 previous
    closed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.addWidget(QLabel("Find:"))
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("label or value, e.g. Revenues or 139,382")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Find text")
        self.count = QLabel("")
        prev_b, next_b, close_b = QToolButton(), QToolButton(), QToolButton()
        prev_b.setText("\u2191")
        prev_b.setToolTip("Previous match (Shift+Enter)")
        next_b.setText("\u2193")
        next_b.setToolTip("Next match (Enter)")
        close_b.setText("\u2715")
        close_b.setToolTip("Close (Esc)")
        for w in (self.edit, self.count, prev_b, next_b, close_b):
            lay.addWidget(w)
        lay.setStretch(1, 1)
        self.edit.textChanged.connect(self.search)
        prev_b.clicked.connect(lambda: self.step.emit(-1))
        next_b.clicked.connect(lambda: self.step.emit(1))
        close_b.clicked.connect(self.close_bar)
        self.edit.installEventFilter(self)

    def open_bar(self) -> None:
        """Show and focus the search box."""
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        """Hide the bar."""
        self.hide()
        self.closed.emit()

    def set_count(self, index: int, total: int) -> None:
        """Show 'n of m' (or 'no matches')."""
        if not self.edit.text().strip():
            self.count.setText("")
        else:
            self.count.setText(f"{index + 1} of {total}" if total else "no matches")

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        """Enter/Shift+Enter step through matches, Esc closes."""
        if obj is self.edit and event.type() == event.Type.KeyPress:
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                self.step.emit(-1 if event.modifiers() & Qt.ShiftModifier else 1)
                return True
            if event.key() == Qt.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(obj, event)
