"""The statement table: a frozen label column beside the value columns, over one shared model."""
from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QPainter, QPainterPath
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QHeaderView, QSplitter,
                               QTableView, QVBoxLayout, QWidget)

from iijview.gui.commands import (CellCommand, DeleteRowCommand, InsertRowCommand, LabelCommand,
                                  MacroCommand)
from iijview.gui.formatting import InputError
from iijview.gui.state import CORRECTED, FINDING
from iijview.gui.statement_model import StatementModel
from iijview.gui.tsv import copy_block, parse_block, strip_header

MARK = QColor("#d9480f")


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
            self.setTextElideMode(Qt.ElideMiddle)
            self.setAccessibleName("Line item labels")
        else:
            self.setAccessibleName("Statement values")

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

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model: StatementModel | None = None
        self.refused = False
        self.labels = _Grid(self, frozen=True)
        self.values = _Grid(self, frozen=False)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.labels)
        self.splitter.addWidget(self.values)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)
        lv, vv = self.labels.verticalScrollBar(), self.values.verticalScrollBar()
        vv.valueChanged.connect(lv.setValue)
        lv.valueChanged.connect(vv.setValue)
        self.setFocusProxy(self.values)

    # -- model -----------------------------------------------------------------------------

    def set_model(self, model: StatementModel | None) -> None:
        """Show a statement (or nothing)."""
        if self.model is not None:
            self.model.input_refused.disconnect(self._refused)
        self.model = model
        self.labels.setModel(model)
        self.values.setModel(model)
        if model is None:
            return
        model.input_refused.connect(self._refused)
        self.labels.setSelectionModel(self.values.selectionModel())
        for c in range(model.columnCount()):
            self.labels.setColumnHidden(c, c != 0)
            self.values.setColumnHidden(c, c == 0)
        self._size_columns()

    def _refused(self, message: str) -> None:
        self.refused = True
        self.status_message.emit(message)

    def _size_columns(self) -> None:
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
            self.values.setColumnWidth(c, max(70, head + 18, body + 20))
        label_w = min(340, max(160, fmb.horizontalAdvance(t.longest(0)) + 24))
        self.labels.setColumnWidth(0, label_w)
        total = max(self.width(), label_w + 400)
        self.splitter.setSizes([label_w + 4, total - label_w - 4])

    # -- navigation ------------------------------------------------------------------------

    def current(self) -> tuple[int, int]:
        """Current (row, column); column 0 is the label."""
        idx = self.values.selectionModel().currentIndex() if self.model else None
        return (idx.row(), idx.column()) if idx is not None and idx.isValid() else (-1, -1)

    def go(self, r: int, c: int, extend: bool = False) -> None:
        """Make (r, c) the current cell, selected, visible and focused."""
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

    def copy_text(self) -> str:
        """The selection as TSV with a header row."""
        cells = self.selected()
        if not cells:
            return ""
        headers = [self.model.header_text(c) for c in range(self.model.columnCount())]
        return copy_block(self.model.table, headers, [r for r, _ in cells], [c for _, c in cells])

    def copy(self) -> None:
        """Copy the selection to the clipboard."""
        text = self.copy_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.status_message.emit(f"Copied {text.count(chr(10)) - 1} rows.")

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
        headers = [m.header_text(c) for c in range(m.columnCount())]
        block, labels_first = strip_header(parse_block(text), headers)
        if labels_first and c0 != 0:
            block = [line[1:] for line in block]
        if not block or not any(any(x.strip() for x in line) for line in block):
            self.status_message.emit("The clipboard holds no cells to paste.")
            return False
        t = m.table
        macro = MacroCommand(f"Paste {len(block)}\u00d7{max(len(x) for x in block)} cells")
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
        note = f" ({outside} cells fell outside the table)" if outside else ""
        self.status_message.emit(f"Pasted {changed} cells{note}.")
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
        m.push(InsertRowCommand(m, pos, "New line item", ref.level if ref else 0,
                                ref.section if ref else ""))
        self.go(pos, 0)
        self.labels.edit(m.index(pos, 0))

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
            self.status_message.emit(f"Reverted {n} correction{'s' if n != 1 else ''}.")
        else:
            self.status_message.emit("The selection holds no corrections to revert.")
        return n

