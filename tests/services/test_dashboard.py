from __future__ import annotations

from datetime import date, time

from readiness.core.appointment import ExamAppointment
from readiness.services.dashboard import days_label
from readiness.workspace import Workspace


def texts(ws: Workspace) -> list[str]:
    return [step.text for step in ws.dashboard.summary().next_steps]


def test_a_fresh_start_asks_for_the_date_the_hours_and_a_mock(workspace: Workspace) -> None:
    summary = workspace.dashboard.summary()
    assert summary.days_to_exam is None
    assert summary.checklist_done == 0 and summary.checklist_total > 0
    assert len(summary.open_items) == 3
    assert summary.attempts == ()
    assert [d.domain_id for d in summary.standing] == [
        "coding-knowledge", "coding-documentation", "provider-queries",
        "regulatory-compliance", "information-technologies"]
    assert all(d.answered == 0 for d in summary.standing)
    steps = texts(workspace)
    assert steps[0].startswith("Enter your exam date")
    assert any("weekly study hours" in s for s in steps)
    assert any("full mock exam" in s for s in steps)


def test_att_without_a_date_asks_to_schedule_by_the_deadline(workspace: Workspace) -> None:
    workspace.appointment.save(ExamAppointment(att_received=date(2026, 3, 1)))
    summary = workspace.dashboard.summary()
    assert summary.att_deadline == date(2026, 6, 29)
    assert texts(workspace)[0] == "Schedule your exam: the ATT window closes on Mon 29 Jun 2026."


def test_exam_week_with_open_items_says_so(workspace: Workspace) -> None:
    # FakeClock's today is 2 March 2026.
    workspace.appointment.save(ExamAppointment(date(2026, 3, 6), time(9, 0), "America/Chicago",
                                               "Test Center", "1 Main St"))
    summary = workspace.dashboard.summary()
    assert summary.days_to_exam == 4
    assert summary.arrival is not None
    steps = texts(workspace)
    assert any(s.startswith("Exam week:") and "checklist items are still open" in s
               for s in steps)
    assert any("Check your code books" in s for s in steps)


def test_days_label() -> None:
    assert days_label(None) == "Exam not scheduled"
    assert days_label(0) == "Exam today"
    assert days_label(1) == "1 day to the exam"
    assert days_label(9) == "9 days to the exam"
    assert days_label(45) == "45 days to the exam (6 weeks, 3 days)"
    assert days_label(50) == "50 days to the exam (7 weeks, 1 day)"
    assert days_label(-2) == "Exam was 2 days ago"


def test_finished_practice_shows_as_last_attempt_and_standing(workspace: Workspace,
                                                              fake_clock) -> None:
    from fixtures.exam_bank import make_bank

    from readiness.core.exam.forms import FormSpec, full_mock_spec

    workspace.exams.set_bank(make_bank(per_domain=6, scenarios=1))
    base = full_mock_spec(workspace.exams.blueprint("ccs-candidate-guide"), seed=3)
    run = workspace.exams.start(FormSpec(**{**base.__dict__, "multiple_choice": 10,
                                            "scenarios": 0, "time_limit_s": 900.0}))
    for position in range(len(run)):
        run.select(position, run.content(position).key)  # all right
    fake_clock.advance(300)
    run.finish()

    summary = workspace.dashboard.summary()
    assert summary.last_attempt is not None and summary.last_attempt.percent == 100.0
    practised = [d for d in summary.standing if d.answered > 0]
    assert practised and all(d.accuracy > 0.62 for d in practised)
    assert not any("full mock exam" in s.text for s in summary.next_steps)


def test_practice_finished_in_the_evening_counts_the_same_day(workspace: Workspace,
                                                              fake_clock) -> None:
    """21:30 in Chicago is 03:30 UTC the next day; the result must count today."""
    from datetime import UTC, datetime

    from readiness.core.planner.models import DomainResult

    fake_clock.set_wall(datetime(2026, 3, 3, 3, 30, tzinfo=UTC))  # 2 March, 21:30 CST
    workspace.planner.results_source = lambda: [
        DomainResult("provider-queries", 9, 10, fake_clock.now())]
    queries = next(d for d in workspace.dashboard.summary().standing
                   if d.domain_id == "provider-queries")
    assert queries.answered == 10
