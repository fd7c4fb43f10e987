"""Notice matrices: the Tokyo Stock Exchange form of a target revision or a results difference, measures as
columns and one row per version ('Previous Target (A)', 'New Target (B)', 'Change (B-A)', 'Change (%)',
'For the six months ended September 30, 2019 (A)', '(Reference) ... Results for 1H FY2007'), printed one
cell a line, with pipes, or flattened with its header words interleaved."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from iijview.model import Cell, Column, LineItem, Period, Statement, fiscal_year
from iijview.parse import labels, periods
from iijview.parse.fastre import compile_guarded
from iijview.parse.normalise import Normalised
from iijview.parse.numbers import parse_number
from iijview.parse.phrases import knowledge, merged_windows, spaced
from iijview.parse.release_facts import resolve_code
from iijview.parse.tokens import LineIndex

_HEADER_REACH = 700  # how far above its first row a matrix's header may start
_MATRIX_REACH = 3000  # how far from a row mark ('Previous Target', '(A)') its matrix's first row may be
# Every notice matrix labels a row so ('(A)', '(Reference)', 'Previous Target', 'New Forecast'). Looked for
# in lower case from the rarer last word back: a case-blind search for the phrases would try every
# alternative at every character of the release, and most releases hold no matrix.
_VERSIONS = ("previous", "revised", "new", "original", "initial")
_MARKS = re.compile("|".join(word + "(?:" + "|".join(f"(?<={v} {word})" for v in _VERSIONS) + ")"
                             for word in ("target", "forecast")) + r"|\([ab]\)|\(reference\)")


@dataclass
class Matrix:
    """A notice matrix: its measures (canonical items and labels, in column order) and its rows."""

    start: int
    end: int
    measures: list[tuple[str, str, str]]          # (item, label, unit) per column
    scale: int
    rows: list[tuple[Period, str, list[tuple[int, int, str]]]] = field(default_factory=list)  # period, variant, cells


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, list[tuple[str, str, frozenset[str]]]]:
    """Row labels, measure names, and each measure's key words (for headers whose words were interleaved)."""
    n = knowledge()["notices"]
    rows = compile_guarded("|".join(f"(?P<{k}>{spaced(v)})" for k, v in n["rows"].items()), re.I)
    names = compile_guarded("|".join(f"(?P<m{i}>{spaced(m['label'])})" for i, m in enumerate(n["measures"])), re.I)
    words = [(m["item"], m["unit"], frozenset(m["words"])) for m in n["measures"]]
    return rows, names, words


@lru_cache(maxsize=1)
def _dividend_names() -> re.Pattern:
    n = knowledge()["notices"]["dividend_measures"]
    return re.compile("|".join(f"(?P<d{i}>\\b(?:{spaced(m['label'])})\\b)" for i, m in enumerate(n)), re.I)


_NUMBER = re.compile(r"(?:JPY\s?)?\(?-?\d[\d,]*(?:\.\d+)?%?\)?%?(?!\w)(?:\s?\(\*\d?\))?|--|—|－|-(?=\s|\||$)")
_FY_ENDING = re.compile(rf"fiscal\s+year\s+end(?:ed|ing)\s+(?P<date>{periods._MONTH}\s*\d{{1,2}},?\s*(?:19|20)\d{{2}})",  # noqa: SLF001
                        re.I)
_FOOT = re.compile(r"\(\*\d?\)|\*\d?")
_RULE = re.compile(r"[-=_]{4,}")
_RANGE = re.compile(rf"From\s+(?P<m1>{periods._MONTH})\s*\d{{1,2}},?\s*(?P<y1>(?:19|20)\d{{2}})\s*to\s+"  # noqa: SLF001
                    rf"(?P<m2>{periods._MONTH})\s*(?P<d2>\d{{1,2}}),?\s*(?P<y2>(?:19|20)\d{{2}})", re.I)  # noqa: SLF001


def read_notices(text: str, norm: Normalised, codes: dict, release_period: Period | None) -> list[Statement]:
    """Statements from every notice matrix in the text: targets (previous and new) and the results beside them."""
    out: list[Statement] = []
    low = text.lower()
    marks = [(m.start(), m.start()) for m in _MARKS.finditer(low)]
    if not marks:
        return out  # most releases hold no matrix
    if len(low) != len(text):  # a letter whose lower case is longer: offsets in `low` are not the text's
        windows = [(0, len(text))]
    else:
        windows = merged_windows(marks, len(text), _MATRIX_REACH, _MATRIX_REACH)
    rows_re, _, _ = _patterns()
    pos = 0                       # the end of the row label or matrix before: a header starts after it
    lines: LineIndex | None = None
    for lo, hi in windows:
        while True:
            m = rows_re.search(text, max(pos, lo), hi)
            if m is None:
                break
            matrix = _matrix_at(text, m, codes, release_period, pos)
            if matrix is None:
                pos = m.end()
                continue
            lines = lines or LineIndex(text)
            out.extend(_statements(matrix, lines, norm))
            pos = matrix.end
    return out


