"""The comparison table: canonical rows of one statement kind, periods of every release as columns."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from iijview.compare.cells import CHANGE, DERIVED, PERCENT, PRINTED, RATIO, CompareCell, merge_printed
from iijview.compare.computed import change_cell, percent_cell, ratio_cell
from iijview.compare.derive import derivable, derive
from iijview.compare.figures import Figure, gather
from iijview.compare.knowledge import knowledge
from iijview.compare.periods import (PERIOD_KINDS, STANDARDS, column_key, column_order, in_kind,
                                     period_kind, standard_rank, year_earlier)
from iijview.compare.rows import HEADING_PREFIX, CompareRow, merge_layouts
from iijview.model import STATEMENT_IDS, STATEMENT_TITLES, Finding, Period, Release

VIEWS = ("all", "latest")
VIEW_TITLES = {"all": "All periods of this kind", "latest": "Latest vs the same period a year earlier"}


@dataclass(frozen=True)
class CompareOptions:
    """What to compare and how."""

    statement: str = "income_statement"
    periods: str = "all"             # one of PERIOD_KINDS
    view: str = "all"                # all | latest
    first_reported: bool = False     # across releases the first printing wins (default: the last)
    ratios: bool = True              # margin rows where revenues and the margin lines exist
    changes: tuple[tuple[str, str], ...] = ()   # (base column key, new column key) pairs
    derive: bool = True
    empty_rows: bool = False         # keep rows with no figure in the columns shown


@dataclass
class CompareColumn:
    """A column: a period under one standard, or a change between two such columns."""

    key: str
    title: str
    standard: str = ""
    period: Period | None = None
    kind: str = "period"             # period | change | percent
    boundary: bool = False           # first column after a change of accounting standard
    derived: bool = False            # no release prints this period: every cell is derived
    base: str = ""                   # change and percent columns: the columns compared
    new: str = ""

    @property
    def is_period(self) -> bool:
        """True for period columns (not computed ones)."""
        return self.kind == "period"


@dataclass
class Comparison:
    """The built comparison: rows, columns and cells, plus what it found on the way."""

    options: CompareOptions
    releases: list[Release]
    rows: list[CompareRow]
    columns: list[CompareColumn]
    cells: dict[tuple[str, str], CompareCell]
    period_columns: list[CompareColumn] = field(default_factory=list)   # every period, unfiltered
    findings: list[Finding] = field(default_factory=list)
    inferred_standard: set[int] = field(default_factory=set)

    def cell(self, r: int, c: int) -> CompareCell | None:
        """The cell at row r, column c (both 0-based), or None."""
        return self.cells.get((self.rows[r].key, self.columns[c].key))

    def row_index(self, key: str) -> int:
        """Index of a row key, or -1."""
        return next((i for i, row in enumerate(self.rows) if row.key == key), -1)

    def column_index(self, key: str) -> int:
        """Index of a column key, or -1."""
        return next((i for i, col in enumerate(self.columns) if col.key == key), -1)

    def column(self, key: str) -> CompareColumn | None:
        """A column (shown or not) by key."""
        return next((c for c in self.columns + self.period_columns if c.key == key), None)

    def cell_unit(self, r: int, c: int) -> str:
        """Unit of a cell: '%' in percent columns and ratio rows, else the row's."""
        if self.columns[c].kind == "percent" or self.rows[r].kind == "ratio":
            return "%"
        return self.rows[r].unit

    @property
    def title(self) -> str:
        """'Income statement: all periods'."""
        return f"{STATEMENT_TITLES.get(self.options.statement, self.options.statement)}"


def statement_kinds(releases: list[Release]) -> list[str]:
    """The statement ids present in any of the releases, in the model's order."""
    present = {st.id for r in releases for st in r.statements}
    return [s for s in STATEMENT_IDS if s in present]


