"""Units and scales from column headers and row labels: thousands/millions/billions of JPY, USD, shares."""
from __future__ import annotations

import re

# Every form starts with one of the guard's letters: testing it first lets the scan skip ahead fast.
UNIT_RE = re.compile(
    r"(?=[tmbjuy(¥])(?:"
    r"\bThousands\s+of\s+(?:JPY|yen|U\.?\s?S\.?\s*Dollars?)\b"
    r"|\bMillions\s+of\s+(?:JPY|yen)\b|\bBillions\s+of\s+(?:JPY|yen)\b"
    r"|\bJPY\s+(?:in\s+)?(?:thousands?|millions?|billions?)\b"
    r"|\bUnit\s*:\s*JPY\s*(?:thousands?|millions?|billions?)\b"
    r"|\(?\bJPY\s+in\s+(?:thousands|millions|billions)\)?"
    # a scale caption split around a table's title: '(JPY in Operating Results Summary millions)'
    r"|\(\s*JPY\s+in\s+(?:(?:(?-i:[A-Z])[\w&'/.,-]*|and|of|&)\s+){1,8}?(?:thousands|millions|billions)\s*\)"
    r"|\b(?:Yen|¥)\s+in\s+(?:thousands|millions|billions)\b"
    r"|\bJPY\b(?=\s*(?:\t|\n|$|JPY\b|Fiscal\b|As\s+of\b|(?:Three|Six|Nine|Twelve)\s+Months\b)))",
    re.I,
)
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def unit_of(text: str) -> tuple[str, int] | None:
    """(unit, scale) named by a header phrase, e.g. 'Thousands of U.S. Dollars' -> ('USD', 1000)."""
    t = text.lower()
    if not UNIT_RE.search(text):
        return None
    unit = "USD" if ("dollar" in t or "u.s." in t) else "JPY"
    for word, scale in _SCALES.items():
        if word in t:
            return unit, scale
    return unit, 1


_PER_SHARE = re.compile(r"per\s+(?:common\s+|ordinary\s+)?(?:share|ADS)|earnings\s+per|dividends?\s+per", re.I)
_SHARES = re.compile(r"\((?:shares|ADSs)\)|number\s+of\s+(?:shares|ADS)|weighted[- ]average\s+number", re.I)

_BANDWIDTH = re.compile(r"\(Gbps\)|bandwidth", re.I)


def row_unit(label: str) -> tuple[str, int] | None:
    """Unit override a row label carries: per-share amounts, share counts, bandwidth."""
    if _PER_SHARE.search(label):
        return "JPY/share", 1
    if _SHARES.search(label):
        return "shares", 1
    if _BANDWIDTH.search(label):
        return "Gbps", 1
    return None
