"""Number display and input for the statement tables (pure Python: no Qt)."""
from __future__ import annotations

import re

# mode -> (menu text, divisor of the yen/dollar amount, decimals shown)
UNIT_MODES = {
    "printed": ("As printed", None, None),
    "thousands": ("Thousands", 1_000, 0),
    "millions": ("Millions", 1_000_000, 0),
    "billions": ("Billions", 1_000_000_000, 1),
}
AMOUNT_UNITS = ("JPY", "USD")
MAX_DIGITS = 15          # a float holds 15 digits exactly; no release prints more
NIL_INPUTS = ("", "-", "\u2014", "\u2013", "\u2212", "nil", "n/a")

_NUMBER = re.compile(
    r"""^(?P<open>\()?\s*
        (?P<sign>[-\u2212\u25b3\u25b2\u0394\u2206])?\s*
        (?P<int>\d{1,3}(?:,\d{3})+|\d+)?
        (?:\.(?P<frac>\d+))?
        \s*%?\s*(?P<close>\))?$""", re.X)

_SPACES = re.compile(r"\s+")


class InputError(ValueError):
    """Typed text that is not a number; the message is a sentence for the status bar."""


def is_amount(unit: str, role: str) -> bool:
    """True for yen or dollar amounts, the cells the display-unit switch rescales."""
    return unit in AMOUNT_UNITS and role == "value"


def decimals_in(text: str) -> int:
    """Number of decimals printed in a number's text ('1,234.56' -> 2)."""
    m = re.search(r"\.(\d+)", text or "")
    return len(m.group(1)) if m else 0


def format_number(value: float, decimals: int = 0, grouping: bool = True,
                  parens: bool = True) -> str:
    """'(1,234)' style text for a number: thousands separators, negatives in parentheses."""
    body = f"{abs(value):{',' if grouping else ''}.{decimals}f}"
    if value < 0 and float(body.replace(",", "")) != 0:
        return f"({body})" if parens else f"-{body}"
    return body


def figure_text(value: float) -> str:
    """A figure as releases print it: '1,234', '(1,896,784)', '12.5' (whole numbers without decimals)."""
    return format_number(value, 0 if float(value).is_integer() else 2)


def plain_number(shown: str) -> str:
    """A shown number as spreadsheets read it anywhere: '(1,234.5)' -> '-1234.5'; other text as is."""
    text = shown.strip()
    body = text[1:-1] if text.startswith("(") and text.endswith(")") else text
    digits = body.replace(",", "")
    if not digits or not digits.replace(".", "", 1).isdigit():
        return shown
    return f"-{digits}" if body is not text else digits


SCALE_WORDS = {1: "", 1_000: "thousands", 1_000_000: "millions", 1_000_000_000: "billions"}


def unit_caption(unit: str, scale: int, role: str, mode: str) -> str:
    """The unit line of a column header as shown: 'JPY thousands', 'USD', '%', 'shares'."""
    if role == "ratio" or unit == "%":
        return "%"
    _text, divisor, _dec = UNIT_MODES.get(mode, UNIT_MODES["printed"])
    if divisor is not None and is_amount(unit, role):
        scale = divisor
    word = SCALE_WORDS.get(scale or 1, f"\u00d7{scale:,}")
    if unit in AMOUNT_UNITS:
        return f"{unit} {word}".strip()
    return f"{unit} ({word})" if word else unit


def factor(unit: str, scale: int, role: str, mode: str) -> tuple[float, int | None]:
    """Multiplier from the stored (as printed) value to the shown one, and decimals to show."""
    _text, divisor, decimals = UNIT_MODES.get(mode, UNIT_MODES["printed"])
    if divisor is None or not is_amount(unit, role):
        return 1.0, None
    return (scale or 1) / divisor, decimals


def display_text(value: float | None, text: str, status: str, unit: str, scale: int,
                 role: str, mode: str) -> str:
    """What a cell shows: '-' for nil, the raw text if unreadable, else a formatted number."""
    if value is None:
        if status == "unreadable" and text:
            return text
        return "-"
    mult, decimals = factor(unit, scale, role, mode)
    if decimals is None:
        decimals = decimals_in(text)
    return format_number(value * mult, decimals)


def edit_text(value: float | None, text: str, unit: str, scale: int, role: str, mode: str) -> str:
    """The plain number a cell editor starts with, in the shown unit ('' for nil)."""
    if value is None:
        return ""
    mult, decimals = factor(unit, scale, role, mode)
    if decimals is None:
        decimals = decimals_in(text)
    shown = value * mult
    if mult != 1.0:
        # Keep full precision when editing a rescaled value; trim noise from the division.
        return f"{round(shown, 9):.9f}".rstrip("0").rstrip(".")
    return f"{shown:.{decimals}f}"


def parse_input(typed: str) -> tuple[float | None, int]:
    """Read typed text as (number, decimals); None means nil. Raise InputError if not a number."""
    # (runs of spaces made one: the pattern's optional parts between them would try every split of a long run)
    s = _SPACES.sub(" ", (typed or "").strip().replace("\u00a0", " ").replace("\uff0c", ","))
    if s.lower() in NIL_INPUTS:
        return None, 0
    m = _NUMBER.match(s)
    if not m or (m.group("int") is None and m.group("frac") is None) \
            or bool(m.group("open")) != bool(m.group("close")):
        raise InputError(f"\u201c{typed}\u201d is not a number: type digits with an optional "
                         f"minus sign or parentheses, e.g. 1,234 or (1,234); '-' for nil.")
    digits = (m.group("int") or "").replace(",", "").lstrip("0") + (m.group("frac") or "")
    if len(digits) > MAX_DIGITS:
        raise InputError(f"\u201c{typed[:40]}\u201d has more than {MAX_DIGITS} digits, more than any "
                         f"release prints.")
    number = float((m.group("int") or "0").replace(",", "") + "." + (m.group("frac") or "0"))
    if m.group("open") or m.group("sign"):
        number = -number
    return number, len(m.group("frac") or "")


def stored_value(typed: str, unit: str, scale: int, role: str, mode: str
                 ) -> tuple[float | None, str]:
    """Turn typed text in the shown unit into (value as printed, text as printed)."""
    number, decimals = parse_input(typed)
    if number is None:
        return None, "-"
    mult, _dec = factor(unit, scale, role, mode)
    if mult != 1.0:
        number = round(number / mult, 6)
        decimals = decimals_in(f"{number:.6f}".rstrip("0"))
    if number == int(number) and decimals == 0:
        number = float(int(number))
    return number, format_number(number, decimals)
