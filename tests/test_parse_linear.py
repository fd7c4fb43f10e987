"""Parser pieces that must stay linear on long lines and long labels give the same answers as before."""
from __future__ import annotations

from iijview.parse import labels, parse_bytes
from iijview.parse.rows import MAX_LABEL, build_rows
from iijview.parse.segment import MAX_ROW_VALUES, MAX_TABLE_ROWS, RawRow, segment
from iijview.parse.tokens import LineIndex, Tok, tokenize


def _toks(text: str) -> list[Tok]:
    return tokenize(text, LineIndex(text))


def test_bullet_dash_only_at_a_line_start():
    toks = _toks("Highlights\n  - Promoting cloud services\nRevenues - 1,000\n")
    kinds = [(t.kind, t.text) for t in toks if t.kind != "nl"]
    assert kinds == [("text", "Highlights"), ("text", "- Promoting cloud services"), ("text", "Revenues"),
                     ("num", "-"), ("num", "1,000")]


def test_merged_text_tokens_carry_their_whole_text():
    text = "Net income attributable to   IIJ shareholders   1,234\n"
    toks = _toks(text)
    label = next(t for t in toks if t.kind == "text")
    assert label.text == "Net income attributable to   IIJ shareholders"
    assert label.text == text[label.start:label.end]


def test_long_line_of_dashes_is_read_once_per_dash():
    text = "Revenues" + " -" * 20000 + "\n"
    toks = _toks(text)
    assert sum(1 for t in toks if t.kind == "num") == 20000


def test_brackets_before_figures_units_and_marks_still_open_them():
    # a '(' is passed over unless a figure, a word or a star follows it: these all still read (the
    # footnote marks '(*1)' and '(※2)' are dropped as such, not kept as words)
    toks = _toks("Cash ( (12) ( 7) (JPY in millions) (*1) (※2) ((3)\n( ( (\n(\n")
    kinds = [(t.kind, t.text) for t in toks if t.kind != "nl"]
    assert kinds == [("text", "Cash ("), ("num", "(12)"), ("num", "( 7)"), ("unit", "(JPY in millions)"),
                     ("text", "("), ("num", "(3)"), ("text", "( ( ("), ("text", "(")]


def test_ends_incomplete_reads_only_the_last_word():
    assert labels.ends_incomplete("allowance for doubtful accounts of")
    assert labels.ends_incomplete("x" * 5000 + " and   ")
    assert not labels.ends_incomplete("a" * 70 + "of")       # one long word ending in 'of'
    assert not labels.ends_incomplete("Total revenues")
    assert not labels.ends_incomplete("   ")


def test_label_lines_are_joined_up_to_the_limit():
    line_toks = [Tok("text", k * 2, k * 2 + 1, "(", k + 1) for k in range(3000)]
    rows = build_rows([RawRow(label=line_toks, values=[])])
    assert rows and all(len(r.label) <= MAX_LABEL + 2 for r in rows)
    assert sum(r.label.count("(") for r in rows) == 3000


# A row of thousands of values (a run of dashes pasted into a table) is damage: the first
# MAX_ROW_VALUES are read like any others, the rest are counted and reported, never read one by one.
WIDE_SUMMARY = """IIJ Announces First Six Months Financial Results for the Fiscal Year Ending March 31, 2015

Operating Results Summary
(JPY millions)
\t1H13\t1H14\tYoY Change
Total revenues\t41,200\t45,900\t11.4%
Operating income\t2,100\t2,520\t20.0%{dashes}
Net income attributable to IIJ\t1,300\t1,610\t23.8%
"""

WIDE_TSE = """IIJ Announces Nine Months Financial Results for the Fiscal Year Ending March 31, 2011

(1) Consolidated Results of Operations

\tTotal Revenues\tOperating Income\tIncome before Income Tax Expense\tNet Income attributable to IIJ
\tJPY millions\t%\tJPY millions\t%\tJPY millions\t%\tJPY millions\t%
Nine Months Ended December 31, 2010\t30,400\t4.1\t1,620\t8.0\t1,500\t7.1\t820\t2.5{dashes}
Nine Months Ended December 31, 2009\t29,200\t\t1,500\t\t1,400\t\t800\t
"""


def _cell(st, item, year):
    row = next(it for it in st.items if it.item == item)
    col = next(c for c in st.columns if c.role == "value" and c.period and c.period.end.year == year)
    return row.cells[col.key].value


def test_segment_reads_a_row_up_to_the_limit_and_counts_the_rest():
    text = "Revenues\t1,000" + " -" * (MAX_ROW_VALUES + 250) + "\n"
    rows = [r for t in segment(_toks(text), []) for r in t.rows]
    assert [len(r.values) for r in rows] == [MAX_ROW_VALUES]
    assert rows[0].unread == 251
    assert rows[0].values[0].text == "1,000"


