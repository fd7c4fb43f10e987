"""Headline, target and dividend blocks in every shape IIJ releases print them (issue 10), as a corpus.

Every text here is written for this test in the form real releases use, with invented figures; each
expected value was read off the text by hand. A fact is (statement, item, column, period end, months,
value as printed, scale, unit); 'column' is '' for a figure, 'change' for its YoY %, 'previous' for a
target or plan printed beside its revision, 'low' and 'high' for the ends of a target printed as a range.
"""
from __future__ import annotations

import pytest

from iijview.loader import load_text

B, M = 1_000_000_000, 1_000_000

# The opening of a release for the first six months of FY2014 (April-September 2014).
OPEN_1H14 = ("IIJ Announces First Six Months Financial Results for the Fiscal Year Ending March 31, 2015\n\n"
             "TOKYO, Nov. 10, 2014 -- Internet Initiative Japan Inc. (\"IIJ\") today announced its consolidated "
             "financial results for the first six months of the fiscal year ending March 31, 2015 (from April 1, "
             "2014 to September 30, 2014, \"1H FY2014\" \"1H14\").\n\n")
# ... for the three months of the third quarter of FY2007 (October-December 2007), FY2007-style.
OPEN_3Q07 = ("IIJ Announces Third Quarter Results for the Fiscal Year Ending March 31, 2008\n\n"
             "TOKYO, Feb. 12, 2008 (PRIME NEWSWIRE) -- Internet Initiative Japan Inc. (Nasdaq:IIJI) today announced "
             "its financial results for the third quarter of the fiscal year ending March 31, 2008 (\"FY2007\").\n\n")
# ... for the first three months of FY2023 (April-June 2023), IFRS.
OPEN_1Q23 = ("TOKYO, Aug. 9, 2023 (GLOBE NEWSWIRE) -- Internet Initiative Japan Inc. (\"IIJ\", TSE Prime: 3774) today "
             "announced its consolidated financial results for the first three months for the fiscal year ending "
             "March 31, 2024 (\"1Q23\", from April 1, 2023 to June 30, 2023) under International Financial "
             "Reporting Standards (IFRS).\n\n")
# ... for the nine months of FY2021 (April-December 2021), IFRS.
OPEN_9M21 = ("TOKYO, Feb. 9, 2022 (GLOBE NEWSWIRE) -- Internet Initiative Japan Inc. (\"IIJ\", TSE1: 3774) today "
             "announced its consolidated financial results for the nine months for the fiscal year ending March 31, "
             "2022 (\"1Q-3Q21\", from April 1, 2021 to December 31, 2021) under International Financial Reporting "
             "Standards (IFRS).\n\n")
# ... for the first six months of FY2010 (April-September 2010).
OPEN_1H10 = ("IIJ Announces First Six Months Financial Results For The Fiscal Year Ending March 31, 2011\n\n"
             "TOKYO, Nov. 12, 2010 (GLOBE NEWSWIRE) -- Internet Initiative Japan Inc. (\"IIJ\") today announced its "
             "consolidated financial results for the first six months of Fiscal Year Ending March 31, 2011 (from "
             "April 1 to September 30, 2010, \"1H10\").\n\n")

H1_14 = ("2014-09-30", 6)
FY14 = ("2015-03-31", 12)

# ... for the full year and the fourth quarter of FY2008 (April 2008-March 2009), old bullet style.
OPEN_FY08 = ("IIJ Announces Full Year and Fourth Quarter Financial Results for Fiscal Year Ended March 31, 2009\n\n"
             "TOKYO, May 15, 2009 (GLOBE NEWSWIRE) -- Internet Initiative Japan Inc. (\"IIJ\") today announced its full "
             "year (\"FY2008\") and 4th quarter (\"4Q08\") consolidated financial results for fiscal year ended March 31, "
             "2009.\n\n")
FY08 = ("2009-03-31", 12)
FY09 = ("2010-03-31", 12)

# ... for FY2023 (April 2023-March 2024), IFRS, and for the first three months of FY2024.
OPEN_FY23 = ("TOKYO, May 10, 2024 (GLOBE NEWSWIRE) -- Internet Initiative Japan Inc. (\"IIJ\", TSE Prime: 3774) today "
             "announced its consolidated financial results for the fiscal year ended March 31, 2024 (\"FY2023\", from "
             "April 1, 2023 to March 31, 2024) under International Financial Reporting Standards (IFRS).\n\n")
OPEN_1Q24 = ("TOKYO, Aug. 8, 2024 (GLOBE NEWSWIRE) -- Internet Initiative Japan Inc. (\"IIJ\", TSE Prime: 3774) today "
             "announced its consolidated financial results for the first three months for the fiscal year ending "
             "March 31, 2025 (\"1Q24\", from April 1, 2024 to June 30, 2024) under International Financial "
             "Reporting Standards (IFRS).\n\n")
FY23, FY24 = ("2024-03-31", 12), ("2025-03-31", 12)
Q1_24, H1_24 = ("2024-06-30", 3), ("2024-09-30", 6)

