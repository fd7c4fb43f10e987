"""Periods from every header form (IIJ's April-March fiscal year) and units from headers and labels."""
import datetime as dt

import pytest

from iijview.model import Period
from iijview.parse.periods import period_in
from iijview.parse.units import row_unit, unit_of


@pytest.mark.parametrize("text, end, months, forecast", [
    ("Nine Months Ended December 31, 2018", dt.date(2018, 12, 31), 9, False),
    ("Six Months Ended September 30, 2017", dt.date(2017, 9, 30), 6, False),
    ("Three Months Ended December 31, 2017", dt.date(2017, 12, 31), 3, False),
    ("As of March 31, 2018", dt.date(2018, 3, 31), 0, False),
    ("Mar. 31, 2018", dt.date(2018, 3, 31), 0, False),
    ("As of Dec. 31, 2020", dt.date(2020, 12, 31), 0, False),
    ("1Q-3Q18", dt.date(2018, 12, 31), 9, False),
    ("1H17", dt.date(2017, 9, 30), 6, False),
    ("2Q17", dt.date(2017, 9, 30), 3, False),
    ("3Q12", dt.date(2012, 12, 31), 3, False),
    ("4Q17", dt.date(2018, 3, 31), 3, False),
    ("FY2018", dt.date(2019, 3, 31), 12, False),
    ("FY18 Targets (Apr. 2018 - Mar. 2019)", dt.date(2019, 3, 31), 12, True),
    ("1H18 Results (Apr. 2018 - Sep. 2018)", dt.date(2018, 9, 30), 6, False),
    ("Fiscal Year Ending March 31, 2019 (forecast)", dt.date(2019, 3, 31), 12, True),
    ("Fiscal Year Ended March 31, 2018", dt.date(2018, 3, 31), 12, False),
])
def test_period_headers(text, end, months, forecast):
    assert period_in(text) == Period(end, months, forecast)


def test_old_style_quarter_code_can_mean_cumulative():
    from iijview.parse.periods import CODE_RE, code_period
    m = CODE_RE.search("3Q12")
    assert code_period(m, quarter_is_cumulative=True) == Period(dt.date(2012, 12, 31), 9)


def test_period_labels():
    assert Period(dt.date(2018, 12, 31), 9).label() == "9M to Dec 31, 2018"
    assert Period(dt.date(2018, 3, 31), 0).label() == "As of Mar 31, 2018"
    assert Period(dt.date(2018, 12, 31), 9).fiscal_label() == "1Q-3Q18"
    assert Period(dt.date(2017, 9, 30), 6).fiscal_label() == "1H17"


@pytest.mark.parametrize("text, unit", [
    ("Thousands of JPY", ("JPY", 1000)),
    ("Thousands of yen", ("JPY", 1000)),
    ("JPY millions", ("JPY", 1_000_000)),
    ("Millions of yen", ("JPY", 1_000_000)),
    ("Unit: JPY billion", ("JPY", 1_000_000_000)),
    ("(JPY in millions)", ("JPY", 1_000_000)),
    ("Thousands of U.S. Dollars", ("USD", 1000)),
    # a scale caption split around the table's title (FY2007-FY2010 newswire tables)
    ("(JPY in Operating Results Summary millions)", ("JPY", 1_000_000)),
    ("(JPY in          Revenues           millions)", ("JPY", 1_000_000)),
    ("(JPY in SG&A and Other Expenses thousands)", ("JPY", 1_000)),
    ("(in millions of yen)", ("JPY", 1_000_000)),
    ("(Millions of yen, except per share amounts)", ("JPY", 1_000_000)),
    ("(Yen in millions)", ("JPY", 1_000_000)),
    ("(JPY in the first half)", None),
])
def test_header_units(text, unit):
    assert unit_of(text) == unit


@pytest.mark.parametrize("label, unit", [
    ("BASIC NET INCOME PER SHARE (JPY)", ("JPY/share", 1)),
    ("Basic earnings per share (yen)", ("JPY/share", 1)),
    ("BASIC WEIGHTED-AVERAGE NUMBER OF SHARES (shares)", ("shares", 1)),
    ("DILUTED WEIGHTED-AVERAGE NUMBER OF ADS EQUIVALENTS (ADSs)", ("shares", 1)),
    ("Total contracted bandwidth (Gbps)", ("Gbps", 1)),
    ("Total revenues", None),
])
def test_row_units(label, unit):
    assert row_unit(label) == unit
