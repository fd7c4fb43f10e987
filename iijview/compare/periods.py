"""Period kinds of a comparison (quarters, halves, nine months, years, balances, targets) and column order."""
from __future__ import annotations

import datetime as _dt

from iijview.model import Period, Release, fiscal_year

PERIOD_KINDS = ("quarters", "halves", "9m", "fy", "balances", "targets", "all")
KIND_TITLES = {
    "quarters": "Quarters (three months)",
    "halves": "Half years (six months)",
    "9m": "Nine months",
    "fy": "Fiscal years",
    "balances": "Balances at a date",
    "targets": "Targets",
    "all": "All periods",
}
STANDARDS = ("U.S. GAAP", "IFRS")
IFRS_FROM = 2019   # IIJ reports under IFRS from FY2019 (April 2019)


def period_kind(p: Period) -> str:
    """The kind of a period: one of PERIOD_KINDS except 'all'."""
    if p.forecast:
        return "targets"
    return {0: "balances", 3: "quarters", 6: "halves", 9: "9m", 12: "fy"}.get(p.months, "other")


def in_kind(p: Period, kind: str) -> bool:
    """True when a period belongs to the chosen kind ('all' takes every period)."""
    return kind == "all" or period_kind(p) == kind


def standard_rank(standard: str) -> int:
    """Order of accounting standards in time: U.S. GAAP, then IFRS, then anything else."""
    return STANDARDS.index(standard) if standard in STANDARDS else len(STANDARDS)


def standard_of(release: Release) -> tuple[str, bool]:
    """(standard, inferred): the release's own, else IIJ's history (U.S. GAAP to FY2018, IFRS after)."""
    if release.standard:
        return release.standard, False
    p = release.fiscal_period
    if p is None:
        return "", True
    return ("IFRS" if fiscal_year(p.end) >= IFRS_FROM else "U.S. GAAP"), True


def release_order_key(release: Release, index: int) -> tuple:
    """Sort key of releases in the order they were published: period end, length, then name."""
    p = release.fiscal_period
    end = p.end if p is not None else _dt.date.min
    return (end, p.months if p is not None else 0, release.name, index)


def column_key(p: Period, standard: str) -> str:
    """Stable key of a comparison column: the period and the standard it is reported under."""
    return f"{p.end.isoformat()}/{p.months}{'/target' if p.forecast else ''}/{standard}"


def column_order(p: Period, standard: str) -> tuple:
    """Columns run by standard first (one change of basis), then in time order, longer periods first."""
    return (standard_rank(standard), standard, p.end, -p.months, p.forecast)


def year_earlier(p: Period) -> Period:
    """The same period one year before (Feb 29 becomes Feb 28)."""
    try:
        end = p.end.replace(year=p.end.year - 1)
    except ValueError:
        end = p.end.replace(year=p.end.year - 1, day=28)
    return Period(end, p.months, p.forecast)


def month_end(year: int, month: int) -> _dt.date:
    """The last day of a month."""
    nxt = _dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - _dt.timedelta(days=1)


def fiscal_period(fy: int, end_month: int, months: int) -> Period:
    """The period of IIJ's fiscal year `fy` that ends in `end_month` and lasts `months`."""
    year = fy + 1 if end_month <= 3 else fy
    return Period(month_end(year, end_month), months)
