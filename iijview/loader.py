"""Load a release: read the file, parse it, run the checks (the pipeline every front end uses)."""
from __future__ import annotations

from iijview.model import Release
from iijview.parse import NeedsOcr, ReleaseError, parse_bytes, read_file

__all__ = ["load_release", "load_text", "NeedsOcr", "ReleaseError"]


def load_release(path, *, checks: bool = True, ocr: bool = False) -> Release:
    """Read and parse the release at `path` (text, PDF or HTML; `ocr` reads scanned PDF pages);
    raise ReleaseError with a clear sentence on bad input (NeedsOcr for a scan read without OCR)."""
    data = read_file(path)
    return _finish(parse_bytes(data, str(path), ocr=ocr), checks)


def load_text(data: bytes | str, name: str = "<text>", *, checks: bool = True) -> Release:
    """Parse release content given in memory (bytes or already-decoded text)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return _finish(parse_bytes(data, name), checks)


def _finish(release: Release, checks: bool) -> Release:
    if checks:
        try:
            from iijview.checks import run_checks
        except ImportError:  # checks engine not installed in this build
            return release
        run_checks(release)
    return release
