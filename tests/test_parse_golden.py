"""Golden values from the five samples, each checked by hand against the release text."""
import pytest

from golden import CONV_2012, IFRS_2020, OCR_2017, SLIDES_2018, WEB_2018, cell, release

# (sample, statement key, item or label, period end, months, value as printed with sign)
CASES = [
    # Web scrape, FY2018 nine months (tables collapsed into one line)
    (WEB_2018, "balance_sheet", "total_assets", "2018-12-31", 0, 163_621_152),
    (WEB_2018, "balance_sheet", "total_assets", "2018-03-31", 0, 153_448_819),
    (WEB_2018, "balance_sheet", "treasury_stock", "2018-03-31", 0, -1_896_784),
    (WEB_2018, "balance_sheet", "total_current_liabilities", "2018-12-31", 0, 51_926_400),
    (WEB_2018, "income_statement", "total_revenues", "2018-12-31", 9, 139_381_687),
    (WEB_2018, "income_statement", "operating_income", "2017-12-31", 9, 3_775_607),
    (WEB_2018, "income_statement", "basic_eps", "2018-12-31", 9, 28.83),
    (WEB_2018, "income_statement", "net_income_attributable", "2018-12-31", 9, 1_299_233),
    (WEB_2018, "targets", "total_revenues", "2019-03-31", 12, 190.0),
    (WEB_2018, "highlights", "total_revenues", "2018-12-31", 9, 139.4),
    (WEB_2018, "tse_summary", "total_revenues", "2018-12-31", 9, 139_382),
    (WEB_2018, "dividends", "dividend_q2", "2018-03-31", 12, 13.50),
    (WEB_2018, "income_statement:2", "net_income", "2018-12-31", 3, -637_865),
    (WEB_2018, "comprehensive_income", "comprehensive_income", "2018-12-31", 9, 1_393_852),
    (WEB_2018, "cash_flows", "cash_end", "2018-12-31", 9, 28_878_256),
    (WEB_2018, "cash_flows", "net_cash_operating", "2018-12-31", 9, 17_114_159),
    (WEB_2018, "cash_flows:2", "cash_beginning", "2018-12-31", 3, 28_050_992),
    (WEB_2018, "segments", "total_revenues", "2018-12-31", 9, 139_381_687),
    (WEB_2018, "operating_summary", "total_revenues", "2018-12-31", 9, 139_382),
    (WEB_2018, "segment_summary", "segment_elimination", "2018-12-31", 9, -276),
    (WEB_2018, "network_revenue", "mvno_platform", "2018-12-31", 9, 10_651),
    (WEB_2018, "contracts", "total_contracted_bandwidth", "2018-12-31", 0, 3_600.2),
    (WEB_2018, "ebitda", "adjusted_ebitda", "2018-12-31", 9, 15_424),
    (WEB_2018, "ebitda", "depreciation_amortization", "2018-12-31", 9, -10_288),
    (WEB_2018, "capex", "capex", "2018-12-31", 9, 12_000),
    (WEB_2018, "operating_summary:2", "operating_income", "2018-12-31", 3, 2_224),
    (WEB_2018, "highlights:2", "total_revenues", "2018-12-31", 3, 48.4),
    (WEB_2018, "network_revenue:2", "mvno_platform", "2018-12-31", 3, 3_724),
    (WEB_2018, "ebitda:2", "adjusted_ebitda", "2018-12-31", 3, 5_761),
    (WEB_2018, "capex:2", "capex", "2018-12-31", 3, 4_120),
    (WEB_2018, "comprehensive_income:2", "comprehensive_income", "2018-12-31", 3, -588_406),
    (WEB_2018, "tse_summary:2", "basic_eps", "2018-12-31", 9, 28.83),
    (WEB_2018, "tse_summary:3", "total_equity", "2018-12-31", 0, 75_201),
    (WEB_2018, "targets:2", "total_revenues", "2019-03-31", 12, 190_000),
    # OCR of the FY2017 six-month PDF (one row per line, noise, wrapped labels)
    (OCR_2017, "balance_sheet", "total_assets", "2017-09-30", 0, 140_488_073),
    (OCR_2017, "balance_sheet", "total_shareholders_equity", "2017-03-31", 0, 66_741_871),
    (OCR_2017, "balance_sheet", "accounts_receivable", "2017-03-31", 0, 27_383_692),
    (OCR_2017, "income_statement", "operating_income", "2017-09-30", 6, 2_315_529),
    (OCR_2017, "income_statement", "basic_eps", "2017-09-30", 6, 33.02),
    (OCR_2017, "network_revenue", "mvno_platform", "2016-09-30", 6, 2_573),
    (OCR_2017, "contracts", "total_contracted_bandwidth", "2017-09-30", 0, 2_932.5),
    (OCR_2017, "cash_flows", "cash_end", "2017-09-30", 6, 19_871_031),
    (OCR_2017, "segments", "operating_income", "2017-09-30", 6, 2_315_529),
    (OCR_2017, "highlights", "total_revenues", "2017-09-30", 6, 83.0),
    (OCR_2017, "targets", "total_revenues", "2018-03-31", 12, 176.0),
    (OCR_2017, "operating_summary", "total_revenues", "2017-09-30", 6, 82_988),
    (OCR_2017, "segment_summary", "segment_nw_si", "2017-09-30", 6, 81_121),
    (OCR_2017, "ebitda", "adjusted_ebitda", "2017-09-30", 6, 8_338),
    (OCR_2017, "capex", "capex", "2017-09-30", 6, 9_346),
    (OCR_2017, "comprehensive_income", "comprehensive_income", "2017-09-30", 6, 2_699_672),
    (OCR_2017, "operating_summary:2", "operating_income", "2017-09-30", 3, 1_191),
    (OCR_2017, "network_revenue:2", "wan_services", "2017-09-30", 3, 7_113),
    (OCR_2017, "ebitda:2", "adjusted_ebitda", "2017-09-30", 3, 4_234),
    (OCR_2017, "capex:2", "capex", "2017-09-30", 3, 4_006),
    (OCR_2017, "income_statement:2", "operating_income", "2017-09-30", 3, 1_191_138),
    (OCR_2017, "comprehensive_income:2", "comprehensive_income", "2017-09-30", 3, 1_417_305),
    (OCR_2017, "cash_flows:2", "cash_end", "2017-09-30", 3, 19_871_031),
    (OCR_2017, "dividends", "dividend_total", "2017-03-31", 12, 27.00),
    # "NET INCOME 1,193,323 1,576,611" printed just before a page footer and the NET INCOME PER SHARE heading
    (OCR_2017, "income_statement", "net_income", "2017-09-30", 6, 1_576_611),
    (OCR_2017, "income_statement", "net_income", "2016-09-30", 6, 1_193_323),
    # "INCOME FROM OPERATIONS BEFORE INCOME / TAX EXPENSE ... 1,111,285 1,306,192 / OF EQUITY METHOD INVESTEES"
    (OCR_2017, "income_statement:2", "income_before_tax", "2017-09-30", 3, 1_306_192),
    (OCR_2017, "income_statement:2", "income_before_tax", "2016-09-30", 3, 1_111_285),
    # IFRS web scrape, FY2020 nine months
    (IFRS_2020, "balance_sheet", "total_assets", "2020-12-31", 0, 210_108_110),
    (IFRS_2020, "balance_sheet", "borrowings_current", "2020-12-31", 0, 18_560_000),
    (IFRS_2020, "balance_sheet", "borrowings_noncurrent", "2020-12-31", 0, 7_000_000),
    (IFRS_2020, "balance_sheet", "treasury_stock", "2020-03-31", 0, -1_896_921),
    (IFRS_2020, "income_statement", "operating_income", "2020-12-31", 9, 10_127_496),
    (IFRS_2020, "income_statement:2", "operating_income", "2020-12-31", 3, 4_888_447),
    (IFRS_2020, "cash_flows", "cash_end", "2020-12-31", 9, 41_970_420),
    (IFRS_2020, "operating_summary", "total_revenues", "2020-12-31", 9, 156_070),
    (IFRS_2020, "contracts", "total_contracted_bandwidth", "2020-12-31", 0, 6_021.9),
    (IFRS_2020, "comprehensive_income", "comprehensive_income_attributable", "2020-12-31", 9, 7_512_739),
    (IFRS_2020, "tse_summary:3", "total_assets", "2020-12-31", 0, 210_108),
    (IFRS_2020, "segment_summary", "segment_nw_si", "2020-12-31", 9, 154_039),
    (IFRS_2020, "network_revenue", "ip_services", "2020-12-31", 9, 8_988),
    (IFRS_2020, "comprehensive_income:2", "other_comprehensive_income", "2020-12-31", 3, 128_957),
    (IFRS_2020, "segments", "Total revenue", "2019-12-31", 9, 147_804_792),
    (IFRS_2020, "tse_summary", "total_revenues", "2020-12-31", 9, 156_070),
    (IFRS_2020, "tse_summary:2", "basic_eps", "2020-12-31", 9, 65.16),
    (IFRS_2020, "dividends", "dividend_q2", "2020-03-31", 12, 13.50),
    (IFRS_2020, "targets", "total_revenues", "2021-03-31", 12, 213_000),
    # Converted document, FY2012 nine months (tabs, USD column in the middle)
    (CONV_2012, "income_statement", "net_income", "2012-12-31", 9, 3_123_486),
    (CONV_2012, "cash_flows", "net_income", "2012-12-31", 9, 3_123_480),
    (CONV_2012, "network_revenue", "internet_connectivity_enterprise", "2012-12-31", 9, 11_783),
    (CONV_2012, "balance_sheet", "cash_and_equivalents", "2012-03-31", 0, 13_536_824),
    (CONV_2012, "income_statement:2", "operating_income", "2012-12-31", 3, 1_780_156),
    (CONV_2012, "ebitda", "adjusted_ebitda", "2012-12-31", 9, 10_586),
    (CONV_2012, "highlights", "total_revenues", "2012-12-31", 9, 76_690),
    (CONV_2012, "operating_summary", "total_revenues", "2012-12-31", 9, 76_690),
    (CONV_2012, "segment_summary", "total_revenues", "2012-12-31", 9, 76_690),
    (CONV_2012, "contracts", "internet_connectivity_enterprise", "2012-12-31", 0, 105_672),
    (CONV_2012, "targets", "total_revenues", "2013-03-31", 12, 107_000),
    (CONV_2012, "capex", "capex", "2012-12-31", 9, 8_452),
    (CONV_2012, "comprehensive_income", "comprehensive_income", "2012-12-31", 9, 3_199_017),
    (CONV_2012, "segments", "total_revenues", "2012-12-31", 9, 76_690_090),
    (CONV_2012, "network_revenue:2", "wan_services", "2012-12-31", 3, 6_302),
    (CONV_2012, "ebitda:2", "adjusted_ebitda", "2012-12-31", 3, 3_684),
    (CONV_2012, "cash_flows:2", "cash_end", "2012-12-31", 3, 10_648_296),
    (CONV_2012, "tse_summary:3", "total_assets", "2012-12-31", 0, 75_892),
    (CONV_2012, "dividends:2", "dividend_total", "2012-03-31", 12, 3_250.00),
    (CONV_2012, "dividends:3", "dividend_q2", "2012-03-31", 12, 7.50),
    # 'Revised the year-end dividend plan from the previous JPY8.75 to JPY10.00 per share' (FY2012 plan)
    (CONV_2012, "dividends", "dividend_year_end", "2013-03-31", 12, 10.00),
    (CONV_2012, "highlights", "operating_income", "2012-12-31", 9, 5_043),
    # Presentation slides, FY2018 first half (JPY million and billion, Δ negatives)
    (SLIDES_2018, "balance_sheet", "accumulated_other_comprehensive_income", "2018-09-30", 0, -91),
    (SLIDES_2018, "balance_sheet", "total_assets", "2018-09-30", 0, 161_694),
    (SLIDES_2018, "operating_summary", "total_revenues", "2018-09-30", 6, 91.0),
    (SLIDES_2018, "highlights", "adjusted_ebitda", "2018-09-30", 3, 5.19),
    (SLIDES_2018, "balance_sheet", "treasury_stock", "2018-09-30", 0, -1_897),
    (SLIDES_2018, "cash_flows", "depreciation_amortization", "2018-09-30", 6, 6_751),
    (SLIDES_2018, "targets:2", "total_revenues", "2019-03-31", 12, 190.0),
    # the '1H18 Targets' column beside '1H18 Results' is a target statement of its own
    (SLIDES_2018, "targets", "total_revenues", "2018-09-30", 6, 90.0),
    (SLIDES_2018, "highlights", "total_revenues", "2018-09-30", 6, 90.96),
]


