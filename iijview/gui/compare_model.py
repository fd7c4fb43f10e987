"""The table model of the comparison: cached text and marks out, typed corrections routed to their source."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from iijview.compare import DERIVED, PRINTED, Comparison
from iijview.compare.explain import explain
from iijview.compare.units import caption, decimals, shown
from iijview.gui.formatting import InputError, format_number
from iijview.gui.statement_model import (ALIGN, BACKGROUND, CORRECTED_BG, DISPLAY, EDIT, FINDING_BG, FONT,
                                         FOREGROUND, LEFT, RIGHT, TOOLTIP)

# Cell flags, computed once per build so that data() only looks them up.
DERIVED_F, RESTATED_F, CORRECTED_F, FINDING_F, COMPUTED_F, CHECKED_F = 1, 2, 4, 8, 16, 32
DERIVED_BG = QBrush(QColor("#e3eefc"))
RESTATED_BG = QBrush(QColor("#ece4f5"))
COMPUTED_FG = QBrush(QColor("#505a64"))
NEGATIVE_FG = QBrush(QColor("#b00020"))
FlagsRole = int(Qt.UserRole.value) + 2


def cell_text(comp: Comparison, r: int, c: int, mode: str) -> str:
    """What a cell shows: a number in the display unit, '-' for nil, 'n/m', '' for nothing."""
    cell = comp.cell(r, c)
    if cell is None:
        return ""
    if cell.nil:
        return "-"
    unit = comp.cell_unit(r, c)
    value = shown(cell.value, cell.precision, unit, mode)
    if value is None:
        return "n/m" if cell.note else ""
    text = format_number(value, decimals(unit, mode, cell.precision))
    return text + "%" if unit == "%" else text


def cell_flags(comp: Comparison, r: int, c: int) -> int:
    """DERIVED_F, RESTATED_F, CORRECTED_F, FINDING_F, COMPUTED_F and CHECKED_F bits of a cell."""
    cell = comp.cell(r, c)
    if cell is None:
        return 0
    if cell.kind == DERIVED:
        return DERIVED_F
    if cell.kind != PRINTED:
        return COMPUTED_F
    f = 0
    if cell.restated:
        f |= RESTATED_F
    if cell.corrected:
        f |= CORRECTED_F
    if cell.conflict or (cell.check is not None and not cell.check.agrees):
        f |= FINDING_F
    if cell.check is not None:
        f |= CHECKED_F
    return f


class CompareModel(QAbstractTableModel):
    """Column 0 is the line's label; then one column per comparison column."""

    edit_requested = Signal(int, int, str)      # row, column (model), typed text
    input_refused = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.comp: Comparison | None = None
        self.mode = "millions"
        self._text: list[list[str]] = []
        self._flags: list[list[int]] = []
        self._neg: list[list[bool]] = []
        self._headers: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_comparison(self, comp: Comparison | None, mode: str) -> None:
        """Show a (new) comparison in a display unit."""
        self.beginResetModel()
        self.comp, self.mode = comp, mode
        self._rebuild()
        self.endResetModel()

    def _rebuild(self) -> None:
        comp = self.comp
        self._text, self._flags, self._neg, self._headers = [], [], [], ["Line item"]
        if comp is None:
            return
        for col in comp.columns:
            second = col.standard if col.is_period else ""
            if col.boundary:
                second = f"\u25b6 {second}"
            if col.derived:
                second += " (derived)"
            self._headers.append(f"{col.title}\n{second}".rstrip())
        n = len(comp.columns)
        for r, row in enumerate(comp.rows):
            label = "    " * max(row.level, 0) + row.label
            texts = [label] + [cell_text(comp, r, c, self.mode) for c in range(n)]
            self._text.append(texts)
            self._flags.append([0] + [cell_flags(comp, r, c) for c in range(n)])
            self._neg.append([False] + [t.startswith("(") for t in texts[1:]])

    # -- read ------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        """Rows of the comparison."""
        return 0 if parent.isValid() or self.comp is None else len(self.comp.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        """Label column plus the comparison's columns."""
        return 0 if parent.isValid() or self.comp is None else len(self.comp.columns) + 1

    def data(self, index, role=DISPLAY):
        """Cached text, marks as colours and fonts, the sources in the tooltip."""
        r, c = index.row(), index.column()
        if role == DISPLAY:
            return self._text[r][c]
        if role == ALIGN:
            return LEFT if c == 0 else RIGHT
        f = self._flags[r][c]
        if role == FONT:
            row = self.comp.rows[r]
            if c == 0 or not f:
                return self._bold if row.total or row.heading else None
            return self._italic if f & (DERIVED_F | COMPUTED_F) else None
        if role == BACKGROUND:
            if f & FINDING_F:
                return FINDING_BG
            if f & CORRECTED_F:
                return CORRECTED_BG
            if f & RESTATED_F:
                return RESTATED_BG
            return DERIVED_BG if f & DERIVED_F else None
        if role == FOREGROUND:
            if c and self._neg[r][c]:
                return NEGATIVE_FG
            return COMPUTED_FG if f & COMPUTED_F else None
        if role == TOOLTIP:
            return self.tooltip(r, c) or None
        if role == EDIT:
            return self._text[r][c].replace(",", "").rstrip("%") if c else self.comp.rows[r].label
        if role == FlagsRole:
            return f
        return None

    def tooltip(self, r: int, c: int) -> str:
        """Where the figure comes from, how a derived or computed one was made."""
        comp = self.comp
        row = comp.rows[r]
        if c == 0:
            key = row.key if not row.heading else ""
            return f"{row.label}\n{caption(row.unit, self.mode)}  [{key}]".strip() if key else row.label
        cell = comp.cell(r, c - 1)
        if cell is None:
            return ""
        lines = explain(cell, comp.releases, comp.cell_unit(r, c - 1), self.mode)
        if cell.editable:
            lines.append("Type to correct it: the correction lands on the figure shown, in its release.")
        return "\n".join(lines)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt API
        """Period and standard; the tooltip says what the column is."""
        if orientation != Qt.Horizontal:
            return str(section + 1) if role == Qt.DisplayRole else None
        if role == Qt.DisplayRole:
            return self._headers[section] if section < len(self._headers) else None
        if role == Qt.ToolTipRole and section > 0 and self.comp is not None:
            col = self.comp.columns[section - 1]
            if not col.is_period:
                return f"{col.title}: computed from two columns (read-only)."
            lines = [f"{col.title}: {col.period.label()} under {col.standard or 'an unknown standard'}"]
            if col.boundary:
                lines.append("Change of basis: the columns to the left are under another standard "
                             "and not directly comparable.")
            if col.derived:
                lines.append("No release prints this period: its figures are derived.")
            return "\n".join(lines)
        return None

    def header_text(self, c: int) -> str:
        """One-line title of a column (for copy)."""
        return " ".join(self._headers[c].split("\n")) if c < len(self._headers) else ""

    def flags(self, index):
        """Printed figures are editable (the edit goes to their source); the rest read-only."""
        base = Qt.ItemIsSelectable | Qt.ItemIsEnabled
        c = index.column()
        if c > 0 and self.comp is not None:
            cell = self.comp.cell(index.row(), c - 1)
            if cell is not None and cell.editable:
                return base | Qt.ItemIsEditable
        return base

    def setData(self, index, value, role=Qt.EditRole):  # noqa: N802 - Qt API
        """Hand a typed correction to the view, which routes it to the source release."""
        if role != Qt.EditRole or not index.isValid() or index.column() == 0:
            return False
        self.edit_requested.emit(index.row(), index.column(), str(value))
        return True


__all__ = ["CompareModel", "cell_text", "cell_flags", "InputError", "FlagsRole", "DERIVED_F",
           "RESTATED_F", "CORRECTED_F", "FINDING_F", "COMPUTED_F", "CHECKED_F"]
