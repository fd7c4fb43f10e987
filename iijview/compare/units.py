"""Display units of a comparison: money in yen, thousands, millions or billions; other units as printed."""
from __future__ import annotations

import math

UNIT_MODES = {"yen": 1.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
MODE_DECIMALS = {"yen": 0, "thousands": 0, "millions": 0, "billions": 1}
MONEY = ("JPY",)
_WORDS = {"yen": "", "thousands": " thousands", "millions": " millions", "billions": " billions"}


def divisor(unit: str, mode: str) -> float:
    """What a base-unit value is divided by to show it (1 for shares, per-share figures, %)."""
    return UNIT_MODES.get(mode, 1e6) if unit in MONEY else 1.0


def caption(unit: str, mode: str) -> str:
    """'JPY millions', 'JPY/share', '%'."""
    if unit in MONEY:
        return f"{unit}{_WORDS.get(mode, ' millions')}"
    return unit


def decimals(unit: str, mode: str, precision: float) -> int:
    """Decimals to show: the mode's for money, else as many as the figure was printed with."""
    if unit in MONEY:
        return MODE_DECIMALS.get(mode, 0)
    if precision <= 0 or precision >= 1:
        return 0
    return min(6, max(0, round(-math.log10(precision))))


def shown(value: float | None, precision: float, unit: str, mode: str) -> float | None:
    """The value in the display unit, rounded to the precision it was printed (or derived) with."""
    if value is None:
        return None
    if precision > 0:
        value = round(value / precision) * precision
    out = value / divisor(unit, mode)
    return float(f"{out:.12g}")
