"""Comparison sheets: one per statement kind, periods grouped by kind in time order, with line charts."""
from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.chart import LineChart, Reference, Series
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Font
from openpyxl.worksheet.pagebreak import Break

from iijview.compare import CompareOptions, Comparison, build_comparison, statement_kinds
from iijview.compare.cells import DERIVED, PRINTED
from iijview.compare.explain import explain
from iijview.compare.knowledge import knowledge
from iijview.compare.periods import KIND_TITLES, period_kind
from iijview.compare.units import caption, decimals, shown
from iijview.export.formats import amount_format, percent_format
from iijview.export.spec import (CORRECTED, DERIVED_MARK, FINDING, RESTATED, CellSpec, ColumnSpec,
                                 RowSpec, TableSheet)
from iijview.export.names import SHORT_TITLES
from iijview.export.table_writer import LEGEND, SheetLayout, put_text, put_value, write_table_sheet
from iijview.model import STATEMENT_TITLES, Release

PRINT_COLUMNS = 12
GROUP_ORDER = ("quarters", "halves", "9m", "fy", "targets", "balances", "other")
MODE = "millions"


@dataclass
class ChartGroup:
    """Columns of one period kind (spec column indexes) and the rows to chart over them."""

    kind: str
    columns: list[int]
    standards: list[str]
    rows: list[int] = field(default_factory=list)


def comparison_sheets(releases: list[Release], mappings=None) -> list[tuple[str, Comparison]]:
    """(statement kind, comparison of all periods) for every kind the releases print.

    `mappings(kind)` gives the workspace's manual row mappings of a kind (or None for none).
    """
    out = []
    for kind in statement_kinds(releases):
        comp = build_comparison(releases, CompareOptions(kind, periods="all"),
                                mappings(kind) if mappings else None)
        if comp.rows and comp.columns:
            out.append((kind, comp))
    return out


def compare_sheet(comp: Comparison, name: str) -> tuple[TableSheet, list[ChartGroup]]:
    """The TableSheet of a comparison (columns grouped by period kind) and its chart groups."""
    order = sorted(range(len(comp.columns)),
                   key=lambda c: (GROUP_ORDER.index(_group(comp, c)), c))
    groups: dict[str, ChartGroup] = {}
    columns = []
    previous: tuple[str, str] | None = None
    for n, c in enumerate(order):
        col = comp.columns[c]
        kind = _group(comp, c)
        group = groups.setdefault(kind, ChartGroup(kind, [], []))
        group.columns.append(n)
        group.standards.append(col.standard)
        unit = col.standard or "standard unknown"
        if previous is not None and previous[0] == kind and previous[1] != col.standard:
            unit += " \u25c0 change of basis"
        if col.derived:
            unit += " (derived)"
        previous = (kind, col.standard)
        columns.append(ColumnSpec(col.title, unit, key=col.key))
    rows, marks = [], set()
    headline = set(knowledge().headlines.get(comp.options.statement, ()))
    for r, row in enumerate(comp.rows):
        cells = []
        for c in order:
            spec = _cell_spec(comp, r, c)
            marks.add(spec.mark)
            cells.append(spec)
        rows.append(RowSpec(row.label, cells, level=row.level, total=row.total, heading=row.heading,
                            unit=caption(row.unit, MODE) if not row.heading else ""))
    charted = [r for r, row in enumerate(comp.rows) if row.key in headline] or \
        [r for r, row in enumerate(comp.rows) if row.kind == "line"][:3]
    for group in groups.values():
        group.rows = charted
    legend = [f"{mark} cells: {text}" for mark, text in {**LEGEND, **COMPARE_LEGEND}.items() if mark in marks]
    title = STATEMENT_TITLES.get(comp.options.statement, comp.options.statement)
    note = ("Figures in millions of JPY unless the unit column says otherwise; within a release the "
            "finest printing is shown, across releases the last reported (as precise as any release "
            "that agrees). Columns run by period kind, then standard, then time; "
            "'\u25c0 change of basis' marks the first IFRS column after U.S. GAAP ones.")
    if legend:
        note += " Colours: " + "; ".join(legend) + "."
    sheet = TableSheet(name, f"{title}: releases side by side",
                       subtitle=", ".join(r.name for r in comp.releases)[:250],
                       columns=columns, rows=rows, unit_column=True, note=note)
    return sheet, [g for g in groups.values() if len(g.columns) >= 2]


COMPARE_LEGEND = {
    DERIVED_MARK: "derived from cumulative figures (comment: formula and sources)",
    RESTATED: "printed differently by another release (comment: every source)",
}