def _matrix_at(text: str, first: re.Match, codes: dict, release_period: Period | None, after: int) -> Matrix | None:
    """The matrix whose first row label is `first`, if a header of measures stands above it (below `after`,
    the end of the matrix before)."""
    lo = max(0, after, first.start() - _HEADER_REACH)
    header = text[lo:first.start()]
    cut = max(header.rfind("\n\n\n"), 0)
    measures = _header_measures(header[cut:])
    dividends = not measures and first.lastgroup != "change"
    if dividends:
        measures = _dividend_measures(header[cut:])
        if len(measures) < 2:
            return None
        scale = 1
    else:
        if len(measures) < 3:
            return None
        unit_text = header[cut:]
        scale = 1_000_000 if re.search(r"millions", unit_text, re.I) else \
            (1_000 if re.search(r"thousands", unit_text, re.I) else 0)
        if not scale:
            return None  # a notice names its unit; without it the figures would be guessed
    target = _subtitle_period(text[max(0, after, lo - 400):first.start()], codes, release_period)
    matrix = Matrix(first.start(), first.start(), measures, scale)
    rows_re, _, _ = _patterns()
    pos = first.start()
    n = len(measures)
    while True:
        label = rows_re.match(text, _skip(text, pos))
        if label is None:
            break
        cells, after = _cells(text, label.end(), n, partial=dividends)
        if cells is None:
            break
        tail = text[after:after + 60]
        kind = label.lastgroup or ""
        period, variant = _row_period(kind, label.group(0) + " " + _trailing_words(tail), target, codes)
        if period is not None and dividends:
            period = Period(periods.month_end(fiscal_year(period.end) + 1, 3), 12, period.forecast)
        if period is not None and len(cells) < n:
            # a dividend row short of one figure: a forecast leaves out the interim already paid, results
            # print only what was paid so far; anything shorter cannot be placed
            if len(cells) != n - 1 or kind == "change":
                period = None
            else:
                cells = [None] + cells if period.forecast else cells + [None]  # type: ignore[list-item]
        if period is not None:
            matrix.rows.append((period, variant, cells))
        matrix.end = after
        pos = after
    if not matrix.rows:
        return None
    return matrix


def _skip(text: str, pos: int) -> int:
    """Past white space, pipes, rules and footnote marks."""
    while True:
        m = re.compile(r"[\s|]+|[-=_]{4,}|\(\*\d?\)").match(text, pos)
        if m is None or m.end() == pos:
            return pos
        pos = m.end()


_LABEL_WORDS = re.compile(r"\([^)\n]{0,60}\)|(?:[1-4]Q|[12]H|FY)\s?\d{2,4}\b|[A-Za-z(),.\-]+")


def _cells(text: str, pos: int, n: int, *, partial: bool = False) -> tuple[list | None, int]:
    """The next n figure cells after a row label (a label may carry words, a code or a bracket before its
    figures); with `partial`, a row that stops early at words keeps the cells it has."""
    cells: list[tuple[int, int, str]] = []
    p = pos
    words = 0
    while len(cells) < n:
        p = _skip(text, p)
        m = _NUMBER.match(text, p)
        if m is None or (partial and cells and "\n\n" in text[cells[-1][1]:p].replace(" ", "")):
            w = _LABEL_WORDS.match(text, p)
            if cells and partial:
                return cells, p
            if w is None or cells or words > 12:
                return None, pos
            words += 1
            p = w.end()
            continue
        cells.append((m.start(), m.end(), m.group(0)))
        p = m.end()
    return cells, p


def _trailing_words(tail: str) -> str:
    """Words printed after a row's figures that finish its label ('Results for 1H FY2007')."""
    m = re.match(r"[\s|]*((?:Results?|Actual)[^\n|-]{0,40})", tail)
    return m.group(1) if m else ""


