"""Spaced review core: ratings, FSRS scheduling, due order, tutor-mode first answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fsrs import Rating, State
from hypothesis import given
from hypothesis import strategies as st

from readiness.core.exam.forms import Form, FormEntry, FormSpec, Mode
from readiness.core.review import (
    ReviewCard,
    due_refs,
    end_of_day,
    first_checked_responses,
    rating_for,
    review,
)

T0 = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


def test_ratings_follow_the_outcome() -> None:
    assert rating_for(0, 1, answered=True) is Rating.Again
    assert rating_for(2, 5, answered=True) is Rating.Hard
    assert rating_for(1, 1, answered=True) is Rating.Good
    assert rating_for(5, 5, answered=True) is Rating.Good
    assert rating_for(0, 1, answered=False) is None  # never answered: no card


def test_a_miss_comes_back_sooner_than_a_right_answer() -> None:
    wrong = review(None, "a", "item", Rating.Again, T0)
    partial = review(None, "b", "scenario", Rating.Hard, T0)
    right = review(None, "c", "item", Rating.Good, T0)
    assert wrong.due == T0 + timedelta(days=1)
    assert wrong.due <= partial.due < right.due
    assert right.state is State.Review
    assert (wrong.reviews, wrong.lapses) == (1, 1)
    assert (right.reviews, right.lapses) == (1, 0)


def test_repeated_right_answers_push_the_due_date_out() -> None:
    card: ReviewCard | None = None
    at = T0
    intervals = []
    for _ in range(5):
        card = review(card, "a", "item", Rating.Good, at)
        intervals.append(card.due - at)
        at = card.due
    assert intervals == sorted(intervals) and intervals[-1] > intervals[0] * 10
    assert card is not None and card.reviews == 5


def test_a_lapse_brings_a_learnt_item_back_soon() -> None:
    card = review(None, "a", "item", Rating.Good, T0)
    card = review(card, "a", "item", Rating.Good, card.due)
    before = card.due
    lapsed = review(card, "a", "item", Rating.Again, before)
    assert lapsed.due - before < timedelta(days=4)
    assert lapsed.lapses == 1


def test_the_card_round_trips_through_json() -> None:
    card = review(None, "a", "item", Rating.Hard, T0)
    copy = ReviewCard.card_from_json(json.loads(json.dumps(card.card_json())))
    assert copy.due == card.due and copy.stability == card.card.stability


def test_naive_times_are_refused_and_a_clock_going_back_is_clamped() -> None:
    with pytest.raises(ValueError):
        review(None, "a", "item", Rating.Good, datetime(2026, 3, 2))
    card = review(None, "a", "item", Rating.Good, T0)
    again = review(card, "a", "item", Rating.Good, T0 - timedelta(days=3))
    assert again.card.last_review == T0


def test_due_today_ends_at_local_midnight() -> None:
    chicago = ZoneInfo("America/Chicago")
    # 14:00 UTC is 08:00 in Chicago; the day ends at 06:00 UTC the next morning.
    assert end_of_day(T0, chicago) == datetime(2026, 3, 3, 6, 0, tzinfo=UTC)
    late = datetime(2026, 3, 3, 3, 0, tzinfo=UTC)  # 21:00 on 2 March in Chicago
    assert end_of_day(late, chicago) == datetime(2026, 3, 3, 6, 0, tzinfo=UTC)


@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(list(Rating))), min_size=0,
                max_size=30, unique_by=lambda t: t[0]))
def test_due_refs_are_exactly_the_due_cards_oldest_first(spec: list[tuple[int, Rating]]) -> None:
    cards = [review(None, f"r{minutes}", "item", rating, T0 + timedelta(minutes=minutes))
             for minutes, rating in spec]
    until = T0 + timedelta(days=3)
    refs = due_refs(cards, until)
    assert set(refs) == {c.ref for c in cards if c.due < until}
    dues = {c.ref: c.due for c in cards}
    assert [dues[r] for r in refs] == sorted(dues[r] for r in refs)
    assert due_refs(cards, until, limit=2) == refs[:2]


def _form() -> Form:
    spec = FormSpec(mode=Mode.CUSTOM, blueprint_id="x", seed=1, tutor=True)
    return Form(spec, (FormEntry("i1", "single", "d"), FormEntry("s1", "scenario", "d"),
                       FormEntry("i2", "single", "d")))


def test_tutor_mode_rates_the_answer_the_key_was_shown_for() -> None:
    events = [
        ("go", 0, None),
        ("answer", 0, "[2]"),
        ("feedback", 0, None),
        ("answer", 0, "[1]"),  # corrected after seeing the key
        ("feedback", 0, None),
        ("codes", 1, json.dumps(["q1", ["J18.9"]])),
        ("feedback", 1, None),
        ("codes", 1, json.dumps(["q1", ["J44.1"]])),
        ("answer", 2, "[3]"),  # never checked: the final answer counts
        ("strike", 2, "3"),
        ("answer", 7, "[1]"),  # a position outside the form is ignored
        ("answer", 2, "not json"),  # a malformed line is skipped
    ]
    checked = first_checked_responses(_form(), events)
    assert set(checked) == {0, 1}
    assert checked[0].selected == (2,)
    assert dict(checked[1].codes) == {"q1": ("J18.9",)}
