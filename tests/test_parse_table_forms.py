"""Statement and summary tables in every form IIJ has printed them, as small releases written here.

Each text is our own, in the shape of a real release of its years, with our own numbers; every
expected value below was read off the text by hand. Forms: summary tables framed by dashed rules
(one row a line, or a whole table flattened onto one line), scale headings in every wording (split
around the title, 'Unit: JPY billion', '(in millions of yen)', ...), TSE summary tables whose
prior-year row has no % cells, period codes in table headers, and OCR statement rows wrapped
around their figures or printed before a page break.
"""
from __future__ import annotations

import datetime as dt

import pytest

from iijview.model import Period
from iijview.parse import parse_bytes
from iijview.parse.periods import CODE_RE, code_period, period_in


def parse(text: str):
    return parse_bytes(text.encode("utf-8"), "release.txt")


def fact(release, statement: str, item: str, end: str, months: int, *, role: str = "value"):
    """(value, unit, scale) of a row (item id or label) in the column of a period and role."""
    st = release.statement(statement)
    want = dt.date.fromisoformat(end)
    for row in st.items:
        if item not in (row.item, row.label):
            continue
        for col in st.columns:
            if col.role == role and col.period and col.period.end == want and col.period.months == months \
                    and col.key in row.cells:
                return row.cells[col.key].value, row.unit or col.unit, row.scale or col.scale
    raise AssertionError(f"no {item} at {end}/{months} ({role}) in {statement}: "
                         f"{[(r.label, r.item) for r in st.items]} {[c.title() for c in st.columns]}")


# ---------------------------------------------------------------------------------------------
# Form 9: summary tables framed by dashed rules, the scale named by a heading split around the title
# ---------------------------------------------------------------------------------------------

RULE = "-" * 69
FIRST_QUARTER_FY2008 = """IIJ Announces First Quarter Results for the Fiscal Year Ending March 31, 2009

TOKYO -- Internet Initiative Japan Inc. ("IIJ") today announced its financial results for the three months ended June 30, 2008.

""" + RULE + """
(JPY in          Operating Results Summary           millions)
""" + RULE + """
                          1Q08        1Q07      YoY % change
""" + RULE + """
Total Revenues          17,210      15,311        12.4%
""" + RULE + """
Total Costs             14,020      12,100        15.9%
""" + RULE + """
SG&A Expenses and R&D    2,700       2,300        17.4%
""" + RULE + """
Operating Income           490         911       (46.2%)
""" + RULE + """
Income before Income Tax Expense   420   880     (52.3%)
""" + RULE + """
Net Income                 230         610       (62.3%)
""" + RULE + """

(JPY in       Revenues       millions)
""" + RULE + """
                          1Q08        1Q07      YoY % change
""" + RULE + """
Total Revenues:         17,210      15,311        12.4%
""" + RULE + """
Connectivity and Outsourcing Services   9,100   7,800   16.7%
""" + RULE + """
SI                       7,900       7,300         8.2%
""" + RULE + """
Equipment Sales            210         211        (0.5%)
""" + RULE + "\n"

# The same release as a newswire page flattens it: each table on one line, the rules inline.
FIRST_QUARTER_FY2008_FLAT = """IIJ Announces First Quarter Results for the Fiscal Year Ending March 31, 2009

TOKYO -- Internet Initiative Japan Inc. ("IIJ") today announced its financial results for the three months ended June 30, 2008.

""" + " ".join([
    RULE, "(JPY in Operating Results Summary millions)", RULE, "1Q08 1Q07 YoY % change", RULE,
    "Total Revenues 17,210 15,311 12.4%", RULE, "Total Costs 14,020 12,100 15.9%", RULE,
    "SG&A Expenses and R&D 2,700 2,300 17.4%", RULE, "Operating Income 490 911 (46.2%)", RULE,
    "Income before Income Tax Expense 420 880 (52.3%)", RULE, "Net Income 230 610 (62.3%)", RULE]) + "\n" + " ".join([
    "(JPY in Revenues millions)", RULE, "1Q08 1Q07 YoY % change", RULE, "Total Revenues: 17,210 15,311 12.4%",
    RULE, "Connectivity and Outsourcing Services 9,100 7,800 16.7%", RULE, "SI 7,900 7,300 8.2%", RULE,
    "Equipment Sales 210 211 (0.5%)", RULE]) + "\n"

