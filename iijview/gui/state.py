"""Plain-Python state behind the views: open releases, statement tables with cached display text."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from iijview.gui.formatting import display_text, edit_text, is_amount, stored_value
from iijview.model import Cell, Column, Finding, LineItem, Release, Statement
from iijview.store.workspace import INSERT_PREFIX, Workspace, WorkspaceError

# Cell flags kept next to the display text so data() only looks them up.
CORRECTED, UNREADABLE, FINDING, NEGATIVE = 1, 2, 4, 8


@dataclass
class CellSnapshot:
    """Everything about one cell that an edit can change (for undo)."""

    exists: bool
    value: float | None = None
    text: str = ""
    status: str = "parsed"
    original: float | None = None
    original_text: str = ""


@dataclass
class FindingPlace:
    """A finding resolved to stable row anchors in the release being shown."""

    finding: Finding
    cells: list[tuple[str, str, str]] = field(default_factory=list)   # (statement, anchor, column)
    target: tuple[str, str, str] | None = None    # suggestion's cell (statement, anchor, column)
    insert_after: tuple[str, str] | None = None   # suggestion's new row (statement, anchor)


class ReleaseState:
    """One open release: the parsed (and corrected) Release, row anchors and statement tables."""

    def __init__(self, release: Release, workspace: Workspace | None, path: str = "",
                 anchors: dict[str, list[str]] | None = None,
                 parsed_keys: dict[str, list[str]] | None = None, messages=()):
        self.release = release
        self.workspace = workspace
        self.path = path or release.path
        self.anchors = anchors if anchors is not None else {
            st.key: st.item_keys() for st in release.statements}
        self.messages = list(messages)
        self._tables: dict[str, StatementTable] = {}
        self.original_labels: dict[tuple[str, str], str] = {}
        if workspace is not None:
            try:
                stored = workspace.corrections(release.sha256)
            except WorkspaceError:   # a damaged workspace: the release is shown as parsed (loading said so)
                stored = []
            for c in stored:
                if c.kind == "label":
                    self.original_labels[(c.statement, c.row_key)] = c.original_text
        self.places: list[FindingPlace] = []
        self.set_findings(release.findings, parsed_keys or self.anchors)

    @property
    def summary(self) -> tuple[str, str, str, int, str]:
        """(fiscal period, standard, layout, number of findings, file name) for the library."""
        r = self.release
        period = r.fiscal_period.fiscal_label() if r.fiscal_period else "?"
        return period, r.standard or "?", r.layout or "?", len(r.findings), r.name

    def table(self, st_key: str) -> "StatementTable":
        """The (cached) table state of one statement."""
        t = self._tables.get(st_key)
        if t is None:
            t = self._tables[st_key] = StatementTable(self, self.release.statement(st_key))
        return t

    def set_findings(self, findings: list[Finding], keys: dict[str, list[str]]) -> None:
        """Resolve findings' row indices (relative to `keys`) to anchors and mark their cells."""
        self.release.findings = list(findings)
        self.places = []
        for f in findings:
            place = FindingPlace(f)
            row_keys = keys.get(f.statement, [])

            def anchor(i):
                """The anchor of row index i (in `keys`), or None."""
                return row_keys[i] if isinstance(i, int) and 0 <= i < len(row_keys) else None

            for i, col in f.cells:
                a = anchor(i)
                if a is not None:
                    place.cells.append((f.statement, a, col))
            s = f.suggestion or {}
            if "insert_after" in s and anchor(s["insert_after"]) is not None:
                place.insert_after = (f.statement, anchor(s["insert_after"]))
            elif "row" in s and anchor(s["row"]) is not None and s.get("column"):
                place.target = (f.statement, anchor(s["row"]), s["column"])
            self.places.append(place)
        for t in self._tables.values():
            t.refresh_marks()

    def marks(self, st_key: str) -> dict[tuple[str, str], list[int]]:
        """(anchor, column) -> indices of the findings that involve that cell."""
        out: dict[tuple[str, str], list[int]] = {}
        for n, place in enumerate(self.places):
            for st, a, col in place.cells:
                if st == st_key:
                    out.setdefault((a, col), []).append(n)
        return out


