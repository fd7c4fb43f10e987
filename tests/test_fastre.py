"""Guarded patterns: the characters a match can start with, and the same matches as the plain pattern."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from iijview.parse import headlines, notices, phrases
from iijview.parse.fastre import compile_guarded, first_chars

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "resources" / "samples").glob("*.txt"))


@pytest.mark.parametrize("pattern, flags, expected", [
    ("revenues|operating income", 0, {"r", "o"}),
    ("(?:New |Revised )?Targets?", 0, {"N", "R", "T"}),          # an optional group: what follows counts too
    (r"(?<![\w.])\d+ yen", 0, {r"\d"}),                           # a look-behind takes no character
    (r"\bFY\d{4}", 0, {"F"}),
    ("[A-C]x|z", 0, {"A", "B", "C", "z"}),
    (r"\s*JPY", 0, {r"\s", "J"}),                                 # optional spaces, then the word
    ("a?", 0, None),                                              # may match empty
    (".x", 0, None),                                              # any character
    ("[^a]x", 0, None),                                           # a negated class
    (r"(a)\1", 0, {"a"}),
    ("(?=FY)|Highlights", 0, None),                               # an alternative that takes nothing
])
def test_first_chars(pattern, flags, expected):
    assert first_chars(pattern, flags) == expected


def test_a_pattern_without_a_guard_is_left_as_written():
    assert compile_guarded("a?b*", re.I).pattern == "a?b*"


def test_the_guard_is_case_blind_where_the_pattern_is():
    pat = compile_guarded("Revenues|operating income", re.I)
    text = "REVENUES rose; Operating Income fell; revenues"
    assert [m.group(0) for m in pat.finditer(text)] == ["REVENUES", "Operating Income", "revenues"]
    assert pat.pattern.startswith("(?=[")


def test_unicode_case_folds_are_re_own():
    # 'ſ' (long s) and 'K' (Kelvin sign) match 's' and 'k' case-blind: the guard must not lose them
    plain = re.compile("sales|kpi", re.I)
    guarded = compile_guarded("sales|kpi", re.I)
    text = "ſales and KPI and Sales"
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert len(list(guarded.finditer(text))) == 3


def _app_patterns():
    yield phrases._amounts()
    yield phrases._yen_after()
    yield phrases._changes()
    yield phrases._measures()[0]
    yield from headlines._heading_patterns()
    yield from notices._patterns()[:2]


@pytest.mark.parametrize("pattern", list(_app_patterns()), ids=lambda p: p.pattern[:30])
def test_app_patterns_find_what_they_found_unguarded(pattern):
    text = "\n".join(p.read_text("utf-8") for p in SAMPLES) + (
        "\nREVENUES JPY 1,234 MILLION, UP 5.0% YOY; ſales ¥3.2 billion △1.1% Net Income 12 yen per share")
    inner = pattern.pattern
    if inner.startswith("(?=["):
        inner = inner[inner.index("])(?:") + 5:-1]
    plain = re.compile(inner, pattern.flags)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_case_sensitive_pattern_is_left_to_re():
    # re skips ahead by a literal start itself; a guard in front would hide it
    assert compile_guarded("Consolidated Balance Sheets?").pattern == "Consolidated Balance Sheets?"
