"""Plain data model of a parsed release: periods, columns, cells, line items, statements, findings."""
from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Iterator

_first = itemgetter(0)

STATEMENT_IDS = (
    "balance_sheet", "income_statement", "comprehensive_income", "cash_flows",
    "equity_changes", "segments", "operating_summary", "segment_summary",
    "network_revenue", "contracts", "ebitda", "capex", "highlights", "targets",
    "dividends", "tse_summary",
)

STATEMENT_TITLES = {
    "balance_sheet": "Balance sheet",
    "income_statement": "Income statement",
    "comprehensive_income": "Comprehensive income",
    "cash_flows": "Cash flows",
    "equity_changes": "Changes in equity",
    "segments": "Segments",
    "operating_summary": "Operating results summary",
    "segment_summary": "Segment results summary",
    "network_revenue": "Network services revenue",
    "contracts": "Contracts and subscriptions",
    "ebitda": "Adjusted EBITDA",
    "capex": "CAPEX",
    "highlights": "Highlights",
    "targets": "Targets",
    "dividends": "Dividends",
    "tse_summary": "TSE summary",
}

FACT_COLUMNS = ["release", "statement", "label", "item", "column", "period_end", "months",
                "value", "scale", "unit", "line", "status"]

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fiscal_year(end: _dt.date) -> int:
    """Return IIJ's fiscal year (April-March) that contains the date: Mar 31, 2019 -> 2018."""
    return end.year if end.month >= 4 else end.year - 1


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: the balance at `end` (months == 0) or the `months` ending at `end`."""

    end: _dt.date
    months: int = 0
    forecast: bool = False

    @property
    def is_instant(self) -> bool:
        """True for a balance at a date."""
        return self.months == 0

    def label(self) -> str:
        """Human column heading, e.g. '9M to Dec 31, 2018' or 'As of Mar 31, 2018'."""
        day = f"{_MONTH_ABBR[self.end.month - 1]} {self.end.day}, {self.end.year}"
        if self.months == 0:
            text = f"As of {day}"
        elif self.months == 12:
            text = f"FY to {day}"
        else:
            text = f"{self.months}M to {day}"
        return text + (" (target)" if self.forecast else "")

    def fiscal_label(self) -> str:
        """IIJ's own short name: '1Q-3Q18', '1H17', '2H17', '2Q17', 'FY2018' or 'Mar-2018'; targets say so
        ('FY2018 target', '1H18 target')."""
        fy = fiscal_year(self.end) % 100
        quarter = {6: 1, 9: 2, 12: 3, 3: 4}.get(self.end.month)
        if self.months == 0 or quarter is None:
            return f"{_MONTH_ABBR[self.end.month - 1]}-{self.end.year}"
        if self.months == 12:
            name = f"FY{fiscal_year(self.end)}"
        elif self.months == 3:
            name = f"{quarter}Q{fy:02d}"
        elif self.months == 6 and quarter == 2:
            name = f"1H{fy:02d}"
        elif self.months == 6 and quarter == 4:
            name = f"2H{fy:02d}"
        else:
            name = f"{quarter - self.months // 3 + 1}Q-{quarter}Q{fy:02d}"
        return name + (" target" if self.forecast else "")


@dataclass(frozen=True)
class Column:
    """One value column of a table: a period (or none), a unit and scale, a role, a member."""

    key: str
    period: Period | None
    unit: str = "JPY"
    scale: int = 1
    role: str = "value"          # value | change | ratio
    member: str = ""             # dimension member (segment, equity component) or ""
    header: str = ""             # header text as printed

    def title(self) -> str:
        """Column heading for display."""
        parts = []
        if self.member:
            parts.append(self.member)
        if self.role == "change":
            parts.append(self.header or "Change")
        elif self.role == "ratio":
            parts.append(self.header or "% of revenues")
            if self.period:
                parts.append(self.period.label())
        elif self.period:
            parts.append(self.period.label())
        if self.unit == "USD" and self.role == "value":
            parts.append("(USD)")
        return " ".join(parts) or self.header or self.key


@dataclass(slots=True)
class Cell:
    """One value as printed: number with sign applied (unscaled), or None for nil/unreadable."""

    text: str
    value: float | None
    status: str = "parsed"       # parsed | nil | unreadable | corrected
    line: int = 0                # 1-based line in the source text
    start: int = -1              # character span in the source text (decoded, before normalising)
    end: int = -1
    period: Period | None = None  # overrides the column's period (e.g. balances in equity changes)
    original: float | None = None  # parsed value before a correction
    original_text: str = ""

    @property
    def is_nil(self) -> bool:
        """True when the release prints a dash for this cell."""
        return self.value is None and self.status == "nil"


@dataclass(slots=True)
class LineItem:
    """One row of a statement: label, canonical item id, section, level, total flag and cells."""

    label: str
    item: str = ""
    section: str = ""
    level: int = 0
    is_total: bool = False
    cells: dict[str, Cell] = field(default_factory=dict)
    line: int = 0
    unit: str | None = None      # overrides the column unit (per-share rows, share counts)
    scale: int | None = None
    is_heading: bool = False     # a label row without values ("CURRENT ASSETS:")
    raw_label: str = ""          # label text before cleaning
    inserted: bool = False       # added by the user, not in the release

    def key(self, occurrence: int = 0) -> str:
        """Stable identity of the row within its statement."""
        return f"{self.section}/{self.label}#{occurrence}"


@dataclass
class Statement:
    """One table of a release: its id, title, columns and ordered line items."""

    id: str
    key: str
    title: str
    columns: list[Column] = field(default_factory=list)
    items: list[LineItem] = field(default_factory=list)
    line: int = 0                 # heading line
    end_line: int = 0

    def column(self, key: str) -> Column:
        """Return the column with this key."""
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    def item_keys(self) -> list[str]:
        """Stable keys of all rows, in order (duplicates numbered)."""
        seen: dict[str, int] = {}
        keys = []
        for it in self.items:
            base = f"{it.section}/{it.label}"
            n = seen.get(base, 0)
            seen[base] = n + 1
            keys.append(it.key(n))
        return keys

    def find(self, item: str) -> LineItem | None:
        """First row with this canonical item id."""
        return next((it for it in self.items if it.item == item), None)

    def unit_of(self, row: LineItem, col: Column) -> tuple[str, int]:
        """Unit and scale of one cell: the row's override, else the column's (a per-cent column is always
        per cent, and a dollar column keeps its own scale unless the row is per share or a count)."""
        if col.unit == "%":
            return "%", 1
        if col.unit == "USD" and row.unit is None:
            return "USD", col.scale
        unit = row.unit or col.unit
        scale = row.scale if row.scale is not None else col.scale
        if row.unit == "JPY/share" and col.unit == "USD":
            unit = "USD/share"
        return unit, scale


@dataclass
class Finding:
    """Something about the document: a parse problem or a failed check, with where it is."""

    rule: str
    message: str
    statement: str = ""           # statement key
    severity: str = "warning"     # info | warning | error
    line: int = 0
    period: Period | None = None
    expected: float | None = None
    found: float | None = None
    difference: float | None = None
    labels: list[str] = field(default_factory=list)
    cells: list[tuple[int, str]] = field(default_factory=list)  # (row index, column key)
    suggestion: dict | None = None  # {"label", "value", optional "row", "column", "insert_after"}


@dataclass(frozen=True, slots=True)
class Place:
    """Where the text [start, end) was in the original file: a box on a PDF page, or an HTML table cell
    (1-based table, row and cell) or element."""

    start: int
    end: int
    page: int = 0                 # 1-based PDF page; 0 when not a PDF
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # x0, top, x1, bottom: points from top left
    table: int = 0                # 1-based HTML table; 0 for text outside tables
    row: int = 0
    cell: int = 0
    element: str = ""             # HTML element path of text outside tables ("body/div[2]/p[3]")


@dataclass
class Original:
    """The PDF or HTML file a release's text was read from, and where each stretch of that text was in it."""

    kind: str                     # pdf | html
    places: list[Place] = field(default_factory=list)   # in text order, not overlapping
    page_sizes: list[tuple[float, float]] = field(default_factory=list)  # PDF: width, height in points
    ocr_pages: list[int] = field(default_factory=list)  # PDF pages whose text came from OCR

    def places_in(self, start: int, end: int) -> list[Place]:
        """The places that the text [start, end) overlaps, in text order."""
        places = self.places
        i = bisect.bisect_right(places, start, key=lambda p: p.end)
        out = []
        while i < len(places) and places[i].start < max(end, start + 1):
            out.append(places[i])
            i += 1
        return out


