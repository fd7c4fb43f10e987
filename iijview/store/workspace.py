"""The corrections workspace: an embedded SQLite file of user corrections and app settings."""
from __future__ import annotations

import datetime as _dt
import getpass
import json
import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from iijview.model import Cell, LineItem, Release
from iijview.store.faults import READ_ONLY, WorkspaceError, fault, kind_of, sentence
from iijview.store.mappings import MAPPING_SCHEMA, MappingStore, RowMapping

FILE_NAME = "workspace.sqlite3"
KINDS = ("value", "label", "insert", "delete")
INSERT_PREFIX = "+"          # row keys of user-inserted rows start with this
MAX_RECENT = 12
IMPORT_BATCH = 2000     # rows per import transaction: the write lock is held a fraction of a second
IMPORT_PAUSE = 0.03     # seconds between batches, so the app's own saves get the lock in between
BUSY_TIMEOUT = 10       # seconds a write waits for another writer

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
    """Corrections keyed by release content hash, statement, row and column; settings; row mappings.

    Every sqlite3 or disk error becomes a WorkspaceError whose message says what happened and what
    to do. A workspace that cannot be written (read-only folder or disk) opens read-only: stored
    corrections are read, every write raises WorkspaceError (settings are skipped) and `problem`
    says why.
    """

    def __init__(self, folder=None, *, read_only: bool = False):
        self.folder = Path(folder).expanduser() if folder else default_folder()
        self.path = self.folder / FILE_NAME
        self._lock = threading.RLock()
        self._depth = 0          # nesting of transaction()
        self._muted = 0          # >0: writes are replayed in memory only (see muted())
        self.read_only = read_only
        self.problem = ""        # why the workspace is read-only (one sentence), or ""
        self.settings_problem = ""   # the last settings write that failed (settings are best effort)
        if not read_only:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._db = self._connect()
                return
            except (sqlite3.Error, OSError) as exc:
                kind = kind_of(exc)
                if kind != READ_ONLY:
                    raise fault(exc, self.path, "it cannot be opened") from None
                self.problem = sentence(READ_ONLY, self.path, "corrections cannot be saved")
        self.read_only = True
        self.problem = self.problem or sentence(READ_ONLY, self.path, "corrections cannot be saved")
        self._db = self._connect_read_only()

    def _connect(self) -> sqlite3.Connection:
        # Autocommit: every change is durable as soon as the call returns (no Save step).
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA + MAPPING_SCHEMA)
        except BaseException:
            db.close()
            raise
        return db

    def _connect_read_only(self) -> sqlite3.Connection:
        """The workspace file opened for reading only (an empty one in memory when there is none)."""
        try:
            if self.path.exists():
                # immutable: no -wal/-shm files are needed (or created) in a folder we may not write
                db = sqlite3.connect(f"{self.path.resolve().as_uri()}?immutable=1", uri=True,
                                     check_same_thread=False)
                names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                if "corrections" not in names:
                    db.close()
                    db = sqlite3.connect(":memory:", check_same_thread=False)
                    db.executescript(_SCHEMA + MAPPING_SCHEMA)
                elif "row_mappings" not in names:   # an older workspace: an empty table to read
                    db.executescript(MAPPING_SCHEMA.replace("CREATE TABLE", "CREATE TEMP TABLE"))
                return db
            db = sqlite3.connect(":memory:", check_same_thread=False)
            db.executescript(_SCHEMA + MAPPING_SCHEMA)
            return db
        except sqlite3.Error as exc:
            raise fault(exc, self.path, "it cannot be opened") from None

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- guarded access ----------------------------------------------------------------------

    @contextmanager
    def _guard(self, doing: str):
        """Turn sqlite3 and disk errors met inside into a WorkspaceError saying that `doing` failed."""
        try:
            yield
        except (sqlite3.Error, OSError) as exc:
            raise fault(exc, self.path, doing) from None

    def _write(self, sql: str, args=()) -> sqlite3.Cursor | None:
        """Run one write (refused when read-only; a no-op while muted)."""
        if self._muted:
            return None
        if self.read_only:
            raise WorkspaceError(self.problem, READ_ONLY)
        with self._guard("the change was not saved"):
            return self._db.execute(sql, args)

    def _read(self, sql: str, args=(), doing: str = "the stored corrections could not be read") -> list:
        with self._guard(doing):
            return self._db.execute(sql, args).fetchall()

    @contextmanager
    def transaction(self):
        """All writes inside are stored together or not at all (nested uses join the outer one)."""
        with self._lock:
            if self._depth or self._muted or self.read_only:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            with self._guard("the change was not saved"):
                self._db.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
                with self._guard("the change was not saved"):
                    self._db.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
            finally:
                self._depth = 0

    def _rollback(self) -> None:
        # SQLite may have rolled back already (disk full ends the transaction): only roll back an open one.
        if self._db.in_transaction:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    @contextmanager
    def muted(self):
        """Writes inside change nothing: used to undo in memory what a failed transaction never stored."""
        with self._lock:
            self._muted += 1
            try:
                yield
            finally:
                self._muted -= 1

    # -- writing corrections -------------------------------------------------------------

    def _existing(self, sha: str, st_key: str, row_key: str, col_key: str, kind: str):
        rows = self._read(
            "SELECT original_value, original_text FROM corrections WHERE sha256=? AND statement=?"
            " AND row_key=? AND col_key=? AND kind=?", (sha, st_key, row_key, col_key, kind),
            "the correction was not saved")
        return rows[0] if rows else None

    def _put(self, c: Correction) -> Correction:
        with self._lock:
            if self._muted:
                return c
            old = self._existing(c.sha256, c.statement, c.row_key, c.col_key, c.kind)
            if old is not None:
                # The first correction of a cell keeps what the parser read.
                c.original_value, c.original_text = old[0], old[1]
            c.created = c.created or _now()
            c.user = c.user or _user()
            self._write(
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
        if self._muted:
            return Correction(sha, name, st_key, row_key, "", "insert", None, "", None, label, after_key,
                              level, section)
        with self._lock:
            doing = "the inserted row was not saved"
            seq = self._read("SELECT COALESCE(MAX(seq), 0) + 1 FROM corrections "
                             "WHERE sha256=? AND statement=?", (sha, st_key), doing)[0][0]
            old = self._read("SELECT seq FROM corrections WHERE sha256=? AND statement=? "
                             "AND row_key=? AND kind='insert'", (sha, st_key, row_key), doing)
            return self._put(Correction(sha, name, st_key, row_key, "", "insert", None, "", None,
                                        label, after_key, level, section, old[0][0] if old else seq))

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
                cur = self._write("DELETE FROM corrections WHERE sha256=? AND statement=? "
                                  "AND row_key=?", (sha, st_key, row_key))
            else:
                cur = self._write("DELETE FROM corrections WHERE sha256=? AND statement=? "
                                  "AND row_key=? AND col_key=? AND kind=?",
                                  (sha, st_key, row_key, col_key, kind))
            return cur.rowcount if cur is not None else 0

    def add(self, correction: Correction, replace: bool = True) -> bool:
        """Store a Correction as given (used by import); return False if one exists and not replace."""
        with self._lock:
            c = correction
            if not replace and self._existing(c.sha256, c.statement, c.row_key, c.col_key, c.kind):
                return False
            self._write(
                f"INSERT OR REPLACE INTO corrections ({', '.join(_FIELDS)}) "
                f"VALUES ({', '.join('?' * len(_FIELDS))})",
                tuple(getattr(c, f) for f in _FIELDS))
            return True

    # -- reading ----------------------------------------------------------------------------

    def corrections(self, sha256: str | None = None) -> list[Correction]:
        """All stored corrections (of one release if sha256 given), in a stable order."""
        return list(self.iter_corrections(sha256))

    def iter_corrections(self, sha256: str | None = None):
        """Stored corrections one by one (of one release if sha256 given), in a stable order."""
        sql = f"SELECT {', '.join(_FIELDS)} FROM corrections"
        args: tuple = ()
        if sha256:
            sql += " WHERE sha256=?"
            args = (sha256,)
        sql += " ORDER BY sha256, statement, seq, kind, row_key, col_key"
        if sha256:
            yield from (Correction(*row) for row in self._read(sql, args))
            return
        with self._guard("the stored corrections could not be read"):
            cur = self._db.cursor()   # all of them: streamed, a large workspace is not held in memory
            cur.execute(sql, args)
            while True:
                rows = cur.fetchmany(1000)
                if not rows:
                    break
                yield from (Correction(*row) for row in rows)

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
        """Write corrections (all, or of the given release hashes) and row mappings to a CSV file;
        return how many rows."""
        import itertools

        from iijview.store.csv_io import write_csv

        if isinstance(sha256, (list, tuple, set)):
            rows = itertools.chain.from_iterable(self.iter_corrections(s) for s in sha256)
        else:
            rows = self.iter_corrections(sha256)
        with self._guard("the row mappings could not be read"):
            mappings = [Correction(**m.csv_fields()) for m in self.row_mappings()]   # they hold for every release
        return write_csv(path, itertools.chain(rows, mappings))

    def import_csv(self, path) -> int:
        """Merge corrections from a CSV file; return how many were added or updated.

        Nothing is written unless the whole file is valid. A correction already in the workspace
        is replaced only by a newer one of the same cell, so no local work is lost to stale files.
        Rows are stored in transactions of IMPORT_BATCH, so the app's own saves never wait long;
        if storing stops half-way (disk full), the message says how far it got, and importing the
        file again adds the rest (rows already in are skipped).
        """
        from iijview.store.csv_io import iter_csv

        total = sum(1 for _ in iter_csv(path))      # validate the whole file before writing anything
        if self.read_only:
            raise WorkspaceError(self.problem, READ_ONLY)
        count = done = 0
        batch: list[Correction | RowMapping] = []
        try:
            for c in iter_csv(path):
                batch.append(c)
                if len(batch) == IMPORT_BATCH:
                    count += self._import_batch(batch)
                    done += len(batch)
                    batch = []
                    time.sleep(IMPORT_PAUSE)
            count += self._import_batch(batch)
        except WorkspaceError as exc:
            if done:
                raise WorkspaceError(f"{exc} {done:,} of {total:,} rows were imported before that; import the "
                                     f"file again to add the rest (rows already in are skipped).", exc.kind) from None
            raise
        return count

    def _import_batch(self, batch: list[Correction | RowMapping]) -> int:
        """Merge a batch of imported corrections in one transaction; return how many changed."""
        count = 0
        with self.transaction():
            for c in batch:
                if isinstance(c, RowMapping):
                    with self._guard("the import was not saved"):
                        count += self.add_mapping(c, newer_only=True)
                    continue
                row = self._read(
                    "SELECT created, value, text, after_key, level FROM corrections WHERE "
                    "sha256=? AND statement=? AND row_key=? AND col_key=? AND kind=?",
                    (c.sha256, c.statement, c.row_key, c.col_key, c.kind), "the import was not saved")
                if row:
                    if tuple(row[0][1:]) == (c.value, c.text, c.after_key, c.level):
                        continue
                    if row[0][0] >= c.created:
                        continue
                self.add(c)
                count += 1
        return count

    # -- settings (best effort: window layout and recent files are not user data) -----------

    def setting(self, key: str, default=None):
        """A stored setting (any JSON value), or default (also when it cannot be read)."""
        try:
            with self._lock:
                rows = self._read("SELECT value FROM settings WHERE key=?", (key,), "the settings could not be read")
        except WorkspaceError as exc:
            self.settings_problem = str(exc)
            return default
        if not rows:
            return default
        try:
            return json.loads(rows[0][0])
        except ValueError:
            return default

    def set_setting(self, key: str, value) -> bool:
        """Store a setting (any JSON value) at once; False (and settings_problem) when it cannot be."""
        if self.read_only or self._muted:
            return False
        try:
            with self._lock:
                self._write("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, json.dumps(value)))
        except WorkspaceError as exc:
            self.settings_problem = str(exc)
            return False
        return True

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
