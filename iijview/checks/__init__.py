"""Accounting checks of a parsed release: sums, identities, ties, unreadable cells and proposed repairs."""
from __future__ import annotations

from iijview.checks.engine import FAIL, NA, PASS, Equation, Ledger, fmt
from iijview.checks.hierarchy import check_sums
from iijview.checks.identities import check_identities
from iijview.checks.repairs import propose, truncated_value
from iijview.checks.ties import check_ties, usd_rate
from iijview.checks.values import Ref
from iijview.model import Finding, Release

__all__ = ["run_checks", "RULES", "usd_rate", "PASS", "FAIL", "NA"]

RULES = {
    "sum": "a total equals the lines it covers",
    "balance": "total assets = total liabilities and equity = liabilities + equity",
    "gross_profit": "gross profit = revenues - cost of revenues",
    "operating_income": "operating income = revenues - costs and expenses",
    "income_before_tax": "income before tax = operating income + other income (expense)",
    "net_income": "net income = income before tax - income tax (+ equity-method income)",
    "net_income_attributable": "net income attributable to the parent = net income - non-controlling interests",
    "comprehensive_income": "comprehensive income = net income + other comprehensive income",
    "cash_change": "net change in cash = operating + investing + financing (+ exchange effect)",
    "cash_end": "cash at end = cash at beginning + net change (+ exchange effect)",
    "tie": "the same figure agrees wherever the release prints it (within rounding)",
    "cash_tie": "cash at the beginning and end of the cash-flow period = balance-sheet cash",
    "equity_tie": "opening and closing balances in changes in equity = balance-sheet equity lines",
    "usd": "U.S. dollar figures = yen figures at the stated convenience rate",
    "unreadable_cell": "a figure that cannot be read (truncated or garbled)",
}


def run_checks(release: Release) -> None:
    """Run every check on the release: append Findings, fill check_counts, mark totals and levels."""
    release.findings = [f for f in release.findings if f.rule not in RULES]
    ledger = Ledger(release)
    for si in range(len(release.statements)):
        check_sums(ledger, si)
        check_identities(ledger, si)
    check_ties(ledger)
    ledger.run()
    suggestions = propose(ledger)
    reported: set[tuple] = set()
    for k, eq in enumerate(ledger.equations):
        if eq.status != FAIL:
            continue
        finding = ledger.finding(eq)
        key = (eq.target, finding.expected)
        if key in reported:
            continue
        reported.add(key)
        finding.suggestion = suggestions.get(k)
        if finding.suggestion:
            finding.message += " " + _say(finding.suggestion)
        release.findings.append(finding)
    release.findings.extend(_unreadable(ledger))
    release.check_counts = ledger.tally()


def _say(s: dict) -> str:
    """One sentence proposing the repair."""
    if s.get("revert"):
        return f"Your correction of {s['label']} broke it: its printed value {fmt(s['value'])} passes."
    if "insert_after" in s:
        return f"A missing line \u201c{s['label']}\u201d of {fmt(s['value'])} would explain it."
    return f"If {s['label']} were {fmt(s['value'])}, every check it is in would pass."


def _unreadable(ledger: Ledger) -> list[Finding]:
    """One finding per unreadable cell, with its value when its checks leave only one possibility."""
    by_ref: dict[Ref, list[Equation]] = {}
    for eq in ledger.equations:
        if eq.status == NA:   # a check that reads an unreadable cell cannot be made
            for r in eq.refs():
                by_ref.setdefault(r, []).append(eq)
    out = []
    for si, st in enumerate(ledger.statements):
        if not any(cell.status == "unreadable" for row in st.items for cell in row.cells.values()):
            continue   # most statements have none
        for i, row in enumerate(st.items):
            if not any(cell.status == "unreadable" for cell in row.cells.values()):
                continue
            for col in st.columns:
                cell = row.cells.get(col.key)
                if cell is None or cell.status != "unreadable":
                    continue
                ref = Ref(si, i, col.key)
                period = ledger.period(ref)
                when = f" ({period.label()})" if period else ""
                n = sum(1 for eq in by_ref.get(ref, []) if eq.status == NA)
                message = (f"{row.label}{when} is printed as \u201c{cell.text}\u201d, which cannot be read as a "
                           f"figure; {n} check{'s' if n != 1 else ''} involving it could not be made.")
                f = Finding(rule="unreadable_cell", message=message, statement=st.key, severity="warning",
                            line=cell.line, period=period, labels=[row.label], cells=[(i, col.key)])
                value = truncated_value(ledger, ref, by_ref.get(ref, []))
                if value is not None:
                    f.suggestion = {"label": row.label, "value": value, "row": i, "column": col.key,
                                    "statement": st.key}
                    f.expected = value
                    f.message += f" Its checks say it can only be {fmt(value)}."
                out.append(f)
    return out
