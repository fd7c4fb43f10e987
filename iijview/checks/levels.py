"""Which indentation and bold totals a statement shows: a hierarchy only where labels and figures agree."""
from __future__ import annotations

from typing import Callable

from iijview.checks import labels as L
from iijview.model import Statement

# Measures that are results of a calculation, never a part of another line's breakdown.
RESULTS = {"gross_profit", "operating_income", "income_before_tax", "net_income", "net_income_attributable",
           "comprehensive_income", "net_change_in_cash", "cash_end", "cash_beginning", "total_assets",
           "total_liabilities", "total_equity", "total_liabilities_and_equity", "total_revenues",
           "total_costs_and_expenses"}
# Longest run of indented lines tried as the parts of the total above them: each try sums the run,
# so trying every length of a damaged file's thousands of lines would take quadratic time.
MAX_OPENER_LINES = 96


def labels_agree(st: Statement, p: int, kids: list[int], has_kids: Callable[[int], bool]) -> bool:
    """True when the labels support reading row p as the sum of rows `kids`.

    They support it when the total says so ('Total ...', 'Net cash provided by ...', a trailing
    colon), when a line is an elimination (a segment sum), when a result ('Gross profit') follows
    the lines it is computed from, when the lines follow a line that is no result directly as its
    breakdown, or when it shares a significant word with at least half of its lines. A result
    ('Gross margin', 'Total cost of revenues') with no lines of its own is never a part of a line
    that is not a total. Figures that merely add up are not enough.
    """
    if not kids:
        return False
    row = st.items[p]
    says_total = L.is_total_label(row.label) or row.label.rstrip().endswith(":")
    result = L.role(row) in RESULTS
    if says_total:
        return True
    if any(not has_kids(k) and (L.is_total_label(st.items[k].label) or L.role(st.items[k]) in RESULTS)
           for k in kids) and not result:
        return False
    if any(L.is_deduction(st.items[k].label) for k in kids):
        return True
    if result:
        return max(kids) < p
    if min(kids) == p + 1:
        return True
    words = L.keywords(row.label)
    shared = sum(1 for k in kids if words & L.keywords(st.items[k].label))
    return bool(words) and 2 * shared >= len(kids)


def settle_levels(st: Statement, parent: dict[int, int], children: dict[int, list[int]],
                  adds_up: Callable[[int, list[int]], bool]) -> None:
    """Mark totals and set levels from the sums found in statement `st`, trusting only agreement.

    - A total the figures found is shown bold, and its lines indented where the text lost its
      indentation (all levels 0), only when the labels agree (labels_agree).
    - Lines the parser indented under a total printed above them (an 'opener', e.g. 'Total
      revenues' over its parts) keep that indentation only where the figures put them inside it.
    Levels are settled on the release as printed: once the user has edited the statement, the
    rows stay where they are, so an edit never moves lines.
    """
    if any(row.inserted for row in st.items) or \
            any(c.status == "corrected" for row in st.items for c in row.cells.values()):
        return
    kids_of: dict[int, list[int]] = {}
    for i, p in sorted(parent.items()):
        kids_of.setdefault(p, []).append(i)

    def has_kids(i: int) -> bool:
        return bool(kids_of.get(i))

    agreed = {p for p, kids in kids_of.items() if labels_agree(st, p, kids, has_kids)}
    for p, kids in children.items():
        if kids and p in agreed:
            st.items[p].is_total = True
    if any(row.level for row in st.items):
        # Only totals with lines of their own confirm an opener, not lines skipped as 'of which'.
        summed = {k: p for p, kids in children.items() for k in kids}
        _unindent_unconfirmed_openers(st, summed, adds_up)
        return
    for i in range(len(st.items)):
        depth, j = 0, i
        while j in parent and parent[j] in agreed and depth < 10:
            j = parent[j]
            depth += 1
        if depth:
            st.items[i].level = depth


def _unindent_unconfirmed_openers(st: Statement, parent: dict[int, int],
                                  adds_up: Callable[[int, list[int]], bool]) -> None:
    """Level 0 for rows indented under a preceding total unless the figures put them inside it:
    the sums found make the total their ancestor, or they are the run that adds up to it."""
    groups: dict[int, list[int]] = {}
    opener_rows: dict[str, int] = {}
    for i, row in enumerate(st.items):
        if row.is_heading:
            continue
        if row.is_total and not row.section and row.level == 0:
            opener_rows[row.label] = i
        elif row.level == 1 and row.section in opener_rows:
            groups.setdefault(opener_rows[row.section], []).append(i)
    for o, rows in groups.items():
        money = [i for i in rows if st.items[i].cells]
        keep = next((n for n in range(min(len(money), MAX_OPENER_LINES), 1, -1) if adds_up(o, money[:n])), 0)
        last = money[keep - 1] if keep else -1
        for i in rows:
            if i > last and not _descends(i, o, parent):
                st.items[i].level = 0


def _descends(i: int, o: int, parent: dict[int, int]) -> bool:
    """True when row o is an ancestor of row i in the hierarchy of sums."""
    for _ in range(10):
        if i not in parent:
            return False
        i = parent[i]
        if i == o:
            return True
    return False
