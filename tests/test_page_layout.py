"""Printed words laid out as release text: lines, cells, table columns, wrapped labels, text columns."""
from __future__ import annotations

from iijview.parse.ocr import parse_tsv
from iijview.parse.page_layout import Frag, PageText, lay_out

CHAR = 5.0      # every character 5 points wide, every line 10 points high
LEAD = 12.0


def words(text: str, x: float, y: float, size: float = 10.0) -> list[Frag]:
    """The words of `text` printed from x on the line whose top is y (one space is one character)."""
    out, pos = [], x
    for word in text.split(" "):
        if word:
            out.append(Frag(word, pos, y, pos + len(word) * CHAR * size / 10, y + size))
        pos += (len(word) + 1) * CHAR * size / 10
    return out


def right(text: str, x1: float, y: float) -> list[Frag]:
    """A cell set flush right against x1."""
    return words(text, x1 - len(text) * CHAR, y)


def text_of(frags: list[Frag], width: float = 600.0) -> str:
    text, _places = lay_out([PageText(1, width, 800.0, frags)])
    return text.strip("\n")


def test_cells_split_at_wide_gaps_and_headers_keep_their_columns():
    frags = right("3Q11", 300, 100) + right("3Q12", 400, 100)
    frags += words("Total revenues", 50, 112) + right("70,752", 300, 112) + right("76,690", 400, 112)
    frags += words("Operating income", 50, 124) + right("3,998", 300, 124) + right("5,043", 400, 124)
    assert text_of(frags) == "\t3Q11\t3Q12\nTotal revenues\t70,752\t76,690\nOperating income\t3,998\t5,043"


def test_an_empty_cell_keeps_its_place():
    frags = words("Shares", 50, 100) + right("1,000", 300, 100) + right("2,000", 500, 100)
    frags += words("Per share", 50, 112) + right("1.5", 300, 112) + right("0.1", 400, 112) + right("2.5", 500, 112)
    assert text_of(frags) == "Shares\t1,000\t\t2,000\nPer share\t1.5\t0.1\t2.5"


def test_dot_leaders_separate_label_and_figure():
    frags = words("Total revenues ........ 1,234", 50, 100) + words("Net income ........... 567", 50, 112)
    assert text_of(frags) == "Total revenues\t1,234\nNet income\t567"


def test_raised_small_digits_are_footnote_marks():
    frags = words("Depreciation and amortization", 50, 100) + [Frag("5", 195.5, 97, 198.5, 103)]
    frags += right("5,251", 300, 100) + words("Operating income", 50, 112) + right("3,998", 300, 112)
    assert text_of(frags).splitlines()[0] == "Depreciation and amortization⁵\t5,251"


def test_wrapped_labels_join_their_row_whether_figures_print_first_or_last():
    # the longest label line ends at x=180: 'of)' would not have fitted after '(reversal'
    label = [("Provision for (reversal", 0), ("of) allowance for doubtful", 1), ("accounts", 2)]
    other = words("Cash", 50, 88) + right("1", 300, 88)
    bottom = other + [w for text, k in label for w in words(text, 50, 100 + k * LEAD)] + right("45,852", 300, 124)
    bottom += words("Inventories", 50, 136) + right("9", 300, 136)
    joined = "Provision for (reversal of) allowance for doubtful accounts"
    assert text_of(bottom).splitlines()[1] == f"{joined}\t45,852"
    top = other + [w for text, k in label for w in words(text, 50, 100 + k * LEAD)] + right("45,852", 300, 100)
    top += words("Inventories", 50, 136) + right("9", 300, 136)
    assert text_of(top).splitlines()[1] == f"{joined}\t45,852"


def test_a_heading_row_is_not_joined_to_its_neighbours():
    frags = words("Total current liabilities", 50, 100) + right("9,000", 300, 100)
    frags += words("NET INCOME PER SHARE", 50, 112)
    frags += words("Basic weighted-average shares", 50, 124) + right("40,536,800", 300, 124)
    assert text_of(frags).splitlines()[1] == "NET INCOME PER SHARE"


def _printed_text_file(lines: list[str], width: int = 40) -> list[Frag]:
    """A text file printed as a word processor prints it: lines of at most `width` characters, a line
    too long broken before the word that would not fit, the rest going on at the start of the next."""
    frags, row = [], 0
    for line in lines:
        cur = ""
        for word in line.split(" "):
            if cur and len(cur) + 1 + len(word) > width:
                frags += words(cur, 50, 100 + row * LEAD)
                row, cur = row + 1, word
            else:
                cur = f"{cur} {word}" if cur else word
        frags += words(cur, 50, 100 + row * LEAD)
        row += 1
    return frags


