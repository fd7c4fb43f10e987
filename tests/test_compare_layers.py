"""The comparison is a layer below the store and the front ends: no Qt, no store, no export."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = ("iijview.model", "iijview.parse", "iijview.checks", "iijview.compare")


def test_compare_imports_only_the_layers_below_it():
    for path in sorted((ROOT / "iijview" / "compare").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                if name.startswith("iijview"):
                    assert name.startswith(ALLOWED), f"{path.name} imports {name}"
                assert not name.startswith(("PySide6", "pyqtgraph", "openpyxl")), f"{path.name} imports {name}"


def test_compare_cli_and_export_run_where_qt_cannot_be_imported(tmp_path):
    sample = ROOT / "resources" / "samples" / "2018-12_9m_fy2018_web_usgaap.txt"
    script = f"""
import sys
sys.modules['PySide6'] = None      # importing Qt now fails
sys.modules['pyqtgraph'] = None
from iijview.cli import main
assert main(['compare', {str(sample)!r}, '--periods', 'quarters']) == 0
assert main(['export', {str(sample)!r}, '-o', {str(tmp_path / 'b.xlsx')!r}]) == 0
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path,
                          env={"IIJVIEW_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert "total_revenues,Total revenues" in done.stdout
