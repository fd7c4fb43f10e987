"""Sum checks: which lines each total covers, from headings and labels or else from the figures themselves."""
from __future__ import annotations

from itertools import islice
from operator import add, gt, le

from iijview.checks import labels as L
from iijview.checks.engine import Equation, Ledger, Term
from iijview.checks.levels import settle_levels
from iijview.checks.values import Interval, Ref, overlaps
from iijview.model import Statement

MAX_RUN = 25          # longest run of lines a total may cover when no heading or label says more
WINDOW = 96           # open lines and headings a total may reach back over (a statement's open part)
LOOKAHEAD = 24        # rows searched below a total printed above its parts
BUDGET = 4000         # search steps per total printed above its parts
RELEASE_STEPS = 10000  # search steps for all the totals of a release printed above their parts ...
STEPS_PER_ROW = 4      # ... plus this many per row (a release uses a few thousand: the search stays linear)


_NOTHING = (0.0, 0.0)   # what a line adds to a sum in a column it prints nothing in


class _Table:
    """Money vectors of one statement's rows, per value column."""

    def __init__(self, ledger: Ledger, si: int):
        self.ledger, self.si = ledger, si
        st: Statement = ledger.statements[si]
        self.st = st
        self.cols = cols = [c.key for c in st.columns if c.role == "value" and c.unit in ("JPY", "USD")]
        self.ivs: dict[int, list[Interval | None]] = {}   # per money row, its interval in each column
        self.kind: dict[int, str] = {}   # row -> "h" heading/barrier, "r" money row
        self.deduct: dict[int, bool] = {}   # per money row: an elimination, subtracted however printed
        # Per money row, one entry per column of self.cols: (lo, hi) it adds to a sum (deductions
        # already negated), or None when the row prints a figure there that cannot be read.
        self.adds: dict[int, list[tuple[float, float] | None]] = {}
        # Per money row, (index in self.cols, lo, hi) of each column it prints a readable value in.
        self.printed: dict[int, list[tuple[int, float, float]]] = {}
        money = ledger.money(si)
        columns = [money[c] for c in cols]
        positive = True
        for i, row in enumerate(st.items):
            cells = row.cells
            if row.is_heading or not cells:
                self.kind[i] = "h"
                continue
            deduct = L.is_deduction(row.label)
            ivs: list[Interval | None] = []
            adds: list[tuple[float, float] | None] = []
            printed: list[tuple[int, float, float]] = []
            money_here, negative = False, False   # a money figure printed; a value below zero
            for k, c in enumerate(cols):
                e = columns[k][i]   # Money or None
                iv = None if e is None else e.interval
                ivs.append(iv)
                if e is not None and c in cells:
                    money_here = True
                if iv is None:
                    adds.append(None if c in cells else _NOTHING)
                    continue
                if c in cells:
                    printed.append((k, iv.lo, iv.hi))
                if iv.lo < 0:
                    negative = True
                if deduct:
                    a = iv.absolute()
                    adds.append((-a.hi, -a.lo))
                else:
                    adds.append((iv.lo, iv.hi))
            if not money_here:
                self.kind[i] = "x"
                continue
            self.kind[i] = "r"
            self.deduct[i], self.ivs[i], self.adds[i], self.printed[i] = deduct, ivs, adds, printed
            positive = positive and not negative
        self.positive = positive
        if ledger.search_steps is None:
            ledger.search_steps = RELEASE_STEPS + STEPS_PER_ROW * sum(len(x.items) for x in ledger.statements)

    def target(self, total: int, need: int) -> list[tuple[int, float, float]] | None:
        """The total's printed figures to compare a run with, or None when no run can match it:
        fewer than `need` of them, or nothing but zeros."""
        target = self.printed[total]
        if len(target) < need or all(t_lo <= 0 <= t_hi for _k, t_lo, t_hi in target):
            return None
        return target

    def first_match(self, total: int, rows: list[int], lengths: list[int], need: int = 1) -> int | None:
        """The first length L in `lengths` whose last L `rows` add up to the total (see matches)."""
        target = self.target(total, need)
        if not lengths or target is None:
            return None
        wanted = set(lengths)
        sums = _sums(target)
        hits: set[int] = set()
        left = len(sums)   # columns not left out
        for length in range(1, min(max(wanted), len(rows)) + 1):
            left -= _add(sums, self.adds[rows[-length]])
            if left < need:
                break   # too few columns left to compare: no longer run can match
            if length in wanted and _meets_all(sums, need):
                hits.add(length)
        return next((length for length in lengths if length in hits), None)

    def matches(self, total: int, parts: list[int], need: int = 1) -> bool:
        """True when the parts add up to the total in every column both can be read in (at least `need`)."""
        return self.first_match(total, parts, [len(parts)], need) is not None


