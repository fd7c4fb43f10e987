"""Tables printed with periods as rows and measures as columns (the TSE summary, dividends, targets)."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from iijview.model import Column, Finding, LineItem, Statement
from iijview.naming import plural
from iijview.parse import labels, periods, units
from iijview.parse.build import Doc, make_cell
from iijview.parse.rows import Row
from iijview.parse.segment import RawTable


@lru_cache(maxsize=1)
def measure_names() -> tuple[str, ...]:
    """Column headings of period-as-row tables, longest first (from resources/headings.json)."""
    data = json.loads(resources.files("iijview.resources").joinpath("headings.json").read_text("utf-8"))
    return tuple(sorted(data.get("measures", []), key=len, reverse=True))


def is_transposed(rows: list[Row]) -> bool:
    """True when the table prints periods as row labels: most value rows, or its first one."""
    value_rows = [r for r in rows if r.values]
    if not value_rows:
        return False
    return value_rows[0].period_label or sum(1 for r in value_rows if r.period_label) * 2 > len(value_rows)


def _patterns(table: RawTable, rows: list[Row]) -> list[list[str]]:
    """Candidate slot kinds across a row: 'value' or 'pct' (a YoY change printed after its measure).

    From the header: 'JPY millions %' pairs (a % after a measure is its change) or, when the names
    say so, every heading its own measure ('... to total assets %'); else from the printed values."""
    header = []
    for tok in table.header:
        if tok.kind == "unit":
            header.append("value")
        elif tok.kind == "chg" and tok.text.strip().startswith("%"):
            header.append("pct")
    longest = max((len(r.values) for r in rows if r.period_label), default=0)
    out = []
    if len(header) == longest:
        out.append(header)
        out.append(["value"] * longest)
    best = max((r for r in rows if r.period_label), key=lambda r: len(r.values))
    out.append(["pct" if (v.number and v.number.unit == "%") else "value" for v in best.values])
    return out


def assemble_transposed(statement_id: str, table: RawTable, rows: list[Row], doc: Doc) -> Statement | None:
    """Build a statement whose rows are the measures and whose columns are the printed periods."""
    value_rows = [r for r in rows if r.values and r.period_label]
    if not value_rows:
        return None
    header_text = " ".join(t.text for t in table.before)
    names = labels.find_names(header_text, measure_names())
    candidates = _patterns(table, rows)
    pattern = next((p for p in candidates if sum(1 for k in p if k == "value") == len(names)), candidates[0])
    n_measures = sum(1 for p in pattern if p == "value")
    if len(names) != n_measures:
        doc.findings.append(Finding(
            "unnamed_columns", f"Line {value_rows[0].line}: {plural(n_measures, 'measure')} but "
            f"{plural(len(names), 'heading')} could be read; the measures are numbered rather than guessed.", line=value_rows[0].line))
        names = [f"Measure {i + 1}" for i in range(n_measures)]  # partial names would be misplaced
    unit = _unit(table, doc, statement_id)
    has_pct = "pct" in pattern
    cols: list[Column] = []
    row_cols: list[tuple[Row, str, str, bool]] = []
    for r in value_rows:
        p = periods.period_in(r.label)
        # a forecast row is named so, or is the second row printed for the same year
        forecast = bool(re.search(r"forecast|target", r.label, re.I)) or \
            (p is not None and any(c.period == p for c in cols))
        if p and forecast:
            p = type(p)(p.end, p.months, True)
        key = f"p{len(cols)}"
        cols.append(Column(key, p, unit[0], unit[1], header=r.label))
        ckey = ""
        if has_pct:
            ckey = key + "chg"
            cols.append(Column(ckey, p, "%", 1, role="change", header="YoY %"))
        row_cols.append((r, key, ckey, forecast))
    items: list[LineItem] = []
    for name in names:
        items.append(LineItem(label=name, item=labels.canonical_item(statement_id, name, ""),
                              line=value_rows[0].line))
    for r, key, ckey, forecast in row_cols:
        vals = list(r.values)
        # A short forecast row fills the last measures (year-end, total); an actual row the first ones.
        start = len(pattern) - len(vals) if forecast and len(vals) < len(pattern) else 0
        mi = sum(1 for k in pattern[:start] if k == "value") - 1
        for slot, tok in zip(pattern[start:], vals):
            if slot == "value":
                mi += 1
                if 0 <= mi < len(items):
                    items[mi].cells[key] = make_cell(tok, doc)
            elif 0 <= mi < len(items) and ckey:
                items[mi].cells[ckey] = make_cell(tok, doc)
    for it in items:
        ru = units.row_unit(it.label)
        if ru and ru[0] == "JPY/share":
            it.unit, it.scale = ru
        if re.search(r"to total assets|ratio", it.label, re.I):
            it.unit, it.scale = "%", 1
    return Statement(statement_id, statement_id, "", columns=cols, items=items,
                     line=value_rows[0].line, end_line=value_rows[-1].line)


def _unit(table: RawTable, doc: Doc, statement_id: str) -> tuple[str, int]:
    for tok in table.header:
        u = units.unit_of(tok.text) if tok.kind == "unit" else None
        if u:
            if u == ("JPY", 1):
                return ("JPY/share", 1)
            return u
    for tok in reversed(table.before):
        u = units.unit_of(tok.text)
        if u:
            return u if u != ("JPY", 1) else ("JPY/share", 1)
    if statement_id == "dividends":
        return "JPY/share", 1
    return "JPY", 1_000_000
