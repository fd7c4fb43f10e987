"""Issue 13: the app behaves like the spreadsheet people know, driven as a user drives it
(keys, clicks, right-clicks, the clipboard), offscreen.

Figures on the samples were read by hand from resources/samples: the FY2017 six-month OCR balance
sheet lost its treasury stock line, (1,896,784) at Mar 31 and Sep 30, 2017 (see
test_gui_samples.test_apply_proposed_repair_for_a_line_lost_by_ocr for the sums); the FY2018
nine-month web release prints 'Cost of network services 66,109,118 73,771,885'.
"""
from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QWheelEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QLineEdit

from iijview.gui import errors
from iijview.gui.app import create_window
from iijview.gui.file_dialog import make_dialog
from iijview.gui.loading import prepare
from iijview.naming import release_label
from test_gui_samples import OCR, WEB, cell_of, show, wait_open

SLIDES = "2018-09_6m_fy2018_slides_usgaap.txt"


def activate(qtbot, win):
    """Show the window and make it the active one, so its keyboard shortcuts work."""
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.wait(30)


@pytest.fixture
def win(qtbot, tmp_path, tiny_release):
    errors.shown.clear()
    w = create_window([], workspace=tmp_path / "ws")
    qtbot.addWidget(w)
    activate(qtbot, w)
    w.tiny = tiny_release()
    w.add_result(prepare(w.tiny, "/data/tiny.txt", w.ws))
    return w


@pytest.fixture
def samples(qtbot, tmp_path):
    errors.shown.clear()
    w = create_window([], workspace=tmp_path / "ws")
    qtbot.addWidget(w)
    activate(qtbot, w)
    qtbot.mouseClick(w.start.samples_button, Qt.LeftButton)
    wait_open(qtbot, w, 5)
    return w


def type_over(qtbot, win, r, c, text):
    """Type over a cell: the first key opens the editor, the rest go into it, Enter commits."""
    win.table.go(r, c)
    grid = win.table.labels if c == 0 else win.table.values
    qtbot.keyClick(grid, text[0])
    editor = grid.findChild(QLineEdit)
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.wait(30)


def keys(qtbot, widget, key, mods=Qt.NoModifier):
    widget.setFocus()
    qtbot.keyClick(widget, key, mods)
    qtbot.wait(10)


def right_click(widget, pos: QPoint):
    """A right-click as the platform delivers it: a context menu event at the mouse."""
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Mouse, pos, widget.mapToGlobal(pos)))


def menu_texts(win):
    return [a.text().replace("&", "") for a in win._menu.actions() if a.text()]


def click_menu(qtbot, win, text):
    menu = win._menu
    act = next(a for a in menu.actions() if a.text().replace("&", "") == text)
    qtbot.waitExposed(menu)
    qtbot.mouseClick(menu, Qt.LeftButton, pos=menu.actionGeometry(act).center())
    qtbot.wait(10)


def cell_pos(grid, r, c):
    return grid.visualRect(grid.model().index(r, c)).center()


def clipboard():
    return QGuiApplication.clipboard().text()


# -- copy, paste, edit -------------------------------------------------------------------------

