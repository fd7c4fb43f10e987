"""The same release reshaped (line ends, encodings, tab cells as wide spaces) gives the same facts."""
import re

import pytest

from golden import ALL, CONV_2012, OCR_2017, WEB_2018
from iijview.loader import load_text


def _facts(data: bytes):
    frame = load_text(data, "x.txt", checks=False).facts.drop(columns=["release"])
    frame = frame.astype(object).where(frame.notna(), None)  # NaN (nil) compares unequal to itself
    return frame.to_dict("records")


@pytest.mark.parametrize("path", ALL, ids=[p.name for p in ALL])
@pytest.mark.parametrize("shape", ["crlf", "utf-16", "utf-8-bom"])
def test_reshaped_encoding_gives_same_facts(path, shape):
    text = path.read_text("utf-8")
    if shape == "crlf":
        data = text.replace("\n", "\r\n").encode("utf-8")
    elif shape == "utf-16":
        data = text.encode("utf-16")
    else:
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    assert _facts(data) == _facts(text.encode("utf-8"))


@pytest.mark.parametrize("path", [WEB_2018, OCR_2017], ids=["web", "ocr"])
def test_shift_jis_gives_same_facts(path):
    text = path.read_text("utf-8")
    data = text.encode("cp932", errors="replace")
    base = text.encode("cp932", errors="replace").decode("cp932").encode("utf-8")
    assert _facts(data) == _facts(base)


def test_line_per_row_collapsed_into_one_line_gives_same_values():
    """An OCR-style table flattened the way web scrapes print it (one line, no page footers): the same
    values for the same items, labels wrapped around the figures included."""
    ocr = OCR_2017.read_text("utf-8")
    start = ocr.index("Consolidated Balance Sheets (Unaudited)")
    end = ocr.index("Consolidated Statements of Income and")
    lines = [ln.strip() for ln in ocr[start:end].splitlines()]
    footer = re.compile(r"^\S{1,5} 1H FY2017$|^Internet Initiative Japan Inc\.$")
    flat = ocr[:start] + " ".join(ln for ln in lines if ln and not footer.match(ln)) + "\n" + ocr[end:]
    a = load_text(ocr.encode(), "a.txt", checks=False).statement("balance_sheet")
    b = load_text(flat.encode(), "b.txt", checks=False).statement("balance_sheet")
    def values(st):
        return {(r.item, c.period.end): r.cells[c.key].value
                for r in st.items if r.item for c in st.columns if c.key in r.cells}
    va, vb = values(a), values(b)
    assert va == vb and len(va) >= 30
    assert [r.label for r in a.items if r.item] == [r.label for r in b.items if r.item]


def test_tabs_as_wide_spaces_keep_the_yen_values():
    text = CONV_2012.read_text("utf-8")
    start = text.index("Quarterly Consolidated Balance Sheets")
    end = text.index("Internet Initiative Japan Inc.\n", start + 100)
    spaced = text[:start] + text[start:end].replace("\t", "     ") + text[end:]
    a = load_text(text.encode(), "a.txt", checks=False).statement("balance_sheet")
    b = load_text(spaced.encode(), "b.txt", checks=False).statement("balance_sheet")
    def total(st):
        row = next(r for r in st.items if r.item == "total_assets")
        return sorted(c.value for c in row.cells.values() if c.value)
    assert total(a) == total(b) == sorted([73_493_246, 881_237, 75_892_130])