def _group(comp: Comparison, c: int) -> str:
    col = comp.columns[c]
    if col.period is None:
        base = comp.column(col.new)
        return period_kind(base.period) if base is not None and base.period is not None else "other"
    return period_kind(col.period)


def _cell_spec(comp: Comparison, r: int, c: int) -> CellSpec:
    cell = comp.cell(r, c)
    if cell is None:
        return CellSpec()
    unit = comp.cell_unit(r, c)
    value = shown(cell.value, cell.precision, unit, MODE)
    if unit == "%":
        fmt = percent_format(1)
        value = None if value is None else round(value / 100, 12)
    elif unit.endswith("/share"):
        fmt = amount_format(2)
    else:
        fmt = amount_format(decimals(unit, MODE, cell.precision))
    mark = ""
    if cell.kind == DERIVED:
        mark = DERIVED_MARK
    elif cell.kind == PRINTED:
        if cell.corrected:
            mark = CORRECTED
        elif cell.conflict or (cell.check is not None and not cell.check.agrees):
            mark = FINDING
        elif cell.restated:
            mark = RESTATED
    if value is None and cell.note:
        value = "n/m"
    return CellSpec(value, fmt, mark, "\n".join(explain(cell, comp.releases, unit, MODE)))


def add_compare_charts(ws, layout: SheetLayout, comp: Comparison, groups: list[ChartGroup]) -> None:
    """A native line chart per period kind over the headline rows, one line per row and standard.

    The lines of each standard are written as chart data below the table (one row per line, blank
    under the other standard's columns), so a series never joins U.S. GAAP to IFRS figures.
    """
    if not groups or not layout.row_numbers:
        return
    next_row = layout.row_numbers[-1] + 4
    data_rows: dict[tuple[int, str], int] = {}
    put_text(ws.cell(row=next_row, column=1), "Chart data (one line per standard)")
    ws.cell(row=next_row, column=1).font = Font(bold=True)
    next_row += 1
    several = len({std for g in groups for std in g.standards}) > 1
    for group in groups:
        for r in group.rows:
            for std in dict.fromkeys(group.standards):
                key = (r, std)
                if key in data_rows:
                    continue
                data_rows[key] = next_row
                label = comp.rows[r].label + (f" ({std or 'standard unknown'})" if several else "")
                put_text(ws.cell(row=next_row, column=1), label)
                next_row += 1
    for group in groups:
        for r in group.rows:
            for j, std in zip(group.columns, group.standards):
                source = ws.cell(row=layout.row_numbers[r], column=layout.col_numbers[j])
                if isinstance(source.value, (int, float)):
                    target = ws.cell(row=data_rows[(r, std)], column=layout.col_numbers[j])
                    put_value(target, source.value)
                    target.number_format = source.number_format   # as the table shows it
    anchor = next_row + 2
    for group in groups:
        chart = LineChart()
        chart.height, chart.width = 10, 24
        chart.display_blanks = "gap"
        chart.legend.position = "b"
        chart.y_axis.number_format = "#,##0"
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.title = f"{KIND_TITLES.get(group.kind, group.kind)}"
        first, last = layout.col_numbers[group.columns[0]], layout.col_numbers[group.columns[-1]]
        cats = Reference(ws, min_col=first, max_col=last, min_row=3, max_row=3)
        for r in group.rows:
            for std in dict.fromkeys(group.standards):
                row_no = data_rows[(r, std)]
                series = Series(Reference(ws, min_col=first, max_col=last, min_row=row_no, max_row=row_no))
                series.tx = SeriesLabel(v=str(ws.cell(row=row_no, column=1).value))
                series.marker.symbol = "circle"
                series.smooth = False
                chart.series.append(series)
        chart.set_categories(cats)
        ws.add_chart(chart, f"A{anchor}")
        ws.row_breaks.append(Break(id=anchor - 2))
        anchor += 22


def add_comparison_sheets(wb, releases: list[Release], namer, workspace=None) -> None:
    """After the Summary: one 'Compare ...' sheet per statement kind of the releases, with charts."""
    mappings = getattr(workspace, "mappings_for", None)
    for n, (kind, comp) in enumerate(comparison_sheets(releases, mappings), start=1):
        name = namer.unique(f"Compare {SHORT_TITLES.get(kind, kind)}")
        spec, groups = compare_sheet(comp, name)
        ws = wb.create_sheet(name, n)
        add_compare_charts(ws, write_table_sheet(ws, spec), comp, groups)
        # Printed a dozen periods a page wide (the labels repeat on every page), not all on one.
        ws.page_setup.fitToWidth = max(1, -(-len(spec.columns) // PRINT_COLUMNS))
