"""The find bar (Ctrl+F): a search box over this release or all open ones, next/previous, a count."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from iijview.naming import plural

SCOPES = (("release", "This release"), ("all", "All open releases"))


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
        self.scope = QComboBox()
        for key, text in SCOPES:
            self.scope.addItem(text, key)
        self.scope.setAccessibleName("Where to find")
        self.scope.setToolTip("Search the release shown, or every open release")
        self.scope.currentIndexChanged.connect(lambda _i: self.search.emit(self.edit.text()))
        self.count = QLabel("")
        prev_b, next_b, close_b = QToolButton(), QToolButton(), QToolButton()
        prev_b.setText("\u2191")
        prev_b.setToolTip("Previous match (Shift+Enter)")
        next_b.setText("\u2193")
        next_b.setToolTip("Next match (Enter)")
        close_b.setText("\u2715")
        close_b.setToolTip("Close (Esc)")
        for w in (self.edit, self.scope, self.count, prev_b, next_b, close_b):
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

    def everywhere(self) -> bool:
        """True when the search covers all open releases."""
        return self.scope.currentData() == "all"

    def set_count(self, index: int, total: int, releases: int = 1) -> None:
        """Show 'n of m' (or 'no matches'), and in how many releases when searching them all."""
        if not self.edit.text().strip():
            self.count.setText("")
        elif not total:
            self.count.setText("no matches")
        else:
            where = f" in {plural(releases, 'release')}" if self.everywhere() else ""
            self.count.setText(f"{index + 1} of {total}{where}" if index >= 0 else
                               f"{plural(total, 'match', 'matches')}{where}")

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


class FindMixin:
    """MainWindow methods for Find: matches are (release state, statement key, row, column)."""

    def find(self, text: str) -> None:
        """Find labels and values in the shown release, or in every open release."""
        self.matches, self.match_at = [], -1
        scope = self.releases if self.find_bar.everywhere() else \
            ([self.current] if self.current is not None else [])
        if self.current in scope:     # the shown release first, then the others in library order
            scope = [self.current] + [rs for rs in scope if rs is not self.current]
        if text.strip():
            for rs in scope:
                for st in rs.release.statements:
                    t = self.model_for(rs, st.key).table
                    self.matches += [(rs, st.key, r, c) for r, c in t.matches(text)]
        n_releases = len({id(m[0]) for m in self.matches})
        self.find_bar.set_count(-1, len(self.matches), n_releases)
        if self.matches:
            self.find_step(1)

    def matches_stale(self) -> None:
        """Forget matches in releases no longer open (called when the shown release changes)."""
        self.matches = [m for m in self.matches if m[0] in self.releases]
        self.match_at = min(self.match_at, len(self.matches) - 1)

    def find_step(self, d: int) -> None:
        """Go to the next (d=1) or previous (d=-1) match, switching release when it is elsewhere."""
        if not self.matches:
            if self.find_bar.edit.text().strip():
                self.say(f"No cell contains \u201c{self.find_bar.edit.text()}\u201d.")
            return
        self.match_at = (self.match_at + d) % len(self.matches)
        rs, st_key, r, c = self.matches[self.match_at]
        if rs is not self.current:
            self.show_release(self.releases.index(rs), st_key)
        self.show_statement(st_key)
        self.table.go(r, c)
        self.find_bar.set_count(self.match_at, len(self.matches),
                                len({id(m[0]) for m in self.matches}))
        if self.find_bar.isVisible():
            self.find_bar.edit.setFocus()
