"""The app when the workspace fails mid-session, and opening files in worker processes (cancel, budget, Quit).

Storing is made to fail for real: the workspace lives on a small tmpfs that a ballast file fills
(where this machine may not mount, SQLite's own page limit fills it instead).
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from faults import damaged_workspace, small_disk
from iijview.gui import errors
from iijview.gui import loading
from iijview.gui.app import create_window
from iijview.gui.loading import prepare
from iijview.store import Workspace
from test_gui_spreadsheet import activate, type_over

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"
OCR = SAMPLES / "2017-09_6m_fy2017_ocr_usgaap.txt"


class Disk:
    """Fill and free the disk the workspace is on."""

    def __init__(self, win, mounted: Path | None):
        self.win, self.mounted = win, mounted
        self.ballast = mounted / "ballast" if mounted else None

    def fill(self):
        if self.mounted is None:
            pages = self.win.ws._db.execute("PRAGMA page_count").fetchone()[0]
            self.win.ws._db.execute(f"PRAGMA max_page_count={pages}")
            return
        # The write-ahead log reuses the room it has: empty it first, so that with the disk full the
        # next write needs a block the disk does not have.
        self.win.ws._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._ballast(self.ballast)

    @staticmethod
    def _ballast(path):
        with open(path, "wb", buffering=0) as fh:
            try:
                while True:
                    fh.write(b"\0" * 4096)
            except OSError:
                pass      # the disk is full

    def free(self):
        if self.mounted is None:
            self.win.ws._db.execute("PRAGMA max_page_count=1000000")
        else:
            self.ballast.unlink()


@pytest.fixture
def on_small_disk(qtbot, tmp_path, tiny_release):
    with small_disk(tmp_path / "disk", 8192) as mounted:
        errors.shown.clear()
        folder = mounted or tmp_path / "ws"
        win = create_window([], workspace=folder)
        qtbot.addWidget(win)
        activate(qtbot, win)
        win.tiny = tiny_release()
        win.add_result(prepare(win.tiny, "/data/tiny.txt", win.ws))
        yield win, Disk(win, mounted), folder
        win.close()
        win.ws.close()


def shown(win, r, c):
    m = win.table.model
    return m.data(m.index(r, c))


def stored_values(folder, sha) -> dict:
    with Workspace(folder) as ws:
        return {(c.row_key, c.col_key): c.value for c in ws.corrections(sha) if c.kind == "value"}


def shown_corrections(win) -> dict:
    t = win.table.model.table
    return {(t.anchors[r], key): cell.value for r, item in enumerate(t.st.items)
            for key, cell in item.cells.items() if cell.status == "corrected"}


def last_box():
    return errors.shown[-1] if errors.shown else None


def test_storing_fails_mid_session_and_nothing_shown_is_untrue(qtbot, on_small_disk):
    win, disk, folder = on_small_disk
    stack = win.undo_group.activeStack()
    type_over(qtbot, win, 0, 2, "125000")                 # stored: the disk has room
    assert shown(win, 0, 2) == "125,000" and stack.count() == 1
    disk.fill()
    errors.shown.clear()
    type_over(qtbot, win, 1, 2, "(95000)")                # cannot be stored
    assert shown(win, 1, 2) == "(90,000)"                 # the screen keeps the value that is stored
    assert win.table.model.table.cell(1, 2).status == "parsed"     # and so does memory
    assert stack.count() == 1                             # no undo entry for an edit never made
    box = last_box()
    assert box is not None and "could not be stored, so it was not made" in box.text()
    assert "is full" in box.informativeText() and "Free some space" in box.informativeText()
    assert "saved as you make them" not in box.informativeText()
    rows = win.table.model.rowCount()
    win.table.go(0, 0)
    win.table.delete_rows()                               # a row delete is refused the same way
    win.table.insert_row()                                # and an insert
    assert win.table.model.rowCount() == rows and shown(win, 0, 0).strip() == "Revenues"
    win.undo_group.undo()                                 # undoing the stored edit cannot be stored either
    assert shown(win, 0, 2) == "125,000"
    assert "Undoing" in last_box().text() and stack.count() == 0   # it stays made, and says so
    win.table.go(1, 1)
    win.table.paste_text("1\t2")                          # a block: all of it or nothing
    assert shown(win, 1, 1) == "(80,000)" and shown(win, 1, 2) == "(90,000)"
    assert shown_corrections(win) == stored_values(folder, win.tiny.sha256)
    disk.free()
    type_over(qtbot, win, 1, 2, "(95000)")                # room again: stored and shown
    assert shown(win, 1, 2) == "(95,000)" and stack.count() == 1
    assert shown_corrections(win) == stored_values(folder, win.tiny.sha256) and len(shown_corrections(win)) == 2


def test_a_read_only_workspace_is_said_at_start_and_edits_are_refused(qtbot, tmp_path, tiny_release):
    from faults import read_only

    folder = tmp_path / "ws"
    Workspace(folder).close()
    with read_only(folder):
        errors.shown.clear()
        win = create_window([], workspace=folder)
        qtbot.addWidget(win)
        activate(qtbot, win)
        assert any(b.windowTitle() == "Workspace is read-only" and "cannot be written" in b.informativeText()
                   for b in errors.shown)
        tiny = tiny_release()
        win.add_result(prepare(tiny, "/data/tiny.txt", win.ws))
        type_over(qtbot, win, 0, 2, "1")
        assert shown(win, 0, 2) == "120,000" and "could not be stored" in last_box().text()
        win.close()


def test_a_damaged_workspace_page_is_said_when_a_release_opens(qtbot, tmp_path):
    from iijview.loader import load_release

    sha = load_release(OCR, checks=False).sha256
    folder = damaged_workspace(tmp_path / "ws", sha)
    errors.shown.clear()
    win = create_window([], workspace=folder)
    qtbot.addWidget(win)
    win.open_paths([str(OCR)])
    qtbot.waitUntil(lambda: bool(win.releases) and not win.loader.busy, timeout=60000)
    box = next(b for b in errors.shown if b.windowTitle() == "Stored corrections not read")
    assert "is damaged" in box.text() and "shown as parsed" in box.text()
    win.close()


# -- opening in worker processes -----------------------------------------------------------------

def _slow_release(tmp_path, megabytes: float) -> Path:
    """A damaged release that takes seconds to read: a sample with a long run of '(' lines in it."""
    text = OCR.read_text(encoding="utf-8")
    at = text.index("Total revenues")
    path = tmp_path / "slow.txt"
    path.write_text(text[:at] + "(\n" * int(megabytes * 500_000) + text[at:], encoding="utf-8")
    return path


@pytest.fixture
def window(qtbot, tmp_path):
    errors.shown.clear()
    win = create_window([], workspace=tmp_path / "ws")
    qtbot.addWidget(win)
    return win


def test_releases_open_in_worker_processes(qtbot, window):
    window.open_samples()
    qtbot.waitUntil(lambda: len(window.releases) == 5 and not window.loader.busy, timeout=60000)
    pids = {w.process.pid for w in window.loader.workers.workers}
    assert pids and os.getpid() not in pids
    assert all(w.process.is_alive() for w in window.loader.workers.workers)


def test_opening_can_be_stopped(qtbot, window, tmp_path):
    slow = _slow_release(tmp_path, 6)
    window.open_paths([str(slow)])
    qtbot.waitUntil(lambda: any(w.job for w in window.loader.workers.workers), timeout=30000)
    workers = [w.process for w in window.loader.workers.workers if w.job]
    window.cancel_open.click()
    assert not window.loader.busy and window.releases == []
    assert all(not p.is_alive() for p in workers)
    assert "Stopped opening 1 file" in window.statusBar().currentMessage()


def test_a_file_over_its_time_budget_is_refused_in_one_sentence(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(loading.limits, "TIME_BUDGET", 0.5)
    window.open_paths([str(_slow_release(tmp_path, 6))])
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=60000)
    box = next(b for b in errors.shown if b.windowTitle() == "Could not open a file")
    assert "took longer than 0.5 s, the most iijview spends on one file" in box.text()
    window.open_paths([str(OCR)])                         # the next file opens in a fresh worker
    qtbot.waitUntil(lambda: bool(window.releases) and not window.loader.busy, timeout=60000)


def test_a_worker_that_does_not_stop_is_killed(qtbot, window, tmp_path):
    window.loader.workers.deadline = 0.5                  # as if the worker ignored its own budget
    window.open_paths([str(_slow_release(tmp_path, 6))])
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=60000)
    assert any("took longer than" in b.text() for b in errors.shown)


def test_quit_ends_all_work_at_once(qtbot, window, tmp_path):
    window.open_paths([str(_slow_release(tmp_path, 6)), str(OCR)])
    qtbot.waitUntil(lambda: any(w.job for w in window.loader.workers.workers), timeout=30000)
    workers = [w.process for w in window.loader.workers.workers]
    t0 = time.perf_counter()
    window.close()
    assert time.perf_counter() - t0 < 2.0
    assert workers and all(not p.is_alive() for p in workers)


def test_progress_is_reported_once_per_tick_not_per_file(qtbot, window):
    seen = []
    window.loader.progress.connect(lambda done, total: seen.append((done, total)))
    window.open_samples()
    qtbot.waitUntil(lambda: len(window.releases) == 5 and not window.loader.busy, timeout=60000)
    assert seen[0] == (0, 5) and seen[-1] == (0, 0)
    assert len(seen) <= 5 + 2


def test_the_progress_bar_is_painted_with_the_window_not_at_once(qtbot, window):
    # QProgressBar paints itself at once on a new value, and with it everything else the window has
    # to paint: the releases just taken in, all inside the tick that took them in.
    from PySide6.QtCore import QEvent, QObject

    painted = []

    class Spy(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt API
            if event.type() == QEvent.Paint:
                painted.append(obj)
            return False

    window.show()
    window.progress.show()
    spy = Spy()
    window.progress.installEventFilter(spy)
    qtbot.wait(50)
    painted.clear()
    window._progress(1, 5)
    assert painted == [] and window.progress.value() == 1 and window.progress.updatesEnabled()
    qtbot.waitUntil(lambda: window.progress in painted, timeout=5000)


def test_a_50_mb_file_is_refused_with_the_limit_named(qtbot, window, tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        for _ in range(50):
            fh.write(b"Revenues 1,234,567 2,345,678\n" * 35_000)
    window.open_paths([str(big)])
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=60000)
    box = next(b for b in errors.shown if b.windowTitle() == "Could not open a file")
    assert "MB is more than the 8 MB a text or HTML release may be" in box.text()
    assert window.releases == []