def build_comparison(releases: list[Release], options: CompareOptions | None = None,
                     mappings: dict[str, str] | None = None) -> Comparison:
    """Put the releases side by side for one statement kind (see CompareOptions)."""
    options = options or CompareOptions()
    if options.periods not in PERIOD_KINDS:
        raise ValueError(f"periods must be one of {', '.join(PERIOD_KINDS)}")
    kn = knowledge()
    got = gather(releases, options.statement, kn, mappings or {})
    groups: dict[tuple[str, str], list[Figure]] = {}
    periods: dict[str, tuple[Period, str]] = {}
    for f in got.figures:
        ck = column_key(f.period, f.standard)
        periods.setdefault(ck, (f.period, f.standard))
        groups.setdefault((f.key, ck), []).append(f)
    cells = {k: merge_printed(figs, options.first_reported, kn.is_sign_free(k[0]))
             for k, figs in groups.items()}
    rows = _rows(merge_layouts(got.layouts), got.figures)
    if options.derive:
        keys = [r.key for r in rows if derivable(r.key, r.unit, kn.never_derive)]
        derived = derive(cells, periods, keys)
        for (_key, ck), _cell in derived.items():
            if ck not in periods:
                period, standard = _period_of(ck)
                periods[ck] = (period, standard)
        cells.update(derived)
    all_columns = _period_columns(periods, cells)
    shown = [c for c in all_columns if in_kind(c.period, options.periods)]
    changes = list(options.changes)
    if options.view == "latest":
        shown, default = _latest_view(shown, all_columns, releases, options.periods)
        if default and default not in changes:
            changes.insert(0, default)
    columns = _mark_boundaries(shown)
    comp = Comparison(options, releases, rows, columns, cells, all_columns,
                      inferred_standard=got.inferred_standard)
    if options.ratios:
        _add_ratios(comp, kn.ratios)
    for base, new in changes:
        _add_change(comp, base, new)
    if not options.empty_rows:
        _drop_empty(comp)
    comp.findings = _findings(comp)
    return comp


def _rows(layout: list[CompareRow], figures: list[Figure]) -> list[CompareRow]:
    """Comparison rows from the merged layout; units from the figures where the layout has none."""
    units: dict[str, str] = {}
    for f in figures:
        units.setdefault(f.key, f.unit)
    for row in layout:
        row.unit = row.unit or units.get(row.key, "")
    return layout


def _period_of(ck: str) -> tuple[Period, str]:
    """Inverse of column_key (only needed for periods no release prints)."""
    import datetime as _dt

    end, months, *rest = ck.split("/")
    forecast = bool(rest) and rest[0] == "target"
    standard = rest[-1] if rest and not (forecast and len(rest) == 1) else ""
    return Period(_dt.date.fromisoformat(end), int(months), forecast), standard


def _period_columns(periods: dict[str, tuple[Period, str]],
                    cells: dict[tuple[str, str], CompareCell]) -> list[CompareColumn]:
    """Every period column in order, marking those that only derived cells fill."""
    printed = {ck for (_k, ck), c in cells.items() if c.kind == PRINTED}
    out = []
    for ck, (period, standard) in sorted(periods.items(), key=lambda kv: column_order(*kv[1])):
        out.append(CompareColumn(ck, period.fiscal_label(), standard, period, derived=ck not in printed))
    return out


def _latest_view(shown: list[CompareColumn], all_columns: list[CompareColumn], releases: list[Release],
                 kind: str) -> tuple[list[CompareColumn], tuple[str, str] | None]:
    """The latest period of the kind and the same period a year earlier, with their YoY change."""
    candidates = [c for c in shown if not c.derived]
    dated = [r.fiscal_period for r in releases if r.fiscal_period is not None]
    if kind == "all" and dated:
        kind = period_kind(max(dated, key=lambda p: (p.end, p.months)))
        candidates = [c for c in candidates if period_kind(c.period) == kind] or candidates
    if not candidates:
        return [], None
    latest = max(candidates, key=lambda c: (c.period.end, c.period.months, standard_rank(c.standard)))
    earlier = year_earlier(latest.period)
    prior = [c for c in all_columns if c.period == earlier]
    prior.sort(key=lambda c: (c.standard != latest.standard, c.derived))
    if not prior:
        return [latest], None
    return [prior[0], latest], (prior[0].key, latest.key)


def _mark_boundaries(columns: list[CompareColumn]) -> list[CompareColumn]:
    """Mark the first column of each run under another accounting standard."""
    out = []
    previous = None
    for col in columns:
        col = replace(col, boundary=previous is not None and col.standard != previous)
        previous = col.standard
        out.append(col)
    return out