def test_ctrl_c_copies_exactly_the_selected_cells(qtbot, win):
    win.table.go(0, 2)
    keys(qtbot, win.table.values, Qt.Key_C, Qt.ControlModifier)
    assert clipboard() == "120000\n"                 # one cell: its value, no headers, no separators
    assert win.statusBar().currentMessage() == "Copied 1 cell."
    win.table.select_cells([(0, 1), (1, 1), (1, 2)])
    keys(qtbot, win.table.values, Qt.Key_C, Qt.ControlModifier)
    assert clipboard() == "100000\t\n-80000\t-90000\n"    # the block, unselected cells empty
    keys(qtbot, win.table.values, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    assert clipboard() == ("Line item\t9M to Dec 31, 2017 (JPY thousands)\t9M to Dec 31, 2018 (JPY thousands)\n"
                           "Revenues\t100000\t\nCost of revenues\t-80000\t-90000\n")
    assert win.statusBar().currentMessage() == "Copied 2 rows \u00d7 2 columns with headers."


def test_copy_in_millions_is_the_number_shown(qtbot, win):
    win.set_mode("millions")                        # 120,000 thousand yen = 120 million
    win.table.go(0, 2)
    keys(qtbot, win.table.values, Qt.Key_C, Qt.ControlModifier)
    assert clipboard() == "120\n"


def test_paste_a_spreadsheet_block_with_ctrl_v(qtbot, win):
    QGuiApplication.clipboard().setText("101000\t121000\n")
    win.table.go(0, 1)
    keys(qtbot, win.table.values, Qt.Key_V, Qt.ControlModifier)
    m = win.table.model
    assert [m.data(m.index(0, c)) for c in (1, 2)] == ["101,000", "121,000"]
    assert win.statusBar().currentMessage() == "Pasted 2 cells."
    QGuiApplication.clipboard().setText("1\n")
    keys(qtbot, win.table.values, Qt.Key_V, Qt.ControlModifier)
    assert win.statusBar().currentMessage() == "Pasted 1 cell."


def test_insert_row_editor_replaces_its_text_and_ctrl_z_undoes_the_insert(qtbot, win):
    m = win.table.model
    win.table.go(0, 1)
    keys(qtbot, win.table.values, Qt.Key_I, Qt.ControlModifier | Qt.ShiftModifier)
    assert m.rowCount() == 4
    editor = win.table.labels.findChild(QLineEdit)
    assert editor is not None and editor.selectedText() == "New line item"
    qtbot.keyClicks(editor, "Dividend income")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.wait(30)
    assert m.table.item(1).label == "Dividend income"
    # A second insert, then Ctrl+Z straight away in its editor: the insert is undone.
    win.table.go(1, 0)
    keys(qtbot, win.table.labels, Qt.Key_I, Qt.ControlModifier | Qt.ShiftModifier)
    editor = win.table.labels.findChild(QLineEdit)
    assert m.rowCount() == 5 and editor is not None
    qtbot.keyClick(editor, Qt.Key_Z, Qt.ControlModifier)
    qtbot.waitUntil(lambda: m.rowCount() == 4)
    assert [m.table.item(r).label for r in range(4)] == ["Revenues", "Dividend income", "Cost of revenues",
                                                         "Gross margin"]


def test_right_click_menus_on_cells_headers_library_and_findings(qtbot, win):
    grid = win.table.values
    right_click(grid.viewport(), cell_pos(grid, 1, 2))
    assert win.table.current() == (1, 2)            # the clicked cell became the selection
    assert menu_texts(win) == ["Copy", "Copy with headers", "Paste", "Insert row below", "Delete rows",
                               "Revert to parsed value", "Show in source", "Chart selected rows"]
    click_menu(qtbot, win, "Copy with headers")
    assert clipboard() == "Line item\t9M to Dec 31, 2018 (JPY thousands)\nCost of revenues\t-90000\n"
    head = grid.horizontalHeader()
    right_click(head.viewport(), QPoint(head.sectionViewportPosition(1) + 5, 5))
    assert menu_texts(win)[:2] == ["Copy column \u201c9M to Dec 31, 2017\u201d", "Copy column with headers"]
    click_menu(qtbot, win, "Copy column \u201c9M to Dec 31, 2017\u201d")
    assert clipboard() == "100000\n-80000\n20000\n"
    tree = win.library.tree
    right_click(tree.viewport(), tree.visualRect(tree.model().index(0, 0)).center())
    assert "Export release to Excel\u2026" in menu_texts(win) and "Close release" in menu_texts(win)


def test_findings_right_click_applies_the_repair(qtbot, samples):
    rs, m = show(samples, OCR, "balance_sheet")
    view = samples.findings.view
    n = next(k for k, p in enumerate(rs.places) if p.insert_after and p.finding.period.end.month == 3)
    row = samples.findings.sorter.mapFromSource(samples.findings.findings.index(n, 0)).row()
    right_click(view.viewport(), view.visualRect(view.model().index(row, 3)).center())
    texts = menu_texts(samples)
    assert texts[0] == "Apply: Insert Treasury stock = (1,896,784)" and "Apply to all 2 periods" in texts
    click_menu(qtbot, samples, "Apply to all 2 periods")
    r = next(i for i, it in enumerate(m.table.st.items) if it.label == "Treasury stock")
    assert [m.data(m.index(r, c)) for c in (1, 2)] == ["(1,896,784)", "(1,896,784)"]
    assert samples.act_undo.text() == "&Undo Repair Treasury stock at 2 periods"


def test_zoom_keys_wheel_and_remembered(qtbot, win, tmp_path):
    size = win.table.values.font().pointSizeF()
    keys(qtbot, win.table.values, Qt.Key_Equal, Qt.ControlModifier)
    assert win.zoom == 110 and win.table.values.font().pointSizeF() > size
    assert win.source.font().pointSizeF() > 0
    vp = win.table.values.viewport()
    wheel = QWheelEvent(QPointF(20, 20), QPointF(vp.mapToGlobal(QPoint(20, 20))), QPoint(0, 0),
                        QPoint(0, 120), Qt.NoButton, Qt.ControlModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(vp, wheel)
    assert win.zoom == 125
    keys(qtbot, win.table.values, Qt.Key_Minus, Qt.ControlModifier)
    assert win.zoom == 110
    win.close()
    again = create_window([], workspace=tmp_path / "ws")
    qtbot.addWidget(again)
    assert again.zoom == 110
    for box in list(errors.shown):          # "/data/tiny.txt" is gone: say so, then go on
        box.done(0)
    activate(qtbot, again)
    keys(qtbot, again.table.values, Qt.Key_0, Qt.ControlModifier)
    assert again.zoom == 100 and again.ws.setting("zoom") == 100


# -- what the grid says ------------------------------------------------------------------------

def test_headers_carry_the_unit_and_say_where_it_was_read(samples):
    rs, m = show(samples, WEB, "balance_sheet")
    c = next(k for k in range(1, m.columnCount()) if m.table.column(k).title() == "As of Dec 31, 2018")
    assert m.headerData(c, Qt.Horizontal) == "As of Dec 31, 2018\nJPY thousands"
    tip = m.headerData(c, Qt.Horizontal, Qt.ToolTipRole)
    # Line 39: "(As of March 31, 2018 and December 31, 2018)", line 41: "JPY Thousands of".
    assert "Period read from source line 39" in tip and "Unit read from source line 41" in tip
    samples.set_mode("millions")
    assert m.headerData(c, Qt.Horizontal) == "As of Dec 31, 2018\nJPY millions"
    assert "the release prints JPY thousands" in m.headerData(c, Qt.Horizontal, Qt.ToolTipRole)


def test_long_labels_end_in_an_ellipsis_wrap_on_demand_and_show_in_full(qtbot, samples):
    rs, m = show(samples, WEB, "balance_sheet")
    r = next(i for i, it in enumerate(m.table.st.items) if it.label.startswith("Accounts receivable"))
    assert samples.table.labels.textElideMode() == Qt.ElideRight
    assert m.table.item(r).label in m.data(m.index(r, 0), Qt.ToolTipRole)
    one_line = samples.table.labels.rowHeight(r)
    samples.act_wrap.trigger()                       # View > Wrap long labels
    qtbot.waitUntil(lambda: samples.table.labels.rowHeight(r) > one_line)
    assert samples.table.values.rowHeight(r) == samples.table.labels.rowHeight(r)
    assert samples.ws.setting("wrap_labels") is True


def test_slides_summary_shows_no_hierarchy_the_labels_do_not_support(samples):
    rs, m = show(samples, SLIDES, "highlights")
    shown = [m.data(m.index(r, 0)) for r in range(m.rowCount())]
    assert "Adjusted pre-tax income" in shown          # not indented under 'Gross Margin'
    assert all(not s.startswith(" ") for s in shown)


def test_one_release_name_in_the_library_and_the_workbook(qtbot, samples, tmp_path):
    from iijview.export import write_workbook

    rs, _m = show(samples, OCR, "balance_sheet")
    lib = samples.library.library
    label = lib.data(lib.index(samples.releases.index(rs), 0))
    assert label == "1H17" == release_label(rs.release)
    out = tmp_path / "ocr.xlsx"
    samples.export_to([rs.release], str(out), write_workbook)
    qtbot.waitUntil(lambda: "Exported to" in samples.statusBar().currentMessage(), timeout=60000)
    names = openpyxl.load_workbook(out, read_only=True).sheetnames
    assert "1H17 Balance sheet" in names and not any(n.startswith("FY17") for n in names)


# -- finding your way --------------------------------------------------------------------------

def test_statements_listed_under_their_release_unique_and_reachable_by_keyboard(qtbot, samples):
    for rs in samples.releases:
        titles = [st.title for st in rs.release.statements]
        assert len(set(titles)) == len(titles), rs.release.name
        assert not any(t.endswith(("(1)", "(2)")) for t in titles)
    rs, _m = show(samples, WEB, "highlights")
    keys(qtbot, samples.table.values, Qt.Key_K, Qt.ControlModifier)      # Go to statement
    assert QApplication.focusWidget() is samples.library.filter
    qtbot.keyClicks(samples.library.filter, "per share")
    assert QApplication.focusWidget() is samples.library.filter         # typing stays in the box ...
    assert samples.table.model.table.st.title == "Highlights (1Q-3Q18)"   # ... and shows nothing yet
    qtbot.keyClick(samples.library.filter, Qt.Key_Return)
    qtbot.wait(30)
    assert samples.table.model.table.st.title == "TSE summary: per share"
    assert samples.current.release.name == WEB                           # the release being read first
    tree = samples.library.tree
    keys(qtbot, tree, Qt.Key_Down)                                        # arrowing through the list
    assert QApplication.focusWidget() is tree and samples.current.release.name != WEB
    samples.library.filter.clear()
    show(samples, WEB, "tse_summary:2")
    keys(qtbot, samples.table.values, Qt.Key_PageDown, Qt.ControlModifier)
    assert samples.table.model.table.st.title == "TSE summary: financial position"
    lib = samples.library.library
    top = lib.index(samples.releases.index(samples.current), 0)
    assert [lib.data(lib.index(k, 0, top)) for k in range(lib.rowCount(top))] == \
        [st.title for st in samples.current.release.statements]


def test_library_in_time_order_sortable_and_its_file_column_visible(qtbot, samples):
    samples.resize(1600, 1000)
    samples.share_space()
    qtbot.wait(50)
    lib = samples.library
    assert [samples.releases[i].summary[0] for i in lib.visible_order()] == \
        ["1Q-3Q12", "1H17", "1H18", "1Q-3Q18", "1Q-3Q20"]
    head = lib.tree.header()
    qtbot.mouseClick(head.viewport(), Qt.LeftButton, pos=QPoint(head.sectionViewportPosition(0) + 10, 5))
    assert [samples.releases[i].summary[0] for i in lib.visible_order()] == \
        ["1Q-3Q20", "1Q-3Q18", "1H18", "1H17", "1Q-3Q12"]
    qtbot.mouseClick(head.viewport(), Qt.LeftButton, pos=QPoint(head.sectionViewportPosition(1) + 10, 5))
    findings = [samples.releases[i].summary[3] for i in lib.visible_order()]
    assert findings == sorted(findings)
    assert not lib.tree.isColumnHidden(2)                     # File, stretched to the pane's edge
    assert head.sectionViewportPosition(2) + head.sectionSize(2) <= lib.tree.viewport().width()
    assert lib.library.data(lib.library.index(0, 2), Qt.ToolTipRole).count("/") > 1   # the full path


def test_open_shows_the_new_release_and_a_restart_shows_the_same_place(qtbot, samples, tmp_path):
    rs, _m = show(samples, WEB, "balance_sheet")
    copy = tmp_path / "copy_of_web.txt"
    copy.write_bytes(open(rs.path, "rb").read().replace(b"Internet Initiative", b"Internet  Initiative", 1))
    samples.open_paths([str(copy)])
    qtbot.waitUntil(lambda: len(samples.releases) == 6 and not samples.loader.busy, timeout=30000)
    assert samples.current.release.name == "copy_of_web.txt"       # the opened file is shown
    assert samples.statusBar().currentMessage().startswith("Opened copy_of_web.txt")
    show(samples, OCR, "cash_flows")
    samples.close()
    again = create_window([], workspace=tmp_path / "ws")
    qtbot.addWidget(again)
    activate(qtbot, again)
    wait_open(qtbot, again, 6)
    assert again.current.release.name == OCR and again.st_key == "cash_flows"


def test_find_covers_all_open_releases(qtbot, samples):
    show(samples, WEB, "highlights")
    keys(qtbot, samples.table.values, Qt.Key_F, Qt.ControlModifier)
    samples.find_bar.scope.setCurrentIndex(1)                       # All open releases
    qtbot.keyClicks(samples.find_bar.edit, "Share premium")          # IFRS equity only
    assert samples.current.release.name.endswith("ifrs.txt")
    assert "in 1 release" in samples.find_bar.count.text()
    show(samples, WEB, "highlights")
    samples.find_bar.scope.setCurrentIndex(0)                       # This release: searched again
    assert samples.find_bar.count.text() == "no matches"


@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
def test_panes_share_the_space_at_every_size(qtbot, samples, size):
    show(samples, WEB, "balance_sheet")
    samples.resize(1600, 1000)
    qtbot.wait(50)
    samples.resize(*size)
    qtbot.wait(100)
    central = samples.centralWidget().width()
    assert central >= 0.45 * size[0]
    labels, values = samples.table.labels.width(), samples.table.values.width()
    assert values >= labels * 1.2 and values > 250
    assert samples.docks["library"].width() >= 170 and samples.docks["source"].width() >= 170


def test_first_start_fills_the_screen(qtbot, tmp_path):
    w = create_window([], workspace=tmp_path / "fresh")
    qtbot.addWidget(w)
    screen = w.screen().availableGeometry()
    assert (w.width(), w.height()) == (screen.width(), screen.height())


def test_file_dialog_shows_whole_names_and_dates(qtbot, win):
    from PySide6.QtWidgets import QHeaderView, QTreeView

    dialog = make_dialog(win, "Open IIJ releases", "", "Release text (*.txt)")
    qtbot.addWidget(dialog)
    tree = dialog.findChild(QTreeView, "treeView")
    head = tree.header()
    assert head.sectionResizeMode(0) == QHeaderView.Stretch
    assert all(head.sectionResizeMode(c) == QHeaderView.ResizeToContents for c in range(1, head.count()))
    assert dialog.width() >= min(900, win.screen().availableGeometry().width() - 40)


# -- findings and repairs ----------------------------------------------------------------------

def test_each_finding_keeps_its_repair_after_another_was_applied(qtbot, samples):
    rs, m = show(samples, OCR, "balance_sheet")
    gaps = [n for n, p in enumerate(rs.places) if p.insert_after and p.finding.rule == "sum"]
    mar = next(n for n in gaps if rs.places[n].finding.period.end.month == 3)
    view = samples.findings.view
    row = samples.findings.sorter.mapFromSource(samples.findings.findings.index(mar, 4)).row()
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(view.model().index(row, 4)).center())
    samples.recheck()                                     # as the timer does after an edit
    [sep] = [p for p in rs.places if p.finding.rule == "sum" and p.finding.statement == m.table.st.key]
    assert sep.finding.period.end.month == 9
    assert samples.findings.findings.repair_label(sep) == "Apply: Set Treasury stock = (1,896,784)"
    samples.apply_repair(rs.places.index(sep))
    r = next(i for i, it in enumerate(m.table.st.items) if it.label == "Treasury stock")
    assert [m.data(m.index(r, c)) for c in (1, 2)] == ["(1,896,784)", "(1,896,784)"]
    samples.recheck()
    assert not [p for p in rs.places if p.finding.rule == "sum" and p.finding.statement == m.table.st.key]


def test_a_broken_total_offers_revert_my_edit(qtbot, samples):
    rs, m = show(samples, WEB, "income_statement")
    r, c = cell_of(m, "Cost of network services", "9M to Dec 31, 2018")
    type_over(qtbot, samples, r, c, "73773413")          # 1,528 too much, by a slip of the finger
    samples.recheck()
    mine = [p for p in rs.places if (p.finding.suggestion or {}).get("revert")]
    assert mine and all(p.finding.suggestion["value"] == 73_771_885 for p in mine)
    assert not [p for p in rs.places if "insert_after" in (p.finding.suggestion or {})
                and p.finding.statement == m.table.st.key]
    assert samples.findings.findings.repair_label(mine[0]) == \
        "Revert my edit: Cost of network services back to 73,771,885"
    samples.apply_repair(rs.places.index(mine[0]))
    assert m.data(m.index(r, c)) == "73,771,885"
    assert samples.ws.corrections(rs.release.sha256) == []


def test_findings_panel_reads_well_sorts_and_stays_docked(qtbot, samples):
    samples.resize(1600, 1000)
    samples.share_space()
    rs, _m = show(samples, OCR, "balance_sheet")
    fv = samples.findings
    view = fv.view
    qtbot.wait(50)
    rows = view.viewport().height() // view.rowHeight(0)
    assert rows >= 6
    assert view.columnWidth(3) > view.columnWidth(4)          # the message gets the room
    n = next(k for k, p in enumerate(rs.places) if p.insert_after)
    tip = fv.findings.data(fv.findings.index(n, 3), Qt.ToolTipRole)
    assert "e+" not in tip and "Difference: (1,896,784)." in tip
    head = view.horizontalHeader()
    qtbot.mouseClick(head.viewport(), Qt.LeftButton, pos=QPoint(head.sectionViewportPosition(2) + 5, 5))
    periods = [view.model().index(r, 2).data(Qt.UserRole + 3) for r in range(view.model().rowCount())]
    assert periods == sorted(periods)
    dock = samples.docks["findings"]
    assert not dock.features() & QDockWidget.DockWidgetFloatable
    assert "4 errors" in fv.summary.text()


# -- charts and status -------------------------------------------------------------------------

def test_chart_heading_rows_targets_time_order_and_export(qtbot, samples, tmp_path):
    rs, m = show(samples, SLIDES, "operating_summary")
    samples.docks["chart"].show()
    samples.docks["chart"].raise_()
    qtbot.waitUntil(lambda: samples.chart is not None)
    chart = samples.chart
    r = next(i for i, it in enumerate(m.table.st.items) if it.label == "Total Revenues")
    samples.table.go(r, 2)
    # Printed: 1H18 results, 1H17 results, 1H18 targets, FY18 targets (JPY billion).
    assert [s.name for s in chart.slots] == ["1H17", "1H18", "1H18 target", "FY2018 target"]
    assert "Targets are outlined bars" in chart.title.text()
    for kind in ("png", "svg"):
        out = tmp_path / f"chart.{kind}"
        assert chart.export(str(out)) and out.stat().st_size > 0
    rs, m = show(samples, WEB, "income_statement")
    heading = next(i for i, it in enumerate(m.table.st.items) if it.is_heading)
    samples.table.go(heading, 0)
    assert "::" not in chart.title.text() and "has no figures to chart" in chart.title.text()
    assert chart.slots == [] and not chart.plot.isVisible()
    r, _c = cell_of(m, "Total revenues", "9M to Dec 31, 2018")
    samples.table.select_cells([(r, 1), (r + 1, 1)])
    samples.act_chart_rows.trigger()
    assert [s.name for s in chart.slots] == ["1Q-3Q17", "1Q-3Q18"]       # time order


def test_status_bar_says_what_is_true_now(qtbot, samples):
    rs, m = show(samples, WEB, "income_statement")
    r, c = cell_of(m, "Cost of network services", "9M to Dec 31, 2018")
    type_over(qtbot, samples, r, c, "abc")
    assert "\u201cabc\u201d is not a number" in samples.statusBar().currentMessage()
    show(samples, OCR, "balance_sheet")
    assert samples.statusBar().currentMessage() == ""          # that message was about the other release
    where = samples.where_label.text()
    assert where.startswith("1H17 \u00b7 Balance sheet \u00b7 ") and "finding" in where


def test_a_statement_name_and_its_period_fit_the_releases_pane_at_1024(qtbot, samples):
    show(samples, WEB, "balance_sheet")
    samples.resize(1024, 700)
    samples.share_space()
    qtbot.wait(100)
    tree = samples.library.tree
    release = tree.currentIndex().parent()
    names = [tree.model().index(k, 0, release).data() for k in range(tree.model().rowCount(release))]
    room = tree.viewport().width() - tree.indentation() * 2
    fits = [tree.fontMetrics().horizontalAdvance(name) <= room for name in names]
    assert len(names) >= 20 and sum(fits) >= 0.9 * len(names), list(zip(names, fits))
