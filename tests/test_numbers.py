"""Every number form a release prints, read as the number it is (or marked unreadable)."""
import pytest

from iijview.parse.numbers import parse_number


@pytest.mark.parametrize("text, value, decimals, unit", [
    ("1,234", 1234, 0, ""),
    ("21,402,892", 21402892, 0, ""),
    ("(1,234)", -1234, 0, ""),
    ("(1,234 )", -1234, 0, ""),
    ("△39", -39, 0, ""),
    ("Δ 91", -91, 0, ""),
    ("▲5", -5, 0, ""),
    ("-1,500", -1500, 0, ""),
    ("+6,648", 6648, 0, ""),
    ("9.2", 9.2, 1, ""),
    ("(30.4 )", -30.4, 1, ""),
    ("+9.6%", 9.6, 1, "%"),
    ("84.5%", 84.5, 1, "%"),
    ("3.6 %", 3.6, 1, "%"),
    ("(2.7 )%", -2.7, 1, "%"),
    ("3,600.2", 3600.2, 1, ""),
    ("2,932.5Gbps", 2932.5, 1, "Gbps"),
    ("JPY27.00", 27.0, 2, "JPY"),
    ("92:140,182", 92140182, 0, ""),      # OCR read a comma as a colon
    ("90424,764", 90424764, 0, ""),       # OCR lost a separator
    ("(0)", 0.0, 0, ""),
    ("59.65", 59.65, 2, ""),
])
def test_numbers_read_as_printed(text, value, decimals, unit):
    n = parse_number(text)
    assert n is not None and n.status == "parsed"
    assert n.value == pytest.approx(value)
    assert n.decimals == decimals
    assert n.unit == unit


@pytest.mark.parametrize("text", ["-", "—", "―", "_", "–"])
def test_nil_forms(text):
    n = parse_number(text)
    assert n.status == "nil" and n.value is None


@pytest.mark.parametrize("text", ["165,26", "(142", "4,59", "(13,565", "(2,952,37)"])
def test_truncated_cells_are_unreadable_not_guessed(text):
    n = parse_number(text)
    assert n.status == "unreadable" and n.value is None


def test_negative_change_with_the_percent_inside_the_parentheses():
    n = parse_number("(40.5%)")
    assert (n.status, n.value, n.unit) == ("parsed", -40.5, "%")
    assert parse_number("(0.5 %)").value == -0.5


def test_footnote_mark_glued_to_a_label_is_no_number():
    from iijview.parse.tokens import LineIndex, tokenize
    text = "Income before Income Tax Expense(3) 1,017 1,603 (36.5%)"
    toks = tokenize(text, LineIndex(text))
    assert [t.text for t in toks if t.kind == "num"] == ["1,017", "1,603", "(36.5%)"]


@pytest.mark.parametrize("text", ["Revenues", "Gbps", "", "abc123"])
def test_words_are_not_numbers(text):
    assert parse_number(text) is None
