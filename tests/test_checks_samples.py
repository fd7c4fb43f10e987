"""The checks on the five bundled sample releases; expected figures checked by hand against the text."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import iijview

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"
PRIMARY = ("balance_sheet", "income_statement", "comprehensive_income", "cash_flows", "equity_changes",
           "segments")
CHECK_RULES = {"sum", "balance", "gross_profit", "operating_income", "income_before_tax", "net_income",
               "net_income_attributable", "comprehensive_income", "cash_change", "cash_end", "tie",
               "cash_tie", "equity_tie", "usd"}


def load(name):
    return iijview.load_release(SAMPLES / name)


def check_failures(rel):
    return [f for f in rel.findings if f.rule in CHECK_RULES]


# Ties that fail on the clean samples only because of a known parser defect: (statement id, label).
# Empty now that the parser tags those figures apart; a failure on a clean sample fails the test.
PARSER_DEFECTS: set[tuple[str, str]] = set()


@pytest.mark.parametrize("name", ["2018-12_9m_fy2018_web_usgaap.txt", "2020-12_9m_fy2020_web_ifrs.txt"])
def test_clean_web_samples_have_no_failures_but_known_parser_defects(name):
    rel = load(name)
    unexplained = [f for f in check_failures(rel)
                   if (f.statement.split(":")[0], rel.statement(f.statement).items[f.cells[0][0]].label)
                   not in PARSER_DEFECTS]
    assert unexplained == [], [f.message for f in unexplained]
    ran = sum(c["passed"] for k, c in rel.check_counts.items() if k.split(":")[0] in PRIMARY)
    assert ran >= 80  # balance sheet, both income statements and cash flows are really checked


@pytest.mark.parametrize("name", ["2018-12_9m_fy2018_web_usgaap.txt", "2020-12_9m_fy2020_web_ifrs.txt"])
def test_clean_web_samples_no_sum_or_identity_failure_anywhere(name):
    rel = load(name)
    bad = [f for f in check_failures(rel) if f.rule not in ("tie", "cash_tie", "usd")]
    assert bad == [], [f.message for f in bad]
    # The network services breakdown is nested (MVNO inside IIJ Mobile inside enterprise) and adds up.
    nr = rel.statement("network_revenue")
    assert rel.check_counts[nr.key]["passed"] >= 6 and rel.check_counts[nr.key]["failed"] == 0


def _sep30_treasury(rel):
    return [f for f in check_failures(rel) if f.statement == "balance_sheet" and f.suggestion
            and f.suggestion.get("label") == "Treasury stock"]


def test_ocr_sample_missing_treasury_stock_at_both_dates():
    rel = load("2017-09_6m_fy2017_ocr_usgaap.txt")
    found = {f.period.end: f for f in _sep30_treasury(rel)}
    assert set(found) == {dt.date(2017, 3, 31), dt.date(2017, 9, 30)}
    # By hand: 68,776,582 - (25,511,804 + 36,147,204 + 5,391,597 + 3,622,761) = -1,896,784 at Sep 30.
    assert found[dt.date(2017, 9, 30)].suggestion["value"] == -1_896_784
    # At Mar 31: 66,741,871 - (25,509,499 + 36,117,511 + 4,511,945 + 2,499,700) = -1,896,784.
    f = found[dt.date(2017, 3, 31)]
    assert f.suggestion["value"] == -1_896_784
    assert "insert_after" in f.suggestion


def test_ocr_sample_missing_equity_method_line_in_three_month_income_statement():
    rel = load("2017-09_6m_fy2017_ocr_usgaap.txt")
    q = rel.statement("income_statement:2")
    assert all(c.period.months == 3 for c in q.columns if c.role == "value")
    found = {f.period.end.year: f for f in check_failures(rel) if f.statement == q.key and f.rule == "net_income"}
    # By hand: 622,607 - (1,111,285 - 513,589) = 24,911 and 828,786 - (1,306,192 - 518,886) = 41,480,
    # the "equity in net income of equity method investees" the cash-flow statement shows for the quarter.
    assert found[2016].suggestion["value"] == 24_911
    assert found[2017].suggestion["value"] == 41_480
    assert "equity method" in found[2017].suggestion["label"].lower()


def test_2012_cash_flow_net_income_differs_from_income_statement_by_6():
    rel = load("2012-12_9m_fy2012_converted_usgaap.txt")
    ties = [f for f in check_failures(rel) if f.rule == "tie" and f.statement == "cash_flows"
            and f.found == 3_123_480]
    assert len(ties) == 1
    f = ties[0]
    assert f.expected == 3_123_486 and f.difference == -6
    assert f.suggestion["value"] == 3_123_486


# The truncated cells of the nine-month 2012 column of the 2012 cash-flow statement, as printed.
TRUNCATED = ["165,26", "(142", "4,59", "(13,565", "19,78", "(17,284", "(131,688", "151,97", "13,15",
             "435,37", "239,86", "59,74", "(1,820,268", "776,64", "281,70", "(4,410,119", "472,70",
             "(41,250", "(407,002", "(100,000", "92,63", "(86,954", "15,36", "(554", "(229,058",
             "(9,618", "(4,703,852"]


def test_2012_every_truncated_cash_flow_cell_is_a_finding():
    rel = load("2012-12_9m_fy2012_converted_usgaap.txt")
    unreadable = [f for f in rel.findings if f.rule == "unreadable_cell" and f.statement == "cash_flows"]
    texts = " ".join(f.message for f in unreadable)
    missing = [t for t in TRUNCATED if f"\u201c{t}\u201d" not in texts]
    assert missing == []
    # "(13,565" lost only its parenthesis: the dollar column (158) x 86.12 = 13,607 +/- 86 allows no other.
    by_text = {f.message.split("\u201c")[1].split("\u201d")[0]: f for f in unreadable}
    assert by_text["(13,565"].suggestion["value"] == -13_565
    # Checks that involve an unreadable cell are counted as not applicable, not as failed or passed.
    assert rel.check_counts["cash_flows"]["not_applicable"] >= len(TRUNCATED)


def test_counts_cover_every_statement_of_every_sample():
    for path in sorted(SAMPLES.glob("*.txt")):
        rel = iijview.load_release(path)
        assert set(rel.check_counts) == {st.key for st in rel.statements}
        total = sum(sum(c.values()) for c in rel.check_counts.values())
        failures = sum(c["failed"] for c in rel.check_counts.values())
        assert total > 0
        # Every failed check is reported (identical failures of one cell are reported once).
        assert 0 < len(check_failures(rel)) <= failures or failures == 0
