"""The planner repository (migration 3) and the planner service on a real workspace."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest

from readiness.core.appointment import ExamAppointment
from readiness.core.clock import FakeClock
from readiness.core.errors import InvalidInput, UserError
from readiness.core.planner.models import (
    DomainResult,
    PlannerPreferences,
    SessionKind,
    SessionStatus,
    TimeEntry,
)
from readiness.paths import AppPaths
from readiness.storage.db import Database
from readiness.storage.migrations import migrate
from readiness.storage.planner import PlannerRepository, RunningTimer
from readiness.workspace import Workspace

# FakeClock starts 2026-03-02 14:00 UTC (a Monday morning in Chicago).
MONDAY = date(2026, 3, 2)
PREFS = PlannerPreferences(
    start=MONDAY,
    availability=(120, 120, 60, 120, 0, 300, 240),
    blackouts=frozenset({date(2026, 3, 14)}),
    self_ratings={"coding-knowledge": 2, "information-technologies": 5},
    timezone="America/Chicago",
    weekday_start=time(19, 0),
    weekend_start=time(8, 30),
)
APPT = ExamAppointment(exam_date=date(2026, 5, 15), exam_time=time(8, 30),
                       timezone="America/Chicago", center_name="Pearson VUE Chicago",
                       att_received=date(2026, 2, 20))


@pytest.fixture
def repo(tmp_path: Path) -> PlannerRepository:
    db = Database.open(tmp_path / "p.sqlite3")
    migrate(db)
    return PlannerRepository(db)


def test_preferences_round_trip(repo: PlannerRepository) -> None:
    assert repo.load_preferences() is None
    repo.save_preferences(PREFS)
    assert repo.load_preferences() == PREFS
    changed = PlannerPreferences(MONDAY, (0,) * 6 + (60,), target_date=date(2026, 6, 1))
    repo.save_preferences(changed)
    assert repo.load_preferences() == changed


def test_schema_refuses_bad_rows(repo: PlannerRepository) -> None:
    with pytest.raises(sqlite3.IntegrityError), repo.db.transaction() as conn:
        conn.execute("INSERT INTO planner_sessions(id, day, kind, minutes, status) "
                     "VALUES ('x', '2026-03-02', 'study', 30, 'maybe')")
    with pytest.raises(sqlite3.IntegrityError), repo.db.transaction() as conn:
        conn.execute("INSERT INTO planner_availability VALUES (7, 30)")


def test_timer_and_log(repo: PlannerRepository) -> None:
    started = datetime(2026, 3, 2, 14, tzinfo=UTC)
    repo.start_timer(RunningTimer("s1", "a", started))
    assert repo.timer() == RunningTimer("s1", "a", started)
    repo.stop_timer(TimeEntry(MONDAY, 25, "a", "s1", "timer"), started + timedelta(minutes=25))
    assert repo.timer() is None
    assert repo.time_entries() == [TimeEntry(MONDAY, 25, "a", "s1", "timer")]
    repo.set_ticked("eligibility", True, started)
    assert set(repo.ticked()) == {"eligibility"}
    repo.set_ticked("eligibility", False, started)
    assert repo.ticked() == {}


# ---------------------------------------------------------------- service


def test_setup_plans_and_survives_reopen(workspace: Workspace, paths: AppPaths,
                                         fake_clock: FakeClock) -> None:
    planner = workspace.planner
    assert planner.today().has_plan is False
    plan = planner.save_setup(PREFS, APPT)
    assert plan.sessions and len(plan.mocks) == 3
    assert all(s.day < APPT.exam_date for s in plan.sessions)  # type: ignore[operator]
    assert workspace.appointment.get() == APPT
    today = planner.today()
    assert today.day == MONDAY and today.days_to_exam == 74
    assert sum(s.minutes for s in today.sessions) == 120
    assert today.week_planned_minutes > 0 and today.week_done_minutes == 0
    assert today.next_milestone is not None and today.next_milestone.key == "eligibility"
    workspace.close()
    again, _ = Workspace.open(paths, fake_clock, take_backup=False)
    try:
        assert again.planner.plan() == plan
        assert again.planner.preferences() == PREFS
    finally:
        again.close()


def test_log_skip_replan(workspace: Workspace, fake_clock: FakeClock) -> None:
    planner = workspace.planner
    planner.save_setup(PREFS, APPT)
    first, second = planner.today().sessions[:2]
    planner.log_time(first.minutes, session_id=first.id)
    planner.mark(second.id, SessionStatus.SKIPPED)
    statuses = {s.id: s.status for s in planner.today().sessions}
    assert statuses[first.id] is SessionStatus.DONE
    assert statuses[second.id] is SessionStatus.SKIPPED
    fake_clock.advance(3 * 86400)  # Thursday; Tuesday and Wednesday were missed
    plan = planner.replan()
    by_id = plan.by_id()
    assert by_id[first.id].status is SessionStatus.DONE
    assert by_id[second.id].status is SessionStatus.SKIPPED
    assert planner.adherence().sessions_missed >= 2
    assert 0 < (planner.adherence().ratio or 0) < 1
    rows = {r.key: r for r in planner.hours_by_domain()}
    assert rows[first.domain or ""].done_minutes == first.minutes


def test_timer_logs_whole_minutes_and_marks_done(workspace: Workspace,
                                                 fake_clock: FakeClock) -> None:
    planner = workspace.planner
    planner.save_setup(PREFS, APPT)
    session = planner.today().sessions[0]
    planner.start_timer(session_id=session.id)
    with pytest.raises(UserError, match="already running"):
        planner.start_timer(domain="coding-knowledge")
    fake_clock.advance(session.minutes * 60 + 30)
    state = planner.timer()
    assert state is not None and state.elapsed_seconds == session.minutes * 60 + 30
    entry = planner.stop_timer()
    assert entry is not None and entry.minutes == session.minutes and entry.source == "timer"
    assert planner.timer() is None
    assert planner.today().sessions[0].status is SessionStatus.DONE
    with pytest.raises(UserError):
        planner.stop_timer()


def test_bad_input_changes_nothing(workspace: Workspace) -> None:
    planner = workspace.planner
    with pytest.raises(InvalidInput, match="target date"):
        planner.save_setup(PREFS, ExamAppointment(att_received=date(2026, 2, 20)))
    with pytest.raises(InvalidInput, match="120-day"):
        planner.save_setup(
            PlannerPreferences(MONDAY, PREFS.availability, target_date=date(2026, 7, 1)),
            ExamAppointment(att_received=date(2026, 2, 20)),
        )
    assert planner.preferences() is None and planner.plan().sessions == ()
    planner.save_setup(PREFS, APPT)
    with pytest.raises(InvalidInput, match="not come yet"):
        planner.log_time(30, domain="coding-knowledge", day=MONDAY + timedelta(days=1))
    with pytest.raises(UserError, match="follows your set-up"):
        planner.set_milestone("att", True)
    planner.set_milestone("eligibility", True)
    assert {m.key: m.done for m in planner.milestones()}["eligibility"]


def test_not_scheduled_plans_to_the_target_date(workspace: Workspace) -> None:
    prefs = PlannerPreferences(MONDAY, PREFS.availability, target_date=date(2026, 6, 1))
    appt = ExamAppointment(att_received=date(2026, 2, 20))
    plan = workspace.planner.save_setup(prefs, appt)
    assert max(s.day for s in plan.sessions) < date(2026, 6, 1)
    assert workspace.planner.today().days_to_exam is None


def test_results_source_shapes_the_plan(workspace: Workspace) -> None:
    planner = workspace.planner
    weak = [DomainResult("provider-queries", 3, 20, datetime(2026, 3, 1, tzinfo=UTC))]
    baseline = planner.save_setup(PREFS, APPT).planned_minutes("provider-queries")
    planner.results_source = lambda: weak
    assert planner.replan().planned_minutes("provider-queries") > baseline
    trend = planner.mastery()
    assert list(trend) == ["provider-queries"]


def test_export_ics_is_stable(workspace: Workspace, tmp_path: Path,
                              fake_clock: FakeClock) -> None:
    planner = workspace.planner
    plan = planner.save_setup(PREFS, APPT)
    target = tmp_path / "plan.ics"
    extra = [("checklist-leave@x", "Leave", datetime(2026, 5, 15, 12, tzinfo=UTC),
              timedelta(minutes=20))]
    count = planner.export_ics(target, extra)
    first = icalendar.Calendar.from_ical(target.read_bytes())
    events = list(first.walk("VEVENT"))
    assert len(events) == count
    sessions = [e for e in events if str(e["SUMMARY"]).startswith(("CCS study", "CCS full mock"))]
    assert len(sessions) == len(plan.sessions)
    fake_clock.advance(3600)
    planner.export_ics(target, extra)
    second = icalendar.Calendar.from_ical(target.read_bytes())
    assert {str(e["UID"]) for e in events} == {str(e["UID"]) for e in second.walk("VEVENT")}
    mock = next(e for e in sessions if "mock" in str(e["SUMMARY"]))
    assert mock.decoded("DTSTART").time() == time(8, 30)  # a weekend morning
    assert any(s.kind is SessionKind.MOCK for s in plan.sessions)
    with pytest.raises(UserError, match="could not write"):
        planner.export_ics(tmp_path / "missing" / "x.ics")


def test_second_export_cancels_what_the_plan_dropped(workspace: Workspace, tmp_path: Path,
                                                     fake_clock: FakeClock) -> None:
    planner = workspace.planner
    planner.save_setup(PREFS, APPT)
    target = tmp_path / "plan.ics"
    planner.export_ics(target)
    first = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(target.read_bytes())
             .walk("VEVENT")}
    assert {int(e["SEQUENCE"]) for e in first.values()} == {1}
    # fewer hours on Wednesdays: Wednesday sessions change or disappear
    fewer = PlannerPreferences(PREFS.start, (120, 120, 0, 120, 0, 300, 240), PREFS.blackouts,
                               PREFS.self_ratings, timezone=PREFS.timezone)
    planner.save_setup(fewer, APPT)
    fake_clock.advance(60)
    planner.export_ics(target)
    second = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(target.read_bytes())
              .walk("VEVENT")}
    assert {int(e["SEQUENCE"]) for e in second.values()} == {2}
    dropped = [uid for uid in first if uid not in {s for s in second}]
    assert dropped == []  # nothing silently forgotten: every old UID is still there
    wednesday = [e for uid, e in second.items()
                 if e.decoded("DTSTART").weekday() == 2 and "study" in uid]
    assert wednesday and all(str(e["STATUS"]) == "CANCELLED" for e in wednesday)
    live = [s for s in planner.plan().sessions if s.day.weekday() == 2]
    assert live == []


def test_checklist_events_ride_along_and_are_cancelled_when_ticked(
        workspace: Workspace, tmp_path: Path) -> None:
    planner = workspace.planner
    planner.save_setup(PREFS, APPT)
    target = tmp_path / "plan.ics"
    planner.export_ics(target)
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(target.read_bytes())
              .walk("VEVENT")}
    checklist_uids = [uid for uid in events if uid.startswith("checklist-")]
    assert checklist_uids, "the checklist's final-week items are in the planner's .ics"
    first = workspace.checklist.ics_events()[0]  # one event per checklist group
    group = first.uid.removeprefix("checklist-").removesuffix("@ccs-readiness")
    for item in next(g for g in workspace.checklist.view().groups if g.key == group).items:
        workspace.checklist.set_checked(item.id, True)
    assert first.uid not in {e.uid for e in workspace.checklist.ics_events()}
    planner.export_ics(target)
    again = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(target.read_bytes())
             .walk("VEVENT")}
    assert str(again[first.uid]["STATUS"]) == "CANCELLED"
