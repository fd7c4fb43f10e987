"""Row labels: OCR clean-up, section headings, wrapped lines, totals and canonical item ids."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

# OCR renderings of "IIJ": 11J, I1J, [1J, 113, l113, IlJ, [IJ, 1J, I1IJ ...
_IIJ_OCR = re.compile(
    r"(?<![\w\[])(?:\[1J|\[IJ|\[lJ|I1IJ|I1J|IlJ|11J|1J|l113)(?=mio|[^\w]|$)"
    r"|(?<![\w\[])(?:113|11)(?=\s+(?:Mobile|DSL|FiberAccess|Data)\b)")
_OCR_WORDS = {
    "Qutsourcing": "Outsourcing", "Sl business": "SI business", "(Sl)": "(SI)", "Subseguent": "Subsequent",
    "LIABILITIRES": "LIABILITIES", "attraibutable": "attributable", "Increse": "Increase", "incrase": "increase",
    "borrowingscurrent": "borrowings—current",
}
CONNECTIVES = frozenset({
    "of", "and", "or", "to", "in", "at", "for", "from", "with", "by", "on", "the", "a", "an", "less",
    "net", "using", "under", "into", "respectively", "through", "over", "than", "as", "designated",
})


@lru_cache(maxsize=1)
def _headings() -> dict:
    return json.loads(resources.files("iijview.resources").joinpath("headings.json").read_text("utf-8"))


def members(statement_id: str) -> dict | None:
    """Matrix column members for a statement ({'ordered', 'names'}) from headings.json, or None."""
    return _headings().get("members", {}).get(statement_id)


@lru_cache(maxsize=1)
def section_headings() -> tuple[str, ...]:
    """Known section headings, longest first."""
    items = {h.strip() for h in _headings()["sections"]}
    return tuple(sorted(items, key=len, reverse=True))


@lru_cache(maxsize=1)
def _items() -> list[dict]:
    data = json.loads(resources.files("iijview.resources").joinpath("items.json").read_text("utf-8"))
    out = []
    for e in data["items"]:
        out.append({
            "item": e["item"],
            "statements": frozenset(e.get("statements", ())),
            "label": re.compile(e["label"], re.I),
            "section": re.compile(e["section"]) if e.get("section") else None,
        })
    return out


_SPACES = re.compile(r"\s+")
_SPACE_BEFORE = re.compile(r"\s+(?=[,.:;)])")
_SPACE_AFTER = re.compile(r"(?<=\()\s+")   # (look-arounds, not groups: a replacement without a template)
_LEADING_JUNK = re.compile(r"^(?:[\"'.,;:\s*◆◇■□●○•▪▫➢►▶・※✓➤-]|\)|\](?![^\[]*\]))+(?=[A-Za-z(])")
# A footnote number glued to the last word ('Adjusted Net Income attributable to IIJ3', 'Net profit3');
# codes and versions keep their digits ('1H18', 'FY18', 'IPv6').
_TRAILING_FOOTNOTE = re.compile(r"(?<=[A-Za-z]{3})\d{1,2}$")
_KEEPS_DIGITS = re.compile(r"(?:IPv|Tier|Level|Phase|Stage|Type|Basel|Note|Topic|IFRS|IAS|ASC|ASU)\d{1,2}$", re.I)
_TRAILING_DASH = re.compile(r"\s*[-—]+\s*$")
_KEY_DASH = re.compile(r"\s*[—–]\s*|\s+-\s*(?=[a-z])|(?<=[a-z])-\s+")


def clean_label(text: str) -> str:
    """A label as printed with OCR noise, stray quotes and spacing cleaned."""
    t = " ".join(text.split())
    if "1" in t or "J" in t:  # every OCR form of 'IIJ' has one of these
        t = _IIJ_OCR.sub("IIJ", t)
    for bad, good in _OCR_WORDS.items():
        if bad in t:
            t = t.replace(bad, good)
    t = _SPACE_BEFORE.sub("", t)
    if "(" in t:
        t = _SPACE_AFTER.sub("", t)
    t = _LEADING_JUNK.sub("", t)
    if t.endswith(("-", "—")):
        t = _TRAILING_DASH.sub("", t)
    if t[-1:].isdigit() and _TRAILING_FOOTNOTE.search(t) and not _KEEPS_DIGITS.search(t):
        t = _TRAILING_FOOTNOTE.sub("", t)
    return t.strip(" \"'")


def label_key(label: str) -> str:
    """Lower-case matching form of a label: dashes and colons to spaces, spacing collapsed."""
    t = label.lower().replace("’", "'")
    if "-" in t or "—" in t or "–" in t:
        t = _KEY_DASH.sub(" ", t)
    t = t.replace(":", " ")
    return _SPACES.sub(" ", t).strip(" .")


def canonical_item(statement_id: str, label: str, section: str) -> str:
    """The canonical item id for a row label in a statement, or '' when unknown."""
    return canonical_item_for_key(statement_id, label_key(label), section)


def canonical_item_for_key(statement_id: str, key: str, section: str) -> str:
    """canonical_item for a label already in label_key form."""
    entries, combined = _items_for(statement_id)
    m = combined.fullmatch(key)
    if m is None:
        return ""
    first = m.lastgroup
    assert first is not None  # every alternative is a named group
    # The first entry whose label matches wins, unless its section rule rejects the row.
    for e in entries[int(first[1:]):]:
        if not e["label"].fullmatch(key):
            continue
        if e["section"] is not None and not e["section"].fullmatch(section):
            continue
        return e["item"]
    return ""


@lru_cache(maxsize=64)
def _items_for(statement_id: str) -> tuple[list[dict], re.Pattern]:
    """The item entries that apply in a statement, and one pattern that finds the first whose label matches."""
    entries = [e for e in _items() if not e["statements"] or statement_id in e["statements"]]
    combined = "|".join(f"(?P<e{i}>{e['label'].pattern})" for i, e in enumerate(entries)) or "(?!)"
    return entries, re.compile(combined, re.I)


@lru_cache(maxsize=1)
def _headings_by_initial() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for h in section_headings():
        out.setdefault(h[0], []).append(h)
    return {k: tuple(v) for k, v in out.items()}


_HEAD_NEXT = re.compile(r"[\s:,]+[A-Z]")
_COLON_HEAD = re.compile(r"^([^:]{2,120}?):\s+(?=\S)")
_DIGIT_END = re.compile(r"\d")


def split_headings(label: str) -> tuple[tuple[str, ...], str]:
    """Split leading section headings off a label: 'ASSETS CURRENT ASSETS: Cash' -> (['ASSETS', 'CURRENT ASSETS'], 'Cash')."""
    heads: list[str] = []
    rest = label.strip()
    by_initial = _headings_by_initial()
    while True:
        hit = None
        for h in by_initial.get(rest[:1], ()):
            if len(rest) > len(h) + 1 and rest.startswith(h) and rest[len(h)] in " :," \
                    and _HEAD_NEXT.match(rest, len(h)):
                hit = h
                break
        if hit:
            heads.append(rest[:len(hit)].strip())
            rest = rest[len(hit):].lstrip(" :,")
            continue
        m = _COLON_HEAD.match(rest) if ":" in rest else None
        if m and not _DIGIT_END.search(m.group(1)[-3:]) and m.group(1).strip().lower() != "less":
            heads.append(m.group(1).strip())
            rest = rest[m.end():]
            continue
        break
    return tuple(heads), rest


@lru_cache(maxsize=1)
def _long_headings() -> tuple[tuple[str, str], ...]:
    return tuple((" ".join(h.split()[:3]), h) for h in section_headings() if len(h.split()) >= 5)


@lru_cache(maxsize=1)
def _long_heading_probe() -> re.Pattern:
    return re.compile("|".join(re.escape(probe) for probe, _ in _long_headings()) or "(?!)")


def split_trailing_heading(label: str) -> tuple[str, str]:
    """Split a known section heading printed after a row's own label ('Others Changes in ...')."""
    if len(label) < 20 or not _long_heading_probe().search(label):
        return label, ""
    for probe, h in _long_headings():
        i = label.find(probe)
        if i > 0 and label[i:].lower().startswith(h.lower()[: len(label) - i].rstrip()):
            return label[:i].strip(), label[i:].strip()
    return label, ""