FORMS = {
    # 1. One measure a line, with or without the USD translation and the YoY change.
    "one-a-line": (OPEN_1H14 + "Highlights of Financial Results for 1H14\n\n"
                   "Revenues JPY61.2 billion (up 7.5% YoY)\n"
                   "Operating Income JPY2.9 billion (down 3.1% YoY)\n"
                   "Net Income attributable to IIJ JPY1.7 billion (up 0.4% YoY)\n\n"
                   "Financial Targets for FY2014\n\n"
                   "Revenues JPY130.0 billion (up 8.2% YoY)\n"
                   "Operating Income JPY7.2 billion (up 1.0% YoY)\n\n"
                   "Overview of 1H14 Financial Results and Business Outlook\n",
                   [("highlights", "total_revenues", "", *H1_14, 61.2, B, "JPY"),
                    ("highlights", "total_revenues", "change", *H1_14, 7.5, 1, "%"),
                    ("highlights", "operating_income", "", *H1_14, 2.9, B, "JPY"),
                    ("highlights", "operating_income", "change", *H1_14, -3.1, 1, "%"),
                    ("highlights", "net_income_attributable", "", *H1_14, 1.7, B, "JPY"),
                    ("targets", "total_revenues", "", *FY14, 130.0, B, "JPY"),
                    ("targets", "total_revenues", "change", *FY14, 8.2, 1, "%"),
                    ("targets", "operating_income", "", *FY14, 7.2, B, "JPY")]),
    "one-a-line-usd": (OPEN_1H14 + "Highlights of 1H FY2014 Financial Results\n\n"
                       "Revenues                      JPY61,234 million   ($558 million, up 7.5%\n"
                       "                                                  YoY)\n"
                       "Net Income attributable to    JPY1,712 million    ($16 million, up 0.4%\n"
                       "IIJ                                               YoY)\n\n",
                       [("highlights", "total_revenues", "", *H1_14, 61_234, M, "JPY"),
                        ("highlights", "total_revenues", "", *H1_14, 558, M, "USD"),
                        ("highlights", "total_revenues", "change", *H1_14, 7.5, 1, "%"),
                        ("highlights", "net_income_attributable", "", *H1_14, 1_712, M, "JPY"),
                        ("highlights", "net_income_attributable", "", *H1_14, 16, M, "USD")]),
    "one-a-line-no-yoy": (OPEN_1H14 + "Highlights of 1H FY2014 Financial Results\n"
                          "Revenues\tJPY61,234 million\t(\\$558 million)\n"
                          "Operating Income\tJPY2,905 million\t(\\$26.5 million)\n",
                          [("highlights", "total_revenues", "", *H1_14, 61_234, M, "JPY"),
                           ("highlights", "operating_income", "", *H1_14, 2_905, M, "JPY"),
                           ("highlights", "operating_income", "", *H1_14, 26.5, M, "USD")]),
    # 2. Table cells glued together by a web page: labels, amounts, 'up' and footnote digits.
    "glued": (OPEN_9M21 + "Highlights of Financial Results for 1Q-3Q21\n"
              "Total revenuesJPY 171.3 billionup4.4% YoY2 \n"
              "Gross profitJPY6.3billionup 1.1 % YoY2 \n"
              "Operating profitJPY 15.2 billiondown2.0% YoY \n"
              "Net profit3JPY 10.9 billionup12.5% YoY \n \n"
              "Financial Targets for FY2021 (Revised upward on November 8, 2021)\n  \n"
              "Total revenuesJPY231.0 billionup6.0% YoY \n"
              "Net profitJPY14.1 billionup9.3% YoY \n",
              [("highlights", "total_revenues", "", "2021-12-31", 9, 171.3, B, "JPY"),
               ("highlights", "total_revenues", "change", "2021-12-31", 9, 4.4, 1, "%"),
               ("highlights", "gross_profit", "", "2021-12-31", 9, 6.3, B, "JPY"),
               ("highlights", "gross_profit", "change", "2021-12-31", 9, 1.1, 1, "%"),
               ("highlights", "operating_income", "change", "2021-12-31", 9, -2.0, 1, "%"),
               ("highlights", "net_income_attributable", "", "2021-12-31", 9, 10.9, B, "JPY"),
               ("targets", "total_revenues", "", "2022-03-31", 12, 231.0, B, "JPY"),
               ("targets", "net_income_attributable", "", "2022-03-31", 12, 14.1, B, "JPY"),
               ("targets", "net_income_attributable", "change", "2022-03-31", 12, 9.3, 1, "%")]),
    # 3. Pipe tables.
    "pipes": (OPEN_9M21 + "Highlights of Financial Results for 1Q-3Q21\n"
              "| Total revenues | JPY 171.3 billion | up | 4.4% | YoY2 |\n"
              "| Operating profit | JPY 15.2 billion | down | 2.0% | YoY |\n\n"
              "Financial Targets for FY2021\n"
              "| Total revenues | JPY 231.0 billion | up | 6.0% | YoY |\n",
              [("highlights", "total_revenues", "", "2021-12-31", 9, 171.3, B, "JPY"),
               ("highlights", "total_revenues", "change", "2021-12-31", 9, 4.4, 1, "%"),
               ("highlights", "operating_income", "", "2021-12-31", 9, 15.2, B, "JPY"),
               ("highlights", "operating_income", "change", "2021-12-31", 9, -2.0, 1, "%"),
               ("targets", "total_revenues", "", "2022-03-31", 12, 231.0, B, "JPY")]),
    # 4. One cell a line, blank lines between.
    "one-cell-a-line": (OPEN_1Q23 + "Highlights of Financial Results for 1Q23\n\n"
                        "Total revenues\n\nJPY 66.2 billion\n\nup\n\n2.5\n\n%\n\nYoY2\n\n"
                        "Operating profit\n\nJPY 5.8 billion\n\ndown\n\n4.0\n\n%\n\nYoY\n\n"
                        "Overview of 1Q23 Financial Results and Business Outlook\n",
                        [("highlights", "total_revenues", "", "2023-06-30", 3, 66.2, B, "JPY"),
                         ("highlights", "total_revenues", "change", "2023-06-30", 3, 2.5, 1, "%"),
                         ("highlights", "operating_income", "", "2023-06-30", 3, 5.8, B, "JPY"),
                         ("highlights", "operating_income", "change", "2023-06-30", 3, -4.0, 1, "%")]),
    # 5. Bullets and sentences, hard-wrapped at 80 columns; '(3 months)' figures of an old release.
    "bullets": (OPEN_3Q07 + "              Highlights of Third Quarter FY2007 Results\n\n"
                " * Revenue totaled JPY 19,402 million ($ 171.7 million), an increase of\n"
                "   22.4% from 3Q06, mainly due to growth in recurring revenues.\n"
                " * Operating income was JPY 1,208 million ($10.7 million), a decrease\n"
                "   of 12.3% from 3Q06, mainly due to higher personnel costs.\n"
                " * Net income was JPY 577 million ($5.1 million), a decrease of 41.0%\n"
                "   from 3Q06.\n",
                [("highlights", "total_revenues", "", "2007-12-31", 3, 19_402, M, "JPY"),
                 ("highlights", "total_revenues", "", "2007-12-31", 3, 171.7, M, "USD"),
                 ("highlights", "total_revenues", "change", "2007-12-31", 3, 22.4, 1, "%"),
                 ("highlights", "operating_income", "", "2007-12-31", 3, 1_208, M, "JPY"),
                 ("highlights", "operating_income", "change", "2007-12-31", 3, -12.3, 1, "%"),
                 ("highlights", "net_income", "", "2007-12-31", 3, 577, M, "JPY"),
                 ("highlights", "net_income", "change", "2007-12-31", 3, -41.0, 1, "%")]),
    "dash-bullets": (OPEN_3Q07 + "-- Revenues totaled JPY19,402 million ($171.7 million), an increase of 22.4% "
                     "from 3Q06. Outsourcing grew by 30.1%.\n"
                     "-- Operating income was JPY1,208 million ($10.7 million), a decrease of 12.3% from 3Q06.\n"
                     "• Revenues were JPY19,402 million ($171.7 million), up 22.4% YoY\n",
                     [("highlights", "total_revenues", "", "2007-12-31", 3, 19_402, M, "JPY"),
                      ("highlights", "total_revenues", "change", "2007-12-31", 3, 22.4, 1, "%"),
                      ("highlights", "operating_income", "", "2007-12-31", 3, 1_208, M, "JPY"),
                      ("highlights", "operating_income", "", "2007-12-31", 3, 10.7, M, "USD")]),
    # 6. Targets and dividends as prose.
    "prose-targets": (OPEN_1H10 + "For the full fiscal year, IIJ targets revenues of JPY72.5 billion, operating "
                      "income of JPY4.6 billion and net income attributable to IIJ of JPY2.4 billion for FY2010.\n"
                      "IIJ targets cash dividend of JPY2,600 per share for FY2010.\n",
                      [("targets", "total_revenues", "", "2011-03-31", 12, 72.5, B, "JPY"),
                       ("targets", "operating_income", "", "2011-03-31", 12, 4.6, B, "JPY"),
                       ("targets", "net_income_attributable", "", "2011-03-31", 12, 2.4, B, "JPY"),
                       ("dividends", "dividend_per_share", "", "2011-03-31", 12, 2_600, 1, "JPY/share")]),
    "prose-dividend-revision": (OPEN_1H14 + "Highlights of 1H FY2014 Financial Results\n"
                                "Revenues JPY61,234 million (up 7.5% YoY)\n\n"
                                "- Revised the year-end dividend plan from the previous JPY8.25 to JPY9.50 per "
                                "share of common stock along with the increase in income.\n"
                                "- FY2014 interim period cash dividend: JPY8.25 per share as planned\n",
                                [("highlights", "total_revenues", "", *H1_14, 61_234, M, "JPY"),
                                 ("dividends", "dividend_year_end", "", *FY14, 9.50, 1, "JPY/share"),
                                 ("dividends", "dividend_year_end", "previous", *FY14, 8.25, 1, "JPY/share"),
                                 ("dividends", "dividend_q2", "", *FY14, 8.25, 1, "JPY/share")]),
    "annual-dividend-in-targets": (OPEN_1H14 + "Financial Targets for FY2014\n"
                                   "Revenues JPY130.0 billion (up 8.2% YoY) Annual Cash Dividend JPY19.00 per common "
                                   "share Overview of 1H14 Financial Results\n",
                                   [("targets", "total_revenues", "", *FY14, 130.0, B, "JPY"),
                                    ("targets", "dividend_per_share", "", *FY14, 19.0, 1, "JPY/share")]),
    # 7. Target matrices.
    "targets-first-half-full-year": (OPEN_1Q23 + "Highlights of Financial Results for 1Q23\n\n\n\n"
                                     "FY23 Targets First Half Full Year Total revenues JPY66.2 billion up 2.5 % YoY2 "
                                     "JPY140.0 billion JPY290.0 billion Operating profit JPY5.8 billion down 4.0 % YoY "
                                     "JPY12.5 billion JPY32.0 billion\n\n",
                                     [("highlights", "total_revenues", "", "2023-06-30", 3, 66.2, B, "JPY"),
                                      ("highlights", "total_revenues", "change", "2023-06-30", 3, 2.5, 1, "%"),
                                      ("targets", "total_revenues", "", "2023-09-30", 6, 140.0, B, "JPY"),
                                      ("targets", "total_revenues", "", "2024-03-31", 12, 290.0, B, "JPY"),
                                      ("highlights", "operating_income", "change", "2023-06-30", 3, -4.0, 1, "%"),
                                      ("targets", "operating_income", "", "2023-09-30", 6, 12.5, B, "JPY"),
                                      ("targets", "operating_income", "", "2024-03-31", 12, 32.0, B, "JPY")]),
    "targets-beside-results": (OPEN_9M21 + "Highlights of Financial Results for 1Q-3Q21 FY21 Targets Total revenues "
                               "JPY 171.3 billion up 4.4 % YoY2 JPY 231.0 billion up 6.0 % YoY Operating profit "
                               "JPY 15.2 billion up 9.9 % YoY JPY 20.5 billion up 3.1 % YoY\n\nOverview of 1Q-3Q21\n",
                               [("highlights", "total_revenues", "", "2021-12-31", 9, 171.3, B, "JPY"),
                                ("targets", "total_revenues", "", "2022-03-31", 12, 231.0, B, "JPY"),
                                ("targets", "total_revenues", "change", "2022-03-31", 12, 6.0, 1, "%"),
                                ("highlights", "operating_income", "change", "2021-12-31", 9, 9.9, 1, "%"),
                                ("targets", "operating_income", "", "2022-03-31", 12, 20.5, B, "JPY")]),
    "previous-new-target": (OPEN_1H14 + "Financial Targets for FY2014\n"
                            "                    Previous Target   New Target\n"
                            "Revenues            JPY125.0 billion  JPY130.0 billion\n"
                            "Operating Income    JPY7.0 billion    JPY7.2 billion\n",
                            [("targets", "total_revenues", "previous", *FY14, 125.0, B, "JPY"),
                             ("targets", "total_revenues", "", *FY14, 130.0, B, "JPY"),
                             ("targets", "operating_income", "previous", *FY14, 7.0, B, "JPY"),
                             ("targets", "operating_income", "", *FY14, 7.2, B, "JPY")]),
    "new-beside-original": (OPEN_1H14 + "New Financial Targets for FY2014 (Revised on November 10, 2014)   "
                            "Original Target\n"
                            "Revenues JPY130.0 billion (up 8.2% YoY) JPY125.0 billion\n",
                            [("targets", "total_revenues", "", *FY14, 130.0, B, "JPY"),
                             ("targets", "total_revenues", "change", *FY14, 8.2, 1, "%"),
                             ("targets", "total_revenues", "previous", *FY14, 125.0, B, "JPY")]),
    "actual-and-announced-target": (OPEN_1H10 + "Highlights of 1H FY2010 Financial Results\n"
                                    "    Actual Results Target Announced\n"
                                    "Revenues JPY35,120 million ($420.6 million) JPY33,000 million\n"
                                    "Operating Income JPY1,310 million ($15.7 million) JPY1,250 million\n",
                                    [("highlights", "total_revenues", "", "2010-09-30", 6, 35_120, M, "JPY"),
                                     ("highlights", "total_revenues", "", "2010-09-30", 6, 420.6, M, "USD"),
                                     ("targets", "total_revenues", "", "2010-09-30", 6, 33_000, M, "JPY"),
                                     ("targets", "operating_income", "", "2010-09-30", 6, 1_250, M, "JPY"),
                                     ("highlights", "operating_income", "", "2010-09-30", 6, 1_310, M, "JPY")]),
    "dated-target-then-actual": (OPEN_1H10 + "Highlights of 1H FY2010 Financial Results\n"
                                 "10/24 Target | Actual Results\n"
                                 "Revenues | JPY33,000 million | JPY35,120 million\n",
                                 [("targets", "total_revenues", "", "2010-09-30", 6, 33_000, M, "JPY"),
                                  ("highlights", "total_revenues", "", "2010-09-30", 6, 35_120, M, "JPY")]),
    "full-year-and-fourth-quarter": (OPEN_FY08 + "              Highlights of Full FY2008 Financial Results\n\n"
                                     " -- Revenue was JPY71,205 million ($720 million), up 4.1% YoY lead\n"
                                     "    by recurring revenues.\n\n"
                                     " -- Net income was JPY1,502 million ($15 million), down 60.2% largely\n"
                                     "    affected by deferred tax expense whereas we had a benefit in FY2007.\n\n"
                                     "              Highlights of Fourth Quarter FY2008 Results\n\n"
                                     " -- Revenue was JPY19,010 million ($192 million), up 2.6% from 4Q07.\n\n"
                                     "                     Financial Targets for FY2009\n\n"
                                     " -- IIJ targets revenues of JPY74.0 billion, operating income of\n"
                                     "    JPY3.4 billion, income before income tax expense (benefit)(2) of\n"
                                     "    JPY2.8 billion and net income of JPY1.8 billion for FY2009.\n\n"
                                     " -- IIJ targets cash dividend of JPY2,000 per share of common stock\n"
                                     "    for FY2009 (JPY1,000 for interim-period cash dividend and JPY1,000 for\n"
                                     "    fiscal year-end cash dividend).\n",
                                     [("highlights", "total_revenues", "", *FY08, 71_205, M, "JPY"),
                                      ("highlights", "total_revenues", "change", *FY08, 4.1, 1, "%"),
                                      ("highlights", "net_income", "", *FY08, 1_502, M, "JPY"),
                                      ("highlights", "total_revenues", "", "2009-03-31", 3, 19_010, M, "JPY"),
                                      ("targets", "total_revenues", "", *FY09, 74.0, B, "JPY"),
                                      ("targets", "income_before_tax", "", *FY09, 2.8, B, "JPY"),
                                      ("targets", "net_income", "", *FY09, 1.8, B, "JPY"),
                                      ("targets", "dividend_per_share", "", *FY09, 2_000, 1, "JPY/share"),
                                      ("targets", "dividend_q2", "", *FY09, 1_000, 1, "JPY/share"),
                                      ("targets", "dividend_year_end", "", *FY09, 1_000, 1, "JPY/share")]),
    "dividend-revised-total-up-from-plan": (OPEN_FY08 + "Highlights of Full FY2008 Financial Results\n"
                                            " * FY2008 year-end dividend forecast was revised from JPY1,000 to JPY1,250 "
                                            "per share of common stock (FY2008 total dividend of JPY2,250, up from "
                                            "JPY2,000 as previously planned).\n",
                                            [("dividends", "dividend_year_end", "previous", *FY08, 1_000, 1, "JPY/share"),
                                             ("dividends", "dividend_year_end", "", *FY08, 1_250, 1, "JPY/share"),
                                             ("dividends", "dividend_per_share", "", *FY08, 2_250, 1, "JPY/share"),
                                             ("dividends", "dividend_per_share", "previous", *FY08, 2_000, 1,
                                              "JPY/share")]),
    "dividend-interim-annual": (OPEN_1H14 + "Financial Targets for FY2014\n"
                                "Revenues JPY130.0 billion (up 8.2% YoY)\n"
                                "* Cash dividend target (Interim: JPY9.25 per dividend, Annual: JPY18.50 per dividend)\n",
                                [("targets", "dividend_q2", "", *FY14, 9.25, 1, "JPY/share"),
                                 ("targets", "dividend_per_share", "", *FY14, 18.50, 1, "JPY/share")]),
    "dividend-notice-record-dates": (OPEN_1H14 + "1. Details of Interim Dividend\n\n"
                                     "Resolved Interim Dividend for the fiscal year ending March 31, 2015 Latest Forecast "
                                     "(disclosed on May 14, 2014) Interim Dividend for the previous fiscal year ended "
                                     "March 31, 2014 Record date September 30, 2014 September 30, 2014 September 30, 2013 "
                                     "Dividend per common share JPY9.50 JPY9.25 JPY8.25 Amount of dividend JPY400 "
                                     "million\n",
                                     [("dividends", "dividend_q2", "", *FY14, 9.50, 1, "JPY/share"),
                                      ("dividends", "dividend_q2", "previous", *FY14, 9.25, 1, "JPY/share"),
                                      ("dividends", "dividend_q2", "", "2014-03-31", 12, 8.25, 1, "JPY/share")]),
    "targets-half-and-year-codes": (OPEN_1Q23 + "Highlights of Financial Results for 1Q23 Total revenues JPY66.2 billion "
                                    "(up 2.5% YoY)2 Financial Targets 1H23 FY2023 Total revenues JPY140.0 billion "
                                    "JPY290.0 billion Operating profit JPY12.5 billion JPY32.0 billion\n",
                                    [("highlights", "total_revenues", "", "2023-06-30", 3, 66.2, B, "JPY"),
                                     ("targets", "total_revenues", "", "2023-09-30", 6, 140.0, B, "JPY"),
                                     ("targets", "total_revenues", "", "2024-03-31", 12, 290.0, B, "JPY"),
                                     ("targets", "operating_income", "", "2023-09-30", 6, 12.5, B, "JPY"),
                                     ("targets", "operating_income", "", "2024-03-31", 12, 32.0, B, "JPY")]),
    "targets-glued-codes-and-footnotes": (OPEN_1Q23 + "Highlights of Financial Results for 1Q23FY23 Targets\n \n"
                                          "              1H23        Full Year \n"
                                          "Total revenuesJPY 66.2 billionup2.5%YoY2JPY 140.0 billionJPY 290.0 billion \n"
                                          "Financial Targets for FY20235\nNet profitJPY 19.0 billionup3.0% YoY \n",
                                          [("highlights", "total_revenues", "", "2023-06-30", 3, 66.2, B, "JPY"),
                                           ("targets", "total_revenues", "", "2023-09-30", 6, 140.0, B, "JPY"),
                                           ("targets", "total_revenues", "", "2024-03-31", 12, 290.0, B, "JPY"),
                                           ("targets", "net_income_attributable", "", "2024-03-31", 12, 19.0, B,
                                            "JPY")]),
    "bullets-under-a-two-column-table": (OPEN_FY08.replace("Full Year and Fourth Quarter", "Full Year") +
                                         "Highlights of Financial Results for FY2008 |\n"
                                         "| FY2008 Actual Results | FY2009 Target |\n"
                                         "Revenues | JPY71,205 million ($720 million) | JPY74,000 million |\n"
                                         "- Revised the year-end dividend plan from previous JPY1,000 to JPY1,250 per "
                                         "share of common stock2 along with the increase in income.\n",
                                         [("highlights", "total_revenues", "", *FY08, 71_205, M, "JPY"),
                                          ("targets", "total_revenues", "", *FY09, 74_000, M, "JPY"),
                                          ("dividends", "dividend_year_end", "", *FY08, 1_250, 1, "JPY/share"),
                                          ("dividends", "dividend_year_end", "previous", *FY08, 1_000, 1,
                                           "JPY/share")]),
    "slide-cumulative-heading": ("3rd Quarter FY2013 Consolidated Financial Results\nInternet Initiative Japan Inc.\n\n"
                                 "FY2013/1Q-3Q (cumulative) Financial Results\n\n"
                                 "Revenue JPY82,746 million (up 7.9% YoY)Operating Income JPY4,211 million (down 16.5% "
                                 "YoY)\n",
                                 [("highlights", "total_revenues", "", "2013-12-31", 9, 82_746, M, "JPY"),
                                  ("highlights", "operating_income", "", "2013-12-31", 9, 4_211, M, "JPY"),
                                  ("highlights", "operating_income", "change", "2013-12-31", 9, -16.5, 1, "%")]),
    "flattened-dated-target-beside-actual": (OPEN_1H10 + "1H10 Financial Results In Line with 10/24/10 Revised Target "
                                             "10/24 Target Actual Results -------------- -------------- Revenues "
                                             "JPY33,000 million JPY35,120 million ($420.6 million) Operating Income "
                                             "JPY1,250 million JPY1,310 million ($15.7 million) 1H10 Highlights\n",
                                             [("targets", "total_revenues", "", "2010-09-30", 6, 33_000, M, "JPY"),
                                              ("highlights", "total_revenues", "", "2010-09-30", 6, 35_120, M, "JPY"),
                                              ("highlights", "total_revenues", "", "2010-09-30", 6, 420.6, M, "USD"),
                                              ("targets", "operating_income", "", "2010-09-30", 6, 1_250, M, "JPY")]),
    "revised-targets-under-prose": (OPEN_1H14 + "Revised Full FY2014 Financial Targets\n"
                                    "▪  We revised FY2014 financial targets due to weaker recurring revenues. The "
                                    "operating income was impacted accordingly.\n     \n"
                                    "  Previous Target Revised Target (Nov. 10)\n"
                                    " Revenues JPY130,000 million JPY127,000 million\n",
                                    [("targets", "total_revenues", "previous", *FY14, 130_000, M, "JPY"),
                                     ("targets", "total_revenues", "", *FY14, 127_000, M, "JPY")]),
    "revised-targets-in-a-sentence": (OPEN_1H14 + "Overview of 1H14 Financial Results and Business Outlook\n\n"
                                      "\"We revised our targets for the fiscal year ending March 31, 2015. The revised "
                                      "annual revenue is JPY128.0 billion, JPY2.0 billion down from our initial target "
                                      "of JPY130.0 billion,\" said the President.\n",
                                      [("targets", "total_revenues", "", *FY14, 128.0, B, "JPY"),
                                       ("targets", "total_revenues", "previous", *FY14, 130.0, B, "JPY")]),
    "results-with-the-prior-period-in-brackets": (OPEN_1H14 + "Income before income tax expenses\n\n"
                                                  "Income before income tax expenses was JPY2,410 million, up 12.0% "
                                                  "YoY (JPY2,152 million for the six months ended September 2013).\n\n"
                                                  "Net income attributable to IIJ was JPY1,712 million (JPY1,705 million "
                                                  "in 1H13).\n",
                                                  [("highlights", "income_before_tax", "", *H1_14, 2_410, M, "JPY"),
                                                   ("highlights", "income_before_tax", "change", *H1_14, 12.0, 1, "%"),
                                                   ("highlights", "income_before_tax", "", "2013-09-30", 6, 2_152, M,
                                                    "JPY"),
                                                   ("highlights", "net_income_attributable", "", *H1_14, 1_712, M, "JPY"),
                                                   ("highlights", "net_income_attributable", "", "2013-09-30", 6, 1_705,
                                                    M, "JPY")]),
    # 8. Two PDF columns interleaved.
    "two-columns": (OPEN_1H14 + "Highlights of Financial Results for 1H14\n\n"
                    "Revenues Operating Income\n\n"
                    "JPY61,234 million JPY2,905 million\n\n"
                    "(up 7.5% YoY) (down 3.1% YoY)\n\n"
                    "Net Income attributable to IIJ\n\nJPY1,712 million\n\n(up 0.4% YoY)\n\n",
                    [("highlights", "total_revenues", "", *H1_14, 61_234, M, "JPY"),
                     ("highlights", "total_revenues", "change", *H1_14, 7.5, 1, "%"),
                     ("highlights", "operating_income", "", *H1_14, 2_905, M, "JPY"),
                     ("highlights", "operating_income", "change", *H1_14, -3.1, 1, "%"),
                     ("highlights", "net_income_attributable", "", *H1_14, 1_712, M, "JPY"),
                     ("highlights", "net_income_attributable", "change", *H1_14, 0.4, 1, "%")]),
    # 9. Targets printed as a range, each end with its change (a year whose targets were a range).
    "range-targets": (OPEN_FY23 + "Highlights of Financial Results for FY2023\n"
                      "Total revenues JPY 280.0 billion up 9.0% YoY2\n"
                      "Highlights of Financial Targets for FY2024 (fiscal year ending March 31, 2025)\n"
                      "Total revenues JPY 310.0 - 316.0 billion up 10.7 - 12.9% YoY\n"
                      "Operating profit JPY 30.0 - 33.5 billion up 2.0 - 13.9% YoY\n"
                      "Annual cash dividend JPY34.50 - 37.00 per share of common stock up 0.4 - 7.7% YoY\n\n"
                      "Overview of FY2023 Financial Results and Business Outlook\n",
                      [("highlights", "total_revenues", "", *FY23, 280.0, B, "JPY"),
                       ("targets", "total_revenues", "low", *FY24, 310.0, B, "JPY"),
                       ("targets", "total_revenues", "high", *FY24, 316.0, B, "JPY"),
                       ("targets", "total_revenues", "low change", *FY24, 10.7, 1, "%"),
                       ("targets", "total_revenues", "high change", *FY24, 12.9, 1, "%"),
                       ("targets", "operating_income", "low", *FY24, 30.0, B, "JPY"),
                       ("targets", "operating_income", "high", *FY24, 33.5, B, "JPY"),
                       ("targets", "operating_income", "low change", *FY24, 2.0, 1, "%"),
                       ("targets", "operating_income", "high change", *FY24, 13.9, 1, "%"),
                       ("targets", "dividend_per_share", "low", *FY24, 34.5, 1, "JPY/share"),
                       ("targets", "dividend_per_share", "high", *FY24, 37.0, 1, "JPY/share"),
                       ("targets", "dividend_per_share", "low change", *FY24, 0.4, 1, "%"),
                       ("targets", "dividend_per_share", "high change", *FY24, 7.7, 1, "%")]),
    # 10. ... with each end a whole amount, in a table of pipes.
    "range-targets-whole-amounts": (OPEN_FY23 + "Highlights of Financial Targets for FY2024 | ||||\n"
                                    "Total revenues | JPY310.0 billion ~ JPY316.0 billion | up | 10.7% ~ 12.9% | YoY |\n"
                                    "Annual cash dividend | JPY34.50 ~ JPY37.00 per share of common stock | ||||\n\n"
                                    "Overview of FY2023 Financial Results and Business Outlook\n",
                                    [("targets", "total_revenues", "low", *FY24, 310.0, B, "JPY"),
                                     ("targets", "total_revenues", "high", *FY24, 316.0, B, "JPY"),
                                     ("targets", "total_revenues", "low change", *FY24, 10.7, 1, "%"),
                                     ("targets", "total_revenues", "high change", *FY24, 12.9, 1, "%"),
                                     ("targets", "dividend_per_share", "low", *FY24, 34.5, 1, "JPY/share"),
                                     ("targets", "dividend_per_share", "high", *FY24, 37.0, 1, "JPY/share")]),
    # 11. A quarter's results beside the half-year and full-year targets, both ranges.
    "range-targets-beside-results": (OPEN_1Q24 + "Highlights of Financial Results for 1Q24\n\n"
                                     "FY24 Targets First Half Full Year "
                                     "Total revenues JPY72.0 billion up 4.0 % YoY2 JPY150.0 - 153.0 billion "
                                     "JPY310.0 - 316.0 billion "
                                     "Operating profit JPY6.5 billion up 3.0 % YoY JPY14.0 - 15.5 billion "
                                     "JPY30.0 - 33.5 billion\n\n"
                                     "Overview of 1Q24 Financial Results and Business Outlook\n",
                                     [("highlights", "total_revenues", "", *Q1_24, 72.0, B, "JPY"),
                                      ("highlights", "total_revenues", "change", *Q1_24, 4.0, 1, "%"),
                                      ("targets", "total_revenues", "low", *H1_24, 150.0, B, "JPY"),
                                      ("targets", "total_revenues", "high", *H1_24, 153.0, B, "JPY"),
                                      ("targets", "total_revenues", "low", *FY24, 310.0, B, "JPY"),
                                      ("targets", "total_revenues", "high", *FY24, 316.0, B, "JPY"),
                                      ("highlights", "operating_income", "", *Q1_24, 6.5, B, "JPY"),
                                      ("targets", "operating_income", "low", *H1_24, 14.0, B, "JPY"),
                                      ("targets", "operating_income", "high", *H1_24, 15.5, B, "JPY"),
                                      ("targets", "operating_income", "low", *FY24, 30.0, B, "JPY"),
                                      ("targets", "operating_income", "high", *FY24, 33.5, B, "JPY")]),
}


