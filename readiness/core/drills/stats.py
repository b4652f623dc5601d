"""Look-up speed and accuracy per book, from the stored answers (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

from readiness.core.drills.models import BookStats, DrillBook

RECENT = 20  # correct look-ups the "recent" speed is taken over


@dataclass(frozen=True)
class AnswerRow:
    """One stored answer, as the statistics read it (oldest first)."""

    book: DrillBook
    correct: bool
    seconds: float


def book_stats(rows: Iterable[AnswerRow]) -> dict[DrillBook, BookStats]:
    by_book: dict[DrillBook, list[AnswerRow]] = {}
    for row in rows:
        by_book.setdefault(row.book, []).append(row)
    out: dict[DrillBook, BookStats] = {}
    for book, answers in by_book.items():
        times = [a.seconds for a in answers if a.correct]
        out[book] = BookStats(
            book=book, answered=len(answers), correct=len(times),
            median_seconds=median(times) if times else None,
            recent_median_seconds=median(times[-RECENT:]) if times else None,
        )
    return out


def speed_verdict(seconds: float | None, target: float) -> str:
    """How a median look-up time compares with the candidate's target."""
    if seconds is None:
        return "no correct look-ups yet"
    if seconds <= target:
        return f"{seconds:.0f} s per look-up, within your {target:.0f} s target"
    return f"{seconds:.0f} s per look-up, {seconds - target:.0f} s over your {target:.0f} s target"
