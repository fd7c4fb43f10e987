"""The parse pipeline: bytes -> text -> normalised text -> tokens -> raw tables -> statements."""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import replace
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from iijview.model import STATEMENT_TITLES, Finding, Period, Release, Statement
from iijview.naming import name_statements
from iijview.parse import headlines, labels, notices, release_facts
from iijview.parse.errors import ReleaseError
from iijview.parse.originals import read_original
from iijview.parse.build import Doc, add_rows, assemble, columns_for
from iijview.parse.decode import DecodeError, decode
from iijview.parse.normalise import normalise
from iijview.parse.repeats import blank_repeats
from iijview.parse.rows import build_rows
from iijview.parse.segment import RawTable, segment
from iijview.parse.tokens import RANGE_CELL, LineIndex, tokenize
from iijview.parse.transposed import assemble_transposed, is_transposed


def read_file(path) -> bytes:
    """Read a release file's bytes, or raise ReleaseError saying why it cannot be read."""
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise ReleaseError(f"{p}: no such file.") from None
    except IsADirectoryError:
        raise ReleaseError(f"{p}: is a folder, not a release file.") from None
    except OSError as exc:
        raise ReleaseError(f"{p}: cannot be read ({exc.strerror or exc}).") from None


@lru_cache(maxsize=1)
def _heading_patterns() -> tuple[list[tuple[str, re.Pattern]], re.Pattern, re.Pattern]:
    data = json.loads(resources.files("iijview.resources").joinpath("headings.json").read_text("utf-8"))
    pats = [(s["id"], re.compile(p, re.M)) for s in data["statements"] for p in s["patterns"]]
    # case as printed (no IGNORECASE): alternatives that start with a letter let the scan skip ahead fast
    three = re.compile("|".join(data["context"]["three_months"]))
    end = re.compile("|".join(data["context"]["end"]))
    return pats, three, end


# Running page furniture: "-16 -", "113 1H FY2017", "-6- I1J 1H FY2017".
_FOOTER = re.compile(r"^[ \t]*(?=[^\s])(?:-[ \t]*\d{1,3}[ \t]*-?[ \t]*)?(?:[\w\[\]|]{1,5}[ \t]+(?:[1-4]Q|[12]H|FY)[ \t]*(?:FY)?[ \t]*\d{4})?[ \t]*$", re.M)


def _blank_footers(text: str) -> str:
    return _FOOTER.sub(lambda m: " " * len(m.group(0)), text)


def find_headings(text: str) -> list[tuple[int, str]]:
    """Statement headings as (offset, statement id), one per title (a title that names two keeps the first)."""
    pats, _, end = _heading_patterns()
    hits: list[tuple[int, int, str]] = []
    for sid, pat in pats:
        for m in pat.finditer(text):
            hits.append((m.start(), m.end(), sid))
    for m in end.finditer(text):
        hits.append((m.start(), m.end(), ""))
    hits.sort()
    out: list[tuple[int, str]] = []
    last_end = -1
    for start, stop, sid in hits:
        if out and 0 <= start - last_end <= 40 and re.fullmatch(r"\s*(?:and|&)\s*", text[last_end:start]) \
                and out[-1][1] and sid:
            last_end = max(last_end, stop)
            continue  # same title ("Statements of Income and Statements of Comprehensive Income")
        if out and out[-1][0] == start:
            continue
        out.append((start, sid))
        last_end = stop
    return out


def _classify(rows, candidates) -> tuple[str, int]:
    keys = [labels.label_key(labels.clean_label(r.label)) for r in rows if r.values]
    best, score = "", 0
    for sid in candidates:
        n = sum(1 for key in keys if labels.canonical_item_for_key(sid, key, ""))
        if n > score:
            best, score = sid, n
    return best, score


# IIJ's period codes since FY2017 ('1Q-3Q18', '1H17', '1H FY2017'); the pattern starts with its literal
# '1' (the look-behind after it is the word boundary before it), so the scan skips ahead.
_MODERN_CODES = re.compile(r"1(?<!\w1)(?:Q-3Q\d{2}\b|H\d{2}\b|H FY\d{4})")

_SUMMARY_TABLE_IDS = ("operating_summary", "segment_summary", "network_revenue", "contracts", "ebitda", "capex")
_SUMMARY_IDS = _SUMMARY_TABLE_IDS + ("balance_sheet", "income_statement", "cash_flows")


