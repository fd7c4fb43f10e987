"""Encodings and text forms: BOMs, UTF-16, Shift-JIS, cp1252, CRLF, no-break spaces, full width, markup."""
import codecs

import pytest

from iijview.parse.decode import DecodeError, decode
from iijview.parse.normalise import normalise

TEXT = "Total revenues\u00a0127,611,974 139,381,687 “IIJ” △39\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp932"])
def test_decodes_every_release_encoding(encoding):
    sample = TEXT if encoding != "cp932" else TEXT.replace("\u00a0", " ") + "株式会社インターネットイニシアティブ\n"
    data = sample.encode(encoding)
    text, _ = decode(data)
    assert text.lstrip("\ufeff") == sample


def test_cp1252_quotes():
    data = "IIJ’s “results” — 1,234\n".encode("cp1252")
    text, name = decode(data)
    assert name == "cp1252" and "IIJ’s “results” — 1,234" in text


def test_binary_is_refused():
    with pytest.raises(DecodeError):
        decode(bytes(range(256)) * 10)


def test_normalise_full_width_nbsp_crlf_and_markup_keep_offsets():
    raw = "<u>Total</u>\u00a0１２３，４５６\r\n#### 2. Dividends\r\nIP Service ²\t7,435"
    norm = normalise(raw)
    assert "123,456" in norm.text
    assert "\r" not in norm.text
    assert "<u>" not in norm.text and "####" not in norm.text
    assert "IP Service " in norm.text and "²" not in norm.text and "Service 2" not in norm.text
    i = norm.text.index("123,456")
    a, b = norm.original_span(i, i + len("123,456"))
    assert raw[a:b] == "１２３，４５６"
    assert norm.text.count("\n") == raw.count("\n")


def test_bom_utf16_detected():
    assert decode(codecs.BOM_UTF16_LE + "abc".encode("utf-16-le"))[0] == "abc"
