"""Build hook: compile the parser modules with mypyc (pure Python stays the fallback).

Everything else about the package is in pyproject.toml. The parser (`iijview/parse/`, except its
`__init__`, which decides at import time whether the compiled build is current) is compiled to C
extensions with mypyc, which makes a parse about a quarter faster. The build falls back to pure
Python, with a warning, when mypyc or a C compiler is missing or `IIJVIEW_PURE_PYTHON=1` is set.
"""
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

PARSER = sorted(str(p.as_posix()) for p in Path("iijview/parse").glob("*.py") if p.name != "__init__.py")


class OptionalBuildExt(build_ext):
    """Build the compiled parser if the machine can; otherwise warn, remove any part built, install pure Python."""

    def run(self):
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 - a missing compiler must not stop the install
            for ext in self.extensions:  # all or nothing: a part of the compiled parser cannot run
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            print(f"iijview: the parser was not compiled ({exc}); installing pure Python.", file=sys.stderr)


def compiled_parser():
    """The mypyc extension modules of the parser, or none when they cannot or should not be built."""
    if os.environ.get("IIJVIEW_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify
        return mypycify(["--ignore-missing-imports", "--follow-imports=silent", *PARSER],
                        opt_level="3", group_name="iijview_parse")
    except SystemExit:  # mypyc exits on a type error it cannot compile (it printed the errors above)
        print("iijview: mypyc refused the parser (see above); installing pure Python.", file=sys.stderr)
    except Exception as exc:  # noqa: BLE001 - e.g. mypy is not installed
        print(f"iijview: the parser will not be compiled ({exc}); installing pure Python.", file=sys.stderr)
    return []


setup(ext_modules=compiled_parser(), cmdclass={"build_ext": OptionalBuildExt})
