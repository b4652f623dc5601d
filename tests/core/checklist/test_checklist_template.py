import copy
import json
from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readiness.core.checklist.rules import (
    Book,
    EditionStatus,
    check_edition,
    parse_rules,
    shipped_rules,
)
from readiness.core.checklist.template import load_template, parse_template, shipped_template
from readiness.core.errors import UserError
from readiness.resources import resource_path


def raw_template() -> dict:
    return json.loads(resource_path("checklists", "exam_day.json").read_text("utf-8"))


def test_shipped_template_has_the_required_items():
    template = shipped_template().for_mode("center")
    assert template.group_keys == ("week", "three-days", "day-before", "morning", "center")
    ids = {i.id for i in template.items}
    assert {"primary-id", "secondary-id", "names-match", "confirmation", "route",
            "arrive-early", "books-edition", "books-inspect", "prohibited", "break-plan",
            "sleep", "meal-water", "fees-paid"} <= ids
    assert all(i.why for i in template.items)
    assert all(any(i.group == g for i in template.items) for g in template.group_keys)
    assert template.group("week").due.days_before == 7
    assert template.group("week").due.at == time(18, 0)
    assert template.group("morning").due.relative_to == "leave_by"
    texts = " ".join(i.text for i in template.items)
    for phrase in ("ICD-10-CM", "ICD-10-PCS", "CPT/HCPCS", "permanent tabs",
                   "handwritten notes", "loose papers", "clock keeps running", "30 minutes"):
        assert phrase in texts


def test_online_mode_has_its_own_items_and_shares_the_rest():
    full = shipped_template()
    center, online = full.for_mode("center"), full.for_mode("online")
    assert online.group_keys == ("week", "three-days", "day-before", "morning",
                                 "online-check-in")
    online_ids = {i.id for i in online.items}
    center_ids = {i.id for i in center.items}
    # Online: system test within the week and that day, room, equipment, check-in,
    # ID to the camera, the desk (code books), breaks, the phone out of reach.
    assert {"system-test-week", "system-test-day", "room-plan", "room-ready", "equipment",
            "start-check-in", "id-to-camera", "desk-items", "online-breaks",
            "phone-away"} <= online_ids
    assert not online_ids & {"route", "arrive-early", "leave-on-time", "check-in"}
    shared = {"primary-id", "secondary-id", "names-match", "books-edition", "books-inspect",
              "fees-paid", "sleep", "eat"}
    assert shared <= online_ids & center_ids
    assert online.group("online-check-in").due.relative_to == "arrive_by"


def test_item_modes_must_fit_their_group():
    data = raw_template()
    data["items"][0]["modes"] = ["online"]
    data["items"][0]["group"] = "center"
    with pytest.raises(UserError, match="not all modes of group 'center'"):
        parse_template(data)
    data = raw_template()
    data["items"][0]["modes"] = ["at-home"]
    with pytest.raises(UserError, match="modes must be a non-empty list"):
        parse_template(data)


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(format="x"), "not a checklist template"),
    (lambda d: d.update(version=2), "unsupported version 2"),
    (lambda d: d["items"][3].update(group="weekk"), "items[3]: unknown group 'weekk'"),
    (lambda d: d["items"][1].update(id="primary-id"), "items[1]: duplicate item id"),
    (lambda d: d["items"][0].update(id="custom-1"), "must be lower-case"),
    (lambda d: d["items"][2].pop("why"), "items[2]: 'why' must be a non-empty string"),
    (lambda d: d["items"][2].update(tool="oven"), "tool must be one of"),
    (lambda d: d["groups"][0]["due"].update(at="6pm"), "groups[0]: 'at' must be a time"),
    (lambda d: d["groups"][0]["due"].update(days_before=-1), "days_before must be"),
    (lambda d: d["groups"][3]["due"].update(relative_to="lunch"), "relative_to must be one of"),
    (lambda d: d["groups"].append(dict(d["groups"][0])), "duplicate group key 'week'"),
    (lambda d: d.update(items=[]), "'items' must be a non-empty list"),
])
def test_template_errors_name_the_problem(change, message):
    data = copy.deepcopy(raw_template())
    change(data)
    with pytest.raises(UserError) as info:
        parse_template(data, where="exam_day.json")
    assert message in str(info.value)
    assert str(info.value).startswith("exam_day.json")


def test_load_reports_json_position(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(UserError, match="not valid JSON \\(line 1"):
        load_template(path)
    with pytest.raises(UserError, match="cannot read"):
        load_template(tmp_path / "missing.json")


def test_rules_have_sources():
    rules = shipped_rules()
    assert rules.edition.source and "May 1" in rules.edition.rule
    assert rules.minutes_early == 30 and rules.arrival_source
    assert rules.session_minutes == 240
    assert any("Permanent tabs" in r for r in rules.book_rules)
    assert [b.id for b in rules.edition.books] == ["icd10cm", "icd10pcs", "cpt", "hcpcs"]


def test_rules_errors():
    with pytest.raises(UserError, match="not a rules file"):
        parse_rules({"format": "nope"})
    with pytest.raises(UserError, match="missing field 'code_book_edition'"):
        parse_rules({"format": "ccs-readiness-checklist-rules"})


@pytest.mark.parametrize("exam, year", [
    (date(2026, 4, 30), 2025), (date(2026, 5, 1), 2026), (date(2026, 12, 31), 2026),
    (date(2027, 1, 1), 2026), (date(2027, 5, 1), 2027),
])
def test_required_edition(exam, year):
    assert shipped_rules().edition.required_year(exam) == year


def test_edition_check_statuses():
    rule = shipped_rules().edition
    book = Book("icd10cm", "ICD-10-CM")
    exam = date(2026, 6, 1)
    assert check_edition(rule, book, 2026, exam).status is EditionStatus.OK
    old = check_edition(rule, book, 2025, exam)
    assert old.status is EditionStatus.OLDER and "too old" in old.message
    assert check_edition(rule, book, 2027, exam).status is EditionStatus.NEWER
    assert check_edition(rule, book, None, exam).status is EditionStatus.UNKNOWN
    assert check_edition(rule, book, 2026, None).status is EditionStatus.NO_EXAM_DATE


@given(st.dates(date(2000, 1, 1), date(2100, 12, 31)), st.dates(date(2000, 1, 1),
                                                                  date(2100, 12, 31)))
def test_required_year_is_monotone(a, b):
    rule = shipped_rules().edition
    assert rule.required_year(a) in (a.year - 1, a.year)
    if a <= b:
        assert rule.required_year(a) <= rule.required_year(b)
