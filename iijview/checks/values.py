"""Cell values as rounding intervals in yen (XBRL Calculations 1.1 style) and which cells are checkable."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import NamedTuple

from iijview.model import Cell, Column, Period, Statement

# Units whose cells take part in money checks; the rest (shares, per-share, %) are left out of sums.
MONEY_UNITS = ("JPY", "USD")
_DECIMALS = re.compile(r"\d[\d,]*\.(\d+)")
# Figures this large (or not finite: a corrupt correction) are beyond any release and beyond what a
# float holds exactly; they are treated as unreadable rather than summed.
MAX_FIGURE = 1e15


def is_figure(value: float | None) -> bool:
    """True for a value the checks can compute with: finite and of a size a release can print."""
    return value is not None and math.isfinite(value) and abs(value) < MAX_FIGURE


class Ref(NamedTuple):
    """Address of one cell in a release: statement index, row index, column key."""

    st: int
    row: int
    col: str


class Interval:
    """Closed interval [lo, hi] of values a printed figure may stand for (immutable)."""

    __slots__ = ("lo", "hi")

    def __init__(self, lo: float, hi: float):
        self.lo, self.hi = lo, hi

    def __repr__(self) -> str:
        return f"Interval(lo={self.lo!r}, hi={self.hi!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Interval) and (self.lo, self.hi) == (other.lo, other.hi)

    def __hash__(self) -> int:
        return hash((self.lo, self.hi))

    @property
    def mid(self) -> float:
        """Centre of the interval."""
        return (self.lo + self.hi) / 2

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def scaled(self, k: float) -> "Interval":
        """The interval multiplied by k (order kept for negative k)."""
        a, b = self.lo * k, self.hi * k
        return Interval(a, b) if a <= b else Interval(b, a)

    def absolute(self) -> "Interval":
        """Interval of |x| for x in this interval."""
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return Interval(-self.hi, -self.lo)
        return Interval(0.0, max(-self.lo, self.hi))

    def meets(self, other: "Interval") -> bool:
        """True when the two intervals share at least one value (with float slack)."""
        return overlaps(self.lo, self.hi, other.lo, other.hi)


def overlaps(lo: float, hi: float, lo2: float, hi2: float) -> bool:
    """True when [lo, hi] and [lo2, hi2] share at least one value (with float slack).

    The slack is a billionth of the larger midpoint (at least of 1.0). This runs for every candidate
    sum, so the slack is only worked out when the bare bounds do not already meet (bounds are finite:
    figures are below MAX_FIGURE and scales at most billions).
    """
    if lo <= hi2 and lo2 <= hi:
        return True
    eps = 1.0
    mid = abs(lo + hi) / 2
    if mid > eps:
        eps = mid
    mid = abs(lo2 + hi2) / 2
    if mid > eps:
        eps = mid
    eps *= 1e-9
    return lo <= hi2 + eps and lo2 <= hi + eps


ZERO = Interval(0.0, 0.0)


def decimals_of(cell: Cell) -> int:
    """Number of decimals printed in the cell's text (0 for whole numbers)."""
    text = cell.text or ""
    m = _DECIMALS.search(text) if "." in text else None
    return len(m.group(1)) if m else 0


def half_unit(cell: Cell) -> float:
    """Half of the last printed digit, in printed units."""
    return 0.5 * 10 ** (-decimals_of(cell))


def is_money_column(col: Column) -> bool:
    """True for value columns in yen or dollars (not changes, ratios or other units)."""
    return col.role == "value" and col.unit in MONEY_UNITS


def cell_period(col: Column, cell: Cell | None) -> Period | None:
    """Period of a cell: its own override, else its column's."""
    if cell is not None and cell.period is not None:
        return cell.period
    return col.period


def interval_of(cell: Cell | None, scale: float, unit: str = "JPY") -> Interval | None:
    """Interval of a cell in base units (yen or dollars); ZERO for nil or absent; None if unreadable.

    Dollar figures are convenience translations made one by one from yen, rounded or cut off,
    so they stand for a whole unit either side rather than half.
    """
    if cell is None:
        return ZERO
    if cell.status == "unreadable":
        return None
    value = cell.value
    if value is None:
        return ZERO if cell.status in ("nil", "parsed") else None
    if not (math.isfinite(value) and abs(value) < MAX_FIGURE):   # is_figure, inline: this runs for every cell
        return None
    h = (half_unit(cell) if "." in (cell.text or "") else 0.5) * (2 if unit.startswith("USD") else 1)
    if cell.status == "corrected":
        h = 0.0  # a user's correction is taken as exact
    return Interval((value - h) * scale, (value + h) * scale)


@dataclass(slots=True)   # one per cell of every money column: slots make them quick to build
class Money:
    """A yen or dollar cell: its unit, its base-unit scale and its interval (None when unreadable); never changed."""

    unit: str
    scale: float
    interval: Interval | None


def money_column(st: Statement, col: Column) -> list[Money | None]:
    """Each row's cell in `col` as money, or None where the row is not money there (shares, per share, %)."""
    if not is_money_column(col):
        return [None] * len(st.items)
    key, plain_unit, plain_scale = col.key, col.unit, float(col.scale or 1)
    blank = Money(plain_unit, plain_scale, ZERO)   # shared by the plain rows that print nothing here
    out: list[Money | None] = []
    for row in st.items:
        if row.is_heading:
            out.append(None)
            continue
        cell = row.cells.get(key)
        if row.unit is None and row.scale is None:   # most rows: the column's unit and scale
            if cell is None:
                out.append(blank)
                continue
            unit, scale = plain_unit, plain_scale
        else:
            unit, scale = st.unit_of(row, col)
            if unit not in MONEY_UNITS:
                out.append(None)
                continue
            scale = float(scale or 1)
        out.append(Money(unit, scale, ZERO if cell is None else interval_of(cell, scale, unit)))
    return out


def printed(value: float, cell: Cell | None) -> float:
    """Round a value in printed units to the decimals the cell shows (a non-finite value is returned as is)."""
    if not math.isfinite(value):
        return value
    d = decimals_of(cell) if cell is not None else 0
    r = round(value, d)
    return float(int(r)) if d == 0 else r
