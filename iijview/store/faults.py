"""Workspace faults told as one sentence true to the cause: disk full, busy, read-only, damaged, I/O."""
from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

FULL, BUSY, READ_ONLY, DAMAGED, IO, OTHER = "full", "busy", "read_only", "damaged", "io", "other"

_BY_CODE = {"SQLITE_FULL": FULL, "SQLITE_BUSY": BUSY, "SQLITE_LOCKED": BUSY, "SQLITE_READONLY": READ_ONLY,
            "SQLITE_PERM": READ_ONLY, "SQLITE_CANTOPEN": READ_ONLY, "SQLITE_AUTH": READ_ONLY,
            "SQLITE_CORRUPT": DAMAGED, "SQLITE_NOTADB": DAMAGED, "SQLITE_IOERR": IO}
_BY_WORDS = (("disk is full", FULL), ("locked", BUSY), ("readonly", READ_ONLY), ("read-only", READ_ONLY),
             ("unable to open", READ_ONLY), ("malformed", DAMAGED), ("not a database", DAMAGED),
             ("disk i/o", IO))
_BY_ERRNO = {errno.ENOSPC: FULL, errno.EDQUOT: FULL, errno.EROFS: READ_ONLY, errno.EACCES: READ_ONLY,
             errno.EPERM: READ_ONLY}


class WorkspaceError(Exception):
    """A workspace problem the user can act on; the message is one clear sentence.

    `kind` says what went wrong (FULL, BUSY, READ_ONLY, DAMAGED, IO or OTHER).
    """

    def __init__(self, message: str, kind: str = OTHER):
        super().__init__(message)
        self.kind = kind


def kind_of(exc: BaseException) -> str:
    """What an sqlite3 or OS error means for the user."""
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        base = "_".join(name.split("_")[:2])
        if base in _BY_CODE:
            return _BY_CODE[base]
        text = str(exc).lower()
        return next((kind for words, kind in _BY_WORDS if words in text), OTHER)
    if isinstance(exc, OSError):
        return _BY_ERRNO.get(exc.errno, IO)
    return OTHER


def sentence(kind: str, path: Path, doing: str, exc: BaseException | None = None) -> str:
    """One sentence saying what failed (`doing`, e.g. 'the correction was not saved'), why and what to do."""
    folder = path.parent
    detail = str(exc) if exc is not None else ""
    if kind == FULL:
        return (f"The disk holding the workspace ({folder}) is full, so {doing}. Free some space and try "
                f"again; nothing stored before was lost.")
    if kind == BUSY:
        return (f"The workspace {path} is busy (another iijview or an import is writing to it), so {doing}. "
                f"Try again in a moment.")
    if kind == READ_ONLY:
        return (f"The workspace folder {folder} cannot be written (read-only or no permission), so {doing}. "
                f"Stored corrections are still shown; to make new ones, start iijview with --workspace DIR "
                f"on a folder you may write to.")
    if kind == DAMAGED:
        return (f"The workspace file {path} is damaged ({detail or 'not a database'}), so {doing}. Copy it "
                f"somewhere safe, then start iijview with --workspace DIR (or move the file away to start "
                f"afresh); `sqlite3 {path.name} .recover` salvages what can still be read.")
    if kind == IO:
        return (f"The disk holding the workspace {path} could not be read or written ({detail or 'I/O error'}), "
                f"so {doing}. Check the disk and try again.")
    return f"The workspace {path} failed ({detail}), so {doing}."


def fault(exc: BaseException, path: Path, doing: str) -> WorkspaceError:
    """The WorkspaceError for an sqlite3 or OS error met while working on the workspace at `path`."""
    kind = kind_of(exc)
    return WorkspaceError(sentence(kind, path, doing, exc), kind)
