"""Decode release bytes to text: BOMs, UTF-16, UTF-8, Shift-JIS (cp932) and cp1252."""
from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


class DecodeError(ValueError):
    """The bytes are not text in any encoding a release can come in."""


def _looks_utf16(data: bytes) -> str | None:
    """Name the UTF-16 byte order of BOM-less data that is mostly ASCII in UTF-16, else None."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.6 and even < half * 0.1:
        return "utf-16-le"
    if even > half * 0.6 and odd < half * 0.1:
        return "utf-16-be"
    return None


def _is_binary(text: str) -> bool:
    """True when decoded text is mostly control characters (an image, a zip, an executable)."""
    if not text:
        return False
    sample = text[:20000]
    bad = len(_CONTROL.findall(sample))
    return "\x00" in sample or bad > len(sample) * 0.02


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) for release bytes, or raise DecodeError."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = data.decode(name, errors="replace")
            if _is_binary(text):
                raise DecodeError("the file is binary, not text")
            return text, name
    utf16 = _looks_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    if b"\x00" in data[:20000]:
        raise DecodeError("the file is binary, not text")
    for name in ("utf-8", "cp932", "cp1252"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if name == "cp932" and _mostly_latin1_bytes(data):
            continue  # high bytes that are not valid Shift-JIS pairs in meaning: prefer cp1252
        if _is_binary(text):
            raise DecodeError("the file is binary, not text")
        return text, name
    text = data.decode("latin-1")
    if _is_binary(text):
        raise DecodeError("the file is binary, not text")
    return text, "latin-1"


def _mostly_latin1_bytes(data: bytes) -> bool:
    """True when non-ASCII bytes look like cp1252 punctuation (0x80-0x9F quotes and dashes)."""
    high = [b for b in data if b >= 0x80]
    if not high:
        return False
    punct = sum(1 for b in high if b in (0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0xA0, 0x85))
    return punct >= len(high) * 0.5
