"""Help menu (shortcuts, About box), the rotating log file, and the app's headless smoke start."""
from __future__ import annotations

import logging
import logging.handlers
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from iijview import __version__
from iijview.gui import help_menu
from iijview.gui.app import create_window
from iijview.logging_setup import BACKUPS, MAX_BYTES, log_path, start_logging


@pytest.fixture
def win(qtbot):
    w = create_window([])
    qtbot.addWidget(w)
    w.show()
    return w


def test_help_menu_is_last_with_shortcuts_and_about(win):
    menus = [a.text() for a in win.menuBar().actions()]
    assert menus[-1] == "&Help"
    help_actions = win.menuBar().actions()[-1].menu().actions()
    assert [a.text() for a in help_actions] == ["&Keyboard shortcuts", "&About iijview"]
    assert win.act_shortcuts.shortcut().toString() == "F1"


def test_shortcuts_list_every_menu_shortcut_and_filters(win, qtbot):
    rows = help_menu.menu_shortcuts(win)
    keys = {what: k for k, what, _where in rows}
    assert keys["Open"] == "Ctrl+O"
    assert keys["Insert row below"] == "Ctrl+Shift+I"
    assert keys["Keyboard shortcuts"] == "F1"
    assert ("Ctrl+Alt+1", "Amounts as printed", "View > Display unit") in rows
    QTest.keyClick(win, Qt.Key_F1)
    dlg = win._shortcuts_dialog
    qtbot.waitUntil(dlg.isVisible)
    table = dlg.table
    assert table.rowCount() == len(rows) + len(help_menu.VIEW_KEYS)
    qtbot.keyClicks(dlg.filter, "undo")
    shown = [table.item(r, 1).text() for r in range(table.rowCount()) if not table.isRowHidden(r)]
    assert shown and all("undo" in " ".join(table.item(r, c).text() for c in range(3)).lower()
                         for r in range(table.rowCount()) if not table.isRowHidden(r))
    assert help_menu.show_shortcuts(win) is dlg  # one window, brought back


def test_about_box_names_versions_and_the_log_file(win, qtbot):
    import openpyxl
    import pandas
    from PySide6.QtCore import qVersion

    dlg = help_menu.show_about(win)
    qtbot.waitUntil(dlg.isVisible)
    html = dlg.text.text()
    for needle in (__version__, qVersion(), pandas.__version__, openpyxl.__version__,
                   sys.version.split()[0], str(log_path()), str(win.ws.folder)):
        assert needle in html
    text = help_menu.about_text(win)
    copy = next(b for b in dlg.findChildren(QPushButton) if b.text() == "Copy versions")
    copy.click()
    assert QGuiApplication.clipboard().text() == text
    assert f"Log file: {log_path()}" in text and f"pandas: {pandas.__version__}" in text
    dlg.close()


def test_log_file_rotates_in_the_user_data_folder(_iijview_home):
    path = start_logging()
    assert path == _iijview_home / "logs" / "iijview.log"
    assert start_logging() == path  # idempotent: one handler
    logger = logging.getLogger("iijview")
    handlers = [h for h in logger.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(handlers) == 1
    assert handlers[0].maxBytes == MAX_BYTES and handlers[0].backupCount == BACKUPS
    logger.warning("x" * 2000)
    for _ in range(MAX_BYTES // 2000 + 10):
        logger.info("y" * 2000)
    assert (path.parent / "iijview.log.1").exists()
    assert path.stat().st_size <= MAX_BYTES
    assert f"iijview {__version__} started" in "".join(
        p.read_text() for p in path.parent.glob("iijview.log*"))
    for h in handlers:
        logger.removeHandler(h)
        h.close()


def test_unexpected_errors_go_to_the_log(win, _iijview_home, qtbot):
    path = start_logging()
    try:
        raise ValueError("boom for the log")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    text = path.read_text()
    assert "unexpected error" in text and "ValueError: boom for the log" in text
    from iijview.gui import errors
    for box in list(errors.shown):
        box.close()
    logger = logging.getLogger("iijview")
    for h in list(logger.handlers):
        logger.removeHandler(h)
        h.close()


def test_app_starts_headless_on_the_samples_and_quits(_iijview_home):
    """What CI runs after the README's install: the app, offscreen, opening the bundled samples."""
    env = dict(os.environ, IIJVIEW_SMOKE="1", QT_QPA_PLATFORM="offscreen",
               IIJVIEW_HOME=str(_iijview_home))
    done = subprocess.run([sys.executable, "-m", "iijview", "--samples"], capture_output=True,
                          text=True, env=env, timeout=180)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("iijview smoke run: 5 of 5 file(s) open")
    assert "Traceback" not in done.stderr
    log = (_iijview_home / "logs" / "iijview.log").read_text()
    assert f"iijview {__version__} started" in log
