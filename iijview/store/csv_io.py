"""Corrections as CSV, so colleagues can share them: write, and read with validation.

Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR, OWASP's
CSV-injection list) are written with one leading quote, and so is text that starts with a quote;
reading takes that one quote off again, so every text comes back exactly as it was.
"""
from __future__ import annotations

import csv
import datetime as _dt
import math
from pathlib import Path

from iijview.safe_text import from_csv_cell, to_csv_cell
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


_NUMBERS = ("original_value", "value")


def write_csv(path, corrections) -> int:
    """Write corrections to a UTF-8 CSV file (a path, or an open text stream) with a header row;
    return how many rows were written."""
    if hasattr(path, "write"):
        return _write(path, corrections)
    try:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            return _write(fh, corrections)
    except OSError as exc:
        raise WorkspaceError(f"Cannot write {path} ({exc.strerror or exc}).") from None


def _write(fh, corrections) -> int:
    w = csv.writer(fh)
    w.writerow(CSV_FIELDS)
    n = 0
    for c in corrections:
        w.writerow([_num(getattr(c, f)) if f in _NUMBERS else _cell(getattr(c, f)) for f in CSV_FIELDS])
        n += 1
    return n


def _cell(value) -> str | int:
    return to_csv_cell(value) if isinstance(value, str) else value


def read_csv(path) -> list[Correction | RowMapping]:
    """Read and validate a corrections CSV (with row mappings); raise WorkspaceError naming the first bad line."""
    return list(iter_csv(path))


def iter_csv(path):
    """The corrections and row mappings of a CSV file one by one (streamed); WorkspaceError names the
    first bad line."""
    p = Path(path)
    try:
        with open(p, newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                raise WorkspaceError(f"{p} is empty; expected a corrections CSV with a header row.")
            header = [h.strip() for h in header]
            missing = [f for f in REQUIRED if f not in header]
            if missing:
                raise WorkspaceError(f"{p} is not a corrections CSV file: the header lacks "
                                     f"{', '.join(missing)} (export one with `iijview corrections export`).")
            for n, raw in enumerate(reader, start=2):
                if not any(v.strip() for v in raw):
                    continue
                if len(raw) > len(header):
                    raise WorkspaceError(f"{p}, line {n}: {len(raw)} fields where the header has "
                                         f"{len(header)}.")
                rec = {h: from_csv_cell(v) for h, v in zip(header, raw)}
                yield (_mapping(rec, f"{p}, line {n}") if is_mapping_record(rec) else
                       _correction(rec, f"{p}, line {n}"))
    except FileNotFoundError:
        raise WorkspaceError(f"{p}: no such file.") from None
    except UnicodeDecodeError:
        raise WorkspaceError(f"{p} is not a corrections CSV file (not UTF-8 text).") from None
    except (OSError, csv.Error) as exc:
        raise WorkspaceError(f"{p} cannot be read ({exc}).") from None


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