def _sums(target: list[tuple[int, float, float]]) -> list[list]:
    """Per column of the total: [index in the table's columns (None once left out), total's lo, hi,
    the run's sum lo, hi] (the run empty)."""
    return [[k, t_lo, t_hi, 0.0, 0.0] for k, t_lo, t_hi in target]


def _add(sums: list[list], adds: list) -> int:
    """Add a line's addends to the sums; return how many columns its unreadable figures leave out."""
    out = 0
    for column in sums:
        k = column[0]
        if k is not None:
            a = adds[k]
            if a is None:
                column[0] = None   # an unreadable figure: the column is left out from here on
                out += 1
            else:
                column[3] += a[0]
                column[4] += a[1]
    return out


def _meets_all(sums: list[list], need: int) -> bool:
    """The sums meet the total's interval in every readable column (at least `need`), one of them not zero."""
    compared, nonzero = 0, False
    for k, t_lo, t_hi, lo, hi in sums:
        if k is None:
            continue
        if not (lo <= t_hi and t_lo <= hi or overlaps(t_lo, t_hi, lo, hi)):
            return False
        compared += 1
        nonzero = nonzero or t_lo > 0 or t_hi < 0
    return compared >= need and nonzero


def _labelled_total(row) -> bool:
    # The label decides, not a parser's is_total flag: only a label can make a failure certain.
    return L.is_total_label(row.label)


def check_sums(ledger: Ledger, si: int) -> None:
    """Find every total's lines in statement si, add its sum equations and record the hierarchy found."""
    t = _Table(ledger, si)
    if not t.cols or not t.ivs:
        return
    parent: dict[int, int] = {}
    children: dict[int, list[int]] = {}
    pending: list[int] = []           # labelled totals whose lines are not found yet
    tentative: dict[int, list[int]] = {}  # labelled totals that failed under the heading they name
    open_ = _Open()
    multi = len(t.cols) >= 2
    for i, row in enumerate(t.st.items):
        kind = t.kind[i]
        if kind != "r":
            if kind == "h":
                open_.add("h", i)
            continue
        if _labelled_total(row):
            group = _find_group(t, i, open_, need=1)
            if group is not None:
                _take(i, group, open_, parent, children)
                _emit(ledger, t, i, group, False)
            else:
                group = _certain_group(t, i, open_)
                if group is None:
                    pending.append(i)
                else:
                    _take(i, group, open_, parent, children)
                    tentative[i] = group
        elif multi:
            group = _find_group(t, i, open_, need=2, min_len=2)
            if group is not None:
                _take(i, group, open_, parent, children)
                _emit(ledger, t, i, group, False)
        open_.add("r", i)
    _top_down(ledger, t, parent, children, pending)
    for i in sorted([*pending, *tentative]):
        if i in children and i not in tentative:
            continue
        group = _top_level_group(t, i, parent)
        if group is not None:
            for g in children.get(i, []):
                parent.pop(g, None)
            children[i] = group
            for g in group:
                parent[g] = i
            _emit(ledger, t, i, group, False)
        elif i in tentative:
            _emit(ledger, t, i, tentative[i], True)
        else:
            for c in t.cols:
                if c in t.st.items[i].cells:
                    ledger.add(Equation("sum", Ref(t.si, i, c), [], "its lines", known=False))
    ledger.parents[si] = dict(parent)
    settle_levels(t.st, parent, children, lambda i, g: i in t.ivs and all(k in t.ivs for k in g)
                  and t.matches(i, g, 1))


