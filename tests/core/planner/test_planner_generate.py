"""Plan generation and re-planning: examples and hypothesis properties."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.core.errors import InvalidInput
from readiness.core.planner.generate import (
    FINAL_WEEK_DAYS,
    allocate,
    generate_plan,
    missed_minutes,
    replan,
    study_capacity,
)
from readiness.core.planner.models import (
    SLOT_MINUTES,
    Plan,
    PlanSetup,
    SessionKind,
    SessionStatus,
)

WEIGHTS = {
    "coding-knowledge": 0.48,
    "coding-documentation": 0.20,
    "provider-queries": 0.12,
    "regulatory-compliance": 0.14,
    "information-technologies": 0.06,
}


def _setup(**kw: object) -> PlanSetup:
    base: dict[str, object] = {
        "start": date(2026, 1, 5),
        "end": date(2026, 3, 20),
        "availability": (120, 120, 60, 120, 0, 300, 240),
    }
    base.update(kw)
    return PlanSetup(**base)  # type: ignore[arg-type]


def _per_day(plan: Plan) -> Counter[date]:
    out: Counter[date] = Counter()
    for s in plan.sessions:
        out[s.day] += s.minutes
    return out


def test_example_plan_has_three_mocks_and_lighter_final_week() -> None:
    setup = _setup()
    plan = generate_plan(setup, WEIGHTS)
    mocks = plan.mocks
    assert len(mocks) == 3
    gaps = [(setup.end - m.day).days for m in mocks]
    assert all(abs(gap - weeks * 7) <= 3 for gap, weeks in zip(gaps, (6, 3, 1), strict=True))
    assert plan.notes == ()
    per_day = _per_day(plan)
    # a Monday in the final week gets 60% of its 120 minutes
    final_monday = date(2026, 3, 16)
    assert per_day[final_monday] == 60
    # the eve of the exam is short and never holds a mock
    eve = setup.end - timedelta(days=1)
    assert all(s.kind is SessionKind.STUDY for s in plan.on(eve))
    assert per_day[date(2026, 3, 9)] == 120  # an ordinary Monday is full


def test_shares_decide_the_split() -> None:
    plan = generate_plan(_setup(), WEIGHTS)
    total = plan.planned_minutes()
    ck = plan.planned_minutes("coding-knowledge")
    it = plan.planned_minutes("information-technologies")
    assert abs(ck / total - 0.48) < 0.02
    assert abs(it / total - 0.06) < 0.02


def test_mock_that_does_not_fit_is_reported() -> None:
    setup = _setup(availability=(120,) * 7)  # never four free hours
    plan = generate_plan(setup, WEIGHTS)
    assert plan.mocks == []
    assert len(plan.notes) == 3
    assert "free hours" in plan.notes[0]


def test_short_plan_leaves_out_early_mocks() -> None:
    setup = _setup(start=date(2026, 3, 1), availability=(300,) * 7)
    plan = generate_plan(setup, WEIGHTS)
    # the 3-week mock fits at the very start (its window reaches March 2), the 6-week one not
    assert [m.day for m in plan.mocks] == [date(2026, 3, 1), date(2026, 3, 13)]
    assert [n for n in plan.notes if "6 weeks" in n]
    assert len(plan.notes) == 1


def test_setup_rejects_bad_input() -> None:
    with pytest.raises(InvalidInput, match="after the start date"):
        _setup(end=date(2026, 1, 5))
    with pytest.raises(InvalidInput, match="Tuesday"):
        _setup(availability=(60, 2000, 0, 0, 0, 0, 0))
    with pytest.raises(InvalidInput, match="self-rating"):
        _setup(self_ratings={"coding-knowledge": 9})


def test_allocate_gives_every_domain_a_slot_and_adds_up() -> None:
    out = allocate(7, WEIGHTS)
    assert sum(out.values()) == 7
    assert min(out.values()) >= 1
    assert allocate(3, WEIGHTS) == {
        "coding-knowledge": 2, "coding-documentation": 1, "provider-queries": 0,
        "regulatory-compliance": 0, "information-technologies": 0,
    }


def test_replan_moves_missed_work_forward() -> None:
    setup = _setup()
    plan = generate_plan(setup, WEIGHTS)
    today = date(2026, 1, 19)
    # done on the first Monday, everything else in the first two weeks missed
    first = plan.on(date(2026, 1, 5))[0]
    marked = Plan(tuple(
        replace(s, status=SessionStatus.DONE)
        if s.id == first.id else s
        for s in plan.sessions
    ))
    missed = missed_minutes(marked, today)
    assert sum(missed.values()) > 0
    again = replan(setup, marked, WEIGHTS, today)
    assert again.by_id()[first.id].status is SessionStatus.DONE
    # past sessions are kept exactly
    assert [s for s in again.sessions if s.day < today] == [
        s for s in marked.sessions if s.day < today
    ]
    # the domain that lost most time gains share in the future
    future_old = Counter(
        s.domain for s in plan.sessions if s.day >= today for _ in range(s.minutes)
    )
    future_new = Counter(
        s.domain for s in again.sessions if s.day >= today for _ in range(s.minutes)
    )
    assert sum(future_new.values()) == sum(future_old.values())
    worst = max(missed, key=lambda d: missed[d] / WEIGHTS[d])
    assert future_new[worst] >= future_old[worst]


def test_skipping_today_frees_today() -> None:
    setup = _setup()
    plan = generate_plan(setup, WEIGHTS)
    today = date(2026, 1, 10)  # a Saturday, 300 minutes
    todays = plan.on(today)
    skipped = todays[0]
    marked = Plan(tuple(
        replace(s, status=SessionStatus.SKIPPED)
        if s.id == skipped.id else s
        for s in plan.sessions
    ))
    again = replan(setup, marked, WEIGHTS, today)
    assert again.by_id()[skipped.id].status is SessionStatus.SKIPPED
    assert _per_day(again)[today] <= setup.available_minutes(today)
    assert not [s for s in again.on(today) if s.domain == skipped.domain and not s.skipped]


# ---------------------------------------------------------------- properties

minutes = st.sampled_from([0, 0, 30, 45, 60, 90, 100, 120, 180, 240, 300, 400])


@st.composite
def setups(draw: st.DrawFn) -> PlanSetup:
    start = draw(st.dates(date(2025, 1, 1), date(2027, 12, 31)))
    length = draw(st.integers(2, 120))
    end = start + timedelta(days=length)
    availability = tuple(draw(st.lists(minutes, min_size=7, max_size=7)))
    blackouts = draw(st.frozensets(
        st.dates(start, end), max_size=10
    ))
    return PlanSetup(start, end, availability, blackouts)  # type: ignore[arg-type]


weights = st.fixed_dictionaries({d: st.floats(0.01, 1.0) for d in WEIGHTS})
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_invariants(setup: PlanSetup, plan: Plan) -> None:
    per_day = _per_day(plan)
    for day, used in per_day.items():
        assert used <= setup.available_minutes(day), day
        assert setup.start <= day < setup.end
        assert day not in setup.blackouts
    for s in plan.sessions:
        assert s.minutes > 0 and s.minutes % SLOT_MINUTES == 0
        if s.kind is SessionKind.MOCK:
            assert s.day <= setup.end - timedelta(days=2)
    ids = [s.id for s in plan.sessions]
    assert len(ids) == len(set(ids))


@FAST
@given(setups(), weights)
def test_generated_plan_properties(setup: PlanSetup, shares: dict[str, float]) -> None:
    plan = generate_plan(setup, shares)
    _check_invariants(setup, plan)
    # every slot of capacity is used: totals match availability within rounding
    mock_days = {m.day for m in plan.mocks}
    expected = sum(
        study_capacity(setup, d, setup.mock_minutes if d in mock_days else 0)
        + (setup.mock_minutes if d in mock_days else 0)
        for d in setup.days()
    )
    assert sum(s.minutes for s in plan.sessions) == expected
    assert expected <= sum(setup.available_minutes(d) for d in setup.days())
    # a week never exceeds its availability, the final week is lighter
    for d in setup.days():
        if (setup.end - d).days <= FINAL_WEEK_DAYS and d not in mock_days:
            assert _per_day(plan)[d] <= setup.available_minutes(d) * 0.6 + 1e-9
    # every domain gets time when there are at least as many study slots as domains
    study_slots = plan.planned_minutes() // SLOT_MINUTES
    covered = {s.domain for s in plan.sessions if s.kind is SessionKind.STUDY}
    if study_slots >= len(shares):
        assert covered == set(shares)
    # nothing after the exam
    assert all(s.day < setup.end for s in plan.sessions)


@FAST
@given(setups(), weights, st.data())
def test_replan_properties(setup: PlanSetup, shares: dict[str, float], data: st.DataObject) -> None:
    plan = generate_plan(setup, shares)
    today = data.draw(st.dates(setup.start, setup.end))
    statuses = data.draw(st.lists(
        st.sampled_from(list(SessionStatus)), min_size=len(plan.sessions),
        max_size=len(plan.sessions),
    ))
    marked = Plan(tuple(
        replace(s, status=status)
        if s.day <= today else s
        for s, status in zip(plan.sessions, statuses, strict=True)
    ))
    again = replan(setup, marked, shares, today)
    _check_invariants(setup, again)
    new = again.by_id()
    for s in marked.sessions:
        if s.status is not SessionStatus.PLANNED or s.day < today:
            assert new[s.id] == s  # done, skipped and past work is kept exactly
    # the future is full again: capacity left after kept work is used
    kept_today = sum(
        s.minutes for s in marked.sessions
        if s.day == today and s.status is not SessionStatus.PLANNED
    )
    future = [d for d in setup.days() if d >= today]
    mock_days = {m.day for m in again.mocks if m.day >= today and m.status is SessionStatus.PLANNED}
    expected = sum(
        study_capacity(
            setup,
            d,
            (setup.mock_minutes if d in mock_days else 0) + (kept_today if d == today else 0),
        )
        + (setup.mock_minutes if d in mock_days else 0)
        for d in future
    )
    planned_future = sum(
        s.minutes for s in again.sessions if s.day >= today and s.status is SessionStatus.PLANNED
    )
    assert planned_future == expected
