"""The main window: library of releases and statements, the statement table, source, findings, chart."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import (QComboBox, QDockWidget, QHBoxLayout, QLabel, QMainWindow, QMenu,
                               QProgressBar, QSizePolicy, QStackedWidget, QToolButton, QVBoxLayout,
                               QWidget)

from iijview.gui.export_task import ExportMixin
from iijview.gui.find_view import FindMixin, FindView
from iijview.gui.findings_view import FindingsView
from iijview.gui.formatting import UNIT_MODES
from iijview.gui.help_menu import install_help_menu
from iijview.gui.library_view import LibraryView
from iijview.gui.loading import Loader
from iijview.gui.menus import MenusMixin
from iijview.gui.repairs import FindingsMixin
from iijview.gui.session import SessionMixin, sample_paths
from iijview.gui.source_index import SourceIndex, row_span
from iijview.gui.page_view import SourcePane
from iijview.gui.source_view import SourceView
from iijview.gui.start_view import StartView
from iijview.gui.state import ReleaseState
from iijview.gui.statement_model import StatementModel
from iijview.gui.statement_view import StatementView
from iijview.gui.status_bar import StatusBar
from iijview.gui.workspace_faults import show_store_failure
from iijview.naming import plural

__all__ = ["MainWindow", "sample_paths"]

ZOOM_STEPS = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)


class MainWindow(SessionMixin, FindingsMixin, ExportMixin, FindMixin, MenusMixin, QMainWindow):
    """The app window over a Workspace; all shown state lives in ReleaseState objects."""

    def __init__(self, workspace):
        super().__init__()
        self.ws = workspace
        self.releases: list[ReleaseState] = []
        self.current: ReleaseState | None = None
        self.st_key: str | None = None
        self.last_statement: dict[int, str] = {}     # id(release state) -> statement last shown
        self.models: dict[tuple[int, str], StatementModel] = {}
        self.stacks: dict[int, QUndoStack] = {}
        self.source_index: dict[int, SourceIndex] = {}
        self.undo_group = QUndoGroup(self)
        self.mode = self.ws.setting("unit_mode", "printed")
        if self.mode not in UNIT_MODES:
            self.mode = "printed"
        zoom = self.ws.setting("zoom", 100)
        self.zoom = zoom if zoom in ZOOM_STEPS else 100
        self.matches: list = []
        self.match_at = -1
        self._show_when_loaded: str | None = None      # path to show when it has loaded
        self._show_statement: str | None = None        # and its statement (restored session)
        self._batch: list[str] = []                     # names opened since loading began
        self._failed: list[str] = []                    # why files could not be opened, since then
        self.loader = Loader(workspace, self)
        self.loader.loaded_batch.connect(self.add_results)
        self.loader.progress.connect(self._progress)
        self.setWindowTitle("iijview")
        self.setAcceptDrops(True)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        from iijview.gui.compare_page import install as install_compare
        self.compare_view = install_compare(self)   # the Compare page (View > Compare releases)
        install_help_menu(self)
        self.resize(1400, 860)
        self._show_start()
        self.apply_zoom(self.zoom, announce=False)
        self.table.set_wrap(bool(self.ws.setting("wrap_labels", False)))

    # -- construction ----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.start = StartView()
        self.start.open_requested.connect(self.open_dialog)
        self.start.samples_requested.connect(self.open_samples)
        self.start.recent_requested.connect(lambda p: self.open_paths([p]))
        self.unit_box = QComboBox()
        for mode, (text, _d, _n) in UNIT_MODES.items():
            self.unit_box.addItem(text, mode)
        self.unit_box.setToolTip("Display unit of yen and dollar amounts")
        self.unit_box.setAccessibleName("Display unit")
        self.unit_box.currentIndexChanged.connect(
            lambda i: self.set_mode(self.unit_box.itemData(i)))
        self.table = StatementView()
        self.table.undo_stack = self.undo_group
        self.table.status_message.connect(self.say)
        self.table.current_changed.connect(self._cell_changed)
        self.table.context_requested.connect(self.table_menu)
        self.table.zoom_requested.connect(self.zoom_step)
        self.find_bar = FindView()
        self.find_bar.hide()
        self.find_bar.search.connect(self.find)
        self.find_bar.step.connect(self.find_step)
        self.find_bar.closed.connect(self.table.setFocus)
        top = QWidget()
        top_lay = QVBoxLayout(top)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.setSpacing(0)
        top_lay.addWidget(self._title_bar())
        top_lay.addWidget(self.find_bar)
        top_lay.addWidget(self.table, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start)
        self.stack.addWidget(top)
        self.setCentralWidget(self.stack)

        self.library = LibraryView()
        self.library.release_chosen.connect(self.show_release)
        self.library.statement_chosen.connect(self._statement_chosen)
        self.library.context_requested.connect(self.library_menu)
        self.source = SourceView()
        self.source.cell_requested.connect(self.jump_to_offset)
        self.source.viewport().installEventFilter(self)
        self.source_pane = SourcePane(self.source)       # the PDF page or HTML cell beside the text
        self.source_pane.cell_requested.connect(self.jump_to_offset)
        self.findings = FindingsView()
        self.findings.findings.is_applied = self._repair_applied
        self.findings.finding_selected.connect(self.select_finding)
        self.findings.repair_requested.connect(self.apply_repair)
        self.findings.repair_all_requested.connect(lambda n: self.apply_repairs(self.repair_siblings(n)))
        self.findings.context_requested.connect(self.findings_menu)
        self.findings.siblings = self.repair_siblings
        self.docks = {}
        for name, title, widget, area in (
                ("library", "Releases", self.library, Qt.LeftDockWidgetArea),
                ("source", "Source", self.source_pane, Qt.RightDockWidgetArea),
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
        self.chart_rows: list[int] = []
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.progress_label = QLabel()
        self.setStatusBar(StatusBar())        # a long message stops short of the widgets on the right
        self.where_label = QLabel()
        self.where_label.setAccessibleName("What is shown")
        self.statusBar().addPermanentWidget(self.where_label)
        self.statusBar().addPermanentWidget(self.progress_label)
        self.statusBar().addPermanentWidget(self.progress)
        self.cancel_open = QToolButton(text="Stop", toolTip="Stop opening the files still opening")
        self.cancel_open.setAccessibleName("Stop opening files")
        self.cancel_open.hide()
        self.cancel_open.clicked.connect(self.cancel_opening)
        self.statusBar().addPermanentWidget(self.cancel_open)
        self._progress_timer = QTimer(self, singleShot=True, interval=300)
        self._progress_timer.timeout.connect(self._show_progress)
        self._recheck_timer = QTimer(self, singleShot=True, interval=600)
        self._recheck_timer.timeout.connect(self.recheck)
        self._space_timer = QTimer(self, singleShot=True, interval=0)
        self._space_timer.timeout.connect(self.share_space)

    def _title_bar(self) -> QWidget:
        """Above the table: which statement of which release, and a menu of the release's statements."""
        bar = QWidget()
        lay = QHBoxLayout(bar)
        lay.setContentsMargins(6, 3, 6, 3)
        self.title = QLabel()
        self.title.setTextFormat(Qt.RichText)
        self.title.setAccessibleName("Statement shown")
        # The title may be cut at the right: it must never hold the table's pane wider than the window allows.
        self.title.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.title.setMinimumWidth(80)
        self.statements_button = QToolButton()
        self.statements_button.setText("Statements \u25be")
        self.statements_button.setToolTip("All statements of this release (Ctrl+K filters them in the library)")
        self.statements_button.setPopupMode(QToolButton.InstantPopup)
        self.statements_menu = QMenu(self.statements_button)
        self.statements_menu.aboutToShow.connect(self._fill_statements_menu)
        self.statements_button.setMenu(self.statements_menu)
        lay.addWidget(self.title, 1)
        lay.addWidget(self.statements_button)
        return bar

    def _fill_statements_menu(self) -> None:
        self.statements_menu.clear()
        if self.current is None:
            return
        for st in self.current.release.statements:
            act = self.statements_menu.addAction(st.title)
            act.setCheckable(True)
            act.setChecked(st.key == self.st_key)
            act.triggered.connect(lambda _c=False, k=st.key: self.show_statement(k))

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
            self.chart.status_message.connect(self.say)
            self._chart_box.layout().addWidget(self.chart)
        self._update_chart()

    def _dock(self, name: str, title: str, widget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        # Movable between the window's edges and closable, never torn off into a floating window.
        dock.setFeatures(QDockWidget.DockWidgetClosable | QDockWidget.DockWidgetMovable)
        dock.setAllowedAreas(Qt.AllDockWidgetAreas)
        self.addDockWidget(area, dock)
        return dock

    # -- space -----------------------------------------------------------------------------

    def share_space(self) -> None:
        """Size the panes from the window: the table keeps at least about half of the width."""
        w, h = self.width(), self.height()
        side = [self.docks["library"], self.docks["source"]]
        library = int(w * 0.21)
        if w >= 1000:   # a statement's name and period fit: 'Operating results summary (1Q-3Q18)'
            library = max(library, 275)
        wants = [max(190, min(380, library)), max(190, min(480, int(w * 0.23)))]
        shown = [(d, x) for d, x in zip(side, wants) if d.isVisible() and not d.isFloating()]
        if shown:
            self.resizeDocks([d for d, _ in shown], [x for _, x in shown], Qt.Horizontal)
        bottom = [d for d in (self.docks["findings"], self.docks["chart"]) if d.isVisible()]
        if bottom:
            self.resizeDocks(bottom[:1], [max(130, min(340, int(h * 0.27)))], Qt.Vertical)

    def resizeEvent(self, event):  # noqa: N802 - Qt API
        """When the window shrinks so far that the table would be squeezed, share the space again."""
        super().resizeEvent(event)
        central = self.centralWidget()
        if central is not None and self.isVisible() and central.width() < 0.45 * self.width():
            self._space_timer.start()

    # -- showing ---------------------------------------------------------------------------

    def show_release(self, i: int, st_key: str | None = None) -> None:
        """Show release i (index into self.releases): its statement last shown, source and findings."""
        if not (0 <= i < len(self.releases)):
            return
        rs = self.releases[i]
        if rs is not self.current:
            self.current = rs
            self.statusBar().clearMessage()      # messages were about the release shown before
            self.undo_group.setActiveStack(self.stacks[id(rs)])
            self.setWindowTitle(f"iijview \u2014 {rs.summary[0]} {rs.release.standard} ({rs.release.name})")
            self.source.show_text(id(rs), rs.release.text)
            self.source_pane.show_release(id(rs), rs.release, rs.path)
            self.findings.set_release(rs)
            self.st_key = None
            self.matches_stale()
        keys = [st.key for st in rs.release.statements]
        key = st_key if st_key in keys else self.st_key if self.st_key in keys else \
            self.last_statement.get(id(rs), keys[0] if keys else None)
        if key is not None:
            self.show_statement(key)
        else:  # an IIJ release of which nothing could be read: say so, and leave no other release's table
            self.table.set_model(None)
            self.title.setText(f"<b>No statement could be read from {rs.release.name}</b> &nbsp;\u00b7&nbsp; "
                               "the findings below say what was looked for")
            self.where_label.setText(f"{rs.summary[0]} \u00b7 no statements")
        self.library.select(i, key)

    def _statement_chosen(self, i: int, st_key: str) -> None:
        self.show_release(i, st_key)

    def model_for(self, rs: ReleaseState, st_key: str) -> StatementModel:
        """The (cached) table model of one statement of an open release."""
        key = (id(rs), st_key)
        m = self.models.get(key)
        if m is None:
            table = rs.table(st_key)
            table.set_mode(self.mode)
            m = self.models[key] = StatementModel(table, self.stacks[id(rs)], self)
            m.edited.connect(self._edited)
            m.store_failed.connect(lambda title, text, why: show_store_failure(self, title, text, why))
        elif m.table.mode != self.mode:
            m.set_mode(self.mode)
        return m

    def show_statement(self, st_key: str) -> StatementModel | None:
        """Show one statement of the current release; return its model."""
        if self.current is None:
            return None
        try:
            self.current.release.statement(st_key)
        except KeyError:
            return None
        if st_key != self.st_key:
            self.st_key = st_key
            self.last_statement[id(self.current)] = st_key
            self.table.set_model(self.model_for(self.current, st_key))
            self.source.clear_highlight()
            self.chart_rows = []
            # Focus stays where the user is (arrowing through the library, typing in a filter).
            self.table.go(0, 1 if self.table.model.columnCount() > 1 else 0, focus=False)
            if self.source.highlighted is None and self.table.model.table.st.line:
                # A first row without a figure (a heading): show where the statement starts.
                self.source.highlight_line(self.current.release.text, self.table.model.table.st.line)
            self.library.select(self.releases.index(self.current), st_key)
            self.show_where()
        return self.table.model

    def show_where(self) -> None:
        """The title above the table and the status bar say what is shown now."""
        rs, m = self.current, self.table.model
        if rs is None or m is None:
            self.title.setText("")
            self.where_label.setText("")
            return
        st = m.table.st
        n = sum(1 for p in rs.places if p.finding.statement == st.key)
        period = rs.summary[0]
        self.title.setText(f"<b>{st.title}</b> &nbsp;\u00b7&nbsp; {period} {rs.release.standard} "
                           f"&nbsp;\u00b7&nbsp; <span style='color:#666'>{rs.release.name}, source lines "
                           f"{st.line}\u2013{max(st.end_line, st.line)}</span>")
        self.where_label.setText(f"{period} \u00b7 {st.title} \u00b7 {plural(len(st.items), 'row')} \u00b7 "
                                 f"{plural(n, 'finding')}")

    def step_statement(self, d: int) -> None:
        """Show the next (d=1) or previous (d=-1) statement of the release (Ctrl+PgDown/PgUp)."""
        if self.current is None or not self.current.release.statements:
            return
        keys = [st.key for st in self.current.release.statements]
        i = keys.index(self.st_key) if self.st_key in keys else -1
        self.show_statement(keys[(i + d) % len(keys)])

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
            self.source_pane.show_cell(cell.start, cell.end, rs, re_)
        else:
            self.source.clear_highlight()
            self.source_pane.clear()
        self.chart_rows = []
        self._update_chart()

    def _update_chart(self) -> None:
        if self.chart is None or not self.docks["chart"].isVisible() or self.table.model is None:
            return
        rows = self.chart_rows or [self.table.current()[0]]
        rows = [r for r in rows if 0 <= r < self.table.model.rowCount()]
        if rows:
            self.chart.show_rows(self.table.model.table, rows)

    def chart_selected_rows(self) -> None:
        """Chart every selected row together (the chart panel comes to the front)."""
        rows = sorted({r for r, _c in self.table.selected()})
        if not rows:
            self.say("Select the rows to chart first.")
            return
        self.chart_rows = rows
        self.docks["chart"].show()
        self.docks["chart"].raise_()
        self._update_chart()

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

    # -- zoom ------------------------------------------------------------------------------

    def apply_zoom(self, percent: int, announce: bool = True) -> None:
        """Scale the tables and the source text (Ctrl+=, Ctrl+-, Ctrl+0, Ctrl+wheel); remembered."""
        self.zoom = percent
        self.table.set_zoom(percent)
        self.findings.set_zoom(percent)
        font = self.source.font()
        if not hasattr(self, "_source_point"):
            self._source_point = font.pointSizeF()
        font.setPointSizeF(max(4.0, self._source_point * percent / 100))
        self.source.setFont(font)
        self.ws.set_setting("zoom", percent)
        if announce:
            self.say(f"Zoom {percent}%.")

    def zoom_step(self, d: int) -> None:
        """One step bigger (d=1) or smaller (d=-1); d=0 back to 100%."""
        if d == 0:
            self.apply_zoom(100)
            return
        i = ZOOM_STEPS.index(self.zoom) if self.zoom in ZOOM_STEPS else ZOOM_STEPS.index(100)
        self.apply_zoom(ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, i + d))])

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        """Ctrl+wheel over the source text zooms like the tables do."""
        if obj is self.source.viewport() and event.type() == QEvent.Wheel \
                and event.modifiers() & Qt.ControlModifier:
            self.zoom_step(1 if event.angleDelta().y() > 0 else -1)
            return True
        return super().eventFilter(obj, event)

    # -- misc ------------------------------------------------------------------------------

    def say(self, text: str) -> None:
        """A message in the status bar (until the next one, or until another release is shown)."""
        self.statusBar().showMessage(text, 15000)

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
