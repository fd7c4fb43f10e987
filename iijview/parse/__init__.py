"""Parse an IIJ release file into statements and facts (decode -> normalise -> sections -> tables)."""
from __future__ import annotations

from iijview.parse.pipeline import ReleaseError, parse_bytes, read_file

__all__ = ["ReleaseError", "parse_bytes", "read_file"]
