"""Split normalised release text into tokens: numbers, period and unit headers, text and cell breaks."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from iijview.parse import numbers, periods
from iijview.parse.units import UNIT_RE

_M = periods._MONTH  # noqa: SLF001 - shared pattern text

# Order matters: the longest, most specific header forms first, numbers last. Each alternative is
# guarded by the characters it can start with (case-sensitively), which keeps the scan fast; the
# outer guard is one character class (every word alternative checks its own word boundary). A '(' starts
# a match only before a figure, a word or a footnote star: a storm of brackets is passed over at a glance.
SPECIAL_RE = re.compile(
    r"(?-i:(?=[\d(+\-%*※^\t\n△Δ▲—―_–─ABCDFJMNOSTUY]))(?!\((?!\s*[\w*※]))(?:"
    r"(?P<tab>\t)|(?P<nl>\n)"
    # a lone dash, or a run of them one space apart ('- - -'), read together and split in tokenize
    rf"|(?-i:(?=[\d(+\-△Δ▲—―_–─J]))(?P<num>{numbers.NUMBER_RE.pattern}"
    r"|(?<=\s)[-—―_–─](?=\s|$)(?:\ [-—―_–─](?=\s|$))*)"
    r"|(?-i:(?=[1-4F]))(?P<code>(?<![\w-])(?:[1-4]Q\s?-\s?[1-4]Q\d{2}|[12]H\s?(?:FY)?\d{2}(?:\d{2})?|[1-4]Q\s?(?:FY)?\d{2}(?:\d{2})?|FY\s?(?:19|20)?\d{2})(?![\w]))"
    rf"|(?-i:(?=\())(?P<range>\(\s*{_M}\s*(?:19|20)\d{{2}}\s*[-~]\s*{_M}\s*(?:19|20)\d{{2}}\s*\))"
    rf"|(?-i:(?=[ADFJMNOS]))(?P<date>\b{_M}\s*\d{{1,2}},?\s*(?:19|20)\d{{2}}\b)"
    r"|(?-i:(?=[TSN]))(?P<dur>\b(?:Three|Six|Nine|Twelve)[\s-]+Months?\s+(?:Ended|Ending)\b)"
    r"|(?-i:(?=F))(?P<fy>\bFiscal\s+Year\s+(?:Ended|Ending)\b)"
    r"|(?-i:(?=A))(?P<asof>\bAs\s+of\b)"
    rf"|(?-i:(?=[TMBJU(]))(?P<unit>{UNIT_RE.pattern})"
    r"|(?-i:(?=[YC%]))(?P<chg>\bYoY\s*(?:%\s*)?Change\b|\bYear\s+over\s+Year\s+Change\b|\bYoY\b(?:\s*%)?|\bChanges?\b(?!\s+(?:in|from|to|of)\b)|(?<=\s)%(?=\s|$))"
    r"|(?-i:(?=[*※(^]))(?P<foot>[*※]\s?\d(?:\))?(?:\s?,\s?[*※]?\d\)?)*|\(\*\d?\)|\^\(※\d*\)|\(※\d*\)|※))",
    re.VERBOSE | re.IGNORECASE,
)
# Case-insensitive matching above is right for headers, but not for number suffixes like Gbps.

HEADER_KINDS = frozenset({"range", "dur", "fy", "asof", "date", "code", "unit", "chg"})


@dataclass(slots=True)
class Tok:
    """One token: kind, normalised span, its text and the line it is on."""

    kind: str             # num | range | dur | fy | asof | date | code | unit | chg | text | tab | nl
    start: int
    end: int
    text: str
    line: int
    number: numbers.Number | None = None

    @property
    def is_header(self) -> bool:
        """True for tokens that belong in column headers."""
        return self.kind in HEADER_KINDS


class LineIndex:
    """Maps character offsets to 1-based line numbers."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(self, offset: int) -> int:
        """1-based line number of an offset."""
        return bisect.bisect_right(self.starts, offset)


# Words after which a number is part of a label: "IFRS 16", "ASU 2016-01", "Note 2", "page 9".
_LABEL_NUMBER_AFTER = ("ifrs", "ias", "asu", "topic", "note", "no.", "page", "form", "article", "subtopic", "over", "than")
# Words after a number that make it part of a label: "75,520,000 shares; issued", "JPY 123 thousand".
_LABEL_NUMBER_BEFORE = re.compile(r"\s*(?:shares\b|thousand\b|million\b|billion\b|and\s+(?:JPY\s*)?[\d,]+\s+(?:shares|thousand)|ATMs\b|personnel\b|days\b|months\b|years\b)")


