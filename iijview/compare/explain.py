"""Words for a comparison cell: every source with its value, how a derived or computed value was made."""
from __future__ import annotations

from iijview.compare.cells import CHANGE, DERIVED, PERCENT, PRINTED, RATIO, CompareCell
from iijview.compare.figures import Figure
from iijview.compare.units import caption, decimals, shown
from iijview.model import STATEMENT_TITLES, Release

_SCALE_WORDS = {1.0: "", 1e3: " thousands", 1e6: " millions", 1e9: " billions"}


def figure_text(f: Figure) -> str:
    """'48,418,757 (JPY thousands)': a figure as printed, with its unit."""
    words = _SCALE_WORDS.get(f.scale, f" x{f.scale:g}")
    text = "-" if f.status == "nil" else (f.text or f"{f.value / f.scale:,g}")
    return f"{text} ({f.unit}{words})"


def source_text(f: Figure, releases: list[Release]) -> str:
    """Where a figure is printed: release, table, line."""
    release = releases[f.release]
    st = release.statement(f.statement)
    title = st.title or STATEMENT_TITLES.get(st.id, st.id)
    line = release.statements[f.st_index].items[f.row].cells.get(f.column)
    where = f", line {line.line}" if line is not None and line.line else ""
    corrected = " [corrected]" if f.status == "corrected" else ""
    return f"{release.name}, {title}{where}: {figure_text(f)}{corrected}"


def number(value: float | None, precision: float, unit: str, mode: str) -> str:
    """A value as the comparison shows it, with its unit caption."""
    v = shown(value, precision, unit, mode)
    if v is None:
        return "n/m"
    return f"{v:,.{decimals(unit, mode, precision)}f} {caption(unit, mode)}".strip()


def explain(cell: CompareCell, releases: list[Release], unit: str, mode: str = "millions") -> list[str]:
    """Tooltip lines for a cell: what it is and where every figure in it comes from."""
    lines: list[str] = []
    if cell.kind == PRINTED:
        if cell.source is not None:
            lines.append(f"Shown: {source_text(cell.source, releases)}")
        if cell.restated:
            lines.append("Restated: releases print figures that differ beyond rounding.")
        if cell.conflict:
            lines.append("Finding: tables of one release print figures that differ beyond rounding.")
        others = [f for f in cell.sources if f is not cell.source]
        if others:
            lines.append("Also printed:")
            lines.extend(f"  {source_text(f, releases)}" for f in others)
        if cell.check is not None:
            verdict = "agrees within rounding" if cell.check.agrees else "DIFFERS beyond rounding"
            lines.append(f"Derived as {cell.check.formula} = "
                         f"{number(cell.check.value, cell.check.precision, unit, mode)}: {verdict}.")
    elif cell.kind == DERIVED:
        lines.append(f"Derived: {cell.formula} (no release prints this period).")
        lines.append(f"Precision: that of its coarsest input ({number(cell.precision, 0, unit, mode)}).")
        for part in cell.inputs:
            if part.source is not None:
                lines.append(f"  {source_text(part.source, releases)}")
    elif cell.kind in (CHANGE, PERCENT, RATIO):
        lines.append(f"Computed: {cell.formula}.")
        if cell.note:
            lines.append(cell.note + ".")
    return lines
