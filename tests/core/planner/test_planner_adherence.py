"""Planned versus done."""

from __future__ import annotations

from datetime import date

from readiness.core.planner.adherence import MOCK, adherence, hours_by_domain, week_totals
from readiness.core.planner.models import (
    Plan,
    Session,
    SessionKind,
    SessionStatus,
    TimeEntry,
)

D1, D2, D3 = date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)
PLAN = Plan((
    Session(D1, SessionKind.STUDY, "a", 60, SessionStatus.DONE),
    Session(D1, SessionKind.STUDY, "b", 30, SessionStatus.SKIPPED, 1),
    Session(D2, SessionKind.STUDY, "a", 90),
    Session(D3, SessionKind.MOCK, None, 240),
))


def test_adherence_counts_logged_time_and_done_without_log() -> None:
    entries = [TimeEntry(D2, 45, "a", PLAN.sessions[2].id, "timer"), TimeEntry(D2, 15, "b")]
    result = adherence(PLAN, entries, D3)
    assert result.planned_to_date == 60 + 30 + 90 + 240
    assert result.done_to_date == 60 + 45 + 15  # done-without-log counts its plan
    assert (result.sessions_done, result.sessions_skipped, result.sessions_missed) == (1, 1, 1)
    assert result.ratio is not None and 0 < result.ratio < 1
    assert "sessions done" in result.summary()
    assert adherence(PLAN, [], date(2026, 3, 1)).ratio is None


def test_logged_time_beats_planned_minutes_for_done_sessions() -> None:
    entries = [TimeEntry(D1, 80, "a", PLAN.sessions[0].id, "timer")]
    assert adherence(PLAN, entries, D1).done_to_date == 80


def test_hours_by_domain_and_week() -> None:
    entries = [TimeEntry(D2, 45, "a", PLAN.sessions[2].id, "timer"), TimeEntry(D2, 15, "b")]
    rows = {r.key: r for r in hours_by_domain(PLAN, entries, ["a", "b"], D2)}
    assert rows["a"].planned_minutes == 150 and rows["a"].done_minutes == 105
    assert rows["b"].done_minutes == 15 and rows["b"].planned_to_date == 30
    assert rows[MOCK].planned_minutes == 240 and rows[MOCK].planned_to_date == 0
    assert week_totals(PLAN, entries, D3) == (420, 120)
    assert week_totals(PLAN, entries, date(2026, 3, 9)) == (0, 0)
