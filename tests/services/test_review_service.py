"""Spaced review through the workspace: cards written at finish, due forms, restart."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fixtures.exam_bank import make_bank
from fsrs import Rating

from readiness.core.clock import FakeClock
from readiness.core.errors import UserError
from readiness.core.exam.forms import FormSpec, Mode
from readiness.paths import AppPaths
from readiness.services.exams import ExamRun
from readiness.workspace import Workspace

BP = "ccs-candidate-guide"
DAY = 86400.0


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    workspace.exams.set_bank(make_bank(per_domain=4, scenarios=2))
    return workspace


def start(ws: Workspace, *refs: str, tutor: bool = False) -> ExamRun:
    """A practice form of exactly these items, in this order."""
    return ws.exams.start(FormSpec(mode=Mode.REVIEW, blueprint_id=BP, seed=1, refs=refs,
                                   tutor=tutor))


def answer(run: ExamRun, right: dict[str, bool]) -> None:
    for position, entry in enumerate(run.form.entries):
        if entry.ref not in right:
            continue
        item = run.content(position)
        if entry.kind == "scenario":
            for question in item.questions:  # type: ignore[union-attr]
                codes = ([str(a.code) for a in question.answers] if right[entry.ref]
                         else ["icd10cm:R05.9"])
                run.set_codes(position, question.id, codes)
        else:
            key = item.key  # type: ignore[union-attr]
            wrong = [i for i in range(len(item.options)) if i not in key][:len(key)]  # type: ignore[union-attr]
            run.select(position, key if right[entry.ref] else wrong)


def test_a_wrong_item_is_due_sooner_than_a_right_one(ws: Workspace, fake_clock: FakeClock
                                                     ) -> None:
    run = start(ws, "ck-0000", "ck-0001", "cd-0000", "sc-000")
    answer(run, {"ck-0000": False, "ck-0001": True, "sc-000": True})  # cd-0000 left blank
    fake_clock.advance(600)
    run.finish()
    cards = {c.ref: c for c in ws.review.cards()}
    assert set(cards) == {"ck-0000", "ck-0001", "sc-000"}  # unanswered: no card
    assert cards["ck-0000"].last_rating is Rating.Again
    assert cards["ck-0001"].last_rating is Rating.Good
    assert cards["sc-000"].kind == "scenario"
    assert cards["ck-0000"].due < cards["ck-0001"].due
    assert ws.review.due() == []  # nothing due on the day of the attempt
    fake_clock.advance(DAY)
    assert ws.review.due() == ["ck-0000"]
    summary = ws.review.summary()
    assert (summary.due_today, summary.cards) == (1, 3)
    assert summary.next_day is not None and summary.next_count == 2


def test_partly_right_scenario_is_rated_hard(ws: Workspace) -> None:
    run = start(ws, "sc-001")
    run.set_codes(0, "sc-001-pdx", ["icd10cm:J44.1"])  # one question right, the others blank
    run.finish()
    assert ws.review.cards()[0].last_rating is Rating.Hard


def test_repeated_right_answers_push_the_due_date_out(ws: Workspace, fake_clock: FakeClock
                                                      ) -> None:
    gaps = []
    for _ in range(4):
        run = start(ws, "rc-0001")
        answer(run, {"rc-0001": True})
        run.finish()
        card = ws.review.cards()[0]
        gaps.append(card.due - fake_clock.now())
        fake_clock.advance((card.due - fake_clock.now()).total_seconds())
    assert gaps == sorted(gaps) and gaps[-1] >= timedelta(days=30)
    assert ws.review.cards()[0].reviews == 4
    assert len(ws.review.repo.log("rc-0001")) == 4


def test_review_form_holds_exactly_the_due_items_most_overdue_first(
        ws: Workspace, fake_clock: FakeClock) -> None:
    run = start(ws, "ck-0002", "pq-0000")
    answer(run, {"ck-0002": False, "pq-0000": True})
    run.finish()
    fake_clock.advance(DAY / 4)
    run = start(ws, "it-0001", "sc-001")
    answer(run, {"it-0001": False, "sc-001": False})
    run.finish()
    fake_clock.advance(DAY)  # the three misses are due; the right answer (2 days) is not
    assert ws.review.summary().due_today == 3
    spec = ws.review.spec(BP, seed=5)
    assert spec.tutor and spec.time_limit_s is None and spec.mode is Mode.REVIEW
    assert spec.refs == ("ck-0002", "it-0001", "sc-001")
    form = ws.exams.preview(spec)
    assert [e.ref for e in form.entries] == list(spec.refs)
    assert [e.ref for e in ws.exams.preview(ws.review.spec(BP, 5, limit=2)).entries] == [
        "ck-0002", "it-0001"]
    # Reviewing them moves them out of today's list.
    review_run = ws.exams.start(ws.review.spec(BP, seed=5))
    answer(review_run, {ref: True for ref in spec.refs})
    review_run.finish()
    assert ws.review.due() == []
    with pytest.raises(UserError, match="nothing is due"):
        ws.exams.preview(ws.review.spec(BP, seed=5))
    fake_clock.advance(DAY)
    assert ws.review.due() == ["pq-0000"]


def test_items_that_left_the_bank_are_not_offered(ws: Workspace, fake_clock: FakeClock) -> None:
    run = start(ws, "ck-0003", "cd-0003")
    answer(run, {"ck-0003": False, "cd-0003": False})
    run.finish()
    ws.exams.set_bank(make_bank(per_domain=3, scenarios=2))  # *-0003 are gone
    fake_clock.advance(2 * DAY)
    assert ws.review.due() == [] and ws.review.summary().cards == 0


def test_tutor_mode_rates_the_first_answer_not_the_corrected_one(ws: Workspace) -> None:
    run = start(ws, "ck-0001", "cd-0001", "sc-000", tutor=True)
    answer(run, {"ck-0001": False, "cd-0001": True})
    assert run.feedback(0).status == "incorrect"  # the driver shows the key
    answer(run, {"ck-0001": True})  # ...and the candidate fixes the answer
    run.feedback(2)  # looks at the key of the scenario before answering...
    answer(run, {"sc-000": True})  # ...then copies it
    run.finish()
    cards = {c.ref: c for c in ws.review.cards()}
    assert cards["ck-0001"].last_rating is Rating.Again
    assert cards["cd-0001"].last_rating is Rating.Good  # never checked: final answer
    assert cards["sc-000"].last_rating is Rating.Again


def test_a_full_mock_counts_too_and_a_second_record_is_a_no_op(ws: Workspace) -> None:
    from readiness.core.exam.forms import full_mock_spec

    base = full_mock_spec(ws.exams.blueprint(BP), seed=3)
    run = ws.exams.start(FormSpec(**{**base.__dict__, "multiple_choice": 6, "scenarios": 0,
                                     "pretest": 0}))
    for position in range(len(run)):
        run.select(position, run.content(position).key)  # type: ignore[union-attr]
    review = run.finish()
    assert len(ws.review.cards()) == 6
    written = ws.review.record_attempt(run, review.result, ws.clock.now())
    assert written == 6
    assert all(c.reviews == 1 for c in ws.review.cards())  # logged once per attempt


def test_cards_survive_a_restart(paths: AppPaths, fake_clock: FakeClock) -> None:
    first, _ = Workspace.open(paths, fake_clock, take_backup=False)
    first.exams.set_bank(make_bank())
    run = start(first, "ck-0000", "ck-0001")
    answer(run, {"ck-0000": False, "ck-0001": True})
    run.finish()
    before = [(c.ref, c.due, c.card.stability, c.last_rating) for c in first.review.cards()]
    first.close()
    second, report = Workspace.open(paths, fake_clock, take_backup=False)
    try:
        assert report.migrations_applied == ()
        second.exams.set_bank(make_bank())
        after = [(c.ref, c.due, c.card.stability, c.last_rating) for c in second.review.cards()]
        assert after == before and len(after) == 2
    finally:
        second.close()


def test_a_failing_finish_writes_no_cards(ws: Workspace, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    run = start(ws, "ck-0000")
    answer(run, {"ck-0000": False})

    def broken(*_args: object) -> None:
        raise RuntimeError("disk full")

    ws.exams.finish_hooks.append(broken)
    with pytest.raises(RuntimeError):
        run.finish()
    assert ws.review.cards() == []
    assert ws.exams.history() == []  # the score rolled back with the cards
