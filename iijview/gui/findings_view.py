"""The findings panel: every finding of the shown release, sortable; click to select its cells,
apply its repair (or the same repair at every period), right-click for more."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from iijview.gui.formatting import figure_text
from iijview.naming import plural

HEADERS = ("", "Statement", "Period", "Message", "Repair", "Rule")
SEVERITY_COL, STATEMENT, PERIOD, MESSAGE, REPAIR, RULE = range(6)
SEVERITY = {"error": ("\u25cf", QColor("#c92a2a"), 0), "warning": ("\u25b2", QColor("#e8590c"), 1),
            "info": ("\u25cb", QColor("#1971c2"), 2)}
SORT = int(Qt.UserRole.value) + 3
APPLY_FG = QBrush(QColor("#1a5fb4"))
DONE_FG = QBrush(QColor("#2b8a3e"))


def repair_text(suggestion: dict | None) -> str:
    """'Apply: Set Revenues = 125,000', 'Apply: Insert Treasury stock = (1,896,784)',
    'Revert my edit: Retained earnings back to 4,511,945', or '' without a suggestion."""
    if not suggestion:
        return ""
    value = suggestion.get("value")
    shown = figure_text(value) if isinstance(value, (int, float)) else str(value if value is not None else "-")
    label = suggestion.get("label", "")
    if suggestion.get("revert"):
        return f"Revert my edit: {label} back to {shown}"
    verb = "Insert" if "insert_after" in suggestion else "Set"
    return f"Apply: {verb} {label} = {shown}".replace("  ", " ")


def period_text(period) -> str:
    """A finding's period in a few characters: '1Q-3Q18', 'Mar 31, 2017'."""
    if period is None:
        return ""
    return period.label().removeprefix("As of ") if period.is_instant else period.fiscal_label()


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
        """Severity, statement, period, message, repair, rule."""
        return 0 if parent.isValid() else len(HEADERS)

    def applied(self, place) -> bool:
        """True when the finding's repair is in the table now."""
        return bool(place.finding.suggestion) and self.is_applied is not None and self.is_applied(place)

    def repair_label(self, place) -> str:
        """What the Repair column says for a finding."""
        if self.applied(place):
            return "Applied \u2713 (Undo takes it back)"
        return repair_text(place.finding.suggestion)

    def plain_text(self, place) -> str:
        """The finding as one line of text (Copy message)."""
        f = place.finding
        where = " ".join(x for x in (self.titles.get(f.statement, f.statement), period_text(f.period)) if x)
        return f"{f.severity.capitalize()} [{f.rule}] {where}: {f.message}".replace(" :", ":")

    def data(self, index, role=Qt.DisplayRole):
        """Finding text per column, sort keys, colours and a tooltip with the figures."""
        place = self.places[index.row()]
        f, c = place.finding, index.column()
        if role == Qt.DisplayRole:
            return (SEVERITY.get(f.severity, ("?",))[0], self.titles.get(f.statement, f.statement),
                    period_text(f.period), f.message, self.repair_label(place), f.rule)[c]
        if role == SORT:
            if c == SEVERITY_COL:
                return (SEVERITY.get(f.severity, ("", None, 9))[2], index.row())
            if c == PERIOD:
                return (f.period.end.isoformat(), f.period.months) if f.period else ("", 0)
            if c == STATEMENT:
                keys = list(self.titles)
                return keys.index(f.statement) if f.statement in keys else len(keys)
            return str(self.data(index)).lower()
        if role == Qt.ForegroundRole:
            if c == SEVERITY_COL:
                return QBrush(SEVERITY.get(f.severity, ("", QColor("black")))[1])
            if c == REPAIR:
                return DONE_FG if self.applied(place) else APPLY_FG
        if role == Qt.ToolTipRole:
            return self._tooltip(place, c)
        return None

    def _tooltip(self, place, c: int) -> str:
        f = place.finding
        tip = [f"{f.severity.capitalize()} [{f.rule}]: {f.message}"]
        if f.expected is not None and f.found is not None:
            tip.append(f"Expected {figure_text(f.expected)}, found {figure_text(f.found)}.")
        if f.difference is not None:
            tip.append(f"Difference: {figure_text(f.difference)}.")
        if f.line:
            tip.append(f"Source line {f.line}.")
        if c == REPAIR and f.suggestion:
            tip.append("Click to apply this repair (Edit > Undo takes it back); right-click for "
                       "\u201cApply to all periods\u201d.")
        return "\n".join(tip)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt API
        """Column names (click one to sort)."""
        if orientation != Qt.Horizontal:
            return None
        if role == Qt.DisplayRole:
            return HEADERS[section]
        if role == Qt.ToolTipRole:
            return "Severity" if section == SEVERITY_COL else "Click to sort"
        return None


