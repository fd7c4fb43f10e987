"""Bare probe of the PySide6 reference-count leaks that crash long sessions (no iijview code).

PySide6 6.12.0 on Python 3.11 drops one reference to True on every Python-side Signal.emit() and
one to None on every Qt call that returns nothing; the interpreter aborts ("Fatal Python error:
bool_dealloc" / "none_dealloc") when the count reaches zero. Each probe makes N calls and prints
how far the count of True/False/None moved (-N: one reference lost per call). Exit status 1 when
any probe leaks.

    QT_QPA_PLATFORM=offscreen python benchmarks/qt_refcount_probe.py
"""
import sys

from PySide6 import QtCore, __version__
from PySide6.QtWidgets import QApplication, QWidget

N = 50      # small enough that a leaking build does not reach zero and abort mid-probe


class Emitter(QtCore.QObject):
    """Signals of the three shapes the app uses."""

    changed = QtCore.Signal()
    flag = QtCore.Signal(bool)
    obj = QtCore.Signal(object)


def drift(fn, obj) -> int:
    """How far sys.getrefcount(obj) moves over N calls of fn."""
    fn()
    before = sys.getrefcount(obj)
    for _ in range(N):
        fn()
    return sys.getrefcount(obj) - before


def main() -> int:
    """Run every probe; print the drifts; 1 if any leaks."""
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - widgets need it
    e = Emitter()
    e.changed.connect(lambda: None)
    e.flag.connect(lambda b: None)
    e.obj.connect(lambda o: None)
    w = QWidget()
    probes = {
        "emit() / True": (lambda: e.changed.emit(), True),
        "emit() / None": (lambda: e.changed.emit(), None),
        "emit(True) / True": (lambda: e.flag.emit(True), True),
        "emit(False) / False": (lambda: e.flag.emit(False), False),
        "emit(None) / None": (lambda: e.obj.emit(None), None),
        "setWindowTitle / None": (lambda: w.setWindowTitle("x"), None),
        "isVisible / False": (lambda: w.isVisible(), False),
    }
    leaks = []
    for name, (fn, obj) in probes.items():
        d = drift(fn, obj)
        print(f"{name:24} {d:+d}")
        if d <= -N // 2:
            leaks.append(name)
    print(f"PySide6 {__version__} on Python {sys.version.split()[0]}: "
          + (f"LEAKS ({', '.join(leaks)})" if leaks else "no leak"))
    sys.stdout.flush()
    import os
    os._exit(1 if leaks else 0)   # skip interpreter teardown: a leaking build aborts there


if __name__ == "__main__":
    main()
