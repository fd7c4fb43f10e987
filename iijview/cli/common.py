"""Helpers shared by the commands: load several files, report bad ones in one sentence each."""
from __future__ import annotations

import sys
from typing import Iterator

from iijview.model import Release
from iijview.safe_text import for_terminal


def say(text: str, prefix: str = "iijview") -> None:
    """One message on stderr, with control characters shown as escapes (the text may come from a file)."""
    print(for_terminal(f"{prefix}: {text}"), file=sys.stderr)


def load_each(paths: list[str], *, checks: bool = True, workspace=None, ocr: bool = False) -> Iterator[Release]:
    """Yield each readable release; print one sentence on stderr for each bad file and go on (`ocr`:
    read scanned PDF pages with Tesseract)."""
    from iijview.loader import ReleaseError, load_release

    for path in paths:
        try:
            release = load_release(path, checks=checks, ocr=ocr)
        except ReleaseError as exc:
            say(f"{exc}{ocr_hint(exc)}")
            load_each.failed += 1
            continue
        if workspace is not None:
            for message in apply_stored(workspace, release):
                say(f"{release.name}: {message}")
        yield release


load_each.failed = 0


def ocr_hint(exc: Exception) -> str:
    """' Add --ocr to read it.' after the sentence about a scanned PDF, when Tesseract is there."""
    from iijview.loader import NeedsOcr
    from iijview.parse.ocr import tesseract_path

    return " Add --ocr (before the command) to read it." if isinstance(exc, NeedsOcr) and tesseract_path() else ""


def apply_stored(workspace, release: Release) -> list[str]:
    """Apply the workspace's corrections to a release; the messages to show (never an exception)."""
    from iijview.store import WorkspaceError

    try:
        return workspace.apply(release) or []
    except WorkspaceError as exc:
        return [f"stored corrections not applied, showing parsed values: {exc}"]


def open_workspace(folder):
    """The corrections workspace, or None when the store is not available."""
    try:
        from iijview.store import Workspace
    except ImportError:
        return None
    try:
        return Workspace(folder)
    except Exception as exc:  # noqa: BLE001 - a broken workspace must not stop a read-only command
        say(f"the corrections workspace cannot be opened; showing parsed values. {exc}")
        return None
