"""Fast case-blind alternations: a pattern told, up front, the characters a match can start with.

Python's `re` skips ahead quickly only when it knows how a match starts. A case-blind alternation of
many words ('revenues|operating income|...') or one that starts with a group or a look-behind gives it
nothing to go on, so every word is tried at every character of a release. A look-ahead of one
character class in front, `(?=[orn...])`, lets the scan pass the other characters: two to four times
faster, the same matches (the class is worked out from the pattern itself, so it cannot drift from it).
"""
from __future__ import annotations

import re

try:  # the parser `re` itself uses (private, so used with care: without it, no guard and no harm)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - another Python's layout
    _c = _p = None

_MAX_CHARS = 64   # a guard of more characters than this would skip little
_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s"} if _c else {}


def compile_guarded(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), with a look-ahead of the characters a match can start with in front
    when the pattern is case-blind and they can be told and are few (never when a match may be empty or
    start with any character). A case-sensitive pattern is left alone: `re` finds its literal start or
    first characters itself, and a guard in front would hide them (a heading search four times slower)."""
    compiled = re.compile(pattern, flags)
    if not flags & re.IGNORECASE:
        return compiled
    chars = first_chars(pattern, flags)
    if not chars:
        return compiled
    chars = {ch if ch in _CATEGORIES.values() else ch.lower() for ch in chars}  # case-blind too: re's own folds
    guard = "".join(ch if ch in _CATEGORIES.values() else re.escape(ch) for ch in sorted(chars))
    return re.compile(f"(?=[{guard}])(?:{pattern})", flags)


def first_chars(pattern: str, flags: int = 0) -> set[str] | None:
    """The characters a match of `pattern` can start with ('\\d' and '\\s' stand for their classes), or None
    when that cannot be told (a match may be empty or start with any character or a back-reference) or
    they are too many."""
    if _p is None:
        return None
    try:
        found, nullable = _first(_p.parse(pattern, flags))
    except (_Unknown, re.error, TypeError, ValueError, AttributeError):
        return None
    if nullable or not found or len(found) > _MAX_CHARS:
        return None
    return found


class _Unknown(Exception):
    """A part of a pattern whose first characters are not worked out."""


def _first(seq) -> tuple[set[str], bool]:
    """First characters of a sequence of parsed items, and whether the whole may match empty."""
    out: set[str] = set()
    for op, av in seq:
        chars, nullable = _first_item(op, av)
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_item(op, av) -> tuple[set[str], bool]:
    if op is _c.LITERAL:
        return {chr(av)}, False
    if op is _c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is _c.LITERAL:
                chars.add(chr(value))
            elif kind is _c.RANGE and value[1] - value[0] < _MAX_CHARS:
                chars.update(chr(x) for x in range(value[0], value[1] + 1))
            elif kind is _c.CATEGORY and value in _CATEGORIES:
                chars.add(_CATEGORIES[value])
            else:
                raise _Unknown  # a negated set, a category, a wide range
        return chars, False
    if op is _c.SUBPATTERN:
        return _first(av[-1])
    if op is _c.BRANCH:
        chars, nullable = set(), False
        for branch in av[1]:
            c, n = _first(branch)
            chars |= c
            nullable = nullable or n
        return chars, nullable
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, item = av
        chars, nullable = _first(item)
        return chars, nullable or low == 0
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # takes no character: the next item starts the match
    raise _Unknown
