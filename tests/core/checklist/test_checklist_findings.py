"""Findings: what the checks found, attached to the checklist items."""

from __future__ import annotations

from datetime import date

from readiness.core.checklist.findings import (
    attach,
    bring_findings,
    edition_findings,
    name_findings,
)
from readiness.core.checklist.items import build_view
from readiness.core.checklist.names import compare_names
from readiness.core.checklist.rules import EditionStatus, check_edition, shipped_rules
from readiness.core.checklist.template import shipped_template


def test_name_findings_carry_each_difference_with_its_advice():
    check = compare_names("Mary-Jane Smith Jr.", "Mary Jane Smith")
    found = name_findings([("Primary ID", check), ("Secondary ID", None)])
    assert [f.item_id for f in found] == ["names-match", "names-match"]
    assert found[0].title.startswith("Primary ID: Hyphen or space")
    assert "suffix" in found[1].advice
    assert name_findings([("Primary ID", compare_names("Ann Lee", "Ann Lee"))]) == []


def test_edition_findings_for_old_new_and_missing_years():
    rules = shipped_rules().edition
    exam = date(2026, 6, 10)
    checks = [check_edition(rules, rules.book("cpt"), 2025, exam),
              check_edition(rules, rules.book("icd10cm"), 2026, exam),
              check_edition(rules, rules.book("hcpcs"), None, exam)]
    assert checks[1].status is EditionStatus.OK
    found = edition_findings(checks)
    assert [f.title for f in found] == ["CPT (Professional edition): 2025 edition, 2026 required",
                                        "HCPCS Level II: edition year not entered"]
    assert all(f.item_id == "books-edition" for f in found)


def test_unchecked_bring_items_are_findings_and_attach_to_their_items():
    template = shipped_template().for_mode("center")
    view = build_view(template, {}, {})
    found = bring_findings(view)
    assert {f.item_id for f in found} == {i.id for i in template.items if i.bring}
    attached = attach(view, found)
    assert attached.item("primary-id").problems[0].title.startswith("Not checked yet")
    assert attached.item("route").problems == ()