def tokenize(text: str, lines: LineIndex, start: int = 0, end: int | None = None) -> list[Tok]:
    """Tokens of text[start:end]; text between special tokens becomes 'text' tokens."""
    end = len(text) if end is None else end
    out: list[Tok] = []
    pos = start
    line = lines.line_of(start)
    append = out.append
    from_match = numbers.from_match
    Number = numbers.Number
    carry = 0  # line breaks inside the previous token ('Thousands of\nJPY')
    grown: list[Tok] = []  # text tokens that took in the words after them: their text is cut at the end
    for m in SPECIAL_RE.finditer(text, start, end):
        a, b = m.span()
        if carry:
            line += carry
            carry = 0
        if a > pos:
            chunk = text[pos:a]
            words = chunk.strip()
            if words:
                if len(words) != len(chunk):
                    pos += chunk.index(words)
                if out and out[-1].kind == "text":
                    _add_words(out, text, pos, words, line, grown)
                else:  # the common case, inline: a line of words after a figure, a tab or a line break
                    append(Tok("text", pos, pos + len(words), words, line))
        pos = b
        kind = m.lastgroup
        if kind == "nl":
            append(Tok("nl", a, b, "\n", line))
            line += 1
            continue
        if kind == "tab":
            append(Tok("tab", a, b, "\t", line))
            continue
        if kind == "foot" or kind is None:
            continue  # footnote markers are not part of labels or values
        tok_text = m.group(0)
        if "\n" in tok_text:
            carry = tok_text.count("\n")
        if kind == "num":
            if tok_text[0] in _DASH_CHARS and (b - a == 1 or tok_text[1] == " "):
                # Dashes one space apart: the first and the last of the run look at the words around
                # it; a dash between two dashes can only be a nil like them.
                _add_dash(out, text, a, line, grown)
                if b - a > 1:
                    for k in range(a + 2, b - 1, 2):
                        append(Tok("num", k, k + 1, text[k], line, _NILS[text[k]]))
                    _add_dash(out, text, b - 1, line, grown)
                continue
            num = from_match(m)
            if _is_label_number(text, a, b, num):
                _add_text(out, text, a, b, line, grown)
                continue
            if len(out) >= 2 and out[-2].kind == "num" and out[-2].line == line and out[-1].kind == "text" \
                    and text[out[-1].start:out[-1].end] in _RANGE_MARKS:   # (a grown token's text is set at the end)
                # '312,000 ~ 315,000': a target printed as a range is one cell, which no one number can be
                low = out[-2]
                del out[-2:]
                span = text[low.start:b]
                append(Tok("num", low.start, b, span, line, Number(span, None, "unreadable")))
                continue
            append(Tok("num", a, b, tok_text, line, num))
        elif (kind == "date" or kind == "code") and _glued_to_label(text, a):
            _add_text(out, text, a, b, line, grown)
        else:
            append(Tok(kind, a, b, tok_text, line))

    if pos < end:
        _add_text(out, text, pos, end, line, grown)
    for tok in grown:
        tok.text = text[tok.start:tok.end]
    return out


_DASH_CHARS = frozenset("-—―_–─")
_RANGE_MARKS = frozenset("~〜")
RANGE_CELL = re.compile(r"\d\s*[~〜]\s*\d")   # a cell the range rule above made: '312,000 ~ 315,000'
_NILS = {d: numbers.Number(d, None, "nil") for d in _DASH_CHARS}


def _add_dash(out: list[Tok], text: str, a: int, line: int, grown: list[Tok]) -> None:
    """A lone dash at text[a]: a nil value, or text (a bullet, punctuation, part of a label)."""
    b = a + 1
    if _dash_is_text(text, a, b) or _is_label_number(text, a, b, _NILS[text[a]]):
        _add_text(out, text, a, b, line, grown)
    else:
        out.append(Tok("num", a, b, text[a], line, _NILS[text[a]]))


_LETTER_BEFORE = re.compile(r"[A-Za-z]\s?$")
_LETTER_AFTER = re.compile(r"\s?[A-Za-z]")
_BULLET_AFTER = re.compile(r"[ \t]*[A-Za-z*◆✓\[(\"]")
_WORD_AFTER = re.compile(r"\s*[a-z]")


