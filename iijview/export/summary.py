"""The Summary sheet: headline series of every release side by side, with native line charts."""
from __future__ import annotations

from dataclasses import dataclass

from openpyxl.chart import LineChart, Reference, Series
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.series import SeriesLabel
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.pagebreak import Break

from iijview.export.formats import amount_format
from iijview.export.spec import BOUNDARY, CellSpec, ColumnSpec, RowSpec, TableSheet
from iijview.export.table_writer import SheetLayout
from iijview.model import Period, Release

HEADLINES = ("total_revenues", "operating_income", "net_income_attributable", "total_assets")
CAPTIONS = {
    "U.S. GAAP": {"total_revenues": "Total revenues", "operating_income": "Operating income",
                  "net_income_attributable": "Net income attributable to IIJ",
                  "total_assets": "Total assets"},
    "IFRS": {"total_revenues": "Total revenues", "operating_income": "Operating profit",
             "net_income_attributable": "Profit attributable to owners of the parent",
             "total_assets": "Total assets"},
}
GROUPS = {12: "Full year", 9: "Nine months", 6: "Six months", 3: "Three months", 0: "Balances at a date"}
_GROUP_ORDER = (12, 9, 6, 3, 0)
MILLION = 1_000_000
EXCLUDED_STATEMENTS = ("targets",)   # plans, not results
FIXED_COLUMNS = 3   # Period end, Standard, Release


@dataclass
class _Row:
    release: int
    period: Period
    values: dict[str, float]


def headline_rows(releases: list[Release]) -> list[_Row]:
    """(release, period) rows of headline figures in millions of JPY, taken from the statements.

    A figure printed in several places is taken where it is most precise (smallest scale).
    Total assets, a balance, joins the flow rows of its release ending on the same date.
    """
    rows: list[_Row] = []
    for r_index, release in enumerate(releases):
        best: dict[tuple[Period, str], tuple[int, float]] = {}
        for st in release.statements:
            if st.id in EXCLUDED_STATEMENTS:
                continue
            for row in st.items:
                if row.item not in HEADLINES:
                    continue
                for col in st.columns:
                    cell = row.cells.get(col.key)
                    period = (cell.period or col.period) if cell else None
                    if cell is None or cell.value is None or period is None or period.forecast:
                        continue
                    if col.role != "value" or col.member:
                        continue
                    unit, scale = st.unit_of(row, col)
                    if unit != "JPY":
                        continue
                    key = (period, row.item)
                    if key not in best or scale < best[key][0]:
                        best[key] = (scale, cell.value * scale / MILLION)
        flows: dict[Period, dict[str, float]] = {}
        balances: dict[Period, float] = {}
        for (period, item), (_scale, value) in best.items():
            if period.months and item != "total_assets":
                flows.setdefault(period, {})[item] = value
            elif item == "total_assets":
                balances[Period(period.end)] = value
        used = set()
        for period, values in flows.items():
            assets = balances.get(Period(period.end))
            if assets is not None:
                values["total_assets"] = assets
                used.add(Period(period.end))
            rows.append(_Row(r_index, period, values))
        for period, value in balances.items():
            if period not in used:
                rows.append(_Row(r_index, period, {"total_assets": value}))
    return rows


