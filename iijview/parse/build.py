"""Assemble Statements from raw tables: columns, cells with source spans, sections, levels, item ids."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from iijview.model import STATEMENT_TITLES, Cell, Column, Finding, LineItem, Period, Statement
from iijview.naming import plural
from iijview.parse import labels, periods, units
from iijview.parse.columns import HeaderSlot, header_slots, header_units, subtitle_periods
from iijview.parse.normalise import Normalised
from iijview.parse.rows import Row, build_rows
from iijview.parse.segment import MAX_ROW_VALUES, RawTable
from iijview.parse.tokens import Tok

_TOP_HEADINGS = re.compile(r"^(?:assets|liabilities and (?:shareholders' )?equity|liabilities|equity|revenues?|"
                           r"costs? and expenses|other income.*|operating activities|investing activities|"
                           r"financing activities|cash flows from .*|additional cash flow information|"
                           r"noncash investing.*|net income.* per share|earnings per share|"
                           r"other comprehensive income.*|comprehensive income.*|transactions with owners|"
                           r"segment profit or loss|business segments|cost of sales|"
                           r"profit \(loss\) for the period attributable to|commitments and contingencies|"
                           r"shareholders' equity)$", re.I)


@dataclass
class Doc:
    """What statement assembly needs to know about the whole document."""

    text: str
    norm: Normalised
    release_period: Period | None = None
    findings: list[Finding] = field(default_factory=list)


def _mode_count(rows: list[Row]) -> int:
    counts = Counter(len(r.values) for r in rows if r.values and not r.heading)
    if not counts:
        return 0
    common = [c for c, n in counts.items() if n >= 2]
    return max(common) if common else max(counts)


# Tables IIJ prints in JPY millions (slides name their billions): with no unit heading at all, read so.
_MILLIONS_BY_KIND = frozenset({"operating_summary", "segment_summary", "network_revenue", "ebitda", "capex",
                               "tse_summary", "targets"})


def _named_unit(table: RawTable, doc: Doc) -> tuple[str, int] | None:
    """The unit a caption names just before a table without unit headings ('(JPY in millions)')."""
    for tok in reversed(table.before):
        u = units.unit_of(tok.text)
        if u:
            return u
    around = doc.text[max(0, table.start - 300):table.start]
    m = list(re.finditer(units.UNIT_RE, around))
    if m:
        u = units.unit_of(m[-1].group(0))
        if u and u[1] > 1:
            return u
    return None


def _default_unit(table: RawTable, doc: Doc, statement_id: str) -> tuple[str, int]:
    """The unit of a table without unit headings: its caption's, else by statement kind (never yen
    for a summary table, which IIJ prints in millions)."""
    u = _named_unit(table, doc)
    if u:
        return u
    if statement_id == "contracts":
        return "count", 1
    if statement_id in ("dividends",):
        return "JPY/share", 1
    if statement_id in _MILLIONS_BY_KIND:
        return "JPY", 1_000_000
    return "JPY", 1


def _period_list(slots: list[HeaderSlot], table: RawTable, needed: int, doc: Doc) -> list[Period]:
    """Periods for `needed` yen columns: the header's own, else completed from the subtitle and the
    release period, oldest first (IIJ prints comparative periods left to right, oldest first)."""
    found = [s.period for s in slots if s.kind == "period" and s.period]
    if len(found) >= needed:
        return found
    before = " ".join(t.text for t in table.before)
    lookback = doc.text[max(0, table.start - 400):table.start]
    if periods.DURATION_RE.search(lookback) or re.search(r"\bAs of\b", lookback):
        before += " " + lookback  # a subtitle cut off from its table by a heading
    candidates = list(found)
    subtitle = subtitle_periods(before)
    months = {p.months for p in found if p} or {p.months for p in subtitle}
    for p in subtitle:
        if p.months == 0 and months and 0 not in months:
            p = Period(p.end, next(iter(months)))
        candidates.append(p)
    if doc.release_period and (not months or doc.release_period.months in months):
        candidates.append(doc.release_period)
    unique = sorted(set(candidates), key=lambda p: (p.end, p.months))
    if months:
        unique = [p for p in unique if p.months in months] or unique
    return unique[-needed:] if len(unique) >= needed else unique


def columns_for(table: RawTable, rows: list[Row], doc: Doc, statement_id: str, quarter_cumulative: bool
                ) -> tuple[list[Column], dict]:
    """Columns of a table and how values map onto them (by tab cell or by position)."""
    # A bare '3Q12' counts from the start of the year only in a release that reports that cumulative
    # period ('nine months ... "3Q12"'); a release of a quarter alone ('third quarter') reports the quarter.
    release = doc.release_period
    quarter_cumulative = quarter_cumulative and (release is None or release.months in (6, 9))
    slots = header_slots(table.header, table.header_cells, doc.text, quarter_cumulative=quarter_cumulative)
    unit_list = header_units(table.header, table.header_cells)
    base_unit = unit_list[0][0] if unit_list else _default_unit(table, doc, statement_id)
    if base_unit[0] == "USD":
        base_unit = next((u for u, _ in unit_list if u[0] == "JPY"), base_unit)
    value_rows = [r for r in rows if r.values]
    tabbed = sum(1 for r in value_rows if any(c >= 0 for c in r.cells)) * 2 > len(value_rows)
    # Tab cells that do not line up (a file flattened onto one line numbers every cell of the line
    # apart) would make a column of each: past a real table's width the values are read by position.
    if tabbed and len({c for r in value_rows for c in r.cells if c >= 0}) <= MAX_ROW_VALUES:
        return _tab_columns(slots, unit_list, base_unit, table, rows, doc)
    k = _mode_count(rows)
    k = max(k, max((len(r.values) for r in rows if not r.heading), default=0) if not k else k)
    matrix = _matrix_columns(table, statement_id, k, base_unit, slots)
    if matrix:
        return matrix, {"by": "position", "matrix": True}
    cols: list[Column] = []
    usd_layout = [u for u, _ in unit_list]
    if any(u[0] == "USD" for u in usd_layout) and len(usd_layout) == k:
        periods = _period_list(slots, table, sum(1 for u in usd_layout if u[0] != "USD"), doc)
        pi = 0
        for idx, u in enumerate(usd_layout):
            if u[0] == "USD":
                p = periods[-1] if periods else None
                cols.append(Column(f"c{idx}", p, "USD", u[1], header="Thousands of U.S. Dollars"))
            else:
                p = periods[pi] if pi < len(periods) else None
                pi += 1
                cols.append(Column(f"c{idx}", p, u[0], u[1], header=p.label() if p else ""))
        return cols, {"by": "position"}
    period_slots = [s for s in slots if s.kind == "period"]
    change_slots = [s for s in slots if s.kind == "change"]
    n_periods = min(len(period_slots), k) if period_slots else 0
    if not period_slots:
        n_periods = max(0, k - len(change_slots))
    periods = _period_list(slots, table, n_periods, doc)
    idx = 0
    for p in periods[:max(n_periods, 0)]:
        cols.append(Column(f"c{idx}", p, base_unit[0], base_unit[1], header=p.label()))
        idx += 1
    while idx < k:
        slot = change_slots[idx - len(cols)] if idx - len(cols) < len(change_slots) else None
        cols.append(_change_column(f"c{idx}", slot, base_unit, periods, rows, idx))
        idx += 1
    return cols, {"by": "position"}


def _matrix_columns(table: RawTable, statement_id: str, k: int, base_unit, slots) -> list[Column] | None:
    """Columns of a matrix table (changes in equity, IFRS segments): one per member, one period."""
    spec = labels.members(statement_id)
    if not spec or k < 3 or sum(1 for s in slots if s.kind == "period") > 1:
        return None
    text = " ".join(t.text for t in table.before)
    names = labels.find_names(text, spec["names"])
    if len(names) != k:
        return None
    if spec["ordered"]:
        names = sorted(names, key=spec["names"].index)
    period = next((s.period for s in slots if s.kind == "period"), None) or periods.period_in(text)
    return [Column(f"m{i}", period, base_unit[0], base_unit[1], member=name, header=name)
            for i, name in enumerate(names)]


def _change_column(key: str, slot: HeaderSlot | None, base_unit, periods, rows: list[Row], idx: int) -> Column:
    pct = bool(slot and slot.pct)
    if not pct and idx >= 0:
        vals = [r.values[idx] for r in rows if len(r.values) > idx and r.values[idx].number]
        pct = _mostly_pct(vals)
    latest = max(periods, key=lambda p: (p.end, p.months)) if periods else None
    header = slot.text if slot else "Change"
    if pct:
        return Column(key, latest, "%", 1, role="change", header=header if "%" in header else header + " %")
    return Column(key, latest, base_unit[0], base_unit[1], role="change", header=header)


def _tab_columns(slots, unit_list, base_unit, table: RawTable, rows: list[Row], doc: Doc):
    """Columns of a tab-separated table, keyed by the tab cell the values sit in."""
    value_cells = sorted({c for r in rows for c in r.cells if c >= 0})
    in_cell = _values_by_cell(rows)
    changes = {c for c in value_cells if _is_change(in_cell.get(c, []))}
    ratio_cells = set()
    for r in rows:
        by_cell: dict[int, list[Tok]] = {}
        for tok, c in zip(r.values, r.cells):
            by_cell.setdefault(c, []).append(tok)
        for c, toks in by_cell.items():
            if len(toks) == 2 and toks[0].number and toks[0].number.unit == "%":
                ratio_cells.add(c)
    slot_at = {s.cell: s for s in slots if s.cell >= 0 and s.kind == "period"}
    change_at = {s.cell: s for s in slots if s.cell >= 0 and s.kind == "change"}
    unit_at = {c: u for u, c in unit_list if c >= 0}
    usd_cells = [c for c in value_cells if unit_at.get(c, base_unit)[0] == "USD"]
    if usd_cells and any(c in slot_at for c in usd_cells):
        # Period headings printed over fewer cells than the unit headings (a USD column in between):
        # give the yen columns the periods in order; the USD column translates the latest.
        ordered = [s for s in slots if s.kind == "period"]
        yen = [c for c in value_cells if c not in usd_cells]
        slot_at = {c: s for c, s in zip(yen, ordered)}
    needed = [c for c in value_cells if c not in slot_at and c not in change_at and c not in changes
              and unit_at.get(c, base_unit)[0] != "USD"]
    fallback = _period_list([s for s in slots if s.kind == "period"], table,
                            len(slot_at) + len(needed), doc) if needed else []
    spare = [p for p in fallback if p not in [s.period for s in slot_at.values()]]
    cols: list[Column] = []
    mapping: dict[int, str] = {}
    last_period: Period | None = None
    for c in value_cells:
        u = unit_at.get(c, base_unit)
        if c in slot_at:
            p = slot_at[c].period
        elif c in change_at or c in changes:
            slot = change_at.get(c)
            col = _change_column(f"c{c}", slot, base_unit, [last_period] if last_period else [], rows, -1)
            if slot is None and not _mostly_pct(in_cell.get(c, [])):
                col = Column(f"c{c}", last_period, base_unit[0], base_unit[1], role="change", header="Change")
            elif slot is None:
                col = Column(f"c{c}", last_period, "%", 1, role="change", header="YoY %")
            cols.append(col)
            mapping[c] = col.key
            continue
        elif u[0] == "USD":
            p = None
        else:
            p = spare.pop(0) if spare else None
        if c in ratio_cells:
            cols.append(Column(f"r{c}", p, "%", 1, role="ratio", header="% of revenues"))
        col = Column(f"c{c}", p, u[0], u[1], header=p.label() if p else "")
        cols.append(col)
        mapping[c] = col.key
        if p is not None:
            last_period = p
    # A table printed as two blocks side by side repeats its columns: map the repeats onto the first.
    seen: dict[tuple, str] = {}
    alias: dict[str, str] = {}   # a repeated column's key -> the first column's
    kept: list[Column] = []
    for col in cols:
        sig = (col.period, col.unit, col.scale, col.role, col.member)
        if col.period is not None and sig in seen:
            alias[col.key] = seen[sig]
            continue
        seen[sig] = col.key
        kept.append(col)
    if alias:
        mapping = {cell: alias.get(key, key) for cell, key in mapping.items()}
    cols = kept
    # USD convenience columns translate the latest yen period.
    latest = max((c.period for c in cols if c.period and c.unit != "USD" and c.role == "value"),
                 key=lambda p: (p.end, p.months), default=None)
    cols = [Column(c.key, latest, c.unit, c.scale, c.role, c.member, "Thousands of U.S. Dollars")
            if c.unit == "USD" and c.period is None else c for c in cols]
    return cols, {"by": "cell", "map": mapping, "ratio": ratio_cells}


def _values_by_cell(rows: list[Row]) -> dict[int, list[Tok]]:
    """The number tokens of each tab cell over all rows, in print order (gathered in one pass)."""
    out: dict[int, list[Tok]] = {}
    for r in rows:
        for t, c in zip(r.values, r.cells):
            if t.number:
                out.setdefault(c, []).append(t)
    return out


def _is_change(vals: list[Tok]) -> bool:
    """A column whose values are printed with an explicit sign ('+9.6%', '+6,648') is a change."""
    signed = sum(1 for t in vals if t.text.lstrip().startswith("+"))
    return bool(vals) and signed >= max(1, len(vals) // 3)


def _mostly_pct(vals: list[Tok]) -> bool:
    """True when at least half of some number tokens (and at least one) are per cent."""
    pct = sum(1 for t in vals if t.number is not None and t.number.unit == "%")
    return bool(vals) and pct >= len(vals) / 2


_BALANCE = re.compile(r"^Balance,?\s+(.+\d{4})", re.I)


def _balance_date(item: LineItem) -> None:
    """'Balance, April 1, 2020' rows are balances at a date: the day before a month's first day."""
    m = _BALANCE.match(item.label)
    if not m:
        return
    p = periods.period_in(m.group(1))
    if p is None:
        return
    end = p.end - dt.timedelta(days=1) if p.end.day == 1 else p.end
    for cell in item.cells.values():
        cell.period = Period(end, 0)


