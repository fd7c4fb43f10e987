"""No crash from Qt however long the session: the pinned PySide6, a refcount probe and a soak run.

The probe and the soak run in child processes, so a Qt build that corrupts reference counts
makes a failed test (with its exit status), not a dead test run.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _child(*args: str, timeout: float) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=timeout,
                          env=env, cwd=ROOT)


def test_installed_pyside6_is_the_pinned_one():
    import PySide6

    pins = re.findall(r'"PySide6-Essentials>=([\d.]+),<([\d.]+)"', (ROOT / "pyproject.toml").read_text())
    assert pins, "pyproject.toml pins PySide6-Essentials to a range"
    version = tuple(int(x) for x in PySide6.__version__.split(".")[:3])
    for low, high in pins:
        assert tuple(int(x) for x in low.split(".")) <= version < tuple(int(x) for x in high.split(".")), \
            f"PySide6 {PySide6.__version__} is installed; pyproject.toml pins >={low},<{high}"


def test_qt_calls_and_signal_emits_leak_no_references():
    done = _child("benchmarks/qt_refcount_probe.py", timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no leak" in done.stdout


def test_soak_20000_tab_switches_5000_edit_cycles(tmp_path):
    done = _child("tests/soak_app.py", "--tabs", "20000", "--edits", "5000",
                  "--workspace", str(tmp_path / "ws"), timeout=900)
    assert done.returncode == 0, (done.returncode, done.stdout[-2000:], done.stderr[-2000:])
    assert "soak ok: 20000 tab switches" in done.stdout and "5000 edit/undo/redo cycles" in done.stdout
