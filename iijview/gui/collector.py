"""Short pauses of Python's garbage collector with many releases open: what stays is frozen out of its sight.

A full collection walks every object the process holds, and runs whenever the objects it holds
grew by a quarter. With Qt and a hundred releases open (some 200 000 objects) one walk took 50 to
100 ms on a two-core machine, in the middle of taking in a release, so the window stalled at
moments that came ever further apart and lasted ever longer. Objects that stay for the session
(modules, widgets, the releases taken in) are frozen (`gc.freeze`) once they have settled, so a
collection walks only what came since; closing a release hands everything back to the collector
once, so nothing frozen outlives its use.
"""
from __future__ import annotations

import gc


def settle() -> None:
    """Collect what came since the last settle (a short walk: the rest is frozen), then freeze what stays."""
    gc.collect()
    gc.freeze()


def reclaim() -> None:
    """After objects that were frozen were let go (a release closed): collect everything once, then settle."""
    gc.unfreeze()
    settle()


def thaw() -> None:
    """Hand every frozen object back to the collector (the window closes: nothing stays)."""
    gc.unfreeze()
