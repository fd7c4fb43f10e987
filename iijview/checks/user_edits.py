"""Repairs around the user's own corrections: revert the edit that broke a check; fill a line the
user already inserted at the other dates a gap shows."""
from __future__ import annotations

from iijview.checks.engine import FAIL, PASS, Ledger
from iijview.checks.values import Ref, interval_of
from iijview.model import Cell


def edited(ledger: Ledger, ref: Ref) -> bool:
    """True when the user changed a value the release prints (not a cell of a row they added)."""
    cell = ledger.cell(ref)
    return cell is not None and cell.status == "corrected" and cell.original is not None


def touched(ledger: Ledger, k: int) -> bool:
    """True when equation k reads a value the user changed: its gap says nothing about the release."""
    return any(edited(ledger, r) for r in ledger.equations[k].refs())


def reverts(ledger: Ledger, failed: list[int], out: dict[int, dict]) -> set[int]:
    """'Revert my edit' for each failed check that the printed value of an edited cell would pass.

    Fills `out` (equation index -> suggestion) and returns the equations it explains.
    """
    explained: set[int] = set()
    for k in failed:
        eq = ledger.equations[k]
        for ref in eq.refs():
            if not edited(ledger, ref):
                continue
            cell = ledger.cell(ref)
            scale = ledger.scale(ref)
            if scale is None:
                continue
            ledger.trial[ref] = interval_of(Cell(text=cell.original_text, value=cell.original),
                                            scale, ledger.unit(ref))
            try:
                ok = ledger.evaluate(eq) == PASS
            finally:
                del ledger.trial[ref]
                ledger.evaluate(eq)               # restore the figures of the failure
            if ok:
                st = ledger.statements[ref.st]
                out[k] = {"label": st.items[ref.row].label, "value": cell.original, "row": ref.row,
                          "column": ref.col, "statement": st.key, "revert": True}
                explained.add(k)
                break
    return explained


def fill_inserted(ledger: Ledger, ks: list[int], explained: set[int], out: dict[int, dict]) -> None:
    """Where a gap was closed at one date by a line the user inserted, propose that line's value at
    the other dates the same gap still shows (one repair per finding, whichever date came first)."""
    for k in ks:
        eq = ledger.equations[k]
        if eq.status != FAIL or k in explained or not eq.missing:
            continue
        st = ledger.statements[eq.target.st]
        rows = [g for g in eq.missing.get("group", []) if st.items[g].inserted
                and eq.target.col not in st.items[g].cells]
        if len(rows) != 1:
            continue
        gap = ledger.difference(eq)
        out[k] = {"label": st.items[rows[0]].label, "value": gap, "row": rows[0],
                  "column": eq.target.col, "statement": st.key}
