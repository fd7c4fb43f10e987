"""Builders of small hand-made releases for the checks tests (no tests here)."""
from __future__ import annotations

import datetime as dt
import re

from iijview.model import Cell, Column, LineItem, Period, Release, Statement

MAR17 = Period(dt.date(2017, 3, 31))
SEP17 = Period(dt.date(2017, 9, 30))
H1_16 = Period(dt.date(2016, 9, 30), 6)
H1_17 = Period(dt.date(2017, 9, 30), 6)


def cell(text: str) -> Cell:
    """A cell as the parser would make it: '(1,234)' -> -1234, '-' -> nil, 'text?' -> unreadable."""
    text = text.strip()
    if text.endswith("?"):
        return Cell(text=text[:-1], value=None, status="unreadable")
    if text in ("-", "—"):
        return Cell(text=text, value=None, status="nil")
    neg = text.startswith("(") or text.startswith("-")
    number = float(re.sub(r"[^\d.]", "", text))
    return Cell(text=text, value=-number if neg else number)


def columns(*periods: Period, unit: str = "JPY", scale: int = 1000) -> list[Column]:
    """Value columns c0, c1, ... for the periods."""
    return [Column(f"c{i}", p, unit=unit, scale=scale) for i, p in enumerate(periods)]


def statement(sid: str, table: str, cols: list[Column], key: str | None = None, title: str = "") -> Statement:
    """Rows from 'Label {item} | v0 | v1' lines; a label ending in ':' with no values is a heading."""
    items = []
    for line in table.strip("\n").splitlines():
        if not line.strip():
            continue
        parts = [p for p in line.split("|")]
        label = parts[0].strip()
        item = ""
        m = re.search(r"\{(\w+)\}", label)
        if m:
            item, label = m.group(1), label.replace(m.group(0), "").strip()
        values = [p.strip() for p in parts[1:]]
        row = LineItem(label=label, item=item, line=len(items) + 1)
        if not any(values):
            row.is_heading = True
        for col, text in zip(cols, values):
            if text:
                row.cells[col.key] = cell(text)
        items.append(row)
    return Statement(id=sid, key=key or sid, title=title or sid.replace("_", " ").capitalize(),
                     columns=cols, items=items)


def release(*statements: Statement, text: str = "", standard: str = "U.S. GAAP") -> Release:
    """A release holding the statements."""
    return Release(path="handmade.txt", text=text, standard=standard, statements=list(statements))
