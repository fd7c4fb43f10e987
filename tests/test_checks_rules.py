"""Each check rule proved on small hand-made statements."""
from __future__ import annotations

import datetime as dt

import pytest

from iijview.checks import run_checks
from iijview.checks.repairs import _try_cell as _TRY_CELL   # the real one, under the repairs tests' spies
from iijview.model import Column, Period

from test_checks_support import H1_16, H1_17, MAR17, SEP17, columns, release, statement

Q2_17 = Period(dt.date(2017, 9, 30), 3)


def failed(rel, rule=None):
    return [f for f in rel.findings if f.rule == rule] if rule else \
        [f for f in rel.findings if f.rule != "unreadable_cell"]


def total_counts(rel):
    out = {"passed": 0, "failed": 0, "not_applicable": 0}
    for c in rel.check_counts.values():
        for k in out:
            out[k] += c[k]
    return out


EQUITY = """
SHAREHOLDERS' EQUITY: | |
Common stock | 25,509,499 | 25,511,804
Additional paid-in capital | 36,117,511 | 36,147,204
Retained earnings | 4,511,945 | 5,391,597
Accumulated other comprehensive income | 2,499,700 | 3,622,761
Total IIJ shareholders' equity | 66,741,871 | 68,776,582
NONCONTROLLING INTERESTS | 638,329 | 626,140
Total equity | 67,380,200 | 69,402,722
"""


def test_sum_under_heading_fails_and_proposes_missing_treasury_stock():
    rel = release(statement("balance_sheet", EQUITY, columns(MAR17, SEP17)))
    run_checks(rel)
    sums = failed(rel, "sum")
    assert len(sums) == 2
    # 66,741,871 - (25,509,499 + 36,117,511 + 4,511,945 + 2,499,700) = -1,896,784, same at Sep 30.
    for f in sums:
        assert f.suggestion["label"] == "Treasury stock"
        assert f.suggestion["value"] == -1_896_784
        assert f.suggestion["insert_after"] == 4
        assert f.difference == -1_896_784
    assert {f.period for f in sums} == {MAR17, SEP17}
    # Total equity = IIJ equity + NCI still passes in both columns.
    assert rel.check_counts["balance_sheet"] == {"passed": 2, "failed": 2, "not_applicable": 0}


def test_sum_passes_when_all_lines_present_and_marks_totals():
    table = EQUITY.replace("Total IIJ", "Treasury stock | (1,896,784) | (1,896,784)\nTotal IIJ")
    st = statement("balance_sheet", table, columns(MAR17, SEP17))
    rel = release(st)
    run_checks(rel)
    assert failed(rel) == []
    assert rel.check_counts["balance_sheet"]["passed"] == 4
    assert st.items[6].is_total and st.items[8].is_total
    assert st.items[1].level > st.items[6].level  # lines indented under their total


def test_rounding_in_millions_is_no_failure():
    # 10.4 + 20.4 + 30.4 = 61.2 -> printed parts 10, 20, 30 and total 61: rounded parts, no alarm.
    st = statement("operating_summary", """
Revenues: |
A | 10
B | 20
C | 30
Total revenues | 61
""", columns(H1_17, scale=1_000_000))
    rel = release(st)
    run_checks(rel)
    assert failed(rel) == []
    assert rel.check_counts["operating_summary"]["passed"] == 1


def test_rounding_limit_is_exceeded():
    st = statement("operating_summary", """
Revenues: |
A | 10
B | 20
Total revenues | 32
""", columns(H1_17, scale=1_000_000))
    rel = release(st)
    run_checks(rel)
    assert [f.difference for f in failed(rel, "sum")] == [2]


def test_decimals_set_the_tolerance():
    st = statement("highlights", """
Items: | |
A | 1.24 | 2.0
B | 1.24 | 2.0
Total | 2.49 | 4.2
""", columns(H1_16, H1_17, scale=1_000_000_000))
    rel = release(st)
    run_checks(rel)
    # 2.49 within 1.24+1.24 +/- 0.015; 4.2 is not within 4.0 +/- 0.15 (0.05 for each of the three figures).
    assert [f.period for f in failed(rel, "sum")] == [H1_17]


