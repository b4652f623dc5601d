"""Readiness bands: a recency-weighted Beta posterior and its 80 % interval."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from readiness.core.planner.models import DomainResult
from readiness.core.planner.need import estimate_accuracy
from readiness.core.planner.readiness import (
    beta_cdf,
    beta_quantile,
    domain_estimates,
    estimate,
    pass_estimate,
)

DAY = date(2026, 3, 2)


def result(correct: float, total: float, day: date = DAY, domain: str = "d") -> DomainResult:
    return DomainResult(domain, correct, total, datetime(day.year, day.month, day.day, 12))


def test_beta_functions_match_known_values() -> None:
    assert beta_cdf(0.5, 2, 2) == pytest.approx(0.5)
    assert beta_cdf(0.3, 1, 1) == pytest.approx(0.3)
    assert beta_cdf(0.2, 2, 5) == pytest.approx(0.34464, abs=1e-4)
    assert beta_quantile(0.9, 1, 1) == pytest.approx(0.9, abs=1e-9)


def test_the_mean_is_the_need_models_estimate() -> None:
    results = [result(6, 10), result(9, 10, date(2026, 2, 1))]
    assert estimate(results, 2, DAY).mean == pytest.approx(estimate_accuracy(results, 2, DAY)[0])


def test_the_band_narrows_with_evidence_and_widens_as_it_ages() -> None:
    none = estimate([], None, DAY)
    some = estimate([result(7, 10)], None, DAY)
    lots = estimate([result(70, 100)], None, DAY)
    assert none.low < none.mean < none.high
    assert none.width > some.width > lots.width
    aged = estimate([result(70, 100)], None, date(2026, 6, 1))
    assert aged.width > lots.width
    assert none.evidence == 0 and lots.answered == 100


def test_no_pass_estimate_without_enough_evidence() -> None:
    weights = {"a": 0.5, "b": 0.5}
    thin = domain_estimates(["a", "b"], [result(9, 10, domain="a")], {}, DAY)
    verdict = pass_estimate(thin, weights, 0.7)
    assert verdict.probability is None and "No pass estimate yet" in verdict.reason


def test_pass_estimate_is_an_estimate_that_follows_accuracy() -> None:
    weights = {"a": 0.5, "b": 0.5}
    strong = domain_estimates(["a", "b"], [result(45, 50, domain="a"),
                                           result(44, 50, domain="b")], {}, DAY)
    weak = domain_estimates(["a", "b"], [result(25, 50, domain="a"),
                                         result(26, 50, domain="b")], {}, DAY)
    high, low = pass_estimate(strong, weights, 0.7), pass_estimate(weak, weights, 0.7)
    assert high.probability is not None and low.probability is not None
    assert high.probability > 0.9 > 0.1 > low.probability
    assert "Estimate" in high.reason
