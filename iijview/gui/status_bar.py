"""The window's status bar: a long message is cut with "…" to the room left of the permanent widgets."""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizeGrip, QStatusBar, QStyle, QStyleOption

GAP = 8     # pixels between the message and the first permanent widget


class StatusBar(QStatusBar):
    """QStatusBar draws its message across the whole bar, under the permanent widgets on the right;
    this one cuts it to the room they leave (the full message in the tooltip), at any window width."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._permanent = []
        self._tip = ""

    def addPermanentWidget(self, widget, stretch: int = 0) -> None:  # noqa: N802 - Qt API
        """Add a widget on the right (remembered: the message stays left of it)."""
        self._permanent.append(widget)
        super().addPermanentWidget(widget, stretch)

    def message_rect(self) -> QRect:
        """Where the message is drawn: from the left edge to the first shown permanent widget."""
        lefts = [w.x() for w in self._permanent + self.findChildren(QSizeGrip) if w.isVisible()]
        right = (min(lefts) - GAP) if lefts else self.width() - 2
        return QRect(2, 0, max(0, right - 2), self.height())

    def shown_message(self) -> str:
        """The message as drawn: cut with "…" to fit message_rect()."""
        text = self.currentMessage()
        return self.fontMetrics().elidedText(text, Qt.ElideRight, self.message_rect().width()) if text else ""

    def paintEvent(self, event):  # noqa: N802 - Qt API
        """As QStatusBar paints, with the message cut to its room."""
        text = self.currentMessage()
        if not text:
            self._set_tip("")
            super().paintEvent(event)
            return
        p = QPainter(self)
        for w in self._permanent:       # the frames QStatusBar draws around permanent widgets
            if w.isVisible():
                opt = QStyleOption()
                opt.initFrom(self)
                opt.rect = QRect(w.x() - 1, w.y() - 1, w.width() + 2, w.height() + 2)
                self.style().drawPrimitive(QStyle.PE_FrameStatusBarItem, opt, p, w)
        shown = self.shown_message()
        p.setPen(self.palette().windowText().color())
        p.drawText(self.message_rect(), Qt.AlignLeading | Qt.AlignVCenter | Qt.TextSingleLine, shown)
        p.end()
        self._set_tip(text if shown != text else "")

    def _set_tip(self, tip: str) -> None:
        if tip != self._tip:
            self._tip = tip
            self.setToolTip(tip)
