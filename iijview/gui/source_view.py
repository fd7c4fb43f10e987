"""The source pane: the release text, scrolled to and highlighting the number a cell came from."""
from __future__ import annotations

import bisect
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

ROW_BG = QColor("#fff3bf")
NUMBER_BG = QColor("#ffa94d")


class OffsetMap:
    """Python string offsets <-> Qt document positions (CRLF folded, non-BMP chars count twice)."""

    def __init__(self, text: str):
        self.crlf = [m.start() for m in re.finditer("\r\n", text)]
        self.wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] \
            if any(ord(ch) > 0xFFFF for ch in text) else []

    def to_qt(self, offset: int) -> int:
        """Document position of a text offset."""
        return offset - bisect.bisect_left(self.crlf, offset) + bisect.bisect_left(self.wide, offset)

    def from_qt(self, pos: int) -> int:
        """Text offset of a document position (approximate inverse, exact when the map is empty)."""
        offset = pos
        for _ in range(3):
            offset = pos + bisect.bisect_left(self.crlf, offset) - bisect.bisect_left(self.wide, offset)
        return offset


class SourceView(QPlainTextEdit):
    """Read-only release text; double-click asks to jump to the cell under the cursor."""

    cell_requested = Signal(int)       # text offset that was double-clicked

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        font = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        self.setFont(font)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 8)
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.setAccessibleName("Release source text")
        self._map = OffsetMap("")
        self._key = None
        self.highlighted: tuple[int, int] | None = None

    def show_text(self, key, text: str) -> None:
        """Show a release's text (no work if it is already shown)."""
        if key == self._key:
            return
        self._key = key
        self._map = OffsetMap(text)
        self.setPlainText(text.replace("\r\n", "\n"))
        self.highlighted = None

    def highlight(self, start: int, end: int, row_start: int, row_end: int) -> None:
        """Highlight the number [start, end) and its row, and scroll them into view."""
        doc_len = self.document().characterCount() - 1
        qs, qe = self._map.to_qt(start), min(self._map.to_qt(end), doc_len)
        rs, re_ = self._map.to_qt(row_start), min(self._map.to_qt(row_end), doc_len)
        sels = []
        for a, b, colour in ((rs, re_, ROW_BG), (qs, qe, NUMBER_BG)):
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            sel.format = fmt
            cur = QTextCursor(self.document())
            cur.setPosition(max(0, min(a, doc_len)))
            cur.setPosition(max(0, min(b, doc_len)), QTextCursor.KeepAnchor)
            sel.cursor = cur
            sels.append(sel)
        self.setExtraSelections(sels)
        cur = QTextCursor(self.document())
        cur.setPosition(max(0, min(qs, doc_len)))
        self.setTextCursor(cur)
        self.centerCursor()
        self.highlighted = (start, end)

    def highlight_line(self, text: str, line: int) -> None:
        """Highlight a 1-based source line (for findings that name a line but no cell)."""
        if line < 1:
            return
        start = 0
        for _ in range(line - 1):
            start = text.find("\n", start) + 1
            if start == 0:
                return
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        self.highlight(start, start, start, end)

    def clear_highlight(self) -> None:
        """Remove the highlight."""
        self.setExtraSelections([])
        self.highlighted = None

    def mouseDoubleClickEvent(self, event):  # noqa: N802 - Qt API
        """Jump to the cell of the number under the mouse."""
        pos = self.cursorForPosition(event.position().toPoint()).position()
        self.cell_requested.emit(self._map.from_qt(pos))
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        """Enter jumps to the cell at the text cursor (keyboard equivalent of double-click)."""
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.cell_requested.emit(self._map.from_qt(self.textCursor().position()))
            return
        super().keyPressEvent(event)