@pytest.mark.parametrize("path, statement, label, end, months, value", CASES,
                         ids=[f"{c[0].name[:12]}-{c[1]}-{c[2]}-{c[3]}" for c in CASES])
def test_golden_value(path, statement, label, end, months, value):
    c = cell(path, statement, label, end, months)
    assert c.status == "parsed"
    assert c.value == pytest.approx(value)


def test_dividend_forecast_row_fills_the_last_quarters():
    st = release(WEB_2018).statement("dividends")
    fc = next(c for c in st.columns if c.period and c.period.forecast)
    year_end = next(r for r in st.items if r.item == "dividend_year_end")
    total = next(r for r in st.items if r.item == "dividend_total")
    assert year_end.cells[fc.key].value == 13.50 and total.cells[fc.key].value == 27.00


def test_ratio_and_value_in_one_slide_cell():
    st = release(SLIDES_2018).statement("operating_summary")
    row = next(r for r in st.items if r.item == "cost_of_revenues")
    ratio = next(c for c in st.columns if c.role == "ratio" and c.period.end.isoformat() == "2018-09-30"
                 and not c.period.forecast)
    assert row.cells[ratio.key].value == 84.5


def test_usd_convenience_column_is_its_own_unit():
    c = cell(CONV_2012, "income_statement", "total_revenues", "2012-12-31", 9, unit="USD")
    assert c.value == 890_503
    yen = cell(CONV_2012, "income_statement", "total_revenues", "2012-12-31", 9, unit="JPY")
    assert yen.value == 76_690_090


