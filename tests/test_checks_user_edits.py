"""Repairs around the user's own corrections (hand-made statements; figures checked by hand)."""
from __future__ import annotations

from iijview.checks import run_checks
from iijview.model import Cell, LineItem
from test_checks_rules import EQUITY, failed
from test_checks_support import MAR17, SEP17, columns, release, statement


def correct(row, col, value, text):
    cell = row.cells[col]
    cell.original, cell.original_text = cell.value, cell.text
    cell.value, cell.text, cell.status = value, text, "corrected"


def test_a_users_edit_that_breaks_a_total_is_offered_back_not_a_missing_line():
    table = EQUITY.replace("Total IIJ", "Treasury stock | (1,896,784) | (1,896,784)\nTotal IIJ")
    st = statement("balance_sheet", table, columns(MAR17, SEP17))
    rel = release(st)
    correct(st.items[3], "c0", 4_513_473, "4,513,473")     # retained earnings: 4,511,945 + 1,528
    run_checks(rel)
    [f] = failed(rel, "sum")
    assert f.difference == -1_528
    assert f.suggestion == {"label": "Retained earnings", "value": 4_511_945, "row": 3, "column": "c0",
                            "statement": "balance_sheet", "revert": True}
    assert "Your correction of Retained earnings broke it" in f.message


def test_a_line_inserted_at_one_date_is_proposed_at_the_other():
    # The user applied 'Insert Treasury stock = (1,896,784)' for Mar 31 only (rechecked in between).
    st = statement("balance_sheet", EQUITY, columns(MAR17, SEP17))
    st.items.insert(5, LineItem("Treasury stock", inserted=True, cells={
        "c0": Cell("(1,896,784)", -1_896_784, status="corrected")}))
    rel = release(st)
    run_checks(rel)
    [f] = failed(rel, "sum")
    assert f.period == SEP17 and f.difference == -1_896_784
    assert f.suggestion == {"label": "Treasury stock", "value": -1_896_784, "row": 5, "column": "c1",
                            "statement": "balance_sheet"}
