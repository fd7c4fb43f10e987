"""The comparison's rules on hand-made releases: mapping, derivation, nevers, merging, changes, series."""
from __future__ import annotations

import datetime as dt

import pytest

from compare_fixtures import (P3_18, P9_17, P9_18, P9_19, gaap_9m_2018, ifrs_9m_2019, period, release,
                              statement)
from iijview.compare import CompareOptions, build_comparison
from iijview.compare.computed import percent_change
from iijview.compare.periods import column_key
from iijview.compare.rows import base_keys, mapped, merge_layouts, CompareRow
from iijview.compare.knowledge import knowledge
from iijview.compare.series import chart_data, period_start
from iijview.compare.units import shown


def cell(comp, key, p, standard):
    """The cell of row `key` in the column of period p under a standard (None if none)."""
    return comp.cells.get((key, column_key(p, standard)))


def value(comp, key, p, standard="U.S. GAAP"):
    c = cell(comp, key, p, standard)
    return None if c is None else c.value


def titles(comp):
    return [(c.title, c.standard) for c in comp.columns]


# -- lines up across U.S. GAAP and IFRS ---------------------------------------------------------

def test_gaap_and_ifrs_names_share_one_row():
    comp = build_comparison([gaap_9m_2018(), ifrs_9m_2019()], CompareOptions(periods="9m"))
    keys = [r.key for r in comp.rows]
    for key in ("total_revenues", "operating_income", "net_income_attributable", "basic_eps"):
        assert keys.count(key) == 1
    # Labels and hierarchy of the newest release that prints the line.
    assert comp.rows[comp.row_index("operating_income")].label == "Operating profit"
    assert comp.rows[comp.row_index("network_services_revenue")].level == 1
    assert value(comp, "operating_income", P9_17) == 5_000_000
    assert value(comp, "operating_income", P9_18) == 6_000_000
    assert value(comp, "operating_income", P9_18, "IFRS") == 6_200_000
    assert value(comp, "operating_income", P9_19, "IFRS") == 7_000_000
    assert value(comp, "net_income_attributable", P9_19, "IFRS") == 4_000_000


def test_a_line_that_maps_nowhere_keeps_its_label_and_the_order_it_had():
    comp = build_comparison([gaap_9m_2018(), ifrs_9m_2019()], CompareOptions(periods="9m"))
    keys = [r.key for r in comp.rows]
    assert "label:guarantee deposits received" in keys
    # Printed only by the older release: placed after the line it follows there.
    assert keys.index("label:guarantee deposits received") == keys.index("operating_income") + 1
    assert comp.rows[keys.index("label:guarantee deposits received")].label == "Guarantee deposits received"


def test_manual_mapping_moves_a_line_onto_another_row():
    mappings = {"label:guarantee deposits received": "network_services_revenue"}
    comp = build_comparison([gaap_9m_2018()], CompareOptions(periods="9m"), mappings)
    assert comp.row_index("label:guarantee deposits received") < 0
    # Both printings now fall in one cell, which says they differ.
    c = cell(comp, "network_services_revenue", P9_18, "U.S. GAAP")
    assert c.value == 66_000_000 and c.conflict and len(c.sources) == 2
    assert mapped("a", {"a": "b", "b": "a"}) in ("a", "b")   # a loop never hangs


def test_columns_run_in_time_order_with_one_change_of_basis():
    comp = build_comparison([ifrs_9m_2019(), gaap_9m_2018()], CompareOptions(periods="9m"))
    assert titles(comp) == [("1Q-3Q17", "U.S. GAAP"), ("1Q-3Q18", "U.S. GAAP"),
                            ("1Q-3Q18", "IFRS"), ("1Q-3Q19", "IFRS")]
    assert [c.boundary for c in comp.columns] == [False, False, True, False]


def test_unknown_standard_follows_iijs_history():
    old = gaap_9m_2018()
    old.standard = ""
    comp = build_comparison([old], CompareOptions(periods="9m"))
    assert {c.standard for c in comp.columns} == {"U.S. GAAP"}
    assert comp.inferred_standard == {0}


# -- one period printed in several places -------------------------------------------------------

def _summary_release(name, fiscal, standard, figures, scale, decimals=0, sid="operating_summary"):
    rows = [("Total revenues", [v], 0, True, None, decimals) for v in figures]
    return release(name, fiscal, standard, [statement(sid, [fiscal], rows[:1], scale=scale)])


