"""Highlights and targets printed as sentences: 'Revenues JPY139.4 billion (up 9.2% YoY)'."""
from __future__ import annotations

import re

from iijview.model import Column, LineItem, Period, Statement
from iijview.parse import labels, periods
from iijview.parse.build import Doc
from iijview.parse.numbers import parse_number

_ROW = re.compile(
    r"(?P<label>[A-Z][A-Za-z0-9&/()'\- ]{2,80}?)[ \t]+JPY\s?(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>billion|million)"
    r"[ \t]*\((?:\\?\$[\d,.]+\s*(?:million|billion),?\s*)?(?P<dir>up|down)\s+(?P<pct>\d+(?:\.\d+)?)%\s*YoY\d?\)"
    r"|(?P<dlabel>Annual Cash Dividends?|Cash Dividends? per (?:Common )?Share)[ \t]+JPY\s?(?P<dps>\d+(?:\.\d+)?)"
    r"(?:\s+per\s+(?:common\s+)?share)?")
_SCALE = {"billion": 1_000_000_000, "million": 1_000_000}


def prose_statements(text: str, doc: Doc, heads: list[tuple[int, str]], modern: bool) -> list[Statement]:
    """Statements read from highlight and target sentences after their headings."""
    out: list[Statement] = []
    for n, (pos, sid) in enumerate(heads):
        if sid not in ("highlights", "targets"):
            continue
        end = heads[n + 1][0] if n + 1 < len(heads) else len(text)
        region_end = min(end, pos + 2500)
        code = periods.CODE_RE.search(text, pos, min(region_end, pos + 160))
        if code is None:
            continue
        after = re.match(r"\s*\((?:3|three) months\)", text[code.end():code.end() + 20], re.I)
        title_end = code.end() + (after.end() if after else 0)
        period = _period(text[pos:title_end], sid, modern)
        st = _statement(text, doc, sid, title_end, region_end, period)
        if st is not None:
            out.append(st)
    return out


def _period(title: str, sid: str, modern: bool) -> Period | None:
    three = bool(re.search(r"\(3 months\)", title, re.I))
    m = periods.CODE_RE.search(title)
    if not m:
        return None
    p = periods.code_period(m, quarter_is_cumulative=not modern and not three)
    return Period(p.end, p.months, sid == "targets")


def _statement(text: str, doc: Doc, sid: str, start: int, end: int, period: Period | None) -> Statement | None:
    items: list[LineItem] = []
    last = start
    for m in _ROW.finditer(text, start, end):
        if items and m.start() - last > 60:
            break  # the sentences stopped: the rest is prose
        last = m.end()
        items.append(_row(m, doc, sid))
    if len(items) < 2 or period is None:
        return None
    base = next((it.scale for it in items if it.unit is None and it.scale is not None), 1_000_000_000)
    for it in items:
        if it.unit is None and it.scale == base:
            it.scale = None
    cols = [Column("v", period, "JPY", base, header=period.label()),
            Column("chg", period, "%", 1, role="change", header="YoY %")]
    line = items[0].line
    return Statement(sid, sid, "", columns=cols, items=items, line=line, end_line=items[-1].line)


def _row(m: re.Match, doc: Doc, sid: str) -> LineItem:
    from iijview.parse.build import make_cell
    from iijview.parse.tokens import Tok

    def tok(group: str, sign: float = 1.0):
        a, b = m.span(group)
        num = parse_number(m.group(group))
        t = Tok("num", a, b, m.group(group), doc_line(doc, a), num)
        cell = make_cell(t, doc)
        if cell.value is not None:
            cell.value *= sign
        return cell

    if m.group("dlabel"):
        label = labels.clean_label(m.group("dlabel"))
        item = LineItem(label=label, item=labels.canonical_item(sid, label, ""), unit="JPY/share", scale=1)
        item.cells["v"] = tok("dps")
    else:
        label = labels.clean_label(re.sub(r"(?<=[a-z])\d$", "", m.group("label").strip()))
        item = LineItem(label=label, item=labels.canonical_item(sid, label, ""), scale=_SCALE[m.group("scale")])
        item.cells["v"] = tok("value")
        item.cells["chg"] = tok("pct", -1.0 if m.group("dir") == "down" else 1.0)
    item.line = next(iter(item.cells.values())).line
    return item


def doc_line(doc: Doc, offset: int) -> int:
    """1-based line of a normalised offset."""
    return doc.text.count("\n", 0, offset) + 1
