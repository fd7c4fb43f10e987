"""Cut a token stream into raw tables: header runs, then rows of label text followed by values."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from iijview.parse.tokens import HEADER_KINDS, Tok

# Words only sentences use: any of the first set (case as printed) in two or more words, or of the
# second (any case) in eight or more, makes text prose rather than a row label.
_PROSE_SHORT_WORDS = frozenset({"was", "were", "increased", "decreased", "compared", "mainly", "million", "billion",
                                "amounted", "totaled", "approx"})
_PROSE_WORDS = frozenset({"was", "were", "is", "has", "have", "had", "which", "mainly", "because", "please", "refer",
                          "shown", "calculated", "represent", "represents", "announced", "conducted", "includes",
                          "included", "summarizes", "following"})


def _word_pattern(words: frozenset[str]) -> re.Pattern:
    """One pattern for a word set that starts with a literal (so the scan skips ahead); it checks that a
    word ends where it matches, _has_word that it starts there."""
    return re.compile("(?:%s)(?!\\w)" % "|".join(sorted(words, key=len, reverse=True)))


_PROSE_SHORT_RE = _word_pattern(_PROSE_SHORT_WORDS)
_PROSE_WORD_RE = _word_pattern(_PROSE_WORDS)
_BULLET = re.compile("[➢◆●•▪►]")
_YOY_CLOSE = re.compile(r"\bYoY\)")
_UP_DOWN_END = re.compile(r"(?<![-\w])(?:up|down)(?:\s+by)?\s*$")
_ABBREVIATION = re.compile(r"\b(?:Inc|Co|Ltd|Corp|U\.S|No|Nos|approx|etc)\.$", re.I)
_SENTENCE_END = re.compile(r"[A-Za-z)]\.(?:\s+[A-Z(]|\s*$)")
# A real table prints at most a few dozen columns; a row with more values is damage (a run of dashes,
# a file flattened onto one line): the values past this many are left unread and counted.
MAX_ROW_VALUES = 100
# Likewise a real table has at most a few hundred rows: past this many (a line repeated thousands of
# times) the rest of a table is left unread and counted on its last row.
MAX_TABLE_ROWS = 5000


@dataclass(slots=True)
class RawRow:
    """Label tokens (possibly over several lines) and the value tokens that follow them."""

    label: list[Tok]
    values: list[Tok]
    cells: list[int] = field(default_factory=list)   # tab cell index of each value (-1 if none)
    period_label: bool = False                        # the label is a period (TSE tables print periods as rows)
    ruled: bool = False                               # a rule line ('-----') separates it from the row above
    unread: int = 0                                   # values past MAX_ROW_VALUES, left unread
    rows_after: int = 0                               # rows of its table after it left unread (MAX_TABLE_ROWS)

    @property
    def line(self) -> int:
        """Line of the first value (or of the label when there are none)."""
        return self.values[0].line if self.values else (self.label[0].line if self.label else 0)


@dataclass(slots=True)
class RawTable:
    """One table as found: header tokens, the text before it and its rows."""

    header: list[Tok]
    rows: list[RawRow] = field(default_factory=list)
    before: list[Tok] = field(default_factory=list)   # caption/title text just before the header
    headings: list[Tok] = field(default_factory=list)  # repeated headers seen inside the table
    start: int = 0
    end: int = 0
    header_cells: list[int] = field(default_factory=list)
    captioned: bool = False   # opened by its own scale caption ('(JPY in Revenues millions)'): not a continuation
    cut_end: int = 0          # end of the last row left unread (past MAX_TABLE_ROWS)

    def add_row(self, row: RawRow) -> None:
        """Append a row; past MAX_TABLE_ROWS, count it on the last row kept instead."""
        if len(self.rows) < MAX_TABLE_ROWS:
            self.rows.append(row)
            return
        self.rows[-1].rows_after += 1
        if row.values:
            self.cut_end = row.values[-1].end


def is_prose(tok: Tok) -> bool:
    """True for a text token that reads as a sentence rather than a row label."""
    return _prose_text(tok.text)


def _prose_text(t: str) -> bool:
    if len(t) > 260:
        return True
    words = t.split()
    if not t.isascii() and _BULLET.search(t) and (len(words) >= 6 or _BULLET.search(t, 1)):
        return True  # bulleted slide text ('➢ Accordingly with our basic policy of continuous ...')
    if len(words) >= 2:
        if _has_word(_PROSE_SHORT_RE, t):
            return True
        if "YoY)" in t and _YOY_CLOSE.search(t):
            return True
        if t.rstrip().endswith(("up", "down", "by")) and _UP_DOWN_END.search(t):
            return True
        if len(words) >= 8 and _has_word(_PROSE_WORD_RE, t.lower()):
            return True
    if len(words) < 6 or "." not in t:
        return False
    # an abbreviation ends where the sentence would: at most 7 characters ('approx.') before it
    return any(not _ABBREVIATION.search(t, max(0, m.start() - 5), m.start() + 2) for m in _SENTENCE_END.finditer(t))


def _has_word(pattern: re.Pattern, t: str) -> bool:
    """True when one of the pattern's words stands as a whole word in t."""
    m = pattern.search(t)   # most text has none of the words: one search, no iterator
    while m is not None:
        s = m.start()
        if s == 0 or not (t[s - 1].isalnum() or t[s - 1] == "_"):
            return True
        m = pattern.search(t, m.end())
    return False


