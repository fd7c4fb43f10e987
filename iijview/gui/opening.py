"""Opening one release, Qt-free: parse it, apply the stored corrections, record its row anchors.

Runs in a worker process (iijview.workers) for the app, or directly in tests and scripts; the
result, a LoadResult, is pickled back to the window.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from iijview.model import Release


UNREADABLE = "Stored corrections could not be read"   # how the message about an unreadable workspace starts


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
    retire_worker: bool = False   # the worker was stopped mid-parse (time budget): it starts afresh


def load(path: str, workspace, ocr: bool = False, budget: float | None = None) -> LoadResult:
    """Parse a release and apply the workspace's corrections (no Qt; a worker process or thread)."""
    from iijview import ReleaseError, limits, load_release
    from iijview.loader import NeedsOcr, OverLimit

    try:
        release = load_release(path, ocr=ocr, budget=limits.TIME_BUDGET if budget is None else budget)
    except NeedsOcr as exc:
        return LoadResult(path, error=str(exc), needs_ocr=True)
    except OverLimit as exc:
        return LoadResult(path, error=str(exc), retire_worker=True)
    except ReleaseError as exc:
        return LoadResult(path, error=str(exc))
    except MemoryError:
        return LoadResult(path, error=f"{path}: too large to open (the memory ran out).", retire_worker=True)
    except Exception as exc:  # a parser bug must not take the app down
        return LoadResult(path, error=f"{path}: could not be read because of an unexpected "
                                      f"error ({type(exc).__name__}: {exc}).")
    return prepare(release, path, workspace)


def prepare(release: Release, path: str, workspace) -> LoadResult:
    """Apply the workspace's corrections to a parsed release and record its row anchors."""
    from iijview.store import WorkspaceError

    parsed = {st.key: st.item_keys() for st in release.statements}
    messages, anchors, finding_keys = [], parsed, parsed
    if workspace is not None:
        try:
            corrected = bool(workspace.corrections(release.sha256))
            messages, anchors = workspace.apply_with_anchors(release)
        except WorkspaceError as exc:   # shown as parsed, and the window says why
            return LoadResult(path, release, parsed, parsed,
                              [f"{UNREADABLE}, so the release is shown as parsed: {exc}"],
                              finding_keys=parsed)
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


_workspaces: dict = {}


def open_in_worker(path: str, folder: str | None, ocr: bool, budget: float | None) -> LoadResult:
    """The job a worker process runs: load `path` with the workspace in `folder` (opened once per process)."""
    workspace = None
    if folder is not None:
        from iijview.store import Workspace, WorkspaceError

        workspace = _workspaces.get(folder)
        if workspace is None:
            try:
                workspace = _workspaces[folder] = Workspace(folder)
            except WorkspaceError as exc:
                result = load(path, None, ocr, budget)
                result.messages.append(f"{UNREADABLE}, so the release is shown as parsed: {exc}")
                return result
    return load(path, workspace, ocr, budget)
