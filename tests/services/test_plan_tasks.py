"""Start a session's task, finish what it opened, and see the session done with figures."""

from __future__ import annotations

from datetime import date, time

import pytest

from readiness.core.appointment import ExamAppointment
from readiness.core.clock import FakeClock
from readiness.core.errors import UserError
from readiness.core.exam.session import EndReason
from readiness.core.planner.models import PlannerPreferences, SessionStatus
from readiness.core.planner.tasks import TaskKind
from readiness.workspace import Workspace

MONDAY = date(2026, 3, 2)


def plan(ws: Workspace) -> None:
    prefs = PlannerPreferences(start=MONDAY, availability=(60, 60, 60, 60, 60, 240, 180))
    appt = ExamAppointment(date(2026, 5, 15), time(9, 0), "America/Chicago", "Center", "1 St",
                           att_received=date(2026, 2, 20))
    ws.planner.save_setup(prefs, appt)


def test_practice_task_finishes_the_session_with_its_figures(workspace: Workspace,
                                                            fake_clock: FakeClock) -> None:
    plan(workspace)
    session = workspace.planner.plan().on(MONDAY)[0]
    views = workspace.plan_tasks.views(session.id)
    assert 1 <= len(views) <= 3
    practice = next(v for v in views if v.task.kind is TaskKind.PRACTICE)
    started = workspace.plan_tasks.start(session.id, practice.task.key)
    run = started.exam
    assert run is not None
    assert len(run.form.entries) == practice.task.count
    assert run.spec.tutor and run.spec.tasks == (practice.task.target,)
    # answer every item but the last correctly; the last stays unanswered
    for pos in range(len(run.form.entries) - 1):
        item = run.content(pos)
        run.select(pos, item.key)  # type: ignore[union-attr]
    fake_clock.advance(20 * 60)
    run.finish(EndReason.SUBMITTED)
    view = next(v for v in workspace.plan_tasks.views(session.id)
                if v.task.key == practice.task.key)
    assert view.done
    n = practice.task.count
    assert view.figures() == f"20 min · {n - 1} items · 100 %"
    assert workspace.planner.done_minutes()[session.id] == 20
    # the pinned tasks do not change after the evidence moved
    assert [v.task for v in workspace.plan_tasks.views(session.id)] == [v.task for v in views]
    status = workspace.planner.plan().by_id()[session.id].status
    others_done = all(v.done for v in workspace.plan_tasks.views(session.id))
    assert (status is SessionStatus.DONE) == (others_done or session.minutes <= 20)


def test_unanswered_items_are_not_wrong_answers_for_readiness(workspace: Workspace,
                                                              fake_clock: FakeClock) -> None:
    plan(workspace)
    session = workspace.planner.plan().on(MONDAY)[0]
    practice = next(v for v in workspace.plan_tasks.views(session.id)
                    if v.task.kind is TaskKind.PRACTICE)
    run = workspace.plan_tasks.start(session.id, practice.task.key).exam
    assert run is not None
    run.select(0, run.content(0).key)  # type: ignore[union-attr]
    run.finish(EndReason.SUBMITTED)  # the rest left unanswered: ended early
    results = workspace.practice_results()
    assert [(r.correct, r.total) for r in results] == [(1.0, 1.0)]


def test_guideline_task_opens_the_section_and_records_reading_time(
        workspace: Workspace, fake_clock: FakeClock) -> None:
    plan(workspace)
    sessions = [s for s in workspace.planner.plan().sessions if s.day == date(2026, 3, 7)]
    guide = next(v for s in sessions for v in workspace.plan_tasks.views(s.id)
                 if v.task.kind is TaskKind.GUIDELINE)
    fake_clock.set_wall(fake_clock.now().replace(day=7))
    started = workspace.plan_tasks.start(guide.session_id, guide.task.key)
    assert started.section is not None and started.section.id == guide.task.target
    assert started.section.text
    fake_clock.advance(14 * 60)
    done = workspace.plan_tasks.finish_reading(started.run_id)
    assert done.done and done.figures() == "14 min"


def test_a_session_still_to_come_cannot_be_started(workspace: Workspace) -> None:
    plan(workspace)
    later = workspace.planner.plan().on(date(2026, 3, 3))[0]
    key = workspace.plan_tasks.views(later.id)[0].task.key
    with pytest.raises(UserError, match="still to come"):
        workspace.plan_tasks.start(later.id, key)


def test_the_dashboard_names_the_first_task_of_today(workspace: Workspace) -> None:
    plan(workspace)
    steps = [s.text for s in workspace.dashboard.summary().next_steps]
    today = next(s for s in steps if s.startswith("Today: "))
    assert "Start with: Practise " in today


def test_calendar_events_list_each_sessions_tasks(workspace: Workspace) -> None:
    import icalendar

    plan(workspace)
    session = workspace.planner.plan().on(MONDAY)[0]
    titles = [v.task.title for v in workspace.plan_tasks.views(session.id)]
    cal = icalendar.Calendar.from_ical(workspace.planner.calendar_bytes())
    descriptions = [str(e.get("DESCRIPTION", "")) for e in cal.walk("VEVENT")]
    mine = [d for d in descriptions if f"- {titles[0]}" in d]
    assert mine, (titles, descriptions[:3])
    assert all(f"- {t}" in mine[0] for t in titles), (titles, mine[0])


def test_scenario_and_mock_tasks_open_their_forms(workspace: Workspace,
                                                  fake_clock: FakeClock) -> None:
    plan(workspace)
    sessions = workspace.planner.plan().sessions
    views = [v for s in sessions for v in workspace.plan_tasks.views(s.id)]
    scenario = next(v for v in views if v.task.kind is TaskKind.SCENARIO)
    mock = next(v for v in views if v.task.kind is TaskKind.MOCK)
    by_id = workspace.planner.plan().by_id()
    day = by_id[scenario.session_id].day
    fake_clock.set_wall(fake_clock.now().replace(month=day.month, day=day.day))
    run = workspace.plan_tasks.start(scenario.session_id, scenario.task.key).exam
    assert run is not None
    (entry,) = run.form.entries
    assert entry.kind == "scenario"
    assert workspace.exams.bank().scenario(entry.ref).setting == scenario.task.target
    mock_day = by_id[mock.session_id].day
    fake_clock.set_wall(fake_clock.now().replace(month=mock_day.month, day=mock_day.day))
    mock_run = workspace.plan_tasks.start(mock.session_id, mock.task.key).exam
    assert mock_run is not None and mock_run.spec.exam_rules


def test_unreadable_guidelines_lose_reading_tasks_but_not_the_plan(
        workspace: Workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from readiness.core.guidelines import load_guidelines
    from readiness.services.plan_tasks import PlanTaskService

    bad = tmp_path / "sections.json"
    bad.write_text("{not json", encoding="utf-8")
    service = PlanTaskService(workspace.plan_tasks._repo, workspace.plan_tasks._planner_repo,
                              workspace.planner, workspace.exams, workspace.clock,
                              guidelines=lambda: load_guidelines(bad))
    plan(workspace)
    session = workspace.planner.plan().on(MONDAY)[0]
    views = service.views(session.id)
    assert views and all(v.task.kind is not TaskKind.GUIDELINE for v in views)