def _is_table_header(run: list[Tok], cur: "RawTable | None") -> bool:
    """A header run that opens (or repeats) a table: two periods, a period and a unit, or units alone."""
    kinds = [t.kind for t in run]
    n_periods = kinds.count("date") + kinds.count("code") + kinds.count("range")
    n_units = kinds.count("unit")
    if n_periods >= 2 or (n_periods and n_units):
        return True
    if n_periods == 1 and "chg" in kinds and run[-1].kind != "code":
        return True
    return n_units >= 1 and not n_periods and (cur is None or not cur.rows or n_units >= 2)


def _names_period(pending: list[Tok]) -> bool:
    """True when text before a repeated header names a new period ('Nine months ended ...')."""
    from iijview.parse.periods import period_in
    return any(p.kind == "text" and period_in(p.text) for p in pending)


def _has_period(run: list[Tok]) -> bool:
    return any(t.kind in ("date", "code", "range") for t in run)


_HEADER_TEXT = re.compile(
    r"(?:\(?Unaudited\)?|Results?|Targets?|\(?forecast\)?|\(?Forecast\)?|%\s*of\s*Revenues"
    r"|(?:Thousands|Millions|Billions)\s+of"
    r"|Unit\s*:?|\(|\)|,|%|JPY|\[?Under.*\]?|Amount|Actual|Ended|Ending|Period|and|change"
    # the part of a year named before its code ('1st Quarter FY2012', 'First Half FY2012')
    r"|(?:[1-4](?:st|nd|rd|th)|First|Second|Third|Fourth)\s+(?:Quarter|Half)|Q[1-4]|[1-4]Q|[12]H|Full\s+Year"
    r"|(?:First\s+)?(?:Three|Six|Nine)\s+Months)"
    r"(?:\s+(?:Results?|Targets?|%\s*of\s*Revenues))*",
    re.I)


def _is_header_text(tok: Tok) -> bool:
    """Short words that sit inside column headers: 'Results', 'Targets', '% of Revenues', '(forecast)'."""
    t = tok.text.strip()
    if len(t) > 40:
        return False
    return bool(_HEADER_TEXT.fullmatch(t))


# A rule drawn with characters between a table's rows: '-----', '_____', '=====', '─────'.
_RULE = re.compile(r"[-_=─—―]{3,}")  # one character class first: the scan skips ahead fast


def split_rules(tokens: list[Tok]) -> list[Tok]:
    """Text tokens with the rule lines drawn inside them cut out: each rule becomes a 'rule' token."""
    search = _RULE.search
    if not search("\n".join([t.text for t in tokens if t.kind == "text"])):
        return tokens  # most releases: rules on lines of their own were blanked as markup
    out: list[Tok] = []
    done = 0
    for i, t in enumerate(tokens):
        if t.kind != "text" or not search(t.text):
            continue
        out.extend(tokens[done:i])
        done = i + 1
        pos = 0
        for m in _RULE.finditer(t.text):
            _add_piece(out, t, pos, m.start())
            out.append(Tok("rule", t.start + m.start(), t.start + m.end(), m.group(0), t.line))
            pos = m.end()
        _add_piece(out, t, pos, len(t.text))
    out.extend(tokens[done:])
    return out


def _add_piece(out: list[Tok], t: Tok, a: int, b: int) -> None:
    piece = t.text[a:b]
    stripped = piece.strip()
    if stripped:
        a += piece.index(stripped)
        out.append(Tok("text", t.start + a, t.start + a + len(stripped), stripped, t.line))


