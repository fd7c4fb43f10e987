"""The library: a table of the open releases (period, standard, layout, findings, file)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

HEADERS = ("Period", "Standard", "Layout", "Findings", "File")


class LibraryModel(QAbstractTableModel):
    """Rows are ReleaseState objects; the summaries are computed once per release."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.releases = []
        self._rows: list[tuple] = []

    def set_releases(self, releases) -> None:
        """Replace the list of open releases."""
        self.beginResetModel()
        self.releases = list(releases)
        self._rows = [r.summary for r in self.releases]
        self.endResetModel()

    def refresh(self, i: int) -> None:
        """Recompute one row (after its findings changed)."""
        self._rows[i] = self.releases[i].summary
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(HEADERS) - 1))

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        """Number of open releases."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        """Period, standard, layout, findings, file."""
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index, role=Qt.DisplayRole):
        """Summary text; the full path as tooltip."""
        row = self._rows[index.row()]
        if role == Qt.DisplayRole:
            return str(row[index.column()])
        if role == Qt.ToolTipRole:
            rs = self.releases[index.row()]
            extra = f"\n{len(rs.messages)} stored corrections did not fit" if rs.messages else ""
            return f"{rs.path}{extra}"
        if role == Qt.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt API
        """Column names."""
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return HEADERS[section]
        return None


class LibraryView(QTableView):
    """One row per open release; selecting one shows its statements."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.library = LibraryModel(self)
        self.setModel(self.library)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        h = self.horizontalHeader()
        h.setStretchLastSection(True)
        h.setSectionResizeMode(QHeaderView.ResizeToContents)
        self.setAccessibleName("Open releases")
