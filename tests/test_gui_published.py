"""The app on releases as published: the PDF page beside the table, the HTML cell, OCR offered for a scan."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QMessageBox

from documents import build_published
from iijview.gui import errors
from iijview.gui.app import create_window
from iijview.gui.published import OPEN_FILTERS


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    return build_published(tmp_path_factory.mktemp("published-gui"))


@pytest.fixture
def window(qtbot, tmp_path):
    errors.shown.clear()
    win = create_window([], workspace=tmp_path / "ws")
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    return win


def open_file(qtbot, win, path):
    win.open_paths([path])
    qtbot.waitUntil(lambda: bool(win.releases) and not win.loader.busy, timeout=60000)
    return win.releases[-1]


def go_to(win, statement, label, column):
    win.show_statement(statement)
    t = win.table.model.table
    row = next(i for i, it in enumerate(t.st.items) if it.label == label)
    win.table.go(row, column)
    return t.cell(row, column)


def test_open_offers_pdf_and_html():
    first = OPEN_FILTERS.split(";;")[0]
    assert all(p in first for p in ("*.txt", "*.pdf", "*.html", "*.htm", "*.mht"))
    assert "PDF (*.pdf)" in OPEN_FILTERS and "All files (*)" in OPEN_FILTERS


def test_pdf_value_shown_on_its_page_with_its_box(qtbot, window, published):
    path, _sample = published["conv-rows.pdf"]
    rs = open_file(qtbot, window, path)
    pane = window.source_pane
    assert pane.tabs.isVisible() and pane.tabs.currentIndex() == 0
    assert pane.stack.currentWidget() is pane.page_view
    cell = go_to(window, "balance_sheet", "Total current assets", 3)
    assert cell.text == "32,910,667"
    places = rs.release.original.places_in(cell.start, cell.end)
    view = pane.page_view
    qtbot.waitUntil(lambda: view.canvas.cell != [], timeout=5000)
    assert view.page == places[0].page and view.canvas.pixmap is not None
    assert view.canvas.cell == [places[0].box]
    assert view.canvas.row and view.canvas.row[0][0] < places[0].box[0]   # the band reaches the label
    assert view.caption.text() == f"Page {view.page} of {len(rs.release.original.page_sizes)}"
    # the page's painted pixels under the box are the printed figure, not white
    image = view.canvas.grab().toImage()
    r = view.canvas.rect_of(places[0].box).toRect()
    assert any(image.pixelColor(x, r.center().y()).lightness() < 200 for x in range(r.left(), r.right()))


def test_double_click_on_the_page_selects_the_cell(qtbot, window, published):
    path, _sample = published["conv-rows.pdf"]
    rs = open_file(qtbot, window, path)
    cell = go_to(window, "balance_sheet", "Total current assets", 3)
    view = window.source_pane.page_view
    qtbot.waitUntil(lambda: view.canvas.cell != [], timeout=5000)
    other = next(c for st, _i, row, _col, c in rs.release.iter_cells()
                 if st.key == "balance_sheet" and row.label == "Inventories" and c.text == "1,790,064")
    box = rs.release.original.places_in(other.start, other.end)[0].box
    point = view.canvas.rect_of(box).center()
    event = QMouseEvent(QMouseEvent.MouseButtonDblClick, point, view.canvas.mapToGlobal(point),
                        Qt.LeftButton, Qt.LeftButton, Qt.NoModifier)
    view.canvas.mouseDoubleClickEvent(event)
    r, c = window.table.current()
    assert window.table.model.table.cell(r, c) is other and cell is not other


def test_text_tab_shows_the_text_as_read(qtbot, window, published):
    path, _sample = published["conv-columns.pdf"]
    open_file(qtbot, window, path)
    pane = window.source_pane
    pane.tabs.setCurrentIndex(1)
    assert pane.stack.currentWidget() is window.source
    go_to(window, "balance_sheet", "Total current assets", 3)
    start, end = window.source.highlighted
    assert window.current.release.text[start:end] == "32,910,667"


def test_zoom_keeps_the_value_in_view(qtbot, window, published):
    path, _sample = published["conv-rows.pdf"]
    open_file(qtbot, window, path)
    go_to(window, "balance_sheet", "Total current assets", 3)
    view = window.source_pane.page_view
    before = view.canvas.width()
    view.set_zoom(1.25)
    assert view.canvas.width() > before
    view.set_zoom(0)
    assert view.canvas.width() <= view.scroll.viewport().width()


def test_html_value_names_its_table_row_and_cell(qtbot, window, published):
    path, _sample = published["conv.html"]
    rs = open_file(qtbot, window, path)
    pane = window.source_pane
    assert pane.tabs.isVisible() and pane.tabs.tabText(0) == "Table"
    cell = go_to(window, "operating_summary", "Total Revenues", 2)
    place = rs.release.original.places_in(cell.start, cell.end)[0]
    assert pane.where.text() == f"HTML table {place.table}, row {place.row}, cell {place.cell}"
    assert place.cell == 3
    grid = pane.table_view
    assert pane.stack.currentWidget() is grid
    assert (grid.currentRow(), grid.currentColumn()) == (place.row - 1, place.cell - 1)
    assert grid.currentItem().text() == "76,690" and grid.item(place.row - 1, 0).text() == "Total Revenues"
    # double-click another cell of the table: the app goes to that value
    other = next(i for i in range(grid.rowCount()) if grid.item(i, 0) and grid.item(i, 0).text() == "Operating Income")
    grid.cellDoubleClicked.emit(other, 2)
    r, c = window.table.current()
    assert window.table.model.table.cell(r, c).text == "5,043"
    pane.tabs.setCurrentIndex(1)
    assert pane.stack.currentWidget() is window.source


def test_changed_pdf_falls_back_to_the_text(qtbot, window, published, tmp_path):
    source, _sample = published["conv-rows.pdf"]
    path = tmp_path / "moving.pdf"
    path.write_bytes(source.read_bytes())
    rs = open_file(qtbot, window, path)
    path.write_bytes(b"%PDF-1.4 replaced by something else")
    window.source_pane.show_release("again", rs.release, str(path))
    pane = window.source_pane
    assert pane.stack.currentWidget() is window.source and not pane.tabs.isTabEnabled(0)
    assert "changed since it was opened" in pane.where.text()


def test_scanned_pdf_offers_ocr_and_reads_it_on_yes(qtbot, window, tmp_path, monkeypatch):
    from test_originals_errors import _pdf, _scan_page

    path = _pdf(tmp_path / "scan.pdf", _scan_page)
    asked = []
    monkeypatch.setattr(window.loader, "open", lambda paths, ocr=False: asked.append((list(paths), ocr)) or 1)
    window.open_paths([path])          # the patched loader records; load the real way to get the answer
    from iijview.gui.loading import load
    window.add_result(load(str(path), window.ws))
    box = next(b for b in errors.shown if "Read a scanned PDF" in b.windowTitle())
    assert "scan without a text layer" in box.text()
    read = next(b for b in box.buttons() if b.text() == "Read with OCR")
    read.click()
    assert asked[-1] == ([str(path)], True)
    box.done(QMessageBox.Cancel)


def test_dropped_pdf_and_html_open_and_join_the_recent_list(qtbot, window, published):
    from PySide6.QtCore import QMimeData, QUrl
    from PySide6.QtGui import QDropEvent

    pdf, _s = published["slides-rows.pdf"]
    page, _s = published["slides.html"]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pdf)), QUrl.fromLocalFile(str(page))])
    window.dropEvent(QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    qtbot.waitUntil(lambda: len(window.releases) == 2 and not window.loader.busy, timeout=60000)
    assert sorted(rs.release.original.kind for rs in window.releases) == ["html", "pdf"]
    recent = window.ws.recent_files()
    assert str(pdf) in recent and str(page) in recent
    assert {a.text() for a in window.recent_menu.actions()} >= {pdf.name, page.name}
