"""Read number tokens as printed in releases: separators, negatives, nil, %, units and OCR damage."""
from __future__ import annotations

import re
from typing import NamedTuple

NIL_TOKENS = frozenset({"-", "—", "―", "_", "–", "─", "--"})
# More digits than a float holds exactly (and than any release prints): such a cell is unreadable.
MAX_DIGITS = 15

# One candidate number cell. Groups: neg prefix, paren, body, close paren, suffix.
NUMBER_RE = re.compile(
    r"""
    (?<![\w.,:/])                        # not glued to a word or another number
    (?!(?<=[A-Za-z]\()\d{1,2}\))          # nor a footnote mark glued to a word: 'Expense(3)'
    (?P<prefix>(?:JPY\s?)|(?:[△▲Δ]\s?)|[+\-])?
    (?P<open>\(\s?)?
    (?P<body>
        \d{1,3}(?:,\d{3})+,\d{1,2}(?![\d])  # 5,879,79: a truncated last group (unreadable)
      | \d{1,3}(?:[,:]\d{3})+(?:\.\d+)?  # 1,234,567.8 (':' is OCR damage for ',')
      | \d{4,}(?:,\d{3})+                # 90424,764: a lost separator
      | \d+(?:,\d{1,2})(?![\d])          # 165,26: truncated group (unreadable)
      | \d+\.\d+                         # 3.5
      | \d+                              # 42
    )
    (?P<close>\s?\))?
    (?P<suffix>(?(open)\s?%\s?\)|(?!))|\s?%|Gbps|\s?\)%)?  # '(40.5%)': a negative change
    (?![\w])
    """,
    re.VERBOSE,
)


class Number(NamedTuple):
    """A number as printed: its value (sign applied, unscaled) or None, and how it reads."""

    text: str
    value: float | None
    status: str          # parsed | nil | unreadable
    decimals: int = 0
    unit: str = ""       # "%", "Gbps", "JPY" when the token carries one


def parse_number(token: str) -> Number | None:
    """Read one cell's text; None when it is not a number at all."""
    raw = token
    t = token.strip()
    if not t:
        return None
    if t in NIL_TOKENS:
        return Number(raw, None, "nil")
    m = NUMBER_RE.fullmatch(t)
    if not m:
        return _unreadable_or_none(raw, t)
    return _from_match(m, raw)


def _truncated_group(digits: str) -> bool:
    """'165,26': the last group after a separator has fewer than three digits."""
    comma = digits.rfind(",")
    return comma >= 0 and len(digits) - comma <= 3


_NEGATIVE_PREFIXES = frozenset({"-", "△", "▲", "Δ"})


def _from_match(m: re.Match, raw: str) -> Number:
    prefix, opened, body, closed, suffix = m.group("prefix", "open", "body", "close", "suffix")
    if suffix:
        suffix = suffix.strip()
        if suffix == ")%" or suffix.endswith(")"):  # '(2.7 )%' and '(40.5%)'
            closed, suffix = ")", "%"
    if bool(opened) != bool(closed):
        return Number(raw, None, "unreadable")
    if _truncated_group(body):
        return Number(raw, None, "unreadable")
    digits = body.replace(",", "").replace(":", "") if ("," in body or ":" in body) else body
    if len(digits) > MAX_DIGITS + ("." in digits):
        return Number(raw, None, "unreadable")
    try:
        value = float(digits)
    except ValueError:
        return Number(raw, None, "unreadable")
    dot = digits.find(".")
    decimals = len(digits) - dot - 1 if dot >= 0 else 0
    if opened or (prefix and prefix.strip() in _NEGATIVE_PREFIXES):
        value = -value
    if value == 0:
        value = 0.0
    unit = ""
    if suffix:
        unit = "%" if suffix == "%" else ("Gbps" if suffix == "Gbps" else "")
    elif prefix and prefix.startswith("JPY"):
        unit = "JPY"
    return Number(raw, value, "parsed", decimals, unit)


def _unreadable_or_none(raw: str, t: str) -> Number | None:
    """Cells that start like a number but cannot be read exactly: '(142', '(2,952,37)', '4.50'."""
    if re.fullmatch(r"[(△Δ]?\s?\d[\d,.:]*\s?\)?", t):
        return Number(raw, None, "unreadable")
    return None


def from_match(m: re.Match) -> Number:
    """The Number of a match of a pattern that embeds NUMBER_RE's named groups."""
    raw = m.group(0)
    if raw.isdigit():  # the commonest form, digits alone
        return Number(raw, float(raw), "parsed") if len(raw) <= MAX_DIGITS else Number(raw, None, "unreadable")
    plain = raw.replace(",", "")
    if plain.isdigit():  # the common form, digits and separators only: read without the groups
        if _truncated_group(raw) or len(plain) > MAX_DIGITS:
            return Number(raw, None, "unreadable")
        return Number(raw, float(plain), "parsed")
    return _from_match(m, raw)
