"""Read 'measure, amount, change' phrases wherever they are printed: a line, a sentence, a bullet, a
pipe row, cells glued together or one cell a line ('Revenues JPY83.0 billion (up 12.0% YoY)',
'Operating income was JPY411 million, a decrease of 40.5% from 1Q07', 'Net profit3JPY 11.5 billionup96.1% YoY').

The reader finds the elements (measure names, yen and dollar amounts, per-cent changes) in reading order
and groups them: an amount belongs to the measure before it when only link words stand between them
('was', 'totaled', 'of', a colon); a run of measure names followed by a run of amounts (two PDF columns
interleaved) pairs them in order; a measure followed by several amounts is a row of a table whose
columns the caller names. Knowledge is data in resources/phrases.json.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from iijview.parse.fastre import compile_guarded


@dataclass(slots=True)
class Element:
    """One element of a phrase: a measure name, an amount (JPY, USD, per share) or a change in per cent."""

    kind: str                  # measure | amount | change
    start: int
    end: int
    text: str                  # as printed (the number only, for amounts and changes)
    item: str = ""             # measure: canonical item id
    unit: str = ""             # amount: JPY | USD | JPY/share | USD/share; change: %
    value: float | None = None
    scale: int = 1
    num_start: int = -1        # span of the number itself
    num_end: int = -1
    high: Element | None = None   # a range ('JPY312.0 - 315.0 billion', 'up 3.3 - 13.7%'): its upper end


@dataclass(slots=True)
class Group:
    """One amount of a measure with what belongs to it: its dollar translation and its change."""

    amount: Element
    usd: Element | None = None
    change: Element | None = None
    lead: str = ""             # the link words printed just before the amount ('from the previous', 'to')


@dataclass(slots=True)
class Phrase:
    """A measure and the amounts printed for it, in order."""

    measure: Element
    groups: list[Group] = field(default_factory=list)
    pending_change: Element | None = None   # 'increased by 8.3% to JPY...': the change came first

    @property
    def end(self) -> int:
        """Offset after the last element that belongs to the phrase."""
        last = self.measure.end
        for g in self.groups:
            for el in (g.amount, g.usd, g.change):
                if el is not None and el.end > last:
                    last = el.end
        return last


@lru_cache(maxsize=1)
def knowledge() -> dict:
    """resources/phrases.json."""
    return json.loads(resources.files("iijview.resources").joinpath("phrases.json").read_text("utf-8"))


def any_case(*words: str) -> str:
    """An alternation of the words as printed in lower, Capitalised, Title and UPPER case: unlike a
    case-blind pattern, a search for it skips ahead by first letters (several times faster over a release)."""
    seen: list[str] = []
    for w in words:
        for v in (w, w.capitalize(), w.title(), w.upper()):
            if v not in seen:
                seen.append(v)
    return "|".join(re.escape(v) for v in seen)


def spaced(pattern: str) -> str:
    """A pattern whose spaces match any white space (lines are hard-wrapped, cells glued or split)."""
    return pattern.replace(" ?", r"\s*").replace(" ", r"\s+")


@lru_cache(maxsize=1)
def _measures() -> tuple[re.Pattern, list[tuple[str, str]]]:
    """One pattern for every measure name (in resource order: the specific before the general), and the
    (item, unit) of each named group."""
    parts, meta = [], []
    for n, entry in enumerate(knowledge()["measures"]):
        for label in entry["labels"]:
            parts.append(f"(?P<m{len(meta)}>{spaced(label)})")
            meta.append((entry["item"], entry.get("unit", "")))
    # a letter may not follow (lower case: 'revenues' is not 'revenuesx'), but a glued capital may ('revenuesJPY')
    return compile_guarded(r"(?:" + "|".join(parts) + r")(?:(?<![A-Za-z])|(?-i:(?![a-z])))", re.I), meta


def _amount_parts() -> tuple[str, str, str]:
    u = knowledge()["units"]
    words = sorted(u["scales"], key=len, reverse=True)
    long = "|".join(w for w in words if len(w) > 3)
    short = "|".join(w for w in words if len(w) <= 3)
    number = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    # 'billionup6.1%': a long scale word may be glued to the next cell; 'bn' and 'mn' stand alone
    scale = rf"\s*(?:{long}|(?:{short})(?![a-z]))"
    return number, scale, spaced(u["per_share"])


@lru_cache(maxsize=1)
def _amounts() -> re.Pattern:
    """'JPY83.0 billion', '¥2,500 per share', '($890 million': a currency before the number."""
    u = knowledge()["units"]
    number, scale, per_share = _amount_parts()
    return compile_guarded(rf"(?P<cur>{u['jpy_before']}|{u['usd_before']})\s*(?P<num>{number})(?P<scale>{scale})?"
                           rf"(?P<ps>\s*{per_share})?", re.I)


@lru_cache(maxsize=1)
def _yen_after() -> re.Pattern:
    """'83.0 billion yen', '2,500 yen per share': the currency after the number."""
    u = knowledge()["units"]
    number, scale, per_share = _amount_parts()
    return compile_guarded(rf"(?<![\w.,])(?P<num>{number})(?P<scale>{scale})?\s*(?P<cur>{u['jpy_after']})\b"
                           rf"(?P<ps>\s*{per_share})?", re.I)


_RANGE_DASH = r"\s*[-–~〜]\s*"     # between the ends of a range: '312.0 - 315.0', '3.3~13.7'


@lru_cache(maxsize=1)
def _changes() -> re.Pattern:
    c = knowledge()["changes"]
    up = "|".join(spaced(w) for w in sorted(c["up"], key=len, reverse=True))
    down = "|".join(spaced(w) for w in sorted(c["down"], key=len, reverse=True))
    after = "|".join(spaced(w) for w in c["after"])
    number = r"\d+(?:\.\d+)?"
    tail = rf"(?:\s*(?:{after})\d?)?"
    body = (rf"(?:(?P<rup>{up})|(?P<rdown>{down}))\s*(?P<rlo>{number})\s*%?{_RANGE_DASH}(?P<rhi>{number})\s*%{tail}"
            rf"|(?:(?P<up>{up})|(?P<down>{down}))\s*(?P<num>{number})\s*%{tail}"
            rf"|(?<![\w.,])(?P<plain>{number})\s*%\s*(?:{after})\d?"
            rf"|(?:YoY|year[- ]over[- ]year)\s*:?\s*(?P<ssign>[+\-△▲Δ])?\s*(?P<snum>{number})\s*%")
    return compile_guarded(body, re.I)


_SCALE_WORDS = None


def _scale(word: str | None) -> int:
    global _SCALE_WORDS
    if _SCALE_WORDS is None:
        _SCALE_WORDS = {k.lower(): v for k, v in knowledge()["units"]["scales"].items()}
    if not word:
        return 1
    return _SCALE_WORDS.get(word.strip().lower(), 1)


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


_CAMEL = re.compile(r"[a-z][A-Z]")


_WINDOW_BEFORE, _WINDOW_AFTER = 400, 150   # how far from an amount its measure and change may stand


def elements(text: str, start: int = 0, end: int | None = None) -> list[Element]:
    """Measures, amounts and changes in text[start:end], in reading order, without overlaps. Amounts are
    found first (they are rare and start with a currency); measures and changes are looked for only near
    them, which keeps long prose cheap."""
    end = len(text) if end is None else end
    found = _amount_elements(text, start, end)
    if not found:
        return []
    windows: list[list[int]] = []
    for el in found:
        lo, hi = max(start, el.start - _WINDOW_BEFORE), min(end, el.end + _WINDOW_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    changes = _changes()
    last_measure = -1
    for lo, hi in windows:
        for m in _measure_matches(text, lo, hi):
            a = m.start()
            if a > 0 and text[a - 1].isalpha() and not _CAMEL.match(text, a - 1):
                continue  # inside a word ('sub-revenues'); a capital glued after a word starts a new cell
            if not (_left_ok(text, a) or (last_measure >= 0 and _RUN_GAP.fullmatch(text, last_measure, a))):
                continue  # (a name right after another is the next of a run: 'Revenues Operating Income')
            last_measure = m.end()
            item, unit = _measures()[1][int((m.lastgroup or "m0")[1:])]
            found.append(Element("measure", a, m.end(), m.group(0), item=item, unit=unit))
        for m in changes.finditer(text, lo, hi):
            if m.group("rlo"):   # 'up 3.3 - 13.7% YoY': a range of changes
                sign = -1 if m.group("rdown") else 1
                low, high = _number(m.group("rlo")), _number(m.group("rhi"))
                el = Element("change", m.start(), m.end(), m.group("rlo"), unit="%",
                             value=None if low is None else sign * low, num_start=m.start("rlo"), num_end=m.end("rlo"))
                el.high = Element("change", m.start("rhi"), m.end(), m.group("rhi"), unit="%",
                                  value=None if high is None else sign * high, num_start=m.start("rhi"),
                                  num_end=m.end("rhi"))
                found.append(el)
                continue
            if m.group("num"):
                num, negative, span = m.group("num"), bool(m.group("down")), m.span("num")
            elif m.group("plain"):
                num, negative, span = m.group("plain"), False, m.span("plain")
            else:
                num, negative, span = m.group("snum"), (m.group("ssign") or "+") in "-△▲Δ", m.span("snum")
            value = _number(num)
            if value is not None and negative:
                value = -value
            found.append(Element("change", m.start(), m.end(), num, unit="%", value=value, num_start=span[0],
                                 num_end=span[1]))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    out: list[Element] = []
    for el in found:
        if out and el.start < out[-1].end:
            continue  # overlaps the element before (the longer one at a place wins)
        out.append(el)
    return out


# Every measure name holds one of these words: the full pattern is tried only around them.
_MEASURE_ANCHOR = re.compile(any_case("revenue", "income", "profit", "margin", "ebitda", "dividend", "sales", "interim",
                                       "annual", "year-end", "year end", "yearend"))
_NAME_BEFORE, _NAME_AFTER = 60, 160   # how far a measure name may reach ahead of and behind its key word


def spans_around(anchor: re.Pattern, text: str, before: int, after: int, lo: int = 0,
                 hi: int | None = None) -> list[tuple[int, int]]:
    """The parts of text[lo:hi] within `before` characters ahead of and `after` characters behind each
    match of `anchor`, overlapping parts merged (so a scan over them reads no character twice)."""
    hi = len(text) if hi is None else hi
    return merged_windows([m.span() for m in anchor.finditer(text, lo, hi)], hi, before, after, lo)


def merged_windows(places: list[tuple[int, int]], hi: int, before: int, after: int,
                   lo: int = 0) -> list[tuple[int, int]]:
    """The parts of [lo, hi) within `before` ahead of and `after` behind each (start, end) span of `places`
    (in text order), overlapping parts merged."""
    spans: list[list[int]] = []
    for start, end in places:
        a, b = max(lo, start - before), min(hi, end + after)
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    return [(a, b) for a, b in spans]


def _measure_matches(text: str, lo: int, hi: int) -> list[re.Match]:
    """The measure names in text[lo:hi], looked for only around the key words one of them must hold."""
    pattern = _measures()[0]
    return [m for a, b in spans_around(_MEASURE_ANCHOR, text, _NAME_BEFORE, _NAME_AFTER, lo, hi)
            for m in pattern.finditer(text, a, b)]


def has_measure(text: str, lo: int, hi: int) -> bool:
    """True when text[lo:hi] names a measure (looked for only around the key words one of them must hold,
    nearest first, so a measure near the start ends the search at once)."""
    for m in _MEASURE_ANCHOR.finditer(text, lo, hi):
        a, b = max(lo, m.start() - _NAME_BEFORE), min(hi, m.end() + _NAME_AFTER)
        before = min(a, _LOOK_BEHIND)
        if _window_names_measure(text[a - before:b], before):
            return True
    return False


_LOOK_BEHIND = 2   # the measure pattern looks at most one character behind where it starts


@lru_cache(maxsize=4096)
def _window_names_measure(window: str, start: int) -> bool:
    """True when a measure name starts at or after `start` in window (kept by window: a heading printed
    thousands of times asks about the same few windows, and the measure pattern is slow to search)."""
    return _measures()[0].search(window, start) is not None


def _amount_elements(text: str, start: int, end: int) -> list[Element]:
    """The yen, dollar and per-share amounts of text[start:end]."""
    out = []
    patterns = [_amounts()] + ([_yen_after()] if "yen" in text[start:end].lower() else [])
    for pattern in patterns:
        for m in pattern.finditer(text, start, end):
            if m.group("cur").upper().startswith(("JPY", "¥", "YEN")) or m.group("cur") == "yen":
                unit = "JPY"
            else:
                unit = "USD"
            if m.group("ps"):
                unit += "/share"
            num = m.group("num")
            el = Element("amount", m.start(), m.end(), num, unit=unit, value=_number(num),
                         scale=_scale(m.group("scale")), num_start=m.start("num"), num_end=m.end("num"))
            if pattern is patterns[0]:
                _read_range(text, el, m, end)
            out.append(el)
    return out


def _read_range(text: str, el: Element, m: re.Match, end: int) -> None:
    """Read a range printed after the amount: its upper end becomes el.high, and a scale and unit
    printed only after the upper end are the range's ('JPY 312.0 - 315.0 billion', 'JPY17.18 -
    JPY18.58 per share', 'JPY312.0 billion ~ JPY315.0 billion')."""
    bare = m.group("scale") is None and m.group("ps") is None   # no scale or unit after the lower end
    r = _range_end().match(text, m.end("num") if bare else m.end(), end)
    if r is None:
        return
    high = _number(r.group("num"))
    if high is None or el.value is None or high <= el.value:
        return    # (not a range: '10.0 - 5.0')
    if bare:
        el.scale = _scale(r.group("scale"))
        if r.group("ps"):
            el.unit += "/share"
    elif _scale(r.group("scale")) != el.scale or bool(r.group("ps")) != bool(m.group("ps")):
        return
    el.high = Element("amount", r.start("num"), r.end(), r.group("num"), unit=el.unit, value=high, scale=el.scale,
                      num_start=r.start("num"), num_end=r.end("num"))
    el.end = r.end()


