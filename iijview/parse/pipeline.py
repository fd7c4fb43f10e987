"""The parse pipeline: bytes in, Release out (placeholder until the table parser lands)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from iijview.model import Release


class ReleaseError(Exception):
    """Bad input: the message is one clear sentence for the user."""


def read_file(path) -> bytes:
    """Read a release file's bytes, or raise ReleaseError saying why it cannot be read."""
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise ReleaseError(f"{p}: no such file.") from None
    except IsADirectoryError:
        raise ReleaseError(f"{p}: is a folder, not a release file.") from None
    except OSError as exc:
        raise ReleaseError(f"{p}: cannot be read ({exc.strerror or exc}).") from None


def parse_bytes(data: bytes, name: str) -> Release:
    """Parse release content into a Release."""
    text = data.decode("utf-8", errors="replace")
    return Release(path=name, text=text, sha256=hashlib.sha256(data).hexdigest())