def unread_finding(statement_id: str, row: Row) -> Finding:
    """The finding for a row printed with more values than any table has (the rest were left unread)."""
    return Finding("wide_row", f"{STATEMENT_TITLES.get(statement_id, statement_id)}, line {row.line}: a row of "
                   f"{len(row.values) + row.unread:,} values, more than any table prints; the "
                   f"{row.unread:,} after the first {len(row.values)} were left unread.", line=row.line)


def cut_finding(statement_id: str, row: Row) -> Finding:
    """The finding for a table printed with more rows than any table has (the rest were left unread)."""
    return Finding("long_table", f"{STATEMENT_TITLES.get(statement_id, statement_id)}, line {row.line}: the table "
                   f"goes on for {row.rows_after:,} more rows, more than any table prints; they were left unread.",
                   line=row.line)


def make_cell(tok: Tok, doc: Doc, text: str | None = None, status: str | None = None) -> Cell:
    """A model Cell from a value token, with its span mapped back to the original text."""
    a, b = doc.norm.original_span(tok.start, tok.end)
    num = tok.number
    st = status or (num.status if num else "unreadable")
    value = num.value if (num and st == "parsed") else None
    return Cell((text if text is not None else tok.text).strip(), value, st, tok.line, a, b)


def fill_cells(item: LineItem, row: Row, cols: list[Column], how: dict, doc: Doc) -> None:
    """Put a row's value tokens into the item's cells."""
    if how["by"] == "cell" and any(c >= 0 for c in row.cells):
        by_cell: dict[int, list[Tok]] = {}
        for tok, c in zip(row.values, row.cells):
            by_cell.setdefault(c, []).append(tok)
        for c, toks in by_cell.items():
            key = how["map"].get(c)
            if key is None:
                continue
            if c in how["ratio"] and len(toks) == 2:
                item.cells[f"r{c}"] = make_cell(toks[0], doc)
                item.cells[key] = make_cell(toks[1], doc)
            elif len(toks) == 1:
                item.cells[key] = make_cell(toks[0], doc)
            else:
                joined = doc.text[toks[0].start:toks[-1].end]
                cell = make_cell(toks[0], doc, text=joined, status="unreadable")
                cell.end = doc.norm.original_span(toks[-1].start, toks[-1].end)[1]
                item.cells[key] = cell
        return
    value_cols = [c for c in cols if c.role != "ratio"] if how["by"] == "cell" else cols
    vals = row.values
    if how.get("matrix") and len(vals) == 1 and len(value_cols) > 1:
        value_cols = value_cols[-1:]  # a lone figure in a matrix is the consolidated total
    if len(vals) > len(value_cols):
        doc.findings.append(Finding("extra_values", f"Line {row.line}: {plural(len(vals), 'value')} where the table has "
                                    f"{plural(len(value_cols), 'column')}; the extra values were left out.", line=row.line))
        vals = vals[:len(value_cols)]
    for col, tok in zip(value_cols, vals):
        item.cells[col.key] = make_cell(tok, doc)