class StatementTable:
    """Display state of one statement: column 0 is the label, then one column per Column."""

    def __init__(self, owner: ReleaseState, statement: Statement, mode: str = "printed"):
        self.owner = owner
        self.st = statement
        self.anchors = owner.anchors.setdefault(statement.key, statement.item_keys())
        self.mode = mode
        self._text: list[list[str]] = []
        self._flags: list[list[int]] = []
        self._marks: dict[tuple[str, str], list[int]] = {}
        self.refresh_marks(rebuild=False)
        self.rebuild()

    # -- shape and lookups -----------------------------------------------------------------

    @property
    def rows(self) -> int:
        """Number of rows."""
        return len(self.st.items)

    @property
    def cols(self) -> int:
        """Number of columns including the label column."""
        return len(self.st.columns) + 1

    def column(self, c: int) -> Column:
        """The statement column shown at table column c (c >= 1)."""
        return self.st.columns[c - 1]

    def item(self, r: int) -> LineItem:
        """The line item at row r."""
        return self.st.items[r]

    def cell(self, r: int, c: int) -> Cell | None:
        """The cell at (r, c), or None where the release has no value."""
        return self.st.items[r].cells.get(self.st.columns[c - 1].key) if c >= 1 else None

    def row_of(self, anchor: str) -> int:
        """Row index of an anchor, or -1."""
        try:
            return self.anchors.index(anchor)
        except ValueError:
            return -1

    def col_of(self, col_key: str) -> int:
        """Table column of a column key, or -1."""
        for i, col in enumerate(self.st.columns):
            if col.key == col_key:
                return i + 1
        return -1

    def text(self, r: int, c: int) -> str:
        """Cached display text."""
        return self._text[r][c]

    def flags(self, r: int, c: int) -> int:
        """Cached CORRECTED/UNREADABLE/FINDING/NEGATIVE flags."""
        return self._flags[r][c]

    def unit(self, r: int, c: int) -> tuple[str, int]:
        """Unit and scale of a cell."""
        return self.st.unit_of(self.st.items[r], self.column(c))

    def amount(self, r: int, c: int) -> bool:
        """True if the display-unit switch applies to this cell."""
        unit, _scale = self.unit(r, c)
        return is_amount(unit, self.column(c).role)

    def findings_at(self, r: int, c: int) -> list[int]:
        """Indices into owner.places of the findings involving this cell."""
        if c < 1:
            return []
        return self._marks.get((self.anchors[r], self.column(c).key), [])

    # -- cached display --------------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        """Switch the display unit and recompute the cached text."""
        if mode != self.mode:
            self.mode = mode
            self.rebuild()

    def rebuild(self) -> None:
        """Recompute display text and flags for every row."""
        self._text = [None] * self.rows
        self._flags = [None] * self.rows
        for r in range(self.rows):
            self._format_row(r)

    def _format_row(self, r: int) -> None:
        row = self.st.items[r]
        texts = ["    " * max(row.level, 0) + row.label]
        label_corrected = row.inserted or (self.st.key, self.anchors[r]) in self.owner.original_labels
        flags = [CORRECTED if label_corrected else 0]
        anchor = self.anchors[r]
        for col in self.st.columns:
            cell = row.cells.get(col.key)
            if cell is None:
                texts.append("")
                flags.append(FINDING if (anchor, col.key) in self._marks else 0)
                continue
            unit, scale = self.st.unit_of(row, col)
            texts.append(display_text(cell.value, cell.text, cell.status, unit, scale, col.role,
                                      self.mode))
            f = 0
            if cell.status == "corrected":
                f |= CORRECTED
            if cell.status == "unreadable":
                f |= UNREADABLE
            if cell.value is not None and cell.value < 0:
                f |= NEGATIVE
            if (anchor, col.key) in self._marks:
                f |= FINDING
            flags.append(f)
        self._text[r] = texts
        self._flags[r] = flags

    def refresh_marks(self, rebuild: bool = True) -> None:
        """Re-read which cells carry findings."""
        self._marks = self.owner.marks(self.st.key)
        if rebuild:
            self.rebuild()

    def longest(self, c: int, sample: int = 400) -> str:
        """Longest display text of a column, over a sample of rows (for column widths)."""
        step = max(1, self.rows // sample)
        return max((self._text[r][c] for r in range(0, self.rows, step)), key=len, default="")

    # -- text for tooltips and editors -----------------------------------------------------

    def edit_text(self, r: int, c: int) -> str:
        """Text an editor starts with: the label, or the number in the shown unit."""
        if c == 0:
            return self.st.items[r].label
        cell = self.cell(r, c)
        if cell is None:
            return ""
        unit, scale = self.unit(r, c)
        return edit_text(cell.value, cell.text, unit, scale, self.column(c).role, self.mode)

    def parse(self, r: int, c: int, typed: str) -> tuple[float | None, str]:
        """Typed text -> (value, text) as printed; raises InputError on bad typing."""
        unit, scale = self.unit(r, c)
        return stored_value(typed, unit, scale, self.column(c).role, self.mode)

    def tooltip(self, r: int, c: int) -> str:
        """Tooltip: the original value of a corrected cell, the findings on it, its source line."""
        row = self.st.items[r]
        lines = []
        if c == 0:
            lines.append(row.label)
            orig = self.owner.original_labels.get((self.st.key, self.anchors[r]))
            if row.inserted:
                lines.append("Row inserted by you (not in the release).")
            elif orig is not None and orig != row.label:
                lines.append(f"Corrected label; the release says: {orig}")
            if row.line:
                lines.append(f"Source line {row.line}")
            return "\n".join(lines)
        cell = self.cell(r, c)
        if cell is not None:
            if cell.status == "corrected":
                unit, scale = self.unit(r, c)
                if cell.original is not None:
                    orig = display_text(cell.original, cell.original_text, "parsed", unit, scale,
                                        self.column(c).role, "printed")
                else:
                    orig = cell.original_text or "(no value)"
                lines.append(f"Corrected; the release says: {orig}")
            elif cell.status == "unreadable":
                lines.append(f"Unreadable in the release: {cell.text!r}")
            if cell.line:
                lines.append(f"Source line {cell.line}")
        for n in self.findings_at(r, c):
            f = self.owner.places[n].finding
            diff = f" (difference {f.difference:,g})" if f.difference is not None else ""
            lines.append(f"{f.severity.capitalize()} [{f.rule}]: {f.message}{diff}")
        return "\n".join(lines)

    # -- edits (each stored in the workspace at once) --------------------------------------

    def snapshot(self, r: int, c: int) -> CellSnapshot:
        """The current state of a cell."""
        cell = self.cell(r, c)
        if cell is None:
            return CellSnapshot(False)
        return CellSnapshot(True, cell.value, cell.text, cell.status, cell.original,
                            cell.original_text)

    def corrected_snapshot(self, r: int, c: int, value: float | None, text: str) -> CellSnapshot:
        """The snapshot of this cell after a user edit to (value, text)."""
        before = self.snapshot(r, c)
        if before.exists and before.status == "corrected":
            orig, orig_text = before.original, before.original_text
        elif before.exists:
            orig, orig_text = before.value, before.text
        else:
            orig, orig_text = None, ""
        if (orig, orig_text) != (None, "") and value == orig:
            return self.parsed_snapshot(r, c)     # typed back the parsed value: a revert
        return CellSnapshot(True, value, text, "corrected", orig, orig_text)

    def parsed_snapshot(self, r: int, c: int) -> CellSnapshot:
        """The snapshot of this cell as the parser read it."""
        s = self.snapshot(r, c)
        if not s.exists or s.status != "corrected":
            return s
        if s.original is None and s.original_text == "":
            return CellSnapshot(False)
        status = "parsed" if s.original is not None else (
            "nil" if s.original_text.strip() in ("", "-", "\u2014", "\u2013") else "unreadable")
        return CellSnapshot(True, s.original, s.original_text, status, None, "")

    # Every edit is stored first and shown after: when storing fails (WorkspaceError), nothing
    # in memory has changed yet. Edits that store several rows are one transaction.

    def restore(self, anchor: str, col_key: str, snap: CellSnapshot) -> tuple[int, int]:
        """Store a cell's snapshot (or remove its correction), then set the cell; return (row, col)."""
        r, c = self.row_of(anchor), self.col_of(col_key)
        row = self.st.items[r]
        ws, rel = self.owner.workspace, self.owner.release
        if ws is not None:
            if snap.exists and snap.status == "corrected":
                ws.set_value(rel, self.st.key, anchor, col_key, snap.value, snap.text,
                             snap.original, snap.original_text)
            else:
                ws.revert(rel, self.st.key, anchor, col_key, "value")
        if not snap.exists:
            row.cells.pop(col_key, None)
        else:
            cell = row.cells.get(col_key)
            if cell is None:
                cell = row.cells[col_key] = Cell(text="", value=None, line=row.line)
            cell.value, cell.text, cell.status = snap.value, snap.text, snap.status
            cell.original, cell.original_text = snap.original, snap.original_text
        self._format_row(r)
        return r, c

    def set_label(self, anchor: str, label: str) -> int:
        """Store a row's label, then set it; typing the parsed label back reverts it. Return row."""
        r = self.row_of(anchor)
        row = self.st.items[r]
        ws, rel, key = self.owner.workspace, self.owner.release, (self.st.key, anchor)
        if row.inserted:
            if ws is not None:
                self._store_insert(anchor, label, self._after(r), row.level, row.section)
            row.label = row.raw_label = label
        else:
            original = self.owner.original_labels.get(key, row.label)
            if label == original:
                if ws is not None:
                    ws.revert(rel, self.st.key, anchor, kind="label")
                self.owner.original_labels.pop(key, None)
            else:
                if ws is not None:
                    ws.set_label(rel, self.st.key, anchor, label, original)
                self.owner.original_labels[key] = original
            row.label = label
        self._format_row(r)
        return r

    def _after(self, r: int) -> str:
        """The anchor of the row before index r ('' at the top)."""
        return self.anchors[r - 1] if r > 0 else ""

    def _store_insert(self, anchor: str, label: str, after: str, level: int, section: str) -> None:
        self.owner.workspace.insert_row(self.owner.release, self.st.key, anchor, label, after, level, section)

    def _store_follower(self, r: int, after: str) -> None:
        """The inserted row at index r (if any) is stored as following the row `after`."""
        if r < self.rows and self.st.items[r].inserted:
            row = self.st.items[r]
            self._store_insert(self.anchors[r], row.label, after, row.level, row.section)

    def insert_row(self, r: int, label: str, level: int = 0, section: str = "",
                   anchor: str | None = None) -> str:
        """Store a user row inserted at index r, then insert it; return its anchor."""
        anchor = anchor or INSERT_PREFIX + uuid.uuid4().hex[:12]
        if self.owner.workspace is not None:
            self._store_insert(anchor, label, self._after(r), level, section)
        row = LineItem(label=label, section=section, level=level, inserted=True, raw_label=label)
        self.st.items.insert(r, row)
        self.anchors.insert(r, anchor)
        self._text.insert(r, None)
        self._flags.insert(r, None)
        self._format_row(r)
        return anchor

    def remove_row(self, anchor: str) -> tuple[int, LineItem]:
        """Store that a row is gone (an inserted one is forgotten, a parsed one marked deleted), then
        remove it."""
        r = self.row_of(anchor)
        row = self.st.items[r]
        ws, rel = self.owner.workspace, self.owner.release
        if ws is not None:
            with ws.transaction():
                if row.inserted:
                    ws.revert(rel, self.st.key, anchor, kind="insert")
                else:
                    ws.delete_row(rel, self.st.key, anchor, row.label)
                self._store_follower(r + 1, self._after(r))   # an inserted row after it now follows our neighbour
        del self.st.items[r], self.anchors[r], self._text[r], self._flags[r]
        return r, row

    def restore_row(self, r: int, anchor: str, row: LineItem) -> None:
        """Store a removed row again, then put it back at index r (undo of remove_row)."""
        ws, rel = self.owner.workspace, self.owner.release
        if ws is not None:
            with ws.transaction():
                if row.inserted:
                    self._store_insert(anchor, row.label, self._after(r), row.level, row.section)
                    for col_key, cell in row.cells.items():
                        if cell.status == "corrected":
                            ws.set_value(rel, self.st.key, anchor, col_key, cell.value, cell.text,
                                         cell.original, cell.original_text)
                else:
                    ws.revert(rel, self.st.key, anchor, kind="delete")
                self._store_follower(r, anchor)       # the inserted row now at r will follow it
        self.st.items.insert(r, row)
        self.anchors.insert(r, anchor)
        self._text.insert(r, None)
        self._flags.insert(r, None)
        self._format_row(r)

    # -- search ----------------------------------------------------------------------------

    def matches(self, needle: str) -> list[tuple[int, int]]:
        """Cells whose label or shown value contains needle (case-insensitive), in reading order."""
        n = needle.strip().lower()
        if not n:
            return []
        plain = n.replace(",", "")
        out = []
        for r, texts in enumerate(self._text):
            for c, t in enumerate(texts):
                low = t.lower()
                if n in low or (c > 0 and plain and plain in low.replace(",", "")):
                    out.append((r, c))
        return out