def summary_sheet(releases: list[Release], prefixes: list[str]
                  ) -> tuple[TableSheet, list[tuple[str, int, int]], list[tuple[str, str]]]:
    """The Summary TableSheet, its chart groups (caption, first and last spec row) and value columns."""
    data = headline_rows(releases)
    standards = [s for s in ("U.S. GAAP", "IFRS") if any(releases[d.release].standard == s for d in data)]
    standards += sorted({releases[d.release].standard for d in data} - set(standards))
    split = len(standards) > 1
    value_columns = [(item, std) for item in HEADLINES for std in (standards or [""])]
    columns = [ColumnSpec("Period end"), ColumnSpec("Standard"), ColumnSpec("Release")]
    for item, std in value_columns:
        caption = CAPTIONS.get(std, CAPTIONS["U.S. GAAP"])[item]
        columns.append(ColumnSpec(f"{caption} ({std})" if split else caption, "Millions of JPY"))
    rows: list[RowSpec] = []
    groups = []
    fmt = amount_format(0)
    for months in _GROUP_ORDER:
        members = sorted((d for d in data if d.period.months == months),
                         key=lambda d: (d.period.end, d.release))
        if not members:
            continue
        rows.append(RowSpec(GROUPS[months], [CellSpec() for _ in columns], heading=True))
        first = len(rows)
        labels = [d.period.fiscal_label() for d in members]
        previous_std = None
        for d, label in zip(members, labels):
            release = releases[d.release]
            std = release.standard
            if labels.count(label) > 1:
                label = f"{label} ({prefixes[d.release]} release)"
            boundary = previous_std is not None and std != previous_std
            before, previous_std = previous_std, std
            std_cell = CellSpec(std or "unknown")
            if boundary:
                std_cell = CellSpec(std or "unknown", mark=BOUNDARY,
                                    comment=f"{std or 'Unknown standard'} from here; the rows above are "
                                            f"{before or 'another standard'}: not directly comparable.")
            cells = [CellSpec(d.period.end, "yyyy-mm-dd_)_)"), std_cell, CellSpec(prefixes[d.release])]
            for item, col_std in value_columns:
                value = d.values.get(item) if (not split or col_std == std) else None
                cells.append(CellSpec(value, fmt))
            rows.append(RowSpec(label, cells, level=1, boundary=boundary))
        groups.append((GROUPS[months], first, len(rows) - 1))
    note = "Figures in millions of JPY, from each release's statements (most precise figure printed)."
    if split:
        note += (" U.S. GAAP until FY2018, IFRS from FY2019: each standard has its own columns and chart"
                 " lines, and a thick red rule marks where a series crosses from one to the other.")
    sheet = TableSheet("Summary", "Headline figures of the exported releases", note=note,
                       subtitle=", ".join(r.name for r in releases)[:250],
                       label_header="Period", columns=columns, rows=rows)
    return sheet, groups, value_columns


def add_charts(ws, layout: SheetLayout, groups: list[tuple[str, int, int]], value_columns: list[tuple[str, str]]) -> None:
    """One native line chart per group of periods, over the Summary's own cells.

    Revenues and total assets use the left axis, operating and net income the right one, so the
    smaller series are not flattened; a column without any figure in the group is left out.
    """
    if not layout.col_numbers:
        return
    # Below the table (not beside it) so that printing one page wide keeps the table legible.
    anchor_row = (layout.row_numbers[-1] if layout.row_numbers else 5) + 4
    for caption, first, last in groups:
        r0, r1 = layout.row_numbers[first], layout.row_numbers[last]
        primary, secondary = _line_chart(), _line_chart()
        for (item, _std), col in zip(value_columns, layout.col_numbers[FIXED_COLUMNS:]):
            if all(ws.cell(row=r, column=col).value is None for r in range(r0, r1 + 1)):
                continue
            series = Series(Reference(ws, min_col=col, min_row=r0, max_row=r1), title=None)
            series.tx = SeriesLabel(v=" ".join(str(ws.cell(row=3, column=col).value or "").split()))
            series.marker.symbol = "circle"
            series.smooth = False
            (primary if item in LEFT_AXIS else secondary).series.append(series)
        chart = primary if primary.series else secondary
        chart.title = f"{caption}: headline figures (millions of JPY)"
        chart.y_axis.title = ("Revenues, total assets" if primary.series else "Income")
        if primary.series and secondary.series:
            secondary.y_axis.axId = 200
            secondary.y_axis.title = "Operating and net income"
            secondary.y_axis.crosses = "max"
            secondary.y_axis.majorGridlines = None
            primary += secondary
        # Text categories as a string reference (a numeric one shows 1, 2, 3 in Excel), and
        # series numbered across both axes' charts so that no two share an index.
        labels = f"{quote_sheetname(ws.title)}!$A${r0}:$A${r1}"
        for k, series in enumerate(primary.series + secondary.series):
            series.cat = AxDataSource(strRef=StrRef(f=labels))
            series.idx = series.order = k
        ws.add_chart(chart, f"A{anchor_row}")
        ws.row_breaks.append(Break(id=anchor_row - 2))   # each chart prints on a page of its own
        anchor_row += 24


LEFT_AXIS = ("total_revenues", "total_assets")


def _line_chart() -> LineChart:
    chart = LineChart()
    chart.height, chart.width = 11, 26
    chart.legend.position = "r"
    chart.display_blanks = "gap"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.number_format = "#,##0"
    return chart
