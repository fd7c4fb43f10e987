"""Findings and their repairs, and re-running the checks after edits (part of the main window)."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from iijview.gui.commands import CellCommand, InsertRowCommand, MacroCommand
from iijview.gui.formatting import format_number


class _SetNewRowValue(QUndoCommand):
    """Set a value in a row an earlier command of the same macro inserted (its anchor is known
    only once that command ran)."""

    def __init__(self, model, insert: InsertRowCommand, col_key: str, value: float):
        super().__init__("")
        self.model, self.insert, self.col_key, self.value = model, insert, col_key, value
        self.cmd = None

    def redo(self):
        """Create the cell command on first run, then replay it."""
        if self.cmd is None:
            t = self.model.table
            r, c = t.row_of(self.insert.anchor), t.col_of(self.col_key)
            text = format_number(self.value, 0 if float(self.value).is_integer() else 2)
            self.cmd = CellCommand(self.model, self.insert.anchor, self.col_key,
                                   t.corrected_snapshot(r, c, self.value, text), "")
        self.cmd.redo()

    def undo(self):
        """Undo the cell command."""
        self.cmd.undo()


class FindingsMixin:
    """MainWindow methods for the findings panel."""

    def select_finding(self, n: int) -> None:
        """Select the cells a finding involves."""
        rs = self.current
        if rs is None or not (0 <= n < len(rs.places)):
            return
        place = rs.places[n]
        f = place.finding
        if not place.cells:
            if f.statement:
                self.show_statement(f.statement)
            if f.line:
                self.source.highlight_line(rs.release.text, f.line)
                self.say(f"{f.message} (source line {f.line})")
            return
        st_key = place.cells[0][0]
        m = self.show_statement(st_key)
        if m is None:
            return
        cells = [(m.table.row_of(a), m.table.col_of(c)) for s, a, c in place.cells if s == st_key]
        cells = [(r, c) for r, c in cells if r >= 0 and c >= 0]
        self.table.select_cells(cells)
        self.findings.setFocus()
        self.say(f"{f.severity.capitalize()} [{f.rule}]: {f.message}")

    def _repair_applied(self, place) -> bool:
        s = place.finding.suggestion
        if not s or place.target is None or self.current is None:
            return False
        st_key, anchor, col_key = place.target
        t = self.current.table(st_key)
        r, c = t.row_of(anchor), t.col_of(col_key)
        cell = t.cell(r, c) if r >= 0 and c > 0 else None
        return cell is not None and cell.status == "corrected" and cell.value == s.get("value")

    def apply_repair(self, n: int) -> bool:
        """Apply a finding's proposed repair as one undoable edit."""
        rs = self.current
        if rs is None or not (0 <= n < len(rs.places)):
            return False
        place = rs.places[n]
        s = place.finding.suggestion or {}
        value = s.get("value")
        if not isinstance(value, (int, float)) and value is not None:
            self.say("This repair has no number to apply.")
            return False
        if place.target is not None:
            st_key, anchor, col_key = place.target
            m = self.model_for(rs, st_key)
            self.show_statement(st_key)
            t = m.table
            r, c = t.row_of(anchor), t.col_of(col_key)
            if r < 0 or c < 1:
                self.say("The cell this repair is for is no longer in the table.")
                return False
            text = "-" if value is None else format_number(value, 0 if float(value).is_integer() else 2)
            after = t.corrected_snapshot(r, c, value, text)
            m.push(CellCommand(m, anchor, col_key, after, f"Repair {m.cell_name(r, c)}"))
            self.table.go(r, c)
        elif place.insert_after is not None:
            st_key, anchor = place.insert_after
            m = self.model_for(rs, st_key)
            self.show_statement(st_key)
            t = m.table
            r = t.row_of(anchor)
            col_key = s.get("column") or (place.cells[0][2] if place.cells else t.column(1).key)
            if r < 0 or t.col_of(col_key) < 1:
                self.say("The place for this repair is no longer in the table.")
                return False
            label = s.get("label") or "New line item"
            nxt = t.item(r + 1) if r + 1 < t.rows else None
            if nxt is not None and nxt.inserted and nxt.label == label:
                # An earlier repair (another column of the same gap) already inserted this line.
                c = t.col_of(col_key)
                text = "-" if value is None else format_number(value, 0 if float(value).is_integer() else 2)
                m.push(CellCommand(m, t.anchors[r + 1], col_key,
                                   t.corrected_snapshot(r + 1, c, value, text),
                                   f"Repair {m.cell_name(r + 1, c)}"))
            else:
                ref = t.item(r)
                macro = MacroCommand(f"Repair: insert {label}")
                insert = macro.add(InsertRowCommand(m, r + 1, label, ref.level, ref.section))
                if value is not None:
                    macro.add(_SetNewRowValue(m, insert, col_key, value))
                m.push(macro)
            self.table.go(r + 1, t.col_of(col_key))
        else:
            self.say("This finding has no repair to apply.")
            return False
        shown = "-" if value is None else format_number(value, 0 if float(value).is_integer() else 2)
        self.say(f"Applied repair: {s.get('label', '')} = {shown}. Edit > Undo takes it back.")
        return True

    def recheck(self) -> None:
        """Run the checks again on the shown release after edits, and refresh the marks."""
        self._recheck_timer.stop()
        rs = self.current
        if rs is None:
            return
        from iijview.gui.loading import recheck

        try:
            if not recheck(rs.release):
                return
        except Exception as exc:  # a checks bug must not cost the user an edit
            self.say(f"The checks failed after your edit ({type(exc).__name__}: {exc}).")
            return
        rs.set_findings(rs.release.findings, rs.anchors)
        for (owner, _key), m in self.models.items():
            if owner == id(rs):
                m.refresh()
        self.findings.set_release(rs)
        i = self.releases.index(rs)
        self.library.library.refresh(i)

    def _edited(self) -> None:
        self._recheck_timer.start()
        fm = self.findings.findings
        if fm.rowCount():
            fm.dataChanged.emit(fm.index(0, 4), fm.index(fm.rowCount() - 1, 4))
        if self.current is not None:
            self.source_index.pop(id(self.current), None)
        r, c = self.table.current()
        if r >= 0 and self.chart is not None and self.docks["chart"].isVisible():
            self.chart.show_row(self.table.model.table, r)
