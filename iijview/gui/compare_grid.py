"""One half of the comparison table (labels frozen, values scrolling): spreadsheet keys and the marks it paints."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QTableView

from iijview.gui.compare_model import CHECKED_F, FINDING_F

BOUNDARY_PEN = QPen(QColor("#c00000"), 2)
CHECK_PEN = QPen(QColor("#2b8a3e"), 1.6)


class CompareGrid(QTableView):
    """One half of the comparison table; the values half draws the change-of-basis rule."""

    def __init__(self, owner, frozen: bool):
        super().__init__()
        self.owner, self.frozen = owner, frozen
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                             | QAbstractItemView.AnyKeyPressed)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setHighlightSections(False)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(lambda pos: owner.context_menu(self, pos))
        if frozen:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            self.horizontalHeader().setStretchLastSection(True)
            self.setTextElideMode(Qt.ElideRight)
            self.setAccessibleName("Comparison line items")
        else:
            self.setAccessibleName("Comparison values")

    def paintEvent(self, event):  # noqa: N802 - Qt API
        """Default painting, a red rule left of each column that starts another standard, and a green
        tick in printed cells that a derivation from cumulative figures confirms."""
        super().paintEvent(event)
        m, comp = self.model(), self.owner.comp
        if self.frozen or m is None or comp is None:
            return
        painter = None
        for c, col in enumerate(comp.columns, start=1):
            if col.boundary and not self.isColumnHidden(c):
                x = self.columnViewportPosition(c)
                if painter is None:
                    painter = QPainter(self.viewport())
                painter.setPen(BOUNDARY_PEN)
                painter.drawLine(x, 0, x, self.viewport().height())
        flags = self.model()._flags
        top, bottom = self.rowAt(0), self.rowAt(self.viewport().height() - 1)
        bottom = len(flags) - 1 if bottom < 0 else bottom
        left, right = self.columnAt(0), self.columnAt(self.viewport().width() - 1)
        right = len(comp.columns) if right < 0 else right
        if top >= 0 and left >= 0:
            for r in range(top, bottom + 1):
                for c in range(max(left, 1), right + 1):
                    if flags[r][c] & CHECKED_F and not flags[r][c] & FINDING_F:
                        rect = self.visualRect(m.index(r, c))
                        if painter is None:
                            painter = QPainter(self.viewport())
                        painter.setPen(CHECK_PEN)
                        x, y = rect.left() + 3, rect.top() + 6
                        painter.drawPolyline([QPointF(x, y), QPointF(x + 2.5, y + 3), QPointF(x + 7, y - 2)])
        if painter is not None:
            painter.end()

    def event(self, event):
        """Take Ctrl+C from the window's Copy (which copies the statement table) while focused here."""
        if event.type() == QEvent.ShortcutOverride and event.matches(QKeySequence.Copy):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        """Enter moves down; Right from the labels and Left from the first value cross halves."""
        idx = self.currentIndex()
        if event.matches(QKeySequence.Copy):
            self.owner.copy()
            return
        if self.state() != QAbstractItemView.EditingState:
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                self.owner.go(idx.row() + 1, idx.column())
                return
            if self.frozen and event.key() in (Qt.Key_Right, Qt.Key_Tab):
                self.owner.go(idx.row(), 1)
                return
            if not self.frozen and event.key() in (Qt.Key_Left, Qt.Key_Backtab) and idx.column() <= 1:
                self.owner.go(idx.row(), 0)
                return
        super().keyPressEvent(event)
