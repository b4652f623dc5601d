"""The need model: self-ratings first, recent practice results later."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.core.errors import InvalidInput
from readiness.core.planner.models import DomainResult
from readiness.core.planner.need import (
    NEED_FLOOR,
    domain_needs,
    estimate_accuracy,
    mastery_trend,
    shares,
)

WEIGHTS = {"a": 0.5, "b": 0.3, "c": 0.2}
TODAY = date(2026, 3, 1)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 15, tzinfo=UTC)


def test_self_rating_decides_before_results() -> None:
    needs = domain_needs(WEIGHTS, [], {"a": 5, "b": 1}, TODAY)
    by = {n.domain: n for n in needs}
    assert by["b"].need > by["c"].need > by["a"].need  # c has the default rating 3
    assert all(n.answered == 0 for n in needs)
    assert sum(n.share for n in needs) == pytest.approx(1.0)


def test_results_outweigh_rating_and_recent_counts_more() -> None:
    old_bad_new_good = [
        DomainResult("a", 2, 20, _at(date(2025, 12, 1))),
        DomainResult("a", 19, 20, _at(date(2026, 2, 28))),
    ]
    old_good_new_bad = [
        DomainResult("a", 19, 20, _at(date(2025, 12, 1))),
        DomainResult("a", 2, 20, _at(date(2026, 2, 28))),
    ]
    good, _ = estimate_accuracy(old_bad_new_good, 1, TODAY)
    bad, answered = estimate_accuracy(old_good_new_bad, 5, TODAY)
    assert good > 0.7 > 0.4 > bad
    assert answered == 40


def test_future_results_are_ignored() -> None:
    acc, answered = estimate_accuracy([DomainResult("a", 0, 50, _at(date(2026, 4, 1)))], 3, TODAY)
    assert answered == 0 and acc == pytest.approx(0.62)


def test_bad_result_rejected() -> None:
    with pytest.raises(InvalidInput):
        DomainResult("a", 5, 3, _at(TODAY))


def test_mastery_trend_per_day() -> None:
    results = [
        DomainResult("a", 5, 10, _at(date(2026, 2, 1))),
        DomainResult("a", 9, 10, _at(date(2026, 2, 8))),
        DomainResult("a", 10, 10, _at(date(2026, 2, 8))),
    ]
    trend = mastery_trend(results)
    assert [d for d, _ in trend["a"]] == [date(2026, 2, 1), date(2026, 2, 8)]
    assert trend["a"][1][1] > trend["a"][0][1]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(
    st.sampled_from(list(WEIGHTS)), st.integers(0, 30), st.integers(0, 30),
    st.dates(date(2025, 6, 1), date(2026, 3, 1)),
), max_size=30), st.dictionaries(st.sampled_from(list(WEIGHTS)), st.integers(1, 5)))
def test_shares_are_a_distribution(raw: list[tuple[str, int, int, date]],
                                   ratings: dict[str, int]) -> None:
    results = [DomainResult(d, min(a, b), max(a, b), _at(day)) for d, a, b, day in raw]
    needs = domain_needs(WEIGHTS, results, ratings, TODAY)
    split = shares(needs)
    assert list(split) == list(WEIGHTS)
    assert sum(split.values()) == pytest.approx(1.0)
    assert all(v > 0 for v in split.values())
    assert all(NEED_FLOOR <= n.need <= 1 and 0 <= n.accuracy <= 1 for n in needs)


def test_partial_credit_results() -> None:
    acc, answered = estimate_accuracy([DomainResult("a", 2.5, 4.0, _at(TODAY))], 3, TODAY)
    assert answered == 4 and 0.6 < acc < 0.63
