"""Hand-made releases for the export tests (a small helper module, no tests of its own)."""
from __future__ import annotations

import datetime as dt

from iijview.model import Cell, Column, Finding, LineItem, Period, Release, Statement

NINE_MONTHS_18 = Period(dt.date(2018, 12, 31), 9)
NINE_MONTHS_17 = Period(dt.date(2017, 12, 31), 9)
DEC_18 = Period(dt.date(2018, 12, 31))
MAR_18 = Period(dt.date(2018, 3, 31))


def cell(value, text=None, status="parsed", **kw) -> Cell:
    """A cell whose text defaults to the value printed with thousands separators."""
    if text is None:
        text = "-" if value is None else (f"{value:,}" if isinstance(value, int) else f"{value:,}")
    if value is None and status == "parsed":
        status = "nil"
    return Cell(text=text, value=value, status=status, **kw)


def row(label, values: dict, **kw) -> LineItem:
    """A line item from {column key: Cell or number or None}."""
    cells = {k: v if isinstance(v, Cell) else cell(v) for k, v in values.items()}
    return LineItem(label=label, cells=cells, **kw)


def income_statement() -> Statement:
    """A small income statement: two periods in thousands of yen, change, ratio, per-share row."""
    cols = [
        Column("p17", NINE_MONTHS_17, "JPY", 1000, header="1Q-3Q17"),
        Column("p18", NINE_MONTHS_18, "JPY", 1000, header="1Q-3Q18"),
        Column("chg", NINE_MONTHS_18, "JPY", 1000, role="change", header="YoY change"),
        Column("ratio", NINE_MONTHS_18, "%", 1, role="ratio"),
    ]
    items = [
        LineItem("REVENUES:", is_heading=True),
        row("Network services", {"p17": 82_000_123, "p18": 90_500_456, "chg": 8_500_333, "ratio": 64.9},
            level=1, section="revenues"),
        row("Systems integration", {"p17": 45_600_000, "p18": 48_900_000, "chg": 3_300_000,
                                    "ratio": 35.1}, level=1, section="revenues"),
        row("Equipment sales", {"p17": None, "p18": None, "chg": None, "ratio": None},
            level=1, section="revenues"),
        row("Total revenues", {"p17": 127_600_123, "p18": 139_400_456, "chg": 11_800_333,
                               "ratio": 100.0}, item="total_revenues", is_total=True, section="revenues"),
        row("Operating income", {"p17": 3_750_000, "p18": 5_100_000, "chg": 1_350_000, "ratio": 3.7},
            item="operating_income"),
        row("Other expense", {"p17": -120_500, "p18": -98_765, "chg": 21_735, "ratio": -0.1}),
        row("Net income attributable to IIJ", {"p17": 2_300_000, "p18": 3_100_000, "chg": 800_000,
                                               "ratio": 2.2}, item="net_income_attributable", is_total=True),
        row("Basic net income attributable to IIJ per share", {"p17": 51.08, "p18": 68.77},
            unit="JPY/share", scale=1),
    ]
    return Statement("income_statement", "income_statement",
                     "Consolidated Statements of Income", cols, items)


def balance_sheet() -> Statement:
    """A small balance sheet with a crafted label and a decimal row."""
    cols = [Column("mar18", MAR_18, "JPY", 1000), Column("dec18", DEC_18, "JPY", 1000)]
    items = [
        row("Cash and cash equivalents", {"mar18": 32_000_000, "dec18": 29_500_000}, level=1),
        row("=HYPERLINK(\"http://x\",\"y\")", {"mar18": 1, "dec18": 2}, level=1),
        row("+1+2", {"mar18": 3, "dec18": 4}, level=1),
        row("-5", {"mar18": 5, "dec18": 6}, level=1),
        row("@SUM(A1)", {"mar18": 7, "dec18": 8}, level=1),
        row("Total assets", {"mar18": 190_000_000, "dec18": 201_234_567}, item="total_assets",
            is_total=True),
        row("Backbone traffic", {"mar18": 3600.2, "dec18": cell(None, "3,6O0.7", status="unreadable")},
            unit="Gbps", scale=1),
    ]
    return Statement("balance_sheet", "balance_sheet", "Consolidated Balance Sheets", cols, items)


def make_release(name="2018-12_test.txt", *, standard="U.S. GAAP", period=NINE_MONTHS_18,
                 corrected=False, findings=True) -> Release:
    """A release with an income statement and a balance sheet, optionally a correction and a finding."""
    inc, bs = income_statement(), balance_sheet()
    if corrected:
        c = inc.items[2].cells["p18"]
        inc.items[2].cells["p18"] = Cell("48,950,000", 48_950_000, "corrected", line=c.line,
                                         original=48_900_000, original_text="48,900,000")
    release = Release(path=f"/data/{name}", text="", sha256="ab" * 32, fiscal_period=period,
                      standard=standard, layout="web", statements=[inc, bs])
    if findings:
        release.findings.append(Finding("sum", "Revenues do not add up to Total revenues.",
                                        statement="income_statement", expected=139_400_456,
                                        found=139_400_000, difference=-456,
                                        cells=[(4, "p18"), (1, "p18")]))
    return release


def ifrs_release() -> Release:
    """The same shapes a year later under IFRS (for the Summary boundary)."""
    release = make_release("2019-12_ifrs.txt", standard="IFRS", period=Period(dt.date(2019, 12, 31), 9),
                           findings=False)
    shift = {NINE_MONTHS_17: NINE_MONTHS_18, NINE_MONTHS_18: Period(dt.date(2019, 12, 31), 9),
             MAR_18: Period(dt.date(2019, 3, 31)), DEC_18: Period(dt.date(2019, 12, 31))}
    for st in release.statements:
        st.columns = [Column(c.key, shift.get(c.period, c.period), c.unit, c.scale, c.role, c.member, c.header)
                      for c in st.columns]
    return release
