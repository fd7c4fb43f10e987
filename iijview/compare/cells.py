"""Cells of a comparison: printed (with every source), derived, computed; agreement within rounding."""
from __future__ import annotations

from dataclasses import dataclass, field

from iijview.compare.figures import Figure

PRINTED, DERIVED, CHANGE, PERCENT, RATIO = "printed", "derived", "change", "percent", "ratio"


@dataclass
class Check:
    """A value derived from cumulative figures, compared with the printed one."""

    value: float
    precision: float
    formula: str
    agrees: bool


@dataclass
class CompareCell:
    """One cell: its value in base units and how it was obtained."""

    value: float | None
    precision: float = 0.0
    kind: str = PRINTED
    source: Figure | None = None               # the figure shown (printed cells)
    sources: list[Figure] = field(default_factory=list)   # every printing, oldest release first
    restated: bool = False                     # releases print different figures
    conflict: bool = False                     # tables of one release print different figures
    formula: str = ""                          # derived and computed cells: how it was made
    inputs: tuple[CompareCell, ...] = ()
    check: Check | None = None                 # printed cells that could also be derived
    note: str = ""                             # e.g. 'n/m: the base is zero'
    half: float = 0.0                          # half-width of the rounding interval

    @property
    def corrected(self) -> bool:
        """True when the figure shown is a user's correction."""
        return self.source is not None and self.source.status == "corrected"

    @property
    def nil(self) -> bool:
        """True when the release prints a dash (nil)."""
        return self.source is not None and self.source.status == "nil"

    @property
    def editable(self) -> bool:
        """Only printed figures can be corrected here (the edit lands on their source cell)."""
        return self.kind == PRINTED and self.source is not None


def agree(a: float, a_half: float, a_prec: float, b: float, b_half: float, b_prec: float,
          sign_free: bool = False) -> bool:
    """True when two figures can stand for the same amount, given how they were rounded.

    Each printed figure stands for the interval of values that round to it; where the two were
    printed at different precisions the coarser one gets half a digit more, since summaries may
    be sums of rounded parts (as the checks' ties do).
    """
    slack = 0.5 * max(a_prec, b_prec) if a_prec != b_prec else 0.0
    room = a_half + b_half + slack + 1e-9 * max(1.0, abs(a), abs(b))
    if abs(a - b) <= room:
        return True
    return sign_free and abs(a + b) <= room


def figures_agree(a: Figure, b: Figure, sign_free: bool) -> bool:
    """agree() for two printed figures."""
    return agree(a.value, a.half, a.precision, b.value, b.half, b.precision, sign_free)


def finest(figures: list[Figure]) -> Figure:
    """The figure that wins inside one release: the finest precision, the compared table first."""
    return min(figures, key=lambda f: (f.precision, not f.home, f.st_index, f.row))


def merge_printed(figures: list[Figure], first_reported: bool, sign_free: bool) -> CompareCell:
    """One cell from every printing of one row and period: the winner, restated and conflict marks."""
    by_release: dict[int, list[Figure]] = {}
    for f in figures:
        by_release.setdefault(f.rank, []).append(f)
    winners = {rank: finest(group) for rank, group in by_release.items()}
    conflict = any(not figures_agree(w, f, sign_free)
                   for rank, w in winners.items() for f in by_release[rank] if f is not w)
    rank = min(winners) if first_reported else max(winners)
    reported = winners[rank]
    # Releases mostly repeat a figure as it was: compare each distinct printing once.
    distinct: dict[tuple, list[Figure]] = {}
    for w in winners.values():
        distinct.setdefault((w.value, w.half, w.precision), []).append(w)
    agrees = {k: k == (reported.value, reported.half, reported.precision) or
              figures_agree(reported, same[0], sign_free) for k, same in distinct.items()}
    restated = not all(agrees.values())
    # As reported then, but as precise as any release that agrees with it (a slide's 83.0
    # billion does not hide an earlier release's 82,988 million it confirms).
    agreeing = [w for k, same in distinct.items() if agrees[k] for w in same]
    shown = min(agreeing, key=lambda w: (w.precision, w is not reported, -w.rank if not first_reported else w.rank))
    ordered = sorted(figures, key=lambda f: (f.rank, f.precision, not f.home, f.st_index, f.row))
    return CompareCell(shown.value, shown.precision, PRINTED, shown, ordered, restated, conflict,
                       half=shown.half)
