"""Every exam-day rule states its source, the date it was checked, and "verify"."""

from __future__ import annotations

import copy
import json

import pytest

from readiness.core.checklist.rules import parse_rules, shipped_rules
from readiness.core.errors import UserError
from readiness.resources import resource_path


def raw_rules() -> dict:
    return json.loads(resource_path("checklists", "rules.json").read_text("utf-8"))


def test_every_rule_has_a_source_and_the_date_checked():
    rules = shipped_rules()
    ids = [r.id for r in rules.sourced]
    assert {"code-book-edition", "book-rules", "arrival", "session", "ids", "check-in-window",
            "system-test", "room", "phone", "equipment", "id-camera", "desk",
            "breaks"} <= set(ids)
    assert all(r.source.strip() and r.checked == "2026-12-01" for r in rules.sourced)


def test_online_rules_from_secondary_or_disagreeing_sources_say_verify():
    online = shipped_rules().online
    assert online.check_in_minutes == 30 and online.late_minutes == 15
    # A secondary guide says CCS is test-center only: that disagreement is flagged.
    offered = online.rule("ccs-online-offered")
    assert offered.verify and "disagree" in offered.text
    for rule_id in ("check-in-window", "room", "desk", "breaks", "id-camera"):
        assert online.rule(rule_id).verify, rule_id
    assert not online.rule("system-test").verify  # read on Pearson VUE's own page
    assert "pearsonvue.com" in online.rule("system-test").url


@pytest.mark.parametrize("change, message", [
    (lambda d: d["online"]["rules"][0].update(source=" "), "needs a source"),
    (lambda d: d["online"]["rules"][0].update(checked="Dec 2026"), "checked must be a date"),
    (lambda d: d["online"]["rules"][0].update(verify="maybe"), "verify must be true or false"),
    (lambda d: d["online"].pop("check_in_minutes"), "missing field 'check_in_minutes'"),
    (lambda d: d["online"].update(rules=[]), "online.rules must be a non-empty list"),
])
def test_bad_rules_are_named(change, message):
    data = copy.deepcopy(raw_rules())
    change(data)
    with pytest.raises(UserError, match=message):
        parse_rules(data)
