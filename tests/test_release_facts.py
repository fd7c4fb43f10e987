"""Release facts (issue 10): the release's own period, its standard, its layout; an IIJ release is never refused.

The texts are written for these tests in the wordings real releases use; expectations are read off them."""
from __future__ import annotations

import datetime as dt

import pytest

from iijview.loader import load_text
from iijview.model import Period
from iijview.parse import ReleaseError
from iijview.parse.release_facts import code_definitions, layout, release_period, standard

D = dt.date

PERIODS = [
    # an explicit date range decides, whatever else the sentence says
    ("IIJ Announces Third Quarter Results. Internet Initiative Japan Inc. today announced its consolidated results "
     "for the nine months of the fiscal year ending March 31, 2013 (from April 1 to December 31, 2012, \"3Q12\").",
     Period(D(2012, 12, 31), 9)),
    ("Internet Initiative Japan Inc. today announced its consolidated financial results for the first three months "
     "for the fiscal year ending March 31, 2022 (\"1Q21\", from April 1, 2021 to June 30, 2021).",
     Period(D(2021, 6, 30), 3)),
    # 'nine months' decides
    ("IIJ today announced its nine months consolidated financial results for the fiscal year ending March 31, 2019.",
     Period(D(2018, 12, 31), 9)),
    # 'third quarter' or '1st Quarter' alone means three months
    ("Internet Initiative Japan Inc. today announced its financial results for the third quarter of the fiscal year "
     "ending March 31, 2008 (\"FY2007\").", Period(D(2007, 12, 31), 3)),
    ("IIJ Announces 1st Quarter Financial Results for the Fiscal Year Ending March 31, 2013. IIJ today announced "
     "its results for the 1st quarter of FY2012.", Period(D(2012, 6, 30), 3)),
    ("IIJ today announced its consolidated financial results for the first six months of the fiscal year ending "
     "March 31, 2014.", Period(D(2013, 9, 30), 6)),
    ("IIJ today announced its consolidated financial results for the fiscal year ended March 31, 2019.",
     Period(D(2019, 3, 31), 12)),
    ("Consolidated Financial Results for 1H FY2018 (First 6 months ended September 30, 2018)",
     Period(D(2018, 9, 30), 6)),
]


@pytest.mark.parametrize("text,expected", PERIODS)
def test_release_period_in_every_wording(text, expected):
    assert release_period(text) == expected


def test_codes_the_release_defines_are_its_period():
    text = ("IIJ today announced its results for the first six months of the fiscal year ending March 31, 2013 "
            "(from April 1 to September 30, 2012, \"1H FY2012\" \"1H12\").")
    p = release_period(text)
    defs = code_definitions(text, p)
    assert defs == {("H", 1, 2012): Period(D(2012, 9, 30), 6)}


def test_a_heading_code_is_the_period_of_its_figures_never_the_fiscal_year():
    text = ("IIJ Announces 1st Quarter Financial Results for the Fiscal Year Ending March 31, 2013\n"
            "IIJ today announced its consolidated financial results for the 1st quarter of the fiscal year ending "
            "March 31, 2013.\n\nHighlights of 1st Quarter FY2012\n\nRevenues JPY24.2 billion (up 7.1% YoY)\n")
    df = load_text(text, "q.txt", checks=False).facts
    row = df[(df.statement == "highlights") & (df.column == "")].iloc[0]
    assert (row.period_end, row.months, row.value) == ("2012-06-30", 3, 24.2)


def test_nine_month_code_of_an_old_release_and_its_three_months():
    text = ("IIJ today announced its results for the nine months of the fiscal year ending March 31, 2013 (from April 1 "
            "to December 31, 2012, \"3Q12\").\n\nHighlights of 3Q12 Financial Results\n\n"
            "Revenues JPY76.0 billion (up 8.0% YoY)\n\nHighlights of 3Q12 (3 months) Financial Results\n\n"
            "Revenues JPY26.5 billion (up 9.0% YoY)\n")
    df = load_text(text, "q.txt", checks=False).facts
    got = {(r.months, r.value) for r in df[(df.statement == "highlights") & (df.column == "")].itertuples()}
    assert got == {(9, 76.0), (3, 26.5)}


STANDARDS = [
    # the release's own statement wins over a passing mention of the other standard
    ("IIJ today announced its results for the nine months (\"1Q-3Q20\") under International Financial Reporting "
     "Standards (IFRS). Figures for the previous year under U.S. GAAP are shown for reference.",
     Period(D(2020, 12, 31), 9), ("IFRS", "stated")),
    ("IIJ today announced its results. 1 Unless otherwise stated, all financial figures discussed in this "
     "announcement are prepared in accordance with U.S. GAAP. IIJ plans to adopt International Financial Reporting "
     "Standards (IFRS) from FY2019.", Period(D(2018, 12, 31), 9), ("U.S. GAAP", "stated")),
    # the statements' own titles
    ("IIJ results. Consolidated Statements of Financial Position ... Consolidated Statements of Profit or Loss",
     Period(D(2021, 6, 30), 3), ("IFRS", "statements")),
    # no marker: IIJ's own history
    ("IIJ today announced its results for 1H FY2015.", Period(D(2015, 9, 30), 6), ("U.S. GAAP", "fiscal year")),
    ("IIJ today announced its results for 1H FY2020.", Period(D(2020, 9, 30), 6), ("IFRS", "fiscal year")),
]


