"""CEU requirements as data (resources/ceu/rules.json), each with its source and a
verify flag: the sources disagree, so the candidate chooses and the app says which
rule it is counting against."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from readiness.core.errors import UserError


@dataclass(frozen=True)
class CeuRule:
    id: str
    title: str
    required_total: float
    coding_minimum: float  # CEUs in the coding categories (self-reviews included)
    coding_minimum_means: str
    self_reviews: int  # mandatory annual coding self-reviews per cycle
    hiim_share: float  # share of the required CEUs that must be in the HIIM domains
    cycle_years: int
    source: str
    source_text: str
    verify: bool


@dataclass(frozen=True)
class CeuRules:
    rules: tuple[CeuRule, ...]
    default: str
    note: str
    checked_on: str

    def get(self, rule_id: str) -> CeuRule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return self.get(self.default) if rule_id != self.default else self.rules[0]


def load_rules(path: Path) -> CeuRules:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rules = tuple(CeuRule(
            id=str(r["id"]), title=str(r["title"]), required_total=float(r["required_total"]),
            coding_minimum=float(r["coding_minimum"]),
            coding_minimum_means=str(r.get("coding_minimum_means", "")),
            self_reviews=int(r.get("self_reviews", 0)), hiim_share=float(r.get("hiim_share", 0)),
            cycle_years=int(r.get("cycle_years", 2)), source=str(r["source"]),
            source_text=str(r.get("source_text", "")), verify=bool(r.get("verify", True)),
        ) for r in data["rules"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UserError(f"the CEU rules file {path.name} cannot be read: {exc}") from exc
    if not rules:
        raise UserError(f"the CEU rules file {path.name} lists no rules")
    return CeuRules(rules, str(data.get("default", rules[0].id)), str(data.get("note", "")),
                    str(data.get("checked_on", "")))