def test_a_row_wider_than_any_table_is_cut_with_a_finding():
    # (figures that do not repeat: a run of one text over and over is blanked before, see test_parse_repeats)
    rel = parse_bytes(WIDE_SUMMARY.format(dashes="".join(f" {n}" for n in range(5000))).encode(), "wide.txt")
    st = rel.statement("operating_summary")
    assert _cell(st, "total_revenues", 2014) == 45_900
    assert _cell(st, "operating_income", 2013) == 2_100
    assert _cell(st, "operating_income", 2014) == 2_520
    assert _cell(st, "net_income_attributable", 2014) == 1_610
    wide = [f for f in rel.findings if f.rule == "wide_row"]
    assert len(wide) == 1 and wide[0].line == 7
    assert "a row of 5,003 values" in wide[0].message
    assert f"the 4,903 after the first {MAX_ROW_VALUES} were left unread" in wide[0].message
    plain = parse_bytes(WIDE_SUMMARY.format(dashes="").encode(), "plain.txt")
    assert not any(f.rule == "wide_row" for f in plain.findings)


def test_a_period_row_wider_than_any_table_is_cut_with_a_finding():
    rel = parse_bytes(WIDE_TSE.format(dashes=" -" * 3000).encode(), "wide.txt")
    st = rel.statement("tse_summary")
    # a hundred slots against four headings: the measures are numbered (and say so), not guessed
    assert len(st.items) == MAX_ROW_VALUES
    assert [it.cells["p0"].value for it in st.items[:3]] == [30_400, 4.1, 1_620]
    assert any(f.rule == "unnamed_columns" for f in rel.findings)
    wide = [f for f in rel.findings if f.rule == "wide_row"]
    assert len(wide) == 1 and wide[0].line == 7
    assert "a row of 3,008 values" in wide[0].message


def test_a_table_longer_than_any_is_cut_with_a_finding():
    head = WIDE_SUMMARY.format(dashes="").split("Operating income")[0]
    text = head + "".join(f"Other revenues\t{n}\t20\t1.0%\n" for n in range(MAX_TABLE_ROWS + 199))
    rel = parse_bytes(text.encode(), "long.txt")
    st = rel.statement("operating_summary")
    assert _cell(st, "total_revenues", 2014) == 45_900
    assert sum(1 for it in st.items if it.label == "Other revenues") == MAX_TABLE_ROWS - 1
    cut = [f for f in rel.findings if f.rule == "long_table"]
    assert len(cut) == 1 and cut[0].line == 6 + MAX_TABLE_ROWS - 1
    assert "goes on for 200 more rows" in cut[0].message
    short = parse_bytes((head + "Other revenues\t10\t20\t1.0%\n" * 20).encode(), "short.txt")
    assert not any(f.rule == "long_table" for f in short.findings)


def test_tab_cells_that_do_not_line_up_are_read_by_position():
    # A balance sheet flattened onto one line: every tab cell of the line is numbered apart, so read
    # by tab cell it would make two columns per row (360 here); read by position it keeps its two.
    head = ("IIJ Announces Fiscal Year 2014 Financial Results\n\nConsolidated Balance Sheets\n"
            "(Millions of Yen)\n\tMarch 31, 2014\tMarch 31, 2015\n")
    rows = "Cash and cash equivalents\t20,100\t22,300 Accounts receivable\t30,500\t31,700 "
    st = parse_bytes((head + rows * 60 + "\n").encode(), "flat.txt").statement("balance_sheet")
    assert len(st.columns) == 2
    assert [(c.period.end.year, c.scale) for c in st.columns] == [(2014, 1_000_000), (2015, 1_000_000)]
    assert len(st.items) == 120
    assert [(it.label, [c.value for c in it.cells.values()]) for it in st.items[-2:]] == [
        ("Cash and cash equivalents", [20_100, 22_300]), ("Accounts receivable", [30_500, 31_700])]


# A page of headline blocks and prose pasted 1,000 times: each block and sentence is read once, and
# the release says so, instead of a statement per copy (2,001 before) and a second per 1,000 copies.
OPEN_1H14 = ("IIJ Announces First Six Months Financial Results for the Fiscal Year Ending March 31, 2015\n\n"
             "TOKYO, Nov. 10, 2014 -- Internet Initiative Japan Inc. (\"IIJ\") today announced its consolidated "
             "financial results for the first six months of the fiscal year ending March 31, 2015 (from April 1, "
             "2014 to September 30, 2014, \"1H FY2014\" \"1H14\").\n\n")
PAGE = ("Highlights of Financial Results for 1H14 Revenues JPY61.2 billion (up 7.5% YoY) Operating Income "
        "JPY2.9 billion (down 3.1% YoY) Financial Targets for FY2014 Revenues JPY130.0 billion (up 8.2% YoY)\n"
        "Overview of 1H14 Financial Results\nOperating income was JPY2.9 billion, down 3.1% year over year.\n")


