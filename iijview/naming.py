"""Names as IIJ writes them: a release by its period ('1H17', '1Q-3Q12'), statements uniquely;
counted nouns in good English."""
from __future__ import annotations

from iijview.model import STATEMENT_TITLES, Period, Release, Statement

# Tables the TSE summary carries after its own: its dividends and its forecast.
TSE_PARTS = {"targets": "TSE summary: forecast", "dividends": "TSE summary: dividends"}


def release_label(release: Release) -> str:
    """IIJ's own short name of a release's period ('1Q-3Q18', '1H17', 'FY2018'), else its file stem."""
    if release.fiscal_period is not None:
        return release.fiscal_period.fiscal_label()
    return release.name.rsplit(".", 1)[0] or release.name


def name_statements(statements: list[Statement]) -> None:
    """Give statements unique keys ('income_statement', 'income_statement:2') and unique titles.

    Keys number the tables of one kind in print order (stored corrections are keyed by them, so
    they never change). A title says what the table is: its kind; the TSE summary's parts by
    their content ('TSE summary: per share'); then, where tables of a kind remain alike, the
    period they end with ('Income statement (3Q18)'); the source line as the last resort.
    """
    seen: dict[str, int] = {}
    for st in statements:
        n = seen.get(st.id, 0) + 1
        seen[st.id] = n
        st.key = st.id if n == 1 else f"{st.id}:{n}"
    after_tse = _after_tse_summary(statements)
    tse_tables = sum(1 for st in statements if st.id == "tse_summary")
    elsewhere = {st.id for st, inside in zip(statements, after_tse) if not inside}
    bases = [_base_title(statements, i, after_tse, tse_tables, elsewhere) for i in range(len(statements))]
    titles = list(bases)
    for base in set(bases):
        group = [i for i, b in enumerate(bases) if b == base]
        if len(group) < 2:
            continue
        periods = [_period_name(statements[i]) for i in group]
        for i, p in zip(group, periods):
            if p and periods.count(p) == 1:
                titles[i] = f"{base} ({p})"
            else:
                titles[i] = f"{base} ({p}, line {statements[i].line})" if p else \
                    f"{base} (line {statements[i].line})"
    for st, title in zip(statements, titles):
        st.title = title


def _base_title(statements: list[Statement], i: int, after_tse: list[bool], tse_tables: int,
                elsewhere: set[str]) -> str:
    st = statements[i]
    title = STATEMENT_TITLES.get(st.id, st.id)
    if st.id == "tse_summary" and tse_tables > 1:
        return f"{title}: {_tse_part(st)}"
    if st.id in TSE_PARTS and after_tse[i] and st.id in elsewhere:
        return TSE_PARTS[st.id]
    return title


def _tse_part(st: Statement) -> str:
    """What one table of the TSE summary holds: per-share figures, the financial position or results."""
    units = [row.unit for row in st.items if row.cells]
    if units and all(u and u.endswith("/share") for u in units):
        return "per share"
    periods = [c.period for c in st.columns if c.period is not None]
    if periods and all(p.is_instant for p in periods):
        return "financial position"
    return "results"


def _after_tse_summary(statements: list[Statement]) -> list[bool]:
    """For each statement: True when it follows a TSE summary table with only the summary's tables
    between (one pass: a damaged file may hold a thousand tables)."""
    out, last = [], ""
    for st in statements:
        out.append(last == "tse_summary")
        if st.id not in TSE_PARTS:
            last = st.id
    return out


def _period_name(st: Statement) -> str:
    """The latest period a statement reports ('3Q18'); for targets, or without actuals, its
    latest target ('FY2018 target')."""
    periods = [c.period for c in st.columns if c.period is not None and c.role == "value"]
    actual = [p for p in periods if not p.forecast]
    targets = [p for p in periods if p.forecast]
    pool = (targets or actual) if st.id == "targets" else (actual or periods)
    if not pool:
        return ""
    latest: Period = max(pool, key=lambda p: (p.end, p.months))
    return latest.fiscal_label()


def plural(n: int, noun: str, many: str = "") -> str:
    """'1 cell', '2 cells', '0 findings' ('many' for irregular plurals: plural(2, 'entry', 'entries'))."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {many or noun + 's'}"