def build_statements(text: str, doc: Doc) -> list[Statement]:
    """All statements of a normalised document, in print order."""
    lines = LineIndex(text)
    toks = tokenize(text, lines)
    heads = find_headings(text)
    _, three, _ = _heading_patterns()
    three_marks = [m.start() for m in three.finditer(text)]
    modern = bool(_MODERN_CODES.search(text))
    tables = segment(toks, [h for h, _ in heads])
    out: list[Statement] = []
    prev: RawTable | None = None
    prev_st: Statement | None = None
    carry = ""
    major = ("balance_sheet", "income_statement", "cash_flows", "segments", "comprehensive_income", "equity_changes")
    # Headings and marks are in text order: each table finds its own by bisection (a scan of all of
    # them per table is quadratic in a file that repeats its tables).
    head_at = [p for p, _ in heads]
    major_at = [p for p, s in heads if s in major]
    for table in tables:
        lo = prev.end if prev else 0
        gap_heads = heads[bisect.bisect_left(head_at, lo):bisect.bisect_left(head_at, table.start)]
        named = [s for _, s in gap_heads if s]
        rows = build_rows(table.rows)
        k = bisect.bisect_left(major_at, table.start)
        last_major = major_at[k - 1] if k else -1
        k = bisect.bisect_right(three_marks, last_major)
        quarterly = k < len(three_marks) and three_marks[k] < table.start
        cumulative = not modern and not quarterly
        sid = named[-1] if named else carry
        carry = ""
        if not named and prev_st is not None and not table.captioned and not any(c.member for c in prev_st.columns):
            cols, how = columns_for(table, rows, doc, prev_st.id, cumulative)
            if not table.header or _compatible(cols, prev_st.columns):
                # the same table continued after a page break or a repeated header
                add_rows(prev_st, rows, prev_st.columns if not table.header else cols, how, doc)
                prev = table
                continue
        if not sid and re.search(r"\bDividends? per Shares?\b", " ".join(t.text for t in table.before)):
            sid = "dividends"  # a dividend table printed again (e.g. restated for a stock split)
        if not sid:
            inherited = prev_st.id if prev_st else ""
            # a table under its own scale caption ('(JPY in Revenues millions)') is a summary table
            best, score = _classify(rows, _SUMMARY_TABLE_IDS if table.captioned else _SUMMARY_IDS)
            _, inh_score = _classify(rows, [inherited]) if inherited else ("", 0)
            if prev_st is not None and any(c.member for c in prev_st.columns):
                inh_score += 2  # a matrix printed again for another period
            sid = best if (score >= 2 and score > inh_score) or not inherited else inherited
        if not sid:
            prev = table
            continue
        try:
            if is_transposed(rows):
                st = assemble_transposed(sid, table, rows, doc)
            else:
                st = assemble(sid, table, doc, quarter_cumulative=cumulative, rows=rows)
        except Exception as exc:  # noqa: BLE001 - one damaged table must not cost the rest of the release
            line = table.rows[0].line if table.rows else 0
            doc.findings.append(Finding("table_error", f"Line {line}: a {STATEMENT_TITLES.get(sid, sid)} table "
                                        f"could not be read ({type(exc).__name__}: {exc}).", line=line,
                                        severity="error"))
            st = None
        if st is not None and _worth_keeping(st):
            out.append(st)
            prev_st = st
        elif named:
            carry = sid  # the heading names the next table, not this scrap
        prev = table
    if doc.release_period is None:
        doc.release_period = _latest_period(out)  # a release cut before its first paragraph: its tables say
    codes = release_facts.code_definitions(text, doc.release_period)
    matrices = notices.read_notices(text, doc.norm, codes, doc.release_period)
    if matrices:  # a notice matrix read as such replaces what the table reader made of its lines
        spans = [(st.line, st.end_line) for st in matrices]
        out = [st for st in out if not any(a <= st.line <= b or st.line <= a <= st.end_line for a, b in spans)]
        out.extend(matrices)
    taken = {cell.start for st in out for it in st.items for cell in it.cells.values()}
    out.extend(_headline_statements(text, doc, heads, taken, codes, lines))
    out.sort(key=lambda st: st.line)
    return out


_PHRASE_IDS = frozenset({"highlights", "targets", "dividends"})


