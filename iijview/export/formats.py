"""Number formats and unit captions for exported cells, chosen from a cell's unit and printed text."""
from __future__ import annotations

import math
import re

_SCALE_WORDS = {1: "", 1_000: "Thousands of", 1_000_000: "Millions of", 1_000_000_000: "Billions of"}
_UNIT_WORDS = {"JPY/share": "JPY per share", "USD/share": "USD per share", "%": "%"}
_DECIMALS = re.compile(r"\d\.(\d+)")

NIL_PERCENT_FORMAT = '0.0%;-0.0%;"-"'
# A list sheet's column format that stands for "the statements' amount format, with the decimals
# the value has" (negatives in brackets, as everywhere else in the workbook).
AMOUNT_AS_PRINTED = "amount as printed"


def is_percent(unit: str, role: str = "value") -> bool:
    """True when the value is a percentage (ratio columns and rows in %)."""
    return role == "ratio" or unit == "%"


def is_per_share(unit: str) -> bool:
    """True for per-share amounts (JPY/share, USD/share)."""
    return unit.endswith("/share")


def decimals_of(text: str, value: float | None) -> int:
    """Number of decimals as printed: from the cell text, else from the value itself."""
    match = _DECIMALS.search(text or "")
    if match:
        return len(match.group(1))
    if value is None or not math.isfinite(value) or float(value).is_integer():
        return 0
    return min(len(repr(float(value)).split(".")[1]), 6)


def amount_format(decimals: int = 0) -> str:
    """Accounting format: thousands separators, negatives in brackets, zero as a dash."""
    body = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return f'{body};({body});"-"'


def percent_format(decimals: int = 1) -> str:
    """Percent format with at least one decimal (the stored value is a fraction: 0.845)."""
    return "0." + "0" * max(1, decimals) + "%"


def number_format(unit: str, role: str, text: str, value: float | None) -> str:
    """Format for one cell: per-share with two decimals, percentages, else amounts and counts."""
    decimals = decimals_of(text, value)
    if is_percent(unit, role):
        return percent_format(decimals) if value is not None else NIL_PERCENT_FORMAT
    if is_per_share(unit):
        return amount_format(max(2, decimals))
    return amount_format(decimals)


def unit_caption(unit: str, scale: int, role: str = "value") -> str:
    """Second header line: 'Thousands of JPY', 'JPY per share', '%'."""
    if is_percent(unit, role):
        return "%"
    words = _UNIT_WORDS.get(unit, unit)
    scale_word = _SCALE_WORDS.get(scale, f"x{scale:,}" if scale != 1 else "")
    if scale_word.startswith("x"):
        return f"{words} ({scale_word})"
    return f"{scale_word} {words}".strip()


def display_number(value: float | None) -> str:
    """A number for a comment or message: '1,234' or '3,600.2'; '-' for none."""
    if value is None:
        return "-"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")