def test_within_a_release_the_finest_figure_wins_and_the_others_back_it():
    p = period(2018, 9, 6)
    rel = release("r.txt", p, "U.S. GAAP", [
        statement("highlights", [p], [("Revenues", [90.1], 0, False, None, 1)], scale=10**9),
        statement("operating_summary", [p], [("Total revenues", [90_123])], scale=10**6),
        statement("income_statement", [p], [("Total revenues", [90_123_456])], scale=1000)])
    comp = build_comparison([rel], CompareOptions(periods="halves"))
    c = cell(comp, "total_revenues", p, "U.S. GAAP")
    assert c.value == 90_123_456_000 and c.precision == 1000
    assert c.source.statement == "income_statement"
    assert [f.statement for f in c.sources] == ["income_statement", "operating_summary", "highlights"]
    assert not c.conflict and not c.restated


def test_a_figure_that_differs_beyond_rounding_inside_a_release_is_a_finding():
    p = period(2018, 9, 6)
    rel = release("r.txt", p, "U.S. GAAP", [
        statement("operating_summary", [p], [("Total revenues", [90_200])], scale=10**6),
        statement("income_statement", [p], [("Total revenues", [90_123_456])], scale=1000)])
    comp = build_comparison([rel], CompareOptions(periods="halves"))
    c = cell(comp, "total_revenues", p, "U.S. GAAP")
    assert c.conflict and c.value == 90_123_456_000
    assert [f.rule for f in comp.findings] == ["compare_conflict"]


def test_summaries_may_be_off_by_rounding_without_a_finding():
    p = period(2018, 9, 6)
    rel = release("r.txt", p, "U.S. GAAP", [
        statement("operating_summary", [p], [("Total revenues", [90_124])], scale=10**6),   # 90,123.456 +0.5 slack
        statement("highlights", [p], [("Revenues", [90.1], 0, False, None, 1)], scale=10**9),
        statement("income_statement", [p], [("Total revenues", [90_123_456])], scale=1000)])
    assert not cell(build_comparison([rel], CompareOptions(periods="halves")),
                    "total_revenues", p, "U.S. GAAP").conflict


def test_across_releases_the_last_report_wins_and_restatements_are_marked():
    p = period(2017, 12, 9)
    first = release("a.txt", p, "U.S. GAAP", [statement("income_statement", [p], [("Total revenues", [100_000])])])
    later = release("b.txt", period(2018, 12, 9), "U.S. GAAP",
                    [statement("income_statement", [p], [("Total revenues", [101_500])])])
    comp = build_comparison([later, first], CompareOptions(periods="9m"))
    c = cell(comp, "total_revenues", p, "U.S. GAAP")
    assert c.value == 101_500_000 and c.restated and c.source.release == 0
    assert [f.release for f in c.sources] == [1, 0]          # oldest release first
    comp = build_comparison([later, first], CompareOptions(periods="9m", first_reported=True))
    c = cell(comp, "total_revenues", p, "U.S. GAAP")
    assert c.value == 100_000_000 and c.restated and c.source.release == 1


def test_a_later_coarse_figure_that_agrees_keeps_the_earlier_precision():
    p = period(2017, 9, 6)
    first = release("a.txt", p, "U.S. GAAP", [statement("income_statement", [p], [("Total revenues", [82_988_285])])])
    slide = release("b.txt", period(2018, 9, 6), "U.S. GAAP",
                    [statement("operating_summary", [p], [("Total revenues", [83.0], 0, True, None, 1)],
                               scale=10**9)])
    c = cell(build_comparison([first, slide], CompareOptions("operating_summary", periods="halves")),
             "total_revenues", p, "U.S. GAAP")
    assert c.value == 82_988_285_000 and not c.restated and len(c.sources) == 2


# -- derived quarters and halves ----------------------------------------------------------------

def _cumulative(year, standard="U.S. GAAP", **figures):
    """A release printing total revenues (thousands) for the named periods of fiscal year `year`."""
    spans = {"q1": (6, 3), "q2": (9, 3), "h1": (9, 6), "m9": (12, 9), "fy": (3, 12)}
    periods = [period(year, *spans[k]) for k in figures]
    return release(f"fy{year}-{'-'.join(figures)}.txt", max(periods), standard, [
        statement("income_statement", periods, [("Total revenues", list(figures.values())),
                                                ("BASIC NET INCOME PER SHARE (JPY)", [1.5] * len(figures),
                                                 0, False, "JPY/share", 2)])])