def assemble(statement_id: str, table: RawTable, doc: Doc, *, quarter_cumulative: bool,
             rows: list[Row] | None = None) -> Statement | None:
    """Build one Statement from a raw table (None when it has no value rows)."""
    rows = build_rows(table.rows) if rows is None else rows
    if not any(r.values for r in rows):
        return None
    if sum(1 for r in rows if r.values and not r.label) > max(2, len([r for r in rows if r.values]) // 2):
        doc.findings.append(Finding("unlabelled_table", f"Line {table.rows[0].line}: a table whose row labels "
                                    "were lost could not be read.", line=table.rows[0].line, severity="error"))
        return None
    cols, how = columns_for(table, rows, doc, statement_id, quarter_cumulative)
    line = table.rows[0].line if table.rows else 0
    st = Statement(statement_id, statement_id, "", columns=cols, line=line, end_line=rows[-1].line)
    add_rows(st, rows, cols, how, doc)
    read = sum(1 for it in st.items if it.label and any(c.value is not None for c in it.cells.values()))
    if statement_id in _MILLIONS_BY_KIND and read >= 2 and not header_units(table.header, table.header_cells) \
            and _named_unit(table, doc) is None:
        doc.findings.append(Finding("unit_assumed", f"Line {line}: the {STATEMENT_TITLES.get(statement_id, statement_id)}"
                                    " table names no unit; its figures are read as JPY millions, the unit IIJ "
                                    "prints its summary tables in.", line=line))
    return st


def add_rows(st: Statement, rows: list[Row], cols: list[Column], how: dict, doc: Doc) -> None:
    """Append rows to a statement, tracking sections, levels, totals and item ids."""
    stack: list[str] = [it.label for it in st.items if it.is_heading][-1:] if st.items else []
    opener = ""
    for row in rows:
        if row.unread:
            doc.findings.append(unread_finding(st.id, row))
        if row.rows_after:
            doc.findings.append(cut_finding(st.id, row))
        label = labels.clean_label(row.label)
        if row.debris:
            text = " ".join(v.text for v in row.values)
            doc.findings.append(Finding(
                "ocr_debris", f"{STATEMENT_TITLES.get(st.id, st.id)}, line {row.line}: stray figures "
                f"'{(label + ' ' + text).strip()}' belong to no row and were left out.", line=row.line,
                severity="warning"))
            continue
        if row.heading:
            if not label:
                continue
            text = label.rstrip(":").strip()
            if _TOP_HEADINGS.match(text) or not stack:
                stack = [text]
            elif _TOP_HEADINGS.match(stack[-1]) or len(stack) == 1:
                stack = stack[:1] + [text]
            else:
                stack[-1] = text
            st.items.append(LineItem(label=label, section="/".join(stack[:-1]), level=len(stack) - 1,
                                     is_heading=True, line=row.line, raw_label=row.label))
            continue
        is_total = labels.is_total_label(label) or (label.endswith(":") and bool(row.values))
        section = "/".join(stack)
        level = len(stack)
        if is_total:
            key = labels.label_key(label)
            if key in ("total", "subtotal"):
                level = max(0, len(stack) - 1)
                stack = stack[:-1]
            else:
                closed = [i for i, h in enumerate(stack) if labels.label_key(h) in key]
                if closed:
                    level = closed[-1]
                    stack = stack[:level]
            if not section:
                opener = label
        elif not stack and opener:
            section, level = opener, 1
        item = LineItem(label=label, section=section, level=level, is_total=is_total, line=row.line,
                        raw_label=row.label)
        ru = units.row_unit(label)
        if ru and st.id not in ("contracts",) or (ru and ru[0] == "Gbps"):
            item.unit, item.scale = ru
        item.item = labels.canonical_item(st.id, label, section)
        fill_cells(item, row, cols, how, doc)
        _balance_date(item)
        st.items.append(item)
