"""Text printed over and over in a row (a line pasted thousands of times, a page glued onto one line
again and again) blanked after its first copy, so that it is read once and the parse stays fast."""
from __future__ import annotations

from collections import Counter

from iijview.model import Finding
from iijview.parse.normalise import blank

# The same text three or more times in a row over this many characters is a paste gone wrong, not a
# layout: real releases repeat at most a unit over a few columns ('JPY millions' four times).
MIN_STRETCH = 10_000
_PROBE = 64          # characters looked for again to find the length of the repeated text
_TRIES = 4           # later copies of a probe tried
_AGREE = 1024        # characters a text and its later copy must agree over to be a repeat, not chance
_LONGEST_REPEAT = 400_000   # longer than any release's text
_LINE = 512         # longer than a line of a table
_RECENT = 32        # repeat lengths of a stretch a new piece is compared with


def blank_repeats(text: str) -> tuple[str, list[Finding]]:
    """The text with each stretch of repeated text blanked after its first copy (spaces, line breaks
    kept, so offsets and line numbers stay the same), and an info finding for each stretch."""
    if len(text) < MIN_STRETCH:
        return text, []
    parts: list[str] = []
    findings: list[Finding] = []
    pos, line = 0, 1
    for s, e, p in _stretches(text):
        s = max(s, pos)   # (a stretch may begin inside the one before)
        if e - s < 3 * p:
            continue
        # Copies of whole lines: the first copy is kept to the end of its line and the blank ends where a
        # line does, not where the lines around the copies happen to agree with them for a few characters.
        cut = text.find("\n", s + p - 1, s + p - 1 + _LINE)
        cut = s + p if cut < 0 else cut + 1
        end = text.rfind("\n", max(cut, e - _LINE), e)
        end = e if end < 0 or e == len(text) else end + 1
        first = max(s, cut - p)      # where the first copy starts
        line += text.count("\n", pos, first)
        breaks = text.count("\n", first, end)
        last = line + breaks - (text[end - 1] == "\n")   # (a stretch of whole lines ends with its break)
        parts.append(text[pos:cut])
        parts.append(blank(text[cut:end]))
        pos = end
        where = f"Line {line:,}" if last == line else f"Lines {line:,}-{last:,}"
        findings.append(Finding(
            "repeated_text", f"{where}: the same {p:,} characters are printed {(e - s) / p:,.0f} times in a row; "
            "they were read once.", line=line, severity="info"))
        line += breaks
    if not findings:
        return text, []
    parts.append(text[pos:])
    return "".join(parts), findings


def _stretches(text: str) -> list[tuple[int, int, int]]:
    """(start, end, length p of the repeated text) of each stretch holding one text three or more times
    and at least MIN_STRETCH long. Damage inside a stretch (a flipped, lost or added byte, a line
    shuffled) splits it into pieces that repeat the same text: pieces next to each other are one."""
    merged: list[tuple[int, int, Counter]] = []   # (start, end, how many pieces repeat at each length)
    for s, e, p in sorted(_pieces(text)):
        if merged:
            start, end, counts = merged[-1]
            first = next(iter(counts))
            # pieces that overlap over more than chance, or meet and repeat the same text, are one stretch
            # (the first length and the newest ones are enough: damage shifts a copy by a little at a time)
            if s < end - _AGREE or (s - end <= max(first, p)
                                    and any(_same_repeat(q, p) for q in [first, *list(counts)[-_RECENT:]])):
                counts[p] += 1
                merged[-1] = (start, max(end, e), counts)
                continue
        merged.append((s, e, Counter([p])))
    out = []
    for s, e, counts in merged:
        p = min(counts, key=lambda n: (-counts[n], n))  # the length most pieces repeat at
        if e - s >= max(MIN_STRETCH, 3 * p) and text[s:s + p].strip():
            out.append((s, e, p))
    return out


def _same_repeat(p: int, q: int) -> bool:
    """True when repeats p and q characters long are one text: a byte added or lost in one copy makes
    the copies around it that much nearer or farther, and damage can hide every other copy."""
    short, long = sorted((p, q))
    k = round(long / short)
    return k <= 4 and abs(long - k * short) <= k * max(_PROBE, short // 8)


def _pieces(text: str) -> list[tuple[int, int, int]]:
    """(start, end, length p of the repeated text) of the pieces of a long text that equal themselves
    moved on by p: probes at the middle of each part not yet covered, halved while none is found."""
    found = []
    todo = [(0, len(text))]
    longest = min(len(text) // 2, _LONGEST_REPEAT)
    while todo:
        lo, hi = todo.pop()
        if hi - lo < 2 * _PROBE:
            continue
        at = (lo + hi) // 2
        piece = _piece_at(text, at, longest)
        if piece is not None:
            found.append(piece)
            todo += [(lo, piece[0]), (piece[1], hi)]
        elif hi - lo >= MIN_STRETCH:
            todo += [(lo, at), (at + _PROBE, hi)]
    return found


def _piece_at(text: str, at: int, longest: int) -> tuple[int, int, int] | None:
    """The piece around `at` that equals itself moved on by the distance to a later copy of the text at
    `at`, when they agree over at least _AGREE characters (less is chance, as a unit printed twice)."""
    probe = text[at:at + _PROBE]
    if len(probe) < _PROBE:
        return None
    q = at
    for _ in range(_TRIES):
        q = text.find(probe, q + 1, at + longest + _PROBE)
        if q < 0:
            return None
        ahead = _same_ahead(text, at, q, len(text) - q)
        behind = _same_behind(text, at, q, at)
        if behind + ahead >= _AGREE:
            return at - behind, q + ahead, q - at
    return None


def _same_ahead(text: str, i: int, j: int, limit: int) -> int:
    """How many characters from i on equal those from j on (at most limit): slices that double while
    they agree, then halve, so the work is about the length of the agreement, not of the text."""
    lo, step = 0, _PROBE
    while lo < limit:
        hi = min(lo + step, limit)
        if text[i + lo:i + hi] != text[j + lo:j + hi]:
            break
        lo, step = hi, step * 2
    else:
        return limit
    while hi - lo > 1:   # text[i:i + lo] agrees, text[i:i + hi] does not
        mid = (lo + hi) // 2
        if text[i + lo:i + mid] == text[j + lo:j + mid]:
            lo = mid
        else:
            hi = mid
    return lo


def _same_behind(text: str, i: int, j: int, limit: int) -> int:
    """How many characters before i equal those before j (at most limit), as _same_ahead."""
    lo, step = 0, _PROBE
    while lo < limit:
        hi = min(lo + step, limit)
        if text[i - hi:i - lo] != text[j - hi:j - lo]:
            break
        lo, step = hi, step * 2
    else:
        return limit
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if text[i - mid:i - lo] == text[j - mid:j - lo]:
            lo = mid
        else:
            hi = mid
    return lo
