"""The library: open releases in time order, each with its statements under it, filterable and sortable."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLineEdit, QMenu,
                               QStyleOptionViewItem, QTreeView, QVBoxLayout, QWidget)

from iijview.naming import plural

HEADERS = ("Release", "Findings", "File", "Standard", "Layout")
FINDINGS, FILE, STANDARD, LAYOUT = 1, 2, 3, 4
SORT = int(Qt.UserRole.value) + 7
FINDING_FG = QBrush(QColor("#b35c00"))
RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
# Roles as plain ints: comparing against Qt enum members costs microseconds per data() call.
DISPLAY, TOOLTIP, ALIGN = int(Qt.DisplayRole.value), int(Qt.ToolTipRole.value), int(Qt.TextAlignmentRole.value)
FOREGROUND = int(Qt.ForegroundRole.value)
_RELEASE = 0      # internal id of a release row; a statement's is its release's row + 1


class LibraryModel(QAbstractItemModel):
    """Two levels: ReleaseState rows, and under each the statements of that release."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.releases = []
        self._rows: list[tuple] = []
        self._counts: list[dict[str, int]] = []     # findings per statement key

    def set_releases(self, releases) -> None:
        """Replace the list of open releases."""
        self.beginResetModel()
        self.releases = list(releases)
        self._rows = [self._row(r) for r in self.releases]
        self._counts = [self._finding_counts(r) for r in self.releases]
        self.endResetModel()

    def add_releases(self, new) -> None:
        """Append releases (opened in a batch): rows are inserted, so the selection and what is
        unfolded stay as they are, and only the new rows are read."""
        new = list(new)
        if not new:
            return
        first = len(self.releases)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self.releases += new
        self._rows += [self._row(r) for r in new]
        self._counts += [self._finding_counts(r) for r in new]
        self.endInsertRows()

    @staticmethod
    def _row(rs) -> tuple[tuple, tuple]:
        """(display texts, sort keys) of a release, in column order."""
        period, standard, layout, findings, name = rs.summary
        p = rs.release.fiscal_period
        when = f"{p.end.isoformat()} {p.months:02d} {name}" if p else f"~{name}"
        return ((period, str(findings), name, standard, layout),
                (when, findings, name.lower(), standard.lower(), layout.lower()))

    def refresh(self, i: int) -> None:
        """Recompute one release and its statements (after its findings changed)."""
        self._rows[i] = self._row(self.releases[i])
        self._counts[i] = self._finding_counts(self.releases[i])
        top = self.index(i, 0)
        self.dataChanged.emit(top, self.index(i, len(HEADERS) - 1))
        n = self.rowCount(top)
        if n:
            self.dataChanged.emit(self.index(0, 0, top), self.index(n - 1, len(HEADERS) - 1, top))

    @staticmethod
    def _finding_counts(rs) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in rs.release.findings:
            out[f.statement] = out.get(f.statement, 0) + 1
        return out

    # -- tree ------------------------------------------------------------------------------

    def index(self, row, column, parent=QModelIndex()):
        """Index of a release (top level) or of a statement under its release."""
        if not 0 <= column < len(HEADERS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _RELEASE) if row < len(self._rows) else QModelIndex()
        if parent.internalId() != _RELEASE or row >= len(self.releases[parent.row()].release.statements):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index=QModelIndex()):  # noqa: D401 - Qt API
        """A statement's release; releases have no parent."""
        if not index.isValid() or index.internalId() == _RELEASE:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _RELEASE)

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        """Releases at the top, statements under a release."""
        if not parent.isValid():
            return len(self._rows)
        if parent.column() == 0 and parent.internalId() == _RELEASE:
            return len(self.releases[parent.row()].release.statements)
        return 0

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        """Release (or statement), findings, file, standard, layout."""
        return len(HEADERS)

    def release_row(self, index) -> int:
        """Row of the release an index belongs to (itself or its parent), or -1."""
        if not index.isValid():
            return -1
        return index.row() if index.internalId() == _RELEASE else index.internalId() - 1

    def statement_key(self, index) -> str | None:
        """Key of the statement at an index (None for a release row)."""
        if not index.isValid() or index.internalId() == _RELEASE:
            return None
        return self.releases[index.internalId() - 1].release.statements[index.row()].key

    def statement_index(self, i: int, st_key: str):
        """Index of statement st_key of release i."""
        for n, st in enumerate(self.releases[i].release.statements):
            if st.key == st_key:
                return self.index(n, 0, self.index(i, 0))
        return QModelIndex()

    # -- data ------------------------------------------------------------------------------

    def data(self, index, role=DISPLAY):
        """Summary text; tooltips with the full path or the statement's source lines; sort keys."""
        if not index.isValid():
            return None
        c = index.column()
        if index.internalId() == _RELEASE:
            return self._release_data(index.row(), c, role)
        i = index.internalId() - 1
        st = self.releases[i].release.statements[index.row()]
        n = self._counts[i].get(st.key, 0)
        if role in (DISPLAY, SORT):
            if c == 0:
                return st.title
            return None
        if role == FOREGROUND and n:
            return FINDING_FG
        if role == TOOLTIP:
            return (f"{st.title}: {plural(len(st.items), 'row')}, source lines {st.line}\u2013"
                    f"{max(st.end_line, st.line)}" + (f", {plural(n, 'finding')}" if n else ""))
        return None

    def _release_data(self, i: int, c: int, role):
        if role == DISPLAY:
            return self._rows[i][0][c]
        if role == SORT:
            return self._rows[i][1][c]
        if role == TOOLTIP:
            rs = self.releases[i]
            period, standard, layout, findings, _name = rs.summary
            extra = f"\n{plural(len(rs.messages), 'stored correction')} did not fit" if rs.messages else ""
            return (f"{period} {standard}, {layout} layout: {plural(findings, 'finding')}\n{rs.path}\n"
                    f"{plural(len(rs.release.statements), 'statement')}{extra}")
        if role == ALIGN and c == FINDINGS:
            return RIGHT
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt API
        """Column names."""
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return HEADERS[section]
        if role == Qt.ToolTipRole and orientation == Qt.Horizontal:
            return "Click to sort by this column"
        return None


