"""Text that leaves the app safely: terminal messages without control characters, CSV cells no spreadsheet runs."""
from __future__ import annotations

import re

# C0 controls (but tab), DEL, C1 controls, and the bidirectional overrides that reorder what a
# terminal shows ("Trojan source"): shown as \x.. / \u.... escapes instead of acting on the terminal.
_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# OWASP's CSV-injection triggers: a spreadsheet reads a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEUTRAL = "'"


def for_terminal(text: str) -> str:
    """The text with every control character shown as an escape, so a message cannot drive the terminal."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                         else f"\\u{ord(m.group()):04x}", str(text))


def to_csv_cell(text: str) -> str:
    """A text cell for CSV: one leading quote when it would start a formula (or already starts with
    a quote, so that reading it back with from_csv_cell gives exactly the text again)."""
    if text and (text.startswith(FORMULA_START) or text.startswith(_NEUTRAL)):
        return _NEUTRAL + text
    return text


def from_csv_cell(text: str) -> str:
    """The text a to_csv_cell cell stands for (its one leading quote removed)."""
    return text[1:] if text.startswith(_NEUTRAL) else text
