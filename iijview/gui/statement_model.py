"""The one QAbstractTableModel over a StatementTable: cached text out, edits in as undo commands."""
from __future__ import annotations

import textwrap

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from iijview.gui.formatting import InputError, is_amount, unit_caption
from iijview.gui.source_index import header_sources
from iijview.gui.state import CORRECTED, FINDING, UNREADABLE, CellSnapshot, StatementTable

CORRECTED_BG = QBrush(QColor("#dff0d8"))
FINDING_BG = QBrush(QColor("#fde2c8"))
BOTH_BG = QBrush(QColor("#e8e0b0"))
UNREADABLE_FG = QBrush(QColor("#b00020"))
INSERTED_FG = QBrush(QColor("#1a5fb4"))
RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
LEFT = int(Qt.AlignLeft | Qt.AlignVCenter)
# Roles as plain ints: comparing against Qt enum members costs microseconds per data() call.
DISPLAY, EDIT, TOOLTIP = int(Qt.DisplayRole.value), int(Qt.EditRole.value), int(Qt.ToolTipRole.value)
ALIGN, FONT = int(Qt.TextAlignmentRole.value), int(Qt.FontRole.value)
BACKGROUND, FOREGROUND = int(Qt.BackgroundRole.value), int(Qt.ForegroundRole.value)
FindingRole = int(Qt.UserRole.value) + 1
EDITABLE = Qt.ItemIsSelectable | Qt.ItemIsEnabled | Qt.ItemIsEditable


