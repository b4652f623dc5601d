"""Readiness by domain with its uncertainty band, and a pass estimate when the
evidence allows one (model in core/planner/readiness.py, docs/planner.md).

``workspace.readiness``; reads the planner service (weights, self-ratings, the
practice results in the candidate's zone) and owns no data.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from readiness.core.planner.models import DomainResult
from readiness.core.planner.readiness import (
    Estimate,
    PassEstimate,
    domain_estimates,
    estimate_trend,
    pass_estimate,
)
from readiness.services.planner import PlannerService


class ReadinessService:
    def __init__(self, planner: PlannerService) -> None:
        self._planner = planner

    def _ratings(self) -> dict[str, int]:
        prefs = self._planner.preferences()
        return dict(prefs.self_ratings) if prefs else {}

    def estimates(self, results: Sequence[DomainResult] | None = None) -> dict[str, Estimate]:
        """Per blueprint domain (blueprint order): mean, 80 % band, evidence behind it."""
        return domain_estimates(list(self._planner.weights()), self._planner.results(results),
                                self._ratings(), self._planner.today_date())

    def pass_estimate(self, estimates: dict[str, Estimate] | None = None) -> PassEstimate:
        blueprint = self._planner.blueprint
        return pass_estimate(estimates or self.estimates(), self._planner.weights(),
                             blueprint.scale.cut_fraction)

    def trend(self) -> dict[str, list[tuple[date, Estimate]]]:
        """Per domain with results: the estimate and band after each day practised."""
        return estimate_trend(self._planner.results(), self._ratings())
