"""Release and statement names (one naming in app and workbook) and which hierarchy is shown."""
from __future__ import annotations

import dataclasses
import datetime as dt

from iijview.checks import run_checks
from iijview.export.names import SheetNamer
from iijview.model import Column, LineItem, Period, Statement
from iijview.naming import name_statements, release_label
from test_checks_support import H1_16, H1_17, columns, release, statement

DEC18_9M = Period(dt.date(2018, 12, 31), 9)
DEC18_3M = Period(dt.date(2018, 12, 31), 3)
DEC18 = Period(dt.date(2018, 12, 31))
FY18_TARGET = Period(dt.date(2019, 3, 31), 12, forecast=True)


def test_release_label_is_iijs_own_name():
    rel = release()
    for period, name in [(DEC18_9M, "1Q-3Q18"), (H1_17, "1H17"), (DEC18_3M, "3Q18"),
                         (Period(dt.date(2019, 3, 31), 12), "FY2018"), (FY18_TARGET, "FY2018 target"),
                         (Period(dt.date(2018, 9, 30), 6, forecast=True), "1H18 target"),
                         (Period(dt.date(2012, 12, 31), 9), "1Q-3Q12")]:
        assert release_label(dataclasses.replace(rel, fiscal_period=period)) == name
    assert release_label(dataclasses.replace(rel, fiscal_period=None, path="/x/odd.txt")) == "odd"


def test_workbook_prefix_is_the_apps_name():
    rel = dataclasses.replace(release(), fiscal_period=H1_17)
    assert SheetNamer().release_prefix(rel) == "1H17" == release_label(rel)


def _st(sid: str, cols: list[Column], line: int, unit: str | None = None) -> Statement:
    st = Statement(sid, sid, "", columns=cols, line=line)
    st.items = [LineItem("Revenues", unit=unit, cells={c.key: None for c in cols})]
    return st


def test_statement_titles_are_unique_and_say_what_each_is():
    sts = [_st("targets", [Column("t", FY18_TARGET)], 9),
           _st("income_statement", [Column("a", DEC18_9M)], 50),
           _st("income_statement", [Column("a", DEC18_3M)], 80),
           _st("tse_summary", [Column("a", DEC18_9M)], 120),
           _st("tse_summary", [Column("a", DEC18_9M)], 130, unit="JPY/share"),
           _st("tse_summary", [Column("a", DEC18), Column("b", Period(dt.date(2018, 3, 31)))], 140),
           _st("dividends", [Column("a", FY18_TARGET)], 150),
           _st("targets", [Column("t", FY18_TARGET)], 157),
           _st("segments", [Column("a", DEC18_9M)], 200),
           _st("segments", [Column("a", DEC18_9M)], 210)]
    name_statements(sts)
    assert [s.key for s in sts] == ["targets", "income_statement", "income_statement:2", "tse_summary",
                                    "tse_summary:2", "tse_summary:3", "dividends", "targets:2",
                                    "segments", "segments:2"]
    assert [s.title for s in sts] == [
        "Targets", "Income statement (1Q-3Q18)", "Income statement (3Q18)", "TSE summary: results",
        "TSE summary: per share", "TSE summary: financial position", "Dividends",
        "TSE summary: forecast", "Segments (1Q-3Q18, line 200)", "Segments (1Q-3Q18, line 210)"]
    assert len({s.title for s in sts}) == len(sts)


def test_a_total_over_lines_it_does_not_add_up_to_shows_no_hierarchy():
    # Slides: two tables side by side read as one; 'Gross Margin' is a total label, so the parser
    # indents the next line under it; the figures (JPY billion) say it is no part of it.
    st = statement("highlights", """
Revenue | 90.96 | 83.0
Gross Margin | 14.09 | 13.0
Adjusted pre-tax income | 2.94 | 2.3
Operating Income | 2.91 | 2.3
Adjusted net income | 1.72 | 1.4
""", columns(H1_17, H1_16, scale=1_000_000_000))
    st.items[1].is_total = st.items[3].is_total = True
    for i in (2, 4):
        st.items[i].level, st.items[i].section = 1, st.items[i - 1].label
    run_checks(release(st))
    assert [row.level for row in st.items] == [0, 0, 0, 0, 0]


def test_a_total_over_its_parts_keeps_them_indented_and_only_them():
    st = statement("operating_summary", """
Total gross profit | 23,694 | 28,797
Network services | 15,314 | 19,782
Systems integration | 6,951 | 8,255
ATM operation business | 1,429 | 760
SG&A, R&D and other | (17,634) | (18,670)
""", columns(H1_16, H1_17))
    st.items[0].is_total = True
    for row in st.items[1:]:
        row.level, row.section = 1, "Total gross profit"
    run_checks(release(st))
    assert [row.level for row in st.items] == [0, 1, 1, 1, 0]


def test_figures_that_happen_to_add_up_are_not_shown_as_a_hierarchy():
    # Flat table (no indentation in the text): 14.09 = 2.94 + ... would be coincidence.
    st = statement("highlights", """
Gross Margin | 50 | 60
Adjusted pre-tax income | 20 | 25
Adjusted net income | 30 | 35
""", columns(H1_16, H1_17))
    run_checks(release(st))
    assert [row.level for row in st.items] == [0, 0, 0]
    assert not st.items[0].is_total


def test_a_breakdown_the_labels_support_is_indented():
    st = statement("capex", """
CAPEX, including capital leases | 9,000 | 10,000
Acquisition of assets by entering into capital leases | 4,000 | 3,000
Purchase of property and equipment | 5,000 | 7,000
""", columns(H1_16, H1_17))
    run_checks(release(st))
    assert [row.level for row in st.items] == [0, 1, 1]
    assert st.items[0].is_total


def test_a_users_edit_never_moves_rows():
    st = statement("operating_summary", """
Total revenues | 100 | 120
Network services | 60 | 70
Systems integration | 40 | 50
""", columns(H1_16, H1_17))
    st.items[0].is_total = True
    for row in st.items[1:]:
        row.level, row.section = 1, "Total revenues"
    rel = release(st)
    run_checks(rel)
    assert [row.level for row in st.items] == [0, 1, 1]
    cell = st.items[1].cells["c0"]
    cell.value, cell.status, cell.original = 65.0, "corrected", 60.0
    run_checks(rel)                                 # the sum now fails: still indented
    assert [row.level for row in st.items] == [0, 1, 1]


def test_workbook_sheets_use_the_apps_names_and_wrap_long_labels(tmp_path):
    import openpyxl

    from iijview.export import write_workbook
    from test_export_support import make_release

    rel = make_release()
    name_statements(rel.statements)            # titles as the parser gives them
    long = ("Accounts receivable, net of allowance for doubtful accounts of JPY 123,453 thousand and "
            "JPY 128,270 thousand at March 31, 2018 and December 31, 2018, respectively")
    rel.statements[1].items[0].label = long
    wb = openpyxl.load_workbook(write_workbook([rel], tmp_path / "w.xlsx"))
    assert "1Q-3Q18 Income statement" in wb.sheetnames and "1Q-3Q18 Balance sheet" in wb.sheetnames
    ws = wb["1Q-3Q18 Balance sheet"]
    assert ws["A5"].value == long
    assert ws["A5"].alignment.wrap_text                      # wraps inside the column ...
    assert ws.column_dimensions["A"].width <= 60              # ... which stays on the page
    assert ws.row_dimensions[5].height >= 3 * 15              # and its row shows every line
    assert not ws["A6"].alignment.wrap_text                   # short labels stay on one line
