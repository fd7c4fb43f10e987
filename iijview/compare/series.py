"""Chart series of a comparison: chosen rows over its period columns, placed on a time axis, one line
per period length (and targets apart from actuals), split where the standard changes or periods are
missing."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from iijview.compare.cells import DERIVED, PRINTED
from iijview.compare.table import Comparison
from iijview.compare.units import caption, shown
from iijview.model import Period

LENGTH_NAMES = {3: "3 months", 6: "6 months", 9: "9 months", 12: "Fiscal year", 0: "Balances"}
SLACK_DAYS = 20      # month ends differ by up to three days a month; a missing period is ~90 days


@dataclass
class Point:
    """One value of a series: its x position (the period's end as a day number), value and how it
    was obtained."""

    x: float
    value: float
    period: str
    standard: str
    kind: str = PRINTED          # printed | derived | ratio
    restated: bool = False
    corrected: bool = False


@dataclass
class Series:
    """One chosen row over the periods of one length; segments never join two accounting standards
    nor run across a missing period."""

    key: str
    label: str
    unit: str                    # 'JPY millions', '%', 'JPY/share'
    axis: str = "left"           # left | right (percentages beside amounts)
    points: list[Point] = field(default_factory=list)
    group: str = ""              # '3 months', '9 months', 'Fiscal year', 'Targets', ...
    step_days: int = 366         # how far apart consecutive periods of this length are

    @property
    def segments(self) -> list[list[Point]]:
        """Runs of points under one standard with no period of the length missing between them."""
        out: list[list[Point]] = []
        for p in self.points:
            last = out[-1][-1] if out else None
            if last is not None and last.standard == p.standard and p.x - last.x <= self.step_days:
                out[-1].append(p)
            else:
                out.append([p])
        return out


@dataclass
class ChartData:
    """What a chart shows: period names in time order, series, and where the standard changes."""

    periods: list[str]
    standards: list[str]
    series: list[Series]
    boundaries: list[float]      # day numbers where the next standard's periods begin
    changes: list[str] = field(default_factory=list)   # 'U.S. GAAP \u2192 IFRS' for each boundary

    @property
    def groups(self) -> list[str]:
        """The period lengths charted, in legend order."""
        return list(dict.fromkeys(s.group for s in self.series))


def day_number(day: _dt.date) -> float:
    """The x position of a date (days since year 1, as pyqtgraph wants a float)."""
    return float(day.toordinal())


def period_start(p: Period) -> _dt.date:
    """The first day of a period (the date itself for a balance)."""
    if p.months == 0:
        return p.end
    month = p.end.month - p.months + 1 + 12 * 3    # +36 keeps the modulo positive
    return _dt.date(p.end.year + (month - 1) // 12 - 3, (month - 1) % 12 + 1, 1)


def length_group(p: Period) -> tuple[int, str, int]:
    """(order, legend name, days between consecutive periods) of a period's length.

    Targets are their own group: a forecast joined to actuals would read as a result.
    """
    name = LENGTH_NAMES.get(p.months, f"{p.months} months")
    # Quarters and halves follow each other; nine months and years come once a year.
    step = 12 if p.months == 0 or 12 % p.months or p.months == 12 else p.months
    if p.forecast:
        return 100 + p.months, "Targets" if p.months == 12 else f"Targets ({name.lower()})", 366
    return p.months if p.months else 50, name, step * 31 + SLACK_DAYS


def chart_data(comp: Comparison, rows: list[int], mode: str = "millions") -> ChartData:
    """Series of the given row indexes over the comparison's period columns (computed ones left out).

    "All periods" holds three-month, nine-month and full-year figures and targets; one line through
    them all would zig-zag between lengths. An analyst reads a trend within one length, so every
    row gets one series per length (targets apart), placed by period end on a time axis, and the
    chart tells the lengths apart by colour or line style. Choosing one length (the default of the
    most frequent) would hide what the table beside it shows.
    """
    cols = [c for c, col in enumerate(comp.columns) if col.is_period and col.period is not None]
    periods = [comp.columns[c].title for c in cols]
    standards = [comp.columns[c].standard for c in cols]
    boundaries, changes = [], []
    for x, c in enumerate(cols):
        col = comp.columns[c]
        if col.boundary and x > 0:
            newer = [comp.columns[k].period for k in cols[x:] if comp.columns[k].standard == col.standard]
            boundaries.append(day_number(min(period_start(p) for p in newer)))
            changes.append(f"{standards[x - 1] or 'unknown'} \u2192 {col.standard or 'unknown'}")
    out = []
    for r in rows:
        row = comp.rows[r]
        if row.heading:
            continue
        unit = "%" if row.kind == "ratio" else row.unit
        by_group: dict[tuple, Series] = {}
        for x, c in enumerate(cols):
            cell = comp.cell(r, c)
            if cell is None or cell.value is None:
                continue
            period = comp.columns[c].period
            order, name, step = length_group(period)
            s = by_group.setdefault((order, name), Series(row.key, row.label, caption(unit, mode),
                                                          group=name, step_days=step))
            value = shown(cell.value, cell.precision, unit, mode)
            s.points.append(Point(day_number(period.end), value, periods[x], standards[x], cell.kind,
                                  cell.restated, cell.corrected))
        for _key, s in sorted(by_group.items(), key=lambda kv: kv[0]):
            # Columns run by standard first, then time: a line runs through one standard's periods
            # and the next standard's (restated comparatives overlapping in time) start a new one.
            s.points.sort(key=lambda p: (standards.index(p.standard), p.x))
            out.append(s)
    units = {s.unit for s in out}
    if len(units) > 1:
        # Percentages (margins) go on a second axis beside the amounts.
        for s in out:
            if s.unit == "%":
                s.axis = "right"
    return ChartData(periods, standards, out, boundaries, changes)


__all__ = ["ChartData", "Series", "Point", "chart_data", "day_number", "length_group", "period_start",
           "DERIVED", "PRINTED"]
