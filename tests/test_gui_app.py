"""The app driven as a user would, on a small hand-made release (pytest-qt, offscreen)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication

from iijview.gui import errors
from iijview.gui.app import create_window
from iijview.gui.loading import prepare
from iijview.model import Finding
from PySide6.QtWidgets import QLineEdit


@pytest.fixture
def ws_dir(tmp_path):
    return tmp_path / "ws"


@pytest.fixture(autouse=True)
def _factory(tiny_release):
    global build_tiny_release
    build_tiny_release = tiny_release


@pytest.fixture
def window(qtbot, ws_dir):
    errors.shown.clear()
    win = create_window([], workspace=ws_dir)
    qtbot.addWidget(win)
    win.show()
    return win


def open_tiny(win, findings=()):
    rel = build_tiny_release()
    rel.findings = list(findings)
    win.add_result(prepare(rel, "/data/tiny.txt", win.ws))
    return rel


def shown(win, r, c):
    m = win.table.model
    return m.data(m.index(r, c))


def editor_of(grid):
    return grid.findChild(QLineEdit)


def type_into(qtbot, win, r, c, text, key=Qt.Key_Return):
    """Type over a cell as a user does: the first key opens the editor, the rest go into it."""
    win.table.go(r, c)
    grid = win.table.labels if c == 0 else win.table.values
    qtbot.keyClick(grid, text[0])
    editor = editor_of(grid)
    assert editor is not None and editor.text() == text[0]
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, key)
    qtbot.wait(20)


def test_start_screen_offers_open_and_samples(window):
    assert window.stack.currentIndex() == 0
    assert window.start.open_button.text() == "&Open release files\u2026"
    assert "samples" in window.start.samples_button.text()
    assert window.act_samples.text() == "Open bundled &samples"


def test_open_shows_library_tabs_and_table(window):
    open_tiny(window)
    assert window.stack.currentIndex() == 1
    lib = window.library.library
    assert [lib.data(lib.index(0, c)) for c in range(5)] == ["1Q-3Q18", "0", "tiny.txt", "U.S. GAAP", "web"]
    top = lib.index(0, 0)
    assert [lib.data(lib.index(i, 0, top)) for i in range(lib.rowCount(top))] == ["Statement of income",
                                                                                  "Balance sheet"]
    assert window.st_key == "income_statement"
    m = window.table.model
    assert m.headerData(2, Qt.Horizontal) == "9M to Dec 31, 2018\nJPY thousands"
    assert shown(window, 0, 2) == "120,000"
    assert shown(window, 1, 1) == "(80,000)"
    assert shown(window, 1, 0) == "    Cost of revenues"          # indented by level
    assert m.data(m.index(2, 0), Qt.FontRole).bold()               # total
    assert m.data(m.index(0, 0), Qt.FontRole) is None
    assert m.data(m.index(0, 1), Qt.TextAlignmentRole) & Qt.AlignRight


def test_edit_undo_redo_stored_at_once(qtbot, window):
    rel = open_tiny(window)
    type_into(qtbot, window, 0, 2, "125000")
    assert shown(window, 0, 2) == "125,000"
    assert window.table.current() == (1, 2)                        # Enter moved down
    assert window.act_undo.text() == "&Undo Edit Revenues 9M to Dec 31, 2018"
    [c] = window.ws.corrections(rel.sha256)
    assert (c.value, c.original_value, c.row_key, c.col_key) == (125000, 120000, "/Revenues#0", "c18")
    m = window.table.model
    assert m.data(m.index(0, 2), Qt.BackgroundRole) is not None    # corrected colour
    assert "release says: 120,000" in m.data(m.index(0, 2), Qt.ToolTipRole)
    window.act_undo.trigger()
    assert shown(window, 0, 2) == "120,000"
    assert window.ws.corrections(rel.sha256) == []
    window.act_redo.trigger()
    assert shown(window, 0, 2) == "125,000"
    assert len(window.ws.corrections(rel.sha256)) == 1


def test_escape_cancels_and_bad_typing_refused(qtbot, window):
    rel = open_tiny(window)
    type_into(qtbot, window, 0, 1, "999", Qt.Key_Escape)
    assert shown(window, 0, 1) == "100,000"
    type_into(qtbot, window, 0, 1, "12,3x4")
    assert shown(window, 0, 1) == "100,000"
    assert "not a number" in window.statusBar().currentMessage()
    assert window.table.current() == (0, 1)                        # refused: stays put
    assert window.ws.corrections(rel.sha256) == []


def test_tab_moves_right(qtbot, window):
    open_tiny(window)
    type_into(qtbot, window, 0, 1, "7", Qt.Key_Tab)
    assert shown(window, 0, 1) == "7"
    assert window.table.current()[1] == 2


def test_label_edit_and_revert(qtbot, window):
    rel = open_tiny(window)
    type_into(qtbot, window, 0, 0, "Net revenues")
    assert shown(window, 0, 0) == "Net revenues"
    [c] = window.ws.corrections(rel.sha256)
    assert (c.kind, c.text, c.original_text) == ("label", "Net revenues", "Revenues")
    window.table.go(0, 0)
    window.act_revert.trigger()
    assert shown(window, 0, 0) == "Revenues"
    assert window.ws.corrections(rel.sha256) == []


def test_paste_block_is_one_undo_step(window):
    rel = open_tiny(window)
    window.table.go(0, 1)
    QGuiApplication.clipboard().setText("101\t121\n(81)\t(91)\n")
    window.act_paste.trigger()
    assert [shown(window, r, c) for r in (0, 1) for c in (1, 2)] == ["101", "121", "(81)", "(91)"]
    assert len(window.ws.corrections(rel.sha256)) == 4
    assert window.act_undo.text().startswith("&Undo Paste 2\u00d72")
    window.act_undo.trigger()
    assert [shown(window, r, c) for r in (0, 1) for c in (1, 2)] == ["100,000", "120,000",
                                                                     "(80,000)", "(90,000)"]
    assert window.ws.corrections(rel.sha256) == []


def test_paste_refuses_bad_cell_entirely(window):
    rel = open_tiny(window)
    window.table.go(0, 1)
    assert not window.table.paste_text("1\tabc\n")
    assert "not a number" in window.statusBar().currentMessage()
    assert shown(window, 0, 1) == "100,000" and window.ws.corrections(rel.sha256) == []


def test_copy_with_headers_round_trips(window):
    open_tiny(window)
    window.table.select_cells([(0, 1), (0, 2), (1, 1), (1, 2)])
    assert window.table.copy_text(headers=True) == (
        "Line item\t9M to Dec 31, 2017 (JPY thousands)\t9M to Dec 31, 2018 (JPY thousands)\n"
        "Revenues\t100000\t120000\n"
        "Cost of revenues\t-80000\t-90000\n")
    # Our own copy pasted back at the label column round-trips without changes.
    window.table.go(0, 0)
    assert not window.table.paste_text(window.table.copy_text(headers=True))


def test_insert_and_delete_rows_undoable_and_stored(qtbot, window):
    rel = open_tiny(window)
    window.table.go(0, 1)
    window.act_insert.trigger()
    editor = editor_of(window.table.labels)
    assert editor.text() == "New line item"
    editor.selectAll()
    qtbot.keyClicks(editor, "Other revenues")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.wait(20)
    assert shown(window, 1, 0) == "Other revenues"
    kinds = sorted(c.kind for c in window.ws.corrections(rel.sha256))
    assert kinds == ["insert"]
    window.table.go(2, 1)
    window.act_delete.trigger()
    assert [shown(window, r, 0) for r in range(3)] == ["Revenues", "Other revenues", "Gross margin"]
    assert sorted(c.kind for c in window.ws.corrections(rel.sha256)) == ["delete", "insert"]
    # A fresh parse with the stored corrections looks the same.
    fresh = build_tiny_release()
    window.ws.apply(fresh)
    assert [it.label for it in fresh.statement("income_statement").items] == \
        ["Revenues", "Other revenues", "Gross margin"]
    window.act_undo.trigger()
    assert shown(window, 2, 0) == "    Cost of revenues"
    assert sorted(c.kind for c in window.ws.corrections(rel.sha256)) == ["insert"]


def test_unit_switch(window):
    open_tiny(window)
    window.set_mode("millions")
    assert shown(window, 0, 2) == "120"
    assert shown(window, 1, 2) == "(90)"
    window.set_mode("billions")
    assert shown(window, 0, 2) == "0.1"
    window.set_mode("printed")
    assert shown(window, 0, 2) == "120,000"


def test_edit_in_millions_stores_printed_units(qtbot, window):
    rel = open_tiny(window)
    window.set_mode("millions")
    type_into(qtbot, window, 0, 2, "125")
    [c] = window.ws.corrections(rel.sha256)
    assert c.value == 125000 and c.text == "125,000"


def test_source_follows_cell_and_jumps_back(window):
    rel = open_tiny(window)
    window.table.go(1, 2)
    start = rel.text.index("(90,000)")
    assert window.source.highlighted == (start, start + len("(90,000)"))
    window.jump_to_offset(rel.text.index("5,000") + 2)
    assert window.table.model.table.st.title == "Balance sheet"
    assert window.table.current() == (0, 1)


def test_double_click_in_source(qtbot, window):
    rel = open_tiny(window)
    src = window.source
    from PySide6.QtGui import QTextCursor
    cur = QTextCursor(src.document())
    cur.setPosition(rel.text.index("100,000") + 1)
    rect = src.cursorRect(cur)
    qtbot.mouseDClick(src.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.table.current() == (0, 1)


def test_findings_marked_listed_and_repair_applied(window):
    f = Finding("totals", "Gross margin does not equal revenues less cost of revenues",
                statement="income_statement", cells=[(0, "c18"), (1, "c18"), (2, "c18")],
                difference=-5, suggestion={"label": "Gross margin", "value": 31000, "row": 2,
                                           "column": "c18"})
    rel = open_tiny(window, [f])
    m = window.table.model
    assert "totals" in m.data(m.index(2, 2), Qt.ToolTipRole)
    fm = window.findings.findings
    assert fm.rowCount() == 1 and fm.data(fm.index(0, 4)) == "Apply: Set Gross margin = 31,000"
    window.select_finding(0)
    assert window.table.selected() == [(0, 2), (1, 2), (2, 2)]
    window.findings.repair_requested.emit(0)
    assert shown(window, 2, 2) == "31,000"
    assert m.data(m.index(2, 2), Qt.BackgroundRole) is not None
    assert fm.data(fm.index(0, 4)).startswith("Applied")
    assert window.act_undo.text() == "&Undo Repair Gross margin 9M to Dec 31, 2018"
    [c] = window.ws.corrections(rel.sha256)
    assert (c.value, c.original_value) == (31000, 30000)
    window.act_undo.trigger()
    assert shown(window, 2, 2) == "30,000"
    assert window.ws.corrections(rel.sha256) == []


def test_insert_repair(window):
    f = Finding("missing_item", "A line seems missing after Revenues", statement="income_statement",
                cells=[(0, "c18")], suggestion={"label": "Other revenues", "value": 5, "insert_after": 0,
                                                "column": "c18"})
    rel = open_tiny(window, [f])
    assert window.apply_repair(0)
    assert shown(window, 1, 0) == "    Other revenues" or shown(window, 1, 0) == "Other revenues"
    assert shown(window, 1, 2) == "5"
    assert sorted(c.kind for c in window.ws.corrections(rel.sha256)) == ["insert", "value"]
    window.act_undo.trigger()
    assert shown(window, 1, 0) == "    Cost of revenues"
    assert window.ws.corrections(rel.sha256) == []


def test_find(window):
    open_tiny(window)
    window.act_find.trigger()
    window.find_bar.edit.setText("cash")
    assert window.table.model.table.st.title == "Balance sheet"
    assert window.table.current() == (0, 0)
    window.find_bar.edit.setText("90,000")
    assert window.table.current() == (1, 2)
    assert window.find_bar.count.text() == "1 of 1"


def test_restart_finds_correction(qtbot, window, ws_dir):
    rel = open_tiny(window)
    window.table.go(0, 2)
    window.table.model.setData(window.table.model.index(0, 2), "130,000")
    window.close()
    again = create_window([], workspace=ws_dir)
    qtbot.addWidget(again)
    open_tiny(again)
    m = again.table.model
    assert shown(again, 0, 2) == "130,000"
    assert "release says: 120,000" in m.data(m.index(0, 2), Qt.ToolTipRole)
    assert again.ws.corrections(rel.sha256)[0].value == 130000


@pytest.mark.parametrize("content, words", [
    (None, "no such file"),
    (b"\x00\x01\x02 nothing here", "bad.txt"),
    (b"Just a letter to a friend.\nNothing financial in it.\n", "bad.txt"),
])
def test_bad_file_message_no_traceback(qtbot, window, tmp_path, content, words):
    open_tiny(window)
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    window.open_paths([path])
    qtbot.waitUntil(lambda: any(words in b.text() for b in errors.shown), timeout=10000)
    box = next(b for b in errors.shown if words in b.text())
    assert "Traceback" not in box.text() and "File > Open" in box.informativeText()
    assert box.detailedText() == ""
    assert len(window.releases) == 1 and window.isVisible()
    box.accept()


def test_drop_opens_files(qtbot, window, tmp_path):
    path = tmp_path / "dropped.txt"
    path.write_text("just some words")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    ev = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(ev)
    qtbot.waitUntil(lambda: any("dropped.txt" in b.text() for b in errors.shown), timeout=10000)


def test_unexpected_error_dialog(window):
    import sys
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    box = errors.shown[-1]
    assert "RuntimeError: boom" in box.text() and "Traceback" in box.detailedText()
    assert window.isVisible()


def test_layout_and_recent_restored(qtbot, window, ws_dir, tmp_path):
    window.resize(701, 501)          # the offscreen screen is 800x800; bigger sizes get clamped
    window.ws.add_recent(tmp_path / "a.txt")
    window.close()
    again = create_window([], workspace=ws_dir)
    qtbot.addWidget(again)
    assert (again.size().width(), again.size().height()) == (701, 501)
    assert [a.text() for a in again.recent_menu.actions()] == ["a.txt"]


def test_finding_without_cells_shows_its_source_line(window):
    f = Finding("unnamed_columns", "Line 4: 2 measures but 1 heading", line=4)
    rel = open_tiny(window, [f])
    window.select_finding(0)
    start = rel.text.index("Cost of revenues")
    assert window.source.highlighted == (start, start)
    assert "source line 4" in window.statusBar().currentMessage()


def test_a_release_nothing_could_be_read_from_opens_and_says_so(window, tiny_release):
    """Issue 10: an IIJ release is never refused; the window shows it with what was looked for."""
    from iijview.loader import load_text
    open_tiny(window)
    empty = load_text("IIJ Announces Fiscal Year 2014 Financial Results\n\nTOKYO, May 14, 2015 -- Internet Initiative "
                      "Japan Inc. today announced its financial results for the fiscal year ended March 31, 2015.\n",
                      "cut.txt")
    window.add_result(prepare(empty, "/data/cut.txt", window.ws))
    assert [rs.release.name for rs in window.releases] == ["tiny.txt", "cut.txt"]
    window.show_release(1)
    assert window.table.model is None              # no other release's table left on screen
    assert "No statement could be read from cut.txt" in window.title.text()
    assert any(f.rule == "nothing_read" for f in window.current.release.findings)
    window.show_release(0)                         # and back to a release with statements
    assert window.table.model is not None and window.st_key == "income_statement"
