"""The statement table: a frozen label column beside the value columns, over one shared model."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QKeySequence, QPainter, QPainterPath
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QHeaderView, QLineEdit,
                               QSplitter, QStyledItemDelegate, QTableView, QVBoxLayout, QWidget)

from iijview.gui.commands import (CellCommand, DeleteRowCommand, InsertRowCommand, LabelCommand,
                                  MacroCommand)
from iijview.gui.formatting import InputError
from iijview.gui.state import CORRECTED, FINDING
from iijview.gui.statement_model import StatementModel
from iijview.gui.tsv import copy_block, parse_block, strip_header
from iijview.naming import plural

MARK = QColor("#d9480f")
LABEL_SHARE = 0.42          # the label pane takes at most this share of the table's width


class _Delegate(QStyledItemDelegate):
    """Editors that start with their text selected and pass Ctrl+Z on when they have nothing to undo."""

    def __init__(self, owner: "StatementView"):
        super().__init__()
        self.owner = owner

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt API
        """A line edit watched for Ctrl+Z."""
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.installEventFilter(self)
        return editor

    def setEditorData(self, editor, index):  # noqa: N802 - Qt API
        """Start from the cell's text, all of it selected, so typing replaces it."""
        super().setEditorData(editor, index)
        if isinstance(editor, QLineEdit):
            editor.selectAll()

    def eventFilter(self, editor, event):  # noqa: N802 - Qt API
        """Ctrl+Z in an editor with no typing to undo cancels it and undoes the last edit."""
        kind = event.type()
        if kind in (QEvent.ShortcutOverride, QEvent.KeyPress) and isinstance(editor, QLineEdit) \
                and event.matches(QKeySequence.Undo) and not editor.isUndoAvailable():
            event.accept()
            if kind == QEvent.KeyPress:
                QTimer.singleShot(0, editor, lambda: self.owner.undo_from_editor(editor))
            return True
        return super().eventFilter(editor, event)


