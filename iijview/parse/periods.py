"""Read periods from column headers: dates, 'Nine Months Ended ...', '1Q-3Q18', '1H17', 'FY18 Targets'."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from iijview.model import Period

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DATE_RE = re.compile(rf"\b(?P<month>{_MONTH})\s*(?P<day>\d{{1,2}}),?\s*(?P<year>(?:19|20)\d{{2}})\b", re.I)
DURATION_RE = re.compile(r"\b(?P<n>Three|Six|Nine|Twelve|3|6|9|12)[\s-]+Months?\s+(?:Ended|Ending)\b", re.I)
FISCAL_YEAR_RE = re.compile(r"\bFiscal\s+Year\s+(?:Ended|Ending)\b", re.I)
AS_OF_RE = re.compile(r"\bAs\s+of\b", re.I)
# IIJ's own codes: 1Q-3Q18 (nine months), 1H17, 2H17, 2Q17, FY2018 / FY18.
CODE_RE = re.compile(
    r"(?<![\w-])(?:(?P<q1>[1-4])Q\s?-\s?(?P<q2>[1-4])Q(?P<yy1>\d{2})"
    r"|(?P<h>[12])H\s?(?:FY)?(?P<yy2>\d{2,4})"
    r"|(?P<q>[1-4])Q\s?(?:FY)?(?P<yy3>\d{2,4})"
    r"|FY\s?(?P<yy4>(?:19|20)?\d{2}))(?![\w])",
)
RANGE_RE = re.compile(rf"\(?\s*(?P<m1>{_MONTH})\s*(?P<y1>(?:19|20)\d{{2}})\s*[-~]\s*(?P<m2>{_MONTH})\s*(?P<y2>(?:19|20)\d{{2}})\s*\)?", re.I)
FORECAST_RE = re.compile(r"\b(?:targets?|forecasts?|plan)\b", re.I)
_WORD_MONTHS = {"three": 3, "six": 6, "nine": 9, "twelve": 12}


def month_number(name: str) -> int:
    """Month number of 'December', 'Dec.' or 'Sept'."""
    return MONTHS[name.strip(".").lower()[:3]]


def date_of(m: re.Match | None) -> dt.date | None:
    """The date matched by DATE_RE, or None when there is no match or it is not a real date."""
    if m is None:
        return None
    try:
        return dt.date(int(m.group("year")), month_number(m.group("month")), int(m.group("day")))
    except (ValueError, KeyError):
        return None


def first_date(text: str) -> dt.date | None:
    """The first date DATE_RE finds in a text, or None when there is none or it is not a real date."""
    return date_of(DATE_RE.search(text))


def month_end(year: int, month: int) -> dt.date:
    """Last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def duration_months(m: re.Match) -> int:
    """Number of months in a DURATION_RE match."""
    n = m.group("n").lower()
    return _WORD_MONTHS.get(n) or int(n)


def _full_year(yy: str) -> int:
    y = int(yy)
    return y if y >= 1900 else 2000 + y


def code_period(m: re.Match, *, quarter_is_cumulative: bool = False) -> Period:
    """Period of an IIJ code (CODE_RE match): fiscal years run April to March."""
    if m.group("q1"):
        fy = _full_year(m.group("yy1"))
        q1, q2 = int(m.group("q1")), int(m.group("q2"))
        return Period(_quarter_end(fy, q2), 3 * (q2 - q1 + 1))
    if m.group("h"):
        fy = _full_year(m.group("yy2"))
        return Period(_quarter_end(fy, 2 if m.group("h") == "1" else 4), 6)
    if m.group("q"):
        fy = _full_year(m.group("yy3"))
        q = int(m.group("q"))
        # Only a second or third quarter can count from the start of the year ('3Q12' = nine months in
        # FY2009-FY2016 releases): a fourth quarter is never the fiscal year, which IIJ writes 'FY'.
        return Period(_quarter_end(fy, q), 3 * q if quarter_is_cumulative and q in (2, 3) else 3)
    fy = _full_year(m.group("yy4"))
    return Period(dt.date(fy + 1, 3, 31), 12)


