"""Parser parts with fast paths: the offset map, markup at line starts, label look-ups."""

import pytest

from iijview.parse import labels
from iijview.parse.normalise import normalise


def test_offsets_are_identity_when_no_character_changes_length():
    raw = "Revenues\u3000|\u00a0127,611 ―"  # replaced one for one: full-width space, pipe, no-break space
    norm = normalise(raw)
    assert norm.text == "Revenues \t 127,611 ―"
    assert len(norm.segments) == 1
    i = norm.text.index("127,611")
    assert norm.original_span(i, i + 7) == (i, i + 7)
    assert norm.original_span(-5, 10_000) == (0, len(raw))  # clamped to the text


def test_offsets_map_back_over_dropped_and_widened_characters():
    raw = "A\u00b9 \r\n\ufb01le 1,234\rB"  # superscript dropped, CRLF joined, 'ﬁ' becomes two letters, lone CR
    norm = normalise(raw)
    assert norm.text == "A \nfile 1,234\nB"
    i = norm.text.index("1,234")
    a, b = norm.original_span(i, i + 5)
    assert raw[a:b] == "1,234"
    j = norm.text.index("fi")
    assert norm.original_span(j, j + 2) == (raw.index("\ufb01"), raw.index("\ufb01") + 1)
    k = norm.text.index("B")
    assert raw[norm.original_offset(k)] == "B"


def test_line_markup_is_blanked_at_the_start_after_blank_lines_and_in_the_middle():
    raw = "# Title\nx\n\n\n## Sub\n| a | b |\n|---|---|\n=== ===\n```py\ncode\n```"
    text = normalise(raw).text
    assert len(text) == len(raw) and text.count("\n") == raw.count("\n")
    lines = text.split("\n")
    assert lines[0].strip() == "Title" and lines[4].strip() == "Sub"
    assert lines[6].strip() == "" and lines[7].strip() == "" and lines[8].strip() == "" and lines[10].strip() == ""
    assert lines[9] == "code"


def test_inline_markup_is_blanked_but_footnote_stars_and_products_stay():
    text = normalise("**Bold** <b>x</b> *Emph* a*b note*1").text
    assert text.split() == ["Bold", "x", "Emph", "a", "b", "note*1"]


def test_canonical_item_falls_through_to_the_next_entry_when_the_section_rule_rejects():
    # 'prepaid expenses' under current assets is the current item; elsewhere the next entry names it
    assert labels.canonical_item("balance_sheet", "Prepaid expenses", "ASSETS/CURRENT ASSETS") == "prepaid_expenses_current"
    assert labels.canonical_item("balance_sheet", "Prepaid expenses", "ASSETS/Other assets") == "prepaid_expenses_noncurrent"
    assert labels.canonical_item("balance_sheet", "Nothing like an item", "") == ""
    assert labels.canonical_item("no_such_statement", "Total assets", "") == ""


def test_find_names_takes_whole_words_longest_first_without_overlaps():
    vocabulary = ["Common stock", "Common stock held", "Total", "Other"]
    found = labels.find_names("Common stock held Common stock Totals Other Total", vocabulary)
    assert found == ["Common stock held", "Common stock", "Other", "Total"]


def test_a_title_date_that_is_no_real_date_gives_no_release_period_and_no_traceback():
    from iijview.parse.release_facts import release_period
    # the title shape matches, but 3018 is no year DATE_RE reads: this used to raise AttributeError
    assert release_period("Consolidated Financial Results for the Nine Months Ended December 31, 3018") is None
    assert release_period("Results for the Fiscal Year Ended Decmber 99, 2018 (IIJ)") is None
    title = "Consolidated Financial Results for the Nine Months Ended December 31, 2018"
    assert release_period(title).end.isoformat() == "2018-12-31"


def test_prose_is_told_from_row_labels_by_whole_words():
    from iijview.parse.segment import _prose_text
    assert _prose_text("Revenues increased mainly due to")  # a sentence word
    assert not _prose_text("Wasabi Wereable Totaled")  # the words inside longer words do not count
    assert not _prose_text("Cost of systems integration revenues")
    assert _prose_text("which has shown the cost of the system we had built")  # eight words, one of them 'which'
    assert not _prose_text("IIJ Group Co. Ltd. Inc. and its other subsidiaries")  # only abbreviations end
    assert _prose_text("The results were good. The outlook is better.")


@pytest.mark.parametrize("printed,clean", [
    ("◆ Enterprise NW services Recurring revenue", "Enterprise NW services Recurring revenue"),
    (") including Security", "including Security"),
    ("Adjusted Net Income attributable to IIJ3", "Adjusted Net Income attributable to IIJ"),
    ("Net profit3", "Net profit"),
    ("• Total revenues", "Total revenues"),
    ("(Loss) income before tax", "(Loss) income before tax"),   # a bracket that opens stays
    ("FY18", "FY18"), ("1H18", "1H18"), ("IPv6 traffic", "IPv6 traffic"), ("Adoption of IFRS16", "Adoption of IFRS16"),
    ("Balance at March 31, 2018", "Balance at March 31, 2018"),
])
def test_labels_as_a_reader_writes_them(printed, clean):
    from iijview.parse.labels import clean_label
    assert clean_label(printed) == clean
