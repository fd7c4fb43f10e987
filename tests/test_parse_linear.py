"""Parser pieces that must stay linear on long lines and long labels give the same answers as before."""
from __future__ import annotations

from iijview.parse import labels
from iijview.parse.rows import MAX_LABEL, build_rows
from iijview.parse.segment import RawRow
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
