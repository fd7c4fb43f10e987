"""What the comparison knows as data (resources/compare.json): backing tables, segment members, ratios."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Ratio:
    """A ratio row computed per column: numerator / denominator in percent."""

    key: str
    label: str
    numerator: str
    denominator: str


@dataclass(frozen=True)
class Knowledge:
    """The contents of compare.json, compiled."""

    backing: dict[str, tuple[str, ...]]
    member_items: frozenset[str]
    member_parts: frozenset[str]
    member_measures: tuple[tuple[re.Pattern, str], ...]
    default_measure: str
    whole_members: frozenset[str]
    sign_free: re.Pattern
    never_derive: frozenset[str]
    ratios: tuple[Ratio, ...]
    headlines: dict[str, tuple[str, ...]]

    def is_sign_free(self, key: str) -> bool:
        """True for items printed positive in one table and negative in another (costs, taxes)."""
        return self.sign_free.search(key.split("@", 1)[0]) is not None


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """The comparison knowledge, read once through importlib.resources."""
    text = resources.files("iijview.resources").joinpath("compare.json").read_text("utf-8")
    data = json.loads(text)
    return Knowledge(
        backing={k: tuple(v) for k, v in data["backing"].items()},
        member_items=frozenset(data["member_items"]),
        member_parts=frozenset(data["member_parts"]),
        member_measures=tuple((re.compile(m["pattern"]), m["item"]) for m in data["member_measures"]),
        default_measure=data["default_measure"],
        whole_members=frozenset(m.lower() for m in data["whole_members"]),
        sign_free=re.compile(data["sign_free"]),
        never_derive=frozenset(data["never_derive"]),
        ratios=tuple(Ratio(**r) for r in data["ratios"]),
        headlines={k: tuple(v) for k, v in data["headlines"].items()},
    )