def test_figures_a_word_processor_wrapped_go_back_to_their_line():
    # 40 characters a line: '1,910' would have ended at 42 on the label's second line, '3,198' at 41
    lines = ["Other current assets, net of allowance",
             "of JPY 15 thousand at March 31, 1,910 3,198",
             "respectively",
             "Equipment and fixtures, net of JPY 300 1,000 2,000",
             "Total current assets 9,910 10,198"]
    text = text_of(_printed_text_file(lines), 300)  # margins of 50 points: 40 characters of 5 points
    assert text.splitlines() == ["Other current assets, net of allowance",
                                 "of JPY 15 thousand at March 31, 1,910 3,198", "respectively",
                                 "Equipment and fixtures, net of JPY 300 1,000 2,000",
                                 "Total current assets 9,910 10,198"]


def test_wrapped_figures_keep_the_box_they_are_printed_in():
    frags = _printed_text_file(["Other current assets, net of allowance 1,910 3,198", "Total 9,910 10,198"])
    text, places = lay_out([PageText(1, 300.0, 800.0, frags)])
    assert text.splitlines()[0] == "Other current assets, net of allowance 1,910 3,198"
    boxes = {text[p.start:p.end]: p.box for p in places}
    assert boxes["1,910"] == (50.0, 112.0, 75.0, 122.0)   # the start of the second printed line
    assert boxes["3,198"] == (80.0, 112.0, 105.0, 122.0)


def test_figures_on_a_line_of_their_own_stay_there():
    # a line above that stops short of the right margin (nothing was wrapped); figures under value columns
    frags = words("Total revenues", 50, 100) + words("1,910 3,198", 50, 112)
    assert text_of(frags, 300).splitlines() == ["Total revenues", "1,910 3,198"]
    frags = words("Revenues for the nine months ended December 31, 2012 rose in every line of business", 50, 100)
    frags += right("70,752", 300, 112) + right("76,690", 400, 112)
    assert text_of(frags).splitlines()[1] == "70,752\t76,690"
    # a row of headings across the page, its figures under them from the left edge: a table's rows
    frags = [w for k, q in enumerate(["1Q17", "2Q17", "3Q17", "4Q17"]) for w in words(q, 50 + k * 60, 100)]
    frags += [w for k, v in enumerate(["5,797", "5,784", "5,775", "5,843"]) for w in words(v, 50 + k * 60, 112)]
    assert text_of(frags, 280).splitlines() == ["1Q17\t2Q17\t3Q17\t4Q17", "5,797\t5,784\t5,775\t5,843"]


def test_two_text_columns_read_left_column_first():
    left = ["Revenues rose in every line of business this quarter as clients",
            "moved more of their systems to the cloud and bought security",
            "services, while mobile subscriptions kept growing steadily for"]
    right_col = ["Operating income grew faster than revenues because the network",
                 "costs were spread over more traffic and the systems integration",
                 "projects carried better margins than a year earlier in all"]
    frags = words("Results for the nine months ended December 31, 2012", 50, 60)
    for k, (a, b) in enumerate(zip(left, right_col)):
        frags += words(a, 40, 100 + k * LEAD, 6) + words(b, 320, 100 + k * LEAD, 6)
    text = text_of(frags, 600)
    assert text.index(left[2]) < text.index(right_col[0])
    assert "\t" not in text


def test_tables_side_by_side_stay_on_their_rows():
    frags = []
    for k, (a, b) in enumerate([("Revenue", "Adjusted EBITDA"), ("Gross Margin", "Adjusted net income"),
                                ("Operating Income", "Adjusted pre-tax income")]):
        y = 100 + k * LEAD
        frags += words(a, 40, y) + right("90.96", 200, y) + right("+9.6%", 250, y)
        frags += words(b, 330, y) + right("9.66", 500, y) + right("+15.9%", 560, y)
    lines = text_of(frags, 600).splitlines()
    assert lines[0] == "Revenue\t90.96\t+9.6%\tAdjusted EBITDA\t9.66\t+15.9%"


def test_tesseract_words_become_boxes_in_points():
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t300\t600\t150\t40\t96.5\tRevenues\n"
           "5\t1\t1\t1\t1\t2\t1500\t600\t120\t40\t91.0\t76,690\n"
           "5\t1\t1\t1\t1\t3\t1700\t600\t0\t40\t-1\t \n")
    frags = parse_tsv(tsv, 300 / 72)
    assert [(f.text, round(f.x0, 1), round(f.top, 1), round(f.x1, 1)) for f in frags] == \
        [("Revenues", 72.0, 144.0, 108.0), ("76,690", 360.0, 144.0, 388.8)]
