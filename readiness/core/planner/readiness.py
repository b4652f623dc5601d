"""Readiness with its uncertainty: a recency-weighted Beta posterior per domain.

Model (docs/planner.md, "Readiness"): a domain's accuracy has a Beta prior whose
mean is the self-rating's expected accuracy and whose strength is
``PRIOR_WEIGHT`` answered items; every answered point of practice adds to the
posterior with the recency weight of the need model (half its say every
``HALF_LIFE_DAYS``).  The estimate is the posterior mean (the same number the
planner's need model uses) and the band is its central 80 % interval, so the
band is wide while evidence is thin or old and narrows as practice builds up.
Items left unanswered are never evidence here: they say how the candidate
paced, not what they know.

A pass estimate is offered only once there is enough recent evidence on the
domains that carry most of the exam, and it is always an estimate: the raw cut
score is itself an assumption of the blueprint.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from readiness.core.planner.models import DomainResult
from readiness.core.planner.need import as_date, weigh

BAND = 0.80
#: Recency-weighted answered points a domain needs before it counts toward a pass estimate.
PASS_MIN_DOMAIN_EVIDENCE = 5.0
#: ... and in all, over the domains.
PASS_MIN_TOTAL_EVIDENCE = 40.0
#: Domains lighter than this may be thin without blocking the pass estimate.
PASS_MIN_WEIGHT = 0.10
#: Scored items on the exam: even a known accuracy scores differently form to form.
EXAM_SCORED_ITEMS = 97


@dataclass(frozen=True)
class Estimate:
    mean: float
    low: float
    high: float
    evidence: float  # recency-weighted answered points behind it (0: self-rating only)
    answered: int  # answered points, unweighted

    @property
    def width(self) -> float:
        return self.high - self.low


@dataclass(frozen=True)
class PassEstimate:
    probability: float | None  # None: not enough evidence yet
    expected_percent: float | None
    reason: str  # what it rests on, or what is missing


# -- the Beta distribution, without scipy --------------------------------------------------
def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction for the incomplete beta function (Lentz's method)."""
    tiny = 1e-30
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-12:
            break
    return h


def beta_cdf(x: float, a: float, b: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                 + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _betacf(a, b, x) / a
    return 1.0 - math.exp(log_front) * _betacf(b, a, 1.0 - x) / b


def beta_quantile(p: float, a: float, b: float) -> float:
    lo, hi = 0.0, 1.0
    for _ in range(60):  # bisection: 2**-60 is far below what anyone reads
        mid = (lo + hi) / 2
        if beta_cdf(mid, a, b) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


# -- estimates -------------------------------------------------------------------------------
def estimate(results: Iterable[DomainResult], rating: int | None, as_of: date,
             band: float = BAND) -> Estimate:
    ev = weigh(results, rating, as_of)
    tail = (1.0 - band) / 2
    return Estimate(ev.a / (ev.a + ev.b), beta_quantile(tail, ev.a, ev.b),
                    beta_quantile(1.0 - tail, ev.a, ev.b), ev.weighted, round(ev.answered))


def domain_estimates(domains: Sequence[str], results: Sequence[DomainResult],
                     ratings: Mapping[str, int], as_of: date) -> dict[str, Estimate]:
    return {d: estimate((r for r in results if r.domain == d), ratings.get(d), as_of)
            for d in domains}


def estimate_trend(results: Sequence[DomainResult], ratings: Mapping[str, int] | None = None
                   ) -> dict[str, list[tuple[date, Estimate]]]:
    """Per domain, the estimate and its band after each day that has results."""
    ratings = ratings or {}
    by_domain: dict[str, list[DomainResult]] = {}
    for r in results:
        by_domain.setdefault(r.domain, []).append(r)
    return {
        domain: [(day, estimate(items, ratings.get(domain), day))
                 for day in sorted({as_date(r.taken_at) for r in items})]
        for domain, items in by_domain.items()
    }


def pass_estimate(estimates: Mapping[str, Estimate], weights: Mapping[str, float],
                  cut_fraction: float) -> PassEstimate:
    """The chance that the weighted score reaches the cut, from the domain posteriors
    (normal approximation of their weighted sum), or why there is none yet."""
    thin = [d for d, w in weights.items()
            if w >= PASS_MIN_WEIGHT and estimates[d].evidence < PASS_MIN_DOMAIN_EVIDENCE]
    total = sum(e.evidence for e in estimates.values())
    if thin or total < PASS_MIN_TOTAL_EVIDENCE:
        return PassEstimate(None, None, (
            f"No pass estimate yet: it needs about {PASS_MIN_TOTAL_EVIDENCE:.0f} recent answered "
            f"points, at least {PASS_MIN_DOMAIN_EVIDENCE:.0f} in each major domain "
            f"(now {total:.0f})."))
    weight_sum = sum(weights.values()) or 1.0
    mean = sum(weights[d] * estimates[d].mean for d in weights) / weight_sum
    var = 0.0
    for d, w in weights.items():
        e = estimates[d]
        # Posterior variance from the band: an 80 % central interval spans ±1.2816 sd.
        sd = e.width / (2 * 1.2816)
        var += (w / weight_sum) ** 2 * sd * sd
    var += mean * (1.0 - mean) / EXAM_SCORED_ITEMS
    sd_all = math.sqrt(var) or 1e-9
    z = (mean - cut_fraction) / sd_all
    probability = 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))
    return PassEstimate(probability, 100.0 * mean, (
        f"Estimate from recent practice, assuming {cut_fraction:.0%} of the points passes "
        "(AHIMA does not publish the cut)."))
