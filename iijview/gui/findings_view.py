"""The findings panel: every finding of the shown release; click to select its cells, apply repairs."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from iijview.gui.formatting import format_number

HEADERS = ("", "Rule", "Statement", "Message", "Repair")
REPAIR = 4
SEVERITY = {"error": ("\u25cf", QColor("#c92a2a")), "warning": ("\u25b2", QColor("#e8590c")),
            "info": ("\u25cb", QColor("#1971c2"))}
APPLY_FG = QBrush(QColor("#1a5fb4"))


def repair_text(suggestion: dict | None) -> str:
    """'Apply: Revenues = 125,000' for a finding with a suggestion, else ''."""
    if not suggestion:
        return ""
    value = suggestion.get("value")
    shown = format_number(value, 0 if float(value).is_integer() else 2) \
        if isinstance(value, (int, float)) else str(value if value is not None else "-")
    verb = "Insert" if "insert_after" in suggestion else "Set"
    return f"Apply: {verb} {suggestion.get('label', '')} = {shown}".replace("  ", " ")


class FindingsModel(QAbstractTableModel):
    """Rows are the FindingPlace objects of one release."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.places = []
        self.titles: dict[str, str] = {}
        self.is_applied = None      # callable(place) -> bool, set by the window

    def set_release(self, rs) -> None:
        """Show the findings of a ReleaseState (or none)."""
        self.beginResetModel()
        self.places = list(rs.places) if rs else []
        self.titles = {st.key: st.title for st in rs.release.statements} if rs else {}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        """Number of findings."""
        return 0 if parent.isValid() else len(self.places)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        """Severity, rule, statement, message, repair."""
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index, role=Qt.DisplayRole):
        """Finding text per column."""
        place = self.places[index.row()]
        f, c = place.finding, index.column()
        if role == Qt.DisplayRole:
            if c == 0:
                return SEVERITY.get(f.severity, ("?", None))[0]
            if c == 1:
                return f.rule
            if c == 2:
                return self.titles.get(f.statement, f.statement)
            if c == 3:
                return f.message
            if f.suggestion and self.is_applied is not None and self.is_applied(place):
                return "Applied \u2713 (Undo takes it back)"
            return repair_text(f.suggestion)
        if role == Qt.ForegroundRole:
            if c == 0:
                return QBrush(SEVERITY.get(f.severity, ("", QColor("black")))[1])
            if c == REPAIR:
                return APPLY_FG
        if role == Qt.ToolTipRole:
            diff = f"\nDifference: {f.difference:,g}" if f.difference is not None else ""
            exp = f"\nExpected {f.expected:,g}, found {f.found:,g}" \
                if f.expected is not None and f.found is not None else ""
            tip = f"{f.severity.capitalize()} [{f.rule}]: {f.message}{exp}{diff}"
            if c == REPAIR and f.suggestion:
                tip += "\nClick to apply this repair (Edit > Undo takes it back)."
            return tip
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt API
        """Column names."""
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return HEADERS[section]
        return None


class FindingsView(QTableView):
    """Findings list: selecting a row selects its cells; clicking 'Apply' applies the repair."""

    finding_selected = Signal(int)
    repair_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.findings = FindingsModel(self)
        self.setModel(self.findings)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        h = self.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.Interactive)
        h.setStretchLastSection(True)
        self.setColumnWidth(0, 24)
        self.setColumnWidth(1, 150)
        self.setColumnWidth(2, 150)
        self.setColumnWidth(3, 420)
        self.clicked.connect(self._clicked)
        self.activated.connect(lambda idx: self.finding_selected.emit(idx.row()))
        self.setAccessibleName("Findings")

    def set_release(self, rs) -> None:
        """Show a release's findings."""
        self.findings.set_release(rs)

    def currentChanged(self, current, previous):  # noqa: N802 - Qt API
        """Keyboard moves select the finding's cells too."""
        super().currentChanged(current, previous)
        if current.isValid() and current.row() != previous.row():
            self.finding_selected.emit(current.row())

    def _clicked(self, index) -> None:
        if index.column() == REPAIR and self.findings.places[index.row()].finding.suggestion:
            self.repair_requested.emit(index.row())
        else:
            self.finding_selected.emit(index.row())

    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        """Ctrl+Enter applies the repair of the current finding."""
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and event.modifiers() & Qt.ControlModifier:
            idx = self.currentIndex()
            if idx.isValid():
                self.repair_requested.emit(idx.row())
            return
        super().keyPressEvent(event)