class _Grid(QTableView):
    """One half of the statement table with spreadsheet keys (Enter down, Tab right)."""

    def __init__(self, owner: "StatementView", frozen: bool):
        super().__init__()
        self.owner, self.frozen = owner, frozen
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                             | QAbstractItemView.AnyKeyPressed)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOn)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setWordWrap(False)
        self.setTabKeyNavigation(True)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignCenter | Qt.AlignVCenter)
        self.horizontalHeader().setHighlightSections(False)
        if frozen:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            self.horizontalHeader().setStretchLastSection(True)
            self.setTextElideMode(Qt.ElideRight)
            self.setAccessibleName("Line item labels")
        else:
            self.setAccessibleName("Statement values")
        self.delegate = _Delegate(owner)        # one per view: a delegate's signals reach every view using it
        self.setItemDelegate(self.delegate)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(self._cell_menu)
        head = self.horizontalHeader()
        head.setContextMenuPolicy(Qt.CustomContextMenu)
        head.customContextMenuRequested.connect(
            lambda pos: owner.context_requested.emit(head.mapToGlobal(pos), "header",
                                                     head.logicalIndexAt(pos)))

    def _cell_menu(self, pos) -> None:
        """Right-click: a cell outside the selection becomes the selection first, as in a spreadsheet."""
        idx = self.indexAt(pos)
        if idx.isValid() and not self.selectionModel().isSelected(idx):
            self.owner.go(idx.row(), idx.column())
        self.owner.context_requested.emit(self.viewport().mapToGlobal(pos), "cells", idx.column())

    def wheelEvent(self, event):  # noqa: N802 - Qt API
        """Ctrl+wheel zooms, as in a spreadsheet."""
        if event.modifiers() & Qt.ControlModifier:
            self.owner.zoom_requested.emit(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def paintEvent(self, event):  # noqa: N802 - Qt API
        """Default painting, then a small triangle in the corner of cells that carry a finding.

        Drawn here, once per paint, rather than in a Python delegate called for every cell.
        """
        super().paintEvent(event)
        m = self.model()
        if m is None or not m.table.rows:
            return
        flags = m.table._flags
        vp = self.viewport()
        top = self.rowAt(0)
        bottom = self.rowAt(vp.height() - 1)
        bottom = m.table.rows - 1 if bottom < 0 else bottom
        left, right = self.columnAt(0), self.columnAt(vp.width() - 1)
        right = m.table.cols - 1 if right < 0 else right
        if top < 0 or left < 0:
            return
        painter = None
        for r in range(top, bottom + 1):
            row = flags[r]
            for c in range(left, right + 1):
                if row[c] & FINDING and not self.isColumnHidden(c):
                    rect = self.visualRect(m.index(r, c))
                    if painter is None:
                        painter = QPainter(vp)
                    path = QPainterPath(QPointF(rect.right() - 7, rect.top()))
                    path.lineTo(QPointF(rect.right(), rect.top()))
                    path.lineTo(QPointF(rect.right(), rect.top() + 7))
                    path.closeSubpath()
                    painter.fillPath(path, MARK)
        if painter is not None:
            painter.end()

    def closeEditor(self, editor, hint):  # noqa: N802 - Qt API
        """Enter commits and moves down (unless the typing was refused); Esc cancels."""
        if hint == QAbstractItemDelegate.SubmitModelCache:
            super().closeEditor(editor, QAbstractItemDelegate.NoHint)
            if not self.owner.refused:
                self.owner.move(1, 0)
            self.owner.refused = False
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        """Spreadsheet keys; crossing between the label and value halves."""
        key = event.key()
        idx = self.currentIndex()
        if self.state() != QAbstractItemView.EditingState:
            # The view's own copy would put one cell's display text ('1,234') on the clipboard.
            if event.matches(QKeySequence.Copy):
                self.owner.copy()
                return
            if key == Qt.Key_C and event.modifiers() == (Qt.ControlModifier | Qt.ShiftModifier):
                self.owner.copy(headers=True)
                return
            if event.matches(QKeySequence.Paste):
                self.owner.paste()
                return
            if key in (Qt.Key_Return, Qt.Key_Enter):
                self.owner.move(-1 if event.modifiers() & Qt.ShiftModifier else 1, 0)
                return
            if key == Qt.Key_Delete and not event.modifiers():
                self.owner.clear_selection()
                return
            if self.frozen and key in (Qt.Key_Right, Qt.Key_Tab):
                self.owner.go(idx.row(), 1)
                return
            if not self.frozen and key in (Qt.Key_Left, Qt.Key_Backtab) and idx.column() <= 1:
                self.owner.go(idx.row(), 0)
                return
        super().keyPressEvent(event)

    def currentChanged(self, current, previous):  # noqa: N802 - Qt API
        """Report the new current cell."""
        super().currentChanged(current, previous)
        if current.isValid() and (current.column() == 0) == self.frozen:
            self.owner.current_changed.emit(current.row(), current.column())


class StatementView(QWidget):
    """A statement as a spreadsheet: labels frozen on the left, values scrolling on the right."""

    current_changed = Signal(int, int)
    status_message = Signal(str)
    context_requested = Signal(object, str, int)    # global position, "cells" | "header", column
    zoom_requested = Signal(int)                    # +1 / -1 (Ctrl+wheel)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model: StatementModel | None = None
        self.refused = False
        self.undo_stack = None          # the stack Ctrl+Z in an idle editor falls through to
        self.wrap = False
        self.zoom = 100
        self._base_point = self.font().pointSizeF()
        self._label_share: float | None = None     # set when the user drags the divider
        self._label_want = 240
        self.labels = _Grid(self, frozen=True)
        self.values = _Grid(self, frozen=False)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.labels)
        self.splitter.addWidget(self.values)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.splitterMoved.connect(self._divider_moved)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)
        lv, vv = self.labels.verticalScrollBar(), self.values.verticalScrollBar()
        vv.valueChanged.connect(lv.setValue)
        lv.valueChanged.connect(vv.setValue)
        self.labels.horizontalHeader().sectionResized.connect(lambda *_a: self._wrap_later())
        self._wrap_timer = QTimer(self, singleShot=True, interval=60)
        self._wrap_timer.timeout.connect(self._fit_rows)
        self.setFocusProxy(self.values)

    # -- model -----------------------------------------------------------------------------

    def set_model(self, model: StatementModel | None) -> None:
        """Show a statement (or nothing)."""
        if self.model is not None:
            self.model.input_refused.disconnect(self._refused)
            self.model.headerDataChanged.disconnect(self._headers_changed)
        self.model = model
        self.labels.setModel(model)
        self.values.setModel(model)
        if model is None:
            return
        model.input_refused.connect(self._refused)
        model.headerDataChanged.connect(self._headers_changed)
        self.labels.setSelectionModel(self.values.selectionModel())
        for c in range(model.columnCount()):
            self.labels.setColumnHidden(c, c != 0)
            self.values.setColumnHidden(c, c == 0)
        self._size_columns()

    def _refused(self, message: str) -> None:
        self.refused = True
        self.status_message.emit(message)

    def _headers_changed(self, *_args) -> None:
        self._size_columns()

    def _size_columns(self) -> None:
        if self.model is None:
            return
        fm = self.values.fontMetrics()
        bold = self.values.font()
        bold.setBold(True)
        fmb = QFontMetrics(bold)
        t = self.model.table
        row_h = fm.height() + 8
        for grid in (self.labels, self.values):
            grid.verticalHeader().setDefaultSectionSize(row_h)
        lines = max((h.count("\n") + 1 for h in self.model._headers), default=1)
        head_h = fm.height() * lines + 12
        for grid in (self.labels, self.values):
            grid.horizontalHeader().setFixedHeight(head_h)
        for c in range(1, t.cols):
            head = max((fm.horizontalAdvance(x) for x in self.model._headers[c].split("\n")), default=0)
            body = fmb.horizontalAdvance(t.longest(c) or "0")
            self.values.setColumnWidth(c, max(70 * self.zoom // 100, head + 18, body + 20))
        self._label_want = min(420 * self.zoom // 100,
                               max(160 * self.zoom // 100, fmb.horizontalAdvance(t.longest(0)) + 24))
        self._share_width()
        self._wrap_later()

    def _share_width(self) -> None:
        """Give the label pane what it needs, at most its share of the width (or the user's choice)."""
        total = self.splitter.width() or self.width()
        if total <= 0:
            return
        if self._label_share is not None:
            label_w = int(total * self._label_share)
        else:
            label_w = min(self._label_want + 4, int(total * LABEL_SHARE))
        label_w = max(120, min(label_w, total - 120))
        self.splitter.setSizes([label_w, total - label_w])

    def _divider_moved(self, pos: int, _index: int) -> None:
        total = self.splitter.width()
        if total > 0:
            self._label_share = pos / total

    def resizeEvent(self, event):  # noqa: N802 - Qt API
        """Both panes keep a sensible share of the width at every window size."""
        super().resizeEvent(event)
        self._share_width()

    # -- zoom and wrapping -----------------------------------------------------------------

    def set_zoom(self, percent: int) -> None:
        """Scale the table's text (and its rows and columns) to a percentage of the normal size."""
        self.zoom = percent
        for grid in (self.labels, self.values):
            font = grid.font()
            font.setPointSizeF(max(4.0, self._base_point * percent / 100))
            grid.setFont(font)
            grid.horizontalHeader().setFont(font)
        self._size_columns()

    def set_wrap(self, on: bool) -> None:
        """Wrap long labels over several lines (rows grow) instead of cutting them at the end."""
        self.wrap = on
        self.labels.setWordWrap(on)
        self.labels.setTextElideMode(Qt.ElideNone if on else Qt.ElideRight)
        self._size_columns()

    def _wrap_later(self) -> None:
        self._wrap_timer.start()

    def _fit_rows(self) -> None:
        """Row heights: one line each, or as many as the wrapped label needs (both panes alike)."""
        if self.model is None:
            return
        default = self.values.verticalHeader().defaultSectionSize()
        if not self.wrap:
            for grid in (self.labels, self.values):
                grid.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
                for r in range(self.model.rowCount()):
                    if grid.rowHeight(r) != default:
                        grid.setRowHeight(r, default)
            return
        width = max(40, self.labels.columnWidth(0) - 10)
        fm = self.labels.fontMetrics()
        for r in range(self.model.rowCount()):
            text = self.model.table.text(r, 0)
            rect = fm.boundingRect(0, 0, width, 10_000, int(Qt.TextWordWrap), text)
            h = max(default, rect.height() + 8)
            self.labels.setRowHeight(r, h)
            self.values.setRowHeight(r, h)

    # -- navigation ------------------------------------------------------------------------

    def current(self) -> tuple[int, int]:
        """Current (row, column); column 0 is the label."""
        idx = self.values.selectionModel().currentIndex() if self.model else None
        return (idx.row(), idx.column()) if idx is not None and idx.isValid() else (-1, -1)

    def go(self, r: int, c: int, extend: bool = False, focus: bool = True) -> None:
        """Make (r, c) the current cell, selected and visible (and focused unless told not to)."""
        if self.model is None or not (0 <= r < self.model.rowCount()):
            return
        c = max(0, min(c, self.model.columnCount() - 1))
        idx = self.model.index(r, c)
        grid = self.labels if c == 0 else self.values
        flags = QItemSelectionModel.ClearAndSelect if not extend else QItemSelectionModel.Select
        grid.selectionModel().setCurrentIndex(idx, flags)
        grid.scrollTo(idx)
        if c != 0:
            self.labels.scrollTo(self.model.index(r, 0))
        if focus:
            grid.setFocus()

    def move(self, dr: int, dc: int) -> None:
        """Move the current cell by (dr, dc)."""
        r, c = self.current()
        if r >= 0:
            self.go(max(0, min(r + dr, self.model.rowCount() - 1)), c + dc)

    def select_cells(self, cells: list[tuple[int, int]]) -> None:
        """Select these cells; the first becomes current."""
        if not cells or self.model is None:
            return
        self.go(*cells[0])
        sel = QItemSelection()
        for r, c in cells:
            idx = self.model.index(r, c)
            sel.select(idx, idx)
        self.values.selectionModel().select(sel, QItemSelectionModel.Select)

    def selected(self) -> list[tuple[int, int]]:
        """Selected cells, or the current one."""
        if self.model is None:
            return []
        cells = sorted({(i.row(), i.column()) for i in self.values.selectionModel().selectedIndexes()})
        if not cells:
            r, c = self.current()
            cells = [(r, c)] if r >= 0 else []
        return cells

    # -- clipboard -------------------------------------------------------------------------

    def copy_text(self, headers: bool = False) -> str:
        """The selected cells as TSV (with headers: a period row and the label column added)."""
        cells = self.selected()
        if not cells:
            return ""
        heads = [self.model.copy_header(c) for c in range(self.model.columnCount())] if headers else None
        return copy_block(self.model.table, cells, heads)

    def copy(self, headers: bool = False) -> None:
        """Copy the selection to the clipboard (Ctrl+C; with headers: Ctrl+Shift+C)."""
        text = self.copy_text(headers)
        if not text:
            self.status_message.emit("Select the cells to copy first.")
            return
        QGuiApplication.clipboard().setText(text)
        cells = self.selected()
        rows = len({r for r, _ in cells})
        cols = len({c for _, c in cells})
        what = plural(1, "cell") if len(cells) == 1 else \
            f"{plural(rows, 'row')} \u00d7 {plural(cols, 'column')}"
        self.status_message.emit(f"Copied {what}{' with headers' if headers else ''}.")

    def paste(self) -> None:
        """Paste clipboard TSV at the current cell."""
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> bool:
        """Paste a TSV block at the top-left selected cell as one undoable edit."""
        m = self.model
        if m is None:
            return False
        cells = self.selected()
        if not cells:
            self.status_message.emit("Select the cell where the pasted block should start.")
            return False
        r0, c0 = min(r for r, _ in cells), min(c for _, c in cells)
        headers = [m.copy_header(c) for c in range(m.columnCount())] + \
                  [m.header_text(c) for c in range(m.columnCount())]
        block, labels_first = strip_header(parse_block(text), headers)
        if labels_first and c0 != 0:
            block = [line[1:] for line in block]
        if not block or not any(any(x.strip() for x in line) for line in block):
            self.status_message.emit("The clipboard holds no cells to paste.")
            return False
        t = m.table
        macro = MacroCommand(f"Paste {len(block)}\u00d7{max(len(x) for x in block)} block")
        outside = changed = 0
        for i, line in enumerate(block):
            for j, typed in enumerate(line):
                r, c = r0 + i, c0 + j
                if r >= t.rows or c >= t.cols:
                    outside += 1
                    continue
                if c == 0:
                    if typed.strip() and typed.strip() != t.item(r).label:
                        macro.add(LabelCommand(m, t.anchors[r], typed.strip()))
                        changed += 1
                    continue
                try:
                    value, vtext = t.parse(r, c, typed)
                except InputError as exc:
                    self.status_message.emit(f"Nothing pasted: {m.cell_name(r, c)}: {exc}")
                    return False
                cell = t.cell(r, c)
                if (cell is None and value is None) or (cell is not None and cell.value == value
                                                        and value is not None):
                    continue
                after = t.corrected_snapshot(r, c, value, vtext)
                macro.add(CellCommand(m, t.anchors[r], t.column(c).key, after, ""))
                changed += 1
        if not changed:
            self.status_message.emit("The pasted values equal the table's; nothing changed.")
            return False
        m.push(macro)
        note = f" ({plural(outside, 'cell')} fell outside the table)" if outside else ""
        self.status_message.emit(f"Pasted {plural(changed, 'cell')}{note}.")
        return True

    # -- row and cell edits ----------------------------------------------------------------

    def insert_row(self) -> None:
        """Insert a row below the current one and start editing its label."""
        m = self.model
        if m is None:
            return
        r, _c = self.current()
        t = m.table
        ref = t.item(r) if r >= 0 else None
        pos = r + 1 if r >= 0 else t.rows
        rows = t.rows
        m.push(InsertRowCommand(m, pos, "New line item", ref.level if ref else 0,
                                ref.section if ref else ""))
        if t.rows == rows:
            return                      # not stored, so not inserted (the window said why)
        self.go(pos, 0)
        self.labels.edit(m.index(pos, 0))       # the delegate selects the text: typing replaces it

    def undo_from_editor(self, editor) -> None:
        """Ctrl+Z in an editor with nothing typed: close it and undo the last edit (e.g. the insert)."""
        for grid in (self.labels, self.values):
            if editor.parent() is grid.viewport() or editor.parent() is grid:
                grid.closeEditor(editor, QAbstractItemDelegate.RevertModelCache)
                grid.setFocus()
        if self.undo_stack is not None and self.undo_stack.canUndo():
            self.undo_stack.undo()

    def delete_rows(self) -> None:
        """Delete the selected rows as one undoable edit."""
        m = self.model
        rows = sorted({r for r, _ in self.selected()})
        if m is None or not rows:
            return
        anchors = [m.table.anchors[r] for r in rows]
        if len(anchors) == 1:
            m.push(DeleteRowCommand(m, anchors[0]))
        else:
            macro = MacroCommand(f"Delete {len(anchors)} rows")
            for a in anchors:
                macro.add(DeleteRowCommand(m, a))
            m.push(macro)
        self.go(min(rows[0], m.rowCount() - 1), self.current()[1] if self.current()[1] >= 0 else 0)

    def clear_selection(self) -> None:
        """Set the selected value cells to nil (Delete key)."""
        m = self.model
        t = m.table if m else None
        cells = [(r, c) for r, c in self.selected() if c > 0 and t.cell(r, c) is not None
                 and t.cell(r, c).value is not None]
        if not cells:
            return
        macro = MacroCommand(f"Clear {m.cell_name(*cells[0])}" if len(cells) == 1
                             else f"Clear {len(cells)} cells")
        for r, c in cells:
            after = t.corrected_snapshot(r, c, None, "-")
            macro.add(CellCommand(m, t.anchors[r], t.column(c).key, after, ""))
        m.push(macro)

    def revert_selection(self) -> int:
        """Revert the selected corrected cells and labels to what the parser read; return count."""
        m = self.model
        if m is None:
            return 0
        t = m.table
        macro = MacroCommand("Revert to parsed")
        n = 0
        for r, c in self.selected():
            if c == 0:
                orig = t.owner.original_labels.get((t.st.key, t.anchors[r]))
                if orig is not None and orig != t.item(r).label:
                    macro.add(LabelCommand(m, t.anchors[r], orig))
                    n += 1
            elif t.flags(r, c) & CORRECTED:
                macro.add(CellCommand(m, t.anchors[r], t.column(c).key, t.parsed_snapshot(r, c), ""))
                n += 1
        if n:
            macro.setText(f"Revert {m.cell_name(*self.selected()[0])} to parsed" if n == 1
                          else f"Revert {n} cells to parsed")
            m.push(macro)
            self.status_message.emit(f"Reverted {plural(n, 'correction')}.")
        else:
            self.status_message.emit("The selection holds no corrections to revert.")
        return n

