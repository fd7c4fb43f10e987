"""Export of hand-made releases: values, formats, layout, marks, extra sheets, chart, safety."""
from __future__ import annotations

import dataclasses
import os
import zipfile

import openpyxl
import pandas as pd
import pytest

from iijview.export import ExportError, write_workbook
from iijview.export.names import SheetNamer
from test_export_support import ifrs_release, make_release

AMOUNT = '#,##0;(#,##0);"-"'
PER_SHARE = '#,##0.00;(#,##0.00);"-"'


@pytest.fixture
def book(tmp_path):
    path = write_workbook([make_release(corrected=True), ifrs_release()], tmp_path / "out.xlsx")
    return path, openpyxl.load_workbook(path)


def test_sheets_are_named_per_release_and_statement(book):
    _path, wb = book
    assert wb.sheetnames == ["Summary", "Compare Balance sheet", "Compare Income statement",
                             "1Q-3Q18 Income statement", "1Q-3Q18 Balance sheet",
                             "1Q-3Q19 Income statement", "1Q-3Q19 Balance sheet",
                             "Findings", "Corrections", "Sources"]


def test_statement_values_are_numbers_in_the_unit_shown(book):
    _path, wb = book
    ws = wb["1Q-3Q18 Income statement"]
    # Header: two lines, label and unit columns frozen.
    assert ws["C3"].value == "9M to Dec 31, 2017" and ws["C4"].value == "Thousands of JPY"
    assert ws["E3"].value == "YoY change" and ws["F4"].value == "%"
    assert ws["A6"].value == "Network services" and ws["C6"].value == 82_000_123
    assert ws["D6"].number_format == AMOUNT
    assert ws["D11"].value == -98_765 and ws["E11"].value == 21_735
    assert ws["F6"].value == pytest.approx(0.649) and ws["F6"].number_format == "0.0%"
    # Per-share row: two decimals, its unit in the unit column.
    assert ws["A13"].value.startswith("Basic net income") and ws["B13"].value == "JPY per share"
    assert ws["D13"].value == pytest.approx(68.77) and ws["D13"].number_format == PER_SHARE
    # Nil cells: a real zero shown as "-" by the format.
    assert ws["C8"].value == 0 and ws["C8"].number_format.endswith(';"-"')
    assert ws["F8"].value == 0 and ws["F8"].number_format.endswith(';"-"')


def test_decimal_values_keep_their_decimals(book):
    _path, wb = book
    ws = wb["1Q-3Q18 Balance sheet"]
    assert ws["A11"].value == "Backbone traffic" and ws["B11"].value == "Gbps"
    assert ws["C11"].value == pytest.approx(3600.2)
    assert ws["C11"].number_format == '#,##0.0;(#,##0.0);"-"'
    assert ws["D11"].value is None and "3,6O0.7" in ws["D11"].comment.text


def test_layout_indent_totals_freeze_and_print(book):
    _path, wb = book
    ws = wb["1Q-3Q18 Income statement"]
    assert ws.freeze_panes == "C5"
    assert ws["A6"].alignment.indent == 1 and ws["A5"].font.b
    assert ws["A9"].value == "Total revenues" and ws["A9"].font.b and ws["D9"].font.b
    assert ws["D9"].border.top.style == "thin"
    assert ws.auto_filter.ref is None
    assert ws.print_title_rows == "$3:$4"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["A"].width >= len("Basic net income attributable to IIJ per share")
    assert wb["1Q-3Q18 Balance sheet"].freeze_panes == "C5"


def test_corrected_and_finding_cells_are_marked_with_comments(book):
    _path, wb = book
    ws = wb["1Q-3Q18 Income statement"]
    corrected = ws["D7"]
    assert corrected.value == 48_950_000
    assert corrected.fill.fgColor.rgb.endswith("FFF2CC")
    assert "48,900,000" in corrected.comment.text
    finding = ws["D9"]
    assert finding.fill.fgColor.rgb.endswith("F8CBAD")
    assert "[sum]" in finding.comment.text and "-456" in finding.comment.text
    assert ws["C9"].comment is None and ws["C9"].fill.fill_type is None


def test_formula_like_labels_stay_text(book):
    path, wb = book
    ws = wb["1Q-3Q18 Balance sheet"]
    labels = [ws.cell(row=r, column=1) for r in range(6, 10)]
    assert [c.value for c in labels] == ['=HYPERLINK("http://x","y")', "+1+2", "-5", "@SUM(A1)"]
    assert all(c.data_type == "s" for c in labels)
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in z.read(n) for n in sheets)
    frame = pd.read_excel(path, sheet_name="1Q-3Q18 Balance sheet", header=None)
    assert frame.iloc[5, 0] == '=HYPERLINK("http://x","y")' and frame.iloc[7, 0] == "-5"


def test_pandas_reads_numbers(book):
    path, _wb = book
    frame = pd.read_excel(path, sheet_name="1Q-3Q18 Income statement", header=None, skiprows=4)
    assert frame.iloc[1, 0] == "Network services"
    assert frame.iloc[1, 2] == 82_000_123 and frame.iloc[4, 3] == 139_400_456
    assert pd.api.types.is_number(frame.iloc[8, 3]) and frame.iloc[8, 3] == pytest.approx(68.77)


