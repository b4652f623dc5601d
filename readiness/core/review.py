"""Spaced review of practice questions, scheduled with FSRS (docs/exam.md, "Spaced review").

Every multiple-choice item or scenario the candidate answers in a finished attempt
is one review card (the ``fsrs`` package's :class:`~fsrs.Card`).  The outcome of the
answer is the rating: incorrect -> Again, partly correct -> Hard, correct -> Good.
Easy is never given: a fast right answer on a four-option item is too often a
guess to push the item out by weeks.

The scheduler runs without learning steps (the minutes-apart repetitions of flash
card apps): an answer is reviewed at day granularity, so a miss comes back the
next day and right answers move out by days, then weeks.  Fuzzing is off, so the
same answers on the same days always give the same schedule.

Pure: no SQL, no Qt, no clock; the caller passes every time.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Any

from fsrs import Card, Rating, Scheduler, State

from readiness.core.exam.forms import Form
from readiness.core.exam.session import ExamSession, Response

SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)

RATING_NAMES = {Rating.Again: "again", Rating.Hard: "hard", Rating.Good: "good",
                Rating.Easy: "easy"}


def rating_for(earned: float, possible: float, answered: bool) -> Rating | None:
    """The FSRS rating of one answered screen; None when it was not answered (no card)."""
    if not answered or possible <= 0:
        return None
    if earned >= possible:
        return Rating.Good
    if earned > 0:
        return Rating.Hard
    return Rating.Again


@dataclass(frozen=True)
class ReviewCard:
    """One item's schedule: the FSRS card plus counts for the candidate."""

    ref: str  # item id or scenario id
    kind: str  # "item" or "scenario"
    card: Card
    reviews: int
    lapses: int  # answers rated Again
    last_rating: Rating

    @property
    def due(self) -> datetime:
        return self.card.due

    @property
    def state(self) -> State:
        return self.card.state

    def card_json(self) -> dict[str, Any]:
        return dict(self.card.to_dict())

    @staticmethod
    def card_from_json(data: dict[str, Any]) -> Card:
        return Card.from_dict(data)  # type: ignore[arg-type]


def _card_id(ref: str) -> int:
    """A stable id for the card (fsrs only copies it into its review log)."""
    return zlib.crc32(ref.encode("utf-8")) + 1


def review(previous: ReviewCard | None, ref: str, kind: str, rating: Rating,
           at: datetime) -> ReviewCard:
    """The card after one answer rated ``rating`` at ``at`` (aware)."""
    if at.tzinfo is None:
        raise ValueError("review times must be timezone-aware")
    at = at.astimezone(UTC)
    if previous is None:
        card = Card(card_id=_card_id(ref), due=at)
        reviews = lapses = 0
    else:
        card = previous.card
        reviews, lapses = previous.reviews, previous.lapses
        last = card.last_review
        if last is not None and at < last:  # the wall clock went back: never review "before"
            at = last
    new_card, _log = SCHEDULER.review_card(card, rating, at)
    return ReviewCard(ref=ref, kind=kind, card=new_card, reviews=reviews + 1,
                      lapses=lapses + (1 if rating is Rating.Again else 0), last_rating=rating)


def end_of_day(now: datetime, zone: tzinfo) -> datetime:
    """The first instant of tomorrow in ``zone``, in UTC: "due today" means due before it."""
    local = now.astimezone(zone)
    tomorrow = datetime.combine(local.date() + timedelta(days=1), time(0, 0), tzinfo=zone)
    return tomorrow.astimezone(UTC)


def due_refs(cards: Iterable[ReviewCard], until: datetime, limit: int | None = None
             ) -> list[str]:
    """Refs of the cards due before ``until``, most overdue first (ties by ref)."""
    due = sorted((c for c in cards if c.due < until), key=lambda c: (c.due, c.ref))
    refs = [c.ref for c in due]
    return refs if limit is None else refs[:limit]


def first_checked_responses(form: Form, events: Iterable[tuple[str, int | None, str | None]]
                            ) -> dict[int, Response]:
    """Tutor mode: each screen's answer as it stood when its key was first shown.

    ``events`` are the attempt's logged actions (kind, position, detail) in order.  The
    attempt is replayed from an empty session; at the first ``feedback`` event of a
    screen its response is taken.  An answer corrected after seeing the key is thus
    rated as first given, not as corrected.
    """
    session = ExamSession(form)
    found: dict[int, Response] = {}
    for kind, position, detail in events:
        if position is None or not 0 <= position < len(form.entries):
            continue
        try:
            if kind == "answer" and detail is not None:
                session.select(position, (int(i) for i in json.loads(detail)))
            elif kind == "codes" and detail is not None:
                question_id, codes = json.loads(detail)
                session.set_codes(position, str(question_id), [str(c) for c in codes])
            elif kind == "strike" and detail is not None:
                session.toggle_strike(position, int(detail))
            elif kind == "feedback" and position not in found:
                found[position] = session.response(position)
        except (ValueError, TypeError, IndexError):  # a malformed log line: skip it
            continue
    return found
