"""Build the TableSheet of one statement of a release: labels, numbers as shown, marks and notes."""
from __future__ import annotations

from iijview.export.corrections import CorrectionIndex, CorrectionNote
from iijview.export.formats import display_number, is_percent, number_format, unit_caption
from iijview.export.spec import CORRECTED, FINDING, UNREADABLE, CellSpec, ColumnSpec, RowSpec, TableSheet
from iijview.export.table_writer import LEGEND
from iijview.model import Cell, Column, Finding, LineItem, Release, Statement


def release_subtitle(release: Release) -> str:
    """One line saying where a sheet's figures come from."""
    parts = [release.name, release.company]
    if release.standard:
        parts.append(release.standard)
    if release.fiscal_period is not None:
        parts.append(release.fiscal_period.label())
    return " | ".join(p for p in parts if p)


def findings_by_cell(release: Release) -> dict[tuple[str, int, str], list[Finding]]:
    """Findings of the release indexed by (statement key, row index, column key)."""
    index: dict[tuple[str, int, str], list[Finding]] = {}
    for finding in release.findings:
        for row, col in finding.cells:
            index.setdefault((finding.statement, row, col), []).append(finding)
    return index


def statement_sheet(release: Release, statement: Statement, name: str,
                    findings: dict[tuple[str, int, str], list[Finding]],
                    notes: CorrectionIndex) -> TableSheet:
    """The sheet of one statement, laid out as the app shows it."""
    columns = [ColumnSpec(col.title(), unit_caption(col.unit, col.scale, col.role), key=col.key)
               for col in statement.columns]
    rows = []
    keys = statement.item_keys()
    marks = set()
    for i, item in enumerate(statement.items):
        cells = []
        for col in statement.columns:
            cell = item.cells.get(col.key)
            note = (notes.for_cell(statement.key, keys[i], col.key, cell)
                    if cell is not None and cell.status == "corrected" else None)
            spec = _cell_spec(statement, i, item, col, findings, note)
            marks.add(spec.mark)
            cells.append(spec)
        row = RowSpec(item.label, cells, level=item.level, total=item.is_total,
                      heading=item.is_heading, unit=_row_unit(statement, item))
        _mark_label(row, notes.for_row(statement.key, keys[i], item.label, item.inserted), item.inserted)
        marks.add(row.label_mark)
        rows.append(row)
    legend = "; ".join(f"{kind} cells: {text}" for kind, text in LEGEND.items() if kind in marks)
    return TableSheet(
        name=name,
        title=statement.title or statement.key,
        subtitle=release_subtitle(release),
        columns=columns,
        rows=rows,
        unit_column=any(r.unit for r in rows),
        note=("Colours: " + legend + ".") if legend else "",
    )


def _mark_label(row: RowSpec, note: CorrectionNote | None, inserted: bool) -> None:
    """Highlight a label the user changed or a row the user added, saying who and when."""
    if note is None and not inserted:
        return
    row.label_mark = CORRECTED
    by = f"By {note.who or 'unknown'} on {note.when or 'unknown date'}." if note else "Who and when: not recorded."
    if inserted:
        row.label_comment = f"Row added by the user (not in the release).\n{by}"
    else:
        row.label_comment = f"Label corrected. Parsed label: {note.original_text!r}.\n{by}"


def _row_unit(statement: Statement, item: LineItem) -> str:
    """Unit caption of a row whose unit or scale differs from its columns' ('JPY per share')."""
    if item.unit is None and item.scale is None:
        return ""
    captions = []
    for col in statement.columns:
        if col.role != "value":
            continue
        unit, scale = statement.unit_of(item, col)
        caption = unit_caption(unit, scale)
        if caption not in captions and caption != unit_caption(col.unit, col.scale):
            captions.append(caption)
    return " / ".join(captions)


def _cell_spec(statement: Statement, index: int, item: LineItem, col: Column,
               findings: dict, note: CorrectionNote | None) -> CellSpec:
    cell = item.cells.get(col.key)
    key = (statement.key, index, col.key)
    if cell is None or item.is_heading:
        return CellSpec(key=key)
    unit, _scale = statement.unit_of(item, col)
    percent = is_percent(unit, col.role)
    fmt = number_format(unit, col.role, cell.text, cell.value)
    comments, mark = [], ""
    if cell.value is not None:
        value = round(cell.value / 100, 12) if percent else cell.value
    elif cell.status == "nil":
        value = 0      # a real zero that the format shows as "-"
    else:
        value = None
        mark = UNREADABLE
        comments.append(f"Unreadable in the release (line {cell.line}): {cell.text!r}")
    if cell.status == "corrected":
        mark = CORRECTED
        comments.append(_correction_comment(cell, note))
    hits = findings.get(key, [])
    if hits:
        mark = mark or FINDING
        comments.extend(_finding_comment(f) for f in hits)
    return CellSpec(value, fmt, mark, "\n\n".join(comments), key=key)


def _correction_comment(cell: Cell, note: CorrectionNote | None) -> str:
    parsed = cell.original_text or display_number(cell.original)
    lines = [f"Corrected. Parsed value: {parsed}; now: {cell.text or display_number(cell.value)}."]
    if note is not None and (note.who or note.when):
        lines.append(f"By {note.who or 'unknown'} on {note.when or 'unknown date'}.")
    else:
        lines.append("Who and when: not recorded.")
    return "\n".join(lines)


def _finding_comment(finding: Finding) -> str:
    lines = [f"{finding.severity.capitalize()} [{finding.rule}]: {finding.message}"]
    if finding.difference is not None:
        detail = f"Difference: {display_number(finding.difference)}"
        if finding.expected is not None or finding.found is not None:
            detail += (f" (expected {display_number(finding.expected)},"
                       f" found {display_number(finding.found)})")
        lines.append(detail)
    return "\n".join(lines)
