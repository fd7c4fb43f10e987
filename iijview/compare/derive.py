"""Discrete quarters and halves derived from cumulative figures of one fiscal year and one standard.

Q1 = 6M - Q2, Q2 = 6M - Q1, Q3 = 9M - 6M, Q4 = FY - 9M, 2H = FY - 1H, always from printed
figures (a derived value is never an input). Balances, share counts, per-share figures and ratios
are never derived; a missing input leaves the cell empty. A derived value that is also printed
checks the printed one.
"""
from __future__ import annotations

from iijview.compare.cells import DERIVED, PRINTED, Check, CompareCell, agree
from iijview.compare.periods import column_key, fiscal_period
from iijview.model import Period, fiscal_year

# (target, plus, minus) as (end month, months) within one fiscal year.
RULES = (
    ((6, 3), (9, 6), (9, 3)),      # Q1 = 1H - Q2
    ((9, 3), (9, 6), (6, 3)),      # Q2 = 1H - Q1
    ((12, 3), (12, 9), (9, 6)),    # Q3 = 9M - 1H
    ((3, 3), (3, 12), (12, 9)),    # Q4 = FY - 9M
    ((3, 6), (3, 12), (9, 6)),     # 2H = FY - 1H
)
DERIVABLE_UNITS = ("JPY",)


def derivable(key: str, unit: str, never: frozenset[str]) -> bool:
    """True for money flows: not balances, share counts, per-share figures, ratios or counts."""
    return unit in DERIVABLE_UNITS and key.split("@", 1)[0] not in never


def derive(cells: dict[tuple[str, str], CompareCell], periods: dict[str, tuple[Period, str]],
           row_keys: list[str]) -> dict[tuple[str, str], CompareCell]:
    """Derived cells for periods nobody printed; printed cells that could be derived get a check.

    `cells` maps (row key, column key) to printed cells; `periods` maps column keys to
    (period, standard); only the given row keys are derived. Returns the new derived cells.
    """
    wanted = set(row_keys)
    index: dict[tuple, CompareCell] = {}
    years: set[tuple[str, str, int]] = set()
    for (key, ck), cell in cells.items():
        if key not in wanted or cell.kind != PRINTED or cell.value is None:
            continue
        period, standard = periods[ck]
        if period.forecast or period.months == 0:
            continue
        fy = fiscal_year(period.end)
        index[(key, standard, fy, period.end.month, period.months)] = cell
        years.add((key, standard, fy))
    out: dict[tuple[str, str], CompareCell] = {}
    for key, standard, fy in years:
        for target, plus_at, minus_at in RULES:
            plus = index.get((key, standard, fy) + plus_at)
            minus = index.get((key, standard, fy) + minus_at)
            if plus is None or minus is None:
                continue
            value = plus.value - minus.value
            precision = max(plus.precision, minus.precision)
            half = plus.half + minus.half
            formula = (f"{fiscal_period(fy, *plus_at).fiscal_label()} \u2212 "
                       f"{fiscal_period(fy, *minus_at).fiscal_label()}")
            ck = column_key(fiscal_period(fy, *target), standard)
            printed = cells.get((key, ck))
            if printed is not None and printed.kind == PRINTED and printed.value is not None:
                ok = agree(printed.value, printed.half, printed.precision, value, half, precision)
                printed.check = Check(value, precision, formula, ok)
            elif (key, ck) not in out:
                out[(key, ck)] = CompareCell(value, precision, DERIVED, formula=formula,
                                             inputs=(plus, minus), half=half)
    return out


def derived_periods(cells: dict[tuple[str, str], CompareCell]) -> set[str]:
    """Column keys that hold at least one derived cell."""
    return {ck for (_k, ck), c in cells.items() if c.kind == DERIVED}
