"""Parse an IIJ release file into statements and facts (decode -> normalise -> sections -> tables)."""
from __future__ import annotations

from iijview.parse.errors import NeedsOcr, ReleaseError
from iijview.parse.pipeline import parse_bytes, read_file

__all__ = ["NeedsOcr", "ReleaseError", "parse_bytes", "read_file"]