def _add_ratios(comp: Comparison, ratios) -> None:
    """Margin rows after the last line, where the comparison has both of their rows."""
    keys = {r.key: r for r in comp.rows}
    added = []
    for ratio in ratios:
        num, den = keys.get(ratio.numerator), keys.get(ratio.denominator)
        if num is None or den is None:
            continue
        row = CompareRow(ratio.key, ratio.label, 0, unit="%", kind="ratio")
        for col in comp.period_columns:
            cell = ratio_cell(comp.cells.get((num.key, col.key)), comp.cells.get((den.key, col.key)),
                              num.label, den.label)
            if cell is not None:
                comp.cells[(row.key, col.key)] = cell
        added.append(row)
    if added:
        comp.rows.append(CompareRow("heading:ratios", "Ratios", 0, heading=True, kind="heading"))
        comp.rows.extend(added)


def _add_change(comp: Comparison, base_key: str, new_key: str) -> None:
    """A difference column and a % change column between two period columns."""
    base, new = comp.column(base_key), comp.column(new_key)
    if base is None or new is None or not base.is_period or not new.is_period:
        return
    b, n = _name(base), _name(new)
    change = CompareColumn(f"change:{base_key}>{new_key}", f"Change {n} vs {b}", kind="change",
                           base=base_key, new=new_key)
    pct = CompareColumn(f"percent:{base_key}>{new_key}", f"% change {n} vs {b}", kind="percent",
                        base=base_key, new=new_key)
    for row in comp.rows:
        if row.heading:
            continue
        bc, nc = comp.cells.get((row.key, base_key)), comp.cells.get((row.key, new_key))
        cell = change_cell(bc, nc, b, n, points=row.kind == "ratio")
        if cell is not None:
            comp.cells[(row.key, change.key)] = cell
        if row.kind != "ratio" and row.unit != "%":
            cell = percent_cell(bc, nc, b, n)
            if cell is not None:
                comp.cells[(row.key, pct.key)] = cell
    comp.columns.extend([change, pct])


def _name(col: CompareColumn) -> str:
    """A column's name in formulas: '3Q18', or '3Q18 (IFRS)' when the standard must be told."""
    return f"{col.title} ({col.standard})" if col.standard and col.standard != STANDARDS[0] else col.title


def _drop_empty(comp: Comparison) -> None:
    """Leave out lines with no figure in the columns shown, and headings left with no lines."""
    shown = {c.key for c in comp.columns}
    filled = {k for (k, ck) in comp.cells if ck in shown}
    rows = [r for r in comp.rows if r.heading or r.key in filled]
    out: list[CompareRow] = []
    for i, row in enumerate(rows):
        if row.heading:
            following = next((r for r in rows[i + 1:] if not r.heading or r.level <= row.level), None)
            if following is None or following.heading:
                continue
        out.append(row)
    comp.rows = out


def _findings(comp: Comparison) -> list[Finding]:
    """One finding per cell whose printings disagree inside one release or fail their derivation."""
    out = []
    labels = {r.key: r.label for r in comp.rows}
    for col in comp.period_columns:
        for row in comp.rows:
            cell = comp.cells.get((row.key, col.key))
            if cell is None or cell.kind != PRINTED:
                continue
            where = f"{labels.get(row.key, row.key)} {col.title} ({col.standard})"
            if cell.conflict:
                src = cell.source
                out.append(Finding("compare_conflict", f"{where}: tables of one release print "
                                   "different figures; the finest is shown.", statement=src.statement,
                                   period=col.period, line=0, labels=[row.label]))
            if cell.check is not None and not cell.check.agrees:
                out.append(Finding("derived_check", f"{where}: the printed figure differs from "
                                   f"{cell.check.formula} beyond rounding.", statement=cell.source.statement,
                                   period=col.period, expected=cell.check.value, found=cell.value,
                                   difference=(cell.value or 0) - cell.check.value, labels=[row.label]))
    return out


__all__ = ["CompareOptions", "CompareColumn", "CompareRow", "Comparison", "build_comparison",
           "statement_kinds", "VIEWS", "VIEW_TITLES", "HEADING_PREFIX", "CHANGE", "PERCENT",
           "DERIVED", "RATIO"]
