"""The Compare page driven as a user would (pytest-qt, offscreen), on hand-made releases."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from compare_fixtures import gaap_9m_2018, ifrs_9m_2019
from iijview.compare.periods import column_key
from iijview.gui import errors
from iijview.gui.app import create_window
from iijview.gui.compare_model import CORRECTED_F, DERIVED_F
from iijview.gui.loading import prepare
from compare_fixtures import P9_18, P9_19, period, release, statement


@pytest.fixture
def window(qtbot, tmp_path):
    errors.shown.clear()
    win = create_window([], workspace=tmp_path / "ws")
    qtbot.addWidget(win)
    win.show()
    for n, rel in enumerate((gaap_9m_2018(), ifrs_9m_2019())):
        win.add_result(prepare(rel, f"/data/{rel.path}", win.ws))
    return win


@pytest.fixture
def page(window, qtbot):
    window.activateWindow()
    qtbot.wait(50)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key_K, Qt.ControlModifier | Qt.ShiftModifier)
    view = window.compare_view
    assert window.stack.currentWidget() is view and window.act_compare.isChecked()
    view.period_box.setCurrentIndex(view.period_box.findData("9m"))
    view.view_box.setCurrentIndex(view.view_box.findData("all"))
    return view


def text(view, key, col_key):
    r, c = view.comp.row_index(key), view.comp.column_index(col_key) + 1
    return view.model.data(view.model.index(r, c))


GAAP18, IFRS19 = column_key(P9_18, "U.S. GAAP"), column_key(P9_19, "IFRS")


def test_ctrl_shift_k_shows_the_comparison_and_hides_the_release_panes(window, page):
    assert not window.docks["source"].isVisible() and not window.docks["findings"].isVisible()
    headers = [page.model.headerData(c, Qt.Horizontal) for c in range(page.model.columnCount())]
    assert headers == ["Line item", "1Q-3Q17\nU.S. GAAP", "1Q-3Q18\nU.S. GAAP", "1Q-3Q18\n\u25b6 IFRS",
                       "1Q-3Q19\nIFRS"]
    assert text(page, "total_revenues", GAAP18) == "110"
    assert text(page, "operating_income", IFRS19) == "7"
    assert page.model.data(page.model.index(page.comp.row_index("operating_income"), 0)) == "Operating profit"
    page.act = window.act_compare
    window.act_compare.trigger()               # back to the statements: the panes come back
    assert window.stack.currentWidget() is not page and window.docks["source"].isVisible()


def test_typing_a_correction_lands_on_the_source_cell_and_undoes(window, page, qtbot):
    page.unit_box.setCurrentIndex(page.unit_box.findData("thousands"))
    r, c = page.comp.row_index("total_revenues"), page.comp.column_index(GAAP18) + 1
    page.go(r, c)
    qtbot.keyClick(page.values, "1")
    editor = page.values.findChild(QLineEdit)
    qtbot.keyClicks(editor, "12,500")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.wait(20)
    gaap = window.releases[0].release
    cell = gaap.statement("income_statement").items[2].cells["c1"]
    assert (cell.value, cell.status, cell.original) == (112_500, "corrected", 110_000)
    stored = window.ws.corrections(gaap.sha256)
    assert [(c.statement, c.col_key, c.value) for c in stored] == [("income_statement", "c1", 112_500)]
    assert text(page, "total_revenues", GAAP18) == "112,500"
    assert page.model.data(page.model.index(r, c), int(Qt.UserRole.value) + 2) & CORRECTED_F
    assert "Edit Total revenues 1Q-3Q18" in window.undo_group.undoText()
    window.undo_group.undo()
    qtbot.wait(20)
    assert cell.value == 110_000 and window.ws.corrections(gaap.sha256) == []
    assert text(page, "total_revenues", GAAP18) == "110,000"
    # The statement the figure came from shows it too.
    model = window.model_for(window.releases[0], "income_statement")
    assert model.data(model.index(2, 2)) == "110,000"


def test_bad_typing_and_derived_cells_are_refused(window, qtbot):
    rel = release("h.txt", period(2016, 12, 9), "U.S. GAAP", [statement(
        "income_statement", [period(2016, 9, 6), period(2016, 12, 9)], [("Total revenues", [200, 330])])])
    window.add_result(prepare(rel, "/data/h.txt", window.ws))
    window.act_compare.setChecked(True)
    page = window.compare_view
    page.period_box.setCurrentIndex(page.period_box.findData("quarters"))
    q3 = column_key(period(2016, 12, 3), "U.S. GAAP")
    r, c = page.comp.row_index("total_revenues"), page.comp.column_index(q3) + 1
    index = page.model.index(r, c)
    assert not page.model.flags(index) & Qt.ItemIsEditable
    assert page.model.data(index, int(Qt.UserRole.value) + 2) & DERIVED_F
    assert "Derived: 1Q-3Q16 \u2212 1H16" in page.model.data(index, Qt.ToolTipRole)
    page.period_box.setCurrentIndex(page.period_box.findData("9m"))
    r, c = page.comp.row_index("total_revenues"), page.comp.column_index(GAAP18) + 1
    assert page.edit_cell(r, c, "abc") is False
    assert "is not a number" in window.statusBar().currentMessage()


def test_mapping_a_line_by_hand_is_stored_and_undone(window, page):
    source = "label:guarantee deposits received"
    assert page.comp.row_index(source) >= 0
    page.map_row(source, "network_services_revenue", "Guarantee deposits received")
    assert page.comp.row_index(source) < 0
    assert window.ws.mappings_for("income_statement") == {source: "network_services_revenue"}
    assert window.undo_group.undoText() == "Map Guarantee deposits received onto another row"
    window.undo_group.undo()
    assert page.comp.row_index(source) >= 0 and window.ws.mappings_for("income_statement") == {}
    window.undo_group.redo()
    assert page.comp.row_index(source) < 0


def test_change_columns_on_demand_and_the_latest_view(window, page):
    page.add_change(GAAP18, IFRS19)
    assert page.model.headerData(page.model.columnCount() - 1, Qt.Horizontal).startswith("% change 1Q-3Q19")
    assert text(page, "operating_income", f"percent:{GAAP18}>{IFRS19}") == "16.7%"
    page.clear_changes()
    page.view_box.setCurrentIndex(page.view_box.findData("latest"))
    assert [c.title for c in page.comp.columns][:2] == ["1Q-3Q18", "1Q-3Q19"]
    page.unit_box.setCurrentIndex(page.unit_box.findData("billions"))
    assert text(page, "total_revenues", IFRS19) == "0.1"
    assert window.ws.setting("compare_view")["unit"] == "billions"   # remembered


def test_chart_follows_the_selection_reads_out_and_saves(window, page, qtbot, tmp_path):
    chart = page.chart
    assert [s.label for s in chart.data.series] == ["Total revenues", "Operating profit",
                                                     "Profit for the period attributable to owners of the parent"]
    r1, r2 = page.comp.row_index("total_revenues"), page.comp.row_index("ratio:operating_margin")
    page.go(r1, 1)
    page.values.selectionModel().select(page.model.index(r2, 1),
                                        page.values.selectionModel().SelectionFlag.Select)
    assert [s.label for s in chart.data.series] == ["Total revenues", "Operating margin (% of revenues)"]
    assert [s.axis for s in chart.data.series] == ["left", "right"]
    assert chart.data.boundaries == [dt.date(2018, 4, 1).toordinal()]    # IFRS figures begin with FY2018
    assert chart.readout_at("1Q-3Q19") == ["Total revenues, 1Q-3Q19 (IFRS): 120.0 JPY millions [printed]",
                                   "Operating margin (% of revenues), 1Q-3Q19 (IFRS): 5.8 % [computed]"]
    page.style_box.setCurrentIndex(page.style_box.findData("bars"))
    assert chart.style == "bars"
    png, svg = chart.save(str(tmp_path / "c.png")), chart.save(str(tmp_path / "c.svg"))
    assert (tmp_path / "c.png").stat().st_size > 1000 and "<svg" in (tmp_path / "c.svg").read_text()
    assert png.endswith(".png") and svg.endswith(".svg")


def test_ctrl_c_copies_the_selected_cells_with_headers(window, page, qtbot):
    r = page.comp.row_index("total_revenues")
    page.go(r, 1)
    page.values.selectionModel().select(page.model.index(r, 2), page.values.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(page.values, Qt.Key_C, Qt.ControlModifier)
    assert QGuiApplication.clipboard().text() == (
        "Line item\t1Q-3Q17 U.S. GAAP\t1Q-3Q18 U.S. GAAP\nTotal revenues\t100\t110\n")


def test_choosing_a_release_in_the_library_leaves_the_comparison(window, page):
    window.library.release_chosen.emit(1)
    assert window.stack.currentWidget() is not page and not window.act_compare.isChecked()
    assert window.current is window.releases[1]


def test_show_the_figure_in_its_release(window, page):
    r, c = page.comp.row_index("operating_income"), page.comp.column_index(IFRS19) + 1
    page.show_source(r, c)
    assert window.current is window.releases[1]
    assert window.table.model.table.st.key == "income_statement"
    assert window.table.current() == (3, 2)


def test_all_periods_chart_joins_only_periods_of_one_length_on_a_time_axis(window, page, qtbot):
    page.period_box.setCurrentIndex(page.period_box.findData("all"))
    chart = page.chart
    r = page.comp.row_index("total_revenues")
    page.go(r, 1)
    data = chart.data
    # Nine-month totals (100, 110 | 110, 120) and third quarters (34, 37) are two lines, never one.
    assert [(s.label, s.group) for s in data.series] == [("Total revenues", "3 months"),
                                                         ("Total revenues", "9 months")]
    quarters, nine = data.series
    # 3Q17 and 3Q18 are a year apart: three quarters missing between them, so no line joins them.
    assert [[p.period for p in seg] for seg in quarters.segments] == [["3Q17"], ["3Q18"]]
    assert [[(p.period, p.standard) for p in seg] for seg in nine.segments] == [
        [("1Q-3Q17", "U.S. GAAP"), ("1Q-3Q18", "U.S. GAAP")], [("1Q-3Q18", "IFRS"), ("1Q-3Q19", "IFRS")]]
    # Points stand at their period end: a quarter and the nine months ending with it share an x.
    dec18 = float(dt.date(2018, 12, 31).toordinal())
    assert quarters.points[1].x == dec18 and nine.points[1].x == dec18
    assert chart.title.text() == "Income statement: Total revenues"      # named once, not per length
    assert [name for name, _c, _d in chart.key_entries] == ["3 months", "9 months"]
    assert "9 months" in chart.key.text() and chart.key.isVisible()
    # The change of basis is named on the top axis, outside the plot, never over a line.
    assert chart.boundary_labels() == [(dt.date(2018, 4, 1).toordinal(),
                                        "change of basis: U.S. GAAP \u2192 IFRS \u25b6")]
    assert not [i for i in chart.item.vb.addedItems if type(i).__name__ == "TextItem"]
    # Two rows over two lengths: colours name the rows, line styles the lengths.
    page.values.selectionModel().select(page.model.index(page.comp.row_index("operating_income"), 1),
                                        page.values.selectionModel().SelectionFlag.Select)
    names = [name for name, _c, _d in chart.key_entries]
    assert names == ["Total revenues", "Operating profit", "3 months", "9 months"]
    assert {len({p.period[:2] == "1Q" for p in s.points}) for s in chart.data.series} == {1}