# FY2007 full-year release: the caption before the title, the change heading split over the periods.
FULL_YEAR_FY2007 = """IIJ Announces Full Year and Fourth Quarter Results for the Fiscal Year Ended March 31, 2008

TOKYO -- Internet Initiative Japan Inc. ("IIJ") today announced its full year and fourth quarter financial results for the fiscal year ended March 31, 2008 ("FY2007").

Results of Operations (JPY in millions) Operating Results Summary """ + " ".join([
    RULE, "YoY % 4Q07 4Q06 change", RULE, "Total Revenues 19,120 17,640 8.4%", RULE,
    "Total Costs 15,300 14,250 7.4%", RULE, "Operating Income 1,650 1,080 52.8%", RULE,
    "Net Income 980 1,130 (13.3%)", RULE]) + "\n"

# FY2007 third-quarter release: the quarter alone, captions after the title, a revenues table below.
THIRD_QUARTER_FY2007 = """IIJ Announces Third Quarter Results for the Fiscal Year Ending March 31, 2008

TOKYO -- Internet Initiative Japan Inc. ("IIJ") today announced its financial results for the three months ended December 31, 2007 ("3Q07").

Results of Operation Operating Results Summary (JPY in millions) """ + " ".join([
    RULE, "3Q07 3Q06 YoY % change", RULE, "Total Revenues 18,040 14,120 27.8%", RULE,
    "Operating Income 1,210 1,005 20.4%", RULE, "Income before Income Tax Expense(3) 1,100 1,650 (33.3%)", RULE,
    "Net Income 640 1,320 (51.5%)", RULE]) + "\n" + \
    "Revenues (JPY in millions) " + " ".join([
        RULE, "3Q07 3Q06 YoY % change", RULE, "Total Revenues: 18,040 14,120 27.8%", RULE,
        "Connectivity and Value-added Services 8,150 6,630 22.9%", RULE, "Systems Integration 9,500 7,120 33.4%",
        RULE]) + "\n"



@pytest.mark.parametrize("text", [FIRST_QUARTER_FY2008, FIRST_QUARTER_FY2008_FLAT], ids=["lines", "flattened"])
def test_dashed_summary_reads_in_the_split_headings_scale(text):
    rel = parse(text)
    this, prior = ("2008-06-30", 3), ("2007-06-30", 3)
    assert fact(rel, "operating_summary", "total_revenues", *this) == (17_210, "JPY", 1_000_000)
    assert fact(rel, "operating_summary", "total_revenues", *prior) == (15_311, "JPY", 1_000_000)
    assert fact(rel, "operating_summary", "operating_income", *this)[0] == 490
    assert fact(rel, "operating_summary", "income_before_tax", *prior)[0] == 880
    assert fact(rel, "operating_summary", "net_income", *this)[0] == 230
    assert fact(rel, "operating_summary", "sga", *prior)[0] == 2_300
    # '(46.2%)' is a fall
    assert fact(rel, "operating_summary", "operating_income", *this, role="change") == (-46.2, "%", 1)
    assert fact(rel, "operating_summary", "total_revenues", *this, role="change")[0] == 12.4
    labels = [r.label for r in rel.statement("operating_summary").items]
    assert labels == ["Total Revenues", "Total Costs", "SG&A Expenses and R&D", "Operating Income",
                      "Income before Income Tax Expense", "Net Income"]  # no rule, caption or stray ')' in a label


