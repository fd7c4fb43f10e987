"""Normalise decoded text for parsing while keeping a map back to the original offsets."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Footnote markers printed as superscripts; NFKC would turn them into digits that look like values.
_SUPERSCRIPTS = set("⁰¹²³⁴⁵⁶⁷⁸⁹")
_SPACES = {"\u00a0", "\u2002", "\u2003", "\u2009", "\u202f", "\u3000", "\u200b", "\ufeff"}
_DASHES = {"\u2013": "-", "\u2212": "-", "\uff0d": "-"}
# Markup that conversions leave behind: HTML tags, markdown headings, emphasis and table rules.
_MARKUP = re.compile(
    r"</?(?:u|b|i|em|strong|span|sup|sub|br|p|div|ul|li|font)\b[^>\n]*>"
    r"|^\s{0,3}#{1,6}[ \t]+"
    r"|\*\*|(?<![\w*])\*(?=[A-Z(][^*\n]*\*(?!\d))|(?<=[\w).])\*(?![\d)*])"
    r"|^[ \t]*[-=]{3,}(?:[ \t]+[-=]{3,})*[ \t]*$"
    r"|^[ \t]*```[^\n]*$",
    re.MULTILINE,
)


@dataclass
class Normalised:
    """Normalised text and, for each of its characters, the offset in the original text."""

    text: str
    offsets: list[int]
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        if not self.offsets:
            return 0, 0
        start = min(max(start, 0), len(self.offsets) - 1)
        last = min(max(end - 1, start), len(self.offsets) - 1)
        return self.offsets[start], self.offsets[last] + 1


def _char_map(ch: str) -> str:
    """The normalised form of one character."""
    if ch in _SUPERSCRIPTS:
        return ""
    if ch in _SPACES:
        return " "
    if ch in _DASHES:
        return _DASHES[ch]
    if ch == "\r":
        return ""
    if ch == "|":
        return "\t"  # table pipes and OCR'd column rules separate cells
    if ord(ch) < 128:
        return ch
    if ch in "△▲Δ─―—":
        return ch
    out = unicodedata.normalize("NFKC", ch)
    return out


_SPECIAL = re.compile(r"[^\x00-\x7f]|[\r|]")


def normalise(text: str) -> Normalised:
    """Return the normalised text: NFKC, one space kind, no markup, LF line ends, offsets kept."""
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    n = len(text)
    for m in _SPECIAL.finditer(text):
        i = m.start()
        if i > pos:  # a plain ASCII run maps one to one
            out.append(text[pos:i])
            offsets.extend(range(pos, i))
        ch = text[i]
        if ch == "\r":
            if not (i + 1 < n and text[i + 1] == "\n"):
                out.append("\n")
                offsets.append(i)
        else:
            mapped = _char_map(ch)
            out.append(mapped)
            offsets.extend([i] * len(mapped))
        pos = i + 1
    if pos < n:
        out.append(text[pos:])
        offsets.extend(range(pos, n))
    first = "".join(out)
    # Second pass: strip markup by blanking it (keeps offsets one-to-one).
    if not _MARKUP_HINT.search(first):
        return Normalised(first, offsets, n)
    chars = list(first)
    for m in _MARKUP.finditer(first):
        for k in range(m.start(), m.end()):
            if chars[k] != "\n":
                chars[k] = " "
    return Normalised("".join(chars), offsets, n)


_MARKUP_HINT = re.compile(r"[<#*`]|^[ \t]*[-=]{3,}", re.M)
