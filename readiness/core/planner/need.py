"""How much each domain needs study: the weight × need share of plan time.

Need is ``1 - estimated accuracy``.  Accuracy is a recency-weighted average of
practice results (a result loses half its say every ``HALF_LIFE_DAYS``), pulled
toward a prior that comes from the candidate's self-rating.  Before any result
exists the self-rating alone decides; after a few dozen answered questions the
results dominate.  A floor keeps a strong domain from vanishing from the plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from readiness.core.planner.models import DomainResult

HALF_LIFE_DAYS = 21.0
#: How many answered questions the self-rating is worth.
PRIOR_WEIGHT = 8.0
#: Self-rating 1 (new to this) ... 5 (confident) as an expected accuracy.
RATING_ACCURACY = {1: 0.35, 2: 0.5, 3: 0.62, 4: 0.74, 5: 0.85}
DEFAULT_RATING = 3
NEED_FLOOR = 0.1


@dataclass(frozen=True)
class DomainNeed:
    domain: str
    weight: float
    accuracy: float  # estimated, 0..1
    need: float  # 1 - accuracy, floored
    answered: int  # questions behind the estimate (0: self-rating only)
    share: float  # fraction of study time, sums to 1 over domains


def as_date(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def recency_weight(taken: date, as_of: date) -> float:
    age = max(0, (as_of - taken).days)
    return 0.5 ** (age / HALF_LIFE_DAYS)


@dataclass(frozen=True)
class Evidence:
    """Recency-weighted right (``a``) and wrong (``b``) answers, the self-rating's prior
    included; ``weighted`` counts the results' weighted questions, ``answered`` all of them."""

    a: float
    b: float
    weighted: float
    answered: float


def weigh(results: Iterable[DomainResult], rating: int | None, as_of: date) -> Evidence:
    """The evidence for one domain as of ``as_of`` (later results are ignored)."""
    prior = RATING_ACCURACY.get(rating or DEFAULT_RATING, RATING_ACCURACY[DEFAULT_RATING])
    a, b = prior * PRIOR_WEIGHT, (1.0 - prior) * PRIOR_WEIGHT
    weighted, answered = 0.0, 0.0
    for result in results:
        taken = as_date(result.taken_at)
        if taken > as_of:
            continue
        w = recency_weight(taken, as_of)
        a += w * result.correct
        b += w * (result.total - result.correct)
        weighted += w * result.total
        answered += result.total
    return Evidence(a, b, weighted, answered)


def estimate_accuracy(
    results: Iterable[DomainResult], rating: int | None, as_of: date
) -> tuple[float, int]:
    evidence = weigh(results, rating, as_of)
    return evidence.a / (evidence.a + evidence.b), round(evidence.answered)


def domain_needs(
    weights: Mapping[str, float],
    results: Sequence[DomainResult],
    ratings: Mapping[str, int],
    as_of: date,
) -> list[DomainNeed]:
    """One DomainNeed per domain of ``weights`` (blueprint order kept); results
    for unknown domains are ignored."""
    raw: list[tuple[str, float, float, float, int]] = []
    for domain, weight in weights.items():
        accuracy, answered = estimate_accuracy(
            (r for r in results if r.domain == domain), ratings.get(domain), as_of
        )
        need = max(NEED_FLOOR, 1.0 - accuracy)
        raw.append((domain, weight, accuracy, need, answered))
    total = sum(w * n for _, w, _, n, _ in raw) or 1.0
    return [
        DomainNeed(d, w, a, n, answered, (w * n) / total) for d, w, a, n, answered in raw
    ]


def shares(needs: Sequence[DomainNeed]) -> dict[str, float]:
    return {n.domain: n.share for n in needs}


def mastery_trend(
    results: Sequence[DomainResult], ratings: Mapping[str, int] | None = None
) -> dict[str, list[tuple[date, float]]]:
    """Per domain, the estimated accuracy after each day that has results."""
    ratings = ratings or {}
    by_domain: dict[str, list[DomainResult]] = {}
    for result in results:
        by_domain.setdefault(result.domain, []).append(result)
    trend: dict[str, list[tuple[date, float]]] = {}
    for domain, items in by_domain.items():
        days = sorted({as_date(r.taken_at) for r in items})
        trend[domain] = [
            (day, estimate_accuracy(items, ratings.get(domain), day)[0]) for day in days
        ]
    return trend
