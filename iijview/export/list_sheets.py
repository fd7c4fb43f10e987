"""The Sources, Findings and Corrections sheets: flat lists written as Excel tables."""
from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo

from iijview.export.corrections import CorrectionIndex, CorrectionNote
from iijview.export.formats import AMOUNT_AS_PRINTED, number_format
from iijview.export.spec import ListSheet
from iijview.export.table_writer import SheetLayout, clean_text, put_value
from iijview.model import Release

_HEADER_FONT = Font(bold=True)
_LINK_FONT = Font(color="0563C1", underline="single")
# Every cell of a list sits at the top of its row, so a row whose message wraps onto several lines
# reads across as one line of text.
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_WRAPPED = {"Message", "SHA-256"}


@dataclass
class ExportedRelease:
    """A release as exported: its sheet prefix and the layout of each statement sheet by key."""

    release: Release
    prefix: str
    parsed_at: _dt.datetime
    layouts: dict[str, SheetLayout] = field(default_factory=dict)
    notes: CorrectionIndex = field(default_factory=CorrectionIndex)


def sources_sheet(exported: list[ExportedRelease], version: str) -> ListSheet:
    """Where every figure comes from: file, hash, company, period, standard, parse time, version."""
    headers = ["Release", "File name", "SHA-256", "Company", "Fiscal period", "Standard", "Layout",
               "Parsed at", "App version", "Statements", "Findings"]
    rows = []
    for ex in exported:
        r = ex.release
        rows.append([ex.prefix, r.name, r.sha256, r.company,
                     r.fiscal_period.label() if r.fiscal_period else "", r.standard, r.layout,
                     ex.parsed_at.replace(microsecond=0), version, len(r.statements), len(r.findings)])
    return ListSheet("Sources", "Sources", headers, rows,
                     formats={"Parsed at": "yyyy-mm-dd hh:mm:ss", "Statements": "0", "Findings": "0"},
                     empty_text="No releases.")


def findings_sheet(exported: list[ExportedRelease]) -> ListSheet:
    """Every finding of every release, with a link to the first cell it names."""
    headers = ["Release", "Statement", "Severity", "Rule", "Message", "Source line", "Period",
               "Expected", "Found", "Difference", "Cells"]
    rows, links = [], {}
    for ex in exported:
        for f in ex.release.findings:
            layout = ex.layouts.get(f.statement)
            refs = [layout.cell_refs.get((f.statement, i, c)) for i, c in f.cells] if layout else []
            refs = [ref for ref in refs if ref]
            if layout is not None and refs:
                links[(len(rows), "Cells")] = layout.link((f.statement, *f.cells[0]))
            rows.append([ex.prefix, layout.sheet if layout else f.statement, f.severity, f.rule,
                         f.message, f.line or None, f.period.label() if f.period else "",
                         f.expected, f.found, f.difference, ", ".join(refs)])
    amount = AMOUNT_AS_PRINTED
    return ListSheet("Findings", "Findings", headers, rows,
                     formats={"Expected": amount, "Found": amount, "Difference": amount,
                              "Source line": "0"},
                     empty_text="No findings.", links=links)