@pytest.mark.parametrize("text,period,expected", STANDARDS)
def test_standard(text, period, expected):
    assert standard(text, period) == expected


def test_an_assumed_standard_is_shown():
    release = load_text("IIJ today announced its results for the first six months of the fiscal year ending March 31, "
                        "2016.\nHighlights of Financial Results for 1H15\nRevenues JPY65.3 billion (up 14.3% YoY)\n",
                        "h.txt", checks=False)
    assert (release.standard, release.standard_basis) == ("U.S. GAAP", "fiscal year")
    assert any(f.rule == "standard_assumed" and "assumed" in f.message for f in release.findings)


LAYOUTS = [
    ("Internet Initiative Japan\n\nI1J Announces Results\n- 6 -\nRevenues 11J ...\n", True, "ocr"),
    ("Revenues\t100\t200\nCosts\t50\t60\nIncome\t50\t140\n", True, "converted"),
    ("Consolidated Financial Results\nAgenda\nUnit: JPY billion\n", True, "slides"),
    (" date 2019-02-06 IIJ Announces ... Send by mail :\nRevenues JPY1 billion\n", True, "web"),
    ("TOKYO, Nov. 10, 2014 (GLOBE NEWSWIRE) -- Internet Initiative Japan Inc. today announced\n", False,
     "newswire excerpt"),
    ("FORM 6-K\nSECURITIES AND EXCHANGE COMMISSION\nInternet Initiative Japan Inc.\n", True, "sec filing"),
    ("Internet Initiative Japan Inc. today announced its results.\n", True, "text"),
]


@pytest.mark.parametrize("text,tables,expected", LAYOUTS)
def test_layout_is_named_for_what_the_text_is(text, tables, expected):
    assert layout(text, tables) == expected


HEADLINE_ONLY = {
    "one-a-line": "Highlights of Financial Results for 1H15\nRevenues JPY65.3 billion (up 14.3% YoY)\n",
    "glued": "Highlights of Financial Results for 1H15\nTotal revenuesJPY 65.3 billionup14.3% YoY2\n",
    "pipes": "Highlights of Financial Results for 1H15\n| Revenues | JPY 65.3 billion | up | 14.3% | YoY |\n",
    "one-cell-a-line": "Highlights of Financial Results for 1H15\n\nRevenues\n\nJPY65.3 billion\n\nup\n\n14.3\n\n%\n",
    "sentence": "-- Revenues totaled JPY65,334 million, an increase of 14.3% from 1H14.\n",
    "two-columns": "Highlights of Financial Results for 1H15\nRevenues Operating Income\nJPY65,334 million "
                   "JPY2,563 million\n",
}


@pytest.mark.parametrize("name", sorted(HEADLINE_ONLY))
def test_a_headline_only_release_opens(name):
    text = ("TOKYO, Nov. 9, 2015 -- Internet Initiative Japan Inc. today announced its consolidated financial results "
            "for the first six months of the fiscal year ending March 31, 2016 (\"1H15\", from April 1, 2015 to "
            "September 30, 2015).\n\n" + HEADLINE_ONLY[name])
    release = load_text(text, "excerpt.txt")
    df = release.facts
    revenue = df[(df.item == "total_revenues") & (df.column == "")]
    assert list(revenue.value) in ([65.3], [65_334])
    assert (revenue.iloc[0].period_end, revenue.iloc[0].months) == ("2015-09-30", 6)
    assert release.layout.endswith("excerpt")


def test_a_release_with_nothing_readable_opens_and_says_what_was_looked_for():
    release = load_text("IIJ Announces Fiscal Year 2014 Financial Results\n\nTOKYO, May 14, 2015 -- Internet "
                        "Initiative Japan Inc. today announced its financial results for the fiscal year ended "
                        "March 31, 2015.\n(The rest of this page could not be saved.)\n", "cut.txt")
    assert release.statements == []
    assert release.fiscal_period == Period(D(2015, 3, 31), 12)
    finding = next(f for f in release.findings if f.rule == "nothing_read")
    assert "looked for" in finding.message


@pytest.mark.parametrize("text", ["[project]\nname = \"iijview\"\ndescription = \"viewer\"\n",
                                  "Quarterly report of another company: revenues JPY5 billion.\n"])
def test_only_what_is_not_an_iij_release_is_refused(text):
    with pytest.raises(ReleaseError, match="not an IIJ earnings release"):
        load_text(text, "other.txt")


@pytest.mark.parametrize("text, marks", [
    ("\nI1J Outsourcing", 1),            # 'IIJ' read as 'I1J'
    ("\n11J and IlJ and [1J", 3),
    ("\nHI1J", 0),                        # inside a word: not a mark
    ("\nI1Jx", 0),
    ("\nl113 Qutsourcing", 2),
    ("\n- 12 -\nRevenues\n  -3-  \n", 2),   # page-number lines
    ("\n- 1234 -\n", 0),
    ("\nIIJ Outsourcing 113", 0),
])
def test_ocr_marks_are_counted(text, marks):
    from iijview.parse.release_facts import _ocr_marks
    assert _ocr_marks(text) == marks
