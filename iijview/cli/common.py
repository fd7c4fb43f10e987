"""Helpers shared by the commands: load several files, report bad ones in one sentence each."""
from __future__ import annotations

import sys
from typing import Iterator

from iijview.model import Release


def load_each(paths: list[str], *, checks: bool = True, workspace=None, ocr: bool = False) -> Iterator[Release]:
    """Yield each readable release; print one sentence on stderr for each bad file and go on (`ocr`:
    read scanned PDF pages with Tesseract)."""
    from iijview.loader import ReleaseError, load_release

    for path in paths:
        try:
            release = load_release(path, checks=checks, ocr=ocr)
        except ReleaseError as exc:
            print(f"iijview: {exc}{ocr_hint(exc)}", file=sys.stderr)
            load_each.failed += 1
            continue
        if workspace is not None:
            for message in workspace.apply(release) or []:
                print(f"iijview: {release.name}: {message}", file=sys.stderr)
        yield release


load_each.failed = 0


def ocr_hint(exc: Exception) -> str:
    """' Add --ocr to read it.' after the sentence about a scanned PDF, when Tesseract is there."""
    from iijview.loader import NeedsOcr
    from iijview.parse.ocr import tesseract_path

    return " Add --ocr (before the command) to read it." if isinstance(exc, NeedsOcr) and tesseract_path() else ""


def open_workspace(folder):
    """The corrections workspace, or None when the store is not available."""
    try:
        from iijview.store import Workspace
    except ImportError:
        return None
    try:
        return Workspace(folder)
    except Exception as exc:  # noqa: BLE001 - a broken workspace must not stop a read-only command
        print(f"iijview: the corrections workspace cannot be opened ({exc}); showing parsed values.",
              file=sys.stderr)
        return None