class StatementModel(QAbstractTableModel):
    """Table model of one statement; setData pushes undoable commands on the release's stack."""

    input_refused = Signal(str)
    edited = Signal()
    store_failed = Signal(str, str, str)     # title, what was not done, why (the workspace's sentence)

    def __init__(self, table: StatementTable, undo_stack=None, parent=None):
        super().__init__(parent)
        self.table = table
        self.undo_stack = undo_stack
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers: list[str] = []
        self._sources: dict[int, tuple[str, str]] = {}
        self._build_headers()

    def _build_headers(self) -> None:
        """Period title (wrapped) over the unit line, as the release prints a column head."""
        heads = ["Line item"]
        for c, col in enumerate(self.table.st.columns, start=1):
            title = col.title()
            heads.append("\n".join([*(textwrap.wrap(title, 22) or [title]), self.unit_caption(c)]))
        self._headers = heads

    def unit_caption(self, c: int) -> str:
        """The unit of column c as shown now ('JPY thousands', '%')."""
        col = self.table.column(c)
        return unit_caption(col.unit, col.scale, col.role, self.table.mode)

    def header_tooltip(self, c: int) -> str:
        """What a column is, and where its period and unit were read in the release."""
        col = self.table.column(c)
        if c not in self._sources:
            self._sources[c] = header_sources(self.table.owner.release.text, self.table.st, col)
        period, unit = self._sources[c]
        lines = [f"{col.title()} \u2014 {self.unit_caption(c)}"]
        if col.period is not None:
            lines.append(f"Period read from {period}." if period else
                         "Period read from the table header.")
        lines.append(f"Unit read from {unit}." if unit else "Unit read from the table header.")
        if self.table.mode != "printed" and is_amount(col.unit, col.role):
            lines.append(f"Shown in {self.unit_caption(c)}; the release prints "
                         f"{unit_caption(col.unit, col.scale, col.role, 'printed')}.")
        return "\n".join(lines)

    # -- read ------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        """Rows of the statement."""
        return 0 if parent.isValid() else self.table.rows

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        """Label column plus the statement's columns."""
        return 0 if parent.isValid() else self.table.cols

    def data(self, index, role=DISPLAY):
        """Cached text, alignment, bold totals, colours and tooltips (lookups only)."""
        r, c = index.row(), index.column()
        t = self.table
        if role == DISPLAY:
            return t._text[r][c]
        if role == ALIGN:
            return LEFT if c == 0 else RIGHT
        if role == FONT:
            item = t.st.items[r]
            return self._bold if item.is_total or item.is_heading else None
        if role == BACKGROUND:
            f = t._flags[r][c]
            if f & CORRECTED and f & FINDING:
                return BOTH_BG
            if f & CORRECTED:
                return CORRECTED_BG
            return FINDING_BG if f & FINDING else None
        if role == FOREGROUND:
            if t._flags[r][c] & UNREADABLE:
                return UNREADABLE_FG
            return INSERTED_FG if c == 0 and t.st.items[r].inserted else None
        if role == EDIT:
            return t.edit_text(r, c)
        if role == TOOLTIP:
            return t.tooltip(r, c) or None
        if role == FindingRole:
            return bool(t._flags[r][c] & FINDING)
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt API
        """Column titles as periods; row numbers."""
        if role == Qt.DisplayRole:
            if orientation == Qt.Horizontal:
                return self._headers[section] if 0 <= section < len(self._headers) else None
            return str(section + 1)
        if role == Qt.ToolTipRole and orientation == Qt.Horizontal:
            if section == 0:
                return "Line items as the release labels them (right-click for copy and more)"
            return self.header_tooltip(section) if 0 < section < self.table.cols else None
        return None

    def header_text(self, c: int) -> str:
        """One-line title of a column (for undo names and messages)."""
        return "Line item" if c == 0 else self.table.column(c).title()

    def copy_header(self, c: int) -> str:
        """A column's title with its unit, for a copied header row ('9M to Dec 31, 2018 (JPY thousands)')."""
        return "Line item" if c == 0 else f"{self.table.column(c).title()} ({self.unit_caption(c)})"

    def flags(self, index):
        """Every cell is editable."""
        return EDITABLE

    # -- write (through the undo stack) ----------------------------------------------------

    def setData(self, index, value, role=Qt.EditRole):  # noqa: N802 - Qt API
        """An edit from a view: refuse bad typing, else push an undoable command."""
        if role != Qt.EditRole or not index.isValid():
            return False
        from iijview.gui.commands import CellCommand, LabelCommand

        r, c = index.row(), index.column()
        typed = str(value)
        if c == 0:
            label = typed.strip()
            if not label:
                self.input_refused.emit("A line item needs a label; the label was kept.")
                return False
            if label == self.table.item(r).label:
                return True
            self.push(LabelCommand(self, self.table.anchors[r], label))
            return True
        try:
            new_value, new_text = self.table.parse(r, c, typed)
        except InputError as exc:
            self.input_refused.emit(f"{exc} The cell keeps its value.")
            return False
        cell = self.table.cell(r, c)
        if cell is not None and cell.value == new_value and (new_value is not None or cell.is_nil):
            return True
        if cell is None and new_value is None:
            return True
        after = self.table.corrected_snapshot(r, c, new_value, new_text)
        self.push(CellCommand(self, self.table.anchors[r], self.table.column(c).key, after,
                              f"Edit {self.cell_name(r, c)}"))
        return True

    def push(self, command) -> None:
        """Run a command through the undo stack (or directly when there is none)."""
        if self.undo_stack is not None:
            self.undo_stack.push(command)
        else:
            command.redo()

    def cell_name(self, r: int, c: int) -> str:
        """'Revenues 9M to Dec 31, 2018': how a cell is named in undo text and messages."""
        return f"{self.table.item(r).label} {self.header_text(c)}" if c else self.table.item(r).label

    # -- called by commands ----------------------------------------------------------------

    def restore_cell(self, anchor: str, col_key: str, snap: CellSnapshot) -> tuple[int, int]:
        """Apply a cell snapshot (state + store) and repaint the row."""
        r, c = self.table.restore(anchor, col_key, snap)
        self.dataChanged.emit(self.index(r, 0), self.index(r, self.table.cols - 1))
        self.edited.emit()
        return r, c

    def set_label(self, anchor: str, label: str) -> int:
        """Set a label (state + store) and repaint it."""
        r = self.table.set_label(anchor, label)
        self.dataChanged.emit(self.index(r, 0), self.index(r, self.table.cols - 1))
        self.edited.emit()
        return r

    def insert_row(self, r: int, label: str, level: int, section: str, anchor: str | None) -> str:
        """Insert a row (state + store)."""
        self.beginInsertRows(QModelIndex(), r, r)
        anchor = self.table.insert_row(r, label, level, section, anchor)
        self.endInsertRows()
        self.edited.emit()
        return anchor

    def remove_row(self, anchor: str):
        """Remove a row (state + store); return (index, LineItem) for undo."""
        r = self.table.row_of(anchor)
        self.beginRemoveRows(QModelIndex(), r, r)
        out = self.table.remove_row(anchor)
        self.endRemoveRows()
        self.edited.emit()
        return out

    def restore_row(self, r: int, anchor: str, row) -> None:
        """Put a removed row back."""
        self.beginInsertRows(QModelIndex(), r, r)
        self.table.restore_row(r, anchor, row)
        self.endInsertRows()
        self.edited.emit()

    def set_mode(self, mode: str) -> None:
        """Switch display unit and repaint everything."""
        if mode != self.table.mode:
            self.table.set_mode(mode)
            self._build_headers()
            self.headerDataChanged.emit(Qt.Horizontal, 0, self.table.cols - 1)
            self._all_changed()

    def refresh(self) -> None:
        """Recompute marks and text after findings changed."""
        self.table.refresh_marks()
        self._all_changed()

    def _all_changed(self) -> None:
        # dataChanged rather than a reset keeps the selection and scroll position.
        if self.table.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(self.table.rows - 1, self.table.cols - 1))