def test_headline_blocks_printed_again_are_read_once():
    # (each copy under its own page number: the same text over and over with nothing between is blanked
    # before, see test_parse_repeats)
    rel = parse_bytes((OPEN_1H14 + "".join(f"{PAGE}Page {n + 1}\n" for n in range(1000))).encode(), "pasted.txt")
    got = [(st.id, st.line, [(it.item, [c.value for c in it.cells.values()]) for it in st.items])
           for st in rel.statements]
    assert got == [("highlights", 5, [("total_revenues", [61.2, 7.5]), ("operating_income", [2.9, -3.1])]),
                   ("targets", 5, [("total_revenues", [130.0, 8.2])]),
                   ("highlights", 7, [("operating_income", [2.9, -3.1])])]
    repeated = sorted(f.message for f in rel.findings if f.rule == "repeated_block")
    assert repeated == ["Line 5: the highlights block is printed 1,000 times word for word (again at line 9); "
                        "it was read once.",
                        "Line 5: the targets block is printed 1,000 times word for word (again at line 9); "
                        "it was read once."]
    once = parse_bytes((OPEN_1H14 + PAGE).encode(), "once.txt")
    assert not any(f.rule == "repeated_block" for f in once.findings)
    assert [st.id for st in once.statements] == ["highlights", "targets", "highlights"]


def test_what_reading_a_headline_block_finds_reaches_the_release():
    # (found while the block was read, after the release had taken the headline findings: it was lost)
    text = (OPEN_1H14 + "Highlights of Financial Results for 1H14\n\nRevenues JPY61.2 billion (up 7.5% YoY)\n"
            "Operating Income JPY2.9 billion JPY3.1 billion\n\nOverview of 1H14 Financial Results\n")
    rel = parse_bytes(text.encode(), "two.txt")
    assert [(f.line, f.message) for f in rel.findings if f.rule == "headline_columns"] == [
        (8, "Line 8: 'Operating Income' prints 2 amounts where its block has 1 column; which is which cannot "
            "be told, so none was read.")]
    assert [(it.item, [c.value for c in it.cells.values()]) for it in rel.statement("highlights").items] == [
        ("total_revenues", [61.2, 7.5])]


def test_a_finding_goes_to_the_first_statement_holding_its_line():
    import random

    from iijview.model import Statement
    from iijview.parse.pipeline import _home_finder

    def naive(sts, line):
        return next((st for st in sts if st.line <= line <= max(st.end_line, st.line)), None)

    rng = random.Random(7)
    for _ in range(200):
        sts = [Statement(f"s{k}", f"s{k}", "", line=rng.randint(1, 60), end_line=rng.randint(0, 80))
               for k in range(rng.randint(0, 12))]
        if rng.random() < 0.8:
            sts.sort(key=lambda st: st.line)   # the parser's order; otherwise the plain scan is used
        home = _home_finder(sts)
        for line in range(0, 90):
            assert home(line) is naive(sts, line)


def test_a_change_heading_before_a_long_run_of_spaces_is_read_once():
    # 'YoY' then spaces: the pattern once tried every split of the run between two optional spaces
    toks = _toks("YoY" + " \n" * 30_000 + "Revenues YoY % Change 1,000\n")
    chg = [t.text for t in toks if t.kind == "chg"]
    assert chg == ["YoY", "YoY % Change"]


def test_measure_names_kept_per_window_agree_with_a_plain_search():
    import random

    from iijview.parse.phrases import _MEASURE_ANCHOR, _NAME_AFTER, _NAME_BEFORE, _measures, has_measure

    def plain(text, lo, hi):
        return any(_measures()[0].search(text, max(lo, m.start() - _NAME_BEFORE), min(hi, m.end() + _NAME_AFTER))
                   for m in _MEASURE_ANCHOR.finditer(text, lo, hi))

    rng = random.Random(2)
    words = ["Revenues", "revenue", "xRevenues", "Operating income", "income", "Net income attributable to IIJ",
             "EBITDA", "margin", "Gross", "dividend", "per share", "1,234", "(", "-", "\n", "profit", "for the year"]
    for _ in range(400):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 40)))
        lo = rng.randrange(len(text))
        hi = rng.randrange(lo, len(text) + 1)
        assert has_measure(text, lo, hi) == plain(text, lo, hi), (text, lo, hi)


def test_a_range_of_two_figures_is_one_cell():
    kinds = [(t.kind, t.text, t.number.status if t.number else "") for t in _toks("Revenues 1,000 ~ 1,200 5 〜 7 8\n")
             if t.kind != "nl"]
    assert kinds == [("text", "Revenues", ""), ("num", "1,000 ~ 1,200", "unreadable"), ("num", "5 〜 7", "unreadable"),
                     ("num", "8", "parsed")]


def test_words_after_a_tilde_keep_two_figures_apart():
    kinds = [(t.kind, t.text) for t in _toks("Revenues 1,000 ~ about 1,200\n") if t.kind != "nl"]
    assert kinds == [("text", "Revenues"), ("num", "1,000"), ("text", "~ about"), ("num", "1,200")]
