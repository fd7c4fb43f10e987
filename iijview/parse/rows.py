"""Turn a raw table's rows into labelled value rows: wrapped labels, headings, merged OCR rows."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from iijview.parse import labels
from iijview.parse.segment import RawRow
from iijview.parse.tokens import Tok


# Label lines are joined into one label up to this length; beyond it the text is prose or debris,
# and joining on would copy an ever longer string for every line (quadratic in the lines).
MAX_LABEL = 1000


@dataclass(slots=True)
class Row:
    """A row ready to become a LineItem: label, line, heading flag and value tokens per slot."""

    label: str
    line: int
    heading: bool = False
    values: list[Tok] = field(default_factory=list)
    cells: list[int] = field(default_factory=list)
    period_label: bool = False
    label_start: int = -1
    debris: bool = False        # values printed on a stray line (OCR): reported, not kept
    unread: int = 0             # values of its printed row left unread (past segment.MAX_ROW_VALUES)
    rows_after: int = 0         # rows of the table after it left unread (past segment.MAX_TABLE_ROWS)


def _label_lines(tokens: list[Tok]) -> list[tuple[int, str, int]]:
    """Group label tokens by line: [(line, text, start offset)]."""
    out: list[tuple[int, str, int]] = []
    more: dict[int, list[str]] = {}   # index in out -> the texts after the first on its line
    line = None
    for t in tokens:
        if t.kind == "text":
            if t.line == line:
                more.setdefault(len(out) - 1, []).append(t.text)
            else:
                line = t.line
                out.append((line, t.text, t.start))
    for k, texts in more.items():
        ln, first, start = out[k]
        out[k] = (ln, " ".join([first, *texts]), start)
    return out


def _bad(tok: Tok, grouped: bool) -> bool:
    """A value that cannot be trusted: unreadable, or five digits without the separators the table uses."""
    num = tok.number
    if num is None or num.status == "unreadable":
        return True
    return grouped and num.status == "parsed" and "," not in tok.text and "." not in tok.text \
        and abs(num.value or 0) >= 10000


def _opens_section(text: str) -> bool:
    """A label line that can only be a heading: a known section heading, or a line ending with a colon."""
    t = text.strip()
    return t.endswith(":") or t.lower() in _section_keys()


@lru_cache(maxsize=1)
def _section_keys() -> frozenset[str]:
    return frozenset(h.lower() for h in labels.section_headings())


def _continues(row: Row, line: tuple[int, str, int]) -> bool:
    """True when a label line continues the label of the value row above it: it starts like a
    continuation, is printed at most one blank line below the row's figures (a page break or a
    repeated header between them ends the row) and is not a section heading of its own."""
    return labels.starts_continuation(line[1]) and line[0] - row.values[-1].line <= 2 \
        and not _opens_section(line[1])


def _continued_below(raw: RawRow, nxt: RawRow | None, lines: list[tuple[int, str, int]]) -> bool:
    """True when the label of a value row goes on below its figures: the next row (its label
    `lines`) opens with a continuation line right under them that is not its own label (it has
    more lines, or no values)."""
    if nxt is None or nxt.period_label or not raw.values:
        return False
    if not lines or not (len(lines) > 1 or not nxt.values):
        return False
    return labels.starts_continuation(lines[0][1]) and lines[0][0] - raw.values[-1].line <= 2 \
        and not _opens_section(lines[0][1])


def build_rows(raw_rows: list[RawRow]) -> list[Row]:
    """Rows in print order, with headings split off and wrapped label lines joined."""
    rows: list[Row] = []
    grouped: bool | None = None   # the table prints thousands separators: worked out when first needed
    unread: list[tuple[int, int]] = []   # (index of the first row made from a raw row, its unread values)
    # label lines of every row, worked out once (each row also looks at the next one's)
    all_lines = [_label_lines(raw.label) if not raw.period_label else [] for raw in raw_rows] + [[]]
    # A damaged file repeats its lines thousands of times: each line text is judged once.
    incomplete = _memo(labels.ends_incomplete)
    continuation = _memo(labels.starts_continuation)
    for n, raw in enumerate(raw_rows):
        if raw.unread:
            unread.append((len(rows), raw.unread))
        if raw.period_label:
            text = " ".join(t.text for t in raw.label)
            rows.append(Row(text, raw.line, values=list(raw.values), cells=list(raw.cells), period_label=True,
                            label_start=raw.label[0].start if raw.label else -1))
            continue
        lines = all_lines[n]
        # A rule line drawn between two rows ends the row above: nothing below it continues that label.
        above = rows[-1] if rows and rows[-1].values and not rows[-1].heading and not raw.ruled else None
        # A one-line table: the end of the label above runs into this row's label.
        if lines and above and labels.starts_lowercase_or_date(lines[0][1]):
            head, rest = labels.split_continuation(lines[0][1])
            if rest and head:
                rows[-1].label += " " + head
                lines[0] = (lines[0][0], rest, lines[0][2])
        # Lines that continue the previous row's label ("respectively", "long-term borrowings").
        taken = 0
        while taken < len(lines) and above and len(above.label) < MAX_LABEL and _continues(above, lines[taken]) \
                and (len(lines) - taken > 1 or not raw.values):
            rows[-1].label += " " + lines[taken][1]
            taken += 1
        if taken:
            lines = lines[taken:]
        # A label printed over three lines with its figures on the middle one (OCR centres them): the
        # line above the figures starts the label even when it reads like a heading.
        middle = _continued_below(raw, raw_rows[n + 1] if n + 1 < len(raw_rows) else None, all_lines[n + 1])
        segments: list[tuple[int, str, int]] = []
        tail = ""   # the last line joined into segments[-1]: only the end of a label says it is incomplete
        last = len(lines) - 1
        for k, line in enumerate(lines):
            wrapped = raw.values and k == last and segments and line[0] - segments[-1][0] <= 2 and (
                not labels.is_heading_text(segments[-1][1]) or (middle and not _opens_section(segments[-1][1])))
            if segments and len(segments[-1][1]) < MAX_LABEL and \
                    (wrapped or incomplete(tail) or continuation(line[1])):
                ln, text, start = segments[-1]
                segments[-1] = (ln, text + " " + line[1], start)
            else:
                segments.append(line)
            tail = line[1]
        own = segments.pop() if (raw.values and segments) else None
        for ln, text, start in segments:
            heads, rest = labels.split_headings(text)
            for h in heads:
                rows.append(Row(h, ln, heading=True, label_start=start))
            if rest:
                rows.append(Row(rest, ln, heading=True, label_start=start))
        if not raw.values:
            continue
        if own is None:
            rows.append(Row("", raw.line, values=list(raw.values), cells=list(raw.cells)))
            continue
        ln, text, start = own
        if not any(map(str.isalpha, text)) and rows:
            rows.append(Row(text, ln, values=list(raw.values), cells=list(raw.cells), debris=True))
            continue
        if text[:1].islower() and rows and not segments and not raw.ruled:
            if grouped is None:
                grouped = sum(1 for r in raw_rows for v in r.values if "," in v.text) >= 5
            bad = [_bad(v, grouped) for v in raw.values]
            if all(bad):
                rows.append(Row(text, ln, values=list(raw.values), cells=list(raw.cells), debris=True))
                continue
            if any(bad) or labels.starts_continuation(text) and text.split()[0].lower() in labels.CONNECTIVES:
                rows[-1].label += " " + text  # the end of the label above; its figures are stray
                rows.append(Row("", ln, values=list(raw.values), cells=list(raw.cells), debris=True))
                continue
        heads, rest = labels.split_headings(text)
        for h in heads:
            rows.append(Row(h, ln, heading=True, label_start=start))
        rest, trailing = labels.split_trailing_heading(rest)
        rows.extend(_split_merged(rest, raw, ln, start))
        if trailing:
            rows.append(Row(trailing, ln, heading=True, label_start=start))
    for k, count in unread:
        while k < len(rows) and not rows[k].values:
            k += 1
        if k < len(rows):
            rows[k].unread = count
    if rows and raw_rows[-1].rows_after:
        rows[-1].rows_after = raw_rows[-1].rows_after
    return rows


def _memo(judge: Callable[[str], bool]) -> Callable[[str], bool]:
    """judge, remembering its verdict on each text (for the span of one call of build_rows)."""
    seen: dict[str, bool] = {}

    def judged(text: str) -> bool:
        verdict = seen.get(text)
        if verdict is None:
            verdict = seen[text] = judge(text)
        return verdict
    return judged


def _split_merged(label: str, raw: RawRow, line: int, start: int) -> list[Row]:
    """One printed line that holds two rows (OCR) becomes those rows; any other line stays one row."""
    parts = _merged_parts(label, raw)
    if parts is None:
        return [Row(label, line, values=list(raw.values), cells=list(raw.cells), label_start=start)]
    return [Row(part, line, values=vals, cells=cells, label_start=start) for part, vals, cells in parts]


_ROW_START = re.compile(r"(?<=[a-z)]) (?=[A-Z][a-z])")


def _merged_parts(label: str, raw: RawRow) -> list[tuple[str, list[Tok], list[int]]] | None:
    """The rows of a line where every tab cell has the same number (>1) of values, one capitalised
    label start per row; None when the line is one row."""
    if len(raw.values) < 2 or -1 in raw.cells:
        return None
    by_cell: dict[int, list[Tok]] = {}
    for tok, cell in zip(raw.values, raw.cells):
        by_cell.setdefault(cell, []).append(tok)
    counts = {len(v) for v in by_cell.values()}
    if len(counts) != 1:
        return None
    m = counts.pop()
    if m < 2 or any(v[0].number and v[0].number.unit == "%" for v in by_cell.values()):
        return None
    cuts = [mm.start() for mm in _ROW_START.finditer(label)]
    if len(cuts) < m - 1:
        return None
    bounds = [0] + cuts[: m - 1] + [len(label)]
    cells = sorted(by_cell)
    return [(label[bounds[k]:bounds[k + 1]].strip(), [by_cell[c][k] for c in cells], list(cells)) for k in range(m)]