@pytest.mark.parametrize("printed, target, expected, formula", [
    ({"h1": 200, "q2": 120}, (6, 3), 80, "1H18 \u2212 2Q18"),          # Q1 = 6M - Q2
    ({"h1": 200, "q1": 90}, (9, 3), 110, "1H18 \u2212 1Q18"),          # Q2 = 6M - Q1
    ({"m9": 330, "h1": 200}, (12, 3), 130, "1Q-3Q18 \u2212 1H18"),     # Q3 = 9M - 6M
    ({"fy": 450, "m9": 330}, (3, 3), 120, "FY2018 \u2212 1Q-3Q18"),    # Q4 = FY - 9M
    ({"fy": 450, "h1": 200}, (3, 6), 250, "FY2018 \u2212 1H18"),       # 2H = FY - 1H
])
def test_each_derivation_rule(printed, target, expected, formula):
    comp = build_comparison([_cumulative(2018, **printed)], CompareOptions(periods="all"))
    c = cell(comp, "total_revenues", period(2018, *target), "U.S. GAAP")
    assert c is not None and c.kind == "derived"
    assert c.value == expected * 1000 and c.formula == formula
    assert comp.column(column_key(period(2018, *target), "U.S. GAAP")).derived
    # Per-share figures are never derived.
    assert cell(comp, "basic_eps", period(2018, *target), "U.S. GAAP") is None


def test_derived_precision_is_that_of_the_coarsest_input():
    h1 = period(2018, 9, 6)
    rel = release("a.txt", period(2018, 12, 9), "U.S. GAAP", [
        statement("income_statement", [period(2018, 12, 9)], [("Total revenues", [139_381_687])]),
        statement("highlights", [h1], [("Revenues", [91.0], 0, False, None, 1)], scale=10**9)])
    c = cell(build_comparison([rel], CompareOptions(periods="quarters")),
             "total_revenues", period(2018, 12, 3), "U.S. GAAP")
    assert c.kind == "derived" and c.precision == pytest.approx(10**8)
    assert c.value == pytest.approx(48_381_687_000)
    assert shown(c.value, c.precision, "JPY", "millions") == 48_400


def test_a_printed_quarter_is_checked_against_its_derivation():
    agreeing = _cumulative(2018, m9=330, h1=200)
    agreeing.statements.append(statement("income_statement", [P3_18], [("Total revenues", [130])],
                                         key="income_statement:2"))
    c = cell(build_comparison([agreeing], CompareOptions(periods="quarters")), "total_revenues", P3_18, "U.S. GAAP")
    assert c.kind == "printed" and c.check.agrees and c.check.formula == "1Q-3Q18 \u2212 1H18"
    wrong = _cumulative(2018, m9=330, h1=200)
    wrong.statements.append(statement("income_statement", [P3_18], [("Total revenues", [135])],
                                      key="income_statement:2"))
    comp = build_comparison([wrong], CompareOptions(periods="quarters"))
    c = cell(comp, "total_revenues", P3_18, "U.S. GAAP")
    assert c.value == 135_000 and not c.check.agrees and c.check.value == 130_000
    assert [f.rule for f in comp.findings] == ["derived_check"]