def segment(tokens: list[Tok], breaks: list[int]) -> list[RawTable]:
    """Cut tokens into raw tables; `breaks` are offsets (statement headings) where a table must end."""
    tokens = split_rules(tokens)
    tables: list[RawTable] = []
    cur: RawTable | None = None
    pending: list[Tok] = []
    caption = False   # pending holds a scale caption of its own ('(JPY in millions)') after a table's rows
    last_break = -1
    ruled = False     # a rule line since the last row
    cell = 0
    cells_seen_on_line = False
    bi = 0
    i, n = 0, len(tokens)
    tab_lines = {t.line for t in tokens if t.kind == "tab"}
    no_more_breaks = float("inf")
    judged: dict[str, bool] = {}   # is_prose of each text: labels repeat (and a damaged file repeats a line)

    def close():
        nonlocal cur
        if cur is not None and cur.rows:
            cur.end = max(cur.rows[-1].values[-1].end if cur.rows[-1].values else cur.start, cur.cut_end)
            tables.append(cur)
        cur = None

    next_break = breaks[0] if breaks else no_more_breaks
    while i < n:
        t = tokens[i]
        if t.end > next_break:  # cheap test first: most tokens are nowhere near a heading
            # a heading inside a text or a scale caption ('(JPY in Operating Results Summary millions)')
            # ends the table before it: the caption opens the next one
            while bi < len(breaks) and breaks[bi] <= (t.end - 1 if t.kind in ("text", "unit") else t.start):
                close()
                pending = []
                caption = False
                last_break = breaks[bi]
                bi += 1
            next_break = breaks[bi] if bi < len(breaks) else no_more_breaks
        if t.kind == "nl":
            cell = 0
            cells_seen_on_line = False
            pending.append(t)
            i += 1
            continue
        if t.kind == "tab":
            cell += 1
            cells_seen_on_line = True
            i += 1
            continue
        if t.kind == "rule":
            ruled = True
            i += 1
            continue
        if t.kind in HEADER_KINDS:
            j, run, run_cells = _header_run(tokens, i, cell)
            k = j
            while k < n and tokens[k].kind == "tab":
                k += 1
            if _has_period(run) and k < n and tokens[k].kind == "num" and tokens[k].line == tokens[j - 1].line:
                # A period printed as a row label, values after it: a transposed (TSE style) row.
                first = next(x for x, r in enumerate(run) if r.kind in ("dur", "fy", "asof", "date", "code", "range"))
                lead, run = run[:first], run[first:]
                if lead:
                    if cur is None or cur.rows:
                        if cur is not None:
                            close()
                        cur = RawTable(header=[], before=[p for p in pending if p.kind == "text"], start=t.start)
                        pending = []
                    cur.header.extend(lead)
                    cur.header_cells.extend(run_cells[:first])
                if cur is None:
                    cur = RawTable(header=[], before=[p for p in pending if p.kind == "text"], start=t.start)
                else:
                    cur.before.extend(p for p in pending if p.kind == "text")
                pending = []
                label = [Tok("text", r.start, r.end, r.text, r.line) for r in run]
                values, cells = [], []
                c = run_cells[-1] if run_cells else cell
                m = j
                unread = 0
                while m < n and tokens[m].kind in ("num", "tab"):
                    if tokens[m].kind == "tab":
                        c += 1
                    elif len(values) < MAX_ROW_VALUES:
                        values.append(tokens[m])
                        cells.append(c if tokens[m].line in tab_lines else -1)
                    else:
                        unread += 1
                    m += 1
                cur.add_row(RawRow(label=label, values=values, cells=cells, period_label=True, unread=unread))
                pending = []
                caption = ruled = False
                cell = c
                i = m
                continue
            if _is_table_header(run, cur):
                # a scale caption printed before the periods ('(JPY in Revenues millions) 1Q08 1Q07') heads
                # a table of its own: a header repeated after a page break prints the same words again
                caption = caption or (cur is not None and bool(cur.rows) and run[0].kind == "unit"
                                      and _has_period(run) and _unit_words(run) != _unit_words(cur.header))
                if cur is not None and not cur.rows:
                    cur.header.extend(run)  # a header printed over several runs (periods, then units)
                    cur.header_cells.extend(run_cells)
                elif cur is not None and cur.rows and _same_header(cur.header, run) and not caption and \
                        not (not _has_period(run) and _names_period(pending)):
                    cur.headings.extend(run)
                    _flush_heading_text(cur, pending)
                else:
                    close()
                    # a table starts after a statement heading printed inside its own caption
                    start = last_break + 1 if run[0].start <= last_break else run[0].start
                    cur = RawTable(header=run, before=[p for p in pending if p.kind == "text"],
                                   start=start, header_cells=run_cells, captioned=caption)
                pending = []
                caption = False
                ruled = False
                # Recompute the cell counter at the end of the run.
                cell = run_cells[-1] if run_cells else cell
                i = j
                continue
            for r in run:
                pending.append(Tok("text", r.start, r.end, r.text, r.line))
            # a unit alone after a table's rows is the scale caption of the next table
            caption = caption or (cur is not None and bool(cur.rows) and all(r.kind == "unit" for r in run))
            i = j
            continue
        if t.kind == "text":
            prose = judged.get(t.text)
            if prose is None:
                prose = judged[t.text] = is_prose(t)
            if prose:
                close()
                pending = []
                caption = False
            else:
                pending.append(t)
            i += 1
            continue
        if t.kind == "num" and _number_starts_label(tokens, i, pending):
            pending.append(Tok("text", t.start, t.end, t.text, t.line))
            i += 1
            continue
        if t.kind == "num":
            values, cells = [], []
            j = i
            unread = 0
            while j < n and tokens[j].kind in ("num", "tab"):
                if tokens[j].kind == "tab":
                    cell += 1
                elif len(values) < MAX_ROW_VALUES:
                    values.append(tokens[j])
                    cells.append(cell if cells_seen_on_line or tokens[j].line in tab_lines else -1)
                else:
                    unread += 1
                j += 1
            if cur is None:
                if not (cells_seen_on_line and _text_on_line(pending, t.line)):
                    # numbers outside any table (prose, page numbers): not values
                    pending = []
                    i = j
                    continue
                cur = RawTable(header=[], before=[p for p in pending if p.kind == "text" and p.line != t.line],
                               start=t.start)
                pending_label = [p for p in pending if p.line == t.line]
            else:
                pending_label = pending
            cur.add_row(RawRow(label=pending_label, values=values, cells=cells, ruled=ruled, unread=unread))
            pending = []
            caption = False
            ruled = False
            i = j
            continue
        i += 1
    close()
    return tables


