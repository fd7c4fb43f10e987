"""Opening releases in worker processes, so the window never waits: results and progress by signal.

Files are parsed, checked and corrected in a pool of worker processes (one per core, see
iijview.workers); a timer on the GUI thread collects what is done every TICK_MS, hands it over
in one batch (`loaded_batch`) and reports progress at most once per tick, so a hundred files
arriving cost the window a hundred quick hand-overs, not a hundred repaints. Every open can be
cancelled, a file that runs past its time budget is stopped by killing its worker, and
shutdown() (on Quit) kills every worker at once.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from iijview import limits
from iijview.gui.opening import LoadResult, load, open_in_worker, prepare, recheck
from iijview.workers import WorkerError, WorkerPool

__all__ = ["Loader", "LoadResult", "load", "prepare", "recheck"]

TICK_MS = 40          # how often finished files are collected
TICK_BUDGET = 0.03    # seconds of a tick spent taking results in (the rest wait for the next tick)
GRACE = 10.0          # seconds past the time budget before a worker is killed from outside


class Loader(QObject):
    """Opens files in worker processes; emits loaded_batch(list[LoadResult]) (and loaded(LoadResult)
    for each) on the GUI thread, and progress(done, total) at most once per tick."""

    loaded = Signal(object)
    loaded_batch = Signal(object)
    progress = Signal(int, int)

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.pool = QThreadPool(self)        # for exports (threads); releases open in processes
        self.workers = WorkerPool(deadline=limits.TIME_BUDGET + GRACE)
        self.pending: set[str] = set()
        self.total = 0
        self.done = 0
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self._collect)

    def open(self, paths, ocr: bool = False) -> int:
        """Start opening the paths not already opening (`ocr`: read scanned PDF pages); return how many."""
        folder = None
        if self.workspace is not None:
            folder = str(self.workspace.folder)
        started = 0
        for path in paths:
            path = str(path)
            if path in self.pending:
                continue
            self.pending.add(path)
            self.total += 1
            self.workers.submit(path, open_in_worker, path, folder, ocr, limits.TIME_BUDGET)
            started += 1
        if ocr:
            self.workers.deadline = max(self.workers.deadline, 3600.0)   # OCR has no budget
        if started:
            self.progress.emit(self.done, self.total)
            self.workers.poll(limit=0)          # start the workers now
            self._timer.start()
        return started

    def _collect(self) -> None:
        t0 = time.perf_counter()
        outcomes = self.workers.poll(max_seconds=TICK_BUDGET)
        results = []
        for o in outcomes:
            if o.job_id not in self.pending:
                continue                        # cancelled meanwhile
            self.pending.discard(o.job_id)
            self.done += 1
            results.append(self._result(o))
        if results:
            self.loaded_batch.emit(results)
            for r in results:
                self.loaded.emit(r)
        if not self.pending:
            self._timer.stop()
            self.total = self.done = 0
        if results or not self.pending:
            self.progress.emit(self.done, self.total)
        self.last_tick = time.perf_counter() - t0

    @staticmethod
    def _result(o) -> LoadResult:
        r = o.result
        if isinstance(r, LoadResult):
            return r
        path = o.job_id
        if o.overran:
            return LoadResult(path, error=limits.budget_sentence(path, limits.TIME_BUDGET))
        why = o.error or (str(r) if isinstance(r, WorkerError) else "no result came back")
        return LoadResult(path, error=f"{path}: could not be read ({why}).")

    def cancel(self) -> int:
        """Stop opening every file still opening; return how many were stopped."""
        n = len(self.workers.cancel())
        self.pending.clear()
        self.total = self.done = 0
        self._timer.stop()
        self.progress.emit(0, 0)
        return n

    def shutdown(self) -> None:
        """Quit: stop all work at once (worker processes are killed, queued files dropped)."""
        self._timer.stop()
        self.pending.clear()
        self.workers.shutdown()

    @property
    def busy(self) -> bool:
        """True while files are still opening."""
        return bool(self.pending)
