"""Spaced review (``workspace.review``): FSRS cards for the questions a candidate answers.

:meth:`ReviewService.record_attempt` is registered as a finish hook of the exam
service: it runs inside the transaction that closes an attempt, so the score and
the cards of that attempt are committed together.  Rules in docs/exam.md,
"Spaced review".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from fsrs import Rating

from readiness.core.clock import Clock
from readiness.core.exam.forms import FormSpec, Mode
from readiness.core.exam.scoring import ExamResult, score_entry
from readiness.core.review import (
    ReviewCard,
    due_refs,
    end_of_day,
    first_checked_responses,
    rating_for,
    review,
)
from readiness.services.exams import ExamRun
from readiness.storage.review import ReviewRepository

DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class DueSummary:
    due_today: int  # cards due before the end of the candidate's day
    overdue: int  # of those, due before today began
    next_day: date | None  # the next day after today with cards due (local)
    next_count: int  # how many fall due that day
    cards: int  # every card (items answered at least once)

    def next_text(self) -> str:
        if self.next_day is None:
            return ""
        return f"next: {self.next_count} on {self.next_day:%a %d %b}"


class ReviewService:
    def __init__(self, repo: ReviewRepository, clock: Clock,
                 zone: Callable[[], tzinfo] = lambda: UTC,
                 known_refs: Callable[[], set[str]] | None = None) -> None:
        self.repo = repo
        self.clock = clock
        self._zone = zone
        self._known_refs = known_refs  # refs still in the bank (others are never offered)

    # -- recording -------------------------------------------------------------------------
    def record_attempt(self, run: ExamRun, result: ExamResult, at: datetime) -> int:
        """Rate every answered screen of a finished attempt; returns the cards written."""
        checked = {}
        if run.spec.tutor:
            events = ((e.kind, e.position, e.detail) for e in run.service.repo.events(
                run.attempt_id))
            checked = first_checked_responses(run.form, events)
        entries = {e.position: e for e in result.entries}
        rated = []
        for position, entry in enumerate(run.form.entries):
            if position not in entries:  # no longer in the bank
                continue
            final = run.session.response(position)
            response = checked.get(position, final)
            scored = (entries[position] if position not in checked
                      else score_entry(run.bank, position, entry, response))
            rating = rating_for(scored.earned, scored.possible, response.answered)
            if rating is None and final.answered:  # answered only after looking at the key
                rating = Rating.Again
            if rating is not None:
                rated.append((entry.ref, "scenario" if entry.kind == "scenario" else "item",
                              rating))
        if not rated:
            return 0
        previous = self.repo.cards(ref for ref, _kind, _rating in rated)
        cards = [review(previous.get(ref), ref, kind, rating, at) for ref, kind, rating in rated]
        self.repo.record(run.attempt_id, at, cards)
        return len(cards)

    # -- reading ---------------------------------------------------------------------------
    def cards(self, check_bank: bool = True) -> list[ReviewCard]:
        """Every card still in the bank (any card without ``check_bank``), soonest due first."""
        cards = list(self.repo.cards().values())
        known = (self._known_refs() if cards and check_bank and self._known_refs is not None
                 else None)
        cards = [c for c in cards if known is None or c.ref in known]
        return sorted(cards, key=lambda c: (c.due, c.ref))

    def due(self, limit: int | None = None) -> list[str]:
        """Refs due today (before the candidate's midnight), most overdue first."""
        return due_refs(self.cards(), end_of_day(self.clock.now(), self._zone()), limit)

    def summary(self, check_bank: bool = True) -> DueSummary:
        """Counts for the start page; the dashboard skips reading the bank (start-up time)."""
        now = self.clock.now()
        zone = self._zone()
        cards = self.cards(check_bank)
        until = end_of_day(now, zone)
        today = now.astimezone(zone).date()
        due = [c for c in cards if c.due < until]
        later = [c for c in cards if c.due >= until]
        next_day = later[0].due.astimezone(zone).date() if later else None
        next_count = sum(1 for c in later if c.due.astimezone(zone).date() == next_day)
        overdue = sum(1 for c in due if c.due.astimezone(zone).date() < today)
        return DueSummary(len(due), overdue, next_day, next_count, len(cards))

    def spec(self, blueprint_id: str, seed: int, limit: int | None = DEFAULT_LIMIT) -> FormSpec:
        """An untimed tutor-mode form of the cards due today, most overdue first."""
        return FormSpec(mode=Mode.REVIEW, blueprint_id=blueprint_id, seed=seed, tutor=True,
                        time_limit_s=None, refs=tuple(self.due(limit)))
