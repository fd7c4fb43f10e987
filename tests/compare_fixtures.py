"""Hand-made releases for the comparison tests: small statements with our own numbers."""
from __future__ import annotations

import datetime as dt
import hashlib

from iijview.model import Cell, Column, LineItem, Period, Release, Statement
from iijview.parse.labels import canonical_item


def period(fy: int, end_month: int, months: int, forecast: bool = False) -> Period:
    """IIJ's period of fiscal year `fy` ending in `end_month` (March = the next calendar year)."""
    year = fy + 1 if end_month <= 3 else fy
    nxt = dt.date(year + end_month // 12, end_month % 12 + 1, 1)
    return Period(nxt - dt.timedelta(days=1), months, forecast)


def text_of(value: float | None, decimals: int = 0) -> str:
    """The value printed as a release would print it ('1,234', '(56)', '83.0', '-')."""
    if value is None:
        return "-"
    body = f"{abs(value):,.{decimals}f}"
    return f"({body})" if value < 0 else body


def statement(sid: str, periods: list[Period], rows: list[tuple], scale: int = 1000, unit: str = "JPY",
              key: str = "", members: list[str] | None = None) -> Statement:
    """A statement: rows are (label, values per column[, level, total, unit override, decimals]).

    The canonical item of each row comes from resources/items.json through the parser's own
    matcher, so the tests exercise the data too. With `members`, columns are matrix members of
    the first period (one column per member).
    """
    if members:
        cols = [Column(f"m{i}", periods[0], unit, scale, member=m) for i, m in enumerate(members)]
    else:
        cols = [Column(f"c{i}", p, unit, scale) for i, p in enumerate(periods)]
    st = Statement(sid, key or sid, sid.replace("_", " ").capitalize(), columns=cols)
    section = ""
    for n, spec in enumerate(rows):
        label, values = spec[0], spec[1]
        level = spec[2] if len(spec) > 2 else 0
        total = spec[3] if len(spec) > 3 else False
        row_unit = spec[4] if len(spec) > 4 else None
        decimals = spec[5] if len(spec) > 5 else 0
        if values is None:   # a heading
            st.items.append(LineItem(label, section=section, level=level, is_heading=True, line=n + 1))
            section = label
            continue
        item = canonical_item(sid, label, section)
        cells = {}
        for col, v in zip(cols, values):
            if v == "skip":
                continue
            cells[col.key] = Cell(text_of(v, decimals), v, "nil" if v is None else "parsed", line=n + 1)
        st.items.append(LineItem(label, item=item, section=section, level=level, is_total=total,
                                 cells=cells, line=n + 1, unit=row_unit,
                                 scale=1 if row_unit else None))
    return st


def release(name: str, fiscal: Period, standard: str, statements: list[Statement]) -> Release:
    """A release of hand-made statements (its text is a stand-in with a distinct hash)."""
    text = f"Hand-made release {name}\n"
    return Release(path=name, text=text, sha256=hashlib.sha256(text.encode()).hexdigest(),
                   fiscal_period=fiscal, standard=standard, layout="web", statements=statements)


# A U.S. GAAP nine-month release of FY2018 and an IFRS one of FY2019, in thousands of yen.
P9_17, P9_18, P9_19 = period(2017, 12, 9), period(2018, 12, 9), period(2019, 12, 9)
P3_17, P3_18, P3_19 = period(2017, 12, 3), period(2018, 12, 3), period(2019, 12, 3)


def gaap_9m_2018() -> Release:
    """U.S. GAAP labels, nine months and the third quarter of FY2018 with FY2017 beside them."""
    rows = [("REVENUES:", None),
            ("Network services", [60_000, 66_000], 1),
            ("Total revenues", [100_000, 110_000], 0, True),
            ("COSTS AND EXPENSES:", None),
            ("Total costs and expenses", [95_000, 104_000], 0, True),
            ("OPERATING INCOME", [5_000, 6_000], 0, True),
            ("Guarantee deposits received", [10, 20], 1),
            ("NET INCOME ATTRIBUTABLE TO INTERNET INITIATIVE JAPAN INC.", [3_000, 3_500], 0, True),
            ("BASIC NET INCOME PER SHARE (JPY)", [66.5, 77.25], 0, False, "JPY/share", 2)]
    q_rows = [("Total revenues", [34_000, 37_000], 0, True),
              ("OPERATING INCOME", [1_700, 2_100], 0, True)]
    return release("gaap-9m-fy2018.txt", P9_18, "U.S. GAAP", [
        statement("income_statement", [P9_17, P9_18], rows),
        statement("income_statement", [P3_17, P3_18], q_rows, key="income_statement:2")])


def ifrs_9m_2019() -> Release:
    """IFRS labels for the same lines, nine months of FY2019 with FY2018 (restated to IFRS) beside."""
    rows = [("Revenues", None),
            ("Network services", [66_000, 70_000], 1),
            ("Total revenues", [110_000, 120_000], 0, True),
            ("Operating profit", [6_200, 7_000], 0, True),
            ("Profit for the period attributable to owners of the parent", [3_600, 4_000], 0, True),
            ("Basic earnings per share (yen)", [79.1, 88.0], 0, False, "JPY/share", 2)]
    return release("ifrs-9m-fy2019.txt", P9_19, "IFRS", [
        statement("income_statement", [P9_18, P9_19], rows)])
