"""Accounting identities inside one statement: balance, margins, net income, comprehensive income, cash roll-forward."""
from __future__ import annotations

from iijview.checks import labels as L
from iijview.checks.engine import Equation, Ledger, Term
from iijview.checks.values import Ref, is_money_column
from iijview.model import Statement

EQUITY_METHOD_LABEL = "Equity in net income of equity method investees"
MAX_PARTS = 50   # more lines than this between net income and comprehensive income: no identity to check
# Which statements each family of identities speaks about (a TSE summary row list is no statement).
_BALANCE = ("balance_sheet",)
_INCOME = ("income_statement", "operating_summary", "ebitda")
_COMPREHENSIVE = ("comprehensive_income", "income_statement")
_CASH = ("cash_flows",)


def _roles(st: Statement) -> dict[str, int]:
    """First row index of each canonical role in the statement."""
    out: dict[str, int] = {}
    for i, row in enumerate(st.items):
        r = L.role(row)
        if r and r not in out and not row.is_heading:
            out[r] = i
    return out


def check_identities(ledger: Ledger, si: int) -> None:
    """Add the identity equations that apply to statement si, one per money column."""
    st = ledger.statements[si]
    if st.id not in (*_BALANCE, *_INCOME, *_COMPREHENSIVE, *_CASH):
        return
    roles = _roles(st)
    ifrs = "IFRS" in (ledger.release.standard or "")
    for col in st.columns:
        if not is_money_column(col):
            continue
        for eq in _equations(st, si, col.key, roles, ifrs, ledger.parents.get(si)):
            if all(col.key in st.items[r.row].cells for r in eq.refs()):
                ledger.add(eq)


def _equations(st: Statement, si: int, c: str, roles: dict[str, int], ifrs: bool, parents=None):
    """The identities of statement si in column c, by the kind of statement."""
    def ref(name):
        return Ref(si, roles[name], c)

    def has(*names):
        return all(n in roles for n in names)

    sid = st.id
    if sid in _BALANCE:
        yield from _balance(ref, has)
    if sid in _INCOME:
        yield from _income(st, si, c, roles, ifrs, ref, has)
    if sid in _COMPREHENSIVE:
        yield from _comprehensive(st, si, c, roles, parents, ref, has)
    if sid in _CASH:
        yield from _cash(si, c, roles, has, ref)


def _balance(ref, has):
    """Total assets = total liabilities and equity = liabilities + equity."""
    if has("total_assets", "total_liabilities_and_equity"):
        yield Equation("balance", ref("total_assets"), [Term(ref("total_liabilities_and_equity"))],
                       "total liabilities and equity")
    if has("total_liabilities_and_equity", "total_liabilities", "total_equity"):
        yield Equation("balance", ref("total_liabilities_and_equity"),
                       [Term(ref("total_liabilities")), Term(ref("total_equity"))],
                       "total liabilities plus total equity")


def _income(st, si, c, roles, ifrs, ref, has):
    """Margins, operating income, income before tax, net income and the attributable split."""
    if has("gross_profit", "total_revenues", "cost_of_revenues"):
        yield Equation("gross_profit", ref("gross_profit"),
                       [Term(ref("total_revenues")), Term(ref("cost_of_revenues"), deduct=True)],
                       "revenues less cost of revenues")
    if has("operating_income", "total_revenues", "total_costs_and_expenses"):
        yield Equation("operating_income", ref("operating_income"),
                       [Term(ref("total_revenues")), Term(ref("total_costs_and_expenses"), deduct=True)],
                       "revenues less costs and expenses")
    if has("income_before_tax", "operating_income", "other_income_net") \
            and roles["operating_income"] < roles["other_income_net"] < roles["income_before_tax"]:
        yield Equation("income_before_tax", ref("income_before_tax"),
                       [Term(ref("operating_income")), Term(ref("other_income_net"))],
                       "operating income plus other income (expense)")
    yield from _net_income(st, si, c, roles, ifrs)
    if has("net_income_attributable", "net_income", "noncontrolling_interest_income"):
        nci = ref("noncontrolling_interest_income")
        yield Equation("net_income_attributable", ref("net_income_attributable"),
                       [Term(ref("net_income")), Term(nci)],
                       "net income less the non-controlling interests' share",
                       alternatives=[[Term(ref("net_income")), Term(nci, coef=-1.0)]])