def test_ocr_damaged_numbers_read_as_the_number_they_are():
    rel = release(OCR_2017)
    st = rel.statement("income_statement:2")
    row = next(r for r in st.items if r.item == "diluted_weighted_ads")
    assert sorted(c.value for c in row.cells.values()) == [90_424_764, 92_140_182]


def test_truncated_cells_kept_and_marked_unreadable():
    rel = release(CONV_2012)
    st = rel.statement("cash_flows")
    texts = {c.text: c.status for r in st.items for c in r.cells.values()}
    assert texts["165,26"] == "unreadable"
    assert texts["(142"] == "unreadable"
    assert any(f.rule == "unreadable_cell" for f in rel.findings)


def test_wrapped_label_joined_and_ocr_noise_cleaned():
    rel = release(OCR_2017)
    labels = [r.label for st in rel.statements for r in st.items]
    assert "IIJ Mobile MVNO Platform Service" in labels        # printed "113 Mobile MVNO ..."
    assert "Outsourcing services" in labels                     # printed "Qutsourcing services"
    common = next(r.label for r in rel.statement("balance_sheet").items if r.item == "common_stock")
    assert common.endswith("September 30, 2017, respectively")


def test_same_label_twice_stays_distinct_by_section():
    st = release(IFRS_2020).statement("balance_sheet")
    borrowings = [r for r in st.items if r.label == "Borrowings"]
    assert len(borrowings) == 2 and borrowings[0].section != borrowings[1].section