def test_extra_sheets_are_tables(book):
    _path, wb = book
    expected = {
        "Sources": ["Release", "File name", "SHA-256", "Company", "Fiscal period", "Standard", "Layout",
                    "Parsed at", "App version", "Statements", "Findings"],
        "Findings": ["Release", "Statement", "Severity", "Rule", "Message", "Source line", "Period",
                     "Expected", "Found", "Difference", "Cells"],
        "Corrections": ["Release", "Statement", "Line", "Period", "Change", "Parsed value",
                        "Corrected value", "When", "Who"],
    }
    for name, headers in expected.items():
        ws = wb[name]
        assert list(ws.tables) == [name]
        assert [c.value for c in ws[1]] == headers
    from iijview import __version__
    src = wb["Sources"]
    assert src["B2"].value == "2018-12_test.txt" and src["C2"].value == "ab" * 32
    assert src["F3"].value == "IFRS" and src["I2"].value == __version__
    fnd = wb["Findings"]
    assert fnd["D2"].value == "sum" and fnd["J2"].value == -456 and fnd["K2"].value == "D9, D6"
    assert fnd["K2"].hyperlink.location == "'1Q-3Q18 Income statement'!D9"
    cor = wb["Corrections"]
    assert [c.value for c in cor[2]][:7] == ["1Q-3Q18", "1Q-3Q18 Income statement", "Systems integration",
                                             "9M to Dec 31, 2018", "value", 48_900_000, 48_950_000]


def test_summary_series_boundary_and_chart(book):
    _path, wb = book
    ws = wb["Summary"]
    headers = [c.value for c in ws[3]]
    assert headers[4:8] == ["Total revenues (U.S. GAAP)", "Total revenues (IFRS)",
                            "Operating income (U.S. GAAP)", "Operating profit (IFRS)"]
    rows = {ws.cell(row=r, column=1).value: r for r in range(5, ws.max_row + 1)}
    r = rows["1Q-3Q18 (1Q-3Q18 release)"]
    # Thousands of yen in the statements, millions here.
    assert ws.cell(row=r, column=5).value == pytest.approx(139_400.456)
    assert ws.cell(row=r, column=11).value == pytest.approx(201_234.567)
    ifrs = rows["1Q-3Q18 (1Q-3Q19 release)"]
    assert ws.cell(row=ifrs, column=6).value == pytest.approx(127_600.123)
    assert ws.cell(row=ifrs, column=5).value is None
    assert ws.cell(row=ifrs, column=1).border.top.style == "thick"
    assert "IFRS from here" in ws.cell(row=ifrs, column=3).comment.text
    assert ws.cell(row=r, column=1).border.top.style != "thick"
    charts = ws._charts
    assert len(charts) == 2
    # Revenues and assets on the left axis, incomes on a right axis: 8 series in all.
    series = [s for part in charts[0]._charts for s in part.series]
    assert len(series) == 8 and sorted(s.idx for s in series) == list(range(8))
    assert series[0].val.numRef.f == "'Summary'!$E$6:$E$9"
    assert series[0].cat.strRef.f == "'Summary'!$A$6:$A$9"
    assert [a.axId for a in (charts[0].y_axis, charts[0]._charts[1].y_axis)] == [100, 200]


def test_one_standard_has_no_split_columns(tmp_path):
    wb = openpyxl.load_workbook(write_workbook([make_release()], tmp_path / "one.xlsx"))
    headers = [c.value for c in wb["Summary"][3]]
    assert headers[4:] == ["Total revenues", "Operating income", "Net income attributable to IIJ",
                           "Total assets"]
    assert sum(len(part.series) for part in wb["Summary"]._charts[0]._charts) == 4


def test_workspace_supplies_who_and_when(tmp_path):
    from iijview.store import Workspace

    ws = Workspace(tmp_path / "ws")
    release = make_release()
    ws.set_value(release, "income_statement", "revenues/Systems integration#0", "p18", 48_950_000,
                 "48,950,000", original=48_900_000, original_text="48,900,000")
    ws.set_label(release, "income_statement", "/Other expense#0", "Other expenses, net",
                 original="Other expense")
    ws.delete_row(release, "balance_sheet", "/+1+2#0", label="+1+2")
    ws.insert_row(release, "balance_sheet", "+note", "Lease assets", after_key="/Cash and cash equivalents#0",
                  level=1)
    ws.set_value(release, "balance_sheet", "+note", "dec18", 1_234, "1,234")
    assert ws.apply(release) == []
    wb = openpyxl.load_workbook(write_workbook([release], tmp_path / "w.xlsx", ws))
    ws.close()
    sheet = wb["1Q-3Q18 Income statement"]
    comment = sheet["D7"].comment.text
    assert "Parsed value: 48,900,000" in comment and " UTC." in comment and "By " in comment
    assert sheet["A11"].value == "Other expenses, net"
    assert sheet["A11"].fill.fgColor.rgb.endswith("FFF2CC")
    assert "Parsed label: 'Other expense'" in sheet["A11"].comment.text
    bs = wb["1Q-3Q18 Balance sheet"]
    assert bs["A6"].value == "Lease assets" and "Row added by the user" in bs["A6"].comment.text
    assert bs["D6"].value == 1_234 and bs["D6"].comment is not None
    rows = [[c.value for c in r] for r in wb["Corrections"].iter_rows(min_row=2)]
    assert [r[2:7] for r in rows] == [
        ["Systems integration", "9M to Dec 31, 2018", "value", 48_900_000, 48_950_000],
        ["Lease assets", "As of Dec 31, 2018", "value", None, 1_234],
        ["Other expense", None, "label", "Other expense", "Other expenses, net"],
        ["+1+2", None, "deleted row", "+1+2", "(deleted)"],
        ["Lease assets", None, "inserted row", None, "Lease assets"],
    ]
    assert all(r[7].endswith("UTC") and r[8] for r in rows)


