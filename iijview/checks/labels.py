"""What a row's label says about structure: totals, headings, section words, and canonical roles."""
from __future__ import annotations

import re
from functools import lru_cache

from iijview.model import LineItem

_DASH = "\u2014\u2013\u2012\u2212-"
_TOTAL = re.compile(r"^\s*(total\b|sub-?total\b|consolidated total\b)", re.I)
_NET_CASH = re.compile(r"^\s*net cash (provided|used|from)\b", re.I)
_NET_OTHER = re.compile(rf"^\s*other (income|expense|expenses)\b.*[{_DASH}]\s*net\s*$", re.I)
_TOTAL_LABEL = re.compile("|".join(f"(?:{rx.pattern})" for rx in (_TOTAL, _NET_CASH, _NET_OTHER)), re.I)
_STOP = {"total", "net", "cash", "provided", "by", "used", "in", "from", "of", "the", "and", "for",
         "period", "activities", "income", "expense", "expenses", "(used", "in)", "s"}

# Canonical roles by label when the parser gave no item id (first match wins).
_ROLE_PATTERNS = [
    ("total_liabilities_and_equity", r"^total (liabilities|liability) and (shareholders'? )?equity"),
    ("total_assets", r"^total assets$"),
    ("total_liabilities", r"^total liabilities$"),
    ("total_equity", r"^total equity$"),
    ("total_revenues", r"^total revenues?$"),
    ("cost_of_revenues", r"^total (costs?|cost of (sales|revenues?))$"),
    ("total_costs_and_expenses", r"^total costs? and expenses$"),
    ("gross_profit", r"^(total )?gross (profit|margin)$"),
    ("operating_income", r"^operating (income|profit)( \(loss\))?$"),
    ("other_income_net", rf"^other (income|expense)s?( \((income|expense|expenses)\))?\s*[{_DASH}]\s*net$"),
    ("income_before_tax", r"^(income (from operations )?before income tax|profit( \(loss\))? before tax)"),
    ("income_tax", r"^income tax(es)? (expense|benefit)"),
    ("equity_method_income", r"^equity in net (income|loss)"),
    ("net_income_attributable", r"^net (income|loss)( \(loss\))? attributable to (internet initiative|iij)"),
    ("noncontrolling_interest_income", r"^(less:? )?net (income|loss)( \((income|loss)\))? attributable to non-?controlling"),
    ("net_income", r"^net (income|loss)( \(loss\))?$|^profit( \(loss\))? for the period$"),
    ("comprehensive_income", r"^total comprehensive income"),
    ("cash_beginning", r"^cash and cash equivalents,? (at )?beginning"),
    ("cash_end", r"^cash and cash equivalents,? (at )?end"),
    ("fx_effect_on_cash", r"^effect of exchange rate changes? on cash"),
    ("net_change_in_cash", r"^net (increase|decrease|change)( \((increase|decrease)\))? in cash"),
    ("net_cash_operating", r"^net cash (provided by|used in|from)( \(used in\))?( \(provided by\))? operating"),
    ("net_cash_investing", r"^net cash (provided by|used in|from)( \(used in\))?( \(provided by\))? investing"),
    ("net_cash_financing", r"^net cash (provided by|used in|from)( \(used in\))?( \(provided by\))? financing"),
    ("cash", r"^cash and cash equivalents$"),
    ("treasury_stock", r"^treasury (stock|shares)"),
]
# All of them in one pattern, tried in order at the start of the label: the first that matches names the role.
_ROLE_RE = re.compile("|".join(f"(?P<{role}>{p})" for role, p in _ROLE_PATTERNS), re.I)


@lru_cache(maxsize=8192)
def clean(label: str) -> str:
    """Lower-case label with dashes and spaces normalised."""
    text = re.sub(rf"\s*[{_DASH}]\s*", " - ", label.strip().lower())
    text = text.replace(" - net", " — net").replace("’", "'")
    return re.sub(r"\s+", " ", text).strip(" :")


def short(label: str, limit: int = 45) -> str:
    """A label cut to its first clause for messages ('Common stock—authorized, 75,520,000 ...' -> 'Common stock—authorized')."""
    if len(label) <= limit:
        return label
    head = re.split(r"[,;(]", label)[0].strip()
    return head if 0 < len(head) <= limit else label[:limit].rstrip() + "…"


def role(row: LineItem) -> str:
    """Canonical role of a row: the parser's item id, else one guessed from the label."""
    return row.item or _label_role(row.label)


@lru_cache(maxsize=8192)
def _label_role(label: str) -> str:
    text = re.sub(rf"\s*[{_DASH}]\s*", "—", label.strip()).rstrip(" :")
    text = re.sub(r"\s+", " ", text)
    m = _ROLE_RE.match(text)   # every pattern is anchored at the start
    return m.lastgroup if m else ""


def is_total_label(label: str) -> bool:
    """True when the label announces a total of the lines around it."""
    text = label.strip()
    return bool(_TOTAL_LABEL.match(text))


_DEDUCTION = re.compile(r"^\s*(eliminations?|intersegment eliminations?|elimination of intersegment)\b", re.I)


def is_deduction(label: str) -> bool:
    """True for lines that are always subtracted, however printed (segment eliminations)."""
    return bool(_DEDUCTION.match(label))


def is_bare_total(label: str) -> bool:
    """True for a label that is only 'Total' (it totals the group under the nearest heading)."""
    return clean(label) in ("total", "subtotal", "sub-total")


@lru_cache(maxsize=8192)
def keywords(label: str) -> frozenset[str]:
    """Significant words of a label, for matching a total to its heading."""
    words = re.findall(r"[a-z]+", label.lower())
    return frozenset(w.rstrip("s") for w in words if w not in _STOP and len(w) > 2)


def heading_score(total_label: str, heading_label: str) -> float:
    """How well a total's words name a heading (0..1): 'Total current assets' ~ 'CURRENT ASSETS:' = 1."""
    if is_bare_total(total_label):
        return 0.5
    tk, hk = keywords(total_label), keywords(heading_label)
    if not tk or not hk:
        return 0.0
    return len(tk & hk) / len(tk | hk)
