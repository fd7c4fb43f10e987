"""Canonical row keys of a statement's lines, and the row layout of a comparison.

A row key is the canonical item id ('operating_income'), qualified by a segment or another
dimension member where the line is one member's figure ('total_revenues@segment_nw_si'); a line
with no canonical id keeps its own label ('label:guarantee deposits'); the second different
printing of a key in one table is 'key#2'. Manual mappings replace a
key by another row's key.
"""
from __future__ import annotations

from dataclasses import dataclass

from iijview.compare.knowledge import Knowledge
from iijview.model import LineItem, Statement
from iijview.parse.labels import canonical_item, clean_label, label_key

LABEL_PREFIX = "label:"
HEADING_PREFIX = "heading:"
MEMBER_SEP = "@"
REPEAT_SEP = "#"


@dataclass
class CompareRow:
    """A row: a canonical line (or a heading, or a ratio) with the label of its newest printing."""

    key: str
    label: str
    level: int = 0
    total: bool = False
    heading: bool = False
    unit: str = ""
    kind: str = "line"               # line | heading | ratio


def label_row_key(label: str) -> str:
    """The key of a line that maps to no canonical item: its label in matching form."""
    return LABEL_PREFIX + label_key(clean_label(label))


def with_member(key: str, member: str) -> str:
    """A row key qualified by a dimension member ('' = the consolidated whole)."""
    return f"{key}{MEMBER_SEP}{member}" if member else key


def member_id(statement_id: str, name: str, kn: Knowledge) -> str:
    """The canonical id of a matrix column member ('' for the consolidated whole)."""
    if not name or name.strip().lower() in kn.whole_members:
        return ""
    item = canonical_item(statement_id, name, "")
    return item or "m:" + label_key(clean_label(name))


def _parent(items: list[LineItem], i: int) -> LineItem | None:
    """The nearest line above row i at a lower level (its parent in the printed hierarchy)."""
    level = items[i].level
    for j in range(i - 1, -1, -1):
        if items[j].level < level:
            return items[j]
    return None


def _measure(items: list[LineItem], i: int, kn: Knowledge) -> str:
    """What a segment line measures: revenues or operating income, from its section or parent."""
    row = items[i]
    parent = _parent(items, i)
    if parent is not None and parent.item in ("total_revenues", "operating_income"):
        return parent.item
    context = " ".join(x for x in (row.section, parent.label if parent is not None else "") if x)
    for pattern, item in kn.member_measures:
        if pattern.search(context):
            return item
    return kn.default_measure


def base_keys(st: Statement, kn: Knowledge) -> list[str | None]:
    """Per row: its key before matrix members (None for heading rows)."""
    out: list[str | None] = []
    member = ""
    for i, row in enumerate(st.items):
        if row.is_heading:
            out.append(None)
            continue
        item = row.item
        if item in kn.member_items:
            member = item
            out.append(with_member(_measure(st.items, i, kn), item))
        elif item in kn.member_parts and member:
            out.append(with_member(item, member))
        else:
            member = ""
            out.append(item or label_row_key(row.label or row.raw_label))
    return _number_repeats(st.items, out)


def _number_repeats(items: list[LineItem], keys: list[str | None]) -> list[str | None]:
    """A key printed again in one table with other figures is its k-th printing: 'key#k'.

    A repeat with the same figures (IFRS prints 'Profit for the period' again as the total of
    its attribution) is the same line. Tables that print a key once line up with the first.
    """
    first: dict[str, int] = {}
    count: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key is None:
            continue
        if key not in first:
            first[key], count[key] = i, 1
            continue
        if _same_figures(items[first[key]], items[i]):
            continue
        count[key] += 1
        keys[i] = f"{key}{REPEAT_SEP}{count[key]}"
    return keys


def _same_figures(a: LineItem, b: LineItem) -> bool:
    """True when two rows print the same value in every column they share."""
    return all(a.cells[k].value == b.cells[k].value for k in a.cells.keys() & b.cells.keys())


def column_members(st: Statement, kn: Knowledge) -> dict[str, str]:
    """Column key -> member id for matrix tables (segment or equity-component columns)."""
    return {col.key: member_id(st.id, col.member, kn) for col in st.columns if col.member}


def mapped(key: str, mappings: dict[str, str]) -> str:
    """The key after the user's manual mappings (followed to the end, never in a loop)."""
    seen = {key}
    while key in mappings:
        key = mappings[key]
        if key in seen:
            break
        seen.add(key)
    return key


def merge_layouts(layouts: list[list[CompareRow]]) -> list[CompareRow]:
    """One row order from several releases' layouts, newest first.

    The newest layout gives the order and hierarchy; a row only older releases print goes
    right after the row it follows there, or just before the first known row it precedes.
    """
    if not layouts:
        return []
    merged = list(layouts[0])
    keys = [r.key for r in merged]
    placed = set(keys)
    for layout in layouts[1:]:
        at = -1
        pending: list[CompareRow] = []
        for info in layout:
            if info.heading:
                continue   # headings come from the newest layout only
            if info.key in placed:
                at = keys.index(info.key)
                if pending:
                    merged[at:at] = pending
                    keys[at:at] = [p.key for p in pending]
                    at += len(pending)
                    pending = []
                continue
            placed.add(info.key)
            if at < 0:
                pending.append(info)
                continue
            at += 1
            merged.insert(at, info)
            keys.insert(at, info.key)
        merged.extend(pending)
        keys.extend(p.key for p in pending)
    return merged
