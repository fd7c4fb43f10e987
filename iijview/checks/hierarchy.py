"""Sum checks: which lines each total covers, from headings and labels or else from the figures themselves."""
from __future__ import annotations

from iijview.checks import labels as L
from iijview.checks.engine import Equation, Ledger, Term
from iijview.checks.levels import settle_levels
from iijview.checks.values import Interval, Ref, ZERO, money_scale
from iijview.model import Statement

MAX_RUN = 25          # longest run of lines a total may cover
LOOKAHEAD = 24        # rows searched below a total printed above its parts
BUDGET = 4000         # search steps per total printed above its parts


class _Table:
    """Money vectors of one statement's rows, per value column."""

    def __init__(self, ledger: Ledger, si: int):
        self.ledger, self.si = ledger, si
        st: Statement = ledger.statements[si]
        self.st = st
        self.cols = [c.key for c in st.columns if c.role == "value" and c.unit in ("JPY", "USD")]
        self.vec: dict[int, dict[str, Interval | None]] = {}
        self.kind: dict[int, str] = {}   # row -> "h" heading/barrier, "r" money row
        self.deduct = {i: L.is_deduction(row.label) for i, row in enumerate(st.items)}
        for i, row in enumerate(st.items):
            scales = {c: money_scale(st, row, st.column(c)) for c in self.cols}
            has_money = any(scales[c] is not None and c in row.cells for c in self.cols)
            if row.is_heading or not has_money:
                self.kind[i] = "h" if (row.is_heading or not row.cells) else "x"
                continue
            self.kind[i] = "r"
            self.vec[i] = {c: ledger.interval(Ref(si, i, c)) if scales[c] is not None else None
                           for c in self.cols}

    def present(self, i: int) -> list[str]:
        """Columns where row i prints a readable value."""
        row = self.st.items[i]
        return [c for c in self.cols if c in row.cells and self.vec[i].get(c) is not None]

    def matches(self, total: int, parts: list[int], need: int = 1) -> bool:
        """True when the parts add up to the total in every column both can be read in (at least `need`)."""
        compared, nonzero = 0, False
        for c in self.present(total):
            acc = ZERO
            for p in parts:
                iv = self.vec[p].get(c)
                if iv is None and c in self.st.items[p].cells:
                    acc = None
                    break
                iv = iv or ZERO
                acc = acc + (iv.absolute().scaled(-1.0) if self.deduct[p] else iv)
            if acc is None:
                continue
            t = self.vec[total][c]
            if not t.meets(acc):
                return False
            compared += 1
            nonzero = nonzero or t.lo > 0 or t.hi < 0
        return compared >= need and nonzero


def _labelled_total(row) -> bool:
    # The label decides, not a parser's is_total flag: only a label can make a failure certain.
    return L.is_total_label(row.label)


def check_sums(ledger: Ledger, si: int) -> None:
    """Find every total's lines in statement si, add its sum equations and record the hierarchy found."""
    t = _Table(ledger, si)
    if not t.cols or not t.vec:
        return
    parent: dict[int, int] = {}
    children: dict[int, list[int]] = {}
    pending: list[int] = []           # labelled totals whose lines are not found yet
    tentative: dict[int, list[int]] = {}  # labelled totals that failed under the heading they name
    open_: list[tuple[str, int]] = []
    multi = len(t.cols) >= 2
    for i, row in enumerate(t.st.items):
        kind = t.kind[i]
        if kind != "r":
            if kind == "h":
                open_.append(("h", i))
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
        open_.append(("r", i))
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
    settle_levels(t.st, parent, children, lambda i, g: i in t.vec and all(k in t.vec for k in g)
                  and t.matches(i, g, 1))


def _top_level_group(t: _Table, i: int, parent: dict[int, int]) -> list[int] | None:
    """A run of lines above row i that no other total claims and that adds up to it."""
    rows = [r for r in sorted(t.vec) if r < i and parent.get(r, i) == i]
    for n in range(2, min(len(rows), MAX_RUN) + 1):
        g = rows[-n:]
        if t.matches(i, g, 1):
            return g
    return None


