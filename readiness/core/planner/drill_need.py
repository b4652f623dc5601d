"""Code-book drills in the plan: which book a drill task asks for, and how drill
look-ups count as evidence on the coding-knowledge domain (need and readiness).

Which book.  Each installed book gets a weakness score from the candidate's drills
in it: ``1 - accuracy`` (accuracy pulled toward ``BOOK_PRIOR_ACCURACY`` as if
``BOOK_PRIOR_LOOKUPS`` look-ups had been made, so two misses do not decide) plus
``SLOW_WEIGHT`` times how far the median correct look-up is over the candidate's
target (0 at or under it, capped at twice the target).  A book never drilled counts
as ``UNDRILLED_SLOWNESS`` times the target.  Drill tasks pick from the weaker half,
weakest first.

Evidence.  A look-up tests finding a code, a smaller thing than an exam item tests,
so each counts as ``LOOKUP_WEIGHT`` of an answered item on the coding-knowledge
domain.  A correct look-up within the target earns full credit; a slower one earns
``target / seconds`` of it, never under ``SLOW_FLOOR``; a wrong, incomplete or
skipped look-up earns none.  One drill set is one result, dated by its last answer,
and goes through the same recency-weighted Beta model as practice (docs/planner.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from readiness.core.planner.models import DomainResult

DRILL_DOMAIN = "coding-knowledge"
LOOKUP_WEIGHT = 0.25
SLOW_FLOOR = 0.5
SLOW_WEIGHT = 0.5
BOOK_PRIOR_ACCURACY = 0.7
BOOK_PRIOR_LOOKUPS = 5.0
UNDRILLED_SLOWNESS = 1.5


@dataclass(frozen=True)
class BookEvidence:
    """What the candidate drilled in one book."""

    book: str
    answered: int
    correct: int
    median_seconds: float | None  # of correct look-ups


@dataclass(frozen=True)
class Lookup:
    """One answered look-up, as evidence reads it."""

    run_id: int
    book: str
    correct: bool
    seconds: float
    at: datetime


def book_weakness(evidence: BookEvidence | None, target_seconds: float) -> float:
    answered = evidence.answered if evidence else 0
    correct = evidence.correct if evidence else 0
    accuracy = ((correct + BOOK_PRIOR_ACCURACY * BOOK_PRIOR_LOOKUPS)
                / (answered + BOOK_PRIOR_LOOKUPS))
    seconds = evidence.median_seconds if evidence else None
    slowness = UNDRILLED_SLOWNESS if seconds is None else seconds / max(1.0, target_seconds)
    return (1.0 - accuracy) + SLOW_WEIGHT * min(2.0, max(0.0, slowness - 1.0))


def rank_books(books: Sequence[str], evidence: Mapping[str, BookEvidence],
               target_seconds: float) -> list[str]:
    """``books`` weakest first (ties by id, so the order is stable)."""
    return sorted(books, key=lambda b: (-book_weakness(evidence.get(b), target_seconds), b))


def lookup_credit(correct: bool, seconds: float, target_seconds: float) -> float:
    if not correct:
        return 0.0
    if seconds <= target_seconds:
        return 1.0
    return max(SLOW_FLOOR, target_seconds / seconds)


def drill_results(lookups: Iterable[Lookup], target_seconds: float,
                  domain: str = DRILL_DOMAIN) -> list[DomainResult]:
    """One weighted result per drill set, oldest first."""
    sets: dict[int, list[Lookup]] = {}
    for lookup in lookups:
        sets.setdefault(lookup.run_id, []).append(lookup)
    out = []
    for answers in sets.values():
        credit = sum(lookup_credit(a.correct, a.seconds, target_seconds) for a in answers)
        out.append(DomainResult(domain, LOOKUP_WEIGHT * credit, LOOKUP_WEIGHT * len(answers),
                                max(a.at for a in answers)))
    return sorted(out, key=lambda r: r.taken_at)
