"""How much iijview reads of one file: a size limit and a time budget, each refused with a clear sentence.

A real IIJ release is under 300 kB of text (a PDF under a few MB) and is read and checked in well
under a second. The limits are far above that and keep a damaged or hostile file from holding the
app or a script for long: every parse and check is linear in the size of its input, so a file
within MAX_TEXT_BYTES finishes within TIME_BUDGET on any machine iijview runs on, and the budget
is only the safety net for what nobody has seen yet.
"""
from __future__ import annotations

import contextlib
import signal
import threading

MAX_TEXT_BYTES = 8_000_000      # a text or HTML release file
MAX_PDF_BYTES = 64_000_000      # a PDF release (pages are images and fonts as much as text)
TIME_BUDGET = 30.0              # seconds to read, parse and check one file (OCR of scanned pages excepted)


class LimitError(Exception):
    """A file beyond a limit; the message is one sentence naming the limit (a ReleaseError subclass
    is raised by iijview.loader)."""


def size_problem(name: str, size: int, is_pdf: bool) -> str:
    """The sentence for a file over the size limit, or '' when it is within it."""
    limit = MAX_PDF_BYTES if is_pdf else MAX_TEXT_BYTES
    if size <= limit:
        return ""
    kind = "PDF" if is_pdf else "text or HTML"
    return (f"{name}: {size / 1e6:,.1f} MB is more than the {limit / 1e6:,.0f} MB a {kind} release may be, "
            f"so it was not opened (a real IIJ release is well under 1 MB).")


def budget_sentence(name: str, seconds: float) -> str:
    """The sentence for a file whose reading ran out of time."""
    return (f"{name}: reading it took longer than {seconds:g} s, the most iijview spends on one file, so "
            f"it was not opened (a real IIJ release takes under a second; this file is probably damaged).")


@contextlib.contextmanager
def time_budget(seconds: float | None, make_error):
    """Raise make_error() inside the block once `seconds` have passed (SIGALRM: the main thread of a
    POSIX process only; elsewhere, and when an alarm is already set, the block runs unbounded and
    the caller's process is the limit: the app runs files in worker processes it kills)."""
    usable = (seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        yield
        return

    def expired(_signum, _frame):
        raise _OutOfTime()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _OutOfTime:
        raise make_error() from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _OutOfTime(BaseException):
    """Raised by the alarm: a BaseException, so no `except Exception` on the way can swallow it."""
