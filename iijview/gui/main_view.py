"""The main window: library, statement tabs and table, source pane, findings, chart, menus."""
from __future__ import annotations

import importlib.util

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (QComboBox, QDockWidget, QLabel, QMainWindow, QProgressBar,
                               QStackedWidget, QTabBar, QVBoxLayout, QWidget)

from iijview.gui.export_task import ExportMixin
from iijview.gui.find_view import FindView
from iijview.gui.findings_view import FindingsView
from iijview.gui.formatting import UNIT_MODES
from iijview.gui.library_view import LibraryView
from iijview.gui.loading import Loader
from iijview.gui.repairs import FindingsMixin
from iijview.gui.session import SessionMixin, sample_paths
from iijview.gui.source_view import SourceView
from iijview.gui.start_view import StartView
from iijview.gui.source_index import SourceIndex, row_span
from iijview.gui.state import ReleaseState
from iijview.gui.statement_model import StatementModel
from iijview.gui.statement_view import StatementView

__all__ = ["MainWindow", "sample_paths"]


class MainWindow(SessionMixin, FindingsMixin, ExportMixin, QMainWindow):
    """The app window over a Workspace; all shown state lives in ReleaseState objects."""

    def __init__(self, workspace):
        super().__init__()
        self.ws = workspace
        self.releases: list[ReleaseState] = []
        self.current: ReleaseState | None = None
        self.st_key: str | None = None
        self.models: dict[tuple[int, str], StatementModel] = {}
        self.stacks: dict[int, QUndoStack] = {}
        self.source_index: dict[int, SourceIndex] = {}
        self.undo_group = QUndoGroup(self)
        self.mode = self.ws.setting("unit_mode", "printed")
        if self.mode not in UNIT_MODES:
            self.mode = "printed"
        self.matches: list[tuple[str, int, int]] = []
        self.match_at = -1
        self.loader = Loader(workspace, self)
        self.loader.loaded.connect(self.add_result)
        self.loader.progress.connect(self._progress)
        self.setWindowTitle("iijview")
        self.setAcceptDrops(True)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self.resize(1400, 860)
        self._show_start()

    # -- construction ----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.start = StartView()
        self.start.open_requested.connect(self.open_dialog)
        self.start.samples_requested.connect(self.open_samples)
        self.start.recent_requested.connect(lambda p: self.open_paths([p]))
        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.unit_box = QComboBox()
        for mode, (text, _d, _n) in UNIT_MODES.items():
            self.unit_box.addItem(text, mode)
        self.unit_box.setToolTip("Display unit of yen and dollar amounts")
        self.unit_box.setAccessibleName("Display unit")
        self.unit_box.currentIndexChanged.connect(
            lambda i: self.set_mode(self.unit_box.itemData(i)))
        top = QWidget()
        top_lay = QVBoxLayout(top)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.setSpacing(0)
        self.table = StatementView()
        self.table.status_message.connect(self.say)
        self.table.current_changed.connect(self._cell_changed)
        self.find_bar = FindView()
        self.find_bar.hide()
        self.find_bar.search.connect(self.find)
        self.find_bar.step.connect(self.find_step)
        self.find_bar.closed.connect(self.table.setFocus)
        top_lay.addWidget(self.tabs)
        top_lay.addWidget(self.find_bar)
        top_lay.addWidget(self.table, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start)
        self.stack.addWidget(top)
        self.setCentralWidget(self.stack)

        self.library = LibraryView()
        self.library.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.show_release(cur.row()))
        self.source = SourceView()
        self.source.cell_requested.connect(self.jump_to_offset)
        self.findings = FindingsView()
        self.findings.findings.is_applied = self._repair_applied
        self.findings.finding_selected.connect(self.select_finding)
        self.findings.repair_requested.connect(self.apply_repair)
        self.docks = {}
        for name, title, widget, area in (
                ("library", "Releases", self.library, Qt.LeftDockWidgetArea),
                ("source", "Source", self.source, Qt.RightDockWidgetArea),
                ("findings", "Findings", self.findings, Qt.BottomDockWidgetArea)):
            self.docks[name] = self._dock(name, title, widget, area)
        # The chart (pyqtgraph, half a second to import) is built the first time it is shown.
        self.chart = None
        self._chart_box = QWidget()
        QVBoxLayout(self._chart_box).setContentsMargins(0, 0, 0, 0)
        self.docks["chart"] = self._dock("chart", "Chart", self._chart_box, Qt.BottomDockWidgetArea)
        self.tabifyDockWidget(self.docks["findings"], self.docks["chart"])
        self.docks["findings"].raise_()
        self.docks["chart"].visibilityChanged.connect(self._chart_shown)
        self.resizeDocks([self.docks["library"], self.docks["source"]], [280, 340], Qt.Horizontal)
        self.resizeDocks([self.docks["findings"]], [190], Qt.Vertical)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.progress_label = QLabel()
        self.statusBar().addPermanentWidget(self.progress_label)
        self.statusBar().addPermanentWidget(self.progress)
        self._progress_timer = QTimer(self, singleShot=True, interval=300)
        self._progress_timer.timeout.connect(self._show_progress)
        self._recheck_timer = QTimer(self, singleShot=True, interval=600)
        self._recheck_timer.timeout.connect(self.recheck)

    def _chart_shown(self, visible: bool) -> None:
        if not visible:
            return
        if self.chart is None:
            try:
                from iijview.gui.chart_view import ChartView
            except ImportError:  # pyqtgraph is optional
                self._chart_box.layout().addWidget(QLabel("Charts need pyqtgraph, which is not installed."))
                self.docks["chart"].visibilityChanged.disconnect(self._chart_shown)
                return
            self.chart = ChartView()
            self._chart_box.layout().addWidget(self.chart)
        r, _c = self.table.current()
        if r >= 0 and self.table.model is not None:
            self.chart.show_row(self.table.model.table, r)

    def _dock(self, name: str, title: str, widget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        act = QAction(text, self)
        act.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            act.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            act.setStatusTip(tip)
        return act

    def _build_actions(self) -> None:
        a = self._action
        self.act_open = a("&Open\u2026", self.open_dialog, QKeySequence.Open, "Open release files")
        self.act_samples = a("Open bundled &samples", self.open_samples, None,
                             "Open the five sample releases that come with iijview")
        self.act_close = a("&Close release", self.close_release, QKeySequence.Close)
        self.act_quit = a("&Quit", self.close, QKeySequence.Quit)
        self.act_export = a("&Export release to Excel\u2026", lambda: self.export_excel(False))
        self.act_export_all = a("Export &all open releases to Excel\u2026",
                                lambda: self.export_excel(True))
        self.act_undo = self.undo_group.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts([QKeySequence.Undo])
        self.act_redo = self.undo_group.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_copy = a("&Copy", self.table.copy, QKeySequence.Copy, "Copy as tab-separated text")
        self.act_paste = a("&Paste", self.table.paste, QKeySequence.Paste)
        self.act_insert = a("&Insert row below", self.table.insert_row, "Ctrl+Shift+I")
        self.act_delete = a("&Delete row", self.table.delete_rows, "Ctrl+Shift+Del")
        self.act_revert = a("Re&vert to parsed value", self.table.revert_selection, "Ctrl+Shift+R",
                            "Undo your corrections on the selected cells")
        self.act_find = a("&Find\u2026", self.find_bar.open_bar, QKeySequence.Find)
        self.act_find_next = a("Find &next", lambda: self.find_step(1), QKeySequence.FindNext)
        self.act_find_prev = a("Find pre&vious", lambda: self.find_step(-1),
                               QKeySequence.FindPrevious)
        self.act_next_tab = a("Next statement", lambda: self._step_tab(1), "Ctrl+PgDown")
        self.act_prev_tab = a("Previous statement", lambda: self._step_tab(-1), "Ctrl+PgUp")
        self.unit_group = QActionGroup(self)
        self.unit_actions = {}
        for n, (mode, (text, _d, _x)) in enumerate(UNIT_MODES.items(), start=1):
            act = a(f"Amounts {text.lower()}", lambda m=mode: self.set_mode(m), f"Ctrl+Alt+{n}")
            act.setCheckable(True)
            self.unit_group.addAction(act)
            self.unit_actions[mode] = act
        focus = [("library", self.library), ("table", self.table), ("source", self.source),
                 ("findings", self.findings)]
        self.focus_actions = [a(f"Go to {name}", lambda w=w: self._focus(w), f"Alt+{i}")
                              for i, (name, w) in enumerate(focus, start=1)]

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&File")
        m.addActions([self.act_open, self.act_samples])
        self.recent_menu = m.addMenu("Open &recent")
        m.addSeparator()
        m.addActions([self.act_export, self.act_export_all])
        m.addSeparator()
        m.addActions([self.act_close, self.act_quit])
        m = mb.addMenu("&Edit")
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_copy, self.act_paste])
        m.addSeparator()
        m.addActions([self.act_insert, self.act_delete, self.act_revert])
        m.addSeparator()
        m.addActions([self.act_find, self.act_find_next, self.act_find_prev])
        m = mb.addMenu("&View")
        um = m.addMenu("Display &unit")
        um.addActions(list(self.unit_actions.values()))
        m.addActions([self.act_next_tab, self.act_prev_tab])
        m.addSeparator()
        for dock in self.docks.values():
            m.addAction(dock.toggleViewAction())
        m.addSeparator()
        m.addActions(self.focus_actions)
        tb = self.addToolBar("Main")
        tb.setObjectName("toolbar_main")
        # Short toolbar buttons; the Edit menu carries the named undo/redo actions.
        self.tb_undo = self._action("Undo", self.undo_group.undo, None, "Undo the last edit")
        self.tb_redo = self._action("Redo", self.undo_group.redo, None, "Redo")
        self.undo_group.canUndoChanged.connect(self.tb_undo.setEnabled)
        self.undo_group.canRedoChanged.connect(self.tb_redo.setEnabled)
        self.undo_group.undoTextChanged.connect(lambda t: self.tb_undo.setToolTip(f"Undo {t}"))
        self.undo_group.redoTextChanged.connect(lambda t: self.tb_redo.setToolTip(f"Redo {t}"))
        self.tb_undo.setEnabled(False)
        self.tb_redo.setEnabled(False)
        tb.addActions([self.act_open, self.tb_undo, self.tb_redo])
        tb.addSeparator()
        tb.addWidget(QLabel(" Amounts: "))
        tb.addWidget(self.unit_box)
        self.unit_box.setCurrentIndex(list(UNIT_MODES).index(self.mode))
        self.unit_actions[self.mode].setChecked(True)
        self._fill_recent()
        has_export = importlib.util.find_spec("iijview.export") is not None
        for act in (self.act_export, self.act_export_all):
            act.setEnabled(has_export)
            if not has_export:
                act.setStatusTip("Excel export is not installed in this build")

    # -- showing ---------------------------------------------------------------------------

    def show_release(self, i: int) -> None:
        """Show release i of the library: its statement tabs, source and findings."""
        if not (0 <= i < len(self.releases)):
            return
        rs = self.releases[i]
        if rs is self.current:
            return
        self.current = rs
        self.undo_group.setActiveStack(self.stacks[id(rs)])
        self.setWindowTitle(f"iijview \u2014 {rs.summary[0]} {rs.release.standard} ({rs.release.name})")
        self.source.show_text(id(rs), rs.release.text)
        self.findings.set_release(rs)
        self.tabs.blockSignals(True)
        while self.tabs.count():
            self.tabs.removeTab(0)
        for st in rs.release.statements:
            n = self.tabs.addTab(st.title)
            self.tabs.setTabData(n, st.key)
            self.tabs.setTabToolTip(n, f"{st.title} (source lines {st.line}\u2013{st.end_line})")
        self.tabs.blockSignals(False)
        self.st_key = None
        self.tabs.setCurrentIndex(0)
        self._tab_changed(0)
        if self.library.currentIndex().row() != i:
            self.library.selectRow(i)

    def model_for(self, rs: ReleaseState, st_key: str) -> StatementModel:
        """The (cached) table model of one statement of an open release."""
        key = (id(rs), st_key)
        m = self.models.get(key)
        if m is None:
            table = rs.table(st_key)
            table.set_mode(self.mode)
            m = self.models[key] = StatementModel(table, self.stacks[id(rs)], self)
            m.edited.connect(self._edited)
        elif m.table.mode != self.mode:
            m.set_mode(self.mode)
        return m

    def show_statement(self, st_key: str) -> StatementModel | None:
        """Switch to a statement's tab of the current release; return its model."""
        if self.current is None:
            return None
        for n in range(self.tabs.count()):
            if self.tabs.tabData(n) == st_key:
                if self.tabs.currentIndex() != n:
                    self.tabs.setCurrentIndex(n)
                return self.table.model
        return None

    def _tab_changed(self, n: int) -> None:
        if self.current is None or n < 0:
            return
        key = self.tabs.tabData(n)
        if key == self.st_key:
            return
        self.st_key = key
        self.table.set_model(self.model_for(self.current, key))
        self.source.clear_highlight()
        self.table.go(0, 1 if self.table.model.columnCount() > 1 else 0)

    def _step_tab(self, d: int) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + d) % self.tabs.count())

    def set_mode(self, mode: str) -> None:
        """Switch the display unit of amounts (remembered in the workspace)."""
        if mode not in UNIT_MODES:
            return
        self.mode = mode
        self.ws.set_setting("unit_mode", mode)
        self.unit_actions[mode].setChecked(True)
        i = list(UNIT_MODES).index(mode)
        if self.unit_box.currentIndex() != i:
            self.unit_box.setCurrentIndex(i)
        if self.table.model is not None:
            self.table.model.set_mode(mode)
            self._cell_changed(*self.table.current())

    def _cell_changed(self, r: int, c: int) -> None:
        """Follow the current cell in the source pane and the chart."""
        m = self.table.model
        if m is None or r < 0 or self.current is None:
            return
        t = m.table
        row = t.item(r)
        cell = t.cell(r, c) if c > 0 else None
        if cell is None or cell.start < 0:
            cell = next((x for x in row.cells.values() if x.start >= 0), None)
        if cell is not None and cell.start >= 0:
            rs, re_ = row_span(self.current.release.text, row, cell)
            self.source.highlight(cell.start, cell.end, rs, re_)
        else:
            self.source.clear_highlight()
        if self.chart is not None and self.docks["chart"].isVisible():
            self.chart.show_row(t, r)

    def jump_to_offset(self, offset: int) -> None:
        """Select the cell whose number is at (or nearest to) a source offset."""
        if self.current is None:
            return
        idx = self.source_index.get(id(self.current))
        if idx is None:
            idx = self.source_index[id(self.current)] = SourceIndex(self.current)
        hit = idx.cell_at(offset)
        if hit is None:
            self.say("No table value on this source line.")
            return
        st_key, anchor, col_key = hit
        self.go_cell(st_key, anchor, col_key)

    def go_cell(self, st_key: str, anchor: str, col_key: str = "") -> bool:
        """Select a cell by statement, row anchor and column key."""
        m = self.show_statement(st_key)
        if m is None:
            return False
        r = m.table.row_of(anchor)
        if r < 0:
            self.say("That row is no longer in the table.")
            return False
        c = m.table.col_of(col_key) if col_key else 0
        self.table.go(r, max(c, 0))
        return True

    # -- find ------------------------------------------------------------------------------

    def find(self, text: str) -> None:
        """Find labels and values across the statements of the shown release."""
        self.matches, self.match_at = [], -1
        if self.current is not None and text.strip():
            for st in self.current.release.statements:
                t = self.model_for(self.current, st.key).table
                self.matches += [(st.key, r, c) for r, c in t.matches(text)]
        self.find_bar.set_count(0, len(self.matches))
        if self.matches:
            self.find_step(1)

    def find_step(self, d: int) -> None:
        """Go to the next (d=1) or previous (d=-1) match."""
        if not self.matches:
            if self.find_bar.edit.text().strip():
                self.say(f"No cell contains \u201c{self.find_bar.edit.text()}\u201d.")
            return
        self.match_at = (self.match_at + d) % len(self.matches)
        st_key, r, c = self.matches[self.match_at]
        self.show_statement(st_key)
        self.table.go(r, c)
        self.find_bar.set_count(self.match_at, len(self.matches))
        if self.find_bar.isVisible():
            self.find_bar.edit.setFocus()

    # -- misc ------------------------------------------------------------------------------

    def say(self, text: str) -> None:
        """A message in the status bar."""
        self.statusBar().showMessage(text, 10000)

    def _focus(self, widget) -> None:
        widget.setFocus()

    def dragEnterEvent(self, event):  # noqa: N802 - Qt API
        """Accept dragged files."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event):  # noqa: N802 - Qt API
        """Open dropped files."""
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.open_paths(paths)
            event.acceptProposedAction()
