"""Text printed over and over in a row is blanked after its first copy, offsets and line numbers kept."""
from __future__ import annotations

import random

from iijview.parse import parse_bytes
from iijview.parse.repeats import MIN_STRETCH, _same_ahead, _same_behind, blank_repeats

_TABLE = """Consolidated Statements of Income
(In thousands of JPY)
                                   Nine months ended    Nine months ended
                                   December 31, 2016   December 31, 2017
Revenues                               100,000             120,000
Cost of revenues                        80,000              90,000
Gross margin                            20,000              30,000
Operating income                         5,000               8,000
"""


def test_a_line_pasted_many_times_is_kept_once_and_the_copies_blanked():
    line = "Gross margin   20,000   30,000"
    text = "Heading\n" + (line + "\n") * 400 + "After\n"
    out, findings = blank_repeats(text)
    assert len(out) == len(text)
    assert out.split("\n") == ["Heading", line] + [" " * len(line)] * 399 + ["After", ""]
    [f] = findings
    assert (f.rule, f.line, f.severity) == ("repeated_text", 2, "info")
    assert f.message == ("Lines 2-401: the same 31 characters are printed 400 times in a row; they were read "
                         "once.")


def test_short_repeats_and_blank_runs_are_left_alone():
    # one unit per column, one cell a line: real releases repeat a line a few times; a few hundred
    # characters printed over and over stay too (they cost nothing)
    text = "Revenues\n" + "|JPY millions\n" * 4 + "|-\n" * 300 + "\n" * 20_000 + "   \n" * 5000 + "x"
    assert blank_repeats(text) == (text, [])


def test_a_line_holding_one_text_many_times_keeps_the_first_copy():
    unit = "Revenues 1,234 Operating income 567 Net income 89 Total assets 4,321 "
    copies = MIN_STRETCH // len(unit) + 10
    line = "Results at a glance: " + unit * copies + "end of page"
    text = "Top\n" + line + "\nBottom\n"
    out, findings = blank_repeats(text)
    assert len(out) == len(text)
    top, kept, bottom, _ = out.split("\n")
    assert (top, bottom) == ("Top", "Bottom")
    assert kept.startswith("Results at a glance: " + unit)
    assert kept.endswith("end of page")
    assert kept.count("Operating income") == 1
    [f] = findings
    assert f.message == (f"Line 2: the same {len(unit)} characters are printed {copies} times in a row; they "
                         "were read once.")


def test_a_parenthesis_storm_on_one_line_is_read_once():
    text = "Cash " + "(" * 50_000 + " 1,000\n"
    out, [f] = blank_repeats(text)
    assert out == "Cash (" + " " * 49_999 + " 1,000\n"
    assert f.message.startswith("Line 1: the same 1 characters are printed 50,000 times")


def test_a_long_line_that_does_not_repeat_is_left_alone():
    rng = random.Random(7)
    words = ["Revenues", "income", "1,234", "(567)", "JPY", "millions", "-", "Total", "assets", "%"]
    line = " ".join(rng.choice(words) + str(rng.randrange(1000)) for _ in range(4000))
    assert len(line) > MIN_STRETCH
    assert blank_repeats(line + "\n") == (line + "\n", [])


def test_a_text_printed_only_twice_on_one_line_is_left_alone():
    rng = random.Random(3)
    unit = "".join(rng.choice("abcdefgh 0123456789") for _ in range(MIN_STRETCH))
    line = unit + unit
    assert blank_repeats(line) == (line, [])
    assert blank_repeats(line + unit)[1]      # three times is a repeat


def test_matching_lengths_equal_a_plain_scan():
    rng = random.Random(11)
    for n in range(600):
        if n % 2:
            text = "".join(rng.choice("ab") for _ in range(rng.randrange(2, 60)))
        else:   # long agreements: a text repeated, with a character changed somewhere
            unit = "".join(rng.choice("abc") for _ in range(rng.randrange(1, 40)))
            chars = list(unit * rng.randrange(2, 200))
            chars[rng.randrange(len(chars))] = "x"
            text = "".join(chars)
        i, j = sorted(rng.sample(range(len(text)), 2))
        plain = 0
        while j + plain < len(text) and text[i + plain] == text[j + plain]:
            plain += 1
        assert _same_ahead(text, i, j, len(text) - j) == plain
        plain = 0
        while i - plain > 0 and text[i - plain - 1] == text[j - plain - 1]:
            plain += 1
        assert _same_behind(text, i, j, i) == plain


def test_a_table_row_pasted_thousands_of_times_reads_like_the_table():
    def cells(release):
        return sorted((st.id, it.label, str(k), c.value) for st in release.statements for it in st.items
                      for k, c in it.cells.items())

    plain = parse_bytes(("IIJ Announces Results\n" + _TABLE).encode(), "plain.txt")
    pasted_text = ("IIJ Announces Results\n" + _TABLE).replace("Gross margin", "X", 1)
    row = "Gross margin                            20,000              30,000\n"
    pasted_text = pasted_text.replace("X                            20,000              30,000\n", row * 3000)
    pasted = parse_bytes(pasted_text.encode(), "pasted.txt")
    assert cells(pasted) == cells(plain)
    assert ("Gross margin", 30000.0) in {(it.label, c.value) for st in plain.statements for it in st.items
                                         for c in it.cells.values()}
    [f] = [f for f in pasted.findings if f.rule == "repeated_text"]
    assert f.line == 8 and "printed 3,000 times" in f.message


def test_damaged_copies_are_still_one_repeat():
    # a page pasted again and again, with bytes flipped, lost and added in the copies and line breaks in
    # between: the first copy stays, every later one is blanked
    rng = random.Random(5)
    unit = "".join(rng.choice("abcdefghij 0123456789,()") for _ in range(3000)) + "\n"
    chars = list(unit * 30)
    for _ in range(20):
        at = rng.randrange(len(unit), len(chars))
        chars[at:at + 1] = rng.choice([[], ["#"], ["#", "#", "#"]])
    text = "".join(chars)
    out, [f] = blank_repeats(text)
    assert out.startswith(unit)
    # left after the first copy: at most the last copy, whose damaged end has no later copy to agree with
    assert len("".join(out[len(unit):].split())) < 2 * len(unit)
    assert out.count("\n") == text.count("\n") and len(out) == len(text)
    assert f.message.startswith("Lines 1-") and "the same 3,001 characters are printed" in f.message
