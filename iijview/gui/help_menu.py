"""The Help menu: the keyboard shortcuts (read from the window's own menus) and the About box."""
from __future__ import annotations

import platform
from importlib import metadata

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QTableWidget, QTableWidgetItem,
                               QVBoxLayout)

# Keys handled by the views themselves rather than by menu actions: (keys, what they do, where).
VIEW_KEYS = (
    ("Enter / Shift+Enter", "Move down / up (when not editing)", "Table"),
    ("Tab / Shift+Tab", "Move right / left", "Table"),
    ("F2 or typing", "Edit the current cell or label", "Table"),
    ("Enter / Tab", "Confirm the edit and move", "Table, editing"),
    ("Esc", "Cancel the edit", "Table, editing"),
    ("Delete", "Clear the selected values", "Table"),
    ("Enter", "Select the cell whose number is at the text cursor", "Source"),
    ("Double-click", "Select the cell whose number was clicked", "Source"),
    ("Ctrl+Enter", "Apply the proposed repair of the current finding", "Findings"),
    ("Enter / Shift+Enter", "Next / previous match", "Find bar"),
    ("Esc", "Close the find bar", "Find bar"),
)


def install_help_menu(window) -> None:
    """Add Help > Keyboard shortcuts and Help > About iijview to the window's menu bar."""
    menu = window.menuBar().addMenu("&Help")
    shortcuts = QAction("&Keyboard shortcuts", window)
    shortcuts.setShortcut(QKeySequence.HelpContents)
    shortcuts.setStatusTip("List every keyboard shortcut of the app")
    shortcuts.triggered.connect(lambda _c=False: show_shortcuts(window))
    about = QAction("&About iijview", window)
    about.setMenuRole(QAction.AboutRole)
    about.setStatusTip("Versions, log file and workspace folder")
    about.triggered.connect(lambda _c=False: show_about(window))
    menu.addActions([shortcuts, about])
    window.act_shortcuts, window.act_about = shortcuts, about


def menu_shortcuts(window) -> list[tuple[str, str, str]]:
    """(keys, action, menu) for every menu action that has a shortcut, in menu order."""
    rows = []

    def walk(menu, path):
        for act in menu.actions():
            if act.menu() is not None:
                walk(act.menu(), f"{path} > {_plain(act.text())}")
            elif act.shortcuts():
                keys = ", ".join(k.toString(QKeySequence.NativeText) for k in act.shortcuts())
                rows.append((keys, _plain(act.text()), path))

    for act in window.menuBar().actions():
        if act.menu() is not None:
            walk(act.menu(), _plain(act.text()))
    return rows


def show_shortcuts(window) -> QDialog:
    """Show (or bring back) the keyboard shortcuts window; modeless, with a filter."""
    dlg = getattr(window, "_shortcuts_dialog", None)
    if dlg is None:
        dlg = window._shortcuts_dialog = _ShortcutsDialog(window)
    dlg.show()
    dlg.raise_()
    dlg.activateWindow()
    return dlg


class _ShortcutsDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.setWindowTitle("iijview \u2014 Keyboard shortcuts")
        rows = menu_shortcuts(window) + [(k, what, where) for k, what, where in VIEW_KEYS]
        self.filter = QLineEdit(placeholderText="Filter (a key or a word)")
        self.filter.setClearButtonEnabled(True)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["Keys", "Does", "Where"])
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        self.filter.textChanged.connect(self._filter)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.filter)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.resize(*_fit(window, 640, 620))

    def _filter(self, text: str) -> None:
        text = text.strip().lower()
        for r in range(self.table.rowCount()):
            cells = " ".join(self.table.item(r, c).text().lower() for c in range(3))
            self.table.setRowHidden(r, bool(text) and text not in cells)


def versions() -> list[tuple[str, str]]:
    """(name, version) of the app and what it runs on."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from iijview import __version__

    def dist(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return [("iijview", __version__), ("Python", platform.python_version()),
            ("Qt", qVersion()), ("PySide6", pyside_version), ("pandas", dist("pandas")),
            ("openpyxl", dist("openpyxl")), ("pyqtgraph", dist("pyqtgraph")),
            ("NumPy", dist("numpy")), ("System", f"{platform.system()} {platform.release()} "
                                                  f"({platform.machine()})")]


def about_text(window) -> str:
    """The About box's plain text (also what "Copy" puts on the clipboard)."""
    from iijview.logging_setup import log_path

    lines = [f"{name}: {version}" for name, version in versions()]
    lines.append(f"Log file: {log_path()}")
    lines.append(f"Workspace: {getattr(window.ws, 'folder', '')}")
    return "\n".join(lines)


def show_about(window) -> QDialog:
    """The About box: what iijview is, the versions, the log file and the workspace folder."""
    from iijview.gui.app_icon import app_icon
    from iijview.logging_setup import log_path

    dlg = QDialog(window)
    dlg.setWindowTitle("About iijview")
    icon = QLabel()
    icon.setPixmap(app_icon().pixmap(64, 64))
    icon.setAlignment(Qt.AlignTop)
    rows = "".join(f"<tr><td>{n}</td><td>&nbsp;&nbsp;{v}</td></tr>" for n, v in versions())
    log = log_path()
    folder = getattr(window.ws, "folder", "")
    text = QLabel(
        "<h3>iijview</h3><p>Reads, checks, corrects and exports the earnings releases of Internet "
        f"Initiative Japan (IIJ).</p><table>{rows}</table>"
        f"<p>Log file:<br><a href='{QUrl.fromLocalFile(str(log.parent)).toString()}'>{log}</a></p>"
        f"<p>Workspace (your corrections):<br>{folder}</p>")
    text.setTextFormat(Qt.RichText)
    text.setTextInteractionFlags(Qt.TextBrowserInteraction)
    text.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
    text.setWordWrap(True)
    buttons = QDialogButtonBox(QDialogButtonBox.Ok)
    copy = buttons.addButton("Copy versions", QDialogButtonBox.ActionRole)
    copy.setToolTip("Copy versions and paths, e.g. for a bug report")
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(about_text(window)))
    buttons.accepted.connect(dlg.accept)
    top = QHBoxLayout()
    top.addWidget(icon)
    top.addWidget(text, 1)
    lay = QVBoxLayout(dlg)
    lay.addLayout(top)
    lay.addWidget(buttons)
    dlg.setMinimumWidth(min(520, window.width()))
    dlg.text = text
    dlg.open()
    return dlg


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").replace("\u2026", "")


def _fit(window, width: int, height: int) -> tuple[int, int]:
    screen = window.screen().availableGeometry() if window.screen() else None
    if screen is None:
        return width, height
    return min(width, screen.width() - 40), min(height, screen.height() - 80)

