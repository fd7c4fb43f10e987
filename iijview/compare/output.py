"""A comparison as plain data for scripts: a pandas DataFrame (one column per period) and JSON records."""
from __future__ import annotations

from iijview.compare.cells import PRINTED, CompareCell
from iijview.compare.explain import source_text
from iijview.compare.table import Comparison
from iijview.compare.units import caption, shown

ROW_FIELDS = ["key", "label", "level", "unit"]


def column_names(comp: Comparison) -> list[str]:
    """Unique header of each column: its title, with the standard where a title repeats."""
    titles = [c.title for c in comp.columns]
    out = []
    for col, title in zip(comp.columns, titles):
        name = title
        if col.is_period and titles.count(title) > 1:
            name = f"{title} ({col.standard or 'unknown standard'})"
        out.append(name)
    return out


def cell_value(comp: Comparison, r: int, c: int, mode: str) -> float | None:
    """A cell's value in the display unit (None where empty or not meaningful)."""
    cell = comp.cell(r, c)
    if cell is None:
        return None
    return shown(cell.value, cell.precision, comp.cell_unit(r, c), mode)


def to_frame(comp: Comparison, mode: str = "millions"):
    """The comparison as a DataFrame: key, label, level, unit caption, then one column per column."""
    import pandas as pd

    names = column_names(comp)
    records = []
    for r, row in enumerate(comp.rows):
        if row.heading:
            continue
        rec = {"key": row.key, "label": row.label, "level": row.level, "unit": caption(row.unit, mode)}
        for c, name in enumerate(names):
            rec[name] = cell_value(comp, r, c, mode)
        records.append(rec)
    return pd.DataFrame(records, columns=ROW_FIELDS + names)


def _cell_record(comp: Comparison, cell: CompareCell, unit: str, mode: str) -> dict:
    rec = {"value": shown(cell.value, cell.precision, unit, mode), "kind": cell.kind}
    if cell.kind == PRINTED:
        rec.update(restated=cell.restated, conflict=cell.conflict, corrected=cell.corrected,
                   nil=cell.nil, sources=[_source(comp, f) for f in cell.sources])
        if cell.check is not None:
            rec["check"] = {"formula": cell.check.formula, "agrees": cell.check.agrees,
                            "value": shown(cell.check.value, cell.check.precision, unit, mode)}
    else:
        rec["formula"] = cell.formula
        if cell.note:
            rec["note"] = cell.note
    return rec


def _source(comp: Comparison, f) -> dict:
    release = comp.releases[f.release]
    return {"release": release.name, "statement": f.statement, "label": f.label, "text": f.text,
            "scale": f.scale, "status": f.status, "where": source_text(f, comp.releases)}


def to_json(comp: Comparison, mode: str = "millions") -> dict:
    """Everything about the comparison as JSON-ready data: columns, rows with cells, findings."""
    names = column_names(comp)
    columns = []
    for col, name in zip(comp.columns, names):
        rec = {"key": col.key, "name": name, "kind": col.kind, "standard": col.standard,
               "boundary": col.boundary, "derived": col.derived}
        if col.period is not None:
            rec.update(period_end=col.period.end.isoformat(), months=col.period.months,
                       target=col.period.forecast)
        if not col.is_period:
            rec.update(base=col.base, new=col.new)
        columns.append(rec)
    rows = []
    for r, row in enumerate(comp.rows):
        cells = {}
        for c, col in enumerate(comp.columns):
            cell = comp.cell(r, c)
            if cell is not None:
                cells[col.key] = _cell_record(comp, cell, comp.cell_unit(r, c), mode)
        rows.append({"key": row.key, "label": row.label, "level": row.level, "kind": row.kind,
                     "unit": caption(row.unit, mode) if row.unit else "", "total": row.total,
                     "cells": cells})
    findings = [{"rule": f.rule, "message": f.message, "statement": f.statement} for f in comp.findings]
    return {"statement": comp.options.statement, "periods": comp.options.periods,
            "view": comp.options.view, "as_first_reported": comp.options.first_reported,
            "unit": mode, "releases": [r.name for r in comp.releases], "columns": columns,
            "rows": rows, "findings": findings}