@pytest.mark.parametrize("text", [FIRST_QUARTER_FY2008, FIRST_QUARTER_FY2008_FLAT], ids=["lines", "flattened"])
def test_table_under_its_own_caption_is_a_table_of_its_own(text):
    rel = parse(text)
    revenues = rel.statement("operating_summary:2")
    assert [r.label for r in revenues.items] == ["Total Revenues:", "Connectivity and Outsourcing Services", "SI",
                                               "Equipment Sales"][:len(revenues.items)]
    assert fact(rel, "operating_summary:2", "SI", "2008-06-30", 3) == (7_900, "JPY", 1_000_000)
    assert fact(rel, "operating_summary:2", "Connectivity and Outsourcing Services", "2007-06-30", 3)[0] == 7_800
    assert fact(rel, "operating_summary:2", "Equipment Sales", "2008-06-30", 3, role="change")[0] == -0.5
    assert len(rel.statement("operating_summary").items) == 6


def test_nothing_below_a_rule_continues_the_row_above_it():
    text = FIRST_QUARTER_FY2008_FLAT.replace(
        "SI 7,900 7,300 8.2%", "SI 7,900 7,300 8.2% " + RULE + " of which systems operation 4,100 3,650 12.3%")
    rel = parse(text)
    labels = [r.label for r in rel.statement("operating_summary:2").items]
    assert "SI" in labels and "of which systems operation" in labels
    assert fact(rel, "operating_summary:2", "of which systems operation", "2008-06-30", 3)[0] == 4_100


UNITS_FIRST_PAGE_BREAK = """IIJ Announces Nine Months Financial Results for the Fiscal Year Ending March 31, 2011

TOKYO -- Internet Initiative Japan Inc. today announced its consolidated financial results for the nine months ended December 31, 2010.

Consolidated Statements of Income (Unaudited)
Thousands of JPY Thousands of JPY Nine Months Ended December 31, 2009 Nine Months Ended December 31, 2010 REVENUES: Network services 40,100,200 44,300,100 Systems integration 20,400,300 22,100,900 Total revenues 60,500,500 66,401,000 Thousands of JPY Thousands of JPY Nine Months Ended December 31, 2009 Nine Months Ended December 31, 2010 OPERATING INCOME 3,100,000 3,600,000 NET INCOME 1,800,000 2,100,000
"""


def test_header_repeated_after_a_page_break_units_first_continues_the_statement():
    rel = parse(UNITS_FIRST_PAGE_BREAK)
    assert [st.key for st in rel.statements if st.id == "income_statement"] == ["income_statement"]
    assert fact(rel, "income_statement", "net_income", "2010-12-31", 9) == (2_100_000, "JPY", 1_000)
    assert fact(rel, "income_statement", "total_revenues", "2009-12-31", 9)[0] == 60_500_500


def test_fourth_quarter_code_is_the_quarter_never_the_fiscal_year():
    rel = parse(FULL_YEAR_FY2007)
    st = rel.statement("operating_summary")
    assert {c.period for c in st.columns if c.role == "value"} == {
        Period(dt.date(2008, 3, 31), 3), Period(dt.date(2007, 3, 31), 3)}
    assert fact(rel, "operating_summary", "total_revenues", "2008-03-31", 3) == (19_120, "JPY", 1_000_000)
    assert fact(rel, "operating_summary", "operating_income", "2007-03-31", 3)[0] == 1_080
    assert fact(rel, "operating_summary", "net_income", "2008-03-31", 3, role="change")[0] == -13.3


def test_third_quarter_code_in_a_quarter_release_is_three_months():
    rel = parse(THIRD_QUARTER_FY2007)
    assert fact(rel, "operating_summary", "total_revenues", "2007-12-31", 3) == (18_040, "JPY", 1_000_000)
    assert fact(rel, "operating_summary", "net_income", "2006-12-31", 3)[0] == 1_320
    assert fact(rel, "operating_summary", "net_income", "2007-12-31", 3, role="change")[0] == -51.5
    # a footnote mark glued to the label ('Expense(3)') is no figure: the row keeps its three
    assert fact(rel, "operating_summary", "income_before_tax", "2007-12-31", 3)[0] == 1_100
    assert fact(rel, "operating_summary", "income_before_tax", "2006-12-31", 3)[0] == 1_650
    assert fact(rel, "operating_summary", "income_before_tax", "2007-12-31", 3, role="change")[0] == -33.3
    assert fact(rel, "operating_summary:2", "Systems Integration", "2007-12-31", 3) == (9_500, "JPY", 1_000_000)
    assert fact(rel, "operating_summary:2", "Connectivity and Value-added Services", "2006-12-31", 3)[0] == 6_630