# Words before a fiscal-year code that name a part of that year: '1st Quarter FY2012', 'Q3 FY2008',
# 'First Half FY2012', 'Nine Months FY2012'.
_PART_OF_YEAR = re.compile(
    r"(?:\b(?P<r1>[1-4])Q\s?-\s?(?P<r2>[1-4])Q"
    r"|\b(?P<qn>[1-4])(?:st|nd|rd|th)\s+Quarter|\b(?P<qw>First|Second|Third|Fourth)\s+Quarter"
    r"|\bQ(?P<qq>[1-4])|\b(?P<qc>[1-4])Q|\b(?P<hn>[12])(?:st|nd)\s+Half|\b(?P<hw>First|Second)\s+Half"
    r"|\b(?P<hc>[12])H|\b(?:First\s+)?(?P<mw>Three|Six|Nine)\s+Months)(?:\s+of)?(?:\s+the)?[\s,]*$",
    re.I)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def part_of_year(before: str, p: Period) -> Period:
    """The quarter, half or cumulative months that words just before a fiscal-year code name
    ('1st Quarter FY2012' is the three months to June 30, 2012, never the fiscal year); else p."""
    if p.months != 12:
        return p
    line = before[before.rfind("\n") + 1:][-40:]
    m = _PART_OF_YEAR.search(line)
    if m is None:
        return p
    fy = p.end.year - 1
    if m.group("r1"):
        first, last = int(m.group("r1")), int(m.group("r2"))
        return Period(_quarter_end(fy, last), 3 * (last - first + 1), p.forecast)
    q = m.group("qn") or m.group("qq") or m.group("qc")
    if q or m.group("qw"):
        q = int(q) if q else _ORDINALS[m.group("qw").lower()]
        return Period(_quarter_end(fy, q), 3, p.forecast)
    h = m.group("hn") or m.group("hc")
    if h or m.group("hw"):
        second = (h == "2") or (m.group("hw") or "").lower() == "second"
        return Period(_quarter_end(fy, 4 if second else 2), 6, p.forecast)
    months = _WORD_MONTHS[m.group("mw").lower()]
    return Period(_quarter_end(fy, months // 3), months, p.forecast)


def _quarter_end(fy: int, q: int) -> dt.date:
    """End date of fiscal quarter q of fiscal year fy (FY2018 Q3 -> Dec 31, 2018)."""
    month = (3 + 3 * q) % 12 or 12
    year = fy if q <= 3 else fy + 1
    return month_end(year, month)


def range_period(m: re.Match) -> Period:
    """Period of '(Apr. 2018 - Sep. 2018)'."""
    y1, m1 = int(m.group("y1")), month_number(m.group("m1"))
    y2, m2 = int(m.group("y2")), month_number(m.group("m2"))
    months = (y2 - y1) * 12 + (m2 - m1) + 1
    return Period(month_end(y2, m2), months)


def period_in(text: str, *, quarter_is_cumulative: bool = False) -> Period | None:
    """The single period a header cell or row label names, or None."""
    forecast = bool(FORECAST_RE.search(text))
    r = RANGE_RE.search(text)
    if r:
        p = range_period(r)
        return Period(p.end, p.months, forecast)
    end = first_date(text)
    if end:
        dur = DURATION_RE.search(text)
        if dur:
            return Period(end, duration_months(dur), forecast)
        if FISCAL_YEAR_RE.search(text):
            return Period(end, 12, forecast)
        return Period(end, 0)
    c = CODE_RE.search(text)
    if c:
        p = code_period(c, quarter_is_cumulative=quarter_is_cumulative)
        return part_of_year(text[:c.start()], Period(p.end, p.months, forecast))
    return None
