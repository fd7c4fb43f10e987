"""The source pane for releases opened as published: the PDF page with the value's box, or the HTML cell.

`SourcePane` holds the text view every release has and, for a PDF, a `PageView` that shows the page a
value was printed on (rendered with pypdfium2) with the value and its row highlighted ('Page' and
'Text' tabs); for an HTML page, the table the value is in, cell by cell, with its cell selected and
a caption naming table, row and cell ('Table' and 'Text' tabs).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QStackedWidget,
                               QTabBar, QTableWidget, QTableWidgetItem, QToolButton, QVBoxLayout, QWidget)

from iijview.model import Place, Release
from iijview.parse.pdf_text import PDFIUM

ROW_FILL = QColor(255, 224, 102, 90)
CELL_FILL = QColor(255, 140, 0, 110)
CELL_EDGE = QColor(214, 80, 0)


def union(places: list[Place]) -> tuple[float, float, float, float]:
    """The box around some places (all on one page)."""
    return (min(p.box[0] for p in places), min(p.box[1] for p in places),
            max(p.box[2] for p in places), max(p.box[3] for p in places))


def row_boxes(places: list[Place]) -> list[tuple[float, float, float, float]]:
    """One box per printed line of a row (a wrapped label prints over several)."""
    lines: list[list[Place]] = []
    for p in sorted(places, key=lambda p: (p.box[1], p.box[0])):
        if lines and abs(lines[-1][0].box[1] - p.box[1]) < 0.5 * (p.box[3] - p.box[1]):
            lines[-1].append(p)
        else:
            lines.append([p])
    return [union(ln) for ln in lines]


class PageCanvas(QWidget):
    """Paints one rendered page and the boxes to highlight; double-click reports the point in points."""

    point_clicked = Signal(float, float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pixmap: QPixmap | None = None
        self.scale = 1.0              # widget pixels per point
        self.cell: list[tuple[float, float, float, float]] = []
        self.row: list[tuple[float, float, float, float]] = []
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)

    def set_page(self, pixmap: QPixmap | None, scale: float) -> None:
        """Show a rendered page (scale: widget pixels per point)."""
        self.pixmap, self.scale = pixmap, scale
        if pixmap is not None:
            ratio = pixmap.devicePixelRatio() or 1.0
            self.setFixedSize(int(pixmap.width() / ratio), int(pixmap.height() / ratio))
        self.update()

    def rect_of(self, box) -> QRectF:
        """A box in points as a rectangle in the widget, with a little margin."""
        s = self.scale
        return QRectF(box[0] * s - 2, box[1] * s - 2, (box[2] - box[0]) * s + 4, (box[3] - box[1]) * s + 4)

    def paintEvent(self, event):  # noqa: N802 - Qt API
        """The page, then the row's band, then the value's box."""
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("white"))
        if self.pixmap is not None:
            p.drawPixmap(0, 0, self.pixmap)
        p.setPen(Qt.NoPen)
        for box in self.row:
            p.fillRect(self.rect_of(box), ROW_FILL)
        for box in self.cell:
            r = self.rect_of(box)
            p.fillRect(r, CELL_FILL)
            p.setPen(QPen(CELL_EDGE, 1.5))
            p.drawRect(r)
        p.end()

    def mouseDoubleClickEvent(self, event):  # noqa: N802 - Qt API
        """Report where on the page the user double-clicked."""
        pos: QPointF = event.position()
        if self.scale:
            self.point_clicked.emit(pos.x() / self.scale, pos.y() / self.scale)


class PageView(QWidget):
    """A PDF release's pages, one at a time, fitted to the pane's width, with a value highlighted."""

    cell_requested = Signal(int)      # text offset of the word double-clicked on the page

    def __init__(self, parent=None):
        super().__init__(parent)
        self.release: Release | None = None
        self.pdf = None
        self.page = 0                 # 1-based page shown
        self.problem = ""
        self._pixmaps: dict[tuple[int, int], QPixmap] = {}
        self.caption = QLabel()
        self.caption.setTextFormat(Qt.PlainText)
        self.prev_button = QToolButton(text="\u25c0", autoRaise=True, toolTip="Previous page")
        self.next_button = QToolButton(text="\u25b6", autoRaise=True, toolTip="Next page")
        self.prev_button.clicked.connect(lambda: self.go_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.go_page(self.page + 1))
        self.zoom = 1.0               # 1.0 = the page at its printed size on a 96 dpi screen; 0 = fit the width
        self.zoom_buttons = []
        for text, tip, step in (("−", "Smaller (Ctrl+wheel)", 1 / 1.25), ("+", "Larger (Ctrl+wheel)", 1.25),
                                ("Fit", "Fit the page to the pane's width", 0.0)):
            button = QToolButton(text=text, autoRaise=True, toolTip=tip)
            button.clicked.connect(lambda _c=False, step=step: self.set_zoom(step))
            self.zoom_buttons.append(button)
        self.canvas = PageCanvas()
        self.canvas.point_clicked.connect(self._clicked)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
        self.scroll.setAccessibleName("Page of the PDF release")
        head = QHBoxLayout()
        head.setContentsMargins(4, 2, 4, 2)
        head.addWidget(self.prev_button)
        head.addWidget(self.caption, 1)
        for button in self.zoom_buttons:
            head.addWidget(button)
        head.addWidget(self.next_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(head)
        lay.addWidget(self.scroll, 1)
        self._refit = QTimer(self, singleShot=True, interval=120)
        self._refit.timeout.connect(lambda: self.go_page(self.page, keep=True))

    def show_release(self, release: Release, path: str) -> None:
        """Open the PDF a release was read from (checking it is still the same file)."""
        self.close_pdf()
        self.release = release
        self.page = 0
        self.problem = ""
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.problem = f"The PDF cannot be read any more ({exc.strerror or exc}); the text is shown instead."
        else:
            if hashlib.sha256(data).hexdigest() != release.sha256:
                self.problem = "The PDF has changed since it was opened; its pages no longer match the values."
            else:
                import pypdfium2 as pdfium

                try:
                    with PDFIUM:
                        self.pdf = pdfium.PdfDocument(data)
                except pdfium.PdfiumError as exc:
                    self.problem = f"The PDF's pages cannot be shown ({exc})."
        self.caption.setText(self.problem)
        self.go_page(1)

    def close_pdf(self) -> None:
        """Let go of the open PDF and its rendered pages."""
        if self.pdf is not None:
            with PDFIUM:
                self.pdf.close()
        self.pdf = None
        self._pixmaps.clear()

    @property
    def pages(self) -> int:
        """Pages of the open PDF."""
        return len(self.release.original.page_sizes) if self.release and self.release.original else 0

    def go_page(self, n: int, keep: bool = False) -> None:
        """Show page n (1-based), fitted to the width; `keep` keeps the highlight and scroll position."""
        if self.pdf is None or not self.pages:
            self.canvas.set_page(None, 1.0)
            return
        n = max(1, min(n, self.pages))
        if n != self.page and not keep:
            self.canvas.cell, self.canvas.row = [], []
        self.page = n
        width_pt = self.release.original.page_sizes[n - 1][0] or 595.0
        avail = max(200, self.scroll.viewport().width() - 4)
        scale = avail / width_pt if self.zoom == 0 else self.zoom * 96 / 72
        self.canvas.set_page(self._render(n, scale), scale)
        self.caption.setText(f"Page {n} of {self.pages}" + (" (read by OCR)" if n in
                                                             self.release.original.ocr_pages else ""))
        self.prev_button.setEnabled(n > 1)
        self.next_button.setEnabled(n < self.pages)

    def set_zoom(self, step: float) -> None:
        """Zoom by a factor (0: fit the page's width), keeping the highlighted value in view."""
        if step == 0:
            self.zoom = 0.0
        else:
            current = self.canvas.scale * 72 / 96 if self.zoom == 0 else self.zoom
            self.zoom = max(0.3, min(current * step, 6.0))
        self.go_page(self.page, keep=True)
        self._show_highlight()

    def wheelEvent(self, event):  # noqa: N802 - Qt API
        """Ctrl+wheel zooms the page."""
        if event.modifiers() & Qt.ControlModifier:
            self.set_zoom(1.25 if event.angleDelta().y() > 0 else 1 / 1.25)
            event.accept()
            return
        super().wheelEvent(event)

    def _render(self, n: int, scale: float) -> QPixmap | None:
        ratio = self.devicePixelRatioF() or 1.0
        key = (n, round(scale * ratio * 100))
        if key not in self._pixmaps:
            if len(self._pixmaps) > 6:
                self._pixmaps.pop(next(iter(self._pixmaps)))
            with PDFIUM:   # a release may be loading in another thread
                page = self.pdf[n - 1]
                try:
                    bitmap = page.render(scale=scale * ratio, rev_byteorder=True)
                    w, h = bitmap.width, bitmap.height
                    fmt = QImage.Format_RGBX8888 if bitmap.n_channels == 4 else QImage.Format_RGB888
                    image = QImage(bytes(bitmap.buffer), w, h, bitmap.stride, fmt).copy()
                    bitmap.close()
                finally:
                    page.close()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            self._pixmaps[key] = pixmap
        return self._pixmaps[key]

    def highlight(self, cell: list[Place], row: list[Place]) -> None:
        """Show the page of a value with its box and its row's band, scrolled into view."""
        if not cell or self.pdf is None:
            self.clear_highlight()
            return
        page = cell[0].page
        if page != self.page:
            self.go_page(page)
        self.canvas.cell = [union([p for p in cell if p.page == page])]
        self.canvas.row = row_boxes([p for p in row if p.page == page])
        self.canvas.update()
        self._show_highlight()

    def _show_highlight(self) -> None:
        """Scroll so that the value's box is in view, with its row's label when there is room."""
        if not self.canvas.cell:
            return
        r = self.canvas.rect_of(self.canvas.cell[0])
        view = self.scroll.viewport()
        left = min((self.canvas.rect_of(b).left() for b in self.canvas.row), default=r.left())
        if r.right() - left + 20 <= view.width():     # the row's label and the value both in view
            x = left - 10
        else:                                          # else the value in the middle
            x = r.center().x() - view.width() / 2
        self.scroll.horizontalScrollBar().setValue(int(max(0, x)))
        self.scroll.verticalScrollBar().setValue(int(max(0, r.center().y() - view.height() / 3)))

    def clear_highlight(self) -> None:
        """No value highlighted."""
        self.canvas.cell, self.canvas.row = [], []
        self.canvas.update()

    def _clicked(self, x: float, y: float) -> None:
        if self.release is None or self.release.original is None:
            return
        hits = [p for p in self.release.original.places
                if p.page == self.page and p.box[0] - 2 <= x <= p.box[2] + 2 and p.box[1] - 2 <= y <= p.box[3] + 2]
        if hits:
            self.cell_requested.emit(hits[0].start)

    def resizeEvent(self, event):  # noqa: N802 - Qt API
        """Fit the page to the new width (after the resizing settles)."""
        super().resizeEvent(event)
        if self.pdf is not None:
            self._refit.start()


class HtmlTableView(QTableWidget):
    """One table of an HTML release as the page has it, cell by cell, with the value's cell selected."""

    cell_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setAccessibleName("Table of the HTML release")
        self.release: Release | None = None
        self.table = 0
        self.cellDoubleClicked.connect(self._double_clicked)

    def show_table(self, release: Release, table: int) -> None:
        """Fill the grid with table number `table` of the release (no work if it is shown)."""
        if release is self.release and table == self.table:
            return
        self.release, self.table = release, table
        places = [p for p in release.original.places if p.table == table]
        rows = max((p.row for p in places), default=0)
        cols = max((p.cell for p in places), default=0)
        self.clear()
        self.setRowCount(rows)
        self.setColumnCount(cols)
        for p in places:
            item = QTableWidgetItem(release.text[p.start:p.end])
            item.setData(Qt.UserRole, p.start)
            if p.cell > 1:
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.setItem(p.row - 1, p.cell - 1, item)
        self.resizeColumnsToContents()
        if cols and self.columnWidth(0) > 260:
            self.setColumnWidth(0, 260)   # long labels elide; the tooltip of a cell is its text
        for p in places:
            item = self.item(p.row - 1, p.cell - 1)
            if item is not None:
                item.setToolTip(item.text())

    def select(self, place: Place) -> None:
        """Select the cell of a place and scroll to it."""
        self.setCurrentCell(place.row - 1, place.cell - 1)
        item = self.item(place.row - 1, place.cell - 1)
        if item is not None:   # the row's label in view when it fits beside the cell, the cell always
            self.horizontalScrollBar().setValue(0)
            self.scrollToItem(item, QAbstractItemView.EnsureVisible)

    def _double_clicked(self, row: int, col: int) -> None:
        item = self.item(row, col)
        if item is not None:
            self.cell_requested.emit(item.data(Qt.UserRole))


class SourcePane(QWidget):
    """The source dock: the release text and, for a PDF, its page ('Page' and 'Text' tabs)."""

    cell_requested = Signal(int)

    def __init__(self, text_view, parent=None):
        super().__init__(parent)
        self.text_view = text_view
        self.page_view = PageView()
        self.page_view.cell_requested.connect(self.cell_requested)
        self.table_view = HtmlTableView()
        self.table_view.cell_requested.connect(self.cell_requested)
        self.tabs = QTabBar()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab("Page")
        self.tabs.addTab("Text")
        self.tabs.setTabToolTip(0, "The PDF page the value was printed on")
        self.tabs.setTabToolTip(1, "The release's text as iijview read it")
        self.tabs.currentChanged.connect(self._tab)
        self.where = QLabel()
        self.where.setTextFormat(Qt.PlainText)
        self.where.setContentsMargins(6, 2, 6, 2)
        self.where.setStyleSheet("color: #555")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.page_view)
        self.stack.addWidget(text_view)
        self.stack.addWidget(self.table_view)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.tabs)
        lay.addWidget(self.where)
        lay.addWidget(self.stack, 1)
        self.release: Release | None = None
        self._key = None
        self.show_release(None, None, "")

    @property
    def kind(self) -> str:
        """'pdf', 'html' or '' (text) for the release shown."""
        original = self.release.original if self.release is not None else None
        return original.kind if original is not None else ""

    def show_release(self, key, release: Release | None, path: str) -> None:
        """Show a release's source (no work when it is already shown)."""
        if key == self._key and key is not None:
            return
        self._key, self.release = key, release
        pdf = self.kind == "pdf"
        self.tabs.setVisible(pdf or self.kind == "html")
        self.tabs.setTabText(0, "Page" if pdf else "Table")
        self.tabs.setTabToolTip(0, "The PDF page the value was printed on" if pdf else
                                "The HTML table the value is in, cell by cell")
        self.tabs.setTabEnabled(0, True)
        self.where.setVisible(self.kind == "html")
        self.where.setText("")
        if pdf:
            self.page_view.show_release(release, path)
            if self.page_view.problem:
                self.tabs.setCurrentIndex(1)
                self.where.setText(self.page_view.problem)
                self.where.setVisible(True)
            self.tabs.setTabEnabled(0, not self.page_view.problem)
            self._tab(self.tabs.currentIndex())
        else:
            self.page_view.close_pdf()
            self._tab(self.tabs.currentIndex())

    def _tab(self, i: int) -> None:
        if i == 0 and self.kind == "pdf" and not self.page_view.problem:
            self.stack.setCurrentWidget(self.page_view)
        elif i == 0 and self.kind == "html" and self.table_view.release is self.release:
            self.stack.setCurrentWidget(self.table_view)
        else:
            self.stack.setCurrentWidget(self.text_view)

    def show_cell(self, start: int, end: int, row_start: int, row_end: int) -> None:
        """Highlight a value (text span [start, end), its row [row_start, row_end)) in the original."""
        original = self.release.original if self.release is not None else None
        if original is None:
            return
        cell = original.places_in(start, end)
        if self.kind == "pdf":
            self.page_view.highlight(cell, original.places_in(row_start, row_end))
            if cell and self.page_view.problem == "":
                p = cell[0]
                self.tabs.setTabToolTip(0, f"Page {p.page}, at {p.box[0]:.0f}, {p.box[1]:.0f} points from the "
                                           "top left")
        elif self.kind == "html":
            self.where.setText(describe(cell[0]) if cell else "")
            if cell and cell[0].table:
                self.table_view.show_table(self.release, cell[0].table)
                self.table_view.select(cell[0])
                self._tab(self.tabs.currentIndex())
            elif self.tabs.currentIndex() == 0:  # a figure from a sentence: shown in the text
                self.stack.setCurrentWidget(self.text_view)

    def clear(self) -> None:
        """No value highlighted."""
        self.page_view.clear_highlight()
        if self.kind == "html":
            self.where.setText("")


def describe(place: Place) -> str:
    """Where an HTML place is, for people: 'HTML table 4, row 12, cell 3' or the element's path."""
    if place.table:
        return f"HTML table {place.table}, row {place.row}, cell {place.cell}"
    return f"HTML text at {place.element.replace('/html/body/', '')}"