# Scale headings in every wording IIJ used; the figures are the same, the scale comes from the heading.
SCALED_TABLE = """IIJ Announces First Six Months Financial Results for the Fiscal Year Ending March 31, 2015

TOKYO -- Internet Initiative Japan Inc. ("IIJ") today announced its consolidated financial results for the six months ended September 30, 2014.

Operating Results Summary
{caption}
\t1H13\t1H14\tYoY Change
Total revenues\t54,100\t60,800\t12.4%
Operating income\t3,000\t2,310\t(23.0%)
Net income attributable to IIJ\t2,200\t1,450\t(34.1%)
"""
SCALE_CAPTIONS = [
    ("(JPY millions)", 1_000_000), ("(in millions of yen)", 1_000_000), ("(Millions of yen)", 1_000_000),
    ("(JPY in millions)", 1_000_000), ("Unit: JPY million", 1_000_000), ("(Yen in millions)", 1_000_000),
    ("(JPY in Operating Results Summary millions)", 1_000_000), ("(in thousands of yen)", 1_000),
    ("Unit: JPY billion", 1_000_000_000),
]


@pytest.mark.parametrize("caption, scale", SCALE_CAPTIONS, ids=[c for c, _ in SCALE_CAPTIONS])
def test_scale_always_comes_from_the_heading(caption, scale):
    rel = parse(SCALED_TABLE.format(caption=caption))
    assert fact(rel, "operating_summary", "total_revenues", "2014-09-30", 6) == (60_800, "JPY", scale)
    assert fact(rel, "operating_summary", "operating_income", "2013-09-30", 6) == (3_000, "JPY", scale)
    assert fact(rel, "operating_summary", "net_income_attributable", "2014-09-30", 6, role="change")[0] == -34.1


def test_summary_table_without_any_unit_heading_is_read_in_millions_and_says_so():
    rel = parse(SCALED_TABLE.format(caption=""))
    assert fact(rel, "operating_summary", "total_revenues", "2014-09-30", 6) == (60_800, "JPY", 1_000_000)
    assert [f.rule for f in rel.findings if f.line == rel.statement("operating_summary").line] == ["unit_assumed"]
    assert not any(f.rule == "unit_assumed" for f in parse(SCALED_TABLE.format(caption="(JPY millions)")).findings)


# ---------------------------------------------------------------------------------------------
# Form 10: TSE summary tables, periods as rows; a prior-year row without its % cells stays aligned
# ---------------------------------------------------------------------------------------------

TSE_TABBED = """IIJ Announces Nine Months Financial Results for the Fiscal Year Ending March 31, 2011

TOKYO -- Internet Initiative Japan Inc. today announced its consolidated financial results for the nine months ended December 31, 2010.

1. Consolidated Financial Results for the Nine Months Ended December 31, 2010

(1) Consolidated Results of Operations

\tTotal Revenues\tOperating Income\tIncome before Income Tax Expense\tNet Income attributable to IIJ
\tJPY millions\t%\tJPY millions\t%\tJPY millions\t%\tJPY millions\t%
Nine Months Ended December 31, 2010\t50,100\t5.2\t2,050\t(3.1)\t1,900\t-\t1,020\t12.0
Nine Months Ended December 31, 2009\t47,600\t\t2,115\t\t1,880\t\t910\t

(2) Consolidated Financial Position

\tTotal Assets\tTotal Equity\tTotal IIJ Shareholders' Equity\tTotal IIJ Shareholders' Equity to Total Assets
\tJPY millions\tJPY millions\tJPY millions\t%
As of December 31, 2010\t70,500\t33,100\t33,000\t46.8
As of March 31, 2010\t66,900\t31,800\t31,700\t47.4
"""

