"""Proposed repairs: a cell whose corrected value makes every check it is in pass, a missing line, a truncated cell."""
from __future__ import annotations

import math
import re

from iijview.checks.engine import FAIL, PASS, Equation, Ledger, Term
from iijview.checks.user_edits import fill_inserted, reverts, touched
from iijview.checks.values import Interval, Ref, is_figure, printed

TREASURY_LABEL = "Treasury stock"


def _others(eq: Equation, ref: Ref) -> tuple[list[Term], Term | None]:
    """The equation's terms other than ref, and ref's own term (None when ref is the target)."""
    own = next((t for t in eq.terms if t.ref == ref), None)
    return [t for t in eq.terms if t.ref != ref], own


def solve(ledger: Ledger, eq: Equation, ref: Ref) -> Interval | None:
    """Interval of base-unit values of ref that would satisfy the equation, others as printed."""
    others, own = _others(eq, ref)
    acc = Interval(0.0, 0.0)
    for t in others:
        iv = ledger.interval(t.ref)
        if iv is None:
            return None
        acc = acc + (iv.absolute().scaled(-1.0) if t.deduct else iv.scaled(t.coef))
    if ref == eq.target:
        return acc.scaled(1.0 / eq.target_coef)
    if own is None:
        return None
    target = ledger.interval(eq.target)
    if target is None:
        return None
    target = target.scaled(eq.target_coef)
    rest = Interval(target.lo - acc.hi, target.hi - acc.lo)
    if own.deduct:
        cell = ledger.cell(ref)
        sign = -1.0 if cell is not None and cell.value is not None and cell.value < 0 else 1.0
        return rest.scaled(-sign) if rest.hi <= 0 or rest.lo <= 0 else None
    return rest.scaled(1.0 / own.coef)


# Cells tried for a repair per release, in print order. A real release tries a few dozen; a damaged file
# with thousands of failed checks gets suggestions for its first failures only (each try runs the cell's
# typing slips through its checks: without a bound, one such file took seconds).
MAX_TRIES = 1000
# ... and the checks those cells are in, counted once per cell tried: a cell in hundreds of checks (a
# table repeated hundreds of times ties each figure to every copy) would otherwise cost seconds too.
MAX_CHECKS_TRIED = 20000


def propose(ledger: Ledger) -> dict[int, dict]:
    """Suggestions for failed equations, keyed by the equation's position in ledger.equations."""
    failed = [k for k, eq in enumerate(ledger.equations) if eq.status == FAIL]
    if not failed:
        return {}
    by_ref: dict[Ref, list[int]] = {}
    for k, eq in enumerate(ledger.equations):
        for r in eq.refs():
            by_ref.setdefault(r, []).append(k)
    candidates = []
    tries = checks_tried = 0
    for k in failed:
        eq = ledger.equations[k]
        for ref in eq.refs():
            tries += 1
            checks_tried += len(by_ref[ref])
            if tries > MAX_TRIES or checks_tried > MAX_CHECKS_TRIED:
                break
            cand = _try_cell(ledger, eq, ref, by_ref)
            if cand is not None:
                candidates.append(cand)
    out: dict[int, dict] = {}
    explained: set[int] = reverts(ledger, failed, out)
    candidates.sort(key=lambda c: -len(c[2]))
    repairs: dict[frozenset, set] = {}
    for ref, value, fixed in candidates:
        repairs.setdefault(fixed, set()).add((ref, value))
    for ref, value, fixed in candidates:
        if explained & fixed:
            continue
        if len(repairs[fixed]) > 1:
            continue  # two different repairs explain the same failures: say nothing
        st = ledger.statements[ref.st]
        sugg = {"label": st.items[ref.row].label, "value": value, "row": ref.row, "column": ref.col,
                "statement": st.key}
        for k in fixed:
            out[k] = sugg
        explained |= fixed
    _missing_lines(ledger, failed, explained, out)
    return out


def _try_cell(ledger: Ledger, eq: Equation, ref: Ref, by_ref) -> tuple | None:
    """(ref, value, fixed equations) when changing this one cell makes all its checks pass.

    A value one typing slip away from the printed figure is preferred; otherwise the value the
    failed check asks for is taken when another check the cell is in confirms it.
    """
    cell = ledger.cell(ref)
    scale = ledger.scale(ref)
    if cell is None or cell.value is None or cell.status != "parsed" or not scale:
        return None
    need = solve(ledger, eq, ref)
    if need is None:
        return None
    own = ledger.interval_if(ref, cell.value)
    half = (own.hi - own.lo) / 2 + eq.slack  # the slip's own rounding interval, plus the check's slack
    lo, hi = (need.lo - half) / scale, (need.hi + half) / scale
    slips = [v for v in typo_variants(cell.value) if lo - 1e-9 <= v <= hi + 1e-9]
    slips = [v for v in slips if _passes(ledger, ref, v, by_ref) is not None]
    slips.sort(key=lambda v: abs(v * scale - need.mid))
    if len(slips) > 1 and abs(slips[0] * scale - need.mid) == abs(slips[1] * scale - need.mid):
        return None  # two slips explain it equally well
    if slips:
        value = slips[0]
    else:
        value = printed(need.mid / scale, cell)
        if value == cell.value or not is_figure(value):
            return None
        passes = _passes(ledger, ref, value, by_ref)
        if passes is None or passes < 2:
            return None
    fixed = frozenset(k for k in by_ref[ref] if ledger.equations[k].status == FAIL)
    return ref, float(value), fixed


