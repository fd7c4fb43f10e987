"""The checks' searches stay bounded on damaged input and give the same answers as the plain search."""
from __future__ import annotations

import random

from iijview.checks.repairs import _prefix_candidates
from iijview.checks.values import Interval, Ref
from iijview.loader import load_text


def _brute_prefix_candidates(digits: str, negative: bool, lo: float, hi: float) -> set[int]:
    out: set[int] = set()
    base = int(digits)
    for k in range(4):
        for v in range(base * 10 ** k, (base + 1) * 10 ** k):
            signed = -v if negative else v
            if lo <= signed <= hi:
                out.add(signed)
            if len(out) > 1:
                return out
    return out


def test_prefix_candidates_match_the_plain_search():
    rng = random.Random(15)
    for _ in range(3000):
        digits = str(rng.randrange(1, 99999))
        negative = rng.random() < 0.5
        centre = int(digits) * 10 ** rng.randrange(4) + rng.randrange(-50, 1200)
        centre = -centre if negative else centre
        width = rng.choice([0.4, 1, 3, 30, 5000])
        lo, hi = centre - width * rng.random(), centre + width * rng.random()
        assert _prefix_candidates(digits, negative, lo, hi) == \
            _brute_prefix_candidates(digits, negative, lo, hi), (digits, negative, lo, hi)


def test_interval_and_ref_behave_as_values():
    assert Interval(1.0, 2.0) == Interval(1.0, 2.0) and len({Interval(1.0, 2.0), Interval(1.0, 2.0)}) == 1
    assert Interval(-3.0, 2.0).absolute() == Interval(0.0, 3.0)
    assert Interval(1.0, 2.0).scaled(-2.0) == Interval(-4.0, -2.0)
    assert Ref(0, 1, "c") == Ref(0, 1, "c") and Ref(0, 1, "c").row == 1


def test_many_repeated_headings_and_totals_are_checked_in_bounded_steps():
    # 600 headings, each followed by two lines and a labelled total that does not add up:
    # every total may only look back over a bounded window of open lines.
    lines = ["Internet Initiative Japan Inc.", "CONSOLIDATED BALANCE SHEETS", "(Thousands of JPY)",
             "As of March 31, 2018\tAs of December 31, 2018"]
    for k in range(600):
        lines += ["CURRENT ASSETS:", f"Cash\t{k + 10:,}\t{k + 11:,}", f"Deposits\t{k + 20:,}\t{k + 21:,}",
                  f"Total current assets\t{k + 1000:,}\t{k + 1001:,}"]
    release = load_text("\n".join(lines) + "\n", "headings.txt")
    sheet = release.statements[0]
    assert len(sheet.items) >= 1800
    assert sum(release.check_counts[sheet.key].values()) >= 600


def test_lines_under_an_opener_are_tried_as_its_parts_in_bounded_runs():
    # A damaged file repeats one line 3,000 times indented under 'Total revenues' (an opener the
    # parser marked): trying every prefix as the opener's parts would sum millions of lines.
    from iijview.checks.levels import MAX_OPENER_LINES, settle_levels
    from iijview.model import Cell, Column, LineItem, Statement

    col = Column("c0", None)
    opener = LineItem(label="Total revenues", is_total=True, cells={"c0": Cell(text="9", value=9.0)})
    lines = [LineItem(label="Network services", section="Total revenues", level=1,
                      cells={"c0": Cell(text="5", value=5.0)}) for _ in range(3000)]
    st = Statement(id="income_statement", key="income_statement", title="Income", columns=[col],
                   items=[opener, *lines])
    tried: list[int] = []

    def adds_up(total: int, parts: list[int]) -> bool:
        tried.append(len(parts))
        return False

    settle_levels(st, {}, {}, adds_up)
    assert tried and max(tried) == MAX_OPENER_LINES and len(tried) == MAX_OPENER_LINES - 1
    assert all(row.level == 0 for row in lines)     # nothing adds up: the indentation is not confirmed