def test_flattened_network_revenue_nested_subtotals_found_from_numbers():
    # 1Q-3Q17 / 1Q-3Q18 network services revenue, JPY millions, as printed in the FY2018 9M release.
    st = statement("network_revenue", """
Total network services | 80,000 | 88,044
Internet connectivity services (enterprise) | 20,418 | 24,406
IP services | 7,553 | 7,890
IIJ Mobile services | 10,436 | 14,129
IIJ Mobile MVNO Platform Service | 7,742 | 10,651
Others | 2,429 | 2,387
Internet connectivity services (consumer) | 18,707 | 18,904
IIJ | 17,394 | 18,904
IIJmio Mobile Service | 15,342 | 16,862
hi-ho | 1,313 | -
WAN services | 21,676 | 23,240
Outsourcing services | 19,199 | 21,494
""", columns(Period(dt.date(2017, 12, 31), 9), Period(dt.date(2018, 12, 31), 9), scale=1_000_000))
    rel = release(st)
    run_checks(rel)
    assert failed(rel) == []
    levels = [row.level for row in st.items]
    assert levels == [0, 1, 2, 2, 3, 2, 1, 2, 3, 2, 1, 1]
    assert [row.is_total for row in st.items][:2] == [True, True]
    assert rel.check_counts["network_revenue"]["passed"] == 6  # three totals x two columns


def test_numbers_that_match_nothing_report_nothing():
    # A "Total" whose lines cannot be told (no heading names them, no run adds up) is not applicable.
    st = statement("contracts", """
IP service | 704 | 748
IIJ Mobile Services | 1,173,563 | 1,583,905
Total contracted bandwidth (Gbps) | 3,085 | 3,600
""", columns(SEP17, MAR17, scale=1))
    rel = release(st)
    run_checks(rel)
    assert failed(rel) == []
    assert rel.check_counts["contracts"] == {"passed": 0, "failed": 0, "not_applicable": 2}


def test_elimination_printed_without_parentheses_is_a_deduction():
    st = statement("segments", """
Revenues: | |
Network service and systems integration business | 72,257,102 | 81,120,647
ATM operation business | 2,052,520 | 2,043,912
Elimination | 186,352 | (176,274)
Consolidated total | 74,123,270 | 82,988,285
""", columns(H1_16, H1_17))
    rel = release(st)
    run_checks(rel)
    assert failed(rel) == []
    assert rel.check_counts["segments"]["passed"] == 2


INCOME = """
Total revenues {{total_revenues}} | 42,024,380
Total costs and expenses {{total_costs_and_expenses}} | 40,833,242
OPERATING INCOME {{operating_income}} | 1,191,138
OTHER INCOME (EXPENSE): |
Dividend income | 124,791
Interest expense | (95,433)
Other—net | 85,696
Other income—net {{other_income_net}} | 115,054
INCOME BEFORE INCOME TAX EXPENSE {{income_before_tax}} | 1,306,192
INCOME TAX EXPENSE {{income_tax}} | 518,886
{equity}NET INCOME {{net_income}} | 828,786
LESS: NET INCOME ATTRIBUTABLE TO NONCONTROLLING INTERESTS {{noncontrolling_interest_income}} | (46,861)
NET INCOME ATTRIBUTABLE TO IIJ {{net_income_attributable}} | {attributable}
"""


def income(equity=True, attributable="781,925", **swap):
    table = INCOME.format(
        equity="EQUITY IN NET INCOME OF EQUITY METHOD INVESTEES {equity_method_income} | 41,480\n" if equity else "",
        attributable=attributable)
    for old, new in swap.items():
        table = table.replace(old.replace("_", ","), new)
    return statement("income_statement", table, columns(Q2_17), key="income_statement:2")


def test_income_statement_identities_pass():
    rel = release(income())
    run_checks(rel)
    assert failed(rel) == []
    rules = {r for r in ("operating_income", "income_before_tax", "net_income", "net_income_attributable", "sum")}
    assert rel.check_counts["income_statement:2"]["passed"] >= len(rules)


def test_missing_equity_method_line_is_proposed():
    rel = release(income(equity=False))
    run_checks(rel)
    [f] = failed(rel)
    assert f.rule == "net_income"
    # 828,786 - (1,306,192 - 518,886) = 41,480
    assert f.difference == 41_480
    assert f.suggestion == {"label": "Equity in net income of equity method investees", "value": 41_480,
                            "insert_after": 9, "column": "c0", "statement": "income_statement:2"}


def test_operating_income_and_attributable_failures():
    rel = release(income(attributable="791,925"))
    run_checks(rel)
    [f] = failed(rel)
    assert f.rule == "net_income_attributable"
    assert (f.expected, f.found, f.difference) == (781_925, 791_925, 10_000)
    # The attributable line or the non-controlling line could hold the slip: no repair is guessed.
    assert f.suggestion is None


def test_typo_in_a_line_is_proposed_as_repair():
    # "Dividend income 124,791" printed as 142,791 (two digits swapped): the sum fails by 18,000.
    rel = release(income(**{"124_791": "142,791"}))
    run_checks(rel)
    [f] = failed(rel)
    assert f.rule == "sum" and f.difference == -18_000
    assert f.suggestion["label"] == "Dividend income" and f.suggestion["value"] == 124_791