def _headline_statements(text: str, doc: Doc, heads: list[tuple[int, str]], taken: set[int],
                         codes: dict, lines: LineIndex | None = None) -> list[Statement]:
    """Highlight, target and dividend statements read as phrases: the blocks under their headings, then
    the sentences before the statement tables; a figure a table already holds (`taken`: the original
    offsets of its cells) is read once, by the table."""
    ctx = headlines.Context(text, doc.norm, doc.release_period, codes, taken=taken, lines=lines)
    table_heads = [p for p, s in heads if s and s not in _PHRASE_IDS]
    regions = headlines.find_regions(text, ctx, [p for p, _ in heads])
    if doc.release_period is None:  # an excerpt that starts at its highlights: their heading names the period
        doc.release_period = ctx.release_period = next(
            (r.period for r in regions if r.kind == "highlights" and r.period is not None), None)
    regions = sorted(regions + headlines.header_regions(text, ctx, regions, [p for p, _ in heads]),
                     key=lambda r: r.start)
    front_end = min(table_heads + [len(text)])
    prose = []
    pos = 0
    read: set[str] = set()   # text between blocks printed again word for word is read once
    for r in regions + [None]:
        stop = min(r.start if r is not None else front_end, front_end)
        between = text[pos:stop] if stop > pos else ""
        if between and between not in read:
            read.add(between)
            prose.extend(headlines.prose_phrases(text, pos, stop, ctx))
        if r is not None:
            pos = max(pos, r.end)
    out = headlines.statements(text, ctx, regions, prose)
    doc.findings.extend(ctx.findings)   # (after the statements: reading them finds things too)
    return out


def _split_targets(statements: list[Statement]) -> list[Statement]:
    """A highlights table that prints targets beside the results ('1H18 Results | 1H18 Targets') gives the
    targets a statement of their own, so a target is never read as a result."""
    out: list[Statement] = []
    for st in statements:
        out.append(st)
        if st.id != "highlights" or not any(c.period and c.period.forecast for c in st.columns):
            continue
        keep = [c for c in st.columns if not (c.period and c.period.forecast)]
        moved = [c for c in st.columns if c.period and c.period.forecast]
        targets = Statement("targets", "targets", "", columns=moved, line=st.line, end_line=st.end_line)
        for it in st.items:
            cells = {c.key: it.cells[c.key] for c in moved if c.key in it.cells}
            if cells or it.is_heading:
                targets.items.append(replace(it, cells=cells))
        st.columns = keep
        for it in st.items:
            it.cells = {k: v for k, v in it.cells.items() if any(c.key == k for c in keep)}
        if any(it.cells for it in targets.items):
            out.append(targets)
    return out


def _latest_period(statements: list[Statement]) -> Period | None:
    """The latest period of flows the statement tables report (the release's own, when its text does not say)."""
    found = [c.period for st in statements if st.id not in _PHRASE_IDS for c in st.columns
             if c.period is not None and not c.period.forecast and c.period.months and c.role == "value"]
    return max(found, key=lambda p: (p.end, p.months), default=None)


def _home_finder(statements: list[Statement]):
    """A function giving the first statement (in list order) whose lines hold a given line, or None.

    Statements are in line order: the first one holding a line is the first, among those starting at
    or above it, whose end reaches it, found by bisection over the running latest end (a scan of all
    statements per finding is quadratic in a damaged file of thousands of each)."""
    starts = [st.line for st in statements]
    if starts != sorted(starts):
        return lambda line: next((st for st in statements if st.line <= line <= max(st.end_line, st.line)), None)
    reach: list[int] = []
    for st in statements:
        reach.append(max(reach[-1] if reach else 0, st.end_line, st.line))

    def home(line: int) -> Statement | None:
        i = bisect.bisect_left(reach, line)
        return statements[i] if i < bisect.bisect_right(starts, line) else None
    return home


def _worth_keeping(st: Statement) -> bool:
    """A table is kept when at least two labelled rows carry a number (not page furniture); a range
    ('312,000 ~ 315,000') is a number too, though no one value can hold it."""
    rows = [it for it in st.items if it.label and any(c.value is not None or RANGE_CELL.search(c.text)
                                                      for c in it.cells.values())]
    known = sum(1 for it in rows if it.item)
    return len(rows) >= 2 and (known >= 1 or len(rows) >= 4)


