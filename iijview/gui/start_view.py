"""The start screen: open files, open the bundled samples, or pick a recent file."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)


class StartView(QWidget):
    """Shown while no release is open."""

    open_requested = Signal()
    samples_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QVBoxLayout()
        title = QLabel("<h1>iijview</h1>")
        text = QLabel("Read and correct the earnings releases of Internet Initiative Japan "
                      "as spreadsheets.<br>Open release text files, drop them on this window, "
                      "or start with the bundled samples.")
        text.setWordWrap(True)
        self.open_button = QPushButton("&Open release files\u2026")
        self.samples_button = QPushButton("Open bundled &samples")
        for b in (self.open_button, self.samples_button):
            b.setMinimumHeight(36)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.samples_button)
        self.recent_label = QLabel("Recent files:")
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent files")
        self.recent.setMaximumHeight(180)
        for w in (title, text):
            box.addWidget(w)
        box.addLayout(buttons)
        box.addSpacing(12)
        box.addWidget(self.recent_label)
        box.addWidget(self.recent)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(box, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.open_button.clicked.connect(self.open_requested)
        self.samples_button.clicked.connect(self.samples_requested)
        self.recent.itemActivated.connect(lambda it: self.recent_requested.emit(it.data(Qt.UserRole)))
        self.recent.itemClicked.connect(lambda it: self.recent_requested.emit(it.data(Qt.UserRole)))

    def set_recent(self, paths: list[str]) -> None:
        """List recent files (name, with the full path as tooltip)."""
        self.recent.clear()
        for p in paths:
            item = QListWidgetItem(Path(p).name)
            item.setToolTip(p)
            item.setData(Qt.UserRole, p)
            self.recent.addItem(item)
        self.recent_label.setVisible(bool(paths))
        self.recent.setVisible(bool(paths))
