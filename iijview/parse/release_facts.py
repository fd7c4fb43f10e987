"""What a release is about: its own period, the period codes it defines, its standard and its layout."""
from __future__ import annotations

import datetime as dt
import re

from iijview.model import Period, fiscal_year
from iijview.parse import periods

_M = periods._MONTH  # noqa: SLF001 - shared pattern text
_IIJ = re.compile(r"Internet\s+Initiative\s+Japan|\bIIJ\b|\b(?:I1J|11J|\[1J|IlJ)\b")
_RELEASE_WORDS = re.compile(r"financial\s+results|fiscal\s+year|revenues?\b|\bJPY\s?\d|\bquarter\b|\bFY\s?\d{2}"
                            r"|\d[QH]\d{2}\b|operating\s+(?:income|profit)|results\s+for|Form\s+6-K|Foreign\s+Private"
                            r"\s+Issuer|Form\s+20-F", re.I)


def is_iij_release(text: str) -> bool:
    """True when the text is an IIJ release (names IIJ and speaks of results), however little of it is readable."""
    head = text[:200_000]
    return bool(_IIJ.search(head)) and len(_RELEASE_WORDS.findall(head)) >= 2


# The sentence that says what the release reports ('today announced its consolidated financial results for
# the first six months of the fiscal year ending March 31, 2014 (from April 1, 2013 to September 30, 2013,
# "1H13")'); else the title ('IIJ Announces Third Quarter Results for the Fiscal Year Ending March 31, 2008').
_ANNOUNCED = re.compile(r"\bannounce[sd]?\b", re.I)
_RANGE = re.compile(rf"\bfrom\s+(?P<m1>{_M})\s*(?P<d1>\d{{1,2}}),?\s*(?P<y1>(?:19|20)\d{{2}})?\s*(?:to|through|-|–)\s*"
                    rf"(?P<m2>{_M})\s*(?P<d2>\d{{1,2}}),?\s*(?P<y2>(?:19|20)\d{{2}})", re.I)
_FY_END = re.compile(rf"fiscal\s+year\s+(?:ending|ended|end(?:ing)?)\s+(?:on\s+)?(?P<date>{_M}\s*\d{{1,2}},?\s*(?:19|20)\d{{2}})",
                     re.I)
_FY_NAMED = re.compile(r"\b(?:fiscal\s+year|FY)\s?(?P<fy>(?:19|20)\d{2})\b", re.I)
_MONTH_WORDS = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "3": 3, "6": 6, "9": 9, "12": 12}
_MONTHS_ENDED = re.compile(rf"\b(?P<n>three|six|nine|twelve|3|6|9|12)[\s-]+months?\s+(?:ended|ending)\s+"
                           rf"(?P<date>{_M}\s*\d{{1,2}},?\s*(?:19|20)\d{{2}})", re.I)
_DURATION = re.compile(r"\b(?:first\s+)?(?P<n>three|six|nine|twelve|3|6|9|12)[\s-]+months?\b", re.I)
_CUMULATIVE = re.compile(r"\b(?P<q1>[1-4])Q\s?-\s?(?P<q2>[1-4])Q\b(?:\s*\(cumulative\))?", re.I)
_QUARTER = re.compile(r"\b(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b", re.I)
_HALF = re.compile(r"\b(?:first\s+half|interim|first\s+six\s+months)\b", re.I)
_FULL_YEAR = re.compile(r"\b(?:full[\s-]+(?:fiscal\s+)?year|full\s+FY\s?\d{4}|year[\s-]+end(?:ed)?\s+results|annual\s+results|fiscal\s+year"
                        r"\s+(?:\d{4}\s+)?(?:financial\s+)?results|results\s+for\s+(?:the\s+)?fiscal\s+year\s+ended)\b", re.I)
_QUARTER_NUMBER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_CODE_QUOTED = re.compile(r"[\"“'‘]\s*(?P<code>(?:[1-4]Q\s?-\s?[1-4]Q|[1-4]Q|[12]H)\s?(?:FY)?\s?\d{2,4}|FY\s?\d{2,4})\s*[\"”'’]")


def _window(text: str) -> str:
    """The release's own description of itself: the 'announced' sentence and what follows, else the head."""
    head = text[:8000]
    m = _ANNOUNCED.search(head)
    if m:
        return head[max(0, m.start() - 300):m.start() + 700]
    return head[:300]  # no first paragraph: the title, or the first heading of an excerpt


def release_period(text: str) -> Period | None:
    """The period the release reports, from its first paragraph or title: an explicit date range or a
    number of months decides; 'third quarter' or '1st Quarter' alone means three months."""
    return _period_in_window(_window(text))


