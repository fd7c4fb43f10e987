"""Corrections as CSV, so colleagues can share them: write, and read with validation."""
from __future__ import annotations

import csv
import datetime as _dt
import math
from pathlib import Path

from iijview.store.mappings import RowMapping, is_mapping_record, mapping_from_record
from iijview.store.workspace import KINDS, Correction, WorkspaceError

CSV_FIELDS = ("sha256", "release", "statement", "row_key", "col_key", "kind", "original_value",
              "original_text", "value", "text", "after_key", "level", "section", "seq",
              "created", "user")
REQUIRED = ("sha256", "statement", "row_key", "kind", "created")
MAX_VALUE = 1e15        # more digits than a float holds exactly: no release prints such a figure
_TRIMMED = {"sha256", "kind", "created", "original_value", "value", "level", "seq", "user"}


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return repr(float(value)) if not float(value).is_integer() else str(int(value))


def write_csv(path, corrections: list[Correction]) -> None:
    """Write corrections to a UTF-8 CSV file (a path, or an open text stream) with a header row."""
    if hasattr(path, "write"):
        _write(path, corrections)
        return
    try:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            _write(fh, corrections)
    except OSError as exc:
        raise WorkspaceError(f"Cannot write {path} ({exc.strerror or exc}).") from None


def _write(fh, corrections: list[Correction]) -> None:
    w = csv.writer(fh)
    w.writerow(CSV_FIELDS)
    for c in corrections:
        w.writerow([_num(getattr(c, f)) if f in ("original_value", "value") else getattr(c, f)
                    for f in CSV_FIELDS])


def read_csv(path) -> list[Correction | RowMapping]:
    """Read and validate a corrections CSV (with row mappings); raise WorkspaceError naming the first bad line."""
    p = Path(path)
    try:
        with open(p, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.reader(fh))
    except FileNotFoundError:
        raise WorkspaceError(f"{p}: no such file.") from None
    except UnicodeDecodeError:
        raise WorkspaceError(f"{p} is not a corrections CSV file (not UTF-8 text).") from None
    except (OSError, csv.Error) as exc:
        raise WorkspaceError(f"{p} cannot be read ({exc}).") from None
    if not rows:
        raise WorkspaceError(f"{p} is empty; expected a corrections CSV with a header row.")
    header = [h.strip() for h in rows[0]]
    missing = [f for f in REQUIRED if f not in header]
    if missing:
        raise WorkspaceError(f"{p} is not a corrections CSV file: the header lacks "
                             f"{', '.join(missing)} (export one with `iijview corrections export`).")
    out = []
    for n, raw in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in raw):
            continue
        if len(raw) > len(header):
            raise WorkspaceError(f"{p}, line {n}: {len(raw)} fields where the header has "
                                 f"{len(header)}.")
        rec = dict(zip(header, raw))
        out.append(_mapping(rec, f"{p}, line {n}") if is_mapping_record(rec) else
                   _correction(rec, f"{p}, line {n}"))
    return out


def _mapping(rec: dict, where: str) -> RowMapping:
    try:
        return mapping_from_record(rec, where)
    except ValueError as exc:
        raise WorkspaceError(str(exc)) from None


def _correction(rec: dict, where: str) -> Correction:
    def get(name, default=""):
        # Keys and texts are kept exactly; only codes, hashes, numbers and times are trimmed.
        value = rec.get(name) or default
        return value.strip() if name in _TRIMMED else value

    for name in REQUIRED:
        if not get(name):
            raise WorkspaceError(f"{where}: the {name} field is empty.")
    kind = get("kind")
    if kind not in KINDS:
        raise WorkspaceError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}.")
    sha = get("sha256").lower()
    if len(sha) != 64 or any(ch not in "0123456789abcdef" for ch in sha):
        raise WorkspaceError(f"{where}: {sha!r} is not a SHA-256 content hash.")
    if kind == "value" and not get("col_key"):
        raise WorkspaceError(f"{where}: a value correction needs a col_key.")
    try:
        _dt.datetime.fromisoformat(get("created"))
    except ValueError:
        raise WorkspaceError(f"{where}: created {get('created')!r} is not an ISO timestamp.") from None
    nums = {}
    for name in ("original_value", "value"):
        text = get(name)
        try:
            nums[name] = float(text) if text else None
        except ValueError:
            nums[name] = math.nan
        if nums[name] is not None and not (math.isfinite(nums[name]) and abs(nums[name]) < MAX_VALUE):
            raise WorkspaceError(f"{where}: {name} {text!r} is not a number a release can hold.") from None
    ints = {}
    for name in ("level", "seq"):
        text = get(name, "0")
        try:
            ints[name] = int(text)
        except ValueError:
            raise WorkspaceError(f"{where}: {name} {text!r} is not a whole number.") from None
    return Correction(sha256=sha, release=get("release"), statement=get("statement"),
                      row_key=get("row_key"), col_key=get("col_key"), kind=kind,
                      original_value=nums["original_value"], original_text=get("original_text"),
                      value=nums["value"], text=get("text"), after_key=get("after_key"),
                      level=ints["level"], section=get("section"), seq=ints["seq"],
                      created=get("created"), user=get("user"))
