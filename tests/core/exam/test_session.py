import pytest
from fixtures.exam_bank import make_bank
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.core.clock import FakeClock
from readiness.core.exam.forms import assemble_form, full_mock_spec
from readiness.core.exam.session import (
    EndReason,
    ExamSession,
    ExamTimer,
    Response,
    merge_ranges,
    subtract_range,
)


@pytest.fixture
def session(blueprint):
    form = assemble_form(make_bank(per_domain=3, scenarios=1), blueprint,
                         full_mock_spec(blueprint, seed=1))
    return ExamSession(form)


def first(session, kind):
    return next(p for p, e in enumerate(session.form.entries) if e.kind == kind)


def test_answer_flag_strike_highlight(session):
    p = first(session, "single")
    session.go(p)
    assert session.response(p).visited
    session.toggle_strike(p, 2)
    session.select(p, [2])
    r = session.response(p)
    assert r.selected == (2,) and r.struck == ()  # choosing un-strikes
    session.toggle_strike(p, 2)
    assert session.response(p).selected == ()  # striking the choice clears it
    session.toggle_flag(p)
    session.highlight(p, 5, 10)
    session.highlight(p, 8, 15)
    assert session.response(p).highlights == ((5, 15),)
    session.highlight(p, 9, 11, on=False)
    assert session.response(p).highlights == ((5, 9), (11, 15))
    assert session.flagged_count == 1
    assert p in session.positions("unanswered")
    session.select(p, [0])
    assert p not in session.positions("unanswered")


def test_scenario_codes(session):
    p = first(session, "scenario")
    with pytest.raises(ValueError):
        session.select(p, [0])
    session.set_codes(p, "q1", [" J44.1 ", ""])
    assert session.response(p).codes == {"q1": ("J44.1",)}
    session.set_codes(p, "q1", [])
    assert not session.response(p).answered


def test_finished_session_refuses_changes(session):
    session.finish(0.0, EndReason.SUBMITTED)
    with pytest.raises(RuntimeError):
        session.toggle_flag(0)


def test_timer_ignores_the_wall_clock():
    clock = FakeClock()
    timer = ExamTimer(limit_s=600)
    timer.start(clock.monotonic())
    clock.advance(100)
    from datetime import UTC, datetime

    clock.set_wall(datetime(2030, 1, 1, tzinfo=UTC))  # the user changes the system time
    assert timer.elapsed(clock.monotonic()) == 100
    clock.set_wall(datetime(2000, 1, 1, tzinfo=UTC))
    assert timer.remaining(clock.monotonic()) == 500
    timer.stop(clock.monotonic())
    clock.advance(1000)  # closed: does not count
    assert timer.elapsed(clock.monotonic()) == 100
    timer.start(clock.monotonic())
    clock.advance(600)
    assert timer.expired(clock.monotonic())
    assert timer.checkpoint(clock.monotonic()) == 600
    assert timer.remaining(clock.monotonic()) == 0


ranges = st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=8)


@settings(max_examples=80, deadline=None)
@given(ranges, st.integers(0, 50), st.integers(0, 50))
def test_highlight_ranges_behave_like_sets(rs, a, b):
    def chars(rr):
        return {c for s, e in rr for c in range(min(s, e), max(s, e))}

    merged = merge_ranges(rs)
    assert chars(merged) == chars(rs)
    assert all(s < e for s, e in merged)
    assert all(merged[i][1] < merged[i + 1][0] for i in range(len(merged) - 1))
    assert chars(subtract_range(merged, a, b)) == chars(rs) - set(range(min(a, b), max(a, b)))


@settings(max_examples=50, deadline=None)
@given(
    st.builds(
        Response,
        selected=st.lists(st.integers(0, 5), unique=True).map(lambda x: tuple(sorted(x))),
        codes=st.dictionaries(st.text("abc", min_size=1), st.lists(st.text("AZ09.", min_size=1),
                              min_size=1).map(tuple)),
        flagged=st.booleans(),
        struck=st.lists(st.integers(0, 5), unique=True).map(lambda x: tuple(sorted(x))),
        highlights=ranges.map(merge_ranges),
        visited=st.booleans(),
    )
)
def test_response_json_round_trip(response):
    assert Response.from_json(response.to_json()) == response
