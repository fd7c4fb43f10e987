"""Headline, target and dividend statements read from phrases: the highlight and target blocks under their
headings ('Highlights of 3Q12 Financial Results', 'Financial Targets for FY2021 (Revised upward on ...)'),
with their column headers ('FY23 Targets First Half Full Year', 'Previous Target New Target'), and the
sentences and bullets before the statement tables ('IIJ targets revenues of JPY71.0 billion ... for FY2010')."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from iijview.model import Cell, Column, Finding, LineItem, Period, Statement, fiscal_year
from iijview.parse import labels, periods
from iijview.parse.fastre import compile_guarded
from iijview.parse.normalise import Normalised
from iijview.parse.phrases import (Element, Group, Phrase, _changes, _measures, has_measure, knowledge, read_phrases,
                                   spaced, spans_around)
from iijview.parse.release_facts import code_key, resolve_code
from iijview.parse.tokens import LineIndex

_REGION_LIMIT = 3000       # a headline block is a screen of text at most


@dataclass(frozen=True)
class Slot:
    """One column of a headline block: the period of its figures, whether they are targets, and which
    of two printed targets it is ('previous' beside the new one)."""

    period: Period
    variant: str = ""


@dataclass
class Region:
    """A headline or target block: its kind, where it is, the period its heading names and its columns."""

    kind: str                  # highlights | targets
    start: int                 # heading start
    body: int                  # where the figures start (after the heading's period)
    end: int
    period: Period | None
    slots: list[Slot] = field(default_factory=list)


@dataclass
class Context:
    """What reading a release's headlines needs: the text, its offset map, the release's period and codes."""

    text: str
    norm: Normalised
    release_period: Period | None
    codes: dict[tuple, Period]
    findings: list[Finding] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)   # original offsets of figures a table already holds
    lines: LineIndex | None = None


@lru_cache(maxsize=1)
def _heading_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    h = knowledge()["headings"]
    def one(words: list[str]) -> re.Pattern:
        return compile_guarded("|".join(f"(?:{spaced(w)})" for w in words), re.I)
    return one(h["highlights"]), one(h["targets"]), one(h["end"])


_QUARTER_WORDS = re.compile(r"\b(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b", re.I)
_HALF_WORDS = re.compile(r"\b(?:first\s+half|first\s+six\s+months|interim)\b", re.I)
_NINE_WORDS = re.compile(r"\b(?:first\s+)?nine\s+months\b", re.I)
_FULL_WORDS = re.compile(r"\bfull[\s-]+(?:fiscal\s+)?year\b", re.I)
_THREE_MONTHS = re.compile(r"\((?:3|three)\s+months\)", re.I)
_FY_WORDS = re.compile(r"\b(?:fiscal\s+year|FY)\s?(?P<fy>(?:19|20)\d{2}(?=\d?\b)|\d{2}\b)", re.I)
_FY_ENDING = re.compile(rf"(?:fiscal\s+year|FY)\s+(?:ending|ended|end(?:ing)?)\s+(?:on\s+)?"
                        rf"(?P<date>{periods._MONTH}\s*\d{{1,2}},?\s*(?:19|20)\d{{2}})", re.I)  # noqa: SLF001
_QN = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


# A code as headings print it: glued to the next word ('1Q22FY22 Targets') or to a footnote ('FY20195').
_HEAD_CODE = re.compile(periods.CODE_RE.pattern.replace("(?![\\w])", "(?:(?![\\w])|(?=FY)|(?=\\d(?!\\w)))"))
_SLASH_CODE = re.compile(r"\bFY\s?(?P<fy>(?:19|20)\d{2})\s?/\s?(?P<q1>[1-4])Q\s?-\s?(?P<q2>[1-4])Q\b")  # 'FY2008/1Q-3Q'
_SKIPPABLE = re.compile(r"(?:\s+|\b(?:full|the|fiscal|year|consolidated|financial|results?|for|of)\b)*", re.I)


def heading_period(title: str, anchor: int, ctx: Context, kind: str) -> tuple[Period | None, int]:
    """The period a block heading names ('1Q-3Q21', '3Q12', '1H FY2013', 'Third Quarter FY2007', 'Full FY2007',
    'FY2008/1Q-3Q (cumulative)', 'the Fiscal Year Ending March 31, 2019') inside its words or right after them
    (title[:anchor] is the heading's words), and where it ends. A quarter named in words or a code is three
    months unless the release defined the code for itself ('"3Q12"' for its nine months)."""
    reach = _SKIPPABLE.match(title, anchor)
    limit = (reach.end() if reach else anchor) + 1

    def near(m: re.Match | None) -> bool:
        return m is not None and (m.end() <= anchor or m.start() <= limit)

    def with_three(stop: int) -> tuple[bool, int]:
        after = re.match(r"\s*\((?:3|three)\s+months\)", title[stop:], re.I)
        return (True, stop + after.end()) if after else (False, stop)

    slash = _SLASH_CODE.search(title)
    if near(slash):
        assert slash is not None
        fy, q1, q2 = int(slash.group("fy")), int(slash.group("q1")), int(slash.group("q2"))
        return Period(_quarter_end(fy, q2), 3 * (q2 - q1 + 1)), slash.end()
    words = next((m for m in (_QUARTER_WORDS.search(title), _HALF_WORDS.search(title), _NINE_WORDS.search(title))
                  if near(m)), None)
    if words is not None:
        fy_m = _FY_WORDS.match(title, words.end() + 1) or _FY_WORDS.match(title, words.end() + 4)
        if fy_m is not None:
            fy = _full_year(fy_m.group("fy")[:4] if len(fy_m.group("fy")) > 4 else fy_m.group("fy"))
            three, stop = with_three(fy_m.end())
            w = words.group(0).lower()
            if "quarter" in w:
                q = _QN[words.group("q").lower()]
                defined = ctx.codes.get(("Q", q, fy))
                if defined is not None and not three:
                    return defined, stop
                return Period(_quarter_end(fy, q), 3), stop
            if "nine" in w:
                return Period(_quarter_end(fy, 3), 9), stop
            return Period(_quarter_end(fy, 2), 6), stop
    code = _HEAD_CODE.search(title)
    if near(code):
        assert code is not None
        three, stop = with_three(code.end())
        return resolve_code(code, ctx.codes, three_months=three), stop
    ending = _FY_ENDING.search(title)
    if near(ending) and (d := periods.first_date(ending.group("date"))) is not None:
        return Period(_quarter_end(fiscal_year(d), 4), 12), ending.end()
    return None, 0


def _full_year(yy: str) -> int:
    y = int(yy)
    return y if y >= 1900 else 2000 + y


def _quarter_end(fy: int, q: int):
    month = (3 + 3 * q) % 12 or 12
    return periods.month_end(fy if q <= 3 else fy + 1, month)


# Every alternative starts with a letter or '/', so a search skips ahead by first letters (a look-behind
# first, as in '(?<=\d)/', would make it try every alternative at every character).
_HEADING_ANCHOR = re.compile(r"Highlights|HIGHLIGHTS|Summary|SUMMARY|Targets?|TARGETS?|Forecasts?|FORECASTS?|Outlook"
                             r"|OUTLOOK|Plan|PLAN|/(?:(?<=\d/)|(?<=\d\s/))\s?[1-4]Q")
_TITLE_TAIL = re.compile(r"[ \t]+(?:Consolidated[ \t]+)?(?:Financial[ \t]+)?Results?\b")


_MEASURE_SPAN = 300   # longer than any measure name with the context its pattern looks at


def find_regions(text: str, ctx: Context, stops: list[int]) -> list[Region]:
    """Highlight and target blocks under their headings, each up to the next heading of any kind. A heading
    printed before any figure of the block above ('Highlights of Financial Results for 1Q23 FY23 Targets
    First Half Full Year') is that block's column header, not a block of its own."""
    high, target, end_pat = _heading_patterns()
    found: set[tuple[int, int, str]] = set()
    anchors = [m.start() for m in _HEADING_ANCHOR.finditer(text)]
    for lo, hi in spans_around(_HEADING_ANCHOR, text, 60, 40):  # headings stand only around their key words
        for kind, pat in (("highlights", high), ("targets", target)):
            for m in pat.finditer(text, lo, hi):
                i = bisect.bisect_left(anchors, m.start())  # the key word is in the heading or right after it
                if i < len(anchors) and anchors[i] < max(m.end(), m.start() + 1) + 20 and _title_case(m.group(0)):
                    found.add((m.start(), m.end(), kind))
    found = sorted(found)
    kept: list[tuple[str, int, int, Period]] = []
    unread: list[int] = []        # headings whose period cannot be read still end the block above
    bare = (-1, -1)               # text[bare[0]:bare[1]] holds no measure: the next search goes on from near its end
    for a, b, kind in found:
        if kept:
            start = kept[-1][2]
            if a < start:
                continue  # the same heading matched twice
            # (a heading repeated thousands of times must not rescan the same text for each: linear)
            frm = max(start, bare[1] - _MEASURE_SPAN) if bare[0] == start else start
            if not has_measure(text, frm, a):
                bare = (start, a)
                continue  # a column header of the block above
        line_end = text.find("\n", b)
        title = text[a:min(line_end if line_end >= 0 else len(text), b + 90)]
        period, stop = heading_period(title, b - a, ctx, kind)  # ('FY2018 Financial Targets': before the words)
        if period is None:
            unread.append(a)
            continue
        body = max(a + stop, b)
        if title[stop:].lstrip().startswith("("):  # '(Revised upward on November 5, 2021)', '(3 months)'
            close = text.find(")", body)
            if 0 <= close < body + 80:
                body = close + 1
        tail = _TITLE_TAIL.match(text, body)
        if tail is not None:
            body = tail.end()  # 'Highlights of 3Q12 Financial Results': the rest of the heading
        kept.append((kind, a, body, Period(period.end, period.months, kind == "targets")))
    regions: list[Region] = []
    ends = sorted(stops + unread)
    for n, (kind, a, body, period) in enumerate(kept):
        limit = body + _REGION_LIMIT
        # a block ends at the next heading of any kind (kept in text order: the next one is the nearest)
        nxt = [limit, len(text)]
        if n + 1 < len(kept):
            nxt.append(kept[n + 1][1])
        k = bisect.bisect_right(ends, body)
        if k < len(ends):
            nxt.append(ends[k])
        end = min(nxt)
        e = end_pat.search(text, body, end)   # (only up to the next heading: each character is read once)
        regions.append(Region(kind, a, body, end if e is None else e.start(), period))
    return regions


_HEADER_FILLER = re.compile(r"[\s|\-–—:()=_]*")


_COLUMN_ANCHOR = re.compile(r"Targets?|targets?|TARGETS?|Results?|results?|RESULTS?|Actual|actual|ACTUAL|Forecasts?"
                            r"|forecasts?|FORECASTS?|Plans?|plans?|Guidance|guidance|Outlook|outlook")


def header_regions(text: str, ctx: Context, regions: list[Region], stops: list[int]) -> list[Region]:
    """Blocks that open with a run of column words and no heading of their own ('10/24 Target   Actual
    Results' over 'Revenues JPY33,200 million JPY33,254 million', on its own line or run into the text): the
    period is the last one named just above (else the release's)."""
    out: list[Region] = []
    inside = [(r.start, r.end) for r in regions]
    run: list[re.Match] = []
    words = _column_words()
    hits: dict[int, re.Match] = {}
    for lo, hi in spans_around(_COLUMN_ANCHOR, text, 80, 120):  # a header run holds 'Target' or 'Results'
        for m in words.finditer(text, lo, hi):
            hits.setdefault(m.start(), m)
    for m in [hits[k] for k in sorted(hits)] + [None]:
        if m is not None and run and _HEADER_FILLER.fullmatch(text, run[-1].end(), m.start()):
            run.append(m)
            continue
        if len(run) >= 2 and {"actual", "target"} & {t.lastgroup for t in run}:
            a, b = run[0].start(), run[-1].end()
            if not any(lo <= a < hi for lo, hi in inside) and _measures()[0].match(text, _skip_filler(text, b)):
                period = _period_above(text, a, ctx)
                if period is not None:
                    nxt = [r.start for r in regions if r.start > b] + [s for s in stops if s > b]
                    out.append(Region("highlights", a, a, min(nxt + [b + _REGION_LIMIT, len(text)]), period))
        run = [m] if m is not None else []
    return out


def _skip_filler(text: str, pos: int) -> int:
    m = _HEADER_FILLER.match(text, pos)
    return m.end() if m else pos


def _period_above(text: str, a: int, ctx: Context) -> Period | None:
    """The last period code printed in the few lines above a position, else the release's period."""
    above = text[max(0, a - 300):a]
    codes = list(_HEAD_CODE.finditer(above))
    if codes:
        return resolve_code(codes[-1], ctx.codes)
    return ctx.release_period


def _title_case(heading: str) -> bool:
    """A heading is printed in title case ('Financial Targets for'); the same words in a sentence are not one."""
    return all(w[0].isupper() or not w[0].isalpha() for w in heading.split() if len(w) >= 4)


@lru_cache(maxsize=1)
def _column_words() -> re.Pattern:
    c = knowledge()["columns"]
    parts = [f"(?P<{name}>(?:{pat})\\b)" for name, pat in c.items()]
    code = r"(?P<code>(?<!-)(?:[1-4]Q\s?-\s?[1-4]Q\d{2}|[12]H\s?(?:FY)?\d{2,4}|[1-4]Q\s?(?:FY)?\d{2,4}|FY\s?(?:19|20)?\d{2})(?!\w))"
    # every alternative starts a word: said once, first, it lets the scan pass the other characters fast
    return re.compile(r"(?=\w)(?<!\w)(?:" + code + "|" + "|".join(parts).replace(" ", r"\s+") + ")", re.I)


def column_slots(header: str, region: Region, ctx: Context) -> list[Slot]:
    """The columns a block's header names, in print order: 'FY22 Targets' after a highlights heading (the
    highlights, then the FY22 targets); 'FY23 Targets First Half Full Year' and 'FY22 Targets 1H22 Full Year'
    (a target for each period named after the word); 'Previous Target New Target'; 'Actual Results Target
    Announced'; 'Financial Targets 1H19 FY2019' (a target for the heading's period, then for each code)."""
    assert region.period is not None
    base = region.period
    tokens = [(m.lastgroup or "", m.group(0)) for m in _column_words().finditer(header)]
    slots: list[Slot] = []
    code: Period | None = None
    variant = ""

    def resolved(word: str) -> Period | None:
        c = periods.CODE_RE.search(word)
        return resolve_code(c, ctx.codes) if c else None

    i = 0
    while i < len(tokens):
        kind, word = tokens[i]
        if kind == "code":
            if code is not None and region.kind == "targets":
                slots.append(Slot(Period(code.end, code.months, True)))  # 'Financial Targets 1H19 FY2019'
            code = resolved(word)
        elif kind in ("previous", "new"):
            variant = "previous" if kind == "previous" else ""
        elif kind == "actual":
            p = code or (Period(base.end, base.months) if region.kind == "highlights" else ctx.release_period)
            if p is not None:
                slots.append(Slot(Period(p.end, p.months)))
            code, variant = None, ""
        elif kind == "target":
            target_fy = fiscal_year(code.end if code else base.end)
            named: list[Period] = []
            j = i + 1
            while j < len(tokens) and tokens[j][0] in ("half", "full", "code", "previous", "new"):
                k, w = tokens[j]
                if k == "half":
                    named.append(Period(_quarter_end(target_fy, 2), 6))
                elif k == "full":
                    named.append(Period(_quarter_end(target_fy, 4), 12))
                elif k == "code" and (p := resolved(w)) is not None:
                    named.append(p)
                elif k == "previous":
                    variant = "previous"  # 'Target Announced': the word after qualifies it too
                j += 1
            if named and not (len(named) == 1 and code is None and tokens[i + 1][0] == "code"):
                slots.extend(Slot(Period(p.end, p.months, True)) for p in named)
            else:
                p = code or (named[0] if named else base)
                slots.append(Slot(Period(p.end, p.months, True), variant))
            i = j
            code, variant = None, ""
            continue
        i += 1
    if code is not None and region.kind == "targets":
        slots.append(Slot(Period(code.end, code.months, True)))
    if region.kind == "highlights" and slots and not any(not s.period.forecast for s in slots):
        slots.insert(0, Slot(Period(base.end, base.months)))  # the block's own figures come first
    if region.kind == "targets" and slots and (all(s.variant == "previous" for s in slots) or
                                               all(t[0] == "code" for t in tokens)) and Slot(base) not in slots:
        slots.insert(0, Slot(base))  # 'New Financial Targets ... | Original Target': the heading's own first
    if not slots:
        slots = [Slot(base)]
    # 'previous' tells two targets for one period apart; a target printed alone is the target
    alone = {s.period for s in slots if sum(1 for t in slots if t.period == s.period) == 1}
    return [Slot(s.period) if s.period in alone else s for s in slots]


_PROSE_END = re.compile(r"[a-z]{3}\.(?:\s+[A-Z]|\s*$)")


def read_region(text: str, region: Region, ctx: Context) -> list[tuple[Phrase, list[tuple[Slot, Group]]]]:
    """The phrases of a block, each group placed in its column. In a block of one column, a sentence that
    names its own period ('... JPY250 billion for the fiscal year ending March 31, 2021') says what its
    figures are for; a dividend is always for a fiscal year."""
    phrases = _untaken(read_phrases(text, region.body, region.end), ctx)
    if not phrases:
        return []
    first = phrases[0].measure.start
    header = text[region.body:first]
    if len(header.strip()) > 120 or _PROSE_END.search(header):
        # prose before the figures: the header is the last line above them, if it is not prose too
        last = next((ln for ln in reversed(header.split("\n")) if ln.strip()), "")
        header = last if len(last.strip()) <= 120 and not _PROSE_END.search(last) else ""
    region.slots = column_slots(header, region, ctx)
    want = len(phrases[0].groups)
    if len(region.slots) != want:
        # words of a heading run into the header ('... Revised Target 10/24 Target Actual Results'): the
        # columns are the last words that name as many columns as the first row has figures
        for m in _column_words().finditer(header):
            slots = column_slots(header[m.start():], region, ctx)
            if len(slots) == want:
                region.slots = slots
                break
    out = []
    sentences = Sentences(text, first, region.end)
    for ph in phrases:
        slots = region.slots
        lo, hi = sentences.around(ph.measure.start)
        _dividend_kind(text, ph)
        if len(slots) > 1 and _in_prose(ph):
            slots = [next((s for s in slots if not s.period.forecast), slots[0])]  # a bullet under the table
        if len(slots) == 1:
            own = _sentence_period(text[lo:hi], ph, lo, ctx)
            if own is _AMBIGUOUS:
                continue
            if own is not None:
                slots = [Slot(Period(own.end, own.months, slots[0].period.forecast), slots[0].variant)]
        if ph.measure.unit == "JPY/share":
            slots = [Slot(_fiscal_year_period(s.period), s.variant) for s in slots]
        placed = _place(ph, slots, ctx)
        if placed:
            out.append((ph, placed))
    return out


_RECORD_DATE = re.compile(r"Record\s+dates?\b", re.I)


def _record_date_slots(text: str, ph: Phrase) -> list[Slot] | None:
    """The columns of a dividend table from its 'Record date' row ('Record date September 30, 2020 September 30,
    2020 September 30, 2019' over 'Dividend per common share JPY20.50 JPY17.00 JPY13.50'): each column is the
    fiscal year of its record date; a second column of the same year is an earlier forecast of the first;
    a September record date makes the dividend the interim one, March the year-end one."""
    if ph.measure.unit != "JPY/share" or len(ph.groups) < 2:
        return None
    lo = max(0, ph.measure.start - 600)
    rec = None
    for rec in _RECORD_DATE.finditer(text, lo, ph.measure.start):
        pass
    if rec is None:
        return None
    dates = [periods.date_of(m) for m in periods.DATE_RE.finditer(text, rec.end(), ph.measure.start)]
    if len(dates) != len(ph.groups) or any(d is None for d in dates):
        return None
    first = fiscal_year(dates[0])
    slots = [Slot(Period(_quarter_end(fiscal_year(d), 4), 12), "previous" if i and fiscal_year(d) == first else "")
             for i, d in enumerate(dates) if d is not None]
    if ph.measure.item == "dividend_per_share" and not re.match(r"(?i)annual|total", ph.measure.text):
        month = dates[0].month if dates[0] else 0
        ph.measure.item = {9: "dividend_q2", 3: "dividend_year_end"}.get(month, ph.measure.item)
    return slots


_INTERIM = re.compile(r"\binterim\b|\bsecond[\s-]+quarter[\s-]+end\b|\b2Q[\s-]?end\b", re.I)
_YEAR_END = re.compile(r"\byear[\s-]?end\b", re.I)


_VERBS = re.compile(r"\b(?:was|were|is|are|be|totall?ed|amounted|reached|came|stood|increased|decreased|grew|rose"
                    r"|fell|declined|from|to|revised)\b", re.I)


def _in_prose(ph: Phrase) -> bool:
    """A phrase in a sentence ('was JPY3,641 million', 'from previous JPY1,500 to JPY1,750'), not a table row
    (whose amounts follow each other with nothing but brackets, changes and the rest of a label between)."""
    return any(_VERBS.search(g.lead) for g in ph.groups)


def _dividend_kind(text: str, ph: Phrase) -> None:
    """A cash dividend 'for the interim period' is the interim dividend; 'year-end', the year-end one (the words
    next to the name, up to its amount, say which)."""
    if ph.measure.item != "dividend_per_share" or re.match(r"(?i)annual|total", ph.measure.text):
        return
    sentence = text[max(0, ph.measure.start - 30):ph.groups[0].amount.start]
    if _INTERIM.search(sentence):
        ph.measure.item = "dividend_q2"
    elif _YEAR_END.search(sentence):
        ph.measure.item = "dividend_year_end"


def _untaken(phrases: list[Phrase], ctx: Context) -> list[Phrase]:
    """The phrases whose figures no table has read already."""
    if not ctx.taken:
        return phrases
    return [ph for ph in phrases
            if not any(ctx.norm.original_span(a, a + 1)[0] in ctx.taken
                       for g in ph.groups for a in (g.amount.start, g.amount.num_start))]


def _fiscal_year_period(p: Period) -> Period:
    """The fiscal year a period falls in, as a period (a dividend is declared for a fiscal year)."""
    return Period(_quarter_end(fiscal_year(p.end), 4), 12, p.forecast)


_EARLIER = re.compile(r"[^.;]{0,30}?\b(?:previous(?:ly)?|originally|initial(?:ly)?|planned|announced)\b", re.I)
_FROM = re.compile(r"\bfrom\b|\bprevious\b|\boriginal\b|\binitial\b", re.I)
_TO = re.compile(r"(?:^|\s)to$|\bnew\b|\brevised\b", re.I)


def _place(ph: Phrase, slots: list[Slot], ctx: Context) -> list[tuple[Slot, Group]]:
    """Put a phrase's amounts in the block's columns: in order when they match the columns; a revision
    printed 'from X to Y' is the previous and the new figure of one column."""
    groups = ph.groups
    if len(groups) == len(slots):
        return list(zip(slots, groups))
    if len(slots) == 1 and len(groups) == 2 and groups[1].lead.endswith("(") and \
            (earlier := _period_after(ctx, groups[1])) is not None:
        # 'JPY2,175 million, up 22.0% YoY (JPY1,783 million for the nine months ended December 2009)'
        return [(slots[0], groups[0]), (Slot(earlier), groups[1])]
    if len(slots) == 1 and len(groups) in (2, 3):
        revised = _revision(ph, ctx.text)
        if revised is not None:
            new, old = revised
            return [(slots[0], new), (Slot(slots[0].period, "previous"), old)]
    if len(groups) == 2 and len(slots) == 1 and _FROM.search(groups[0].lead) and _TO.search(groups[1].lead):
        s = slots[0]
        return [(Slot(s.period, "previous"), groups[0]), (s, groups[1])]
    if len(groups) == 2 and len(slots) == 1 and re.search(r"\bfrom\b", groups[1].lead, re.I) and \
            _EARLIER.match(ctx.text, groups[1].amount.end):
        s = slots[0]  # 'total dividend of JPY1,750, up from JPY1,500 as previously planned'
        return [(s, groups[0]), (Slot(s.period, "previous"), groups[1])]
    if len(groups) < len(slots) and ph.measure.unit == "JPY/share":
        return list(zip(slots[-len(groups):], groups))  # a dividend printed only under the full year
    if len(groups) < len(slots):
        return list(zip(slots, groups))
    ctx.findings.append(Finding(
        "headline_columns", f"Line {_line(ctx, ph.measure.start)}: '{_label(ph)}' prints {len(groups)} amounts where "
        f"its block has {len(slots)} column{'s' if len(slots) > 1 else ''}; which is which cannot be told, so none "
        "was read.", line=_line(ctx, ph.measure.start)))
    return []


_FOR_PERIOD = re.compile(rf"\s*(?:for|in)\s+(?:the\s+)?(?:(?P<n>three|six|nine|twelve)\s+months\s+ended\s+"
                         rf"(?P<m>{periods._MONTH})\s*(?:\d{{1,2}},?\s*)?(?P<y>(?:19|20)\d{{2}})"  # noqa: SLF001
                         rf"|(?P<code>(?:[1-4]Q\s?-\s?[1-4]Q|[1-4]Q|[12]H|FY)\s?\d{{2,4}}))\s*\)", re.I)
_MONTHS_N = {"three": 3, "six": 6, "nine": 9, "twelve": 12}


def _period_after(ctx: Context, g: Group) -> Period | None:
    """The period a bracketed figure names right after it ('(JPY868 million for the nine months ended
    December 2009)', '(JPY1.3 billion in 1H13)'): a figure of another period, read as that period's."""
    m = _FOR_PERIOD.match(ctx.text, g.amount.end)
    if m is None:
        return None
    if m.group("code"):
        c = periods.CODE_RE.search(m.group("code"))
        if c is None:
            return None
        p = resolve_code(c, ctx.codes)
        return Period(p.end, p.months)
    end = periods.month_end(int(m.group("y")), periods.month_number(m.group("m")))
    return Period(end, _MONTHS_N[m.group("n").lower()])


_BRACKETED_FIGURE = re.compile(r"\([^()]*?(?:JPY|¥|\$)[^()]*\)")
_DIFFERENCE = re.compile(r"\s*(?:up|down|higher|lower|more|less)\s+(?:than\s+|from\s+)", re.I)
_EARLIER_TARGET = re.compile(r"\b(?:initial|previous|original|prior)\b", re.I)


def _revision(ph: Phrase, text: str) -> tuple[Group, Group] | None:
    """'The revised annual revenue is JPY158.0 billion, JPY1.0 billion down from our initial target of JPY159.0
    billion': the new figure, and the earlier one (the difference between them is no figure of its own)."""
    kept = [g for g in ph.groups if not _DIFFERENCE.match(text, g.amount.end)]
    if len(kept) != 2 or not (_EARLIER_TARGET.search(kept[1].lead) and re.search(r"\bfrom\b", kept[1].lead)):
        return None
    return kept[0], kept[1]


def _label(ph: Phrase) -> str:
    """The measure's label as a reader would write it: OCR and footnote marks cleaned, a cut label completed."""
    t = labels.clean_label(re.sub(r"\s+", " ", ph.measure.text))
    if re.search(r"attributable to$", t, re.I):
        t += " IIJ"
    return t


# Sentences before the statement tables: 'IIJ targets revenues of JPY71.0 billion ... for FY2010.'
_SENTENCE_END = re.compile(r"(?<![A-Z][a-z])(?<!\b[A-Z])(?<!approx)(?<!Inc)(?<!Co)(?<!No)\.(?=\s+[A-Z(\"“*•▪◆■●-]|\s*$)|\n\s*\n|\n(?=\s*(?:[-*•▪◆■●・]|--)\s)")


_TARGET_STEMS = ("target", "forecast", "plan", "expect", "aim", "guidance", "outlook", "project", "will be", "revised")


def _is_target(sentence: str) -> bool:
    """A sentence about a target, forecast or plan (its words looked for as plain text first: most have none)."""
    low = sentence.lower()
    return any(w in low for w in _TARGET_STEMS) and bool(_target_words().search(sentence))


@lru_cache(maxsize=1)
def _target_words() -> re.Pattern:
    return re.compile(knowledge()["target_words"], re.I)


def prose_phrases(text: str, start: int, end: int, ctx: Context
                  ) -> list[tuple[str, Phrase, list[tuple[Slot, Group]]]]:
    """Phrases in sentences outside any block: each sentence's own period and kind decide their column
    (a sentence about a target is a target; with no period named, the release's own, or its fiscal year
    for a target or a dividend)."""
    out = []
    rp = ctx.release_period
    sentences = Sentences(text, start, end)
    for ph in _untaken(read_phrases(text, start, end), ctx):
        recorded = _record_date_slots(text, ph)
        if recorded:
            out.append(("dividends", ph, list(zip(recorded, ph.groups))))
            continue
        lo, hi = sentences.around(ph.measure.start)
        sentence = text[lo:hi]
        _dividend_kind(text, ph)
        is_target = _is_target(sentence)
        own = _sentence_period(sentence, ph, lo, ctx)
        if own is _AMBIGUOUS:
            continue
        period = own or (rp if not is_target else (_fiscal_year_period(rp) if rp else None))
        if period is None:
            continue
        if ph.measure.unit == "JPY/share":
            period = _fiscal_year_period(period)
        slot = Slot(Period(period.end, period.months, is_target))
        kind = "dividends" if ph.measure.unit == "JPY/share" else ("targets" if is_target else "highlights")
        out.append((kind, ph, _place(ph, [slot], ctx)))
    return out


_SENTENCE_REACH = 400   # a 'sentence' longer than this either way is a run of text with no end: cut it


class Sentences:
    """The sentences of text[lo:hi], their ends found once: the sentence around a position is looked up."""

    def __init__(self, text: str, lo: int, hi: int):
        self.text, self.lo, self.hi = text, lo, hi
        self.ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, hi)]

    def around(self, pos: int) -> tuple[int, int]:
        """The sentence around pos: a heading line above it is not part of it, nor text farther away
        than _SENTENCE_REACH (a run of text with no sentence end)."""
        i = bisect.bisect_right(self.ends, pos)
        a = max(self.ends[i - 1] if i else self.lo, pos - _SENTENCE_REACH)
        b = min(self.ends[i] if i < len(self.ends) else self.hi, pos + _SENTENCE_REACH)
        text = self.text
        line = a
        nl = text.find("\n", a, pos)
        while nl >= 0:
            if _title_case(text[line:nl]) and any(ch.isalpha() for ch in text[line:nl]):
                a = nl + 1
            line = nl + 1
            nl = text.find("\n", line, pos)
        return a, b


_PERIOD_HINT = re.compile(r"\d[QH]|[QH]\d|FY|[Ff]iscal|[Qq]uarter|[Hh]alf|[Mm]onths|QUARTER|HALF|MONTHS")
_AMBIGUOUS = Period(periods.month_end(1900, 1), 0)
_SENTENCE_SPANS = re.compile(r"\b(?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|(?P<h>first\s+half|"
                             r"first\s+six\s+months)|(?P<n>(?:first\s+)?nine\s+months))\b", re.I)


_CLAUSE = re.compile(r",?\s+(?:mainly|largely|primarily|partly|due\s+to|because|which|whereas|while|as\s+a\s+result|"
                     r"affected|led\s+by|lead\s+by|compared|since)\b|;", re.I)


def _own_clause(sentence: str, ph: Phrase, offset: int) -> str:
    """The part of a sentence that speaks of the phrase: up to the first subordinate clause after its figures
    ('... down 72.6% largely affected by ... in FY2007' names no period of its own)."""
    end = ph.end - offset
    cut = _CLAUSE.search(sentence, max(0, end))
    return sentence[:cut.start()] if cut else sentence


def _sentence_period(sentence: str, ph: Phrase, offset: int, ctx: Context) -> Period | None:
    """The one period a sentence names outside its change phrases ('for FY2010', '1H13 revenues', 'for the
    fiscal year ending March 31, 2021', 'in the third quarter'); None when it names none, _AMBIGUOUS when
    it names two (which figure is which cannot be told)."""
    if not _PERIOD_HINT.search(sentence):
        return None
    sentence = _own_clause(sentence, ph, offset)
    sentence = _changes().sub(lambda m: " " * len(m.group(0)), sentence)  # 'up 5% from 1H13' names no period
    sentence = _BRACKETED_FIGURE.sub(lambda m: " " * len(m.group(0)), sentence)  # '(JPY1,705 million in 1H13)'

    found: set[Period] = set()
    three = bool(_THREE_MONTHS.search(sentence))
    for m in periods.CODE_RE.finditer(sentence):
        p = resolve_code(m, ctx.codes, three_months=three)
        found.add(Period(p.end, p.months))
    for m in _FY_ENDING.finditer(sentence):
        d = periods.first_date(m.group("date"))
        if d is not None:
            found.add(Period(_quarter_end(fiscal_year(d), 4), 12))
    rp = ctx.release_period
    if rp is not None and not found:
        fy = fiscal_year(rp.end)
        for m in _SENTENCE_SPANS.finditer(sentence):
            if m.group("q"):
                found.add(Period(_quarter_end(fy, _QN[m.group("q").lower()]), 3))
            elif m.group("h"):
                found.add(Period(_quarter_end(fy, 2), 6))
            else:
                found.add(Period(_quarter_end(fy, 3), 9))
    if len(found) > 1:
        return _AMBIGUOUS
    return found.pop() if found else None


def statements(text: str, ctx: Context, regions: list[Region], prose: list[tuple[str, Phrase, list]]
               ) -> list[Statement]:
    """Statements from the blocks (a highlights block with target columns gives a targets statement too)
    and from the sentences (one statement per kind)."""
    out: list[Statement] = []
    read: dict[tuple, list[int]] = {}   # a block's kind, period and text -> where it is printed
    for region in regions:
        # A block printed again word for word under the same heading (a pasted page, a repeated line)
        # says nothing new: it is read once.
        places = read.setdefault((region.kind, region.period, text[region.start:region.end]), [])
        places.append(region.start)
        if len(places) > 1:
            continue
        rows = read_region(text, region, ctx)
        if not rows:
            continue
        dividends = [(ph, placed) for ph, placed in rows if ph.measure.unit == "JPY/share"]
        if region.kind == "highlights" and dividends:
            prose = prose + [("dividends", ph, placed) for ph, placed in dividends]
            rows = [r for r in rows if r not in dividends]
        actual = [(ph, [(s, g) for s, g in placed if not s.period.forecast]) for ph, placed in rows]
        target = [(ph, [(s, g) for s, g in placed if s.period.forecast]) for ph, placed in rows]
        for kind, part in (("highlights", actual), ("targets", target)):
            part = [(ph, placed) for ph, placed in part if placed]
            if part:
                st = _statement(kind if region.kind == "highlights" else "targets", part, ctx)
                if st is not None:
                    out.append(st)
    for (kind, _period, _text), places in read.items():
        if len(places) > 1:
            ctx.findings.append(Finding(
                "repeated_block", f"Line {_line(ctx, places[0])}: the {kind} block is printed {len(places):,} times "
                f"word for word (again at line {_line(ctx, places[1])}); it was read once.",
                line=_line(ctx, places[0]), severity="info"))
    for kind in ("highlights", "targets", "dividends"):
        part = [(ph, placed) for k, ph, placed in prose if k == kind and placed]
        if part:
            st = _statement(kind, part, ctx)
            if st is not None:
                out.append(st)
    return out


def _statement(sid: str, rows: list[tuple[Phrase, list[tuple[Slot, Group]]]], ctx: Context) -> Statement | None:
    """One statement: a row per measure, a value column per slot (with its dollar and change columns)."""
    rows = [(ph, _split_ranges(placed)) for ph, placed in rows]
    slots: list[Slot] = []
    for _, placed in rows:
        for s, _g in placed:
            if s not in slots:
                slots.append(s)
    slots.sort(key=lambda s: (s.period.forecast, s.variant != "previous", s.period.end, s.period.months))
    scales = Counter(g.amount.scale for _, placed in rows for _, g in placed if g.amount.unit == "JPY")
    base = scales.most_common(1)[0][0] if scales else 1
    usd_scales = Counter(g.usd.scale for _, placed in rows for _, g in placed if g.usd is not None)
    usd_base = usd_scales.most_common(1)[0][0] if usd_scales else 1
    cols: list[Column] = []
    keys: dict[tuple[Slot, str], str] = {}
    for n, s in enumerate(slots):
        label = s.period.label() + (f" ({s.variant})" if s.variant else "")
        cols.append(Column(f"v{n}", s.period, "JPY", base, member=s.variant, header=label))
        keys[(s, "v")] = f"v{n}"
        if any(g.usd is not None for _, placed in rows for ss, g in placed if ss == s):
            cols.append(Column(f"u{n}", s.period, "USD", usd_base, member=s.variant,
                               header="USD " + label))
            keys[(s, "u")] = f"u{n}"
        if any(g.change is not None for _, placed in rows for ss, g in placed if ss == s):
            cols.append(Column(f"c{n}", s.period, "%", 1, role="change", member=s.variant,
                               header="YoY %"))
            keys[(s, "c")] = f"c{n}"
    items: list[LineItem] = []
    seen: set[tuple[str, str]] = set()
    for ph, placed in rows:
        label = _label(ph)
        item = LineItem(label=label, item=ph.measure.item, line=_line(ctx, ph.measure.start), raw_label=ph.measure.text)
        per_share = ph.measure.unit == "JPY/share" or any(g.amount.unit.endswith("/share") for _, g in placed)
        jpy_scales = {g.amount.scale for _, g in placed if not g.amount.unit.startswith("USD")}
        if per_share:
            item.unit, item.scale = "JPY/share", 1
        elif len(jpy_scales) == 1 and (sc := jpy_scales.pop()) != base:
            item.scale = sc
        elif len(jpy_scales) > 1:
            placed = [(s, g) for s, g in placed if g.amount.scale == base] or placed[:1]
        for s, g in placed:
            if g.amount.unit.startswith("USD"):
                continue  # a dollar figure of its own (no yen printed): not a yen column's value
            if keys[(s, "v")] in item.cells:
                ctx.findings.append(Finding(
                    "headline_columns", f"Line {item.line}: '{item.label}' prints two figures for "
                    f"{s.period.label()}; the first is kept.", line=item.line))
                continue
            item.cells[keys[(s, "v")]] = _cell(ctx, g.amount)
            if g.usd is not None and (s, "u") in keys and (per_share or g.usd.scale == usd_base):
                item.cells[keys[(s, "u")]] = _cell(ctx, g.usd)
            if g.change is not None and (s, "c") in keys:
                item.cells[keys[(s, "c")]] = _cell(ctx, g.change)
        if not any(k.startswith("v") for k in item.cells):
            continue
        sig = (item.item or item.label, repr(sorted((k, c.value) for k, c in item.cells.items())))
        if sig in seen:
            continue  # the same figures printed twice (a sentence repeating the block)
        seen.add(sig)
        items.append(item)
    if not items:
        return None
    used = {k for it in items for k in it.cells}
    cols = [c for c in cols if c.key in used]
    return Statement(sid, sid, "", columns=cols, items=items, line=items[0].line,
                     end_line=max(it.line for it in items))


def _split_ranges(placed: list[tuple[Slot, Group]]) -> list[tuple[Slot, Group]]:
    """A range ('JPY312.0 - 315.0 billion up 13.0 - 14.1% YoY') fills two columns of its slot: its low
    end and its high end, each with its change."""
    out = []
    for s, g in placed:
        change_high = g.change.high if g.change is not None else None
        if g.amount.high is None:
            # (a range of changes beside one amount cannot be told apart: no change rather than a wrong one)
            out.append((s, g if change_high is None else Group(g.amount, g.usd, None, g.lead)))
            continue
        out.append((Slot(s.period, "low"), g))
        out.append((Slot(s.period, "high"), Group(g.amount.high, None, change_high, g.lead)))
    return out


def _line(ctx: Context, offset: int) -> int:
    if ctx.lines is None:
        ctx.lines = LineIndex(ctx.text)
    return ctx.lines.line_of(offset)


def _cell(ctx: Context, el: Element) -> Cell:
    a, b = ctx.norm.original_span(el.num_start, el.num_end)
    return Cell(el.text, el.value, "parsed", _line(ctx, el.num_start), a, b)