def test_gross_profit_with_costs_printed_negative():
    st = statement("income_statement", """
Total revenues {total_revenues} | 150,688,324 | 156,070,113
Total cost of sales {cost_of_revenues} | (126,994,790) | (127,273,488)
Gross Profit {gross_profit} | 23,693,534 | 28,796,625
""", columns(Period(dt.date(2019, 12, 31), 9), Period(dt.date(2020, 12, 31), 9)))
    rel = release(st, standard="IFRS")
    run_checks(rel)
    assert failed(rel) == []
    # Two columns: the identity, and the sum found from the numbers alone.
    assert rel.check_counts["income_statement"]["passed"] == 4
    assert st.items[2].is_total


def test_balance_identity():
    st = statement("balance_sheet", """
TOTAL ASSETS {total_assets} | 137,395,149
Total liabilities {total_liabilities} | 70,014,949
Total equity {total_equity} | 67,380,200
TOTAL LIABILITIES AND EQUITY {total_liabilities_and_equity} | 137,395,151
""", columns(MAR17))
    rel = release(st)
    run_checks(rel)
    # Off by 2 thousand: assets = L&E and L + E = L&E both fail (off by 1 the intervals would touch).
    assert sorted((f.rule, f.difference) for f in failed(rel)) == [("balance", -2), ("balance", 2)]


def test_comprehensive_income():
    st = statement("comprehensive_income", """
NET INCOME {net_income} | 828,786
OTHER COMPREHENSIVE INCOME (LOSS), NET OF TAX: |
Foreign currency translation adjustments | 20,501
Unrealized holding gain (loss) on securities | 567,208
Defined benefit pension plans | 810
TOTAL COMPREHENSIVE INCOME {comprehensive_income} | 1,417,305
""", columns(Q2_17))
    rel = release(st)
    run_checks(rel)
    assert failed(rel) == []
    bad = statement("comprehensive_income", st and """
NET INCOME {net_income} | 828,786
OTHER COMPREHENSIVE INCOME (LOSS), NET OF TAX: |
Foreign currency translation adjustments | 20,501
Unrealized holding gain (loss) on securities | 567,208
TOTAL COMPREHENSIVE INCOME {comprehensive_income} | 1,417,305
""", columns(Q2_17))
    rel = release(bad)
    run_checks(rel)
    assert [f.difference for f in failed(rel, "comprehensive_income")] == [810]


CASH = """
Net cash provided by operating activities {net_cash_operating} | 6,102,281
Net cash used in investing activities {net_cash_investing} | (4,499,330)
Net cash provided by (used in) financing activities {net_cash_financing} | (3,673,470)
EFFECT OF EXCHANGE RATE CHANGES ON CASH AND CASH EQUIVALENTS {fx_effect_on_cash} | (17,041)
NET DECREASE IN CASH AND CASH EQUIVALENTS {net_change_in_cash} | (2,087,560)
CASH AND CASH EQUIVALENTS, BEGINNING OF THE PERIOD {cash_beginning} | 21,958,591
CASH AND CASH EQUIVALENTS, END OF THE PERIOD {cash_end} | 19,871,031
"""


def test_cash_roll_forward_and_ties_to_balance_sheet():
    cf = statement("cash_flows", CASH, columns(H1_17))
    bs = statement("balance_sheet", """
Cash and cash equivalents {cash_and_equivalents} | 21,958,591 | 19,871,031
""", columns(MAR17, SEP17))
    rel = release(bs, cf)
    run_checks(rel)
    assert failed(rel) == []
    counts = rel.check_counts["cash_flows"]
    assert counts["passed"] == 4 and counts["failed"] == 0  # change, end, two cash ties


def test_cash_end_differs_from_balance_sheet():
    cf = statement("cash_flows", CASH, columns(H1_17))
    bs = statement("balance_sheet", """
Cash and cash equivalents {cash_and_equivalents} | 21,958,591 | 19,817,031
""", columns(MAR17, SEP17))
    rel = release(bs, cf)
    run_checks(rel)
    [f] = failed(rel)
    assert f.rule == "cash_tie" and f.statement == "cash_flows" and f.difference == 54_000