def facts(text: str) -> set[tuple]:
    """Every fact of the headline statements, in the tuple form of the expectations."""
    release = load_text(text, "form.txt", checks=False)
    df = release.facts
    df = df[df.statement.isin(["highlights", "targets", "dividends"])]
    return {(r.statement, r.item, r.column, r.period_end, int(r.months), r.value, int(r.scale), r.unit)
            for r in df.itertuples()}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_each_form_reads_right(name):
    text, expected = FORMS[name]
    got = facts(text)
    missing = [e for e in expected if e not in got]
    assert not missing, f"missing {missing}; read {sorted(got)}"


@pytest.mark.parametrize("name", sorted(FORMS))
def test_no_figure_is_read_twice_or_wrong(name):
    """Every figure a form holds comes out once: the same measure and period never has two values."""
    text, _expected = FORMS[name]
    seen: dict[tuple, float] = {}
    for st, item, column, end, months, value, scale, unit in facts(text):
        key = (st, item, column, end, months, unit)
        assert key not in seen, f"{key} read twice: {seen.get(key)} and {value}"
        seen[key] = value


def test_amounts_of_no_measure_are_not_read():
    text = (OPEN_1H14 + "Highlights of 1H FY2014 Financial Results\n"
            "Revenues JPY61,234 million (up 7.5% YoY)\n"
            " • IIJ acquired a data center operator: purchase amount JPY3.2 billion\n"
            " • Network services revenues were JPY35.1 billion; Overseas: Revenue JPY4.0 billion\n"
            " • Mobile revenue JPY9.9 billion, SI revenue JPY20.2 billion\n")
    got = facts(text)
    assert {f[5] for f in got if f[2] == ""} == {61_234}


def test_a_figure_compared_with_another_period_is_read_for_its_own():
    text = OPEN_1H14 + "Revenues were JPY61.2 billion in 1H14, compared to JPY56.9 billion in 1H13.\n"
    assert facts(text) == {("highlights", "total_revenues", "", *H1_14, 61.2, B, "JPY")}


def test_a_sentence_naming_two_periods_for_one_figure_is_left_alone():
    text = OPEN_1H14 + "In 1H14 and 2Q14 revenues were JPY61.2 billion.\n"
    assert facts(text) == set()


def test_a_sentence_names_its_own_period():
    text = (OPEN_1H14 + "Overview of 1H14 Financial Results and Business Outlook\n"
            "Regarding our revenue target of JPY150 billion for the fiscal year ending March 31, "
            "2017, we continue to invest.\n")
    assert ("targets", "total_revenues", "", "2017-03-31", 12, 150.0, B, "JPY") in facts(text)


def test_an_approximate_figure_is_no_headline():
    text = (OPEN_1H14 + "Regarding our revenue target of approximately JPY150 billion for the fiscal year ending "
            "March 31, 2017, we now estimate it would be around JPY140 billion.\n")
    assert facts(text) == set()
