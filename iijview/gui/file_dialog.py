"""File dialogs that show whole file names and dates (Qt's own dialog, sized for release files)."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QHeaderView, QListView, QTreeView


def make_dialog(parent, title: str, start: str, filters: str, save: bool = False) -> QFileDialog:
    """A detail-view file dialog, large enough for long release names, columns fitted to their text."""
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setOption(QFileDialog.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.Detail)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptSave)
    else:
        dialog.setFileMode(QFileDialog.ExistingFiles)
    screen = (parent.screen() if parent is not None else None)
    avail = screen.availableGeometry() if screen is not None else None
    w, h = 980, 600
    if avail is not None:
        w, h = min(w, avail.width() - 40), min(h, avail.height() - 40)
    dialog.resize(w, h)
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:
        head = tree.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.Stretch)
        for c in range(1, head.count()):
            head.setSectionResizeMode(c, QHeaderView.ResizeToContents)
        head.setMinimumSectionSize(90)
    sidebar = dialog.findChild(QListView, "sidebar")
    if sidebar is not None:
        sidebar.setMinimumWidth(sidebar.fontMetrics().horizontalAdvance("Computer") + 60)
    return dialog


def choose_files(parent, title: str, start: str, filters: str) -> list[str]:
    """Files chosen to open ([] when cancelled)."""
    dialog = make_dialog(parent, title, start, filters)
    return dialog.selectedFiles() if dialog.exec() else []


def choose_save(parent, title: str, start: str, filters: str, suffix: str) -> str:
    """A file name to write ('' when cancelled)."""
    dialog = make_dialog(parent, title, start, filters, save=True)
    dialog.setDefaultSuffix(suffix)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""
