"""The corrections workspace: an embedded SQLite file of user corrections and app settings."""
from __future__ import annotations

import datetime as _dt
import getpass
import json
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from iijview.model import Cell, LineItem, Release
from iijview.store.mappings import MappingStore, RowMapping

FILE_NAME = "workspace.sqlite3"
KINDS = ("value", "label", "insert", "delete")
INSERT_PREFIX = "+"          # row keys of user-inserted rows start with this
MAX_RECENT = 12

_SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    sha256 TEXT NOT NULL,
    release TEXT NOT NULL DEFAULT '',
    statement TEXT NOT NULL,
    row_key TEXT NOT NULL,
    col_key TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    original_value REAL,
    original_text TEXT NOT NULL DEFAULT '',
    value REAL,
    text TEXT NOT NULL DEFAULT '',
    after_key TEXT NOT NULL DEFAULT '',
    level INTEGER NOT NULL DEFAULT 0,
    section TEXT NOT NULL DEFAULT '',
    seq INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    user TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (sha256, statement, row_key, col_key, kind)
);
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

_FIELDS = ("sha256", "release", "statement", "row_key", "col_key", "kind", "original_value",
           "original_text", "value", "text", "after_key", "level", "section", "seq",
           "created", "user")


class WorkspaceError(Exception):
    """A workspace problem the user can act on; the message is one clear sentence."""


@dataclass
class Correction:
    """One stored correction: a value, a label, an inserted row or a deleted row."""

    sha256: str
    release: str
    statement: str
    row_key: str
    col_key: str
    kind: str                      # value | label | insert | delete
    original_value: float | None
    original_text: str
    value: float | None
    text: str
    after_key: str = ""            # insert: the row key it follows ("" = first row)
    level: int = 0                 # insert: indentation level
    section: str = ""              # insert: section of the new row
    seq: int = 0                   # insert: order of creation, so inserts can follow inserts
    created: str = ""              # ISO timestamp
    user: str = ""

    def describe(self) -> str:
        """One line saying what this correction is, for messages."""
        where = f"{self.release or self.sha256[:12]} / {self.statement} / {self.row_key}"
        if self.kind == "value":
            return f"{where} / {self.col_key}: {self.original_text or '(empty)'} -> {self.text or '-'}"
        if self.kind == "label":
            return f"{where}: label -> {self.text!r}"
        if self.kind == "insert":
            return f"{where}: inserted row {self.text!r}"
        return f"{where}: deleted row"