def _passes(ledger: Ledger, ref: Ref, value: float, by_ref) -> int | None:
    """How many of the cell's checks pass if it held `value`; None when any of them would fail."""
    ledger.trial[ref] = ledger.interval_if(ref, value)
    try:
        results = [ledger.evaluate(ledger.equations[k]) for k in by_ref[ref]]
    finally:
        del ledger.trial[ref]
        for k in by_ref[ref]:
            ledger.evaluate(ledger.equations[k])  # restore expected/found figures
    if any(v == FAIL for v in results):
        return None
    return sum(1 for v in results if v == PASS)


def typo_variants(value: float) -> list[int]:
    """Whole numbers one slip away: a digit changed, two neighbours swapped, a digit lost or doubled."""
    if not is_figure(value) or not float(value).is_integer():
        return []
    sign = -1 if value < 0 else 1
    d = str(int(abs(value)))
    out = set()
    for i in range(len(d)):
        head, rest, tail = d[:i], d[i:], d[i + 1:]
        out.update([head + c + tail for c in "0123456789"])
        out.update([head + c + rest for c in "0123456789"])
        out.add(head + tail)
        if i + 1 < len(d):
            out.add(d[:i] + d[i + 1] + d[i] + d[i + 2:])
    for c in "0123456789":
        out.add(d + c)
    out.discard(d)
    return sorted(sign * int(x) for x in out if x and not (len(x) > 1 and x[0] == "0"))


def _missing_lines(ledger: Ledger, failed: list[int], explained: set[int], out: dict[int, dict]) -> None:
    """A gap that every column of a total shows is a lost line: propose it with its value."""
    by_target_row: dict[tuple, list[int]] = {}
    for k, eq in enumerate(ledger.equations):
        if eq.missing is not None:
            by_target_row.setdefault((eq.target.st, eq.target.row, eq.rule), []).append(k)
    for key, ks in by_target_row.items():
        statuses = [ledger.equations[k].status for k in ks]
        if any(s == PASS for s in statuses) or not any(s == FAIL for s in statuses):
            fill_inserted(ledger, ks, explained, out)
            continue
        for k in ks:
            eq = ledger.equations[k]
            if eq.status != FAIL or k in explained or touched(ledger, k):
                continue
            gap = ledger.difference(eq)
            label = eq.missing.get("label")
            if label is None:
                total = ledger.statements[eq.target.st].items[eq.target.row].label.lower()
                label = TREASURY_LABEL if "equity" in total and gap < 0 else "Missing line"
            out[k] = {"label": label, "value": gap, "insert_after": eq.missing["insert_after"],
                      "column": eq.target.col, "statement": ledger.statements[eq.target.st].key}


def truncated_value(ledger: Ledger, ref: Ref, eqs: list[Equation]) -> float | None:
    """The one value an unreadable (truncated) cell can have, given its checks and its printed digits."""
    cell = ledger.cell(ref)
    scale = ledger.scale(ref)
    if cell is None or not scale:
        return None
    digits = re.sub(r"\D", "", cell.text or "")
    negative = bool(re.search(r"[(\-−△▲]", cell.text or ""))
    pool: set[int] | None = None
    for eq in eqs:
        if any(ledger.interval(r) is None for r in eq.refs() if r != ref):
            continue
        need = solve(ledger, eq, ref)
        if need is None or not is_figure(need.mid / scale):
            continue
        lo, hi = need.lo / scale - 0.5, need.hi / scale + 0.5
        exact = _same_scale(ledger, eq)
        found = set()
        if exact:
            found = {int(round(need.mid / scale))}
            found = {v for v in found if _fits(v, digits, negative)}
        else:
            found = _prefix_candidates(digits, negative, lo, hi)
        pool = found if pool is None else pool & found
    if pool is not None and len(pool) == 1:
        return float(next(iter(pool)))
    return None


def _same_scale(ledger: Ledger, eq: Equation) -> bool:
    scales = {ledger.scale(r) for r in eq.refs()}
    return len(scales) == 1 and eq.target_coef == 1.0 and all(abs(t.coef) == 1.0 for t in eq.terms)


def _fits(v: int, digits: str, negative: bool) -> bool:
    return bool(digits) and (v < 0) == negative and str(abs(v)).startswith(digits)


def _prefix_candidates(digits: str, negative: bool, lo: float, hi: float) -> set[int]:
    """Whole numbers that start with the printed digits (up to 3 lost) and lie in [lo, hi].

    Stops at the second one found (shorter numbers first, then ascending): one is an answer, two
    are none.
    """
    if not digits or not is_figure(float(digits)):
        return set()
    out: list[int] = []
    base = int(digits)
    # v is unsigned; the signed value -v (negative) or v must lie in [lo, hi].
    v_lo, v_hi = (-hi, -lo) if negative else (lo, hi)
    for k in range(4):
        start, width = base * 10 ** k, 10 ** k
        first, last = max(start, math.ceil(v_lo)), min(start + width - 1, math.floor(v_hi))
        for v in range(first, min(last, first + 1) + 1):
            out.append(-v if negative else v)
            if len(out) > 1:
                return set(out)
    return set(out)
