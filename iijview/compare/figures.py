"""Gather every printed figure of a statement kind (and of the tables that back it) from releases."""
from __future__ import annotations

import math
from dataclasses import dataclass

from iijview.checks.values import decimals_of
from iijview.compare.knowledge import Knowledge
from iijview.compare.periods import release_order_key, standard_of
from iijview.compare.rows import (HEADING_PREFIX, LABEL_PREFIX, RowInfo, base_keys, column_members,
                                  mapped, with_member)
from iijview.model import Period, Release, Statement


@dataclass(slots=True)
class Figure:
    """One printed figure: where it is, its period and standard, its value in base units."""

    release: int          # index into the releases given
    rank: int             # publication order of its release (0 = oldest)
    statement: str        # statement key within the release
    st_index: int         # statement position in the release (document order)
    row: int              # row index in the statement
    column: str           # column key in the statement
    key: str              # comparison row key
    period: Period
    standard: str
    unit: str
    scale: float
    value: float          # in base units (yen, shares, ...); 0 for a nil cell
    precision: float      # size of the last printed digit in base units
    status: str           # parsed | nil | corrected
    text: str             # as printed (or as corrected)
    home: bool            # printed in a table of the compared kind itself
    label: str

    @property
    def half(self) -> float:
        """Half-width of the values this figure stands for (a user's correction is exact)."""
        return 0.0 if self.status == "corrected" else self.precision / 2


@dataclass
class Gathered:
    """Figures of a comparison and each release's row layout (newest release first)."""

    figures: list[Figure]
    layouts: list[list[RowInfo]]
    inferred_standard: set[int]      # releases whose standard was inferred from IIJ's history


def _figure_cells(st: Statement):
    """(row index, row, column, cell, period, unit, scale) of the value cells worth comparing."""
    value_cols = [c for c in st.columns if c.role == "value"]
    for i, row in enumerate(st.items):
        if row.is_heading:
            continue
        for col in value_cols:
            cell = row.cells.get(col.key)
            if cell is None or cell.status == "unreadable" or \
                    (cell.value is not None and not math.isfinite(cell.value)):
                continue
            period = cell.period or col.period
            if period is None:
                continue
            unit, scale = st.unit_of(row, col)
            if unit.startswith("USD"):
                continue   # convenience translations of the yen figures
            yield i, row, col, cell, period, unit, scale


def gather(releases: list[Release], kind: str, kn: Knowledge, mappings: dict[str, str]) -> Gathered:
    """Every figure of `kind` and its backing tables, and the printed row layouts."""
    order = sorted(range(len(releases)), key=lambda i: release_order_key(releases[i], i))
    rank = {r: n for n, r in enumerate(order)}
    backing = set(kn.backing.get(kind, ()))
    figures: list[Figure] = []
    backed: list[Figure] = []
    layouts: list[list[RowInfo]] = []
    inferred: set[int] = set()
    for r in reversed(order):
        release = releases[r]
        standard, guessed = standard_of(release)
        if guessed:
            inferred.add(r)
        layout: list[RowInfo] = []
        first_home = True
        for si, st in enumerate(release.statements):
            home = st.id == kind
            if not home and st.id not in backing:
                continue
            bases = base_keys(st, kn)
            members = column_members(st, kn)
            if home:
                layout.extend(_layout(st, bases, members, mappings, headings=first_home))
                first_home = False
            out = figures if home else backed
            for i, row, col, cell, period, unit, scale in _figure_cells(st):
                base = bases[i]
                if base is None or (not home and base.startswith(LABEL_PREFIX)):
                    continue
                key = mapped(with_member(base, members.get(col.key, "")), mappings)
                scale = float(scale or 1)
                corrected = cell.status == "corrected"
                value = cell.value
                out.append(Figure(
                    r, rank[r], st.key, si, i, col.key, key, period, standard, unit, scale,
                    0.0 if value is None else value * scale,
                    scale * 10.0 ** -decimals_of(cell),
                    "corrected" if corrected else ("nil" if value is None else "parsed"),
                    cell.text, home, row.label))
        if layout:
            seen: set[str] = set()
            layouts.append([info for info in layout if not (info.key in seen or seen.add(info.key))])
    keys = {f.key for f in figures}
    figures.extend(f for f in backed if f.key in keys)
    return Gathered(figures, layouts, inferred)


def _layout(st: Statement, bases: list[str | None], members: dict[str, str],
            mappings: dict[str, str], headings: bool) -> list[RowInfo]:
    """How one statement orders and indents its rows (matrix tables: member by member)."""
    value_cols = [c for c in st.columns if c.role == "value" and not c.unit.startswith("USD")]
    unit_of = {}
    for i, row in enumerate(st.items):
        col = next((c for c in value_cols if c.key in row.cells), None)
        if col is not None:
            unit_of[i] = st.unit_of(row, col)[0]
    groups: list[tuple[str, str, list]] = []
    if members:
        seen: dict[str, list] = {}
        for col in value_cols:
            m = members.get(col.key, "")
            if m not in seen:
                seen[m] = []
                groups.append((m, col.member, seen[m]))
            seen[m].append(col.key)
    else:
        groups.append(("", "", [c.key for c in value_cols]))
    out: list[RowInfo] = []
    for member, name, col_keys in groups:
        if member and headings:
            out.append(RowInfo(f"{HEADING_PREFIX}{st.key}/{member}", name, 0, heading=True))
        shift = 1 if member else 0
        for i, row in enumerate(st.items):
            if bases[i] is None:
                if headings and not member:
                    out.append(RowInfo(f"{HEADING_PREFIX}{st.key}/{i}/{row.label}", row.label,
                                       row.level, heading=True))
                continue
            if not any(k in row.cells for k in col_keys):
                continue
            key = mapped(with_member(bases[i], member), mappings)
            out.append(RowInfo(key, row.label, row.level + shift, row.is_total,
                               unit=unit_of.get(i, "")))
    return out