def test_value_keeps_its_source_location():
    rel = release(WEB_2018)
    c = cell(WEB_2018, "balance_sheet", "total_assets", "2018-12-31", 0)
    assert rel.text[c.start:c.end] == "163,621,152"
    assert rel.text.splitlines()[c.line - 1].count("163,621,152") >= 1


def test_release_metadata():
    assert release(WEB_2018).standard == "U.S. GAAP"
    assert release(IFRS_2020).standard == "IFRS"
    assert release(OCR_2017).fiscal_period.fiscal_label() == "1H17"
    assert release(WEB_2018).fiscal_period.fiscal_label() == "1Q-3Q18"
    assert {release(p).layout for p in (WEB_2018, OCR_2017, CONV_2012, SLIDES_2018)} == \
        {"web", "ocr", "converted", "slides"}


def test_per_share_rows_have_their_own_unit():
    rel = release(WEB_2018)
    facts = rel.facts
    eps = facts[(facts.statement == "income_statement") & (facts["item"] == "basic_eps")]
    assert set(eps.unit) == {"JPY/share"} and set(eps.scale) == {1}
    shares = facts[facts["item"] == "basic_weighted_shares"]
    assert set(shares.unit) == {"shares"}


def _member_cell(path, statement, label, member, end, months):
    import datetime as dt
    st = release(path).statement(statement)
    row = next(r for r in st.items if r.label == label)
    for col in st.columns:
        if col.member == member and col.key in row.cells:
            c = row.cells[col.key]
            p = c.period or col.period
            if p.end == dt.date.fromisoformat(end) and p.months == months:
                return c
    raise AssertionError(f"{label} / {member} not found")