def _top_level_group(t: _Table, i: int, parent: dict[int, int]) -> list[int] | None:
    """A run of lines above row i that no other total claims and that adds up to it."""
    rows: list[int] = []
    for r in range(i - 1, max(-1, i - 1 - WINDOW), -1):
        if r in t.ivs and parent.get(r, i) == i:
            rows.append(r)
            if len(rows) == MAX_RUN:
                break
    rows.reverse()
    n = t.first_match(i, rows, list(range(2, len(rows) + 1)), 1)
    return rows[-n:] if n else None


class _Open:
    """The money lines no total has claimed yet and the headings among them, in print order."""

    def __init__(self):
        self.entries: list[tuple[str, int]] = []   # ("h", row): a heading; ("r", row): an open line
        self.rows = 0   # how many of the entries are lines

    def add(self, kind: str, i: int) -> None:
        """Append a heading ("h") or a line ("r")."""
        self.entries.append((kind, i))
        self.rows += kind == "r"
        if len(self.entries) > 2 * WINDOW:   # a total reaches back WINDOW entries at most: keep the scan short
            del self.entries[:-WINDOW]
            self.rows = sum(1 for k, _ in self.entries if k == "r")

    def take(self, group: list[int]) -> None:
        """Remove the lines a total has claimed."""
        members = set(group)
        self.entries = [(k, j) for k, j in self.entries if not (k == "r" and j in members)]
        self.rows = sum(1 for k, _ in self.entries if k == "r")


def _find_group(t: _Table, i: int, open_: _Open, need: int, min_len: int = 2) -> list[int] | None:
    """The run of open lines ending with the last one that adds up to total i, or None.

    Among the last WINDOW open entries, the runs are tried back to each heading (nearest first),
    then all open lines, then plain runs of min_len to MAX_RUN lines; when need > 1 no run is shorter
    than min_len. One pass from the last line back adds up every run at once.
    """
    target = t.target(i, need)
    if target is None or not open_.rows:
        return None
    shortest = min_len if need > 1 else 1   # of a run back to a heading, or of all open lines
    sums, left = _sums(target), len(target)
    rows: list[int] = []   # the open lines, last first
    by_heading = plain = None   # the first run back to a heading and the shortest plain run that add up
    meets = None   # whether the run of len(rows) lines adds up (None: not worked out yet)
    whole = True   # all open lines are summed (no column ran out)
    for kind, j in islice(reversed(open_.entries), WINDOW):
        n = len(rows)
        if kind == "h":
            if by_heading is None and n >= shortest:
                if meets is None:
                    meets = _meets_all(sums, need)
                if meets:
                    by_heading = n
            continue
        left -= _add(sums, t.adds[j])
        rows.append(j)
        n += 1
        if left < need:
            whole = False
            break   # too few columns left to compare: no longer run can match
        meets = None
        if plain is None and min_len <= n <= MAX_RUN:
            meets = _meets_all(sums, need)
            if meets:
                plain = n
        if n == open_.rows:
            break   # only headings are left: their run, all open lines, is tried next anyway
    n = by_heading
    if n is None and whole and len(rows) >= shortest:
        if meets is None:
            meets = _meets_all(sums, need)
        if meets:
            n = len(rows)
    if n is None:
        n = plain
    return rows[n - 1::-1] if n else None


def _certain_group(t: _Table, i: int, open_) -> list[int] | None:
    """The run under the heading this total names; only such a run may produce a failure."""
    label = t.st.items[i].label
    best, best_score = None, 0.0
    open_ = open_.entries[-WINDOW:]
    for k in range(len(open_) - 1, -1, -1):
        kind, h = open_[k]
        if kind != "h":
            continue
        score = L.heading_score(label, t.st.items[h].label)
        if score > best_score:
            g = [j for kd, j in open_[k + 1:] if kd == "r"]
            if g:
                best, best_score = g, score
        if L.is_bare_total(label) and best is not None:
            break
    return best


def _take(i, group, open_, parent, children):
    open_.take(group)
    children[i] = list(group)
    for g in group:
        parent[g] = i