def test_never_derive_balances_counts_per_share_or_ratios():
    h1, m9 = period(2018, 9, 6), period(2018, 12, 9)
    rows = [("Total revenues", [200, 330]),
            ("BASIC WEIGHTED-AVERAGE NUMBER OF SHARES (shares)", [45_000_000, 45_100_000], 0, False, "shares"),
            ("BASIC NET INCOME PER SHARE (JPY)", [10.5, 15.25], 0, False, "JPY/share", 2),
            ("Operating margin ratio", [2.5, 2.8], 0, False, "%", 1),
            ("CASH AND CASH EQUIVALENTS, END OF PERIOD", [900, 950])]
    rel = release("a.txt", m9, "U.S. GAAP", [
        statement("income_statement", [h1, m9], rows[:4]),
        statement("cash_flows", [h1, m9], rows[4:]),
        statement("balance_sheet", [period(2018, 9, 0), period(2018, 12, 0)], [("Total assets", [5_000, 5_100])])])
    q3 = period(2018, 12, 3)
    comp = build_comparison([rel], CompareOptions(periods="all"))
    assert value(comp, "total_revenues", q3) == 130_000
    for key in ("basic_weighted_shares", "basic_eps", "label:operating margin ratio"):
        assert comp.row_index(key) >= 0 and cell(comp, key, q3, "U.S. GAAP") is None
    cash = build_comparison([rel], CompareOptions("cash_flows", periods="all"))
    assert cash.row_index("cash_end") >= 0 and cell(cash, "cash_end", q3, "U.S. GAAP") is None
    bs = build_comparison([rel], CompareOptions("balance_sheet", periods="all"))
    assert all(c.kind == "printed" for c in bs.cells.values())


def test_never_combine_fiscal_years_or_standards_and_a_missing_input_leaves_it_empty():
    q3 = period(2018, 12, 3)
    nine = _cumulative(2018, m9=330)
    half_ifrs = _cumulative(2018, "IFRS", h1=200)
    half_last_year = _cumulative(2017, h1=190)
    comp = build_comparison([nine, half_ifrs, half_last_year], CompareOptions(periods="all"))
    assert cell(comp, "total_revenues", q3, "U.S. GAAP") is None
    assert cell(comp, "total_revenues", q3, "IFRS") is None
    assert all(c.kind != "derived" for c in comp.cells.values())


def test_a_derived_value_is_never_an_input():
    # Q1 = 6M - Q2 only where Q2 is printed: a Q2 derived from a printed Q1 does not derive it back.
    comp = build_comparison([_cumulative(2018, h1=200, q1=90)], CompareOptions(periods="quarters"))
    q1, q2 = cell(comp, "total_revenues", period(2018, 6, 3), "U.S. GAAP"), \
        cell(comp, "total_revenues", period(2018, 9, 3), "U.S. GAAP")
    assert q1.kind == "printed" and q1.check is None and q2.kind == "derived"


# -- changes, ratios, views ---------------------------------------------------------------------

@pytest.mark.parametrize("base, new, expected, note", [
    (100.0, 110.0, 10.0, ""),
    (0.0, 5.0, None, "n/m: the base is zero"),
    (-50.0, 20.0, None, "n/m: the sign flips"),
    (40.0, -10.0, None, "n/m: the sign flips"),
    (-76_211.0, -74_201.0, pytest.approx(-2.637, abs=1e-3), ""),   # a cost printed negative fell
    (-367.0, -727.0, pytest.approx(98.09, abs=1e-2), ""),           # a loss grew
    (None, 5.0, None, ""),
    (12.0, 12.0, 0.0, ""),
])
def test_percent_change_edge_cases(base, new, expected, note):
    assert percent_change(base, new) == (expected, note)


def test_latest_view_shows_the_same_period_a_year_earlier_with_its_change():
    comp = build_comparison([gaap_9m_2018()], CompareOptions(view="latest"))
    assert [c.title for c in comp.columns] == ["1Q-3Q17", "1Q-3Q18", "Change 1Q-3Q18 vs 1Q-3Q17",
                                               "% change 1Q-3Q18 vs 1Q-3Q17"]
    r = comp.row_index("total_revenues")
    assert comp.cell(r, 2).value == 10_000_000 and comp.cell(r, 3).value == pytest.approx(10.0)
    assert comp.cell(r, 2).kind == "change" and comp.cell(r, 3).kind == "percent"
    eps = comp.row_index("basic_eps")
    assert comp.cell(eps, 2).value == pytest.approx(10.75)


def test_changes_on_demand_and_across_the_change_of_basis():
    keys = (column_key(P9_18, "U.S. GAAP"), column_key(P9_19, "IFRS"))
    comp = build_comparison([gaap_9m_2018(), ifrs_9m_2019()], CompareOptions(periods="9m", changes=(keys,)))
    assert comp.columns[-2].title == "Change 1Q-3Q19 (IFRS) vs 1Q-3Q18"
    r = comp.row_index("operating_income")
    assert comp.cell(r, len(comp.columns) - 2).value == 1_000_000
    assert comp.cell(r, len(comp.columns) - 1).value == pytest.approx(1 / 6 * 100)


