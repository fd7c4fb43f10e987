"""Computed cells: difference and % change between two columns, and margin rows (read-only)."""
from __future__ import annotations

from iijview.compare.cells import CHANGE, PERCENT, RATIO, CompareCell

PERCENT_PRECISION = 0.1


def percent_change(base: float | None, new: float | None) -> tuple[float | None, str]:
    """(% change from base to new, note): 'n/m' where the base is zero or the sign flips.

    Two negatives compare their sizes, as IIJ's releases do for costs printed negative under
    IFRS: a cost of (76,211) falling to (74,201) is -2.6%, a loss of (367) growing to (727) +98%.
    """
    if base is None or new is None:
        return None, ""
    if base == 0:
        return None, "n/m: the base is zero"
    if (base < 0 < new) or (new < 0 < base):
        return None, "n/m: the sign flips"
    return (new - base) / base * 100.0, ""


def change_cell(base: CompareCell | None, new: CompareCell | None, base_name: str, new_name: str,
                points: bool = False) -> CompareCell | None:
    """Difference new - base (percentage points for ratio rows), at the coarser precision."""
    if base is None or new is None or base.value is None or new.value is None:
        return None
    unit = " pp" if points else ""
    return CompareCell(new.value - base.value, max(base.precision, new.precision), CHANGE,
                       formula=f"{new_name} \u2212 {base_name}{unit}", inputs=(new, base),
                       half=base.half + new.half)


def percent_cell(base: CompareCell | None, new: CompareCell | None, base_name: str,
                 new_name: str) -> CompareCell | None:
    """% change from base to new; an 'n/m' cell (value None) where it means nothing."""
    if base is None or new is None or base.value is None or new.value is None:
        return None
    value, note = percent_change(base.value, new.value)
    return CompareCell(value, PERCENT_PRECISION, PERCENT,
                       formula=f"({new_name} \u2212 {base_name}) / |{base_name}|", inputs=(new, base),
                       note=note)


def ratio_cell(numerator: CompareCell | None, denominator: CompareCell | None, num_label: str,
               den_label: str) -> CompareCell | None:
    """numerator / denominator in percent for one column; 'n/m' when the denominator is zero."""
    if numerator is None or denominator is None or numerator.value is None or denominator.value is None:
        return None
    formula = f"{num_label} / {den_label}"
    if denominator.value == 0:
        return CompareCell(None, PERCENT_PRECISION, RATIO, formula=formula,
                           inputs=(numerator, denominator), note="n/m: the base is zero")
    return CompareCell(numerator.value / denominator.value * 100.0, PERCENT_PRECISION, RATIO,
                       formula=formula, inputs=(numerator, denominator))