def _text_on_line(pending: list[Tok], line: int) -> bool:
    """True when pending (in print order) holds a text token on `line`: looked for from its end."""
    for p in reversed(pending):
        if p.line != line:
            return False
        if p.kind == "text":
            return True
    return False


def _number_starts_label(tokens: list[Tok], i: int, pending: list[Tok]) -> bool:
    """A lone number opening a line and followed by words and values ('113 Mobile MVNO ... 2,573')."""
    t = tokens[i]
    if i == 0 or tokens[i - 1].kind != "nl" or (t.number and t.number.status != "parsed"):
        return False
    if t.number and (t.number.unit or "," in t.text or "." in t.text or t.text.startswith("(")):
        return False
    if i + 2 >= len(tokens) or tokens[i + 1].kind != "text" or tokens[i + 1].line != t.line:
        return False
    return tokens[i + 2].kind == "num" and tokens[i + 2].line == t.line



def _header_run(tokens: list[Tok], i: int, cell: int) -> tuple[int, list[Tok], list[int]]:
    """Collect consecutive header tokens from i (allowing line breaks, tabs and header words)."""
    run: list[Tok] = []
    cells: list[int] = []
    j, n = i, len(tokens)
    last_good = i
    while j < n:
        t = tokens[j]
        if t.kind == "tab":
            cell += 1
        elif t.kind == "nl":
            cell = 0
        elif t.kind in HEADER_KINDS:
            run.append(t)
            cells.append(cell)
            last_good = j + 1
        elif t.kind == "text" and _is_header_text(t):
            if run:
                last_good = j + 1
        else:
            break
        j += 1
    # Trailing tabs/newlines belong to the next row.
    return last_good, run, cells


def _unit_words(run: list[Tok]) -> list[str]:
    """The unit headings of a header run, as words (to tell a repeated header from a new caption)."""
    return [" ".join(t.text.lower().split()) for t in run if t.kind == "unit"]


def header_periods(run: list[Tok]) -> list:
    """The periods a header run names, in order (for comparing repeated headers)."""
    from iijview.parse.columns import header_slots
    return [s.period for s in header_slots(run, [-1] * len(run), "", quarter_cumulative=False) if s.period]


def _same_header(a: list[Tok], b: list[Tok]) -> bool:
    """True when a repeated header names the same periods as the table's own."""
    pb = header_periods(b)
    return (bool(pb) and header_periods(a) == pb) or (not pb and any(t.kind == "unit" for t in b))


def _flush_heading_text(cur: RawTable, pending: list[Tok]) -> None:
    """Text between a table's rows and its repeated header is kept as a heading row."""
    text = [p for p in pending if p.kind == "text" and not _is_header_text(p)]
    if text:
        cur.add_row(RawRow(label=text, values=[]))
