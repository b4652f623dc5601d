"""Drill tasks of the plan: proposed from the installed books, started set up, and
recorded against the session when the set finishes; drills feed need and readiness."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from readiness.codebook import importer
from readiness.core.appointment import ExamAppointment
from readiness.core.clock import FakeClock
from readiness.core.drills.models import DrillBook
from readiness.core.errors import UserError
from readiness.core.planner.drill_need import DRILL_DOMAIN, LOOKUP_WEIGHT
from readiness.core.planner.models import PlannerPreferences
from readiness.core.planner.tasks import TaskKind
from readiness.services.plan_tasks import TaskView
from readiness.workspace import Workspace

MONDAY = date(2026, 3, 2)
FIXTURES = Path(__file__).resolve().parents[1] / "codebook" / "fixtures"


def install(ws: Workspace, *names: str) -> None:
    for name in names:
        importer.import_file(FIXTURES / name, ws.codesets_dir)
    ws.codebook.reload()


def plan(ws: Workspace) -> None:
    prefs = PlannerPreferences(start=MONDAY, availability=(60, 60, 60, 60, 60, 240, 180))
    appt = ExamAppointment(date(2026, 5, 15), time(9, 0), "America/Chicago", "Center", "1 St",
                           att_received=date(2026, 2, 20))
    ws.planner.save_setup(prefs, appt)


def drill_view(ws: Workspace, day: date = MONDAY) -> TaskView | None:
    for session in ws.planner.plan().on(day):
        for view in ws.plan_tasks.views(session.id):
            if view.task.kind is TaskKind.DRILL:
                return view
    return None


def test_no_drill_task_until_a_book_is_installed(workspace: Workspace) -> None:
    plan(workspace)
    assert drill_view(workspace) is None
    install(workspace, "tabular-mini.xml", "pcs-tables-mini.xml")
    view = drill_view(workspace)
    assert view is not None
    assert view.task.title == ("Code-book drill: 10 look-ups in the ICD-10-PCS Tables "
                               "(not drilled yet)")
    assert view.task.domain == DRILL_DOMAIN


def test_a_drill_task_records_look_ups_accuracy_and_time_against_its_session(
        workspace: Workspace, fake_clock: FakeClock) -> None:
    install(workspace, "tabular-mini.xml", "pcs-tables-mini.xml")
    plan(workspace)
    view = drill_view(workspace)
    assert view is not None
    started = workspace.plan_tasks.start(view.session_id, view.task.key)
    assert started.drill is DrillBook.PCS_TABLES and started.exam is None
    run = workspace.drills.start(started.drill, view.task.count, seed=1, link=started.run_id)
    n = len(run.prompts)
    for i in range(n):
        run.show()
        fake_clock.advance(30)
        workspace.drills.answer(run, run.prompts[i].answer if i else "0000000")
    workspace.drills.finish(run)
    done = next(v for v in workspace.plan_tasks.views(view.session_id)
                if v.task.key == view.task.key)
    assert done.done
    minutes = -(-30 * n // 60)
    assert done.figures() == (f"{minutes} min · {n} look-up{'s' if n != 1 else ''} · "
                              f"{100 * (n - 1) / n:.0f} %")
    assert workspace.planner.done_minutes()[view.session_id] == minutes


def test_a_drill_without_a_plan_link_or_stopped_at_once_records_nothing(
        workspace: Workspace) -> None:
    install(workspace, "tabular-mini.xml", "pcs-tables-mini.xml")
    plan(workspace)
    view = drill_view(workspace)
    assert view is not None
    started = workspace.plan_tasks.start(view.session_id, view.task.key)
    free = workspace.drills.start(DrillBook.PCS_TABLES, 1, seed=2)
    workspace.drills.answer(free, free.prompts[0].answer)
    workspace.drills.finish(free)
    stopped = workspace.drills.start(DrillBook.PCS_TABLES, 3, seed=3, link=started.run_id)
    workspace.drills.finish(stopped)
    again = next(v for v in workspace.plan_tasks.views(view.session_id)
                 if v.task.key == view.task.key)
    assert again.started and not again.done


def test_starting_a_drill_whose_book_went_missing_says_what_to_install(
        workspace: Workspace) -> None:
    install(workspace, "tabular-mini.xml", "pcs-tables-mini.xml")
    plan(workspace)
    view = drill_view(workspace)
    assert view is not None
    workspace.plan_tasks.start(view.session_id, view.task.key)  # pins the tasks
    for db in workspace.codesets_dir.glob("*pcs*"):
        db.unlink()
    workspace.codebook.reload()
    with pytest.raises(UserError, match="not installed"):
        workspace.plan_tasks.start(view.session_id, view.task.key)


def test_drill_results_feed_coding_knowledge_need_and_readiness(
        workspace: Workspace, fake_clock: FakeClock) -> None:
    install(workspace, "tabular-mini.xml", "pcs-tables-mini.xml")
    plan(workspace)
    before_need = {n.domain: n.accuracy for n in workspace.planner.needs()}
    before = workspace.readiness.estimates()[DRILL_DOMAIN]
    run = workspace.drills.start(DrillBook.PCS_TABLES, 4, seed=4)
    for prompt in run.prompts:
        run.show()
        fake_clock.advance(5)  # well within the target
        workspace.drills.answer(run, prompt.answer)
    workspace.drills.finish(run)
    (result,) = workspace.practice_results()
    assert (result.domain, result.total) == (DRILL_DOMAIN, LOOKUP_WEIGHT * len(run.prompts))
    after_need = {n.domain: n.accuracy for n in workspace.planner.needs()}
    assert after_need[DRILL_DOMAIN] > before_need[DRILL_DOMAIN]
    assert after_need["provider-queries"] == before_need["provider-queries"]
    after = workspace.readiness.estimates()[DRILL_DOMAIN]
    assert after.mean > before.mean and after.evidence > before.evidence


def test_a_drill_stopped_part_way_records_what_was_done(
        workspace: Workspace, fake_clock: FakeClock) -> None:
    install(workspace, "tabular-mini.xml", "pcs-tables-mini.xml")
    plan(workspace)
    view = drill_view(workspace)
    assert view is not None
    started = workspace.plan_tasks.start(view.session_id, view.task.key)
    run = workspace.drills.start(DrillBook.PCS_TABLES, 5, seed=5, link=started.run_id)
    for prompt in run.prompts[:2]:
        run.show()
        fake_clock.advance(90)
        workspace.drills.answer(run, prompt.answer)
    workspace.drills.finish(run)  # Stop the set
    done = next(v for v in workspace.plan_tasks.views(view.session_id)
                if v.task.key == view.task.key)
    assert done.figures() == "3 min · 2 look-ups · 100 %"


def test_practice_and_drill_results_come_back_together_in_time_order(
        workspace: Workspace, fake_clock: FakeClock) -> None:
    install(workspace, "tabular-mini.xml", "pcs-tables-mini.xml")
    plan(workspace)
    session = workspace.planner.plan().on(MONDAY)[0]
    practice = next(v for v in workspace.plan_tasks.views(session.id)
                    if v.task.kind is TaskKind.PRACTICE)
    exam = workspace.plan_tasks.start(session.id, practice.task.key).exam
    assert exam is not None
    exam.select(0, exam.content(0).key)  # type: ignore[union-attr]
    exam.finish()
    fake_clock.advance(60)
    run = workspace.drills.start(DrillBook.PCS_TABLES, 1, seed=6)
    workspace.drills.answer(run, run.prompts[0].answer)
    workspace.drills.finish(run)
    results = workspace.practice_results()
    assert [r.total for r in results][-1] == LOOKUP_WEIGHT  # the drill came last
    assert len(results) >= 2
