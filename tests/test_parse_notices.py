"""Notice matrices (issue 10, form 7): target revisions and results differences in the Tokyo Stock Exchange
form, written for these tests in the layouts real notices use, with invented figures read off by hand."""
from __future__ import annotations

from iijview.loader import load_text

M = 1_000_000

PIPES = """TOKYO, Nov. 10, 2016 (GLOBE NEWSWIRE) -- Internet Initiative Japan Inc. ("IIJ") announced large differences \
between financial results for the six months ended September 30, 2016 and September 30, 2015 and revision of the full year \
financial targets for the fiscal year ending March 31, 2017 (April 1, 2016 to March 31, 2017).
1. Differences between Financial Results for the Six Months ended September 30, 2016 and September 30, 2015
|Revenues
|Operating Income
|Income before Income Tax Expense
|
Net Income attributable
to IIJ
|
Basic Net Income per
Share
|JPY millions
|JPY millions
|JPY millions
|JPY millions
|JPY
|
For the six months
ended September 30,
2015 (A)
|61,250
|2,110
|1,980
|1,305
|28.41
|
For the six months
ended September 30,
2016 (B)
|66,020
|3,005
|2,840
|1,880
|40.93
|Change (B-A)
|4,770
|895
|860
|575
|--
|Change (%)
|7.8
|42.4
|43.4
|44.1
|--
2. Revision for the Consolidated Financial Targets for FY2016 (From April 1, 2016 to March 31, 2017)
|Revenues
|Operating Income
|Income before Income Tax Expense
|
Net Income attributable
to IIJ
|
Basic Net Income per
Share
|JPY millions
|JPY millions
|JPY millions
|JPY millions
|JPY
|Previous Target (A)
|135,000
|5,800
|5,300
|3,400
|74.02 (*)
|New Target (B)
|137,000
|6,500
|6,100
|3,900
|84.91 (*)
|Change (B-A)
|2,000
|700
|800
|500
|--
"""

# The same kind of notice flattened onto one line a block, its header words interleaved column by column.
FLAT = """TOKYO, Oct. 23, 2009 (GLOBE NEWSWIRE) -- Internet Initiative Japan Inc. ("IIJ") today announced that it has \
revised its first half FY2009 consolidated financial targets from the initial target announced on May 15, 2009.
1. Revision for Consolidated Financial Targets for FY2009
(1H FY2009 (From April 1, 2009 to September 30, 2009))
----------------------------------------------------------- Income before Basic Income Net Tax Income Operating \
Expense Net per Revenues Income (Benefit) Income Share ---------------------------------------- JPY JPY JPY JPY \
millions millions millions millions JPY ---------------------------------------- Previous Target (A) 33,000 1,200 \
1,000 450 2,210.40 ------------------------------------------ New Target (B) 32,100 1,500 1,320 610 2,996.31 \
------------------------------------------ Change (B-A) (900) 300 320 160 -- ----------------------------------- \
Change (%) (2.7%) 25.0% 32.0% 35.6% -- ------------------------------------ (Reference) 34,400 1,150 990 520 \
2,554.85 Results for 1H FY2008 -----------------------------------------------------------
"""


def _facts(text: str) -> set[tuple]:
    df = load_text(text, "notice.txt", checks=False).facts
    return {(r.statement, r.item, r.column, r.period_end, int(r.months), r.value, int(r.scale), r.unit)
            for r in df.itertuples()}


