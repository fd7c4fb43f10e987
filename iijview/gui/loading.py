"""Opening releases off the GUI thread: parse, apply stored corrections, report back by signal."""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from iijview.model import Release


@dataclass
class LoadResult:
    """What opening one file gave: a corrected release with row anchors, or an error sentence."""

    path: str
    release: Release | None = None
    anchors: dict[str, list[str]] = field(default_factory=dict)
    parsed_keys: dict[str, list[str]] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    error: str = ""
    finding_keys: dict[str, list[str]] = field(default_factory=dict)   # rows the findings count
    needs_ocr: bool = False       # a scanned PDF: it opens when read with OCR


def load(path: str, workspace, ocr: bool = False) -> LoadResult:
    """Parse a release and apply the workspace's corrections (no Qt; runs in a worker thread)."""
    from iijview import ReleaseError, load_release
    from iijview.loader import NeedsOcr

    try:
        release = load_release(path, ocr=ocr)
    except NeedsOcr as exc:
        return LoadResult(path, error=str(exc), needs_ocr=True)
    except ReleaseError as exc:
        return LoadResult(path, error=str(exc))
    except MemoryError:
        return LoadResult(path, error=f"{path}: too large to open.")
    except Exception as exc:  # a parser bug must not take the app down
        return LoadResult(path, error=f"{path}: could not be read because of an unexpected "
                                      f"error ({type(exc).__name__}: {exc}).")
    return prepare(release, path, workspace)


def prepare(release: Release, path: str, workspace) -> LoadResult:
    """Apply the workspace's corrections to a parsed release and record its row anchors."""
    if not release.statements:
        return LoadResult(path, error=f"{path}: no financial statements were found in it, so it "
                                      f"does not look like an IIJ earnings release.")
    parsed = {st.key: st.item_keys() for st in release.statements}
    messages, anchors, finding_keys = [], parsed, parsed
    if workspace is not None:
        corrected = bool(workspace.corrections(release.sha256))
        messages, anchors = workspace.apply_with_anchors(release)
        if corrected and recheck(release):
            finding_keys = anchors      # the findings now count the corrected rows
    return LoadResult(path, release, anchors, parsed, messages, finding_keys=finding_keys)


def recheck(release: Release) -> bool:
    """Run the checks again on a (corrected) release; False when the checks are not installed."""
    try:
        from iijview.checks import run_checks
    except ImportError:
        return False
    run_checks(release)
    return True


class _Signals(QObject):
    done = Signal(object)


class _Task(QRunnable):
    def __init__(self, path: str, workspace, signals: _Signals, ocr: bool = False):
        super().__init__()
        self.path, self.workspace, self.signals, self.ocr = path, workspace, signals, ocr

    def run(self):
        """Load in the worker thread; every failure becomes a LoadResult with an error."""
        try:
            result = load(self.path, self.workspace, self.ocr)
        except Exception as exc:  # store failures (disk full, locked file) become messages too
            result = LoadResult(self.path, error=f"{self.path}: could not be opened ({exc}).")
        self.signals.done.emit(result)


class Loader(QObject):
    """Runs loads on a thread pool; emits loaded(LoadResult) on the GUI thread, progress(done, total)."""

    loaded = Signal(object)
    progress = Signal(int, int)

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.pending: dict[str, _Signals] = {}
        self.total = 0
        self.done = 0

    def open(self, paths, ocr: bool = False) -> int:
        """Start loading the paths not already loading (`ocr`: read scanned PDF pages); return how many started."""
        started = 0
        for path in paths:
            path = str(path)
            if path in self.pending:
                continue
            sig = _Signals()
            sig.done.connect(self._done)
            self.pending[path] = sig
            self.total += 1
            self.pool.start(_Task(path, self.workspace, sig, ocr))
            started += 1
        if started:
            self.progress.emit(self.done, self.total)
        return started

    def _done(self, result: LoadResult) -> None:
        self.pending.pop(result.path, None)
        self.done += 1
        if not self.pending:
            self.total = self.done = 0
        self.progress.emit(self.done, self.total)
        self.loaded.emit(result)

    @property
    def busy(self) -> bool:
        """True while files are still loading."""
        return bool(self.pending)
