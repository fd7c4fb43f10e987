"""Ties across the tables of one release: same figure in several places, cash to balance sheet, dollars to yen."""
from __future__ import annotations

import datetime as dt
import re

from iijview.checks import labels as L
from iijview.checks.engine import Equation, Ledger, Term
from iijview.checks.values import Ref, cell_period, decimals_of, is_money_column, overlaps
from iijview.model import Period

_RATE = re.compile(r"(?:JPY|¥|yen\s*)\s*([0-9]{2,3}(?:\.[0-9]+)?)\s*(?:=|per|to)\s*(?:one\s*)?U\.?S\.?\s*\\?\$\s*1?(?:\.00)?",
                   re.I)
# Figures printed as positive in one table and negative in another (costs, taxes, depreciation).
TIE_POOL = 12   # printings of one figure compared with one another to choose the anchor
_SIGN_FREE = re.compile(r"cost|expense|tax|depreciation|amortization|sga|capex|purchase|dividends_paid")


def usd_rate(text: str) -> float | None:
    """The yen-per-dollar convenience rate stated in the release text, if any."""
    if "$" not in (text or ""):
        return None   # the rate is always stated against a dollar sign: no need to scan the text
    m = _RATE.search(text)
    return float(m.group(1)) if m else None


def _money_cells(ledger: Ledger) -> list[tuple[tuple, list[Ref]]]:
    """Pairs of ((item, occurrence, count), period, member, unit) and the refs of the money cells that
    print it, in document order: the figures printed in two statements or more, and all cash figures.

    Only the parser's item ids tie figures across tables; an id printed n times in one table
    (segment rows under revenues and again under profit) ties its k-th printing to the k-th
    printing in tables that also print it n times.
    """
    groups: dict[tuple, list[tuple]] = {}   # (role, place, unit) -> (statement, row, column) of each cell
    places: dict[tuple, int] = {}   # (period, member) -> a number standing for it in the keys while grouping
    for si, st in enumerate(ledger.statements):
        money = ledger.money(si)
        columns = []   # (key, member, the column's place or None when it has no period or a forecast one, money)
        for col in st.columns:
            if is_money_column(col):
                period = col.period
                place = None if period is None or period.forecast else places.setdefault((period, col.member), len(places))
                columns.append((col.key, col.member, place, money[col.key]))
        counts: dict[str, int] = {}
        for row in st.items:
            if row.item and not row.is_heading:
                counts[row.item] = counts.get(row.item, 0) + 1
        seen: dict[str, int] = {}
        for i, row in enumerate(st.items):
            if not row.item or row.is_heading:
                continue
            k = seen.get(row.item, 0)
            seen[row.item] = k + 1
            role = (row.item, k, counts[row.item])
            cells = row.cells
            for key, member, place, column_money in columns:
                cell, m = cells.get(key), column_money[i]
                if cell is None or m is None:
                    continue
                if cell.period is not None:   # the cell's own period (cell_period)
                    period = cell.period
                    if period.forecast:
                        continue
                    place = places.setdefault((period, member), len(places))
                elif place is None:
                    continue
                groups.setdefault((role, place, m.unit), []).append((si, i, key))
    period_of = {place: pm for pm, place in places.items()}
    return [((role, *period_of[place], unit), [Ref(si, i, key) for si, i, key in cells]) for (role, place, unit), cells in groups.items()
            if cells[0][0] != cells[-1][0] or role[0] in _CASH_ROLES]   # most figures are printed once


_CASH_ROLES = ("cash", "cash_and_equivalents", "cash_end", "cash_beginning")


