"""Equations between cells, their evaluation with rounding intervals, and the tally of results."""
from __future__ import annotations

from dataclasses import dataclass, field

from iijview.checks.values import (Interval, Money, Ref, cell_period, interval_of, money_column,
                                   overlaps, printed)
from iijview.model import Cell, Column, Finding, Release

PASS, FAIL, NA = "passed", "failed", "not_applicable"
_UNSEEN = object()   # a cell whose interval is not worked out yet (None: unreadable)


@dataclass(slots=True)   # made by the thousand: slots make them quicker to build and read
class Term:
    """One addend of an equation: a cell times coef, or minus its absolute value when deduct."""

    ref: Ref
    coef: float = 1.0
    deduct: bool = False


@dataclass(slots=True)
class Equation:
    """target * target_coef = sum(terms), with rounding tolerance; alternatives are other accepted sign conventions."""

    rule: str
    target: Ref
    terms: list[Term]
    what: str                                  # how the expected figure is made, for the message
    target_coef: float = 1.0
    alternatives: list[list[Term]] = field(default_factory=list)
    missing: dict | None = None                # {"label", "insert_after"}: a line whose absence explains a gap
    known: bool = True                         # False: the lines this total covers could not be told
    slack: float = 0.0                         # extra tolerance in base units (figures rounded by other means)
    status: str = ""
    expected: Interval | None = None
    found: Interval | None = None

    def refs(self) -> list[Ref]:
        """Every cell the equation reads, the target first."""
        refs = [self.target, *(t.ref for t in self.terms)]
        for terms in self.alternatives:
            refs += [t.ref for t in terms]
        return list(dict.fromkeys(refs))

    def signature(self) -> tuple:
        """Identity of the equation for de-duplication."""
        return self.target, tuple(sorted([(t.ref, t.coef, t.deduct) for t in self.terms]))


