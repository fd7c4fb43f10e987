"""Tables printed with periods as rows and measures as columns (the TSE summary, dividends, targets)."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from iijview.model import Column, Finding, LineItem, Statement
from iijview.naming import plural
from iijview.parse import labels, periods, units
from iijview.parse.build import Doc, cut_finding, make_cell, unread_finding
from iijview.parse.rows import Row
from iijview.parse.segment import RawTable
from iijview.parse.tokens import Tok


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
    if len(header) >= longest:  # rows can leave cells empty (a prior year's %), never add any
        out.append(header)
        out.append(["value"] * len(header))
    best = max((r for r in rows if r.period_label), key=lambda r: len(r.values))
    out.append(["pct" if (v.number and v.number.unit == "%") else "value" for v in best.values])
    pairs = ["value", "pct"] * (longest // 2)
    if longest % 2 == 0 and not sum(_misfit(v, k) for v, k in zip(best.values, pairs)):
        out.append(pairs)  # amounts and their YoY % printed in pairs without '%' signs
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
    names = _checked_names(names, n_measures, statement_id, value_rows[0].line, doc)
    unit = _unit(table, doc, statement_id)
    has_pct = "pct" in pattern
    cols: list[Column] = []
    row_cols: list[tuple[Row, str, str, bool]] = []
    for r in value_rows:
        if r.unread:
            doc.findings.append(unread_finding(statement_id, r))
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
    by_cell = _slots_by_cell(table, len(pattern))
    measure = []      # slot -> index of the measure it belongs to (counted once: a pattern may be long)
    seen = -1
    for k in pattern:
        seen += k == "value"
        measure.append(seen)
    for r, key, ckey, forecast in row_cols:
        for slot, tok in zip(_row_slots(r, pattern, by_cell, forecast), r.values):
            mi = measure[slot] if 0 <= slot < len(pattern) else -1
            if not 0 <= mi < len(items):
                continue
            if pattern[slot] == "value":
                items[mi].cells[key] = make_cell(tok, doc)
            elif ckey:
                items[mi].cells[ckey] = make_cell(tok, doc)
    for it in items:
        ru = units.row_unit(it.label)
        if ru and ru[0] == "JPY/share":
            it.unit, it.scale = ru
        if re.search(r"to total assets|ratio|rate of return|return on", it.label, re.I):
            it.unit, it.scale = "%", 1
    if rows[-1].rows_after:
        doc.findings.append(cut_finding(statement_id, rows[-1]))
    return Statement(statement_id, statement_id, "", columns=cols, items=items,
                     line=value_rows[0].line, end_line=value_rows[-1].line)


@lru_cache(maxsize=1)
def _measure_rank() -> dict[str, int]:
    """The order IIJ prints the measures of its TSE tables in (resources/headings.json 'measure_order')."""
    data = json.loads(resources.files("iijview.resources").joinpath("headings.json").read_text("utf-8"))
    return {item: i for i, item in enumerate(data.get("measure_order", []))}


def _checked_names(names: list[str], n_measures: int, statement_id: str, line: int, doc: Doc) -> list[str]:
    """The column headings to trust: numbered measures wherever the header was read wrong."""
    def numbered(first: int, last: int, why: str) -> list[str]:
        which = "the measures are" if (first, last) == (0, n_measures) else f"measures {first + 1} to {last} are"
        doc.findings.append(Finding("unnamed_columns", f"Line {line}: {why}; {which} numbered rather than guessed.",
                                    line=line))
        return names[:first] + [f"Measure {i + 1}" for i in range(first, last)] + names[last:n_measures]

    if len(names) != n_measures:  # partial names would be misplaced
        return numbered(0, n_measures, f"{plural(n_measures, 'measure')} but {plural(len(names), 'heading')} "
                        "could be read")
    rank = _measure_rank()
    ranks = [rank[it] for it in (labels.canonical_item(statement_id, n, "") for n in names) if it in rank]
    if ranks != sorted(ranks):  # OCR read the heading cells out of their printed order
        return numbered(0, n_measures, "the headings were read out of their printed order")
    if len(set(names)) < len(names):
        # A heading read twice means the header's cells were scrambled (OCR, conversion): the names from
        # the repeat on are shifted, so only those before it are kept, and the last one, which closes
        # the header whatever happened in between.
        first = next(i for i, name in enumerate(names) if name in names[:i])
        last = n_measures - 1 if names.count(names[-1]) == 1 else n_measures
        return numbered(first, last, f"the heading '{names[first]}' is printed twice")
    return names


def _slots_by_cell(table: RawTable, n_slots: int) -> dict[int, int]:
    """Slot index of each tab cell the header names a measure or its % in (empty when the header's
    cells are unknown or do not name every slot)."""
    cells = [c for tok, c in zip(table.header, table.header_cells)
             if tok.kind == "unit" or (tok.kind == "chg" and tok.text.strip().startswith("%"))]
    if len(cells) != n_slots or min(cells, default=-1) < 0 or len(set(cells)) != len(cells):
        return {}
    return {c: x for x, c in enumerate(cells)}


def _row_slots(r: Row, pattern: list[str], by_cell: dict[int, int], forecast: bool) -> list[int]:
    """The slot of each value of a period row. Columns stay aligned by position, never by counting:
    by the tab cell under its header; else one value per slot; else (a prior-year row without its %
    cells) amounts go to the measure slots and changes to the % slots; a short row of equal slots
    fills the first ones, or for a forecast the last ones (year-end, total)."""
    vals = r.values
    if by_cell and r.cells and all(c in by_cell for c in r.cells):
        return [by_cell[c] for c in r.cells]
    if len(vals) >= len(pattern):
        return list(range(len(vals)))
    if "pct" in pattern and "value" in pattern:
        return _aligned(pattern, vals)
    start = len(pattern) - len(vals) if forecast else 0
    return list(range(start, start + len(vals)))


# How badly a printed value fits a slot kind: amounts in measure slots, one-decimal figures in % slots.
def _misfit(tok: Tok, kind: str) -> float:
    num = tok.number
    if num is None or num.status != "parsed":
        return 0.5 if num is None or num.status == "unreadable" else 0.0   # a nil fits either
    if num.unit == "%":
        return 0.0 if kind == "pct" else 2.0
    if num.decimals == 1:
        return 0.0 if kind == "pct" else 1.0
    if num.decimals >= 2:
        return 2.0 if kind == "pct" else 0.0
    return (3.0 if "," in tok.text else 1.0) if kind == "pct" else 0.0


_SKIP = {"value": 0.6, "pct": 0.1}  # an empty % cell is far likelier than an empty amount


def _aligned(pattern: list[str], vals: list[Tok]) -> list[int]:
    """Slots for fewer values than slots, in order, at the least misfit (dynamic programming)."""
    n, m = len(vals), len(pattern)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    take = [[False] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for j in range(1, m + 1):
        cost[0][j] = cost[0][j - 1] + _SKIP[pattern[j - 1]]
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            skip = cost[i][j - 1] + _SKIP[pattern[j - 1]]
            put = cost[i - 1][j - 1] + _misfit(vals[i - 1], pattern[j - 1])
            cost[i][j], take[i][j] = (put, True) if put <= skip else (skip, False)
    slots: list[int] = []
    i, j = n, m
    while i > 0:
        if take[i][j]:
            slots.append(j - 1)
            i -= 1
        j -= 1
    return slots[::-1]


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