def _comprehensive(st, si, c, roles, parents, ref, has):
    """Comprehensive income = net income + other comprehensive income."""
    if has("comprehensive_income", "net_income") and roles["net_income"] < roles["comprehensive_income"]:
        lo, hi = roles["net_income"], roles["comprehensive_income"]
        oci = roles.get("other_comprehensive_income")
        if oci is not None and lo < oci < hi:
            parts = [oci]
        else:  # the lines in between that no subtotal in between already covers
            parents = parents or {}
            parts = [j for j in range(lo + 1, hi) if not st.items[j].is_heading and c in st.items[j].cells
                     and not lo < parents.get(j, -1) < hi]
        if parts and len(parts) <= MAX_PARTS:
            yield Equation("comprehensive_income", ref("comprehensive_income"),
                           [Term(ref("net_income"))] + [Term(Ref(si, j, c)) for j in parts],
                           "net income plus other comprehensive income")


def _net_income(st: Statement, si: int, c: str, roles: dict[str, int], ifrs: bool):
    """Net income = income before tax - tax (+ equity-method income, U.S. GAAP order)."""
    if "net_income" not in roles or "income_tax" not in roles:
        return
    ni, tax = roles["net_income"], roles["income_tax"]
    if tax > ni:
        return
    if "income_before_tax" in roles and roles["income_before_tax"] < tax:
        base = [Term(Ref(si, roles["income_before_tax"], c))]
        what = "income before tax"
    elif "operating_income" in roles and "other_income_net" in roles \
            and roles["operating_income"] < roles["other_income_net"] < tax:
        base = [Term(Ref(si, roles["operating_income"], c)), Term(Ref(si, roles["other_income_net"], c))]
        what = "operating income plus other income"
    else:
        return
    eqm = roles.get("equity_method_income")
    extra, missing = [], None
    if eqm is not None and tax < eqm < ni:
        extra = [Term(Ref(si, eqm, c))]
        what += " less income tax plus equity-method income"
    else:
        what += " less income tax"
        if not ifrs and (eqm is None or eqm > ni):
            missing = {"label": EQUITY_METHOD_LABEL, "insert_after": tax}
    tax_ref = Ref(si, tax, c)
    yield Equation("net_income", Ref(si, ni, c), base + [Term(tax_ref, coef=-1.0)] + extra, what,
                   alternatives=[base + [Term(tax_ref)] + extra], missing=missing)


def _cash(si, c, roles, has, ref):
    """Cash roll-forward: activities add to the net change; beginning plus change is the end."""
    acts = [n for n in ("net_cash_operating", "net_cash_investing", "net_cash_financing") if n in roles]
    if has("net_change_in_cash") and len(acts) == 3:
        terms = [Term(ref(n)) for n in acts]
        alts = [terms + [Term(ref("fx_effect_on_cash"))]] if has("fx_effect_on_cash") else []
        if alts:
            terms, alts = alts[0], [terms]
        yield Equation("cash_change", ref("net_change_in_cash"), terms,
                       "the sum of operating, investing and financing cash flows", alternatives=alts)
    if has("cash_end", "cash_beginning", "net_change_in_cash"):
        terms = [Term(ref("cash_beginning")), Term(ref("net_change_in_cash"))]
        alts = [terms + [Term(ref("fx_effect_on_cash"))]] if has("fx_effect_on_cash") else []
        yield Equation("cash_end", ref("cash_end"), terms, "cash at beginning plus the net change",
                       alternatives=alts)
