"""Export of the five bundled samples: every fact is in the workbook as a number, read back two ways."""
from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from iijview import load_release
from iijview.export import write_workbook

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "resources" / "samples").glob("*.txt"))
WEB18 = "2018-12_9m_fy2018_web_usgaap.txt"
IFRS20 = "2020-12_9m_fy2020_web_ifrs.txt"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    releases = [load_release(p) for p in SAMPLES]
    path = write_workbook(releases, tmp_path_factory.mktemp("export") / "samples.xlsx")
    wb = openpyxl.load_workbook(path)
    # Statement sheets follow "Summary" and the "Compare ..." sheets in release and statement order.
    statements = [(r, st) for r in releases for st in r.statements]
    names = [n for n in wb.sheetnames[1:] if not n.startswith("Compare ")]
    sheets = dict(zip([id(st) for _r, st in statements], names[:len(statements)]))
    return path, wb, releases, sheets


def _first_value_column(ws) -> int:
    return 3 if ws["B3"].value == "Unit" else 2


def _expected(fact, cell) -> float | None:
    """What the workbook must hold for a fact: the value as printed, % as a fraction, nil as 0."""
    if cell.value is None:
        return 0 if cell.status == "nil" else None
    return fact.value / 100 if fact.unit == "%" else fact.value


def _positions(release, sheets):
    """(fact, cell, sheet name, row, column index from the first value column) for every fact."""
    located = []
    for st in release.statements:
        for i, row in enumerate(st.items):
            for j, col in enumerate(st.columns):
                cell = row.cells.get(col.key)
                if cell is not None:
                    located.append((cell, sheets[id(st)], 5 + i, j))
    facts = release.facts
    assert len(facts) == len(located)
    return [(fact, *where) for fact, where in zip(facts.itertuples(), located)]


def test_every_fact_is_a_number_in_its_sheet(exported):
    _path, wb, releases, sheets = exported
    checked = 0
    for release in releases:
        for fact, cell, sheet, r, j in _positions(release, sheets):
            ws = wb[sheet]
            got = ws.cell(row=r, column=_first_value_column(ws) + j).value
            want = _expected(fact, cell)
            if want is None:
                assert got is None, (sheet, r, j)
                continue
            assert isinstance(got, (int, float)) and not isinstance(got, bool), (sheet, r, j, got)
            assert got == pytest.approx(want, rel=1e-12, abs=1e-12), (sheet, r, j)
            checked += 1
    assert checked > 2000


def test_pandas_reads_the_same_numbers(exported):
    path, wb, releases, sheets = exported
    frames = pd.read_excel(path, sheet_name=None, header=None)
    for release in releases:
        for fact, cell, sheet, r, j in _positions(release, sheets):
            want = _expected(fact, cell)
            got = frames[sheet].iloc[r - 1, _first_value_column(wb[sheet]) - 1 + j]
            if want is None:
                assert isinstance(got, float) and math.isnan(got)
            else:
                assert got == pytest.approx(want, rel=1e-12, abs=1e-12), (sheet, r, j)


def test_hand_checked_values_and_formats(exported):
    """Figures read off the release text: 2018-12 statement of income, thousands of yen."""
    _path, wb, releases, sheets = exported
    release = next(r for r in releases if r.name == WEB18)
    st = release.statement("income_statement")
    ws = wb[sheets[id(st)]]
    rows = {ws.cell(row=r, column=1).value: r for r in range(5, ws.max_row + 1)}
    c0 = _first_value_column(ws)
    assert ws.cell(row=4, column=c0).value == "Thousands of JPY"
    total = rows["Total revenues"]
    assert [ws.cell(row=total, column=c0 + k).value for k in (0, 1)] == [127_611_974, 139_381_687]
    assert ws.cell(row=total, column=c0).number_format == '#,##0;(#,##0);"-"'
    interest = next(r for label, r in rows.items() if label and label.lower() == "interest expense")
    assert [ws.cell(row=interest, column=c0 + k).value for k in (0, 1)] == [-276_374, -298_309]
    gain = next(r for label, r in rows.items() if label and label.lower().startswith("net gain on sales"))
    assert ws.cell(row=gain, column=c0 + 1).value == 0       # printed "-"
    eps = next(r for label, r in rows.items() if label and label.upper().startswith("BASIC NET INCOME PER SHARE"))
    assert [ws.cell(row=eps, column=c0 + k).value for k in (0, 1)] == [59.65, 28.83]
    assert ws.cell(row=eps, column=c0).number_format == '#,##0.00;(#,##0.00);"-"'
    assert ws.freeze_panes == f"{openpyxl.utils.get_column_letter(c0)}5"


def test_ifrs_statement_of_profit_or_loss(exported):
    """2020-12 release, IFRS, nine months, thousands of yen; costs printed as negatives."""
    _path, wb, releases, sheets = exported
    release = next(r for r in releases if r.name == IFRS20)
    ws = wb[sheets[id(release.statement("income_statement"))]]
    rows = {ws.cell(row=r, column=1).value: r for r in range(5, ws.max_row + 1)}
    c0 = _first_value_column(ws)
    assert [ws.cell(row=rows["Total revenues"], column=c0 + k).value for k in (0, 1)] == [150_688_324,
                                                                                         156_070_113]
    assert [ws.cell(row=rows["Operating Profit"], column=c0 + k).value for k in (0, 1)] == [6_060_070,
                                                                                           10_127_496]
    assert ws.cell(row=rows["Total cost of sales"], column=c0).value == -126_994_790
    assert ws.cell(row=rows["Basic earnings per share (yen)"], column=c0 + 1).value == 65.16


def test_summary_crosses_the_ifrs_boundary(exported):
    _path, wb, _releases, _sheets = exported
    ws = wb["Summary"]
    headers = [c.value for c in ws[3]]
    col = {h: i + 1 for i, h in enumerate(headers)}
    rows = {ws.cell(row=r, column=1).value: r for r in range(5, ws.max_row + 1)}
    r18, r20 = rows["1Q-3Q18"], rows["1Q-3Q20"]
    # 139,381,687 and 156,070,113 thousand yen, in millions.
    assert ws.cell(row=r18, column=col["Total revenues (U.S. GAAP)"]).value == pytest.approx(139_381.687)
    assert ws.cell(row=r20, column=col["Total revenues (IFRS)"]).value == pytest.approx(156_070.113)
    assert ws.cell(row=r20, column=col["Operating profit (IFRS)"]).value == pytest.approx(10_127.496)
    assert ws.cell(row=r18, column=col["Total revenues (IFRS)"]).value is None
    first_ifrs = rows["1Q-3Q19"]
    assert ws.cell(row=first_ifrs, column=1).border.top.style == "thick"
    assert "IFRS" in ws.cell(row=first_ifrs, column=3).comment.text
    assert len(ws._charts) >= 3
    titles = [chart.title.tx.rich.p[0].r[0].t for chart in ws._charts]
    nine_months = ws._charts[titles.index("Nine months: headline figures (millions of JPY)")]
    assert sum(len(part.series) for part in nine_months._charts) == 8


def test_extra_sheets_describe_the_sources(exported):
    _path, wb, releases, _sheets = exported
    src = list(wb["Sources"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in src] == [r.name for r in releases]
    assert all(len(row[2]) == 64 for row in src)
    assert {row[5] for row in src} == {"U.S. GAAP", "IFRS"}
    assert wb["Findings"].max_row - 1 == sum(len(r.findings) for r in releases)
    assert list(wb["Corrections"].iter_rows(min_row=2, values_only=True))[0][0] == "No corrections."
