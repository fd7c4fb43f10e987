"""The architecture as a contract: import-linter layers, and everything but the app works without Qt."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from iijview.gui.session import sample_paths

ROOT = Path(__file__).resolve().parents[1]

# Make importing Qt fail, and record every attempt (a caught ImportError would hide one).
BLOCKER = r'''
import importlib.abc, json, os, sys
ATTEMPTS = []
class _NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"):
            ATTEMPTS.append(name)
            raise ImportError(f"No module named {name!r} (blocked by the test)")
        return None
sys.meta_path.insert(0, _NoQt())
import atexit
atexit.register(lambda: open(os.environ["QT_ATTEMPTS"], "w").write(json.dumps(ATTEMPTS)))
'''


def test_import_contracts_hold():
    """`lint-imports` with the contracts in pyproject.toml (layers; Qt only in iijview.gui)."""
    from importlinter.cli import lint_imports

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0
    finally:
        os.chdir(cwd)


def _run_without_qt(tmp_path, code: str, name: str):
    attempts = tmp_path / f"{name}.json"
    env = dict(os.environ, QT_ATTEMPTS=str(attempts))
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run([sys.executable, "-c", BLOCKER + code], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=180)
    return done, json.loads(attempts.read_text()) if attempts.exists() else None


def test_parse_checks_export_and_cli_run_where_qt_cannot_be_imported(tmp_path):
    samples = sample_paths()
    code = f'''
import runpy, sys
from iijview import load_release
from iijview.checks import run_checks
from iijview.export import write_workbook
releases = [load_release(p) for p in {samples!r}]
assert all(r.statements for r in releases)
write_workbook(releases, "lib.xlsx")
for argv in (["facts", {samples[0]!r}], ["check", {samples[1]!r}],
             ["export", *{samples!r}, "-o", "cli.xlsx"], ["corrections", "export"],
             ["install-desktop", "--help"]):
    sys.argv = ["iijview", *argv]
    try:
        runpy.run_module("iijview", run_name="__main__")
    except SystemExit as done:
        assert done.code in (0, None), (argv, done.code)
print("ALL DONE")
'''
    done, attempts = _run_without_qt(tmp_path, code, "cli")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "ALL DONE" in done.stdout and "Traceback" not in done.stderr
    assert attempts == []  # nothing even tried to import Qt
    assert (tmp_path / "lib.xlsx").stat().st_size > 10_000
    assert (tmp_path / "cli.xlsx").stat().st_size > 10_000
    assert done.stdout.startswith("release,statement,label,item,")


def test_the_app_without_pyside6_says_so_in_one_sentence(tmp_path):
    code = '''
import runpy, sys
sys.argv = ["iijview"]
runpy.run_module("iijview", run_name="__main__")
'''
    done, _attempts = _run_without_qt(tmp_path, code, "gui")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "PySide6 (Qt for Python) is not installed" in lines[0]
    assert "pip install PySide6-Essentials" in lines[0] and "iijview --help" in lines[0]