def _emit(ledger: Ledger, t: _Table, i: int, group: list[int], certain: bool) -> None:
    """One sum equation per value column of the total row."""
    first, last = L.short(t.st.items[group[0]].label), L.short(t.st.items[group[-1]].label)
    what = (f"the sum of its {len(group)} lines ({first} … {last})" if len(group) > 1
            else f"its one line ({first})")
    missing = {"insert_after": group[-1], "group": list(group)} if certain else None
    items, si = t.st.items, t.si
    lines = [(g, t.deduct[g], items[g].cells) for g in group]   # eliminations are deductions however printed
    for c in t.cols:
        if c in items[i].cells:
            terms = [Term(Ref(si, g, c), 1.0, deduct) for g, deduct, cells in lines if c in cells]
            ledger.add(Equation("sum", Ref(si, i, c), terms, what, missing=missing))


def _top_down(ledger, t: _Table, parent, children, pending) -> None:
    """Totals printed above their parts (summary tables): search the lines below for a matching set."""
    involved = set(parent) | set(children)
    span_end: dict[int, int] = {}
    rows = [i for i in t.ivs if i not in involved]
    known: dict[tuple, dict] = {}   # the parts worked out so far, per set of columns searched
    for i in sorted(rows, reverse=True):
        labelled = i in pending
        if not labelled and len(t.cols) < 2 and not L.is_total_label(t.st.items[i].label):
            continue
        found = _search_below(t, i, involved, span_end, known)
        if found is None:
            continue
        known.clear()   # the lines found are no longer parts of another total
        kids, extra = found
        children[i] = kids
        for k in kids:
            parent[k] = i
        for sub, owner in extra:
            parent[sub] = owner
            children.setdefault(owner, [])
        span_end[i] = max([*kids, *(s for s, _ in extra), *(span_end.get(k, k) for k in kids)])
        _emit(ledger, t, i, kids, False)
        involved.update(kids)
        involved.update(s for s, _ in extra)
        involved.add(i)


def _part(t: _Table, j: int, ks: list[int], involved: set, span_end: dict, parts: dict) -> tuple | None:
    """Row j's addends (lo, hi) and sizes in columns ks, or None when it cannot be a part (kept in parts)."""
    if j in parts:
        return parts[j]
    parts[j] = None
    if t.kind.get(j) == "r" and not (j in involved and j not in span_end) and all(t.ivs[j][k] is not None for k in ks):
        adds, ivs = t.adds[j], t.ivs[j]
        parts[j] = ([adds[k][0] for k in ks], [adds[k][1] for k in ks], [abs(ivs[k].mid) for k in ks])
    return parts[j]


def _search_below(t: _Table, i: int, involved: set, span_end: dict, known: dict[tuple, dict]):
    """Depth-first search for children of row i among the rows below it ("of which" lines may be skipped).

    `known` keeps the parts worked out by earlier searches in the same columns while no search succeeds.
    """
    target = t.printed[i]
    if not target:
        return None
    ks = [k for k, _lo, _hi in target]
    budget = min(BUDGET, t.ledger.search_steps)
    parts: dict[int, tuple | None] = known.setdefault(tuple(ks), {})
    if budget and _part(t, i + 1, ks, involved, span_end, parts) is None:
        t.ledger.search_steps -= 1   # the search's one step: no line right below can be a part
        return None
    lows = [lo for _k, lo, _hi in target]
    highs = [hi for _k, _lo, hi in target]
    positive = t.positive
    steps = 0
    last_row = i + LOOKAHEAD

    def dfs(j, lo, hi, kids, extra, tested=False):
        # tested: the caller had the same sums and lines and found they neither match nor overshoot
        nonlocal steps
        steps += 1
        if steps > budget:
            return None
        if not tested and len(kids) >= 2 and all(map(overlaps, lows, highs, lo, hi)):
            return list(kids), list(extra)
        if j > last_row:
            return None
        p = parts[j] if j in parts else _part(t, j, ks, involved, span_end, parts)
        if p is None or (positive and not tested and any(map(gt, lo, highs))):
            return None
        res = dfs(span_end.get(j, j) + 1, list(map(add, lo, p[0])), list(map(add, hi, p[1])), kids + [j], extra)
        if res is not None:
            return res
        if kids and j not in span_end and all(map(le, p[2], parts[kids[-1]][2])):
            return dfs(j + 1, lo, hi, kids, extra + [(j, kids[-1])], True)
        return None

    try:
        zero = [0.0] * len(ks)
        return dfs(i + 1, zero, zero, [], [])
    finally:
        t.ledger.search_steps -= min(steps, budget)