# A web page flattens the table onto one line; the prior-year row prints no % at all.
TSE_FLAT_NO_SIGNS = """IIJ Announces its Nine Months Financial Results for the Fiscal Year Ending March 31, 2020

TOKYO -- Internet Initiative Japan Inc. today announced its consolidated financial results for the nine months ended December 31, 2019 under International Financial Reporting Standards (IFRS).

1. Consolidated Financial Results for the Nine Months Ended December 31, 2019 (April 1, 2019 to December 31, 2019) (1) Consolidated Results of Operations (Millions of yen, except per share amounts. % shown is YoY change) Revenues Operating profit Profit before tax Profit attributable to owners of the parent Nine Months ended December 31, 2019 150,700 7.9 6,060 10.0 5,610 0.8 3,354 (3.3) Nine Months ended December 31, 2018 139,680 6,000 5,570 3,470
"""

TSE_FLAT_SIGNS = TSE_FLAT_NO_SIGNS.replace(
    "150,700 7.9 6,060 10.0 5,610 0.8 3,354 (3.3)", "150,700 7.9 % 6,060 10.0 % 5,610 0.8 % 3,354 (3.3 )%")

# OCR of the PDF: one row a line, the period label wrapped; one % missing in the current row too.
TSE_OCR = """IIJ Announces First Six Months Financial Results for the Fiscal Year Ending March 31, 2016

TOKYO -- Internet Initiative Japan Inc. today announced its consolidated financial results for the six months ended September 30, 2015.

(1) Consolidated Results of Operations (% shown is YoY change)

Total revenues
Operating income
Income before income tax expense
Net income attributable to IIJ

JPY millions % JPY millions % JPY millions % JPY millions %
Six months ended
September 30, 2015 65,300 11.2 1,820 (30.4) 1,990 1,210 2.5
Six months ended
September 30, 2014 58,720 2,615 2,555 1,180
"""


# A full-year TSE summary of the first IFRS year: headings wrapped word by word over many lines, the
# prior year printed without any % (it had none under the new standard), then ratios, position, cash flows.
TSE_FULL_YEAR_IFRS = """Earnings release for the Fiscal Year Ended March 31, 2019 [Under IFRS]

TOKYO, June 28, 2019 -- Internet Initiative Japan Inc. This document provides selected financial information prepared under IFRS for the fiscal year ended March 31, 2019.

(Amounts of less than JPY one million are rounded)

1. Consolidated Financial Results for the Fiscal Year Ended March 31, 2019
(April 1, 2018 to March 31, 2019)

(1) Consolidated Results of Operations  (% shown is YoY change)
  Revenues Operating profit Profit (loss) before
tax
Profit (loss)
for the year
Profit (loss)
for the year
attributable to
owners
of the parent
Other
comprehensive
income
for the year
  JPY millions % JPY millions % JPY millions % JPY millions % JPY millions % JPY millions %
Fiscal year ended March 31, 2019 190,500 8.6 6,110 (9.8)   5,910 (13.7)   3,720 (18.8)   3,560 (19.1)   3,150 (59.0)  
Fiscal year ended March 31, 2018 175,420 6,775   6,850   4,580   4,400   7,680  

  Basic earnings
per share
Diluted earnings
per share
Rate of return
on equity
Ratio of profit
before tax to
total assets
Ratio of operating
profit to revenues
  JPY JPY % % %
Fiscal year ended March 31, 2019 78.90 78.60 4.9 3.1 3.2
Fiscal year ended March 31, 2018 98.10 97.70 6.3 3.9 3.8

(2) Consolidated Financial Position
  Total assets Total equity Total equity
attributable to
owners of the parent
Ratio of owners'
equity to total
assets
  JPY millions JPY millions JPY millions %
As of March 31, 2019 191,200 75,300 74,500 39.0
As of March 31, 2018 181,900 72,400 71,700 39.4

(3) Consolidated Cash Flows
  Cash flows from
operating activities
Cash flows from
investing activities
Cash flows from
financing activities
Cash and cash
equivalents at end of
year
  JPY millions JPY millions JPY millions JPY millions
Fiscal year ended March 31, 2019 15,200 (14,400) (1,950) 29,500
Fiscal year ended March 31, 2018 16,300 (15,100) 1,400 30,650
"""


