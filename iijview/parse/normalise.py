"""Normalise decoded text for parsing while keeping a map back to the original offsets."""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

# Footnote markers printed as superscripts; NFKC would turn them into digits that look like values.
_SUPERSCRIPTS = set("⁰¹²³⁴⁵⁶⁷⁸⁹")
_SPACES = {"\u00a0", "\u2002", "\u2003", "\u2009", "\u202f", "\u3000", "\u200b", "\ufeff"}
_DASHES = {"\u2013": "-", "\u2212": "-", "\uff0d": "-"}
# Markup that conversions leave behind: HTML tags and emphasis, then markdown headings, table rules
# and code fences (line-anchored). Two patterns scan far faster than one alternation of both kinds.
_INLINE_MARKUP = re.compile(
    r"</?(?:u|b|i|em|strong|span|sup|sub|br|p|div|ul|li|font)\b[^>\n]*>"
    r"|\*\*|\*(?<![\w*]\*)(?=[A-Z(][^*\n]*\*(?!\d))|\*(?<=[\w).]\*)(?![\d)*])"
)
# Each form follows a line break: the scan looks for the break (a literal, found fast) rather than
# testing every position for a line start; the text is searched with one break put in front.
_LINE_MARKUP = re.compile(
    r"\n(?:\s{0,3}#{1,6}[ \t]+"
    r"|[ \t]*[-=]{3,}(?:[ \t]+[-=]{3,})*[ \t]*$"
    r"|[ \t]*```[^\n]*$)",
    re.MULTILINE,
)


@dataclass
class Normalised:
    """Normalised text and a piecewise map from its offsets back to the original text.

    The map is a list of segments (normalised start, original start, stride): stride 1 for text
    copied as it was, 0 for the characters one original character turned into."""

    text: str
    segments: list[tuple[int, int, int]]
    original_length: int

    def __post_init__(self) -> None:
        self._starts = [seg[0] for seg in self.segments]

    def original_offset(self, pos: int) -> int:
        """Offset in the original text of the normalised character at pos."""
        segments = self.segments
        if len(segments) < 2:
            return segments[0][1] + pos if segments else 0
        i = bisect.bisect_right(self._starts, pos) - 1
        start, orig, stride = segments[i if i > 0 else 0]
        return orig + (pos - start) * stride

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        size = len(self.text)
        if 0 <= start < end <= size and len(self.segments) < 2:
            return start, end  # nothing changed length: offsets are the original ones
        if not size:
            return 0, 0
        start = min(max(start, 0), size - 1)
        last = min(max(end - 1, start), size - 1)
        return self.original_offset(start), self.original_offset(last) + 1


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


_SPECIAL_CHARS = re.compile(r"[^\x00-\x0c\x0e-\x7b\x7d-\x7f]")  # non-ASCII, CR and '|'


def normalise(text: str) -> Normalised:
    """Return the normalised text: NFKC, one space kind, no markup, LF line ends, offsets kept."""
    n = len(text)
    out: list[str] = []
    # Characters replaced by exactly one character keep offsets one-to-one: only the others start segments.
    segments: list[tuple[int, int, int]] = [(0, 0, 1)] if n else []
    pos = size = 0
    for m in _SPECIAL_CHARS.finditer(text):
        i = m.start()
        ch = text[i]
        if ch == "\r":
            mapped = "" if (i + 1 < n and text[i + 1] == "\n") else "\n"
        else:
            mapped = _char_map(ch)
        if mapped == ch:
            continue
        out.append(text[pos:i])
        size += i - pos
        out.append(mapped)
        pos = i + 1
        if len(mapped) != 1:
            if mapped:
                segments.append((size, i, 0))
            size += len(mapped)
            if pos < n:
                segments.append((size, pos, 1))
        else:
            size += 1
    out.append(text[pos:])
    return Normalised(_blank_markup("".join(out)), segments, n)


def _blank_markup(text: str) -> str:
    """Markup turned into spaces (line breaks kept), so offsets stay one-to-one."""
    spans = [m.span() for m in _INLINE_MARKUP.finditer(text)]
    spans += [(max(a - 1, 0), b - 1) for a, b in (m.span() for m in _LINE_MARKUP.finditer("\n" + text))]
    spans.sort()
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for a, b in spans:
        a = max(a, pos)
        if b <= a:
            continue
        out.append(text[pos:a])
        out.append(blank(text[a:b]))
        pos = b
    out.append(text[pos:])
    return "".join(out)


_NOT_NEWLINE = re.compile(r"[^\n]")


def blank(text: str) -> str:
    """The text as spaces, its line breaks kept (so offsets and line numbers stay the same)."""
    return _NOT_NEWLINE.sub(" ", text)
