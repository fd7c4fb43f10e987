"""Chart series of a comparison: chosen rows over its period columns, split where the standard changes."""
from __future__ import annotations

from dataclasses import dataclass, field

from iijview.compare.cells import DERIVED, PRINTED
from iijview.compare.table import Comparison
from iijview.compare.units import caption, shown


@dataclass
class Point:
    """One value of a series: its x position (period index), value and how it was obtained."""

    x: int
    value: float
    period: str
    standard: str
    kind: str = PRINTED          # printed | derived | ratio
    restated: bool = False
    corrected: bool = False


@dataclass
class Series:
    """One chosen row over the periods; segments never join two accounting standards."""

    key: str
    label: str
    unit: str                    # 'JPY millions', '%', 'JPY/share'
    axis: str = "left"           # left | right (percentages beside amounts)
    points: list[Point] = field(default_factory=list)

    @property
    def segments(self) -> list[list[Point]]:
        """Runs of consecutive points under one standard (a line breaks at a change of basis)."""
        out: list[list[Point]] = []
        for p in self.points:
            if out and out[-1][-1].standard == p.standard:
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
    boundaries: list[float]      # x positions between the last column of a standard and the next


def chart_data(comp: Comparison, rows: list[int], mode: str = "millions") -> ChartData:
    """Series of the given row indexes over the comparison's period columns (computed ones left out)."""
    cols = [c for c, col in enumerate(comp.columns) if col.is_period]
    periods = [comp.columns[c].title for c in cols]
    standards = [comp.columns[c].standard for c in cols]
    boundaries = [x - 0.5 for x, c in enumerate(cols) if comp.columns[c].boundary]
    out = []
    for r in rows:
        row = comp.rows[r]
        if row.heading:
            continue
        unit = "%" if row.kind == "ratio" else row.unit
        s = Series(row.key, row.label, caption(unit, mode))
        for x, c in enumerate(cols):
            cell = comp.cell(r, c)
            if cell is None or cell.value is None:
                continue
            value = shown(cell.value, cell.precision, unit, mode)
            s.points.append(Point(x, value, periods[x], standards[x], cell.kind, cell.restated,
                                  cell.corrected))
        if s.points:
            out.append(s)
    units = {s.unit for s in out}
    if len(units) > 1:
        # Percentages (margins) go on a second axis beside the amounts.
        for s in out:
            if s.unit == "%":
                s.axis = "right"
    return ChartData(periods, standards, out, boundaries)


__all__ = ["ChartData", "Series", "Point", "chart_data", "DERIVED", "PRINTED"]