def test_margin_rows_per_column_and_not_meaningful_on_zero_revenue():
    p = period(2018, 12, 9)
    rel = release("a.txt", p, "IFRS", [statement("income_statement", [P9_17, p], [
        ("Total revenues", [0, 200]), ("Gross profit", [10, 50]), ("Operating profit", [5, 20])])])
    comp = build_comparison([rel], CompareOptions(periods="9m"))
    gm, om = comp.row_index("ratio:gross_margin"), comp.row_index("ratio:operating_margin")
    assert comp.rows[gm].kind == "ratio" and comp.row_index("ratio:net_margin") < 0
    assert comp.cell(gm, 1).value == pytest.approx(25.0) and comp.cell(om, 1).value == pytest.approx(10.0)
    assert comp.cell(gm, 0).value is None and comp.cell(gm, 0).note == "n/m: the base is zero"
    assert build_comparison([rel], CompareOptions(periods="9m", ratios=False)).row_index("ratio:gross_margin") < 0


def test_derived_and_computed_cells_are_read_only_and_follow_a_correction():
    rel = _cumulative(2018, m9=330, h1=200)
    comp = build_comparison([rel], CompareOptions(periods="all"))
    q3 = cell(comp, "total_revenues", period(2018, 12, 3), "U.S. GAAP")
    assert not q3.editable and cell(comp, "total_revenues", period(2018, 12, 9), "U.S. GAAP").editable
    nine = rel.statements[0].items[0].cells["c0"]     # the nine months (printed first)
    nine.value, nine.text, nine.status = 340, "340", "corrected"
    comp = build_comparison([rel], CompareOptions(periods="all"))
    assert value(comp, "total_revenues", period(2018, 12, 3)) == 140_000
    assert cell(comp, "total_revenues", period(2018, 12, 9), "U.S. GAAP").corrected


# -- rows: segments, repeats, order -------------------------------------------------------------

def test_segments_line_up_between_row_tables_and_member_columns():
    p18, p19 = period(2018, 12, 9), period(2019, 12, 9)
    gaap = release("g.txt", p18, "U.S. GAAP", [statement("segments", [p18], [
        ("Network service and systems integration business", [1_000], 0, True),
        ("Customers", [990]), ("Intersegment", [10]),
        ("ATM operation business", [50], 0, True),
        ("Elimination", [-10]),
        ("Consolidated total", [1_040], 0, True),
        ("Segment profit or loss:", None),
        ("Network service and systems integration business", [80], 1),
        ("ATM operation business", [5], 1),
        ("Consolidated operating income", [85], 1, True)])])
    ifrs = release("i.txt", p19, "IFRS", [statement("segments", [p19], [
        ("Total revenue", [1_100, 60, -12, 1_148], 0, True),
        ("Segment operating profit", [90, 6, -1, 95])],
        members=["Network service and systems integration business", "ATM operation business",
                 "Adjustments", "Consolidated"])])
    comp = build_comparison([gaap, ifrs], CompareOptions("segments", periods="9m"))
    nw = "segment_nw_si"
    assert value(comp, f"total_revenues@{nw}", p18) == 1_000_000
    assert value(comp, f"total_revenues@{nw}", p19, "IFRS") == 1_100_000
    assert value(comp, f"operating_income@{nw}", p18) == 80_000
    assert value(comp, f"operating_income@{nw}", p19, "IFRS") == 90_000
    assert value(comp, f"segment_customers@{nw}", p18) == 990_000
    assert value(comp, "total_revenues@segment_elimination", p19, "IFRS") == -12_000
    assert value(comp, "total_revenues", p18) == 1_040_000 and value(comp, "total_revenues", p19, "IFRS") == 1_148_000


def test_a_line_printed_twice_with_other_figures_is_its_second_printing():
    p = period(2020, 12, 9)
    st = statement("network_revenue", [p], [
        ("Internet connectivity services (enterprise)", [300], 0, True), ("Others", [20], 1),
        ("Internet connectivity services (consumer)", [200], 0, True), ("Others", [15], 1),
        ("Total network services", [500], 0, True), ("Total network services", [500])], scale=10**6)
    keys = base_keys(st, knowledge())
    assert keys == ["internet_connectivity_enterprise", "internet_connectivity_other",
                    "internet_connectivity_consumer", "internet_connectivity_other#2",
                    "network_services_revenue", "network_services_revenue"]