def _compatible(cols, prev) -> bool:
    """A table continues the statement above when its columns match (where its own header could be read)."""
    if len(cols) != len(prev):
        return False
    for a, b in zip(cols, prev):
        if (a.key, a.unit, a.role) != (b.key, b.unit, b.role):
            return False
        if a.unit != "USD" and a.period is not None and b.period is not None and a.period != b.period:
            return False
    return True



def _contracts_at_dates(statements: list[Statement]) -> None:
    """Contract and subscription counts are balances at a date, even under a '3Q12' heading."""
    for st in statements:
        if st.id == "contracts":
            st.columns = [replace(c, period=Period(c.period.end, 0, c.period.forecast)) if c.period else c
                          for c in st.columns]


def _mark_forecasts(statements: list[Statement], current: Period | None) -> None:
    """A period that ends after the release's own period can only be a target or forecast."""
    if current is None:
        return
    for st in statements:
        cols = []
        # where the table itself tells actual-so-far from forecast (dividends), keep its reading
        told = {(c.period.end, c.period.months) for c in st.columns if c.period and c.period.forecast}
        for c in st.columns:
            if c.period and not c.period.forecast and c.period.end > current.end \
                    and (c.period.end, c.period.months) not in told:
                c = replace(c, period=Period(c.period.end, c.period.months, True))
            cols.append(c)
        st.columns = cols


def parse_bytes(data: bytes, name: str, *, ocr: bool = False) -> Release:
    """Parse release content into a Release; ReleaseError when it is not a readable release.

    A PDF or an HTML page is first read as text (`ocr` reads scanned PDF pages with Tesseract)."""
    label = Path(name).name
    if not data.strip():
        raise ReleaseError(f"{label}: the file is empty.")
    source = read_original(data, label, ocr=ocr)  # a PDF or HTML page as text with places, else None
    try:
        text = source.text if source is not None else decode(data)[0]
    except DecodeError as exc:
        raise ReleaseError(f"{label}: {exc}; open an IIJ earnings release saved as text, PDF or HTML.") from None
    norm = normalise(text)
    work, repeated = blank_repeats(_blank_footers(norm.text))
    period = release_facts.release_period(work)
    doc = Doc(work, norm, period)
    doc.findings.extend(repeated)
    statements = build_statements(work, doc)
    if not statements and source is not None and source.empty_reason:
        raise ReleaseError(f"{label}: {source.empty_reason}")
    if not statements and not release_facts.is_iij_release(work):
        raise ReleaseError(f"{label}: this is not an IIJ earnings release (it does not name IIJ and its results).")
    statements = _split_targets(statements)
    _contracts_at_dates(statements)
    _mark_forecasts(statements, doc.release_period)
    name_statements(statements)
    standard, basis = release_facts.standard(work, doc.release_period)
    tables = any(st.id not in _PHRASE_IDS for st in statements)
    release = Release(path=str(name), text=text, sha256=hashlib.sha256(data).hexdigest(),
                      fiscal_period=doc.release_period, standard=standard, standard_basis=basis,
                      layout=release_facts.layout(text, tables), statements=statements)
    if not statements:
        release.findings.append(Finding(
            "nothing_read", "No statement table, highlight, target or dividend could be read from this release: "
            "looked for the highlight and target blocks ('Highlights of ... Results', 'Financial Targets for ...'), "
            "sentences such as 'Revenues totaled JPY...', and the statement tables (balance sheet, income statement, "
            "cash flows, summaries).", severity="error"))
    if basis == "fiscal year":
        release.findings.append(Finding(
            "standard_assumed", f"The release does not say which accounting standard it follows; {standard} is "
            f"assumed from its fiscal year (IIJ reported under U.S. GAAP through FY2018 and under IFRS from FY2019).",
            severity="info"))
    home = _home_finder(statements)
    for finding in doc.findings:
        if not finding.statement and finding.line:
            st = home(finding.line)
            if st is not None:
                finding.statement = st.key
    release.findings.extend(doc.findings)
    if source is not None:
        source.attach(release)
    for st, i, row, col, cell in release.iter_cells():
        if cell.status == "unreadable":
            release.findings.append(Finding(
                "unreadable_cell", f"{st.title}: '{cell.text}' in '{row.label}' ({col.title()}) cannot be read "
                "as a number.", statement=st.key, line=cell.line, labels=[row.label], cells=[(i, col.key)],
                period=cell.period or col.period))
    return release
