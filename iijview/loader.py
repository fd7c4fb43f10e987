"""Load a release: read the file, parse it, run the checks (the pipeline every front end uses).

Every file is held to the limits of iijview.limits: a file over the size limit, or one whose
reading runs out of the time budget, is refused with a ReleaseError naming the limit.
"""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager

from iijview import limits
from iijview.model import Release
from iijview.parse import NeedsOcr, ReleaseError, parse_bytes, read_file

__all__ = ["load_release", "load_text", "NeedsOcr", "ReleaseError", "OverLimit"]


class OverLimit(ReleaseError):
    """The file is over the size limit or ran out of the time budget (the message names the limit)."""


def load_release(path, *, checks: bool = True, ocr: bool = False,
                 budget: float | None = limits.TIME_BUDGET) -> Release:
    """Read and parse the release at `path` (text, PDF or HTML; `ocr` reads scanned PDF pages);
    raise ReleaseError with a clear sentence on bad input (NeedsOcr for a scan read without OCR,
    OverLimit beyond the size limit or the time `budget` in seconds; OCR has no budget)."""
    name = str(path)
    try:
        size = os.stat(path).st_size
    except OSError:
        size = 0          # read_file says why it cannot be read
    _check_size(name, size, _is_pdf_name(name))
    data = read_file(path)
    _check_size(name, len(data), data[:5] == b"%PDF-")
    with limits.time_budget(None if ocr else budget, lambda: OverLimit(limits.budget_sentence(name, budget))), \
            collector_paused():
        return _finish(parse_bytes(data, name, ocr=ocr), checks)


def load_text(data: bytes | str, name: str = "<text>", *, checks: bool = True,
              budget: float | None = limits.TIME_BUDGET) -> Release:
    """Parse release content given in memory (bytes or already-decoded text), with the same limits."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    _check_size(name, len(data), data[:5] == b"%PDF-")
    with limits.time_budget(budget, lambda: OverLimit(limits.budget_sentence(name, budget))), collector_paused():
        return _finish(parse_bytes(data, name), checks)


@contextmanager
def collector_paused():
    """Pause Python's automatic garbage collection while one file is read.

    A parse makes hundreds of thousands of small objects that live until it ends and almost no
    reference cycles; each automatic collection walks all of them again, so their cost grows with
    the file (on the samples 5-7% of `load_release`; on a 5.6 MB damaged file 13.1 s became 7.1 s,
    with the same peak memory). The few cycles are freed by the first collection after."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _is_pdf_name(name: str) -> bool:
    return name.lower().endswith(".pdf")


def _check_size(name: str, size: int, is_pdf: bool) -> None:
    problem = limits.size_problem(name, size, is_pdf)
    if problem:
        raise OverLimit(problem)


def _finish(release: Release, checks: bool) -> Release:
    if checks:
        try:
            from iijview.checks import run_checks
        except ImportError:  # checks engine not installed in this build
            return release
        run_checks(release)
    return release
