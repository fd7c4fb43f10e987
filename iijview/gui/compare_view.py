"""The Compare page: open releases side by side (a table with frozen labels) and a chart of the chosen rows.

Corrections typed here land on the source cell through that release's undo stack; manual row
mappings are stored in the workspace and undone on the page's own stack (compare_dialogs).
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import (QCheckBox, QComboBox, QLabel, QMenu, QPushButton, QSplitter, QToolBar,
                               QVBoxLayout, QWidget)

from iijview.compare import (KIND_TITLES, PERIOD_KINDS, VIEW_TITLES, CompareOptions, build_comparison,
                             statement_kinds)
from iijview.compare.knowledge import knowledge
from iijview.compare.series import ChartData, chart_data
from iijview.gui.compare_dialogs import MapRowCommand, ask_change, ask_target_row
from iijview.gui.compare_grid import CompareGrid
from iijview.gui.compare_model import CompareModel
from iijview.gui.formatting import InputError, stored_value
from iijview.model import STATEMENT_TITLES
from iijview.naming import plural

UNITS = {"thousands": "JPY thousands", "millions": "JPY millions", "billions": "JPY billions"}
PERIODS = {"quarters": "Quarters", "halves": "Half years", "9m": "Nine months", "fy": "Fiscal years",
           "balances": "Balances", "targets": "Targets", "all": "All periods"}
VIEWS = {"all": "Every period", "latest": "Latest vs a year earlier"}
SETTING = "compare_view"


class CompareView(QWidget):
    """Toolbar of choices, the comparison table (labels frozen) and the chart, side by side."""

    status_message = Signal(str)

    def __init__(self, window):
        super().__init__()
        self.window = window
        self.ws = window.ws
        self.comp = None
        self.states: list = []
        self.changes: list[tuple[str, str]] = []
        self.stack = QUndoStack(window.undo_group)
        self.chart = None
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.refresh)
        self.hidden_panes: list[str] = []
        self._sized = False
        saved = self.ws.setting(SETTING, {}) or {}
        self._build(saved if isinstance(saved, dict) else {})

    # -- construction ----------------------------------------------------------------------

    def _combo(self, items: dict, chosen, name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        for key, text in items.items():
            box.addItem(text, key)
        i = box.findData(chosen)
        box.setCurrentIndex(max(i, 0))
        box.currentIndexChanged.connect(lambda _i: self.choices_changed())
        return box

    def _build(self, saved: dict) -> None:
        bar = QToolBar()
        self.kind_box = self._combo({}, None, "Statement to compare")
        self.kind_box.setMinimumContentsLength(16)
        self.kind_box.setToolTip("The statement whose lines are compared")
        self._wanted_kind = saved.get("statement", "income_statement")
        self.period_box = self._combo(PERIODS, saved.get("periods", "all"), "Periods shown")
        self.period_box.setToolTip("\n".join(f"{PERIODS[k]}: {KIND_TITLES[k]}" for k in PERIOD_KINDS))
        self.view_box = self._combo(VIEWS, saved.get("view", "all"), "View")
        self.view_box.setToolTip("\n".join(VIEW_TITLES.values()))
        self.unit_box = self._combo(UNITS, saved.get("unit", "millions"), "Unit of yen amounts")
        self.style_box = self._combo({"lines": "Chart: lines", "bars": "Chart: bars"}, saved.get("style", "lines"),
                                     "Chart style")
        self.first_box = QCheckBox("As first reported")
        self.first_box.setToolTip("Show each figure as first reported (default: as last reported)")
        self.first_box.setChecked(bool(saved.get("first_reported", False)))
        self.first_box.toggled.connect(lambda _c: self.choices_changed())
        self.ratio_box = QCheckBox("Margins")
        self.ratio_box.setToolTip("Gross, operating and net margin rows (% of revenues)")
        self.ratio_box.setChecked(bool(saved.get("ratios", True)))
        self.ratio_box.toggled.connect(lambda _c: self.choices_changed())
        self.change_button = QPushButton("Add change\u2026")
        self.change_button.setAccessibleName("Add a change column")
        self.change_button.setToolTip("Add a difference and a % change column between two periods")
        self.change_button.clicked.connect(self.add_change_dialog)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Remove the change columns you added")
        self.clear_button.clicked.connect(self.clear_changes)
        for widget in (self.kind_box, self.period_box, self.view_box, self.unit_box):
            bar.addWidget(widget)
        bar.addSeparator()
        for widget in (self.first_box, self.ratio_box, self.change_button, self.clear_button):
            bar.addWidget(widget)
        bar.addSeparator()
        bar.addWidget(self.style_box)
        self.model = CompareModel(self)
        self.model.edit_requested.connect(self.edit_cell)
        self.labels = CompareGrid(self, frozen=True)
        self.values = CompareGrid(self, frozen=False)
        for grid in (self.labels, self.values):
            grid.setModel(self.model)
        self.labels.setSelectionModel(self.values.selectionModel())
        self.values.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        lv, vv = self.labels.verticalScrollBar(), self.values.verticalScrollBar()
        vv.valueChanged.connect(lv.setValue)
        lv.valueChanged.connect(vv.setValue)
        table = QSplitter(Qt.Horizontal)
        table.setChildrenCollapsible(False)
        table.addWidget(self.labels)
        table.addWidget(self.values)
        table.setStretchFactor(1, 1)
        self.table_split = table
        self.chart_box = QWidget()
        QVBoxLayout(self.chart_box).setContentsMargins(0, 0, 0, 0)
        self.split = QSplitter(Qt.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(table)
        self.split.addWidget(self.chart_box)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(bar)
        lay.addWidget(self.split, 1)
        lay.addWidget(self.summary)
        self.setFocusProxy(self.values)

    def resizeEvent(self, event):  # noqa: N802 - Qt API
        """Chart beside the table on wide windows, below it on narrow ones; the table gets 3/5."""
        super().resizeEvent(event)
        wanted = Qt.Horizontal if self.width() >= 1250 else Qt.Vertical
        if self.split.orientation() != wanted or not self._sized:
            self.split.setOrientation(wanted)
            total = self.width() if wanted == Qt.Horizontal else self.height() - 60
            self.split.setSizes([int(total * 0.6), int(total * 0.4)])
            self._sized = True

    # -- state -----------------------------------------------------------------------------

    def options(self) -> CompareOptions:
        """The choices of the toolbar as CompareOptions."""
        return CompareOptions(self.kind_box.currentData() or self._wanted_kind,
                              self.period_box.currentData(), self.view_box.currentData(),
                              self.first_box.isChecked(), self.ratio_box.isChecked(),
                              tuple(self.changes))

    @property
    def mode(self) -> str:
        """The display unit of yen amounts."""
        return self.unit_box.currentData() or "millions"

    def choices_changed(self) -> None:
        """A toolbar choice changed: remember it and rebuild."""
        if self.kind_box.currentData():
            self._wanted_kind = self.kind_box.currentData()
        o = self.options()
        self.ws.set_setting(SETTING, {"statement": o.statement, "periods": o.periods, "view": o.view,
                                      "unit": self.mode, "style": self.style_box.currentData(),
                                      "first_reported": o.first_reported, "ratios": o.ratios})
        self.refresh()

    def schedule_refresh(self) -> None:
        """Rebuild soon (after an undo or redo), if the page is shown."""
        if self.isVisible():
            self._refresh_timer.start()

    def _fill_kinds(self, releases) -> None:
        kinds = statement_kinds(releases)
        current = [self.kind_box.itemData(i) for i in range(self.kind_box.count())]
        if kinds == current:
            return
        self.kind_box.blockSignals(True)
        self.kind_box.clear()
        for kind in kinds:
            self.kind_box.addItem(STATEMENT_TITLES.get(kind, kind), kind)
        i = self.kind_box.findData(self._wanted_kind)
        self.kind_box.setCurrentIndex(i if i >= 0 else 0)
        self.kind_box.blockSignals(False)

    def refresh(self) -> None:
        """Rebuild the comparison from the open releases, keeping the selected rows and column."""
        self._refresh_timer.stop()
        self.states = list(self.window.releases)
        releases = [rs.release for rs in self.states]
        self._fill_kinds(releases)
        keep_rows = {self.comp.rows[r].key for r in self.selected_rows()} if self.comp else set()
        r0, c0 = self.current()
        keep = (self.comp.rows[r0].key if self.comp and 0 <= r0 < len(self.comp.rows) else None,
                self.comp.columns[c0 - 1].key if self.comp and 0 < c0 <= len(self.comp.columns) else None)
        options = self.options()
        if not releases or not self.kind_box.count():
            self.comp = None
            self.model.set_comparison(None, self.mode)
            self.summary.setText("Open releases to compare them.")
            self._update_chart()
            return
        mappings = self.ws.mappings_for(options.statement)
        self.comp = build_comparison(releases, options, mappings)
        self.model.set_comparison(self.comp, self.mode)
        self._layout_columns()
        self._restore_selection(keep_rows, keep)
        self._say_summary()
        self._update_chart()

    def _layout_columns(self) -> None:
        n = self.model.columnCount()
        for c in range(n):
            self.labels.setColumnHidden(c, c != 0)
            self.values.setColumnHidden(c, c == 0)
        fm = self.values.fontMetrics()
        lines = max((h.count("\n") + 1 for h in self.model._headers), default=1)
        for grid in (self.labels, self.values):
            grid.horizontalHeader().setFixedHeight(fm.height() * lines + 12)
            grid.verticalHeader().setDefaultSectionSize(fm.height() + 8)
        for c in range(1, n):
            head = max((fm.horizontalAdvance(x) for x in self.model._headers[c].split("\n")), default=0)
            body = max((fm.horizontalAdvance(t[c]) for t in self.model._text[:400]), default=0)
            self.values.setColumnWidth(c, max(64, head + 28, body + 18))
        width = max((fm.horizontalAdvance(t[0]) for t in self.model._text), default=120)
        label_w = min(320, max(160, width + 24))
        self.labels.setColumnWidth(0, label_w)
        self.table_split.setSizes([label_w + 4, max(200, self.table_split.width() - label_w - 4)])

    def _restore_selection(self, rows: set[str], keep: tuple) -> None:
        comp = self.comp
        r = next((i for i, row in enumerate(comp.rows) if row.key == keep[0]), -1)
        c = comp.column_index(keep[1]) + 1 if keep[1] else 0
        if r < 0:
            return
        self.go(r, max(c, 0), focus=False)
        sel = self.values.selectionModel()
        for i, row in enumerate(comp.rows):
            if row.key in rows and i != r:
                sel.select(self.model.index(i, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)

    def _say_summary(self) -> None:
        comp = self.comp
        derived = sum(1 for c in comp.cells.values() if c.kind == "derived")
        parts = [f"{plural(len(comp.releases), 'release')}, {plural(sum(1 for r in comp.rows if not r.heading), 'line')}, "
                 f"{plural(len(comp.columns), 'column')}; {plural(derived, 'figure')} derived"]
        if comp.findings:
            parts.append(f"{plural(len(comp.findings), 'figure')} disagree{'s' if len(comp.findings) == 1 else ''} within a release (orange)")
        if comp.inferred_standard:
            parts.append("the standard of some releases is inferred from IIJ's history")
        legend = ("Blue italic: derived; lavender: restated by a later release; green: corrected; "
                  "orange: disagrees; the red rule marks the change from U.S. GAAP to IFRS.")
        self.summary.setText("; ".join(parts) + ". " + legend)

    # -- selection, navigation -------------------------------------------------------------

    def current(self) -> tuple[int, int]:
        """Current (row, model column); column 0 is the label."""
        idx = self.values.selectionModel().currentIndex()
        return (idx.row(), idx.column()) if idx.isValid() else (-1, -1)

    def go(self, r: int, c: int, focus: bool = True) -> None:
        """Make (r, c) the current cell, selected and visible."""
        if not (0 <= r < self.model.rowCount()):
            return
        c = max(0, min(c, self.model.columnCount() - 1))
        grid = self.labels if c == 0 else self.values
        idx = self.model.index(r, c)
        grid.selectionModel().setCurrentIndex(idx, QItemSelectionModel.ClearAndSelect)
        grid.scrollTo(idx)
        if focus:
            grid.setFocus()

    def selected_rows(self) -> list[int]:
        """Rows with a selected cell, in order."""
        if self.comp is None:
            return []
        rows = {i.row() for i in self.values.selectionModel().selectedIndexes()}
        return sorted(r for r in rows if r < len(self.comp.rows))

    def _selection_changed(self) -> None:
        self._update_chart()

    # -- chart -----------------------------------------------------------------------------

    def ensure_chart(self):
        """Build the chart the first time it is needed (pyqtgraph takes a moment to import)."""
        if self.chart is None:
            try:
                from iijview.gui.compare_chart_view import CompareChartView
            except ImportError:
                self.chart_box.layout().addWidget(QLabel("Charts need pyqtgraph, which is not installed."))
                self.chart = False
                return None
            self.chart = CompareChartView()
            self.chart.saved.connect(lambda p: self.status_message.emit(f"Saved the chart to {p}."))
            self.chart_box.layout().addWidget(self.chart)
        return self.chart or None

    def chart_rows(self) -> list[int]:
        """The rows to chart: the selected ones with figures, else the statement's headline rows."""
        comp = self.comp
        rows = [r for r in self.selected_rows() if not comp.rows[r].heading]
        if rows:
            return rows[:8]
        heads = knowledge().headlines.get(comp.options.statement, ())
        rows = [comp.row_index(k) for k in heads if comp.row_index(k) >= 0]
        return rows or [r for r, row in enumerate(comp.rows) if row.kind == "line"][:1]

    def _update_chart(self) -> None:
        chart = self.ensure_chart()
        if chart is None:
            return
        if self.comp is None:
            chart.show_data(ChartData([], [], [], []), "Open releases to compare them.")
            return
        data = chart_data(self.comp, self.chart_rows(), self.mode)
        title = f"{self.comp.title}: " + ", ".join(list(dict.fromkeys(s.label for s in data.series))[:4])
        chart.show_data(data, title, self.style_box.currentData())

    # -- edits -----------------------------------------------------------------------------

    def edit_cell(self, r: int, c: int, typed: str) -> bool:
        """Route a correction typed in the comparison to its source cell, as an undoable edit."""
        from iijview.gui.commands import CellCommand

        cell = self.comp.cell(r, c - 1) if self.comp else None
        if cell is None or not cell.editable:
            self.status_message.emit("Only printed figures can be corrected; derived and computed "
                                     "cells follow them.")
            return False
        fig = cell.source
        rs = self.states[fig.release]
        model = self.window.model_for(rs, fig.statement)
        t = model.table
        col = t.col_of(fig.column)
        unit, scale = t.unit(fig.row, col)
        try:
            value, text = stored_value(typed, unit, scale, "value", self.mode)
        except InputError as exc:
            self.status_message.emit(f"{exc} The cell keeps its value.")
            return False
        old = t.cell(fig.row, col)
        if old is not None and old.value == value:
            return True
        after = t.corrected_snapshot(fig.row, col, value, text)
        name = f"{self.comp.rows[r].label} {self.comp.columns[c - 1].title} ({rs.release.name})"
        stack = self.window.stacks[id(rs)]
        self.window.undo_group.setActiveStack(stack)
        stack.push(CellCommand(model, t.anchors[fig.row], fig.column, after, f"Edit {name}"))
        self.refresh()
        self.status_message.emit(f"Corrected {name}; Edit > Undo takes it back.")
        return True

    def map_row_dialog(self, r: int) -> None:
        """Ask which row a line belongs to, then map it there (undoable)."""
        target = ask_target_row(self, self.comp, r)
        if target is not None:
            self.map_row(self.comp.rows[r].key, target, self.comp.rows[r].label)

    def map_row(self, source: str, target: str, label: str) -> None:
        """Map row `source` onto row `target` (target '' removes the mapping), undoably."""
        self.window.undo_group.setActiveStack(self.stack)
        self.stack.push(MapRowCommand(self, self.comp.options.statement, source, target, label))
        self.status_message.emit(f"{'Mapped' if target else 'Unmapped'} {label}; Edit > Undo takes it back.")

    def add_change_dialog(self) -> None:
        """Choose two periods; add their difference and % change columns."""
        if self.comp is None or not self.comp.period_columns:
            return
        _r, c = self.current()
        current = self.comp.columns[c - 1] if 0 < c <= len(self.comp.columns) else None
        chosen = ask_change(self, self.comp, current)
        if chosen is not None:
            self.add_change(*chosen)

    def add_change(self, base: str, new: str) -> None:
        """Add difference and % change columns between two period columns."""
        if (base, new) not in self.changes:
            self.changes.append((base, new))
        self.refresh()

    def clear_changes(self) -> None:
        """Remove the change columns added on demand."""
        self.changes.clear()
        self.refresh()

    # -- menus and clipboard ---------------------------------------------------------------

    def context_menu(self, grid, pos) -> None:
        """Copy, chart, map or unmap a line, go to a figure's source."""
        if self.comp is None:
            return
        idx = grid.indexAt(pos)
        menu = QMenu(self)
        menu.addAction("Copy", self.copy)
        menu.addAction("Chart selected rows", self._update_chart)
        if idx.isValid():
            r, c = idx.row(), idx.column()
            row = self.comp.rows[r]
            if row.kind == "line":
                menu.addSeparator()
                menu.addAction(f"Map \u201c{row.label}\u201d to another row\u2026",
                               lambda: self.map_row_dialog(r))
                mapped = [(s, t) for s, t in self.ws.mappings_for(self.comp.options.statement).items()
                          if t == row.key]
                for source, _t in mapped:
                    label = next((m.label for m in self.ws.row_mappings(self.comp.options.statement)
                                  if m.source == source), source)
                    menu.addAction(f"Unmap \u201c{label}\u201d from this row",
                                   lambda s=source, lb=label: self.map_row(s, "", lb))
            cell = self.comp.cell(r, c - 1) if c > 0 else None
            if cell is not None and cell.source is not None:
                menu.addSeparator()
                menu.addAction("Show the figure in its release", lambda: self.show_source(r, c))
        menu.exec(grid.viewport().mapToGlobal(pos))

    def show_source(self, r: int, c: int) -> None:
        """Leave the comparison for the release and cell the shown figure comes from."""
        fig = self.comp.cell(r, c - 1).source
        rs = self.states[fig.release]
        from iijview.gui.compare_page import set_compare_shown

        set_compare_shown(self.window, False)
        self.window.show_release(self.window.releases.index(rs), fig.statement)
        self.window.go_cell(fig.statement, rs.anchors[fig.statement][fig.row], fig.column)

    def copy_text(self) -> str:
        """Selected cells as TSV with a header row and the line labels."""
        cells = sorted({(i.row(), i.column()) for i in self.values.selectionModel().selectedIndexes()})
        if not cells:
            return ""
        rows = sorted({r for r, _ in cells})
        cols = sorted({c for _, c in cells} | {0})
        out = ["\t".join(self.model.header_text(c) for c in cols)]
        for r in rows:
            out.append("\t".join(self.model._text[r][c].strip() for c in cols))
        return "\n".join(out) + "\n"

    def copy(self) -> None:
        """Copy the selection to the clipboard as TSV."""
        text = self.copy_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.status_message.emit(f"Copied {text.count(chr(10)) - 1} rows.")


__all__ = ["CompareView"]