def is_heading_text(text: str) -> bool:
    """True for a label row without values that opens a section ('CURRENT ASSETS:', 'Revenues')."""
    t = text.strip()
    if t.endswith(":"):
        return True
    low = t.lower()
    return any(low == h.lower() for h in section_headings()) or (t.isupper() and len(t.split()) <= 6)


_DATE_START = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November"
                         r"|December)\s+\d{1,2},")


def starts_continuation(text: str) -> bool:
    """True when a line of label text continues the line before it (lower-case start or a connective)."""
    t = text.strip()
    if not t:
        return False
    if t[0].islower() or t[0] in "(&":
        return True
    if _DATE_START.match(t):
        return True  # "September 30, 2017, respectively": the end of a date list in a label
    return t.split(None, 1)[0].strip(",;").lower() in CONNECTIVES


_MONTH_WORD = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November"
                         r"|December)$")
_NEW_LABEL = re.compile(r"(?<=[\s,;])(?=[A-Z][A-Za-z])")


def starts_lowercase_or_date(text: str) -> bool:
    """True for text that can only be the end of a label above: 'at March 31, ...', 'September 30, 2017, ...'."""
    t = text.strip()
    return bool(t) and (t[0].islower() or bool(_DATE_START.match(t)))


def split_continuation(text: str) -> tuple[str, str]:
    """Split 'at March 31, 2017 and September 30, 2017, respectively Inventories' into the end of the
    label above and the start of a new one (at the first capitalised word that is not a month)."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and i > 0 and ch.isupper() and text[i - 1] in " ,;":
            word = re.match(r"[A-Za-z]+", text[i:])
            w = word.group(0) if word else ""
            if _MONTH_WORD.fullmatch(w) or w in ("JPY", "IIJ", "U", "S", "Japan", "Internet", "Initiative", "Inc"):
                continue
            return text[:i].strip(), text[i:].strip()
    return text.strip(), ""


def ends_incomplete(text: str) -> bool:
    """True when a line of label text stops mid-phrase ('... allowance for doubtful accounts of')."""
    # Only the end of the text decides: look at its last 64 characters, so a growing joined label
    # is neither rescanned nor cached whole (a word that long is no connective).
    return _ends_incomplete(text.rstrip()[-64:])


def _ends_incomplete(t: str) -> bool:
    if not t:
        return False
    last = t.rsplit(None, 1)[-1].lower().strip(",")
    return last in CONNECTIVES or t.endswith((",", "-", "—")) or last in {"number", "designated", "other", "investments"}


_TOTAL = re.compile(r"^(?:total\b|net cash\b|net (?:increase|decrease)|consolidated (?:total|operating)|"
                    r"other (?:income|expense)s?\b.*net$|subtotal|cash and cash equivalents, end|"
                    r"cash flows from (?:operating|investing|financing) activities$|"
                    r"operating (?:income|profit)$|gross (?:profit|margin)$|net income$|profit \(loss\) for the period$)", re.I)


def is_total_label(label: str) -> bool:
    """True when a label names a total or subtotal."""
    return bool(_TOTAL.search(label.strip()))


def find_names(text: str, vocabulary) -> list[str]:
    """Known names from a vocabulary in header text, in print order, without overlaps."""
    clean = clean_label(text)
    low = clean.lower()
    taken = [False] * len(low)
    found: list[tuple[int, str]] = []
    names = sorted(vocabulary, key=len, reverse=True)
    for name in names:
        needle = name.lower()
        if not needle:
            continue
        a = low.find(needle)
        while a >= 0:
            b = a + len(needle)
            nxt = low.find(needle, b)  # occurrences do not overlap, as a regex scan would find them
            if any(taken[a:b]) or (a > 0 and low[a - 1].isalnum()) or (b < len(low) and low[b].isalnum()):
                a = nxt
                continue
            for k in range(a, b):
                taken[k] = True
            found.append((a, name))
            a = nxt
    return [n for _, n in sorted(found)]
