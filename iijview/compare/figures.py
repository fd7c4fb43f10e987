"""Gather every printed figure of a statement kind (and of the tables that back it) from releases."""
from __future__ import annotations

import math
from dataclasses import dataclass

from iijview.checks.values import decimals_of
from iijview.compare.knowledge import Knowledge
from iijview.compare.periods import release_order_key, standard_of
from iijview.compare.rows import (HEADING_PREFIX, LABEL_PREFIX, CompareRow, base_keys, column_members,
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
    layouts: list[list[CompareRow]]
    inferred_standard: set[int]      # releases whose standard was inferred from IIJ's history


def gather(releases: list[Release], kind: str, kn: Knowledge, mappings: dict[str, str]) -> Gathered:
    """Every figure of `kind` and its backing tables, and the printed row layouts.

    The compared kind's own tables are read first (they decide which rows there are); the
    backing tables then only give figures of those rows.
    """
    order = sorted(range(len(releases)), key=lambda i: release_order_key(releases[i], i))
    rank = {r: n for n, r in enumerate(order)}
    backing = set(kn.backing.get(kind, ()))
    figures: list[Figure] = []
    layouts: list[list[CompareRow]] = []
    inferred: set[int] = set()
    standards: dict[int, str] = {}
    for r in reversed(order):
        standards[r], guessed = standard_of(releases[r])
        if guessed:
            inferred.add(r)
        layout: list[CompareRow] = []
        for si, st in enumerate(releases[r].statements):
            if st.id == kind:
                bases, members = base_keys(st, kn), column_members(st, kn)
                layout.extend(_layout(st, bases, members, mappings, headings=not layout))
                _read(figures, releases, r, rank[r], si, standards[r], bases, members, mappings, None)
        if layout:
            seen: set[str] = set()
            layouts.append([info for info in layout if not (info.key in seen or seen.add(info.key))])
    keys = {f.key for f in figures}
    for r in reversed(order):
        for si, st in enumerate(releases[r].statements):
            if st.id in backing:
                _read(figures, releases, r, rank[r], si, standards[r], base_keys(st, kn),
                      column_members(st, kn), mappings, keys)
    return Gathered(figures, layouts, inferred)


def _read(out: list[Figure], releases: list[Release], r: int, rank: int, si: int, standard: str,
          bases: list[str | None], members: dict[str, str], mappings: dict[str, str],
          wanted: set[str] | None) -> None:
    """Append the value figures of one statement; a backing one (wanted given) only of those rows.

    Change and ratio columns, dollar translations, unreadable and non-finite cells are left out.
    """
    st = releases[r].statements[si]
    home = wanted is None
    cols = [c for c in st.columns if c.role == "value"]
    for i, row in enumerate(st.items):
        base = bases[i]
        if base is None or (not home and (base.startswith(LABEL_PREFIX) or
                                          (not members and not mappings and base not in wanted))):
            continue
        for col in cols:
            cell = row.cells.get(col.key)
            if cell is None or cell.status == "unreadable":
                continue
            value = cell.value
            if value is not None and not math.isfinite(value):
                continue
            period = cell.period or col.period
            if period is None:
                continue
            key = with_member(base, members.get(col.key, "")) if members else base
            if mappings:
                key = mapped(key, mappings)
            if not home and key not in wanted:
                continue
            unit, scale = st.unit_of(row, col)
            if unit.startswith("USD"):
                continue   # convenience translations of the yen figures
            scale = float(scale or 1)
            status = "corrected" if cell.status == "corrected" else ("nil" if value is None else "parsed")
            out.append(Figure(r, rank, st.key, si, i, col.key, key, period, standard, unit, scale,
                              0.0 if value is None else value * scale, scale * 10.0 ** -decimals_of(cell),
                              status, cell.text, home, row.label))


def _layout(st: Statement, bases: list[str | None], members: dict[str, str],
            mappings: dict[str, str], headings: bool) -> list[CompareRow]:
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
    out: list[CompareRow] = []
    for member, name, col_keys in groups:
        if member and headings:
            out.append(CompareRow(f"{HEADING_PREFIX}{st.key}/{member}", name, 0, heading=True, kind="heading"))
        shift = 1 if member else 0
        for i, row in enumerate(st.items):
            if bases[i] is None:
                if headings and not member:
                    out.append(CompareRow(f"{HEADING_PREFIX}{st.key}/{i}/{row.label}", row.label,
                                          row.level, heading=True, kind="heading"))
                continue
            if not any(k in row.cells for k in col_keys):
                continue
            key = mapped(with_member(bases[i], member), mappings)
            out.append(CompareRow(key, row.label, row.level + shift, row.is_total,
                               unit=unit_of.get(i, "")))
    return out