def _groups(t: _Table, open_: list[tuple[str, int]], headings_only: bool, min_len: int):
    """Candidate runs above a total: back to each heading (nearest first), then plain suffixes."""
    seen = set()
    for k in range(len(open_) - 1, -1, -1):
        if open_[k][0] == "h":
            g = tuple(i for kind, i in open_[k + 1:] if kind == "r")
            if g and g not in seen:
                seen.add(g)
                yield list(g)
    rows = [i for kind, i in open_ if kind == "r"]
    whole = tuple(rows)
    if whole and whole not in seen:
        seen.add(whole)
        yield list(whole)
    if headings_only:
        return
    for n in range(min_len, min(len(rows), MAX_RUN) + 1):
        g = tuple(rows[-n:])
        if g not in seen:
            seen.add(g)
            yield list(g)


def _find_group(t, i, open_, need, headings_only=False, min_len=2):
    for g in _groups(t, open_, headings_only, min_len):
        if len(g) < min_len and need > 1:
            continue
        if t.matches(i, g, need):
            return g
    return None


def _certain_group(t: _Table, i: int, open_) -> list[int] | None:
    """The run under the heading this total names; only such a run may produce a failure."""
    label = t.st.items[i].label
    best, best_score = None, 0.0
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
    members = set(group)
    open_[:] = [(k, j) for k, j in open_ if not (k == "r" and j in members)]
    children[i] = list(group)
    for g in group:
        parent[g] = i


def _emit(ledger: Ledger, t: _Table, i: int, group: list[int], certain: bool) -> None:
    """One sum equation per value column of the total row."""
    first, last = L.short(t.st.items[group[0]].label), L.short(t.st.items[group[-1]].label)
    what = (f"the sum of its {len(group)} lines ({first} … {last})" if len(group) > 1
            else f"its one line ({first})")
    missing = {"insert_after": group[-1], "group": list(group)} if certain else None
    for c in t.cols:
        if c not in t.st.items[i].cells:
            continue
        terms = [_term(t, g, c) for g in group if c in t.st.items[g].cells]
        ledger.add(Equation("sum", Ref(t.si, i, c), terms, what, missing=missing))


def _term(t: _Table, g: int, c: str) -> Term:
    """A line as an addend: eliminations are deductions however they are printed."""
    return Term(Ref(t.si, g, c), deduct=L.is_deduction(t.st.items[g].label))


def _top_down(ledger, t: _Table, parent, children, pending) -> None:
    """Totals printed above their parts (summary tables): search the lines below for a matching set."""
    involved = set(parent) | set(children)
    span_end: dict[int, int] = {}
    rows = [i for i in t.vec if i not in involved]
    for i in sorted(rows, reverse=True):
        labelled = i in pending
        if not labelled and len(t.cols) < 2 and not L.is_total_label(t.st.items[i].label):
            continue
        found = _search_below(t, i, involved, span_end)
        if found is None:
            continue
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


def _search_below(t: _Table, i: int, involved: set, span_end: dict):
    """Depth-first search for children of row i among the rows below it ("of which" lines may be skipped)."""
    cols = t.present(i)
    if not cols:
        return None
    target = t.vec[i]
    n_rows = len(t.st.items)
    positive = all(iv is None or iv.lo >= 0 for v in t.vec.values() for iv in v.values())
    steps = [0]

    def ok(acc) -> bool:
        return all(target[c].meets(acc[c]) for c in cols)

    def dfs(j, acc, kids, extra):
        steps[0] += 1
        if steps[0] > BUDGET:
            return None
        if len(kids) >= 2 and ok(acc):
            return list(kids), list(extra)
        if j >= n_rows or j > i + LOOKAHEAD or t.kind.get(j) != "r" or (j in involved and j not in span_end):
            return None
        if positive and any(acc[c].lo > target[c].hi for c in cols):
            return None
        vec = t.vec[j]
        if any(vec.get(c) is None for c in cols):
            return None
        nxt = {c: acc[c] + (vec[c].absolute().scaled(-1.0) if t.deduct[j] else vec[c]) for c in cols}
        res = dfs(span_end.get(j, j) + 1, nxt, kids + [j], extra)
        if res is not None:
            return res
        if kids and j not in span_end:
            last = kids[-1]
            if all(abs(vec[c].mid) <= abs(t.vec[last][c].mid) for c in cols):
                return dfs(j + 1, acc, kids, extra + [(j, last)])
        return None

    return dfs(i + 1, {c: ZERO for c in cols}, [], [])

