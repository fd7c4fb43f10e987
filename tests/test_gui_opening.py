"""Opening many files at once as a user does (command line, File > Open, the samples button): one
message for all the files that could not be opened, and a status bar that sums up the whole operation."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from iijview.gui import errors, session
from iijview.gui.app import create_window

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "resources" / "samples").glob("*.txt"))
BAD = {
    "empty.txt": (b"", "empty"),
    "binary.bin": (bytes(range(256)) * 8, "binary"),
    "zero.pdf": (b"", "empty"),
    "diary.txt": (b"Dear diary,\nToday I walked to the river and back.\n", "not an IIJ earnings release"),
    "broken.pdf": (b"%PDF-1.4\n1 0 obj garbage\n", "damaged"),
}


@pytest.fixture
def bad_files(tmp_path):
    out = []
    for name, (content, _why) in BAD.items():
        path = tmp_path / name
        path.write_bytes(content)
        out.append(str(path))
    return out


def finished(qtbot, win, n):
    qtbot.waitUntil(lambda: len(win.releases) == n and not win.loader.busy, timeout=60000)
    qtbot.wait(50)


def test_bad_files_on_the_command_line_give_one_message_and_a_summary(qtbot, tmp_path, bad_files):
    errors.shown.clear()
    files = [bad_files[0], str(SAMPLES[0]), *bad_files[1:3], str(SAMPLES[1]), *bad_files[3:], str(SAMPLES[2])]
    win = create_window(files, workspace=tmp_path / "ws")
    qtbot.addWidget(win)
    win.show()
    finished(qtbot, win, 3)
    boxes = [b for b in errors.shown if b.isVisible()]
    assert len(boxes) == 1, [b.windowTitle() for b in boxes]
    box = boxes[0]
    assert box.windowTitle() == "Could not open 5 files"
    lines = [x for x in box.text().splitlines() if x.startswith("\u2022")]
    assert len(lines) == 5
    for name, (_content, why) in BAD.items():      # each file with its own reason, on its own line
        line = next(x for x in lines if name in x)
        assert why in line, line
    assert "Traceback" not in box.text() and "File > Open" in box.informativeText()
    said = win.statusBar().currentMessage()
    assert said.startswith("Opened 3 releases; 5 files could not be opened \u2014 see the list"), said
    box.accept()
    assert not [b for b in errors.shown if b.isVisible()]      # one OK and the work goes on
    assert win.isVisible() and len(win.library.library.releases) == 3


def test_file_open_of_several_with_one_bad_file(qtbot, tmp_path, bad_files, monkeypatch):
    errors.shown.clear()
    win = create_window([], workspace=tmp_path / "ws")
    qtbot.addWidget(win)
    win.show()
    chosen = [str(SAMPLES[3]), bad_files[3], str(SAMPLES[4])]
    monkeypatch.setattr(session, "choose_files", lambda *_a: chosen)
    win.act_open.trigger()
    finished(qtbot, win, 2)
    boxes = [b for b in errors.shown if b.isVisible()]
    assert [b.windowTitle() for b in boxes] == ["Could not open a file"]
    assert "diary.txt: this is not an IIJ earnings release" in boxes[0].text()
    said = win.statusBar().currentMessage()
    assert said.startswith("Opened 2 releases; 1 file could not be opened \u2014 see the message; showing"), said
    boxes[0].accept()


def test_only_bad_files_still_say_so_in_the_status_bar(qtbot, tmp_path, bad_files):
    errors.shown.clear()
    win = create_window([], workspace=tmp_path / "ws")
    qtbot.addWidget(win)
    win.show()
    win.open_paths(bad_files[:2])
    qtbot.waitUntil(lambda: not win.loader.busy and bool(errors.shown), timeout=60000)
    qtbot.wait(50)
    assert [b.windowTitle() for b in errors.shown] == ["Could not open 2 files"]
    assert win.statusBar().currentMessage() == "2 files could not be opened \u2014 see the list in the message."
    errors.shown[0].accept()


def test_the_summary_counts_every_batch_of_one_opening(qtbot, tmp_path):
    """Releases arriving in more than one tick (3, then 2) are summed up as the five they are."""
    errors.shown.clear()
    win = create_window([], workspace=tmp_path / "ws")
    qtbot.addWidget(win)
    win.show()
    workers = win.loader.workers
    poll, held, ticks = workers.poll, [], []

    def in_two_ticks(*args, **kwargs):
        held.extend(poll(*args, **kwargs))
        if len(held) == 5 or (ticks and held):
            give = held[:3] if not ticks else held[:]
            del held[:len(give)]
            ticks.append(len(give))
            return give
        return []

    workers.poll = in_two_ticks
    qtbot.mouseClick(win.start.samples_button, Qt.LeftButton)
    finished(qtbot, win, 5)
    assert ticks == [3, 2]
    said = win.statusBar().currentMessage()
    assert said.startswith("Opened 5 releases; showing "), said
    assert not errors.shown


# -- the library while releases arrive ------------------------------------------------------------

def _tiny_copies(factory, n):
    """n distinct small releases (own name, content hash and period)."""
    import datetime as dt

    from iijview.model import Period

    out = []
    for k in range(n):
        rel = factory(f"tiny{k:03d}.txt")
        rel.sha256 = f"{k:064x}"
        rel.fiscal_period = Period(dt.date(2000 + k % 25, 3, 31), 3 * (1 + k % 4))
        out.append(rel)
    return out


def test_the_library_measures_new_rows_only_and_its_columns_fit(qtbot, tmp_path, tiny_release):
    from iijview.gui import library_view
    from iijview.gui.loading import prepare

    errors.shown.clear()
    win = create_window([], workspace=tmp_path / "ws")
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    calls = []
    model = win.library.library
    data = model.data

    def counted(index, role=library_view.DISPLAY):
        calls.append(index.internalId())
        return data(index, role)

    model.data = counted            # this model only, not the class other windows use
    try:
        tree = win.library.tree
        tree.setUpdatesEnabled(False)       # what painting reads is not what is counted here
        per_batch = []
        rels = _tiny_copies(tiny_release, 80)
        for k in range(0, len(rels), 8):    # ten ticks of opening, eight releases each
            calls.clear()
            win.add_results([prepare(r, f"/data/{r.path}", win.ws) for r in rels[k:k + 8]])
            qtbot.wait(5)                   # the header's delayed re-measuring, if any
            per_batch.append(len(calls))
        tree.setUpdatesEnabled(True)
    finally:
        del model.data
    assert len(win.releases) == 80
    # a tick costs the same with 72 releases open as with none (old: every row measured each tick)
    assert 0 < per_batch[-1] <= 1.5 * per_batch[1], per_batch
    h = tree.header()
    for c in range(h.count()):
        if c != library_view.FILE and not tree.isColumnHidden(c):
            assert h.sectionSize(c) >= tree.sizeHintForColumn(c), (c, h.sectionSize(c), tree.sizeHintForColumn(c))
    # a column shown from the header's menu is measured then
    win.library._show_column(library_view.LAYOUT, True)
    assert h.sectionSize(library_view.LAYOUT) >= tree.sizeHintForColumn(library_view.LAYOUT)


# -- the status bar ---------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [1024, 1600])
def test_a_long_message_stops_short_of_the_widgets_on_the_right(qtbot, tmp_path, width):
    """Clicking a finding with a long message: the message is cut with "…" before the 'what is shown'
    label (whose pixels stay as they were), and the whole message is in the tooltip."""
    errors.shown.clear()
    ocr = next(p for p in SAMPLES if "ocr" in p.name)
    win = create_window([str(ocr)], workspace=tmp_path / "ws")
    qtbot.addWidget(win)
    win.resize(width, 700 if width == 1024 else 1000)
    win.show()
    finished(qtbot, win, 1)
    win.show_statement(next(st.key for st in win.current.release.statements if "balance" in st.key))
    view = win.findings.view
    model = view.model()
    row = next(r for r in range(model.rowCount())
               if "but the sum of its" in " ".join(str(model.index(r, c).data()) for c in range(model.columnCount())))
    bar, label = win.statusBar(), win.where_label
    win.statusBar().clearMessage()
    qtbot.wait(20)
    # the label and a gap of 6 pixels before it (the message stopped there, cut mid-glyph: "its 1H17")
    region = label.geometry().adjusted(-6, 0, 0, 0)
    before = bar.grab(region).toImage()
    view.scrollTo(model.index(row, 1))
    rect = view.visualRect(model.index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: "but the sum of its" in bar.currentMessage(), timeout=5000)
    full = bar.currentMessage()
    assert label.isVisible() and label.text()
    qtbot.wait(20)
    assert bar.grab(region).toImage() == before       # nothing drawn under the label or next to it
    assert bar.toolTip() == full
    shown = bar.shown_message()
    assert shown.endswith("\u2026") and full.startswith(shown[:-1])
    bar.clearMessage()
    qtbot.wait(20)
    assert bar.toolTip() == ""