def test_cash_flow_net_income_tie_and_repair():
    # The 2012 case: the cash-flow statement prints 3,123,480 where the income statement says 3,123,486.
    is_ = statement("income_statement", """
INCOME BEFORE INCOME TAX {income_before_tax} | 4,945,966 | 57,431
INCOME TAX EXPENSE {income_tax} | 1,954,168 | 22,691
EQUITY IN NET INCOME OF EQUITY METHOD INVESTEES {equity_method_income} | 131,688 | 1,529
NET INCOME {net_income} | 3,123,486 | 36,269
""", [Column("c0", Period(dt.date(2012, 12, 31), 9), scale=1000),
      Column("c1", Period(dt.date(2012, 12, 31), 9), unit="USD", scale=1000)])
    cf = statement("cash_flows", """
Net income {net_income} | 3,123,480 | 36,269
""", [Column("c0", Period(dt.date(2012, 12, 31), 9), scale=1000),
      Column("c1", Period(dt.date(2012, 12, 31), 9), unit="USD", scale=1000)])
    rel = release(is_, cf, text="The rate used for the translation was JPY86.12 per US\\$1.00, which was ...")
    run_checks(rel)
    ties = failed(rel, "tie")
    assert len(ties) == 1
    f = ties[0]
    assert (f.statement, f.found, f.expected, f.difference) == ("cash_flows", 3_123_480, 3_123_486, -6)
    assert f.suggestion["value"] == 3_123_486 and f.suggestion["statement"] == "cash_flows"


def test_summary_in_millions_ties_to_thousands_even_when_cut_off():
    # IIJ's summaries cut 93,983,677 thousand to 93,983 million: no alarm; 93,893 is one.
    is_ = statement("income_statement", """
Network services: |
Internet connectivity | 29,699,000
Others | 64,284,677
Total {network_services_revenue} | 93,983,677
""", columns(H1_17))
    ok = statement("operating_summary", "Network services {network_services_revenue} | 93,983",
                   columns(H1_17, scale=1_000_000))
    rel = release(is_, ok)
    run_checks(rel)
    assert failed(rel) == [] and rel.check_counts["operating_summary"]["passed"] == 1
    bad = statement("operating_summary", "Network services {network_services_revenue} | 93,893",
                    columns(H1_17, scale=1_000_000))
    rel = release(is_, bad)
    run_checks(rel)
    [f] = failed(rel)
    assert f.rule == "tie" and f.difference == -91
    # 93,983 is 93,893 with two digits swapped back, and agrees with the statement.
    assert f.suggestion["value"] == 93_983 and f.suggestion["statement"] == "operating_summary"


def test_usd_column_at_stated_rate():
    st = statement("balance_sheet", """
Cash and cash equivalents | 13,536,824 | 123,645 | 10,648,296
Inventories | 752,075 | 20,768 | 1,790,064
""", [Column("c0", Period(dt.date(2012, 3, 31)), scale=1000),
      Column("c1", Period(dt.date(2012, 12, 31)), unit="USD", scale=1000),
      Column("c2", Period(dt.date(2012, 12, 31)), scale=1000)])
    rel = release(st, text="The rate used for the translation was JPY86.12 per US$1.00.")
    run_checks(rel)
    # 10,648,296 / 86.12 = 123,645.8 (passes); 1,790,064 / 86.12 = 20,785.7, printed 20,768 (swapped digits).
    [f] = failed(rel, "usd")
    assert f.labels[0] == "Inventories" and f.expected == 20_786
    assert f.suggestion["value"] == 20_786


def test_unreadable_cell_is_a_finding_and_its_checks_not_applicable():
    st = statement("cash_flows", """
INVESTING ACTIVITIES: | |
Purchase of property and equipment | (4,534,276) | (4,410,119)
Proceeds from sales of property and equipment | 294,265 | 472,70?
Payments of guarantee deposits | (20,269) | (86,954?
Net cash used in investing activities | (4,260,280) | (3,923,273)
""", columns(H1_16, H1_17))
    rel = release(st)
    run_checks(rel)
    unread = failed(rel, "unreadable_cell")
    assert len(unread) == 2 and failed(rel) == []
    assert rel.check_counts["cash_flows"] == {"passed": 1, "failed": 0, "not_applicable": 1}
    assert all(f.suggestion is None for f in unread)  # two unknowns in one sum: nothing to propose


def test_truncated_cell_value_implied_by_total_and_siblings():
    st = statement("cash_flows", """
INVESTING ACTIVITIES: | |
Purchase of property and equipment | (4,534,276) | (4,410,119)
Proceeds from sales of property and equipment | 294,265 | 472,70?
Payments of guarantee deposits | (20,269) | (86,954)
Net cash used in investing activities | (4,260,280) | (4,024,366)
""", columns(H1_16, H1_17))
    rel = release(st)
    run_checks(rel)
    [f] = failed(rel, "unreadable_cell")
    # -4,024,366 + 4,410,119 + 86,954 = 472,707, which starts with the printed "472,70".
    assert f.suggestion["value"] == 472_707 and f.cells == [(2, "c1")]
    assert "472,70" in f.message