def check_ties(ledger: Ledger) -> None:
    """Add equations tying each repeated figure to its most precise printing, and cash to the balance sheet."""
    groups = _money_cells(ledger)
    for (role, _period, _member, _unit), refs in groups:
        if refs[0].st == refs[-1].st:
            continue   # printed in one statement only (refs are in document order)
        alt = _SIGN_FREE.search(role[0]) is not None
        anchor = _consensus(ledger, refs, alt)
        other = ledger.statements[anchor.st]
        for r in refs:
            if r.st == anchor.st:
                continue
            ledger.add(_tie(ledger, r, anchor, alt, f"{other.title or other.key}"))
    _cash_ties(ledger, groups)
    _equity_ties(ledger)
    _usd_ties(ledger)


def _tie(ledger: Ledger, r: Ref, anchor: Ref, sign_free: bool, what: str) -> Equation:
    alts = [[Term(anchor, coef=-1.0)]] if sign_free else []
    return Equation("tie", r, [Term(anchor)], what, alternatives=alts, slack=_slack(ledger, r, anchor))


_HOME = ("balance_sheet", "income_statement", "comprehensive_income", "cash_flows", "equity_changes", "segments")


def _consensus(ledger: Ledger, refs: list[Ref], sign_free: bool) -> Ref:
    """The anchor: the most precise printing that another printing confirms, the primary statement first.

    A figure is printed a handful of times in a release; in a damaged file that repeats a table
    hundreds of times, only the first TIE_POOL printings confirm one another (keeps this linear).
    """
    pool = [(r, ledger.interval(r), ledger.scale(r) or 1.0, ledger.cell(r) is not None) for r in refs[:TIE_POOL]]

    def confirmed(a: Ref, anchor, a_scale: float) -> bool:
        return anchor is not None and any(
            r.st != a.st and target is not None and printed and _agree(target, scale, anchor, a_scale, sign_free)
            for r, target, scale, printed in pool)

    def home(a: Ref) -> int:
        sid = ledger.statements[a.st].id
        return _HOME.index(sid) if sid in _HOME else len(_HOME)
    return min(pool, key=lambda p: (not confirmed(p[0], p[1], p[2]), p[2], home(p[0]), p[0].st))[0]


def _agree(target, t_scale: float, anchor, a_scale: float, sign_free: bool) -> bool:
    """True when the tie of a printing (interval, scale) to an anchor would pass (what ledger.evaluate
    finds, without building the equation)."""
    slack = 0.5 * max(t_scale, a_scale) if t_scale != a_scale else 0.0   # as _slack
    lo, hi = target.lo - slack, target.hi + slack
    return overlaps(lo, hi, anchor.lo, anchor.hi) or (sign_free and overlaps(lo, hi, -anchor.hi, -anchor.lo))


def _slack(ledger: Ledger, a: Ref, b: Ref) -> float:
    """Half a unit more for the coarser figure when scales differ: summaries may truncate or plug."""
    sa, sb = ledger.scale(a) or 1.0, ledger.scale(b) or 1.0
    return 0.5 * max(sa, sb) if sa != sb else 0.0