def test_tse_full_year_first_ifrs_year():
    rel = parse(TSE_FULL_YEAR_IFRS)
    this, prior = ("2019-03-31", 12), ("2018-03-31", 12)
    assert fact(rel, "tse_summary", "total_revenues", *this) == (190_500, "JPY", 1_000_000)
    assert fact(rel, "tse_summary", "operating_income", *this, role="change")[0] == -9.8
    assert fact(rel, "tse_summary", "operating_income", *prior)[0] == 6_775
    assert fact(rel, "tse_summary", "income_before_tax", *prior)[0] == 6_850
    assert fact(rel, "tse_summary", "net_income", *prior)[0] == 4_580
    assert fact(rel, "tse_summary", "net_income_attributable", *prior)[0] == 4_400
    assert fact(rel, "tse_summary", "comprehensive_income", *prior)[0] == 7_680
    assert fact(rel, "tse_summary:2", "basic_eps", *this) == (78.90, "JPY/share", 1)
    assert fact(rel, "tse_summary:2", "Rate of return on equity", *prior) == (6.3, "%", 1)
    assert fact(rel, "tse_summary:3", "total_shareholders_equity", "2019-03-31", 0) == (74_500, "JPY", 1_000_000)
    assert fact(rel, "tse_summary:3", "equity_ratio", "2018-03-31", 0)[:2] == (39.4, "%")
    assert fact(rel, "tse_summary:4", "net_cash_investing", *this) == (-14_400, "JPY", 1_000_000)
    assert fact(rel, "tse_summary:4", "cash_end", *prior)[0] == 30_650
    assert not any(st.id == "cash_flows" for st in rel.statements)  # '(3) Consolidated Cash Flows' is the TSE table


def test_tse_prior_year_row_without_percent_cells_by_tab_cell():
    rel = parse(TSE_TABBED)
    this, prior = ("2010-12-31", 9), ("2009-12-31", 9)
    assert fact(rel, "tse_summary", "total_revenues", *this) == (50_100, "JPY", 1_000_000)
    assert fact(rel, "tse_summary", "operating_income", *this, role="change")[0] == -3.1
    assert fact(rel, "tse_summary", "total_revenues", *prior)[0] == 47_600
    assert fact(rel, "tse_summary", "operating_income", *prior)[0] == 2_115
    assert fact(rel, "tse_summary", "income_before_tax", *prior)[0] == 1_880
    assert fact(rel, "tse_summary", "net_income_attributable", *prior)[0] == 910
    st = rel.statement("tse_summary")
    prior_change = [c.key for c in st.columns if c.role == "change" and c.period.end.year == 2009]
    assert not any(key in row.cells for row in st.items for key in prior_change)
    assert fact(rel, "tse_summary:2", "total_shareholders_equity", "2010-03-31", 0)[0] == 31_700
    assert fact(rel, "tse_summary:2", "equity_ratio", "2010-12-31", 0)[:2] == (46.8, "%")


@pytest.mark.parametrize("text", [TSE_FLAT_NO_SIGNS, TSE_FLAT_SIGNS], ids=["no % signs", "% signs"])
def test_tse_prior_year_row_without_percent_cells_flattened(text):
    rel = parse(text)
    this, prior = ("2019-12-31", 9), ("2018-12-31", 9)
    assert fact(rel, "tse_summary", "total_revenues", *this) == (150_700, "JPY", 1_000_000)
    assert fact(rel, "tse_summary", "net_income_attributable", *this, role="change")[0] == -3.3
    assert fact(rel, "tse_summary", "total_revenues", *prior)[0] == 139_680
    assert fact(rel, "tse_summary", "operating_income", *prior)[0] == 6_000     # not a YoY %
    assert fact(rel, "tse_summary", "income_before_tax", *prior)[0] == 5_570
    assert fact(rel, "tse_summary", "net_income_attributable", *prior)[0] == 3_470