def test_pipe_cells_one_a_line():
    got = _facts(PIPES)
    expected = {
        ("highlights", "total_revenues", "", "2015-09-30", 6, 61_250, M, "JPY"),
        ("highlights", "total_revenues", "", "2016-09-30", 6, 66_020, M, "JPY"),
        ("highlights", "net_income_attributable", "", "2016-09-30", 6, 1_880, M, "JPY"),
        ("highlights", "basic_eps", "", "2016-09-30", 6, 40.93, 1, "JPY/share"),
        ("targets", "total_revenues", "previous", "2017-03-31", 12, 135_000, M, "JPY"),
        ("targets", "total_revenues", "", "2017-03-31", 12, 137_000, M, "JPY"),
        ("targets", "operating_income", "", "2017-03-31", 12, 6_500, M, "JPY"),
        ("targets", "basic_eps", "previous", "2017-03-31", 12, 74.02, 1, "JPY/share"),
        ("targets", "basic_eps", "", "2017-03-31", 12, 84.91, 1, "JPY/share"),
    }
    assert expected <= got
    # the change rows are no figures of their own
    assert not any(f[5] in (4_770, 2_000, 7.8) for f in got)


def test_flattened_with_interleaved_header_words():
    got = _facts(FLAT)
    expected = {
        ("targets", "total_revenues", "previous", "2009-09-30", 6, 33_000, M, "JPY"),
        ("targets", "total_revenues", "", "2009-09-30", 6, 32_100, M, "JPY"),
        ("targets", "income_before_tax", "", "2009-09-30", 6, 1_320, M, "JPY"),
        ("targets", "net_income", "", "2009-09-30", 6, 610, M, "JPY"),
        ("targets", "basic_eps", "", "2009-09-30", 6, 2_996.31, 1, "JPY/share"),
        ("highlights", "total_revenues", "", "2008-09-30", 6, 34_400, M, "JPY"),
        ("highlights", "basic_eps", "", "2008-09-30", 6, 2_554.85, 1, "JPY/share"),
    }
    assert expected <= got
    assert not any(f[5] in (-900, -2.7) for f in got)
    assert all(f[6] == M or f[7] == "JPY/share" for f in got)  # never read in yen


def test_a_matrix_without_its_unit_is_not_guessed():
    text = PIPES.replace("|JPY millions\n", "|\n")
    got = _facts(text)
    assert not any(f[0] == "targets" for f in got)


DIVIDENDS = """TOKYO, Nov. 8, 2019 (GLOBE NEWSWIRE) -- Internet Initiative Japan Inc. ("IIJ") announces that its Board of \
Directors today resolved upon the interim dividend and revised the year-end dividend forecast for the fiscal year ending \
March 31, 2020.

2.    Revised Forecast of Year-end Dividend

  Dividend per share
  2Q-end Year-end Total
Previous Forecast (Disclosed on May 14, 2019) JPY12.00 JPY12.00 JPY24.00
Revised Forecast   JPY14.00 JPY26.00
Results for the fiscal year ending March 31, 2020 JPY12.00
Results for the fiscal year ended March 31, 2019 JPY11.00(*1) JPY12.50 JPY23.50

3.    Reason
"""


def test_a_dividend_forecast_revision():
    got = {f for f in _facts(DIVIDENDS) if f[0] == "dividends"}
    assert {
        ("dividends", "dividend_q2", "previous", "2020-03-31", 12, 12.0, 1, "JPY/share"),
        ("dividends", "dividend_per_share", "previous", "2020-03-31", 12, 24.0, 1, "JPY/share"),
        # the revised forecast leaves out the interim already paid: its figures are the year-end and the total
        ("dividends", "dividend_year_end", "", "2020-03-31", 12, 14.0, 1, "JPY/share"),
        ("dividends", "dividend_per_share", "", "2020-03-31", 12, 26.0, 1, "JPY/share"),
        ("dividends", "dividend_q2", "", "2019-03-31", 12, 11.0, 1, "JPY/share"),
        ("dividends", "dividend_per_share", "", "2019-03-31", 12, 23.5, 1, "JPY/share"),
    } <= got
    # the section number below the table is no figure, and a row of one figure in three is not placed
    assert not any(f[5] == 3 for f in got)
    assert ("dividends", "dividend_q2", "", "2020-03-31", 12, 12.0, 1, "JPY/share") not in got
