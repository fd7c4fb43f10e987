"""The window's actions, menu bar, toolbar and right-click menus (part of the main window)."""
from __future__ import annotations

import importlib.util

from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu

from iijview.gui.formatting import UNIT_MODES


class MenusMixin:
    """MainWindow methods that build actions and menus; every command has a menu entry and a key."""

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        act = QAction(text, self)
        act.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            act.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(tip)
        return act

    def _build_actions(self) -> None:
        a = self._action
        t = self.table
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
        self.act_copy = a("&Copy", t.copy, QKeySequence.Copy,
                          "Copy the selected cells' values, as a spreadsheet pastes them")
        self.act_copy_headers = a("Copy with &headers", lambda: t.copy(headers=True), "Ctrl+Shift+C",
                                  "Copy the selected cells with their period and label headers")
        self.act_paste = a("&Paste", t.paste, QKeySequence.Paste,
                           "Paste tab-separated cells at the selected cell")
        self.act_insert = a("&Insert row below", t.insert_row, "Ctrl+Shift+I")
        self.act_delete = a("&Delete rows", t.delete_rows, "Ctrl+Shift+Del")
        self.act_revert = a("Re&vert to parsed value", t.revert_selection, "Ctrl+Shift+R",
                            "Undo your corrections on the selected cells")
        self.act_show_source = a("Show in &source", self.show_cell_source, "Ctrl+Shift+S",
                                 "Show the selected cell's number in the release text")
        self.act_chart_rows = a("C&hart selected rows", self.chart_selected_rows, "Ctrl+Shift+H",
                                "Chart the selected rows together across their periods")
        self.act_find = a("&Find\u2026", self.find_bar.open_bar, QKeySequence.Find)
        self.act_find_next = a("Find &next", lambda: self.find_step(1), QKeySequence.FindNext)
        self.act_find_prev = a("Find pre&vious", lambda: self.find_step(-1),
                               QKeySequence.FindPrevious)
        self.act_next_tab = a("&Next statement", lambda: self.step_statement(1), "Ctrl+PgDown")
        self.act_prev_tab = a("&Previous statement", lambda: self.step_statement(-1), "Ctrl+PgUp")
        self.act_goto = a("&Go to statement\u2026", self._goto_statement, "Ctrl+K",
                          "Type part of a statement's name to find it in the library")
        self.act_zoom_in = a("Zoom &in", lambda: self.zoom_step(1), ["Ctrl+=", "Ctrl++"])
        self.act_zoom_out = a("Zoom &out", lambda: self.zoom_step(-1), "Ctrl+-")
        self.act_zoom_reset = a("&Actual size", lambda: self.zoom_step(0), "Ctrl+0")
        self.act_wrap = a("&Wrap long labels", lambda: self.set_wrap(self.act_wrap.isChecked()), None,
                          "Show long labels on several lines instead of cutting them at the end")
        self.act_wrap.setCheckable(True)
        self.act_wrap.setChecked(bool(self.ws.setting("wrap_labels", False)))
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
        m.addActions([self.act_copy, self.act_copy_headers, self.act_paste])
        m.addSeparator()
        m.addActions([self.act_insert, self.act_delete, self.act_revert])
        m.addSeparator()
        m.addActions([self.act_find, self.act_find_next, self.act_find_prev])
        m = mb.addMenu("&View")
        um = m.addMenu("Display &unit")
        um.addActions(list(self.unit_actions.values()))
        m.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset, self.act_wrap])
        m.addSeparator()
        m.addActions([self.act_goto, self.act_next_tab, self.act_prev_tab])
        m.addActions([self.act_show_source, self.act_chart_rows])
        m.addSeparator()
        for dock in self.docks.values():
            m.addAction(dock.toggleViewAction())
        m.addSeparator()
        m.addActions(self.focus_actions)
        tb = self.addToolBar("Main")
        tb.setObjectName("toolbar_main")
        tb.setMovable(False)
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

    def _goto_statement(self) -> None:
        self.docks["library"].show()
        self.docks["library"].raise_()
        self.library.focus_filter()

    def set_wrap(self, on: bool) -> None:
        """Wrap long labels over several lines (View > Wrap long labels); remembered."""
        self.act_wrap.setChecked(on)
        self.table.set_wrap(on)
        self.ws.set_setting("wrap_labels", bool(on))

    def show_cell_source(self) -> None:
        """Bring the source pane forward at the current cell's number."""
        self.docks["source"].show()
        self.docks["source"].raise_()
        r, c = self.table.current()
        if r < 0:
            self.say("Select a cell first.")
            return
        self._cell_changed(r, c)
        if self.source.highlighted is None:
            self.say("This cell has no number in the release text (it was added or typed by you).")

    # -- right-click menus -----------------------------------------------------------------

    def _popup(self, menu: QMenu, pos) -> None:
        self._menu = menu          # kept so tests (and screenshots) can look at the open menu
        menu.popup(pos)

    def table_menu(self, pos, where: str, column: int) -> None:
        """Right-click on the table: cell commands, or column commands on a header."""
        if self.table.model is None:
            return
        menu = QMenu(self)
        if where == "header":
            if column > 0:
                title = self.table.model.header_text(column)
                menu.addAction(f"Copy column \u201c{title}\u201d",
                               lambda: self._copy_column(column, False))
                menu.addAction("Copy column with headers", lambda: self._copy_column(column, True))
                menu.addAction("Show header in source", lambda: self._header_source(column))
            else:
                menu.addAction("Copy labels", lambda: self._copy_column(0, False))
                menu.addAction(self.act_wrap)
        else:
            menu.addActions([self.act_copy, self.act_copy_headers, self.act_paste])
            menu.addSeparator()
            menu.addActions([self.act_insert, self.act_delete, self.act_revert])
            menu.addSeparator()
            menu.addActions([self.act_show_source, self.act_chart_rows])
        self._popup(menu, pos)

    def _copy_column(self, column: int, headers: bool) -> None:
        m = self.table.model
        self.table.select_cells([(r, column) for r in range(m.rowCount())])
        self.table.copy(headers)

    def _header_source(self, column: int) -> None:
        m = self.table.model
        period, unit = m._sources.get(column) or ("", "")
        if not (period or unit):
            m.header_tooltip(column)
            period, unit = m._sources.get(column) or ("", "")
        where = period or unit
        if not where:
            self.say("The header of this column could not be found in the release text.")
            return
        line = int(where.split()[2].rstrip(":"))
        self.docks["source"].show()
        self.source.highlight_line(self.current.release.text, line)
        self.say(f"Period read from {period or 'the table header'}; unit read from "
                 f"{unit or 'the table header'}.")

    def library_menu(self, pos, index) -> None:
        """Right-click in the library: show, export, close a release; copy a statement."""
        lib = self.library.library
        i = lib.release_row(index)
        if i < 0:
            return
        key = lib.statement_key(index)
        rs = self.releases[i]
        menu = QMenu(self)
        if key is not None:
            menu.addAction("Show statement", lambda: self.show_release(i, key))
            menu.addAction("Copy statement with headers", lambda: self._copy_statement(i, key))
        else:
            menu.addAction("Show release", lambda: self.show_release(i))
            menu.addAction("Export release to Excel\u2026", lambda: (self.show_release(i),
                                                                      self.export_excel(False)))
            menu.addAction("Copy file path", lambda: (QGuiApplication.clipboard().setText(rs.path),
                                                      self.say(f"Copied {rs.path}.")))
            menu.addSeparator()
            menu.addAction("Close release", lambda: (self.show_release(i), self.close_release()))
        self._popup(menu, pos)

    def _copy_statement(self, i: int, key: str) -> None:
        self.show_release(i, key)
        m = self.table.model
        self.table.select_cells([(r, c) for r in range(m.rowCount()) for c in range(m.columnCount())])
        self.table.copy(headers=True)

    def findings_menu(self, pos, n: int) -> None:
        """Right-click on a finding: its repair(s), its cells, its source line, its text."""
        if self.current is None or not (0 <= n < len(self.current.places)):
            return
        place = self.current.places[n]
        menu = QMenu(self)
        s = place.finding.suggestion
        if s:
            act = menu.addAction(self.findings.findings.repair_label(place) or "Apply repair",
                                 lambda: self.apply_repair(n))
            act.setEnabled(not self._repair_applied(place))
        siblings = self.repair_siblings(n)
        if len(siblings) > 1:
            menu.addAction(f"Apply to all {len(siblings)} periods", lambda: self.apply_repairs(siblings))
        menu.addAction("Select its cells", lambda: self.select_finding(n))
        if place.finding.line:
            menu.addAction(f"Show source line {place.finding.line}",
                           lambda: (self.docks["source"].show(),
                                    self.source.highlight_line(self.current.release.text,
                                                               place.finding.line)))
        menu.addSeparator()
        menu.addAction("Copy message", lambda: QGuiApplication.clipboard().setText(
            self.findings.findings.plain_text(place)))
        self._popup(menu, pos)