def _period_in_window(w: str) -> Period | None:
    r = _RANGE.search(w)
    if r:
        end = _date(r.group("y2"), r.group("m2"), r.group("d2"))
        if end is not None:
            m1 = periods.month_number(r.group("m1"))
            y1 = int(r.group("y1")) if r.group("y1") else (end.year if m1 <= end.month else end.year - 1)
            months = (end.year - y1) * 12 + end.month - m1 + 1
            if 1 <= months <= 12:
                return Period(end, months)
    e = _MONTHS_ENDED.search(w)
    if e:
        end = periods.first_date(e.group("date"))
        if end is not None:
            return Period(end, _MONTH_WORDS[e.group("n").lower()])
    fy = _fiscal_year_in(w)
    if fy is None:
        return None
    d = _DURATION.search(w)
    if d:
        n = _MONTH_WORDS[d.group("n").lower()]
        return Period(_quarter_end(fy, n // 3), n)
    c = _CUMULATIVE.search(w)
    if c:  # 'FY2008/1Q-3Q (cumulative)'
        q1, q2 = int(c.group("q1")), int(c.group("q2"))
        return Period(_quarter_end(fy, q2), 3 * (q2 - q1 + 1))
    if _FULL_YEAR.search(w):  # 'full year and fourth quarter results': the year is the release's period
        return Period(_quarter_end(fy, 4), 12)
    q = _QUARTER.search(w)
    if q:
        return Period(_quarter_end(fy, _QUARTER_NUMBER[q.group("q").lower()]), 3)
    if _HALF.search(w):
        return Period(_quarter_end(fy, 2), 6)
    if _FY_END.search(w):
        return Period(_quarter_end(fy, 4), 12)
    return None


def _fiscal_year_in(w: str) -> int | None:
    """IIJ's fiscal year a text names: 'the fiscal year ending March 31, 2014' (FY2013) or 'FY2013'."""
    m = _FY_END.search(w)
    if m:
        d = periods.first_date(m.group("date"))
        if d is not None:
            return fiscal_year(d)
    m = _FY_NAMED.search(w)
    return int(m.group("fy")) if m else None


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), periods.month_number(month), int(day))
    except (ValueError, KeyError):
        return None


def _quarter_end(fy: int, q: int) -> dt.date:
    month = (3 + 3 * q) % 12 or 12
    return periods.month_end(fy if q <= 3 else fy + 1, month)


def code_key(m: re.Match) -> tuple:
    """A comparable key for a CODE_RE match: '1H FY2013' and '1H13' are the same code."""
    def year(yy: str) -> int:
        y = int(yy)
        return y if y >= 1900 else 2000 + y
    if m.group("q1"):
        return ("Q", int(m.group("q1")), int(m.group("q2")), year(m.group("yy1")))
    if m.group("h"):
        return ("H", int(m.group("h")), year(m.group("yy2")))
    if m.group("q"):
        return ("Q", int(m.group("q")), year(m.group("yy3")))
    return ("FY", year(m.group("yy4")))


def code_definitions(text: str, period: Period | None) -> dict[tuple, Period]:
    """The codes a release defines for its own period ('("1H FY2012" "1H12")', '"3Q12"' for nine months),
    each mapped to that period; a fiscal-year code ('"FY2007"') to the fiscal year."""
    out: dict[tuple, Period] = {}
    if period is None:
        return out
    fy = fiscal_year(period.end)
    window = _window(text)
    for m in _CODE_QUOTED.finditer(window):
        c = periods.CODE_RE.search(m.group("code"))
        if c is None:
            continue
        key = code_key(c)
        if key[-1] != fy:
            continue
        before = window[max(0, m.start() - 40):m.start()]
        if key[0] == "FY":
            out[key] = Period(_quarter_end(fy, 4), 12)
        elif key[0] == "Q" and len(key) == 3 and _QUARTER_ALONE.search(before):
            out[key] = Period(_quarter_end(fy, key[1]), 3)
        elif periods.code_period(c, quarter_is_cumulative=True).end == period.end:
            out[key] = period
    return out


_QUARTER_ALONE = re.compile(r"(?:quarter|three\s+months|3\s+months)\W*$", re.I)


def resolve_code(m: re.Match, definitions: dict[tuple, Period], *, three_months: bool = False,
                 cumulative: bool = False) -> Period:
    """The period a code names in this release: its own definition, else IIJ's reading of the code."""
    if not three_months:
        defined = definitions.get(code_key(m))
        if defined is not None:
            return defined
    return periods.code_period(m, quarter_is_cumulative=cumulative and not three_months)


# Standard: the release's own statement of it wins (its first paragraph: '... results ... under International
# Financial Reporting Standards (IFRS)'; a footnote: 'all financial figures ... are prepared in accordance
# with U.S. GAAP'); then the statements' own titles; then IIJ's history (U.S. GAAP through FY2018). A passing
# mention (a plan to adopt IFRS) decides nothing.
_IFRS_OWN = re.compile(r"International\s+Financial\s+Reporting\s+Standards|\(IFRS\)|\bunder\s+IFRS\b")
_IFRS_STATED = re.compile(r"(?:prepared|presented)\s+(?:in\s+accordance\s+with|under)\s+(?:IFRS|International\s+"
                          r"Financial\s+Reporting)|\[Under\s+IFRS\]")