def test_merged_layout_keeps_newest_order_and_places_older_rows():
    newest = [CompareRow("a", "A"), CompareRow("c", "C")]
    older = [CompareRow("x", "X"), CompareRow("a", "A"), CompareRow("b", "B"), CompareRow("c", "C"), CompareRow("z", "Z")]
    assert [r.key for r in merge_layouts([newest, older])] == ["x", "a", "b", "c", "z"]


# -- chart series -------------------------------------------------------------------------------

def test_chart_series_break_at_the_change_of_basis_and_mark_their_points():
    comp = build_comparison([gaap_9m_2018(), ifrs_9m_2019()], CompareOptions(periods="9m"))
    rows = [comp.row_index("total_revenues"), comp.row_index("ratio:operating_margin")]
    data = chart_data(comp, rows, "millions")
    assert data.periods == ["1Q-3Q17", "1Q-3Q18", "1Q-3Q18", "1Q-3Q19"]
    assert data.boundaries == [dt.date(2018, 4, 1).toordinal()] and data.changes == ["U.S. GAAP \u2192 IFRS"]
    revenue, margin = data.series
    assert revenue.unit == "JPY millions" and revenue.axis == "left" and revenue.group == "9 months"
    assert [p.value for p in revenue.points] == [100, 110, 110, 120]
    dec = [dt.date(y, 12, 31).toordinal() for y in (2017, 2018, 2019)]
    assert [[p.x for p in seg] for seg in revenue.segments] == [[dec[0], dec[1]], [dec[1], dec[2]]]
    assert margin.unit == "%" and margin.axis == "right"
    assert margin.points[0].value == pytest.approx(5.0)


def test_chart_points_say_derived_restated_and_corrected():
    rel = _cumulative(2018, m9=330, h1=200)
    rel.statements[0].items[0].cells["c0"].status = "corrected"
    later = release("later.txt", period(2019, 9, 6), "U.S. GAAP", [statement(
        "income_statement", [period(2018, 9, 6)], [("Total revenues", [210])])])
    comp = build_comparison([rel, later], CompareOptions(periods="all"))
    data = chart_data(comp, [comp.row_index("total_revenues")], "thousands")
    points = {p.period: p for s in data.series for p in s.points}
    assert points["3Q18"].kind == "derived" and points["1H18"].restated
    assert points["1Q-3Q18"].kind == "printed" and not points["1Q-3Q18"].restated
    assert points["3Q18"].value == pytest.approx(120)       # 330 - 210 as last reported


def test_chart_series_one_per_period_length_targets_apart_and_broken_at_missing_periods():
    # Hand-made: FY2015 quarters 1Q and 2Q, then FY2018 1Q (two years missing), the nine months
    # of FY2018, the year FY2017 and a FY2018 target.
    early = release("a.txt", period(2015, 9, 6), "U.S. GAAP", [statement(
        "income_statement", [period(2015, 6, 3), period(2015, 9, 3)], [("Total revenues", [10, 11])])])
    late = release("b.txt", period(2018, 12, 9), "U.S. GAAP", [statement(
        "income_statement", [period(2018, 6, 3), period(2018, 12, 9), period(2017, 3, 12),
                             period(2018, 3, 12, forecast=True)],
        [("Total revenues", [15, 48, 60, 66])])])
    comp = build_comparison([early, late], CompareOptions(periods="all"))
    data = chart_data(comp, [comp.row_index("total_revenues")], "thousands")
    assert [s.group for s in data.series] == ["3 months", "9 months", "Fiscal year", "Targets"]
    quarters = data.series[0]
    assert [[p.period for p in seg] for seg in quarters.segments] == [["1Q15", "2Q15"], ["1Q18"]]
    assert [p.x for p in quarters.points] == sorted(p.x for p in quarters.points)
    assert data.series[3].points[0].period == "FY2018 target" and data.groups[-1] == "Targets"
    assert period_start(period(2018, 12, 9)) == dt.date(2018, 4, 1)
    assert period_start(period(2018, 3, 12)) == dt.date(2018, 4, 1)
    assert period_start(period(2018, 3, 0)) == dt.date(2019, 3, 31)
