"""The workbook's comparison sheets: periods grouped by kind, marks and comments, native line charts."""
from __future__ import annotations

import openpyxl
import pytest

from compare_fixtures import gaap_9m_2018, ifrs_9m_2019, period, release, statement
from iijview.export import write_workbook
from iijview.export.table_writer import FILLS
from iijview.export.spec import DERIVED_MARK, FINDING, RESTATED
from iijview.store import Workspace


@pytest.fixture
def book(tmp_path):
    half = release("h.txt", period(2018, 9, 6), "U.S. GAAP", [statement(
        "income_statement", [period(2017, 9, 6), period(2018, 9, 6)],
        [("Total revenues", [60_000, 70_000], 0, True), ("OPERATING INCOME", [2_000, 2_500], 0, True)])])
    restating = release("r.txt", period(2019, 9, 6), "U.S. GAAP", [statement(
        "income_statement", [period(2018, 9, 6)], [("Total revenues", [71_000], 0, True)])])
    ws = Workspace(tmp_path / "ws")
    ws.set_mapping("income_statement", "label:guarantee deposits received", "network_services_revenue")
    path = write_workbook([gaap_9m_2018(), ifrs_9m_2019(), half, restating], tmp_path / "c.xlsx", ws)
    return openpyxl.load_workbook(path)


def _find(ws, text, row=None):
    for r in ws.iter_rows(min_row=row or 1, max_row=row or ws.max_row):
        for c in r:
            if c.value == text:
                return c
    raise AssertionError(text)


def test_one_sheet_per_statement_kind_after_the_summary(book):
    assert book.sheetnames[:2] == ["Summary", "Compare Income statement"]


def test_periods_grouped_by_kind_in_time_order_with_the_change_of_basis(book):
    ws = book["Compare Income statement"]
    heads = [ws.cell(row=3, column=c).value for c in range(3, ws.max_column + 1)]
    units = [ws.cell(row=4, column=c).value for c in range(3, ws.max_column + 1)]
    assert heads[:8] == ["3Q17", "3Q18", "1H17", "1H18", "1Q-3Q17", "1Q-3Q18", "1Q-3Q18", "1Q-3Q19"]
    assert units[:8] == ["U.S. GAAP"] * 6 + ["IFRS \u25c0 change of basis", "IFRS"]
    assert ws["A3"].value == "Line item" and ws["B3"].value == "Unit"
    assert ws.page_setup.fitToWidth == 1 and ws.print_title_cols == "$A:$B"   # 10 periods: one page wide


def test_values_in_millions_with_marks_and_sources_in_comments(book):
    ws = book["Compare Income statement"]
    row = _find(ws, "Total revenues").row
    assert ws.cell(row=row, column=2).value == "JPY millions"
    assert [ws.cell(row=row, column=c).value for c in range(3, 11)] == [34, 37, 60, 71, 100, 110, 110, 120]
    h18 = ws.cell(row=row, column=6)                 # 1H18: 70 by h.txt, 71 by the later r.txt
    assert h18.fill.fgColor.rgb == FILLS[RESTATED].fgColor.rgb
    assert "Restated" in h18.comment.text and "r.txt" in h18.comment.text and "h.txt" in h18.comment.text
    q3 = ws.cell(row=row, column=4)                  # 3Q18 printed 37; 1Q-3Q18 110 - 1H18 71 = 39
    assert q3.fill.fgColor.rgb == FILLS[FINDING].fgColor.rgb
    assert "Derived as 1Q-3Q18 \u2212 1H18 = 39 JPY millions: DIFFERS" in q3.comment.text
    eps = _find(ws, "Basic earnings per share (yen)").row
    assert ws.cell(row=eps, column=2).value == "JPY/share"
    assert ws.cell(row=eps, column=10).value == pytest.approx(88.0)
    margin = _find(ws, "Operating margin (% of revenues)").row
    assert ws.cell(row=margin, column=9).number_format == "0.0%"
    assert ws.cell(row=margin, column=9).value == pytest.approx(6_200 / 110_000, abs=1e-3)
    # The stored row mapping joined the line to another row: it has no row of its own.
    labels = [ws.cell(row=r, column=1).value for r in range(5, ws.max_row)]
    assert "Guarantee deposits received" not in labels


def test_a_derived_cell_is_coloured_and_says_how_it_was_made(tmp_path):
    rel = release("d.txt", period(2018, 12, 9), "U.S. GAAP", [statement(
        "income_statement", [period(2018, 9, 6), period(2018, 12, 9)], [("Total revenues", [200, 330])])])
    ws = openpyxl.load_workbook(write_workbook([rel], tmp_path / "d.xlsx"))["Compare Income statement"]
    assert ws["C3"].value == "3Q18" and ws["C4"].value == "U.S. GAAP (derived)"
    assert ws["C5"].value == pytest.approx(0.13)
    assert ws["C5"].fill.fgColor.rgb == FILLS[DERIVED_MARK].fgColor.rgb
    assert "Derived: 1Q-3Q18 \u2212 1H18" in ws["C5"].comment.text


def test_native_line_charts_one_line_per_row_and_standard(book):
    ws = book["Compare Income statement"]
    charts = ws._charts
    assert len(charts) == 3                               # quarters, halves, nine months
    nine = charts[-1]
    titles = [s.tx.v for s in nine.series]
    assert "Total revenues (U.S. GAAP)" in titles and "Total revenues (IFRS)" in titles
    assert "Operating profit (IFRS)" in titles
    data = _find(ws, "Chart data (one line per standard)")
    gaap = _find(ws, "Total revenues (U.S. GAAP)").row
    # The U.S. GAAP line is blank under the IFRS columns: a series never joins the two.
    assert ws.cell(row=gaap, column=7).value == 100 and ws.cell(row=gaap, column=9).value is None
    assert data.row < gaap


def test_chart_data_rows_are_formatted_like_the_table(book):
    ws = book["Compare Income statement"]
    gaap = _find(ws, "Total revenues (U.S. GAAP)").row
    table = _find(ws, "Total revenues", row=None).row
    for column in (7, 8):
        assert ws.cell(row=gaap, column=column).value is not None
        assert ws.cell(row=gaap, column=column).number_format == ws.cell(row=table, column=column).number_format
        assert ws.cell(row=gaap, column=column).number_format == '#,##0;(#,##0);"-"'