class _Proxy(QSortFilterProxyModel):
    """Sorts releases by the clicked column, keeps statements in print order, filters statements."""

    _ascending = True
    text = ""                 # the filter text as typed

    def set_text(self, text: str) -> None:
        """Filter statements by words of their title (case-insensitive)."""
        if hasattr(self, "beginFilterChange"):        # Qt 6.10 and later
            self.beginFilterChange()
            self.text = text.strip().lower()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.text = text.strip().lower()
            self.invalidateFilter()

    def sort(self, column, order=Qt.AscendingOrder):
        """Remember the order (asked once, not on every comparison)."""
        self._ascending = order == Qt.AscendingOrder
        super().sort(column, order)

    def lessThan(self, left, right):  # noqa: N802 - Qt API
        """Releases by their sort key; statements always in the order the release prints them."""
        if left.internalId() != _RELEASE:
            before = left.row() < right.row()
            return before if self._ascending else not before
        a, b = left.data(SORT), right.data(SORT)
        if a == b:
            return left.row() < right.row()
        return a < b

    def filterAcceptsRow(self, row, parent):  # noqa: N802 - Qt API
        """A statement whose title contains the filter text; a release with any such statement."""
        if not self.text:
            return True
        src = self.sourceModel()
        if parent.isValid():
            return self.text in (src.index(row, 0, parent).data() or "").lower()
        top = src.index(row, 0)
        if any(self.text in str(src.index(row, c).data() or "").lower() for c in range(len(HEADERS))):
            return True
        return any(self.filterAcceptsRow(k, top) for k in range(src.rowCount(top)))


