"""Write a TableSheet into an openpyxl worksheet: header, labels, numbers, marks, print setup."""
from __future__ import annotations

import datetime as _dt
import math
import weakref
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname

from iijview.export.spec import (BOUNDARY, CORRECTED, DERIVED_MARK, FINDING, RESTATED, UNREADABLE,
                                 TableSheet)

HEADER_ROWS = (3, 4)
FIRST_DATA_ROW = 5
MAX_TEXT = 32_767
LABEL_WIDTH = 60          # widest label column (characters); longer labels wrap in their cell
LINE_HEIGHT = 15          # points per line of a wrapped label

FILLS = {
    CORRECTED: PatternFill("solid", fgColor="FFF2CC"),   # light yellow
    FINDING: PatternFill("solid", fgColor="F8CBAD"),     # light orange-red
    UNREADABLE: PatternFill("solid", fgColor="D9D9D9"),  # grey
    BOUNDARY: PatternFill("solid", fgColor="DDEBF7"),    # light blue
    DERIVED_MARK: PatternFill("solid", fgColor="E2EFDA"),  # light green
    RESTATED: PatternFill("solid", fgColor="E4DFEC"),    # light lavender
}
LEGEND = {
    CORRECTED: "corrected in the workspace (comment: parsed value, who, when)",
    FINDING: "named by a finding (comment: rule and difference)",
    UNREADABLE: "unreadable in the release (comment: text as printed)",
}
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=12)
_SUBTITLE = Font(italic=True, color="595959")
_UNIT_FONT = Font(italic=True, color="595959")
_THIN = Side(style="thin")
_TOTAL_BORDER = Border(top=_THIN)
_HEADER_BORDER = Border(bottom=_THIN)
_BOUNDARY_BORDER = Border(top=Side(style="thick", color="C00000"))
_HEADER_ALIGN = Alignment(horizontal="center", vertical="bottom", wrap_text=True)
_UNIT_ALIGN = Alignment(horizontal="center")
_INDENTS: dict[tuple[int, bool], Alignment] = {}


@dataclass
class SheetLayout:
    """Where the writer put things: sheet row of each spec row, column of each spec column."""

    sheet: str
    row_numbers: list[int] = field(default_factory=list)
    col_numbers: list[int] = field(default_factory=list)
    cell_refs: dict[Any, str] = field(default_factory=dict)   # CellSpec.key -> "C12"

    def link(self, key: Any) -> str:
        """Internal hyperlink target of a keyed cell, e.g. "'FY18 9M Balance sheet'!C12"."""
        ref = self.cell_refs.get(key)
        return f"{quote_sheetname(self.sheet)}!{ref}" if ref else ""


def clean_text(text: Any) -> str:
    """Text safe for a cell: control characters removed, length within Excel's limit."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(text))[:MAX_TEXT]


def put_text(cell, text: Any) -> None:
    """Store text as a string, never as a formula, whatever its first character."""
    value = clean_text(text)
    cell.value = value
    cell.data_type = "s"
    if value[:1] in ("=", "+", "-", "@"):
        cell.quotePrefix = True


def put_value(cell, value: Any) -> None:
    """Store a number, a date or text (text always as a string)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return   # Excel has no NaN or infinity: such a cell would make the file unreadable
    if isinstance(value, str):
        put_text(cell, value)
    elif isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        cell.value = int(value)
    else:
        cell.value = value


