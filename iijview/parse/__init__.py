"""Parse an IIJ release file into statements and facts (decode -> normalise -> sections -> tables).

The parser's modules are usually installed twice: as Python source and compiled to C by mypyc
(see setup.py), which parses about a quarter faster. The compiled build is used only when it is
complete and newer than every source file, and IIJVIEW_PURE_PYTHON is not set; otherwise every
module loads from its source, so an edited parser never runs stale compiled code. `COMPILED` says
which one this process runs.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_SHARED_LIBRARY = "iijview_parse__mypyc"  # mypyc's runtime for the group named in setup.py


def _compiled_module(source: Path) -> Path | None:
    """The compiled extension built from a source file, if there is one beside it."""
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = source.with_name(source.stem + suffix)
        if candidate.exists():
            return candidate
    return None


def compiled_build_state(folder: Path, shared_library: str = _SHARED_LIBRARY) -> str:
    """'current', 'stale' (a module or the shared library missing, or a module older than its source) or
    'absent' (nothing compiled), for a folder of parser modules."""
    sources = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
    if sources:
        built = {p: _compiled_module(p) for p in sources}
        if not any(built.values()):
            return "absent"
        if any(c is None or c.stat().st_mtime < s.stat().st_mtime for s, c in built.items()):
            return "stale"
    elif not [p for suffix in importlib.machinery.EXTENSION_SUFFIXES for p in folder.glob(f"*{suffix}")]:
        return "absent"  # (no sources: a frozen app ships the compiled modules alone)
    return "current" if importlib.util.find_spec(shared_library) is not None else "stale"


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Loads every module of this package from its .py file, passing over compiled ones."""

    def find_spec(self, fullname, path=None, target=None):
        """The source spec for a module of this package, or None for any other module."""
        package, _, name = fullname.rpartition(".")
        if package != __name__:
            return None
        source = _HERE / f"{name}.py"
        return importlib.util.spec_from_file_location(fullname, source) if source.exists() else None


_state = compiled_build_state(_HERE)
if _state == "stale" or (_state == "current" and os.environ.get("IIJVIEW_PURE_PYTHON")):
    sys.meta_path.insert(0, _SourceFinder())
COMPILED = _state == "current" and not os.environ.get("IIJVIEW_PURE_PYTHON")

from iijview.parse.pipeline import ReleaseError, parse_bytes, read_file  # noqa: E402 - after choosing the build

__all__ = ["COMPILED", "ReleaseError", "parse_bytes", "read_file", "compiled_build_state"]