class Ledger:
    """All equations of one release, evaluated against its cells (optionally with trial values)."""

    def __init__(self, release: Release):
        self.release = release
        self.statements = release.statements
        self.equations: list[Equation] = []
        self._seen: set[tuple] = set()
        self.trial: dict[Ref, Interval] = {}
        self._scales: dict[Ref, float | None] = {}
        self._intervals: dict[Ref, Interval | None] = {}   # cells do not change while checks run
        self._columns: dict[int, dict[str, Column]] = {}
        self._money: dict[int, dict[str, list[Money | None]]] = {}
        self.search_steps: int | None = None      # left for the search of totals above their parts
        self.parents: dict[int, dict[int, int]] = {}   # statement index -> {row: row of its total}

    # -- cells -----------------------------------------------------------------------------
    def cell(self, ref: Ref) -> Cell | None:
        """The cell at ref, or None when the row has no value in that column."""
        return self.statements[ref.st].items[ref.row].cells.get(ref.col)

    def column(self, si: int, key: str) -> Column:
        """The column of statement si with this key (looked up in a table built once per statement)."""
        index = self._columns.get(si)
        if index is None:
            index = self._columns[si] = {}
            for col in self.statements[si].columns:
                index.setdefault(col.key, col)
        try:
            return index[key]
        except KeyError:
            raise KeyError(key) from None

    def money(self, si: int) -> dict[str, list[Money | None]]:
        """Per column key of statement si, each row's cell as Money (None: not money); worked out once
        per statement, since cells do not change while checks run."""
        table = self._money.get(si)
        if table is None:
            st = self.statements[si]
            table = self._money[si] = {}
            for col in st.columns:
                if col.key not in table:
                    table[col.key] = money_column(st, col)
        return table

    def scale(self, ref: Ref) -> float | None:
        """Base-unit scale of the cell at ref (None if not a money cell)."""
        if ref not in self._scales:
            self._scales[ref] = self._scale(ref)
        return self._scales[ref]

    def _scale(self, ref: Ref) -> float | None:
        money = self.money(ref.st)[ref.col][ref.row]
        if money is not None:
            return money.scale
        st = self.statements[ref.st]
        col = self.column(ref.st, ref.col)
        if col.role == "value":
            unit, printed_scale = st.unit_of(st.items[ref.row], col)
            if unit.endswith("/share"):
                return float(printed_scale or 1)  # per-share figures tie dollars to yen too
        return None

    def interval(self, ref: Ref) -> Interval | None:
        """Interval of the cell in base units; trial values win; None when unreadable."""
        if self.trial and ref in self.trial:
            return self.trial[ref]
        try:
            return self._intervals[ref]
        except KeyError:
            pass
        money = self.money(ref.st)[ref.col][ref.row]
        if money is not None:
            iv = money.interval
        else:
            scale = self.scale(ref)
            iv = None if scale is None else interval_of(self.cell(ref), scale, self.unit(ref))
        self._intervals[ref] = iv
        return iv

    def unit(self, ref: Ref) -> str:
        """Unit of the cell at ref (JPY, USD, JPY/share, ...)."""
        st = self.statements[ref.st]
        return st.unit_of(st.items[ref.row], self.column(ref.st, ref.col))[0]

    def interval_if(self, ref: Ref, value: float) -> Interval | None:
        """Interval the cell at ref would stand for if it printed `value` (same decimals)."""
        cell = self.cell(ref)
        scale = self.scale(ref)
        if cell is None or scale is None:
            return None
        return interval_of(Cell(text=cell.text, value=value), scale, self.unit(ref))

    def label(self, ref: Ref) -> str:
        """Label of the row at ref."""
        return self.statements[ref.st].items[ref.row].label

    def period(self, ref: Ref):
        """Period of the cell at ref."""
        st = self.statements[ref.st]
        return cell_period(self.column(ref.st, ref.col), self.cell(ref))

    # -- equations -------------------------------------------------------------------------
    def add(self, eq: Equation) -> bool:
        """Register an equation unless an identical one exists; True if added."""
        sig = eq.signature()
        if sig in self._seen:
            return False
        self._seen.add(sig)
        self.equations.append(eq)
        return True

    def _sum(self, terms: list[Term]) -> tuple[float, float] | None:
        """(lo, hi) of the sum of the terms, or None when a cell cannot be read."""
        lo = hi = 0.0
        known = {} if self.trial else self._intervals   # trial values win over what is known of the cells
        for t in terms:
            iv = known.get(t.ref, _UNSEEN)
            if iv is _UNSEEN:
                iv = self.interval(t.ref)
            if iv is None:
                return None
            k = t.coef
            if t.deduct:
                iv, k = iv.absolute(), -1.0
            a, b = iv.lo * k, iv.hi * k
            lo, hi = (lo + a, hi + b) if a <= b else (lo + b, hi + a)
        return lo, hi

    def evaluate(self, eq: Equation) -> str:
        """PASS, FAIL or NA for the equation under current values (and trial values)."""
        ref = eq.target
        target = self.interval(ref)
        if not eq.known or target is None or self.statements[ref.st].items[ref.row].cells.get(ref.col) is None:
            return NA
        if eq.target_coef != 1.0:
            target = target.scaled(eq.target_coef)
        found = self._sum(eq.terms)
        others = [self._sum(terms) for terms in eq.alternatives] if eq.alternatives else ()
        if found is None or None in others:
            return NA
        eq.found, eq.expected = target, Interval(*found)
        lo, hi = target.lo - eq.slack, target.hi + eq.slack
        return PASS if overlaps(lo, hi, *found) or any(overlaps(lo, hi, *s) for s in others) else FAIL

    def run(self) -> None:
        """Evaluate every equation and store its status."""
        for eq in self.equations:
            eq.status = self.evaluate(eq)

    def tally(self) -> dict[str, dict[str, int]]:
        """Counts of passed, failed and not applicable checks per statement key."""
        counts: dict[str, dict[str, int]] = {}
        for st in self.statements:
            counts.setdefault(st.key, {PASS: 0, FAIL: 0, NA: 0})
        for eq in self.equations:
            key = self.statements[eq.target.st].key
            counts.setdefault(key, {PASS: 0, FAIL: 0, NA: 0})[eq.status or NA] += 1
        return counts

    # -- findings --------------------------------------------------------------------------
    def _figures(self, eq: Equation) -> tuple[float, float, float]:
        """(found, expected, difference) of a failed equation, in the target's printed units."""
        ref = eq.target
        cell = self.cell(ref)
        scale = (self.scale(ref) or 1.0) * eq.target_coef
        found = cell.value if cell is not None and cell.value is not None else 0.0
        expected = printed(eq.expected.mid / scale, cell)
        return found, expected, printed(found - expected, cell)

    def difference(self, eq: Equation) -> float:
        """The difference a failed equation's finding reports (without writing the finding)."""
        return self._figures(eq)[2]

    def finding(self, eq: Equation) -> Finding:
        """The Finding for a failed equation, with figures in the target's printed units."""
        ref = eq.target
        st = self.statements[ref.st]
        cell = self.cell(ref)
        found, expected, diff = self._figures(eq)
        period = self.period(ref)
        when = f" ({period.label()})" if period else ""
        label = st.items[ref.row].label
        message = (f"{label} is {fmt(found)}{when}, but {eq.what} gives {fmt(expected)}: "
                   f"a difference of {fmt(diff)}.")
        refs = eq.refs()
        labels = []
        for r in refs:
            text = self.label(r)
            if r.st != ref.st:
                text = f"{self.statements[r.st].title or self.statements[r.st].key}: {text}"
            if text not in labels:
                labels.append(text)
        return Finding(rule=eq.rule, message=message, statement=st.key, severity="error",
                       line=cell.line if cell is not None else 0, period=period,
                       expected=expected, found=found, difference=diff, labels=labels,
                       cells=[(r.row, r.col) for r in refs if r.st == ref.st])


def fmt(x: float | None) -> str:
    """A figure the way releases print it: 1,234 or (1,234); decimals kept."""
    if x is None:
        return "n/a"
    text = f"{abs(x):,.0f}" if float(x).is_integer() else f"{abs(x):,.2f}".rstrip("0")
    return f"({text})" if x < 0 else text
