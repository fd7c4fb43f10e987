"""Plain-data description of an exported sheet: a labelled table of columns, rows and cells.

Statement sheets, the Summary and any later comparison view are all built as a TableSheet
and written by the same writer (table_writer); list sheets (Sources, Findings, Corrections)
are ListSheets written as Excel tables.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

# Cell marks: how the writer highlights a cell.
CORRECTED = "corrected"
FINDING = "finding"
UNREADABLE = "unreadable"
BOUNDARY = "boundary"
DERIVED_MARK = "derived"      # comparison: derived from cumulative figures
RESTATED = "restated"         # comparison: another release prints a different figure


@dataclass
class CellSpec:
    """One cell: a number (or text), its number format, an optional mark and comment."""

    value: float | str | _dt.date | None = None
    number_format: str = "General"
    mark: str = ""
    comment: str = ""
    key: Any = None          # identity for cross references, e.g. (row index, column key)


@dataclass
class ColumnSpec:
    """A value column with its two-line header: title and unit caption."""

    title: str
    unit: str = ""
    key: Any = None


@dataclass
class RowSpec:
    """One row: label (indented by level), flags for totals and headings, and its cells."""

    label: str
    cells: list[CellSpec] = field(default_factory=list)
    level: int = 0
    total: bool = False
    heading: bool = False
    unit: str = ""           # shown in the unit column when the sheet has one
    boundary: bool = False   # draw a marked rule above the row (e.g. U.S. GAAP -> IFRS)
    label_mark: str = ""     # highlight of the label cell (a corrected label, an inserted row)
    label_comment: str = ""


@dataclass
class TableSheet:
    """A labelled table sheet: title lines, a label column, value columns and rows."""

    name: str
    title: str
    subtitle: str = ""
    label_header: str = "Line item"
    columns: list[ColumnSpec] = field(default_factory=list)
    rows: list[RowSpec] = field(default_factory=list)
    unit_column: bool = False
    note: str = ""           # a line under the table (legend of colours, boundary notes)


@dataclass
class ListSheet:
    """A flat list written as an Excel table with a header row."""

    name: str
    table_name: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)   # header -> number format or AMOUNT_AS_PRINTED
    empty_text: str = "None."
    links: dict[tuple[int, str], str] = field(default_factory=dict)  # (row, header) -> location