def _header_measures(header: str) -> list[tuple[str, str, str]]:
    """The measures a header names, in column order; a header whose words were interleaved by flattening
    is read by its key words, in the order IIJ prints these measures."""
    _, names, words = _patterns()
    found = [m for m in names.finditer(header)]
    n_meta = knowledge()["notices"]["measures"]
    seq = [(n_meta[int((m.lastgroup or "m0")[1:])]["item"], re.sub(r"\s+", " ", m.group(0)),
            n_meta[int((m.lastgroup or "m0")[1:])]["unit"]) for m in found]
    if len(seq) >= 3:
        return seq
    bag = {w.lower() for w in re.findall(r"[A-Za-z]+", header)}
    return [(item, item.replace("_", " ").capitalize(), unit) for item, unit, keys in words if keys <= bag] \
        if sum(1 for _i, _u, keys in words if keys <= bag) >= 3 else []


def _dividend_measures(header: str) -> list[tuple[str, str, str]]:
    """The dividend columns a header names ('Interim Year-end Total', '2Q-end Year-end Total'): the last run of
    column names printed next to each other (a title above, 'Revised Forecast of Year-end Dividend', is none)."""
    meta = knowledge()["notices"]["dividend_measures"]
    run: list[re.Match] = []
    for m in _dividend_names().finditer(header):
        if run and not re.fullmatch(r"[\s|\-=_]*", header[run[-1].end():m.start()]):
            run = []
        run.append(m)
    return [(meta[int((m.lastgroup or "d0")[1:])]["item"], m.group(0), "JPY/share") for m in run]


def _subtitle_period(above: str, codes: dict, release_period: Period | None) -> Period | None:
    """The period the targets are for: '(1H FY2008 (From April 1, 2008 to September 30, 2008))', '... for FY2020'."""
    ranges = list(_RANGE.finditer(above))
    if ranges:
        r = ranges[-1]
        end = periods.first_date(f"{r.group('m2')} {r.group('d2')}, {r.group('y2')}")
        if end is not None:
            start_month = periods.month_number(r.group("m1"))
            months = (end.year - int(r.group("y1"))) * 12 + end.month - start_month + 1
            if 1 <= months <= 12:
                return Period(end, months)
    found = [(m.start(), resolve_code(m, codes)) for m in periods.CODE_RE.finditer(above)]
    for m in _FY_ENDING.finditer(above):
        d = periods.first_date(m.group("date"))
        if d is not None:
            found.append((m.start(), Period(periods.month_end(fiscal_year(d) + 1, 3), 12)))
    if found:
        return max(found, key=lambda f: f[0])[1]
    return release_period


def _row_period(kind: str, label: str, target: Period | None, codes: dict) -> tuple[Period | None, str]:
    """A row's period and variant: a target row is for the notice's period ('previous' for the old one); a
    results row for the period its label names; a change row is not a figure of its own."""
    if kind == "change":
        return None, ""
    if kind in ("previous", "new"):
        if target is None:
            return None, ""
        return Period(target.end, target.months, True), "previous" if kind == "previous" else ""
    p = periods.period_in(label)
    if p is None:
        c = periods.CODE_RE.search(label)
        p = resolve_code(c, codes) if c else None
    return (Period(p.end, p.months), "") if p is not None and p.months else (None, "")


def _statements(matrix: Matrix, lines: LineIndex, norm: Normalised) -> list[Statement]:
    """A targets statement for the target rows and a highlights statement for the results rows (a dividend
    matrix stays one dividends statement)."""
    out = []
    dividends = all(unit == "JPY/share" and item.startswith("dividend") for item, _l, unit in matrix.measures)
    parts = [("dividends", matrix.rows)] if dividends else [("targets", [r for r in matrix.rows if r[0].forecast]),
                                                            ("highlights", [r for r in matrix.rows if not r[0].forecast])]
    for sid, rows in parts:
        if not rows:
            continue
        cols = [Column(f"n{k}", p, "JPY", matrix.scale, member="previous" if v else "",
                       header=p.fiscal_label() + (" (previous)" if v else "")) for k, (p, v, _c) in enumerate(rows)]
        items = []
        for j, (item, label, unit) in enumerate(matrix.measures):
            it = LineItem(label=labels.clean_label(label), item=item, line=lines.line_of(matrix.start))
            if unit == "JPY/share":
                it.unit, it.scale = "JPY/share", 1
            for col, (_p, _v, cells) in zip(cols, rows):
                if cells[j] is None:
                    continue
                a, b, raw = cells[j]
                num = parse_number(_FOOT.sub("", raw).replace("JPY", "").strip())
                if num is None:
                    continue
                oa, ob = norm.original_span(a, b)
                it.cells[col.key] = Cell(raw, num.value if num.status == "parsed" else None, num.status,
                                         lines.line_of(a), oa, ob)
            items.append(it)
        out.append(Statement(sid, sid, "", columns=cols, items=items, line=lines.line_of(matrix.start),
                             end_line=lines.line_of(matrix.end)))
    return out



