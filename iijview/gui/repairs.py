"""Findings and their repairs, and re-running the checks after edits (part of the main window)."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from iijview.gui.commands import CellCommand, InsertRowCommand, MacroCommand
from iijview.gui.formatting import figure_text


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
            text = figure_text(self.value)
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
        """True when the table holds what the finding's repair would put there."""
        s = place.finding.suggestion
        if not s or self.current is None:
            return False
        if place.target is not None:
            st_key, anchor, col_key = place.target
            t = self.current.table(st_key)
            r, c = t.row_of(anchor), t.col_of(col_key)
            cell = t.cell(r, c) if r >= 0 and c > 0 else None
            if s.get("revert"):
                return cell is not None and cell.status != "corrected"
            return cell is not None and cell.status == "corrected" and cell.value == s.get("value")
        if place.insert_after is not None:
            st_key, anchor = place.insert_after
            t = self.current.table(st_key)
            r = t.row_of(anchor)
            nxt = t.item(r + 1) if 0 <= r < t.rows - 1 else None
            cell = nxt.cells.get(s.get("column", "")) if nxt is not None else None
            return bool(nxt and nxt.inserted and nxt.label == s.get("label") and cell is not None
                        and cell.value == s.get("value"))
        return False

    def repair_siblings(self, n: int) -> list[int]:
        """Findings with the same repair at other periods (the same line missing at several dates)."""
        rs = self.current
        if rs is None or not (0 <= n < len(rs.places)) or not rs.places[n].finding.suggestion:
            return []
        base = rs.places[n]

        def where(place):
            s = place.finding.suggestion or {}
            row = place.insert_after or (place.target[:2] if place.target else None)
            return (place.finding.rule, s.get("label"), bool(s.get("revert")), "insert_after" in s, row)

        key = where(base)
        return [k for k, p in enumerate(rs.places) if p.finding.suggestion and where(p) == key
                and not self._repair_applied(p)] or [n]

    def apply_repair(self, n: int) -> bool:
        """Apply a finding's proposed repair as one undoable edit."""
        return self.apply_repairs([n])

    def apply_repairs(self, ns: list[int]) -> bool:
        """Apply the repairs of several findings (e.g. the same line at every period) as one edit."""
        rs = self.current
        ns = [n for n in ns if rs is not None and 0 <= n < len(rs.places)]
        if not ns:
            return False
        places = [rs.places[n] for n in ns]
        for place in places:
            value = (place.finding.suggestion or {}).get("value")
            if not place.finding.suggestion:
                self.say("This finding has no repair to apply.")
                return False
            if not isinstance(value, (int, float)) and value is not None:
                self.say("This repair has no number to apply.")
                return False
        s = places[0].finding.suggestion
        label = s.get("label", "")
        macro = MacroCommand("")
        goto = None
        inserted: dict[tuple[str, str], InsertRowCommand] = {}
        for place in places:
            step = self._repair_steps(rs, place, macro, inserted)
            if step is None:
                return False
            goto = goto or step
        m, r, c = goto
        verb = "Revert" if s.get("revert") else "Repair"
        if len(places) > 1:
            macro.setText(f"{verb} {label} at {len(places)} periods")
        elif isinstance(r, str):
            macro.setText(f"{verb} {m.cell_name(m.table.row_of(r), c)}")
        else:
            macro.setText(f"Repair: insert {label}")
        m.push(macro)
        self.show_statement(m.table.st.key)
        self.table.go(m.table.row_of(r) if isinstance(r, str) else r, c)
        shown = "-" if s.get("value") is None else figure_text(s["value"])
        what = f"{label} back to {shown}" if s.get("revert") else f"{label} = {shown}"
        at = f" at {len(places)} periods" if len(places) > 1 else ""
        self.say(f"Applied repair: {what}{at}. Edit > Undo takes it back.")
        self.findings.refresh_repairs()
        return True

    def _repair_steps(self, rs, place, macro, inserted):
        """Add one finding's repair to a macro; return (model, row or anchor, column) to go to."""
        s = place.finding.suggestion
        value = s.get("value")
        if place.target is not None:
            st_key, anchor, col_key = place.target
            m = self.model_for(rs, st_key)
            t = m.table
            r, c = t.row_of(anchor), t.col_of(col_key)
            if r < 0 or c < 1:
                self.say("The cell this repair is for is no longer in the table.")
                return None
            after = t.parsed_snapshot(r, c) if s.get("revert") else \
                t.corrected_snapshot(r, c, value, "-" if value is None else figure_text(value))
            macro.add(CellCommand(m, anchor, col_key, after, ""))
            return m, anchor, c
        if place.insert_after is None:
            self.say("This finding has no repair to apply.")
            return None
        st_key, anchor = place.insert_after
        m = self.model_for(rs, st_key)
        t = m.table
        r = t.row_of(anchor)
        col_key = s.get("column") or (place.cells[0][2] if place.cells else t.column(1).key)
        if r < 0 or t.col_of(col_key) < 1:
            self.say("The place for this repair is no longer in the table.")
            return None
        label = s.get("label") or "New line item"
        nxt = t.item(r + 1) if r + 1 < t.rows else None
        key = (st_key, anchor)
        if key in inserted:                        # a sibling in this macro inserts the line
            macro.add(_SetNewRowValue(m, inserted[key], col_key, value))
        elif nxt is not None and nxt.inserted and nxt.label == label:
            # An earlier repair (another column of the same gap) already inserted this line.
            c = t.col_of(col_key)
            macro.add(CellCommand(m, t.anchors[r + 1], col_key,
                                  t.corrected_snapshot(r + 1, c, value, figure_text(value)), ""))
        else:
            ref = t.item(r)
            inserted[key] = macro.add(InsertRowCommand(m, r + 1, label, ref.level, ref.section))
            if value is not None:
                macro.add(_SetNewRowValue(m, inserted[key], col_key, value))
        return m, r + 1, t.col_of(col_key)

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
        current = self.findings.current_finding()
        self.findings.set_release(rs)
        if 0 <= current < len(rs.places):
            self.findings.select_finding_row(current)
        i = self.releases.index(rs)
        self.library.library.refresh(i)
        self.show_where()

    def _edited(self) -> None:
        self._recheck_timer.start()
        self.findings.refresh_repairs()
        if self.current is not None:
            self.source_index.pop(id(self.current), None)
        self._update_chart()