def test_tse_rows_missing_some_percent_cells_keep_amounts_under_their_measures():
    rel = parse(TSE_OCR)
    this, prior = ("2015-09-30", 6), ("2014-09-30", 6)
    assert fact(rel, "tse_summary", "operating_income", *this, role="change")[0] == -30.4
    assert fact(rel, "tse_summary", "income_before_tax", *this)[0] == 1_990      # its % cell is empty
    assert fact(rel, "tse_summary", "net_income_attributable", *this)[0] == 1_210
    assert fact(rel, "tse_summary", "net_income_attributable", *this, role="change")[0] == 2.5
    assert fact(rel, "tse_summary", "operating_income", *prior)[0] == 2_615
    assert fact(rel, "tse_summary", "net_income_attributable", *prior)[0] == 1_180


def test_tse_headings_read_out_of_their_printed_order_are_numbered_not_guessed():
    scrambled = TSE_OCR.replace("Total revenues\nOperating income\nIncome before income tax expense\n"
                                "Net income attributable to IIJ",
                                "Net income attributable to IIJ\nTotal revenues\nOperating income\n"
                                "Income before income tax expense")
    assert scrambled != TSE_OCR
    rel = parse(scrambled)
    st = rel.statement("tse_summary")
    assert [r.label for r in st.items] == ["Measure 1", "Measure 2", "Measure 3", "Measure 4"]
    assert not any(r.item for r in st.items)
    assert any(f.rule == "unnamed_columns" and "order" in f.message for f in rel.findings)
    assert fact(rel, "tse_summary", "Measure 1", "2015-09-30", 6) == (65_300, "JPY", 1_000_000)


# ---------------------------------------------------------------------------------------------
# Period codes in table headers and captions: a part of a year is never the fiscal year
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, end, months", [
    ("1st Quarter FY2012", dt.date(2012, 6, 30), 3),
    ("Third Quarter FY2007", dt.date(2007, 12, 31), 3),
    ("Fourth Quarter FY2009", dt.date(2010, 3, 31), 3),
    ("Q2 FY2015", dt.date(2015, 9, 30), 3),
    ("1Q  FY2012", dt.date(2012, 6, 30), 3),
    ("First Half FY2012", dt.date(2012, 9, 30), 6),
    ("2nd Half FY2013", dt.date(2014, 3, 31), 6),
    ("Nine Months FY2012", dt.date(2012, 12, 31), 9),
    ("1Q-3Q FY2012", dt.date(2012, 12, 31), 9),
    ("Full Year FY2012", dt.date(2013, 3, 31), 12),
    ("FY2012", dt.date(2013, 3, 31), 12),
])
def test_part_of_a_fiscal_year_named_before_its_code(text, end, months):
    assert period_in(text) == Period(end, months)


@pytest.mark.parametrize("code, cumulative, months", [
    ("3Q12", True, 9), ("3Q12", False, 3), ("4Q12", True, 3), ("4Q12", False, 3), ("1Q12", True, 3),
])
def test_only_second_and_third_quarter_codes_can_count_from_the_year_start(code, cumulative, months):
    assert code_period(CODE_RE.search(code), quarter_is_cumulative=cumulative).months == months


QUARTER_HEADER = """IIJ Announces First Quarter Financial Results for the Fiscal Year Ending March 31, 2013

TOKYO -- Internet Initiative Japan Inc. today announced its consolidated financial results for the three months ended June 30, 2012.

Operating Results Summary (JPY millions)
\t1st Quarter FY2011\t1st Quarter FY2012\tYoY Change
Total revenues\t23,400\t24,900\t6.4%
Operating income\t910\t1,380\t51.6%
"""


def test_quarter_words_before_a_fiscal_year_code_in_a_table_header():
    rel = parse(QUARTER_HEADER)
    assert fact(rel, "operating_summary", "total_revenues", "2012-06-30", 3) == (24_900, "JPY", 1_000_000)
    assert fact(rel, "operating_summary", "operating_income", "2011-06-30", 3)[0] == 910
    st = rel.statement("operating_summary")
    assert all(c.period.months == 3 for c in st.columns if c.period)


# ---------------------------------------------------------------------------------------------
# OCR statements: a label wrapped around its figures, a row printed before a page break
# ---------------------------------------------------------------------------------------------

