"""The compiled (mypyc) parser: used only when complete and current, and it reads exactly as the source does."""
import os
import subprocess
import sys
from pathlib import Path

import iijview.parse
from iijview.parse import compiled_build_state

ROOT = Path(__file__).resolve().parent.parent
SUFFIX = __import__("importlib.machinery").machinery.EXTENSION_SUFFIXES[0]


def _touch(path: Path, mtime: float) -> None:
    path.write_text("")
    os.utime(path, (mtime, mtime))


def test_a_folder_without_compiled_modules_is_absent(tmp_path):
    _touch(tmp_path / "__init__.py", 1000)
    _touch(tmp_path / "tokens.py", 1000)
    assert compiled_build_state(tmp_path, "json") == "absent"


def test_compiled_modules_without_sources_as_a_frozen_app_ships_them_are_current(tmp_path):
    _touch(tmp_path / f"tokens{SUFFIX}", 2000)
    assert compiled_build_state(tmp_path, "json") == "current"
    assert compiled_build_state(tmp_path, "no_such_mypyc_runtime_module") == "stale"


def test_compiled_modules_newer_than_their_sources_are_current(tmp_path):
    for name in ("tokens", "segment"):
        _touch(tmp_path / f"{name}.py", 1000)
        _touch(tmp_path / f"{name}{SUFFIX}", 2000)
    assert compiled_build_state(tmp_path, "json") == "current"


def test_an_edited_source_a_missing_module_or_a_missing_runtime_makes_the_build_stale(tmp_path):
    for name in ("tokens", "segment"):
        _touch(tmp_path / f"{name}.py", 1000)
        _touch(tmp_path / f"{name}{SUFFIX}", 2000)
    assert compiled_build_state(tmp_path, "no_such_mypyc_runtime_module") == "stale"
    _touch(tmp_path / "tokens.py", 3000)  # edited after the build
    assert compiled_build_state(tmp_path, "json") == "stale"
    _touch(tmp_path / "tokens.py", 1000)
    _touch(tmp_path / "rows.py", 1000)  # a module added after the build
    assert compiled_build_state(tmp_path, "json") == "stale"


def _run(code: str, **env) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, **env}, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_iijview_pure_python_loads_every_parser_module_from_source():
    out = _run("import iijview.parse as p, iijview.parse.tokens as t, iijview.parse.build as b; "
               "print(p.COMPILED, t.__file__.endswith('.py'), b.__file__.endswith('.py'))", IIJVIEW_PURE_PYTHON="1")
    assert out == "False True True"


def test_this_process_runs_the_build_the_package_reports():
    import iijview.parse.tokens as tokens
    assert tokens.__file__.endswith(".py") != iijview.parse.COMPILED


def test_the_build_in_use_gives_the_same_parse_as_the_source():
    """The full output on every sample and reshaped form: compiled (when installed) against pure Python."""
    script = str(ROOT / "benchmarks" / "parse_fingerprint.py")
    here = subprocess.run([sys.executable, script], capture_output=True, text=True, timeout=300)
    pure = subprocess.run([sys.executable, script], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "IIJVIEW_PURE_PYTHON": "1"})
    assert here.returncode == 0 and pure.returncode == 0, here.stderr + pure.stderr
    assert "sha256" in here.stdout
    assert here.stdout == pure.stdout