def test_changes_in_equity_matrix_has_component_columns_and_balance_dates():
    closing = _member_cell(IFRS_2020, "equity_changes:2", "Balance, December 31, 2020", "Treasury shares",
                           "2020-12-31", 0)
    assert closing.value == -1_875_112
    opening = _member_cell(IFRS_2020, "equity_changes:2", "Balance, April 1, 2020", "Share capital",
                           "2020-03-31", 0)    # the opening balance is the balance at March 31
    assert opening.value == 25_530_621
    profit = _member_cell(IFRS_2020, "equity_changes", "Profit (loss)", "Non-controlling interests",
                          "2019-12-31", 9)
    assert profit.value == 148_258


def test_ifrs_segment_matrix_has_segment_columns():
    atm = _member_cell(IFRS_2020, "segments:2", "Total revenue", "ATM operation business", "2020-12-31", 9)
    assert atm.value == 2_159_738
    finance = _member_cell(IFRS_2020, "segments:2", "Finance income", "Consolidated", "2020-12-31", 9)
    assert finance.value == 317_146


def test_ocr_row_before_a_page_break_keeps_its_own_label_and_unit():
    st = release(OCR_2017).statement("income_statement")
    row = next(r for r in st.items if r.line == 531)
    assert (row.label, row.item, row.unit) == ("NET INCOME", "net_income", None)
    heading = next(r for r in st.items if r.label == "NET INCOME PER SHARE")
    assert heading.is_heading and heading.line == 542
    eps = next(r for r in st.items if r.item == "basic_eps")
    assert eps.section == "NET INCOME PER SHARE"


def test_ocr_label_over_three_lines_with_figures_on_the_middle_one():
    st = release(OCR_2017).statement("income_statement:2")
    row = next(r for r in st.items if r.item == "income_before_tax")
    assert row.label == ("INCOME FROM OPERATIONS BEFORE INCOME TAX EXPENSE AND EQUITY IN NET INCOME "
                         "OF EQUITY METHOD INVESTEES")
    assert not any(r.is_heading and r.label.startswith("INCOME FROM OPERATIONS") for r in st.items)