OCR_STATEMENT = """IIJ Announces First Six Months Financial Results for the Fiscal Year Ending March 31, 2016

TOKYO -- Internet Initiative Japan Inc. today announced its consolidated financial results for the six months ended September 30, 2015.

Quarterly Consolidated Statements of Income (Unaudited)

Three Months Ended
September 30, 2014

Three Months Ended
September 30, 2015

Thousands of

Thousands of

JPY JPY
REVENUES:
Network services 20,110,400 22,405,100
Systems integration 12,300,200 13,020,700
Total revenues 32,410,600 35,425,800
OPERATING INCOME 1,020,300 1,240,500
OTHER INCOME (EXPENSE):
Interest income 8,100 7,900
Other income —net 30,200 41,800
INCOME FROM OPERATIONS BEFORE INCOME
TAX EXPENSE AND EQUITY IN NET INCOME 1,050,500 1,282,300
OF EQUITY METHOD INVESTEES
INCOME TAX EXPENSE 420,600 510,900
NET INCOME 640,400 801,200
IIJ 1H FY2015

-12 -

Three Months Ended
September 30, 2014

Three Months Ended
September 30, 2015

NET INCOME PER SHARE
BASIC NET INCOME PER SHARE (JPY) 13.10 16.40
DILUTED NET INCOME PER SHARE (JPY) 13.05 16.33
"""


def test_ocr_label_wrapped_around_its_figures_keeps_its_first_line():
    rel = parse(OCR_STATEMENT)
    st = rel.statement("income_statement")
    row = next(r for r in st.items if r.item == "income_before_tax")
    assert row.label.startswith("INCOME FROM OPERATIONS BEFORE INCOME TAX EXPENSE")
    assert row.label.endswith("OF EQUITY METHOD INVESTEES")
    assert fact(rel, "income_statement", "income_before_tax", "2015-09-30", 3) == (1_282_300, "JPY", 1_000)
    assert fact(rel, "income_statement", "income_before_tax", "2014-09-30", 3)[0] == 1_050_500


def test_ocr_row_before_a_page_break_and_a_heading_keeps_its_label_and_unit():
    rel = parse(OCR_STATEMENT)
    assert fact(rel, "income_statement", "net_income", "2015-09-30", 3) == (801_200, "JPY", 1_000)
    st = rel.statement("income_statement")
    assert [r.label for r in st.items if r.item == "net_income"] == ["NET INCOME"]
    assert any(r.is_heading and r.label == "NET INCOME PER SHARE" for r in st.items)
    assert fact(rel, "income_statement", "basic_eps", "2015-09-30", 3) == (16.40, "JPY/share", 1)


# A TSE targets table whose targets are ranges (one year printed its targets so): each range is one cell
# that no single figure can hold, so it is kept as printed, unreadable, and said; nothing is guessed.
TSE_RANGE_TARGETS = """IIJ Announces its Financial Results for the Fiscal Year Ended March 31, 2024

3. Targets of Consolidated Financial Results for the Fiscal Year Ending March 31, 2025

(% shown is YoY change) Revenues Operating profit Profit before tax Basic earnings per share JPY millions % JPY millions % JPY millions % JPY Fiscal Year Ending

March 31, 2025 310,000 ~ 316,000 10.7 ~ 12.9 30,000 ~ 33,500 2.0 ~ 13.9 29,500 ~ 32,000 1.5 ~ 10.1 110.20 ~ 121.50
"""


def test_a_targets_table_of_ranges_keeps_each_range_as_printed():
    release = parse(TSE_RANGE_TARGETS)
    st = release.statement("targets")
    cells = {(it.label, c.text): (c.value, c.status) for it in st.items for c in it.cells.values()}
    assert cells[("Revenues", "310,000 ~ 316,000")] == (None, "unreadable")
    assert cells[("Operating profit", "2.0 ~ 13.9")] == (None, "unreadable")
    assert cells[("Basic earnings per share", "110.20 ~ 121.50")] == (None, "unreadable")
    assert all(value is None for value, _status in cells.values())      # no end of a range passes for the target
    said = [f.message for f in release.findings if f.rule == "unreadable_cell"]
    assert len(said) == len(cells) and any("'310,000 ~ 316,000' in 'Revenues'" in m for m in said)