def corrections_sheet(exported: list[ExportedRelease]) -> ListSheet:
    """Every correction: statement, line, period, parsed and corrected value, when and who."""
    headers = ["Release", "Statement", "Line", "Period", "Change", "Parsed value", "Corrected value",
               "When", "Who"]
    rows, links = [], {}
    for ex in exported:
        sheet_of = {key: layout.sheet for key, layout in ex.layouts.items()}
        for st in ex.release.statements:
            layout = ex.layouts.get(st.key)
            keys = st.item_keys()
            for i, item in enumerate(st.items):
                for col in st.columns:
                    cell = item.cells.get(col.key)
                    if cell is None or cell.status != "corrected":
                        continue
                    note = ex.notes.for_cell(st.key, keys[i], col.key, cell)
                    if layout is not None:
                        links[(len(rows), "Corrected value")] = layout.link((st.key, i, col.key))
                    parsed = cell.original if cell.original is not None else (cell.original_text or None)
                    rows.append([ex.prefix, sheet_of.get(st.key, st.key), item.label, col.title(), "value",
                                 parsed, cell.value if cell.value is not None else cell.text,
                                 note.when if note else "", note.who if note else ""])
        order = {st.key: i for i, st in enumerate(ex.release.statements)}
        for note in sorted(ex.notes.unmatched(), key=lambda n: order.get(n.statement, len(order))):
            rows.append([ex.prefix, sheet_of.get(note.statement, note.statement), *_row_change(note),
                         note.when, note.who])
    amount = AMOUNT_AS_PRINTED
    return ListSheet("Corrections", "Corrections", headers, rows,
                     formats={"Parsed value": amount, "Corrected value": amount},
                     empty_text="No corrections.", links=links)


def _row_change(note: CorrectionNote) -> list:
    """Line, period, change, parsed and corrected value of a correction not behind a cell."""
    label = note.row.lstrip("+").split("/", 1)[-1].rsplit("#", 1)[0]
    if note.kind == "label":
        return [note.original_text or label, "", "label", note.original_text, note.corrected_text]
    if note.kind == "insert":
        return [note.corrected_text, "", "inserted row", "", note.corrected_text]
    if note.kind == "delete":
        return [note.original_text or label, "", "deleted row", note.original_text, "(deleted)"]
    parsed = note.original if note.original is not None else note.original_text
    corrected = note.corrected if note.corrected is not None else note.corrected_text
    return [label, note.column, "value (not applied)", parsed, corrected]


def write_list_sheet(ws, spec: ListSheet) -> None:
    """Write `spec` as an Excel table with a header row, fitted widths and frozen header."""
    rows = spec.rows or [[spec.empty_text] + [None] * (len(spec.headers) - 1)]
    ws.append([clean_text(h) for h in spec.headers])
    for cell in ws[1]:
        cell.font = _HEADER_FONT
        cell.alignment = _TOP
    widths = [len(h) for h in spec.headers]
    for i, values in enumerate(rows):
        r = i + 2
        for j, value in enumerate(values):
            header = spec.headers[j]
            c = ws.cell(row=r, column=j + 1)
            put_value(c, value)
            if header in spec.formats and not isinstance(value, str):
                fmt = spec.formats[header]
                c.number_format = _amount_format(value) if fmt == AMOUNT_AS_PRINTED else fmt
            c.alignment = _WRAP if header in _WRAPPED else _TOP
            target = spec.links.get((i, header))
            if target:
                c.hyperlink = Hyperlink(ref=c.coordinate, location=target)
                c.font = _LINK_FONT
            widths[j] = max(widths[j], _width(value))
    last = f"{get_column_letter(len(spec.headers))}{len(rows) + 1}"
    table = Table(displayName=spec.table_name, ref=f"A1:{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    final = []
    for j, width in enumerate(widths):
        cap = 70 if spec.headers[j] in _WRAPPED else 48
        final.append(min(width + 3, cap))
        ws.column_dimensions[get_column_letter(j + 1)].width = final[-1]
    # Wrapped text needs taller rows; viewers do not all recompute heights on opening.
    wrapped = [j for j, h in enumerate(spec.headers) if h in _WRAPPED]
    for i, values in enumerate(rows):
        lines = max([1] + [math.ceil(len(str(values[j] or "")) / max(final[j] - 2, 1)) for j in wrapped])
        if lines > 1:
            ws.row_dimensions[i + 2].height = 15 * lines
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _amount_format(value) -> str:
    """The statements' amount format with the decimals the value has (float noise rounded off)."""
    return number_format("", "value", "", round(value, 4) if isinstance(value, float) else value)


def _width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, (_dt.date, _dt.datetime)):
        return 21
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return len(str(value))