_GAAP_STATED = re.compile(r"(?:prepared|presented)\s+(?:in\s+accordance\s+with|under)\s+U\.?\s?S\.?\s?GAAP"
                          r"|\[Under\s+U\.?\s?S\.?\s?GAAP\]")
_IFRS_TITLES = ("Statement of Financial Position", "Statements of Financial Position", "Statement of Profit or Loss",
                "Statements of Profit or Loss")
_GAAP_TITLES = ("Consolidated Balance Sheets", "Statement of Income", "Statements of Income", "STATEMENTS OF INCOME",
                "BALANCE SHEETS")


def standard(text: str, period: Period | None) -> tuple[str, str]:
    """('IFRS' or 'U.S. GAAP' or '', how it was decided: 'stated', 'statements', 'fiscal year' or '')."""
    window = _window(text)
    if _IFRS_OWN.search(window) and not _GAAP_STATED.search(window):
        return "IFRS", "stated"
    ifrs, gaap = len(_IFRS_STATED.findall(text)), len(_GAAP_STATED.findall(text))
    if ifrs != gaap:
        return ("IFRS" if ifrs > gaap else "U.S. GAAP"), "stated"
    ifrs = sum(text.count(t) for t in _IFRS_TITLES)
    gaap = sum(text.count(t) for t in _GAAP_TITLES)
    if ifrs != gaap:
        return ("IFRS" if ifrs > gaap else "U.S. GAAP"), "statements"
    if period is not None:
        return ("IFRS" if fiscal_year(period.end) >= 2019 else "U.S. GAAP"), "fiscal year"
    return "", ""


# Layout: what the text is, from the marks each kind leaves. The patterns over the whole text start with a
# literal (a leading look-behind, '\b' or '^' would make every character a try): they run on "\n" + text.
_SLIDE_MARKS = re.compile(r"Unit\s*:\s*JPY|% of Revenues|Agenda\b(?<!\wAgenda)")
# OCR's readings of 'IIJ' and 'Outsourcing' and '- 12 -' page-number lines. Each word is searched from a literal
# it holds (with how far before it the word starts): one alternation of them would try every 'l' and '1'.
_OCR_WORDS = ((re.compile(r"J(?<=I1J|11J|\[1J|IlJ)\b"), 2), (re.compile(r"113(?<=l113)\b"), 1),
              (re.compile(r"Qutsourcing\b"), 0))
_PAGE_NUMBER_LINE = re.compile(r"\n[ \t]*-[ \t]*\d{1,3}[ \t]*-[ \t]*(?=\n|$)")
_WIRE = re.compile(r"\((?:GLOBE|PRIME|BUSINESS|MARKET|PR)\s?NEWSWIRE\)|\(BUSINESS WIRE\)|PRNewswire|GlobeNewswire|"
                   r"/PRNewswire/", re.I)
_SEC = re.compile(r"FORM\s+6-K|SECURITIES\s+AND\s+EXCHANGE\s+COMMISSION|EX-99\.1|Exhibit\s+99", re.I)
_WEB_CHROME = re.compile(r"Send by mail|^\s*date \d{4}-\d{2}-\d{2}\b|Share this article|Click here", re.I | re.M)
_FIGURE = re.compile(r"\d[\d,]{4,}")
_MARKUP = re.compile(r"<u>|</u>|\n#{1,6} |\*\*[A-Z]")


def _ocr_marks(text: str) -> int:
    """How many marks of OCR the text (after a leading newline) holds: misread words, page-number lines."""
    n = sum(1 for _ in _PAGE_NUMBER_LINE.finditer(text))
    for pattern, back in _OCR_WORDS:
        n += sum(1 for m in pattern.finditer(text) if not text[m.start() - back - 1].isalnum())
    return n


def layout(text: str, has_statements: bool) -> str:
    """'slides', 'ocr', 'converted', 'web', 'newswire', 'sec filing' or 'text'; ' excerpt' is added when the
    release holds headline figures but no statement tables."""
    lines = [ln for ln in text.split("\n") if ln and not ln.isspace()]
    if not lines:
        return ""
    head = text[:5000]
    text = "\n" + text
    if _SLIDE_MARKS.search(text):
        kind = "slides"
    elif _ocr_marks(text) >= 2:
        kind = "ocr"
    elif sum(1 for ln in lines if "\t" in ln) > len(lines) * 0.2 or _MARKUP.search(text):
        kind = "converted"
    elif any(len(_FIGURE.findall(ln)) > 30 for ln in lines if len(ln) >= 185) or _WEB_CHROME.search(head):
        kind = "web"
    elif _WIRE.search(head):
        kind = "newswire"
    elif _SEC.search(head):
        kind = "sec filing"
    else:
        kind = "text"
    return kind if has_statements else kind + " excerpt"
