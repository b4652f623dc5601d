"""Session tasks: chosen from the weakest blueprint tasks and what the app can open."""

from __future__ import annotations

from datetime import date

from readiness.core.planner.models import Session, SessionKind
from readiness.core.planner.tasks import (
    Capabilities,
    DrillOption,
    GuidelineRef,
    PlanTask,
    TaskKind,
    TaskStat,
    plan_turns,
    session_tasks,
    tasks_from_json,
    tasks_to_json,
)

CK = "coding-knowledge"
PCS = "Apply ICD-10-PCS conventions and guidelines"
CM = "Apply ICD-10-CM conventions and guidelines"
SEQ = "Sequence diagnoses and procedures"
CAPS = Capabilities(
    items={(CK, PCS): 40, (CK, CM): 40, (CK, SEQ): 10, ("provider-queries", "Write"): 3},
    scenario_settings={CK: ("inpatient", "clinic")},
    guidelines=[GuidelineRef("I.C.9.a", "Hypertension", (CK,), (CM,)),
                GuidelineRef("I.B.14", "Documentation by others", ("coding-documentation",))],
)


def study(minutes: int, domain: str = CK, day: int = 2) -> Session:
    return Session(date(2026, 3, day), SessionKind.STUDY, domain, minutes)


def test_a_short_session_is_one_practice_set_on_the_weakest_task() -> None:
    stats = {(CK, PCS): TaskStat(CK, PCS, 11, 20), (CK, CM): TaskStat(CK, CM, 18, 20)}
    (task,) = session_tasks(study(30), 0, 0.7, stats, CAPS)
    assert task.kind is TaskKind.PRACTICE
    assert task.target == PCS
    assert task.title == f"Practise 15 items: {PCS} (your accuracy 55%)"
    assert task.count == 15 and task.minutes == 30


def test_a_long_session_has_three_tasks_that_fit_its_minutes() -> None:
    tasks = session_tasks(study(90), 0, 0.6, {}, CAPS)
    assert 1 <= len(tasks) <= 3
    assert [t.kind for t in tasks] == [TaskKind.PRACTICE, TaskKind.SCENARIO, TaskKind.GUIDELINE]
    assert sum(t.minutes for t in tasks) <= 90
    assert tasks[1].title == "Code one inpatient record"
    assert tasks[2].title == "Read Guidelines I.C.9.a (hypertension)"
    assert len({t.key for t in tasks}) == len(tasks)


def test_turns_rotate_the_choice_between_sessions_of_a_domain() -> None:
    first = session_tasks(study(60), 0, 0.6, {}, CAPS)
    second = session_tasks(study(60, day=3), 1, 0.6, {}, CAPS)
    assert first[0].target != second[0].target or first[1:] != second[1:]


def test_practice_never_asks_for_more_items_than_the_bank_holds() -> None:
    (task,) = session_tasks(study(30, "provider-queries"), 0, 0.5, {}, CAPS)
    assert task.count == 3


def test_a_mock_session_is_the_full_mock() -> None:
    mock = Session(date(2026, 3, 7), SessionKind.MOCK, None, 240)
    (task,) = session_tasks(mock, 0, 0.6, {}, CAPS)
    assert task.kind is TaskKind.MOCK and task.minutes == 240


DRILLS = (DrillOption("neoplasm", "Neoplasm Table", 0.5, 80.0),
          DrillOption("pcs-tables", "ICD-10-PCS Tables", None),
          DrillOption("drug", "Table of Drugs and Chemicals", 0.9, 20.0))


def with_drills(*options: DrillOption) -> Capabilities:
    return Capabilities(CAPS.items, CAPS.scenario_settings, CAPS.guidelines, options)


def test_a_coding_session_proposes_a_drill_in_the_weakest_installed_book() -> None:
    tasks = session_tasks(study(60), 0, 0.6, {}, with_drills(*DRILLS))
    assert [t.kind for t in tasks] == [TaskKind.PRACTICE, TaskKind.DRILL]
    drill = tasks[1]
    assert drill.title == ("Code-book drill: 10 look-ups in the Neoplasm Table "
                           "(your accuracy 50%, 80 s per look-up)")
    assert (drill.target, drill.count, drill.minutes, drill.domain) == (
        "neoplasm", 10, 15, CK)
    assert sum(t.minutes for t in tasks) <= 60


def test_drill_books_rotate_over_the_weaker_half_and_leave_room_for_the_rest() -> None:
    caps = with_drills(*DRILLS)
    sessions = [session_tasks(study(90), turn, 0.6, {}, caps) for turn in range(6)]
    kinds = [[t.kind for t in tasks] for tasks in sessions]
    assert kinds[:3] == [
        [TaskKind.PRACTICE, TaskKind.DRILL, TaskKind.SCENARIO],
        [TaskKind.PRACTICE, TaskKind.SCENARIO, TaskKind.GUIDELINE],
        [TaskKind.PRACTICE, TaskKind.GUIDELINE, TaskKind.DRILL],
    ]  # drill, scenario and reading take turns: none crowds the others out
    books = {t.target for tasks in sessions for t in tasks if t.kind is TaskKind.DRILL}
    assert books == {"neoplasm", "pcs-tables"}  # the weaker half, never the strong book
    for turn, want in ((0, TaskKind.DRILL), (1, TaskKind.SCENARIO), (2, TaskKind.GUIDELINE)):
        assert [t.kind for t in session_tasks(study(60), turn, 0.6, {}, caps)] == [
            TaskKind.PRACTICE, want]
    assert session_tasks(study(30), 0, 0.6, {}, caps)[0].kind is TaskKind.PRACTICE


def test_no_drill_without_an_installed_book_or_outside_coding_knowledge() -> None:
    for turn in range(4):
        assert all(t.kind is not TaskKind.DRILL
                   for t in session_tasks(study(90), turn, 0.6, {}, CAPS))
        assert all(t.kind is not TaskKind.DRILL for t in session_tasks(
            study(90, "provider-queries"), turn, 0.6, {}, with_drills(*DRILLS)))


def test_an_undrilled_book_says_so() -> None:
    tasks = session_tasks(study(60), 0, 0.6, {}, with_drills(DRILLS[1]))
    assert tasks[1].title == "Code-book drill: 10 look-ups in the ICD-10-PCS Tables " \
        "(not drilled yet)"


def test_tasks_round_trip_through_json() -> None:
    tasks = session_tasks(study(90), 0, 0.6, {}, CAPS)
    assert tasks_from_json(tasks_to_json(tasks)) == tasks
    assert isinstance(tasks[0], PlanTask)


def test_plan_turns_count_sessions_per_domain_in_day_order() -> None:
    a, b, c = study(30, day=2), study(30, "x", day=3), study(30, day=4)
    assert plan_turns([c, b, a]) == {a.id: 0, b.id: 0, c.id: 1}