@lru_cache(maxsize=1)
def _range_end() -> re.Pattern:
    """' - 315.0 billion', '~ JPY315.0 billion': the upper end of a range."""
    u = knowledge()["units"]
    number, scale, per_share = _amount_parts()
    return re.compile(rf"{_RANGE_DASH}(?:(?:{u['jpy_before']})\s*)?(?P<num>{number})(?![\d,.]|\s*%)"
                      rf"(?P<scale>{scale})?(?P<ps>\s*{per_share})?", re.I)


@lru_cache(maxsize=1)
def _before_ok() -> frozenset[str]:
    return frozenset(knowledge()["before_ok"])


_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z'’.&-]*)[ \t]*$")


def _left_ok(text: str, a: int) -> bool:
    """A measure name stands alone: no qualifying word right before it on its line ('Network services
    revenues', 'Overseas: Revenue'); a word on the line above is a heading or a header cell."""
    before = text[max(0, a - 40):a]
    if not before.strip():
        return True
    m = _WORD_BEFORE.search(before)
    if m is None:
        colon = _COLON_BEFORE.search(before)
        return colon is None or colon.group(1).lower() in _before_ok()  # 'Overseas: Revenue' qualifies it
    word = m.group(1).lower().rstrip(".")
    if word in _before_ok():
        return True
    # a camel-glued cell ('...billionOperating income')
    return a > 0 and text[a - 1].isalpha() and text[a].isupper() and text[a - 1].islower()