class _Sorter(QSortFilterProxyModel):
    def lessThan(self, left, right):  # noqa: N802 - Qt API
        """Compare by the sort keys of the model."""
        return left.data(SORT) < right.data(SORT)


class FindingsView(QWidget):
    """The findings table with a line of totals and buttons for the current finding's repair.

    Signals carry indices into the release's `places`, whatever the sort order shown.
    """

    finding_selected = Signal(int)
    repair_requested = Signal(int)
    repair_all_requested = Signal(int)
    context_requested = Signal(object, int)       # global position, finding index

    def __init__(self, parent=None):
        super().__init__(parent)
        self.findings = FindingsModel(self)
        self.sorter = _Sorter(self)
        self.sorter.setSourceModel(self.findings)
        self.view = QTableView()
        self.view.setModel(self.sorter)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.ElideRight)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.AscendingOrder)     # print order until a header is clicked
        self.view.setAccessibleName("Findings")
        self.view.setContextMenuPolicy(Qt.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        h = self.view.horizontalHeader()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(QHeaderView.Interactive)
        h.setSectionResizeMode(MESSAGE, QHeaderView.Stretch)
        h.setSectionResizeMode(SEVERITY_COL, QHeaderView.Fixed)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(lambda idx: self.finding_selected.emit(self._row(idx)))
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.installEventFilter(self)
        self.summary = QLabel()
        self.apply_button = QPushButton("Apply repair")
        self.apply_button.setToolTip("Apply the selected finding's repair (Ctrl+Enter)")
        self.apply_all_button = QPushButton("Apply to all periods")
        self.apply_all_button.setToolTip("Apply the same repair at every period where the same line is missing")
        self.apply_button.clicked.connect(lambda: self._emit_current(self.repair_requested))
        self.apply_all_button.clicked.connect(lambda: self._emit_current(self.repair_all_requested))
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.apply_button)
        bar.addWidget(self.apply_all_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(bar)
        lay.addWidget(self.view)
        self.setFocusProxy(self.view)
        self.siblings = None            # callable(n) -> finding indices sharing the repair (window)
        self._zoom = 100
        self._fit_columns()
        self._update_buttons()

    # -- contents --------------------------------------------------------------------------

    def set_release(self, rs) -> None:
        """Show a release's findings."""
        self.findings.set_release(rs)
        places = self.findings.places
        counts = {k: sum(1 for p in places if p.finding.severity == k) for k in SEVERITY}
        parts = [plural(n, k) for k, n in counts.items() if n]
        self.summary.setText(f"{plural(len(places), 'finding')}" + (f": {', '.join(parts)}" if parts else "")
                             if rs is not None else "")
        self._fit_columns()
        self._update_buttons()

    def _fit_columns(self) -> None:
        """Statement, period, repair and rule fit their text up to a share of the width; the
        message, which matters most, takes the rest."""
        fm = self.view.fontMetrics()
        width = max(400, self.view.viewport().width())
        self.view.setColumnWidth(SEVERITY_COL, fm.horizontalAdvance("\u25cf") + 16)
        for c, share in ((STATEMENT, 0.18), (PERIOD, 0.09), (REPAIR, 0.26), (RULE, 0.11)):
            texts = [HEADERS[c]] + [str(self.findings.data(self.findings.index(r, c)) or "")
                                    for r in range(min(self.findings.rowCount(), 400))]
            want = max(fm.horizontalAdvance(t) for t in texts) + 24
            self.view.setColumnWidth(c, min(int(width * share), want))

    def resizeEvent(self, event):  # noqa: N802 - Qt API
        """Columns keep their shares as the panel is resized."""
        super().resizeEvent(event)
        self._fit_columns()

    def set_zoom(self, percent: int) -> None:
        """Scale the panel's text with the tables."""
        self._zoom = percent
        font = self.view.font()
        if not hasattr(self, "_base_point"):
            self._base_point = font.pointSizeF()
        font.setPointSizeF(max(4.0, self._base_point * percent / 100))
        self.view.setFont(font)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self._fit_columns()

    def refresh_repairs(self) -> None:
        """Repaint the Repair column (after an edit applied or undid a repair)."""
        n = self.findings.rowCount()
        if n:
            self.findings.dataChanged.emit(self.findings.index(0, REPAIR), self.findings.index(n - 1, REPAIR))
        self._update_buttons()

    # -- rows ------------------------------------------------------------------------------

    def _row(self, index) -> int:
        return self.sorter.mapToSource(index).row() if index.isValid() else -1

    def current_finding(self) -> int:
        """Index (into the release's places) of the current finding, or -1."""
        return self._row(self.view.currentIndex())

    def select_finding_row(self, n: int) -> None:
        """Make finding n current (without selecting its cells)."""
        idx = self.sorter.mapFromSource(self.findings.index(n, 0))
        if idx.isValid():
            self.view.blockSignals(True)
            self.view.setCurrentIndex(idx)
            self.view.blockSignals(False)

    def _current_changed(self, current, previous) -> None:
        """Keyboard moves select the finding's cells too."""
        self._update_buttons()
        if current.isValid() and current.row() != previous.row():
            self.finding_selected.emit(self._row(current))

    def _update_buttons(self) -> None:
        n = self.current_finding()
        place = self.findings.places[n] if 0 <= n < len(self.findings.places) else None
        can = place is not None and bool(place.finding.suggestion) and not self.findings.applied(place)
        self.apply_button.setEnabled(can)
        self.apply_button.setText("Revert my edit" if can and place.finding.suggestion.get("revert")
                                  else "Apply repair")
        group = self.siblings(n) if (place is not None and self.siblings is not None) else []
        self.apply_all_button.setEnabled(len(group) > 1)
        self.apply_all_button.setText(f"Apply to all {len(group)} periods" if len(group) > 1
                                      else "Apply to all periods")

    def _emit_current(self, signal) -> None:
        n = self.current_finding()
        if n >= 0:
            signal.emit(n)

    def _clicked(self, index) -> None:
        n = self._row(index)
        if index.column() == REPAIR and self.findings.places[n].finding.suggestion:
            self.repair_requested.emit(n)
        else:
            self.finding_selected.emit(n)

    def _menu(self, pos) -> None:
        idx = self.view.indexAt(pos)
        if idx.isValid():
            self.view.setCurrentIndex(idx)
            self.context_requested.emit(self.view.viewport().mapToGlobal(pos), self._row(idx))

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        """Ctrl+Enter applies the repair of the current finding; Ctrl+Shift+Enter at every period."""
        if obj is self.view and event.type() == event.Type.KeyPress \
                and event.key() in (Qt.Key_Return, Qt.Key_Enter) and event.modifiers() & Qt.ControlModifier:
            every = bool(event.modifiers() & Qt.ShiftModifier)
            self._emit_current(self.repair_all_requested if every else self.repair_requested)
            return True
        return super().eventFilter(obj, event)
