"""Readable, unique Excel sheet names: '<release prefix> <statement>' within 31 characters."""
from __future__ import annotations

import re

from iijview.model import STATEMENT_TITLES, Release, Statement
from iijview.naming import release_label

MAX_NAME = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

# Sheet names have 31 characters: the model's titles, a few of them shortened.
SHORT_TITLES = {
    **STATEMENT_TITLES,
    "operating_summary": "Operating summary",
    "segment_summary": "Segment summary",
    "network_revenue": "Network revenue",
    "contracts": "Contracts",
    "comprehensive_income": "Compreh. income",
    "equity_changes": "Equity changes",
}
RESERVED = ("Summary", "Findings", "Corrections", "Sources", "History")


def sanitize(name: str) -> str:
    """Drop characters Excel forbids in sheet names, trim quotes and blanks."""
    name = _FORBIDDEN.sub(" ", name)
    name = re.sub(r"\s+", " ", name).strip().strip("'").strip()
    return name or "Sheet"


class SheetNamer:
    """Hands out sheet names that are unique (case-insensitively, as Excel requires)."""

    def __init__(self, reserved=RESERVED):
        self._used: set[str] = {n.lower() for n in reserved}
        self._prefixes: set[str] = set()

    def unique(self, name: str) -> str:
        """`name` made legal and unique, shortened to 31 characters with ' (2)' etc. when taken."""
        base = sanitize(name)[:MAX_NAME].rstrip()
        candidate, n = base, 2
        while candidate.lower() in self._used:
            suffix = f" ({n})"
            candidate = base[:MAX_NAME - len(suffix)].rstrip() + suffix
            n += 1
        self._used.add(candidate.lower())
        return candidate

    def release_prefix(self, release: Release) -> str:
        """Short unique name of a release, IIJ's own as in the app: '1Q-3Q18', '1H17', 'FY2018'."""
        prefix = sanitize(release_label(release))[:12].rstrip()
        candidate, n = prefix, 2
        while candidate.lower() in self._prefixes:
            candidate = f"{prefix}#{n}"
            n += 1
        self._prefixes.add(candidate.lower())
        return candidate


def statement_caption(statement: Statement, release_name: str = "") -> str:
    """The app's statement title in few characters: its kind shortened ('Operating summary'), the
    TSE summary's parts as 'TSE ...', the qualifier that tells tables of a kind apart kept
    ('Income statement 3Q18') unless it is the release's own period (`release_name`), which the
    sheet name already starts with."""
    title = statement.title or STATEMENT_TITLES.get(statement.id, statement.key)
    long = STATEMENT_TITLES.get(statement.id, "")
    if long and title.startswith(long):
        title = SHORT_TITLES.get(statement.id, long) + title[len(long):]
    elif statement.id in SHORT_TITLES and not title.startswith("TSE summary"):
        title = SHORT_TITLES[statement.id]       # a title not given by iijview.naming: the kind
    if release_name:
        title = title.replace(f" ({release_name})", "")
    title = title.replace("TSE summary: ", "TSE ")
    return re.sub(r"\s+", " ", title.replace("(", " ").replace(")", " ").replace(",", " ")).strip()
