"""Manual row mappings of the comparison: a line mapped by hand onto another row, kept in the workspace.

A mapping joins one comparison row (a canonical key or a label the canonical items do not place,
e.g. 'label:guarantee deposits') to another row of the same statement kind, in every release.
Mappings travel in the corrections CSV as rows of kind 'map' (no release hash: they hold for all).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

MAP_KIND = "map"

MAPPING_SCHEMA = """
CREATE TABLE IF NOT EXISTS row_mappings (
    statement TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    user TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (statement, source)
);
"""
_FIELDS = ("statement", "source", "target", "label", "created", "user")


@dataclass
class RowMapping:
    """Row `source` of statement kind `statement` is shown as row `target`."""

    statement: str
    source: str
    target: str
    label: str = ""          # the source line's label, for people reading the CSV
    created: str = ""
    user: str = ""

    def describe(self) -> str:
        """One line saying what this mapping is, for messages."""
        return f"{self.statement}: {self.label or self.source} -> {self.target}"

    def csv_fields(self) -> dict:
        """The corrections-CSV fields of this mapping (kind 'map')."""
        return {"sha256": "", "release": "", "statement": self.statement, "row_key": self.source,
                "col_key": "", "kind": MAP_KIND, "original_value": None, "original_text": self.label,
                "value": None, "text": self.target, "after_key": "", "level": 0, "section": "",
                "seq": 0, "created": self.created, "user": self.user}


def is_mapping_record(rec: dict) -> bool:
    """True for a corrections-CSV record that is a row mapping."""
    return (rec.get("kind") or "").strip() == MAP_KIND


def mapping_from_record(rec: dict, where: str) -> RowMapping:
    """A RowMapping from a corrections-CSV record; ValueError with a sentence when it is incomplete."""
    def get(name):
        return (rec.get(name) or "").strip()

    for name, what in (("statement", "statement"), ("row_key", "row_key (the mapped row)"),
                       ("text", "text (the row it joins)"), ("created", "created")):
        if not get(name):
            raise ValueError(f"{where}: a row mapping needs its {what}.")
    try:
        _dt.datetime.fromisoformat(get("created"))
    except ValueError:
        raise ValueError(f"{where}: created {get('created')!r} is not an ISO timestamp.") from None
    return RowMapping(get("statement"), rec.get("row_key") or "", rec.get("text") or "",
                      rec.get("original_text") or "", get("created"), get("user"))


class MappingStore:
    """Workspace methods for row mappings (mixed into Workspace: uses its _db and _lock)."""

    def _create_mappings(self) -> None:
        self._db.executescript(MAPPING_SCHEMA)

    def row_mappings(self, statement: str | None = None) -> list[RowMapping]:
        """Stored mappings (of one statement kind if given), in a stable order."""
        sql = f"SELECT {', '.join(_FIELDS)} FROM row_mappings"
        args: tuple = ()
        if statement:
            sql += " WHERE statement=?"
            args = (statement,)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY statement, source", args).fetchall()
        return [RowMapping(*row) for row in rows]

    def mappings_for(self, statement: str) -> dict[str, str]:
        """source row key -> target row key for one statement kind."""
        return {m.source: m.target for m in self.row_mappings(statement)}

    def set_mapping(self, statement: str, source: str, target: str, label: str = "") -> RowMapping:
        """Map row `source` onto row `target` (stored at once)."""
        from iijview.store.workspace import _now, _user   # (workspace imports this module)

        m = RowMapping(statement, source, target, label, _now(), _user())
        self.add_mapping(m)
        return m

    def remove_mapping(self, statement: str, source: str) -> int:
        """Forget a mapping; return how many were removed."""
        with self._lock:
            return self._db.execute("DELETE FROM row_mappings WHERE statement=? AND source=?",
                                    (statement, source)).rowcount

    def add_mapping(self, m: RowMapping, newer_only: bool = False) -> bool:
        """Store a mapping as given; with newer_only, keep a stored one that is as new. Return stored?"""
        with self._lock:
            if newer_only:
                row = self._db.execute("SELECT created, target FROM row_mappings WHERE statement=? "
                                       "AND source=?", (m.statement, m.source)).fetchone()
                if row is not None and (row[1] == m.target or row[0] >= m.created):
                    return False
            self._db.execute(f"INSERT OR REPLACE INTO row_mappings ({', '.join(_FIELDS)}) "
                             f"VALUES ({', '.join('?' * len(_FIELDS))})",
                             tuple(getattr(m, f) for f in _FIELDS))
            return True
