"""Exam attempts in the user store, through the service (FakeClock)."""

import json
from datetime import UTC, datetime

import pytest
from fixtures.exam_bank import make_bank
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.core.errors import UserError
from readiness.core.exam.forms import FormSpec, Mode, full_mock_spec
from readiness.core.exam.session import EndReason
from readiness.storage.migrations import current_version


@pytest.fixture
def exams(workspace):
    workspace.exams.set_bank(make_bank(per_domain=6, scenarios=2))
    return workspace.exams


def short_spec(exams, **kw):
    blueprint = exams.blueprint("ccs-candidate-guide")
    base = full_mock_spec(blueprint, seed=11)
    values = {"multiple_choice": 6, "scenarios": 1, "time_limit_s": 600.0, **kw}
    return FormSpec(**{**base.__dict__, **values})


def test_migration_creates_the_exam_tables(workspace):
    assert current_version(workspace.db) >= 4
    names = {r[0] for r in workspace.db.query("SELECT name FROM sqlite_master")}
    assert {"exam_attempts", "exam_responses", "exam_events"} <= names


def test_every_action_is_saved_and_resume_is_exact(workspace, exams, fake_clock):
    run = exams.start(short_spec(exams))
    assert len(run) == 7
    mc = next(p for p, e in enumerate(run.form.entries) if e.kind != "scenario")
    sc = next(p for p, e in enumerate(run.form.entries) if e.kind == "scenario")
    run.go(mc)
    run.toggle_strike(mc, 3)
    run.select(mc, [1])
    run.toggle_flag(mc)
    run.highlight(mc, 0, 4)
    fake_clock.advance(90)
    run.go(sc)
    q = run.content(sc).questions
    run.set_codes(sc, q[2].id, ["0bj08zz"])
    run.set_clock_hidden(True)
    fake_clock.advance(10)
    run.checkpoint()
    fake_clock.advance(0.5)  # after the last checkpoint: this half second is not saved
    before = {p: run.response(p) for p in range(len(run))}

    # "Kill": drop the run without finishing; time passes while the app is closed.
    del run
    fake_clock.advance(3600)
    fake_clock.set_wall(datetime(2031, 1, 1, tzinfo=UTC))
    [pending] = exams.unfinished()
    assert pending.elapsed_s == pytest.approx(100)
    assert pending.remaining_s == pytest.approx(500)
    again = exams.resume(pending.id)
    assert {p: again.response(p) for p in range(len(again))} == before
    assert again.position == sc
    assert again.clock_hidden
    assert again.remaining() == pytest.approx(500)
    fake_clock.advance(20)
    assert again.remaining() == pytest.approx(480)
    review = again.finish()
    assert review.summary.interruptions == 1
    assert exams.unfinished() == []
    kinds = [k for _, k, _ in exams.events(pending.id)]
    assert kinds[0] == "start" and "resume" in kinds and kinds[-1] == "finish"


def test_finish_scores_and_keeps_history(exams, fake_clock):
    run = exams.start(short_spec(exams))
    for p, entry in enumerate(run.form.entries):
        if entry.kind == "scenario":
            continue
        item = run.content(p)
        run.select(p, item.key)  # all correct
    fake_clock.advance(300)
    review = run.finish()
    result = review.result
    mc_points = sum(1 for e in run.form.entries if e.kind != "scenario")
    assert result.earned == mc_points
    assert result.count("correct") == mc_points
    assert result.count("unanswered") == 1
    assert result.elapsed_s == pytest.approx(300)
    [done] = exams.history()
    assert done.earned == mc_points and done.end_reason == "submitted"
    assert done.scaled_estimate == result.scaled_estimate
    # The unanswered scenario is offered for retry.
    retry = exams.retry_spec("ccs-candidate-guide", seed=1)
    assert [r for r in retry.refs] == [e.ref for e in run.form.entries if e.kind == "scenario"]
    again = exams.start(retry)
    assert [e.kind for e in again.form.entries] == ["scenario"]


def test_time_up_and_actions_after_the_end(exams, fake_clock):
    run = exams.start(short_spec(exams, time_limit_s=60.0))
    fake_clock.advance(61)
    assert run.expired()
    assert run.checkpoint() == 0
    review = run.finish(EndReason.TIME_UP)
    assert review.summary.end_reason == "time_up"
    assert review.summary.elapsed_s == 60
    with pytest.raises(RuntimeError):
        run.toggle_flag(0)