class LibraryView(QWidget):
    """The releases and their statements; choosing a statement shows it (keyboard: arrows, Enter)."""

    release_chosen = Signal(int)             # index into the window's releases
    statement_chosen = Signal(int, str)      # release index, statement key
    context_requested = Signal(object, object)   # (global position, source index)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.library = LibraryModel(self)
        self.proxy = _Proxy(self)
        self.proxy.setSourceModel(self.library)
        self.proxy.setRecursiveFilteringEnabled(False)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter statements (Ctrl+K)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter statements")
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self._first_match)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(0, Qt.AscendingOrder)
        self.tree.setContextMenuPolicy(Qt.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(
            lambda pos: self.context_requested.emit(self.tree.viewport().mapToGlobal(pos),
                                                    self.proxy.mapToSource(self.tree.indexAt(pos))))
        self.tree.setAccessibleName("Open releases and their statements")
        self.tree.setTextElideMode(Qt.ElideMiddle)      # keeps a name's start and its period or extension
        h = self.tree.header()
        h.setStretchLastSection(False)
        h.setMinimumSectionSize(40)
        # ResizeToContents would measure every row again each time rows arrive (most of the window's
        # time while a hundred releases open); the columns are measured here, new rows only.
        for c in range(len(HEADERS)):
            h.setSectionResizeMode(c, QHeaderView.Stretch if c == FILE else QHeaderView.Interactive)
        self._widths = [0] * len(HEADERS)
        self.library.rowsInserted.connect(lambda parent, first, last: parent.isValid() or self._fit(first, last))
        self.library.modelReset.connect(self._refit)
        self.library.dataChanged.connect(lambda top, bottom, _roles=(): top.parent().isValid()
                                         or self._fit(top.row(), bottom.row()))
        h.setSectionsClickable(True)
        h.setContextMenuPolicy(Qt.CustomContextMenu)
        h.customContextMenuRequested.connect(self._header_menu)
        # The period, findings and file name fit a narrow pane; standard and layout are in the
        # tooltip and the title above the table (right-click the headers to show them here too).
        self.tree.setColumnHidden(STANDARD, True)
        self.tree.setColumnHidden(LAYOUT, True)
        self.tree.expanded.connect(self._span_statements)
        self.proxy.layoutChanged.connect(self._respan)
        self.tree.selectionModel().currentRowChanged.connect(self._current_changed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.filter)
        lay.addWidget(self.tree)
        self.setFocusProxy(self.tree)
        self._quiet = False

    def _span_statements(self, top) -> None:
        """A statement's title spans the whole row (its counts are in the tooltip); done when its
        release unfolds, so a library of hundreds of releases fills at once."""
        for k in range(self.proxy.rowCount(top)):
            self.tree.setFirstColumnSpanned(k, top, True)

    def _respan(self, *_args) -> None:
        for r in range(self.proxy.rowCount()):
            top = self.proxy.index(r, 0)
            if self.tree.isExpanded(top):
                self._span_statements(top)

    def _header_menu(self, pos) -> None:
        """Right-click on the headers: choose the columns shown."""
        menu = QMenu(self)
        for c in range(1, len(HEADERS)):
            act = menu.addAction(HEADERS[c])
            act.setCheckable(True)
            act.setChecked(not self.tree.isColumnHidden(c))
            act.toggled.connect(lambda on, c=c: self._show_column(c, on))
        self._open_menu = menu
        menu.popup(self.tree.header().mapToGlobal(pos))

    def _show_column(self, c: int, on: bool) -> None:
        self.tree.setColumnHidden(c, not on)
        if on:
            self._widths[c] = 0
            self._fit(0, self.library.rowCount() - 1, [c])

    def _refit(self) -> None:
        """All releases replaced (one closed): measure the columns afresh."""
        self._widths = [0] * len(HEADERS)
        self._fit(0, self.library.rowCount() - 1)

    def _fit(self, first: int, last: int, columns=None) -> None:
        """Widen the shown columns (not the stretched file name) to fit release rows first..last and
        their headers; the widths only grow while releases are added, so only new rows are measured."""
        if last < first and columns is None:
            return
        h, delegate = self.tree.header(), self.tree.itemDelegate()
        option = QStyleOptionViewItem()
        self.tree.initViewItemOption(option)
        for c in columns or range(len(HEADERS)):
            if c == FILE or self.tree.isColumnHidden(c):
                continue
            want = max(self._widths[c], h.sectionSizeHint(c))
            extra = self.tree.indentation() if c == 0 else 0
            for r in range(first, last + 1):
                idx = self.proxy.mapFromSource(self.library.index(r, c))
                if idx.isValid():
                    want = max(want, delegate.sizeHint(option, idx).width() + extra)
            if want != self._widths[c] or h.sectionSize(c) != want:
                self._widths[c] = want
                h.resizeSection(c, want)

    # -- choosing --------------------------------------------------------------------------

    def _current_changed(self, current, _previous) -> None:
        if self._quiet:
            return
        src = self.proxy.mapToSource(current)
        i = self.library.release_row(src)
        if i < 0:
            return
        key = self.library.statement_key(src)
        if key is None:
            self.release_chosen.emit(i)
        else:
            self.statement_chosen.emit(i, key)

    def _filter(self, text: str) -> None:
        """Filtering changes what the library lists, never what is shown."""
        self._quiet = True
        try:
            self.proxy.set_text(text)
            if text.strip():
                self.tree.expandAll()
            self._respan()
        finally:
            self._quiet = False

    def _first_match(self) -> None:
        """Enter in the filter box opens the first statement that matches, in the release being
        read if it has one."""
        shown = self.current_release()
        tops = [self.proxy.index(r, 0) for r in range(self.proxy.rowCount())]
        tops.sort(key=lambda top: self.proxy.mapToSource(top).row() != shown)
        for top in tops:
            if self.proxy.rowCount(top):
                idx = self.proxy.index(0, 0, top)
                self._quiet = True
                self.tree.setCurrentIndex(idx)
                self._quiet = False
                self._current_changed(idx, QModelIndex())
                self.tree.setFocus()
                return

    def focus_filter(self) -> None:
        """Put the cursor in the filter box (Go to statement)."""
        self.filter.setFocus()
        self.filter.selectAll()

    def select(self, i: int, st_key: str | None = None) -> None:
        """Make release i (or one of its statements) current without announcing it."""
        if not (0 <= i < self.library.rowCount()):
            return
        src = self.library.statement_index(i, st_key) if st_key else self.library.index(i, 0)
        idx = self.proxy.mapFromSource(src)
        if not idx.isValid():           # filtered out: clear the filter so the choice shows
            self.filter.clear()
            idx = self.proxy.mapFromSource(src)
        self._quiet = True
        try:
            self.tree.setCurrentIndex(idx)
            top = idx.parent() if st_key else idx
            for r in range(self.proxy.rowCount()):     # only the release being read is unfolded
                other = self.proxy.index(r, 0)
                if other != top and not self.filter.text():
                    self.tree.collapse(other)
            self.tree.expand(top)
            self.tree.scrollTo(idx)
        finally:
            self._quiet = False

    def selectRow(self, i: int) -> None:  # noqa: N802 - kept for callers of the old table view
        """Choose release i (as a click on it would)."""
        if 0 <= i < self.library.rowCount():
            self.select(i)
            self.release_chosen.emit(i)

    def current_release(self) -> int:
        """Index of the release of the current row, or -1."""
        return self.library.release_row(self.proxy.mapToSource(self.tree.currentIndex()))

    def visible_order(self) -> list[int]:
        """Release indices in the order the library shows them."""
        out = []
        for r in range(self.proxy.rowCount()):
            out.append(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
        return out