def test_every_check_is_counted():
    rel = release(income(), statement("cash_flows", CASH, columns(H1_17)))
    run_checks(rel)
    counts = total_counts(rel)
    assert counts["failed"] == 0 and counts["passed"] >= 7
    assert set(rel.check_counts) == {"income_statement:2", "cash_flows"}


def test_run_checks_twice_gives_the_same_findings():
    rel = release(statement("balance_sheet", EQUITY, columns(MAR17, SEP17)))
    run_checks(rel)
    first = [(f.rule, f.message) for f in rel.findings]
    run_checks(rel)
    assert [(f.rule, f.message) for f in rel.findings] == first


@pytest.mark.parametrize("text,rate", [
    ("The rate used for the translation was JPY86.12 per US$1.00, which was the noon", 86.12),
    ("translated at the rate of JPY110 = US$1", 110.0),
    ("no rate here", None),
])
def test_usd_rate_from_text(text, rate):
    from iijview.checks import usd_rate
    assert usd_rate(text) == rate


def test_equity_changes_balances_tie_to_balance_sheet():
    # FY2020 IFRS release: share capital 25,530,621 at both dates; treasury shares (1,896,921) at Mar 31,
    # 2020 and (1,875,112) at Dec 31, 2020; here the closing treasury shares are mistyped (1,857,112).
    mar20, dec20 = Period(dt.date(2020, 3, 31)), Period(dt.date(2020, 12, 31))
    nine = Period(dt.date(2020, 12, 31), 9)
    bs = statement("balance_sheet", """
Equity: | |
Share capital | 25,530,621 | 25,530,621
Treasury shares | (1,896,921) | (1,875,112)
Total equity | 23,633,700 | 23,655,509
""", columns(mar20, dec20))
    eq_cols = [Column("m0", nine, scale=1000, member="Share capital"),
               Column("m1", nine, scale=1000, member="Treasury shares")]
    ch = statement("equity_changes", """
Balance, April 1, 2020 {equity_opening_balance} | 25,530,621 | (1,896,921)
Balance, December 31, 2020 {equity_closing_balance} | 25,530,621 | (1,857,112)
""", eq_cols)
    rel = release(bs, ch)
    run_checks(rel)
    [f] = failed(rel, "equity_tie")
    assert f.statement == "equity_changes" and f.cells == [(1, "m1")] and f.difference == 18_000
    # The balance-sheet line is confirmed by its total, so the slip is proposed on the closing balance.
    assert f.suggestion["value"] == -1_875_112 and f.suggestion["statement"] == "equity_changes"
    assert rel.check_counts["equity_changes"] == {"passed": 3, "failed": 1, "not_applicable": 0}


def _repairs_tried(monkeypatch, bound: str, value: int) -> tuple[list, object]:
    """The cells the repairs try in an income statement with one typing slip, with `bound` set to `value`."""
    from iijview.checks import repairs
    tried = []
    monkeypatch.setattr(repairs, "_try_cell", lambda *a: tried.append(a[2]) or _TRY_CELL(*a))
    monkeypatch.setattr(repairs, bound, value)
    rel = release(income(**{"124_791": "142,791"}))
    run_checks(rel)
    return tried, rel


def test_repairs_try_a_bounded_number_of_cells(monkeypatch):
    # a damaged file with thousands of failed checks must not try every cell's typing slips
    tried, rel = _repairs_tried(monkeypatch, "MAX_TRIES", 2)
    [f] = failed(rel)
    assert f.rule == "sum" and len(tried) == 2
    tried, rel = _repairs_tried(monkeypatch, "MAX_TRIES", 1000)
    assert len(tried) > 2 and failed(rel)[0].suggestion["value"] == 124_791


def test_repairs_try_a_bounded_number_of_checks(monkeypatch):
    # a cell in hundreds of checks (a table repeated hundreds of times) costs its checks per try:
    # the tries stop once the checks of the cells tried pass MAX_CHECKS_TRIED
    tried, rel = _repairs_tried(monkeypatch, "MAX_CHECKS_TRIED", 1)
    [f] = failed(rel)
    assert f.rule == "sum" and tried == [] and f.suggestion["label"] == "Missing line"   # no slip tried
    tried, rel = _repairs_tried(monkeypatch, "MAX_CHECKS_TRIED", 20000)
    assert len(tried) > 2 and failed(rel)[0].suggestion["value"] == 124_791