def test_full_mock_cannot_pause_custom_can(exams, fake_clock):
    run = exams.start(short_spec(exams))
    with pytest.raises(RuntimeError):
        run.pause()
    with pytest.raises(RuntimeError):
        run.feedback(0)
    custom = exams.start(short_spec(exams, mode=Mode.CUSTOM, tutor=True))
    custom.pause()
    fake_clock.advance(100)
    custom.unpause()
    assert custom.elapsed() == 0
    item = custom.content(0)
    custom.select(0, item.key)
    assert custom.feedback(0).status == "correct"


def test_abandon_and_unknown_attempts(exams):
    run = exams.start(short_spec(exams))
    exams.abandon(run.attempt_id)
    assert exams.unfinished() == []
    with pytest.raises(UserError):
        exams.resume(run.attempt_id)
    with pytest.raises(UserError):
        exams.review(9999)


def test_blueprints_and_editable_copies(workspace, exams):
    ids = [b.id for b in exams.blueprints()]
    assert ids == ["ccs-2025-published", "ccs-candidate-guide"]
    path = exams.copy_blueprint("ccs-candidate-guide")
    data = json.loads(path.read_text())
    data["time_limit_minutes"] = 120
    path.write_text(json.dumps(data))
    copy = exams.blueprint(data["id"])
    assert copy.time_limit_minutes == 120 and copy.path == str(path)
    (workspace.home / "blueprints" / "broken.json").write_text("{")
    assert len(exams.blueprints()) == 3
    assert "not valid JSON" in exams.blueprint_problems[0]


def test_autosave_is_one_small_transaction(workspace, exams):
    run = exams.start(short_spec(exams))
    statements = []
    workspace.db.connection.set_trace_callback(statements.append)
    run.toggle_flag(0)
    workspace.db.connection.set_trace_callback(None)
    assert statements[0] == "BEGIN IMMEDIATE" and statements[-1] == "COMMIT"
    assert len(statements) == 5


actions = st.lists(
    st.tuples(
        st.sampled_from(["go", "select", "flag", "strike", "highlight", "unhighlight", "codes"]),
        st.integers(0, 6),
        st.integers(0, 40),
        st.integers(0, 40),
    ),
    max_size=25,
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=actions)
def test_any_sequence_of_actions_resumes_exactly(exams, fake_clock, steps):
    run = exams.start(short_spec(exams))
    for kind, position, a, b in steps:
        entry = run.form.entries[position]
        fake_clock.advance(1.5)
        if kind == "go":
            run.go(position)
        elif kind == "flag":
            run.toggle_flag(position)
        elif kind in ("highlight", "unhighlight"):
            run.highlight(position, a, b, on=kind == "highlight")
        elif entry.kind == "scenario":
            question = run.content(position).questions[a % 3]
            run.set_codes(position, question.id, ["J44.1", "0BJ08ZZ"][: b % 3])
        elif kind == "select":
            run.select(position, {a % 4, b % 4} if entry.kind == "multiple" else {a % 4})
        else:
            run.toggle_strike(position, a % 4)
    expected = {p: run.response(p) for p in range(len(run))}
    again = exams.resume(run.attempt_id)
    assert {p: again.response(p) for p in range(len(again))} == expected
    assert again.position == run.position
    assert again.elapsed() == pytest.approx(1.5 * len(steps))
    exams.abandon(run.attempt_id)


def test_resume_refuses_an_attempt_whose_items_left_the_bank(exams):
    run = exams.start(short_spec(exams))
    exams.set_bank(make_bank(per_domain=0, scenarios=0))
    with pytest.raises(UserError, match="no longer in the question bank"):
        exams.resume(run.attempt_id)


def test_finished_attempts_feed_the_planner_by_domain(workspace, exams, fake_clock):
    run = exams.start(short_spec(exams, scenarios=0))
    for position in range(len(run)):
        item = run.content(position)
        # Answer right only in Coding Knowledge; every other domain scores zero.
        right = item.domain == "coding-knowledge"
        wrong = [k for k in range(4) if k not in item.key][: len(item.key)]
        run.select(position, item.key if right else wrong)
    fake_clock.advance(60)
    review = run.finish()

    rows = exams.domain_results()
    assert {r.domain_id for r in rows} == {d.domain_id for d in review.result.domains if d.possible}
    for score in review.result.domains:
        if score.possible:
            row = next(r for r in rows if r.domain_id == score.domain_id)
            assert (row.earned, row.possible) == (score.earned, score.possible)

    results = workspace.planner.results()
    assert sum(r.total for r in results) == sum(d.possible for d in review.result.domains)
    knowledge = [r for r in results if r.domain == "coding-knowledge"]
    assert knowledge and all(r.correct == r.total for r in knowledge)
    assert all(r.correct == 0 for r in results if r.domain != "coding-knowledge")