def test_progress_is_reported(tmp_path):
    calls = []
    write_workbook([make_release(), ifrs_release()], tmp_path / "p.xlsx",
                   progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 8) and calls[-1] == (8, 8)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)


def test_interrupted_write_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"previous export")

    real_write = os.write

    def disk_fills(fd, data):
        real_write(fd, bytes(data[:10]))      # half a file, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", disk_fills)
    with pytest.raises(ExportError, match="the disk is full.*the old file is unchanged"):
        write_workbook([make_release()], target)
    assert target.read_bytes() == b"previous export"
    assert os.listdir(tmp_path) == ["out.xlsx"]


def test_locked_target_gives_a_clear_error(tmp_path, monkeypatch):
    target = tmp_path / "open.xlsx"
    target.write_bytes(b"open in Excel")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="open in another program") as info:
        write_workbook([make_release()], target)
    assert str(info.value).endswith(".") and "\n" not in str(info.value)
    assert target.read_bytes() == b"open in Excel"
    assert os.listdir(tmp_path) == ["open.xlsx"]


def test_written_file_is_not_private(tmp_path):
    path = write_workbook([make_release()], tmp_path / "shared.xlsx")
    assert path.stat().st_mode & 0o044 == 0o044 or os.name == "nt"
    path.chmod(0o640)
    write_workbook([make_release()], path)
    assert path.stat().st_mode & 0o777 == 0o640 or os.name == "nt"


def test_missing_folder_and_nothing_to_export(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_workbook([make_release()], tmp_path / "nope" / "out.xlsx")
    with pytest.raises(ExportError, match="Nothing to export"):
        write_workbook([], tmp_path / "out.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_sheet_names_are_legal_unique_and_short():
    namer = SheetNamer()
    names = [namer.unique("1Q-3Q18 Comprehensive income statement [draft]: a/b?*") for _ in range(12)]
    assert len(set(n.lower() for n in names)) == 12
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert names[0] == "1Q-3Q18 Comprehensive income st" and names[1].endswith(" (2)")
    assert namer.unique("summary") == "summary (2)"
    same = make_release()
    assert [namer.release_prefix(same) for _ in range(3)] == ["1Q-3Q18", "1Q-3Q18#2", "1Q-3Q18#3"]
    nameless = dataclasses.replace(make_release("odd[name]:v2.txt"), fiscal_period=None)
    assert namer.release_prefix(nameless) == "odd name v2"


def test_repeated_releases_export(tmp_path):
    wb = openpyxl.load_workbook(write_workbook([make_release()] * 3, tmp_path / "r.xlsx"))
    assert "1Q-3Q18#3 Balance sheet" in wb.sheetnames
    assert len(wb.sheetnames) == len(set(wb.sheetnames)) == 6 + 4 + 2   # + two comparison sheets


def test_non_finite_values_are_left_empty(tmp_path):
    release = make_release(findings=False)
    release.statements[1].items[0].cells["mar18"].value = float("nan")
    release.statements[1].items[0].cells["dec18"].value = float("inf")
    wb = openpyxl.load_workbook(write_workbook([release], tmp_path / "n.xlsx"))
    ws = wb["1Q-3Q18 Balance sheet"]
    assert ws["A5"].value == "Cash and cash equivalents"
    assert ws["C5"].value is None and ws["D5"].value is None


def test_list_sheets_align_every_cell_to_the_top_and_bracket_negatives(book):
    _path, wb = book
    for name in ("Findings", "Sources", "Corrections"):
        ws = wb[name]
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
            assert {c.alignment.vertical for c in row} == {"top"}, name
    fnd = wb["Findings"]
    assert fnd["J2"].value == -456 and fnd["J2"].number_format == '#,##0;(#,##0);"-"'
    for cell in ("H2", "I2"):
        assert fnd[cell].number_format.startswith("#,##0") and "(" in fnd[cell].number_format
    assert wb["Corrections"]["F2"].number_format == '#,##0;(#,##0);"-"'
