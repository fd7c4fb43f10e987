"""Helpers for golden tests: load a bundled sample once and look up one printed value."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"
WEB_2018 = SAMPLES / "2018-12_9m_fy2018_web_usgaap.txt"
OCR_2017 = SAMPLES / "2017-09_6m_fy2017_ocr_usgaap.txt"
IFRS_2020 = SAMPLES / "2020-12_9m_fy2020_web_ifrs.txt"
CONV_2012 = SAMPLES / "2012-12_9m_fy2012_converted_usgaap.txt"
SLIDES_2018 = SAMPLES / "2018-09_6m_fy2018_slides_usgaap.txt"
ALL = (WEB_2018, OCR_2017, IFRS_2020, CONV_2012, SLIDES_2018)


@lru_cache(maxsize=None)
def release(path: Path):
    """The parsed sample (parse only, no checks), cached for the session."""
    from iijview.loader import load_release
    return load_release(path, checks=False)


def cell(path: Path, statement: str, label: str, end: str, months: int, *, unit: str | None = None,
         role: str = "value"):
    """The cell of a row (canonical item id or label as printed) at a period end and length."""
    rel = release(path)
    st = rel.statement(statement)
    want = dt.date.fromisoformat(end)
    for row in st.items:
        if row.item != label and row.label != label:
            continue
        for col in sorted(st.columns, key=lambda c: c.member == "previous"):  # a revised figure before the old
            if col.role != role or col.period is None:
                continue
            if (unit and col.unit != unit) or (not unit and col.unit == "USD"):
                continue
            if col.period.end == want and col.period.months == months and col.key in row.cells:
                return row.cells[col.key]
    raise AssertionError(f"no {label!r} at {end}/{months} in {statement}: "
                         f"{[r.label for r in st.items]}")