def add_comment(cell, text: str) -> None:
    """Attach a note sized to its text."""
    text = clean_text(text)
    lines = sum(1 + len(line) // 40 for line in text.splitlines() or [""])
    cell.comment = Comment(text, "iijview", height=max(60, 16 * lines + 10), width=280)


class StyleCache:
    """Reuses finished style arrays: assigning styles one attribute at a time is the slow part."""

    _by_book: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()

    def __init__(self):
        self._arrays: dict[tuple, Any] = {}

    @classmethod
    def of(cls, workbook) -> "StyleCache":
        """The cache of one workbook (style indexes are per workbook)."""
        if workbook not in cls._by_book:
            cls._by_book[workbook] = cls()
        return cls._by_book[workbook]

    def apply(self, cell, font=None, fill=None, border=None, alignment=None,
              number_format: str = "General") -> None:
        """Give `cell` this combination of shared style objects."""
        key = (id(font), id(fill), id(border), id(alignment), number_format)
        array = self._arrays.get(key)
        if array is None:
            if font is not None:
                cell.font = font
            if fill is not None:
                cell.fill = fill
            if border is not None:
                cell.border = border
            if alignment is not None:
                cell.alignment = alignment
            cell.number_format = number_format
            self._arrays[key] = copy(cell._style)
        else:
            cell._style = copy(array)


def write_table_sheet(ws, spec: TableSheet) -> SheetLayout:
    """Fill `ws` from `spec` and return where each row, column and keyed cell went."""
    layout = SheetLayout(ws.title)
    styles = StyleCache.of(ws.parent)
    first_value_col = 3 if spec.unit_column else 2
    _write_titles(ws, spec)
    _write_header(ws, spec, first_value_col)
    layout.col_numbers = [first_value_col + j for j in range(len(spec.columns))]
    last_col = first_value_col + len(spec.columns) - 1
    letters = [get_column_letter(c) for c in layout.col_numbers]
    label_width = _label_width(spec)
    for i, row in enumerate(spec.rows):
        r = FIRST_DATA_ROW + i
        layout.row_numbers.append(r)
        border = _BOUNDARY_BORDER if row.boundary else (_TOTAL_BORDER if row.total else None)
        font = _BOLD if row.total else None
        label = ws.cell(row=r, column=1)
        fill = FILLS[BOUNDARY] if row.boundary else FILLS.get(row.label_mark)
        lines = _label_lines(row, label_width)
        styles.apply(label, _BOLD if (row.total or row.heading) else None, fill, border,
                     _indent(row.level, lines > 1))
        if lines > 1:     # a long label wraps within the column, the row grows to show it
            ws.row_dimensions[r].height = LINE_HEIGHT * lines
        put_text(label, row.label)
        if row.label_comment:
            add_comment(label, row.label_comment)
        if spec.unit_column and (row.unit or border is not None):
            unit = ws.cell(row=r, column=2)
            styles.apply(unit, border=border)
            if row.unit:
                put_text(unit, row.unit)
        for j, cs in enumerate(row.cells):
            if cs.key is not None:
                layout.cell_refs[cs.key] = f"{letters[j]}{r}"
            if cs.value is None and not cs.mark and not cs.comment and border is None:
                continue   # leave empty cells unwritten: fewer cells, faster save
            c = ws.cell(row=r, column=first_value_col + j)
            styles.apply(c, font, FILLS.get(cs.mark), border, None, cs.number_format)
            put_value(c, cs.value)
            if cs.comment:
                add_comment(c, cs.comment)
        if border is not None:
            for col in range(first_value_col + len(row.cells), last_col + 1):
                styles.apply(ws.cell(row=r, column=col), border=border)
    end = FIRST_DATA_ROW + len(spec.rows)
    if spec.note:
        note = ws.cell(row=end + 1, column=1)
        put_text(note, spec.note)
        note.font = _SUBTITLE
    _fit_widths(ws, spec, first_value_col)
    _page_setup(ws, first_value_col)
    return layout


def _indent(level: int, wrap: bool = False) -> Alignment:
    level = max(0, min(int(level or 0), 15))
    if (level, wrap) not in _INDENTS:
        _INDENTS[(level, wrap)] = Alignment(indent=level, vertical="bottom", wrap_text=wrap)
    return _INDENTS[(level, wrap)]


def _label_width(spec: TableSheet) -> int:
    """Width of the label column in characters: the longest label, at most LABEL_WIDTH."""
    widest = max([len(spec.label_header)] +
                 [len(r.label) + 2 * max(0, r.level) + (1 if r.total else 0) for r in spec.rows])
    return min(max(widest + 2, 14), LABEL_WIDTH)


def _label_lines(row, width: int) -> int:
    """Lines a label takes when wrapped at word boundaries in a column `width` characters wide."""
    # Column widths count '0' digits; text averages about a tenth narrower.
    room = max(8, int((width - 2 - 2 * max(0, row.level)) * 1.1))
    if len(row.label) <= room:
        return 1
    lines, used = 1, 0
    for word in row.label.split():
        n = len(word)
        if used and used + 1 + n > room:
            lines, used = lines + 1, n
        else:
            used = used + (1 if used else 0) + n
        while used > room:          # a word longer than the column breaks anywhere
            lines, used = lines + 1, used - room
    return lines


def _write_titles(ws, spec: TableSheet) -> None:
    put_text(ws.cell(row=1, column=1), spec.title)
    ws.cell(row=1, column=1).font = _TITLE
    if spec.subtitle:
        put_text(ws.cell(row=2, column=1), spec.subtitle)
        ws.cell(row=2, column=1).font = _SUBTITLE


def _write_header(ws, spec: TableSheet, first_value_col: int) -> None:
    top, bottom = HEADER_ROWS
    put_text(ws.cell(row=top, column=1), spec.label_header)
    ws.cell(row=top, column=1).font = _BOLD
    if spec.unit_column:
        put_text(ws.cell(row=top, column=2), "Unit")
        ws.cell(row=top, column=2).font = _BOLD
    for j, col in enumerate(spec.columns):
        c = ws.cell(row=top, column=first_value_col + j)
        put_text(c, col.title)
        c.font = _BOLD
        c.alignment = _HEADER_ALIGN
        u = ws.cell(row=bottom, column=first_value_col + j)
        if col.unit:
            put_text(u, col.unit)
        u.font = _UNIT_FONT
        u.alignment = _UNIT_ALIGN
    for col in range(1, first_value_col + len(spec.columns)):
        ws.cell(row=bottom, column=col).border = _HEADER_BORDER


def _text_width(value: Any, number_format: str) -> int:
    if value is None:
        return 1
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return 14
    decimals = 0
    if "." in number_format:
        decimals = len(number_format.split(".", 1)[1].split("%")[0].split(";")[0].rstrip(")"))
    if "%" in number_format:
        return len(f"{float(value) * 100:.{decimals}f}%") + 1
    return len(f"{abs(float(value)):,.{decimals}f}") + 2


def _fit_widths(ws, spec: TableSheet, first_value_col: int) -> None:
    ws.column_dimensions["A"].width = _label_width(spec)
    if spec.unit_column:
        unit_width = max([4] + [len(r.unit) for r in spec.rows])
        ws.column_dimensions["B"].width = min(unit_width + 2, 24)
    header_lines = 1
    for j, col in enumerate(spec.columns):
        widest = max([len(col.unit)] + [_text_width(r.cells[j].value, r.cells[j].number_format)
                                        for r in spec.rows if j < len(r.cells)])
        title_words = max((len(w) for w in col.title.split()), default=0)
        width = max(widest, title_words, min(len(col.title), 20), 8) + 2
        width = min(width, 48)
        ws.column_dimensions[get_column_letter(first_value_col + j)].width = width
        header_lines = max(header_lines, math.ceil(len(col.title) / max(width - 2, 1)))
    ws.row_dimensions[HEADER_ROWS[0]].height = 15 * min(header_lines, 6)


def _page_setup(ws, first_value_col: int) -> None:
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=first_value_col)
    ws.print_title_rows = f"{HEADER_ROWS[0]}:{HEADER_ROWS[1]}"
    ws.print_title_cols = f"A:{get_column_letter(first_value_col - 1)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "&A - page &P of &N"
