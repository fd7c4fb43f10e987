"""Turn a table's header tokens into columns: periods, change columns, units and USD translations."""
from __future__ import annotations

import re
from dataclasses import dataclass

from iijview.model import Period
from iijview.parse import periods
from iijview.parse.tokens import Tok
from iijview.parse.units import unit_of

_FORECAST = re.compile(r"target|forecast|plan\b", re.I)


@dataclass
class HeaderSlot:
    """One column as the header names it: a period, a change, or a unit only; with its tab cell."""

    kind: str                   # period | change | unit
    period: Period | None = None
    unit: tuple[str, int] | None = None
    text: str = ""
    cell: int = -1
    pct: bool = False           # a change column in per cent


def header_slots(header: list[Tok], cells: list[int], text: str, *, quarter_cumulative: bool) -> list[HeaderSlot]:
    """Read header tokens into slots in print order; units are attached afterwards."""
    slots: list[HeaderSlot] = []
    durations: list[int] = []
    fiscal = False
    for idx, tok in enumerate(header):
        cell = cells[idx] if idx < len(cells) else -1
        if tok.kind == "dur":
            m = periods.DURATION_RE.search(tok.text)
            durations.append(periods.duration_months(m) if m else 0)
        elif tok.kind == "fy":
            fiscal = True
        elif tok.kind == "date":
            d = periods.first_date(tok.text)
            if d is None:
                continue
            months = durations.pop(0) if durations else (12 if fiscal else 0)
            slots.append(HeaderSlot("period", Period(d, months, _forecast_after(header, idx, text)), text=tok.text, cell=cell))
        elif tok.kind == "code":
            m = periods.CODE_RE.search(tok.text)
            if m:
                p = periods.code_period(m, quarter_is_cumulative=quarter_cumulative)
                p = periods.part_of_year(text[max(0, tok.start - 60):tok.start], p)
                slots.append(HeaderSlot("period", Period(p.end, p.months, _forecast_after(header, idx, text)),
                                        text=tok.text, cell=cell))
        elif tok.kind == "range":
            m = periods.RANGE_RE.search(tok.text)
            if not m:
                continue
            p = periods.range_period(m)
            prev = slots[-1] if slots else None
            if prev is not None and prev.kind == "period" and prev.period and prev.period.end == p.end:
                prev.period = Period(p.end, p.months, prev.period.forecast)
            else:
                slots.append(HeaderSlot("period", Period(p.end, p.months, _forecast_after(header, idx, text)),
                                        text=tok.text, cell=cell))
        elif tok.kind == "chg":
            t = tok.text.strip()
            if t == "%" and slots and slots[-1].kind == "change":
                slots[-1].pct = True
                continue
            if t == "%":
                # a bare '%' column heading among unit headings: a change in per cent
                slots.append(HeaderSlot("change", text="YoY %", cell=cell, pct=True))
                continue
            if slots and slots[-1].kind == "change" and cell in (-1, slots[-1].cell):
                slots[-1].text += " " + t
                slots[-1].pct = slots[-1].pct or "%" in t
                continue
            slots.append(HeaderSlot("change", text=t, cell=cell, pct="%" in t))
    return slots


def _forecast_after(header: list[Tok], idx: int, text: str) -> bool:
    """True when the header words around a period say it is a target or forecast."""
    tok = header[idx]
    nxt = header[idx + 1].start if idx + 1 < len(header) else tok.end + 40
    prev = header[idx - 1].end if idx > 0 else max(0, tok.start - 20)
    return bool(_FORECAST.search(text[tok.start:min(nxt, tok.end + 40)])) or \
        bool(re.search(r"forecast", text[prev:tok.start], re.I))


def header_units(header: list[Tok], cells: list[int]) -> list[tuple[tuple[str, int], int]]:
    """Units named in the header, in order, with their tab cells."""
    out = []
    for idx, tok in enumerate(header):
        if tok.kind == "unit":
            u = unit_of(tok.text)
            if u:
                out.append((u, cells[idx] if idx < len(cells) else -1))
    return out


def subtitle_periods(text: str) -> list[Period]:
    """Periods a statement subtitle lists: '(For the nine months ended X and Y)', '(As of X and Y)'."""
    dates = [d for m in periods.DATE_RE.finditer(text) if (d := periods.date_of(m))]
    if not dates:
        return []
    dur = periods.DURATION_RE.search(text)
    months = periods.duration_months(dur) if dur else 0
    return [Period(d, months) for d in dates]