@dataclass
class Release:
    """A parsed release file: source, metadata, statements and findings."""

    path: str
    text: str
    sha256: str = ""
    company: str = "Internet Initiative Japan Inc."
    fiscal_period: Period | None = None
    standard: str = ""            # "U.S. GAAP" | "IFRS"
    standard_basis: str = ""      # how the standard was told: stated | statements | fiscal year
    layout: str = ""              # web | ocr | converted | slides | newswire | sec filing | text (+ " excerpt")
    statements: list[Statement] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    check_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    original: Original | None = None  # the PDF or HTML the text was read from (None for a text file)

    @property
    def name(self) -> str:
        """File name of the source."""
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    def statement(self, key: str) -> Statement:
        """Statement with this key (first with this id if the key is an id)."""
        for st in self.statements:
            if st.key == key:
                return st
        for st in self.statements:
            if st.id == key:
                return st
        raise KeyError(key)

    def iter_cells(self) -> Iterator[tuple[Statement, int, LineItem, Column, Cell]]:
        """Every cell of every statement, in document order."""
        for st in self.statements:
            # each row's own cells, put in column order (a damaged table may have thousands of columns
            # and a few cells a row: rows x columns would be the cost)
            where: dict[str, list[tuple[int, Column]]] = {}
            for n, col in enumerate(st.columns):
                where.setdefault(col.key, []).append((n, col))
            for i, row in enumerate(st.items):
                found = sorted(((n, col, cell) for key, cell in row.cells.items() for n, col in where.get(key, ())),
                               key=_first)
                for _n, col, cell in found:
                    yield st, i, row, col, cell

    @property
    def facts(self):
        """One row per value as a pandas DataFrame with FACT_COLUMNS (built column by column: what is
        the same for a whole release, statement or column is worked out once)."""
        import pandas as pd

        out: dict[str, list] = {c: [] for c in FACT_COLUMNS}
        (release, statement, label, item, column, period_end, months, value, scale, unit, line,
         status) = (out[c] for c in FACT_COLUMNS)
        statuses = {"corrected": "corrected", "unreadable": "unreadable"}
        dates: dict[Period, str] = {}
        n = 0
        for st in self.statements:
            info = []
            for col in st.columns:
                member, ratio = col.member, col.role == "ratio"
                if col.role == "change":
                    member = (member + " " if member else "") + "change"
                elif ratio:
                    member = (member + " " if member else "") + "% of revenues"
                info.append((col, member, ratio))
            for row in st.items:
                cells = row.cells
                for col, member, ratio in info:
                    cell = cells.get(col.key)
                    if cell is None:
                        continue
                    n += 1
                    statement.append(st.id)
                    label.append(row.label)
                    item.append(row.item)
                    column.append(member)
                    period = cell.period or col.period
                    if period is None:
                        period_end.append("")
                        months.append("")
                    else:
                        end = dates.get(period)
                        if end is None:
                            end = dates[period] = period.end.isoformat()
                        period_end.append(end)
                        months.append(period.months)
                    value.append(cell.value)
                    u, sc = ("%", 1) if ratio else st.unit_of(row, col)
                    scale.append(sc)
                    unit.append(u)
                    line.append(cell.line)
                    status.append(statuses.get(cell.status, "parsed"))
        if not n:
            return pd.DataFrame([], columns=FACT_COLUMNS)
        release.extend([self.name] * n)
        return pd.DataFrame(out, columns=FACT_COLUMNS)
