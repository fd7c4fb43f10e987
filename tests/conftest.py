"""Shared test setup: a temporary workspace for every test, offscreen Qt, a tiny hand-made release."""
from __future__ import annotations

import datetime as dt
import hashlib
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _iijview_home(tmp_path_factory, monkeypatch):
    """Every test gets its own IIJVIEW_HOME, so nothing touches the real user data folder."""
    home = tmp_path_factory.mktemp("iijview_home")
    monkeypatch.setenv("IIJVIEW_HOME", str(home))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return home


def build_tiny_release(name: str = "tiny.txt"):
    """A two-statement release built by hand, with source text and character spans."""
    from iijview.model import Cell, Column, LineItem, Period, Release, Statement

    lines = ["Tiny release for tests",
             "Statement of income (JPY thousands)",
             "Revenues 100,000 120,000",
             "Cost of revenues (80,000) (90,000)",
             "Gross margin 20,000 30,000",
             "Balance sheet",
             "Cash 5,000"]
    text = "\n".join(lines) + "\n"

    def cell(line_no: int, token: str, value):
        line_start = sum(len(x) + 1 for x in lines[:line_no - 1])
        start = line_start + lines[line_no - 1].index(token)
        return Cell(text=token, value=value, line=line_no, start=start, end=start + len(token))

    p17 = Period(dt.date(2017, 12, 31), 9)
    p18 = Period(dt.date(2018, 12, 31), 9)
    cols = [Column("c17", p17, scale=1000), Column("c18", p18, scale=1000)]
    inc = Statement("income_statement", "income_statement", "Statement of income", columns=cols,
                    line=2, end_line=5)
    inc.items = [
        LineItem("Revenues", item="revenues", line=3,
                 cells={"c17": cell(3, "100,000", 100000), "c18": cell(3, "120,000", 120000)}),
        LineItem("Cost of revenues", item="cost_of_revenues", level=1, line=4,
                 cells={"c17": cell(4, "(80,000)", -80000), "c18": cell(4, "(90,000)", -90000)}),
        LineItem("Gross margin", item="gross_margin", is_total=True, line=5,
                 cells={"c17": cell(5, "20,000", 20000), "c18": cell(5, "30,000", 30000)}),
    ]
    bs = Statement("balance_sheet", "balance_sheet", "Balance sheet",
                   columns=[Column("b18", Period(dt.date(2018, 12, 31)), scale=1000)], line=6)
    bs.items = [LineItem("Cash", item="cash", line=7, cells={"b18": cell(7, "5,000", 5000)})]
    data = text.encode()
    return Release(path=name, text=text, sha256=hashlib.sha256(data).hexdigest(),
                   fiscal_period=p18, standard="U.S. GAAP", layout="web", statements=[inc, bs])


@pytest.fixture
def tiny_release():
    """Factory for a fresh hand-made release (call it to get a new, unmodified copy)."""
    return build_tiny_release