def _dash_is_text(text: str, a: int, b: int) -> bool:
    """A dash that is punctuation or a bullet ('lease — noncurrent', '- Promoting ...'), not a nil."""
    if _WORD_AFTER.match(text, b, b + 3):
        return True
    before = text[max(0, a - 2):a]
    if "\t" not in before and "\t" not in text[b:b + 2] and _LETTER_BEFORE.search(before) \
            and _LETTER_AFTER.match(text, b, b + 2):
        return True  # 'LEASES — Noncurrent': a dash between words
    # A bullet starts its line: only spaces and tabs before it (looked at backwards, so a long
    # line of dashes costs one step per dash rather than a rescan of the line each time).
    k = a
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    return (k == 0 or text[k - 1] == "\n") and bool(_BULLET_AFTER.match(text, b, b + 4))


def _add_text(out: list[Tok], text: str, a: int, b: int, line: int, grown: list[Tok]) -> None:
    chunk = text[a:b]
    words = chunk.strip()
    if words:
        # Strip outer spaces so spans point at the words.
        _add_words(out, text, a + chunk.index(words), words, line, grown)


def _add_words(out: list[Tok], text: str, a: int, words: str, line: int, grown: list[Tok]) -> None:
    """Words at text[a:]: a text token, or the end of the text token before them on the same line."""
    b = a + len(words)
    if out:
        prev = out[-1]
        if prev.kind == "text" and (prev.end == a or not text[prev.end:a].strip(" ")):
            if prev.end - prev.start == len(prev.text):
                grown.append(prev)
            prev.end = b   # its text is cut once, at the end of tokenize (a growing copy is quadratic)
            return
    out.append(Tok("text", a, b, words, line))


_DAY = re.compile(r"\d{1,2}")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_MONTH_BEFORE = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November"
                           r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s*$")
_YEAR_AFTER = re.compile(r",\s*(?:19|20)\d{2}\b")
_DAY_BEFORE = re.compile(r"\d{1,2},\s*$")
_BANDWIDTH_WORD = re.compile(r"\d\s?[GM]bps")
_DECIMAL = re.compile(r"\d[.,]\d")


def _is_label_number(text: str, a: int, b: int, num: numbers.Number) -> bool:
    """True when a number belongs to the words around it rather than to a value column."""
    if _LABEL_NUMBER_BEFORE.match(text, b, b + 40):
        return True
    t = num.text
    if "bps" in t or "bps" in text[b:b + 4]:
        if _BANDWIDTH_WORD.search(t) and not _DECIMAL.search(t):
            return True  # "less than 1Gbps" in a label; values print "3,600.2" or "2,932.5Gbps"
    short_day = len(t) <= 2 and _DAY.fullmatch(t)
    if short_day and _YEAR_AFTER.match(text, b, b + 40):
        return True  # the day of a date whose month was cut off ('mber 31, 2012')
    before = text[a - 12 if a > 12 else 0:a]
    tail = before.rstrip()
    last = tail[-1:]
    if not (last.isalpha() or last == "." or last == ","):
        return False  # after a figure, a tab or a bracket: every test below needs a word or a comma
    if short_day and _MONTH_BEFORE.search(before):
        return True  # a date cut off after its day ('December 3')
    if len(t) == 4 and last == "," and _YEAR.fullmatch(t) and _DAY_BEFORE.search(before):
        return True
    if num.unit == "JPY" or num.unit == "%" or before.endswith("\t"):
        return False
    return tail.lower().endswith(_LABEL_NUMBER_AFTER)


# The last word before an offset, read on the reversed text so one anchored match finds it.
_LAST_WORD_REVERSED = re.compile(r" *([A-Za-z,']*[A-Za-z])")
_GLUE_WORDS = frozenset({"at", "and", "balance", "on", "to", "from", "through", "since", "until", "of"})


def _glued_to_label(text: str, a: int) -> bool:
    """A date or period code inside a label ('Balance, April 1, 2019', 'at March 31, 2018')."""
    before = text[max(0, a - 24):a]
    word = _LAST_WORD_REVERSED.match(before[::-1])
    if not word:
        return False
    w = word.group(1)[::-1].rstrip(",").lower()
    return w in _GLUE_WORDS and not before.rstrip().lower().endswith("as of")