def _months_before(end: dt.date, months: int) -> dt.date:
    """Month-end date `months` before the month-end `end`."""
    y, m = divmod(end.year * 12 + end.month - 1 - months, 12)
    first_next = dt.date(y + (m + 1) // 12, (m + 1) % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _cash_ties(ledger: Ledger, groups) -> None:
    """Cash at end (and at beginning) of the cash-flow period = balance-sheet cash at that date."""
    cash = {(p.end, member, unit): refs for ((role, *_), p, member, unit), refs in groups
            if role in ("cash", "cash_and_equivalents") and p.is_instant}
    for ((role, *_), p, member, unit), refs in groups:
        if role not in ("cash_end", "cash_beginning") or p.is_instant:
            continue
        date = p.end if role == "cash_end" else _months_before(p.end, p.months)
        anchors = cash.get((date, member, unit))
        if not anchors:
            continue
        anchor = min(anchors, key=lambda r: (ledger.scale(r) or 1.0, r.st))
        st = ledger.statements[anchor.st]
        for r in refs:
            what = f"cash and cash equivalents in the {st.title or st.key} at {Period(date).label()[6:]}"
            ledger.add(Equation("cash_tie", r, [Term(anchor)], what, slack=_slack(ledger, r, anchor)))


def _equity_ties(ledger: Ledger) -> None:
    """Opening and closing balances of each equity component = the balance-sheet line at that date."""
    sheets = [(si, st, _rows_by_name(st)) for si, st in enumerate(ledger.statements) if st.id == "balance_sheet"]
    for si, st in enumerate(ledger.statements):
        if st.id != "equity_changes":
            continue
        money = ledger.money(si)
        for i, row in enumerate(st.items):
            kind = {"equity_opening_balance": "opening", "equity_closing_balance": "closing"}.get(row.item)
            if kind is None:
                continue
            for col in st.columns:
                cell = row.cells.get(col.key)
                period = cell_period(col, cell)
                if cell is None or period is None or not col.member or money[col.key][i] is None:
                    continue
                date = period.end if period.is_instant or kind == "closing" else _months_before(period.end, period.months)
                target = _balance_line(ledger, sheets, col.member, date)
                if target is not None:
                    bs = ledger.statements[target.st]
                    what = f"the {bs.title or bs.key} line {bs.items[target.row].label} at {Period(date).label()[6:]}"
                    ledger.add(Equation("equity_tie", Ref(si, i, col.key), [Term(target)], what,
                                        slack=_slack(ledger, Ref(si, i, col.key), target)))


def _balance_line(ledger: Ledger, sheets, member: str, date: dt.date) -> Ref | None:
    """The balance-sheet cell for an equity component at a date: same label, or 'Total' = owners' equity."""
    name = L.clean(member)
    for si, st, by_name in sheets:
        for col in st.columns:
            if col.role != "value" or col.period is None or not col.period.is_instant or col.period.end != date:
                continue
            rows = by_name.get(name, [])
            if name == "total":
                rows = sorted({*rows, *by_name.get(_TOTAL_EQUITY, [])})
            if len(rows) == 1 and col.key in st.items[rows[0]].cells:
                return Ref(si, rows[0], col.key)
    return None


_TOTAL_EQUITY = ("item", "total_shareholders_equity")


def _rows_by_name(st) -> dict:
    """Row indices of a balance sheet by cleaned label (and by the owners'-equity item id)."""
    out: dict = {}
    for i, row in enumerate(st.items):
        out.setdefault(L.clean(row.label), []).append(i)
        if row.item == "total_shareholders_equity":
            out.setdefault(_TOTAL_EQUITY, []).append(i)
    return out


def _usd_ties(ledger: Ledger) -> None:
    """Each dollar figure = the yen figure of the same period at the stated convenience rate."""
    rate = usd_rate(ledger.release.text)
    if rate is None:
        return
    for si, st in enumerate(ledger.statements):
        usd_cols = [c for c in st.columns if c.unit == "USD" and c.role == "value"]
        for ucol in usd_cols:
            jcols = [c for c in st.columns if c.unit == "JPY" and c.role == "value"
                     and c.period == ucol.period and c.member == ucol.member]
            if len(jcols) != 1:
                continue
            jcol = jcols[0]
            money = ledger.money(si)[ucol.key]
            for i, row in enumerate(st.items):
                if ucol.key not in row.cells or jcol.key not in row.cells:
                    continue
                if money[i] is None and not (row.unit or "").endswith("/share"):
                    continue
                # Translations are made by the issuer from unrounded yen: one more dollar unit of slack.
                slack = rate * (ledger.scale(Ref(si, i, ucol.key)) or 1.0) * 10 ** -decimals_of(row.cells[ucol.key])
                ledger.add(Equation("usd", Ref(si, i, ucol.key), [Term(Ref(si, i, jcol.key))],
                                    f"the yen figure at JPY{rate:g} per US$1.00", target_coef=rate, slack=slack))
