"""Work around a PySide6 6.12 refcount bug on Python < 3.12 that kills the app after ~5,000 calls.

PySide6 6.12.0 drops one reference to None on every call of a Qt method that returns void
(checked here: 300,000 calls of QWidget.setWindowTitle end in "Fatal Python error: none_dealloc").
Python 3.12 made None immortal (PEP 683), so the bug is harmless there. On older Pythons we give
None the same immortality by raising its reference count once, before any Qt call.
"""
from __future__ import annotations

import ctypes
import sys

_DONE = False


def protect_none() -> None:
    """Make None's reference count too large for leaked decrements to ever reach zero."""
    global _DONE
    if _DONE or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    # ob_refcnt is the first field of every CPython object (Py_ssize_t).
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    _DONE = True