def default_folder() -> Path:
    """The workspace folder: IIJVIEW_HOME if set, else the platform's user data folder."""
    env = os.environ.get("IIJVIEW_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("iijview", appauthor=False))


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers and services
        return "unknown"


def _sha(release) -> tuple[str, str]:
    if isinstance(release, Release):
        return release.sha256, release.name
    return str(release), ""


class Workspace(MappingStore):
    """Corrections keyed by release content hash, statement, row and column; settings; row mappings."""

    def __init__(self, folder=None):
        self.folder = Path(folder).expanduser() if folder else default_folder()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(f"Cannot create the workspace folder {self.folder} "
                                 f"({exc.strerror or exc}).") from None
        self.path = self.folder / FILE_NAME
        self._lock = threading.RLock()
        try:
            # Autocommit: every change is durable as soon as the call returns (no Save step).
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                       timeout=10)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            self._create_mappings()
        except sqlite3.DatabaseError as exc:
            raise WorkspaceError(f"{self.path} is not a usable workspace file ({exc}).") from None

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- writing corrections -------------------------------------------------------------

    def _existing(self, sha: str, st_key: str, row_key: str, col_key: str, kind: str):
        cur = self._db.execute(
            "SELECT original_value, original_text FROM corrections WHERE sha256=? AND statement=?"
            " AND row_key=? AND col_key=? AND kind=?", (sha, st_key, row_key, col_key, kind))
        return cur.fetchone()

    def _put(self, c: Correction) -> Correction:
        with self._lock:
            old = self._existing(c.sha256, c.statement, c.row_key, c.col_key, c.kind)
            if old is not None:
                # The first correction of a cell keeps what the parser read.
                c.original_value, c.original_text = old[0], old[1]
            c.created = c.created or _now()
            c.user = c.user or _user()
            self._db.execute(
                f"INSERT OR REPLACE INTO corrections ({', '.join(_FIELDS)}) "
                f"VALUES ({', '.join('?' * len(_FIELDS))})",
                tuple(getattr(c, f) for f in _FIELDS))
        return c

    def set_value(self, release, st_key: str, row_key: str, col_key: str, value: float | None,
                  text: str, original: float | None = None, original_text: str = "") -> Correction:
        """Store a corrected cell value (`value` None with text '-' is a nil cell)."""
        sha, name = _sha(release)
        return self._put(Correction(sha, name, st_key, row_key, col_key, "value", original,
                                    original_text, value, text))

    def set_label(self, release, st_key: str, row_key: str, label: str,
                  original: str = "") -> Correction:
        """Store a corrected row label."""
        sha, name = _sha(release)
        return self._put(Correction(sha, name, st_key, row_key, "", "label", None, original,
                                    None, label))

    def insert_row(self, release, st_key: str, row_key: str, label: str, after_key: str = "",
                   level: int = 0, section: str = "") -> Correction:
        """Store a row the user inserted after `after_key` ("" = first); row_key starts with '+'."""
        if not row_key.startswith(INSERT_PREFIX):
            row_key = INSERT_PREFIX + row_key
        sha, name = _sha(release)
        with self._lock:
            seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM corrections "
                                   "WHERE sha256=? AND statement=?", (sha, st_key)).fetchone()[0]
            old = self._db.execute("SELECT seq FROM corrections WHERE sha256=? AND statement=? "
                                   "AND row_key=? AND kind='insert'", (sha, st_key, row_key)).fetchone()
            return self._put(Correction(sha, name, st_key, row_key, "", "insert", None, "", None,
                                        label, after_key, level, section, old[0] if old else seq))

    def delete_row(self, release, st_key: str, row_key: str, label: str = "") -> Correction:
        """Store that a parsed row is spurious and must be left out."""
        sha, name = _sha(release)
        return self._put(Correction(sha, name, st_key, row_key, "", "delete", None, label,
                                    None, ""))

    def revert(self, release, st_key: str, row_key: str, col_key: str = "",
               kind: str = "value") -> int:
        """Remove a correction (reverting an insert also removes its cells); return how many."""
        sha, _name = _sha(release)
        with self._lock:
            if kind == "insert":
                cur = self._db.execute("DELETE FROM corrections WHERE sha256=? AND statement=? "
                                       "AND row_key=?", (sha, st_key, row_key))
            else:
                cur = self._db.execute("DELETE FROM corrections WHERE sha256=? AND statement=? "
                                       "AND row_key=? AND col_key=? AND kind=?",
                                       (sha, st_key, row_key, col_key, kind))
            return cur.rowcount

    def add(self, correction: Correction, replace: bool = True) -> bool:
        """Store a Correction as given (used by import); return False if one exists and not replace."""
        with self._lock:
            c = correction
            if not replace and self._existing(c.sha256, c.statement, c.row_key, c.col_key, c.kind):
                return False
            self._db.execute(
                f"INSERT OR REPLACE INTO corrections ({', '.join(_FIELDS)}) "
                f"VALUES ({', '.join('?' * len(_FIELDS))})",
                tuple(getattr(c, f) for f in _FIELDS))
            return True

    # -- reading ----------------------------------------------------------------------------

    def corrections(self, sha256: str | None = None) -> list[Correction]:
        """All stored corrections (of one release if sha256 given), in a stable order."""
        sql = f"SELECT {', '.join(_FIELDS)} FROM corrections"
        args: tuple = ()
        if sha256:
            sql += " WHERE sha256=?"
            args = (sha256,)
        sql += " ORDER BY sha256, statement, seq, kind, row_key, col_key"
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [Correction(*row) for row in rows]

    def apply(self, release: Release) -> list[str]:
        """Apply stored corrections to a freshly parsed release in place; return what did not fit."""
        return self.apply_with_anchors(release)[0]

    def apply_with_anchors(self, release: Release) -> tuple[list[str], dict[str, list[str]]]:
        """Like apply(); also return each statement's row keys as stored (the rows' anchors).

        A row's anchor is its key in the parsed release (or the inserted row's '+' key) and does
        not change when its label is corrected; the GUI keeps them parallel to Statement.items.
        """
        from iijview.store.apply import apply_corrections

        return apply_corrections(release, self.corrections(release.sha256))

    # -- CSV -------------------------------------------------------------------------------

    def export_csv(self, path, sha256: str | list[str] | None = None) -> int:
        """Write corrections (all, or of the given release hashes) and row mappings to a CSV file."""
        from iijview.store.csv_io import write_csv

        if isinstance(sha256, (list, tuple, set)):
            rows = [c for s in sha256 for c in self.corrections(s)]
        else:
            rows = self.corrections(sha256)
        rows += [Correction(**m.csv_fields()) for m in self.row_mappings()]   # they hold for every release
        write_csv(path, rows)
        return len(rows)

    def import_csv(self, path) -> int:
        """Merge corrections from a CSV file; return how many were added or updated.

        Nothing is written unless the whole file is valid. A correction already in the workspace
        is replaced only by a newer one of the same cell, so no local work is lost to stale files.
        """
        from iijview.store.csv_io import read_csv

        incoming = read_csv(path)
        count = 0
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for c in incoming:
                    if isinstance(c, RowMapping):
                        count += self.add_mapping(c, newer_only=True)
                        continue
                    row = self._db.execute(
                        "SELECT created, value, text, after_key, level FROM corrections WHERE "
                        "sha256=? AND statement=? AND row_key=? AND col_key=? AND kind=?",
                        (c.sha256, c.statement, c.row_key, c.col_key, c.kind)).fetchone()
                    if row is not None:
                        if tuple(row[1:]) == (c.value, c.text, c.after_key, c.level):
                            continue
                        if row[0] >= c.created:
                            continue
                    self.add(c)
                    count += 1
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return count

    # -- settings --------------------------------------------------------------------------

    def setting(self, key: str, default=None):
        """A stored setting (any JSON value), or default."""
        with self._lock:
            row = self._db.execute("SELECT value FROM settings WHERE key=?", (key,)).fetchone()
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except ValueError:
            return default

    def set_setting(self, key: str, value) -> None:
        """Store a setting (any JSON value) at once."""
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                             (key, json.dumps(value)))

    def recent_files(self) -> list[str]:
        """Recently opened release paths, newest first."""
        value = self.setting("recent_files", [])
        return [str(p) for p in value] if isinstance(value, list) else []

    def add_recent(self, path) -> list[str]:
        """Put a path at the top of the recent files; return the new list."""
        path = str(Path(path).resolve())
        files = [path] + [p for p in self.recent_files() if p != path]
        files = files[:MAX_RECENT]
        self.set_setting("recent_files", files)
        return files

    def open_files(self) -> list[str]:
        """Paths of the releases open when the app last closed."""
        value = self.setting("open_files", [])
        return [str(p) for p in value] if isinstance(value, list) else []

    def set_open_files(self, paths) -> None:
        """Remember which releases are open."""
        self.set_setting("open_files", [str(p) for p in paths])


def restore_cell(cell: Cell, c: Correction) -> None:
    """Set a cell to a correction's value, keeping the parsed value as the original."""
    if cell.status != "corrected":
        cell.original, cell.original_text = cell.value, cell.text
    cell.value, cell.text, cell.status = c.value, c.text, "corrected"


def new_row(c: Correction) -> LineItem:
    """The LineItem for an inserted-row correction."""
    return LineItem(label=c.text, section=c.section, level=c.level, inserted=True,
                    raw_label=c.text)