_COLON_BEFORE = re.compile(r"([A-Za-z][A-Za-z'’.&-]*)[ \t]*:[ \t]*$")


@lru_cache(maxsize=1)
def _link_words() -> re.Pattern:
    words = sorted(knowledge()["links"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(spaced(w) for w in words) + r")\b", re.I)


_GAP_PUNCT = re.compile(r"[\s:;,.()\[\]*'\"“”‘’=~|/-]+|\b\d{1,2}\b|(?<=[A-Za-z])\d{1,2}\b|\\"
                        r"|\b(?:[1-4]Q\s?-\s?[1-4]Q|[1-4]Q|[12]H|FY)\s?\d{2,4}\b")


def is_link(gap: str) -> bool:
    """True when the text between a measure and its amount holds only link words, punctuation and
    footnote marks ('was', ': ', 'totaled', '3' of 'Net profit3JPY')."""
    if len(gap) > 80:
        return False
    rest = _link_words().sub(" ", gap)
    rest = _GAP_PUNCT.sub("", rest)
    return not rest


_WORDS = re.compile(r"[A-Za-z]{2,}")   # a run of names takes its amounts only where no word comes between
_FOR = re.compile(r"\s*for\s+(?:the\s+)?(?:fiscal\s+)?")
_RUN_GAP = re.compile(r"[\s,;]*(?:(?:and|&)[\s,]*)?|\s*\d{1,2}\s*")


def read_phrases(text: str, start: int = 0, end: int | None = None) -> list[Phrase]:
    """The phrases of text[start:end]: each measure with the amounts (and changes) printed for it."""
    els = elements(text, start, end)
    phrases: list[Phrase] = []
    run: list[Phrase] = []          # measures printed one after another, still waiting for amounts
    paired: list[Group] = []        # groups given to such a run, in order, waiting for their changes
    current: Phrase | None = None
    last: Group | None = None       # the group the last amount opened
    prev: Element | None = None
    orphan: Element | None = None   # an amount no measure before it claimed
    for n, el in enumerate(els):
        gap = text[prev.end if prev else start:el.start]
        if el.kind == "measure":
            # a run of names is a header of columns: different measures, nothing but spacing between them
            joins = prev is not None and prev.kind == "measure" and _RUN_GAP.fullmatch(gap) \
                and all(p.measure.item != el.item for p in run)
            ph = Phrase(el)
            phrases.append(ph)
            if orphan is not None and prev is orphan and _FOR.fullmatch(gap):
                ph.groups.append(Group(orphan, lead="for"))
            run = run + [ph] if joins else [ph]
            paired, current, last = [], ph, None
        elif el.kind == "amount" and el.unit.startswith("USD") and last is not None and last.usd is None \
                and not last.amount.unit.startswith("USD") and is_link(gap):
            last.usd = el  # the convenience translation of the yen amount before it
        elif el.kind == "amount":
            waiting = [p for p in run if not p.groups]
            after = els[n + 1] if n + 1 < len(els) else None
            if after is not None and after.kind == "measure" and _FOR.fullmatch(text, el.end, after.start):
                orphan, prev = el, el  # 'JPY1,000 for interim-period cash dividend': the name after it claims it
                continue
            if len(run) >= 2 and waiting and (paired or not _WORDS.search(gap)) and is_link(gap):
                target: Phrase | None = waiting[0]
            elif current is not None and is_link(gap):
                target = current
            else:
                target = None
            if target is None:
                current, run, paired, last = None, [], [], None  # a figure of no measure (a purchase price)
                orphan = el
            else:
                last = Group(el, lead=gap.strip())
                if target.pending_change is not None and not target.groups:
                    last.change, target.pending_change = target.pending_change, None
                target.groups.append(last)
                if len(run) >= 2:
                    paired.append(last)
        elif el.kind == "change" and is_link(gap):
            waiting_groups = [g for g in paired if g.change is None]
            if waiting_groups:
                waiting_groups[0].change = el
            elif last is not None and last.change is None:
                last.change = el
            elif current is not None and not current.groups and current.pending_change is None:
                current.pending_change = el
        prev = el
    return [p for p in phrases if p.groups]
