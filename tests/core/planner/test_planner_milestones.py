"""Milestones, fees and appointment rules (rules are data with sources)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from readiness.core.appointment import ExamAppointment
from readiness.core.errors import UserError
from readiness.core.planner.generate import generate_plan
from readiness.core.planner.milestones import (
    MilestoneKind,
    build_milestones,
    business_days_before,
    load_rules,
    next_milestone,
    parse_rules,
)
from readiness.core.planner.models import Plan, PlanSetup, SessionStatus
from readiness.resources import resource_path

RULES = load_rules(resource_path("planner", "rules.json"))


def test_shipped_rules_carry_sources_and_dates() -> None:
    assert RULES.fee("exam-member").amount == 299
    assert RULES.fee("exam-nonmember").amount == 399
    membership = RULES.fee("membership-individual")
    assert membership.uncertain and "verify" in membership.label()
    for fee in RULES.fees:
        assert fee.source.startswith("https://") and fee.as_of
    for rule in RULES.appointment_rules:
        assert rule.source and rule.source_text and rule.as_of


def test_bad_rules_file_is_a_user_error() -> None:
    with pytest.raises(UserError, match="format"):
        parse_rules({"format": "other"})
    with pytest.raises(UserError, match="missing field"):
        parse_rules({"format": "ccs-readiness-planner-rules", "fees": []})


def test_business_days() -> None:
    # Friday 2026-03-20: 15 business days earlier is Friday 2026-02-27
    assert business_days_before(date(2026, 3, 20), 15) == date(2026, 2, 27)
    assert business_days_before(date(2026, 3, 23), 1) == date(2026, 3, 20)  # Monday -> Friday


def test_code_book_edition_switches_on_may_first() -> None:
    assert RULES.code_book_year(date(2026, 4, 30)) == 2025
    assert RULES.code_book_year(date(2026, 5, 1)) == 2026


def test_milestones_for_a_scheduled_exam() -> None:
    appt = ExamAppointment(
        exam_date=date(2026, 3, 20), exam_time=time(8, 30), timezone="America/Chicago",
        center_name="Pearson VUE Chicago", att_received=date(2026, 1, 2),
    )
    setup = PlanSetup(date(2026, 1, 5), date(2026, 3, 20), (120, 120, 60, 120, 0, 300, 240))
    plan = generate_plan(setup, {"a": 0.7, "b": 0.3})
    last = plan.mocks[-1]
    plan = Plan(tuple(
        replace(s, status=SessionStatus.DONE)
        if s.id == last.id else s for s in plan.sessions
    ))
    ms = {m.key: m for m in build_milestones(appt, plan, RULES, {"eligibility"})}
    assert ms["eligibility"].done and not ms["application"].done
    assert "$299" in ms["application"].detail and "$399" in ms["application"].detail
    assert "≈$239" in ms["application"].detail and ms["application"].uncertain
    assert ms["att"].done and ms["scheduled"].done
    assert ms["scheduled"].due == date(2026, 5, 2)
    assert ms["free-reschedule"].due == date(2026, 2, 27)
    assert ms["free-reschedule"].kind is MilestoneKind.DEADLINE and ms["free-reschedule"].uncertain
    assert ms["refund-deadline"].due == date(2026, 3, 2)
    assert ms["no-changes"].due_at is not None
    assert ms["no-changes"].due_at.hour == 8 and ms["no-changes"].due == date(2026, 3, 19)
    assert "2025 code books" in ms["code-books"].detail
    assert ms["last-mock"].done and ms["last-mock"].due == last.day
    nxt = next_milestone(list(ms.values()), date(2026, 1, 10))
    assert nxt is not None and nxt.key == "application"


def test_exam_after_the_window_is_flagged() -> None:
    appt = ExamAppointment(exam_date=date(2026, 6, 1), att_received=date(2026, 1, 2))
    ms = {m.key: m for m in build_milestones(appt, None, RULES, set())}
    assert not ms["scheduled"].done
    assert "AFTER the window" in ms["scheduled"].detail
    assert ms["last-mock"].due is None


def test_not_scheduled_yet() -> None:
    appt = ExamAppointment(att_received=date(2026, 1, 2))
    ms = build_milestones(appt, None, RULES, {"eligibility", "application"})
    keys = [m.key for m in ms]
    assert "free-reschedule" not in keys and "refund-deadline" not in keys
    nxt = next_milestone(ms, date(2026, 1, 10))
    assert nxt is not None and nxt.key == "code-books"
    assert nxt.state(date(2026, 1, 10)) == "open"
