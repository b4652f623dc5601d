"""Spaced-review cards (one per item or scenario answered) and the log of their reviews.

The FSRS card is kept whole as JSON; ``due`` is copied into its own column (UTC,
fixed-width ISO text, so text order is time order) for the "due today" queries.
A review is logged once per attempt and item: ``UNIQUE(attempt_id, ref)`` makes
recording an attempt a second time a no-op instead of a double review.
The tables stand alone (no foreign key into the exam tables): deleting an attempt
from the history does not undo what the candidate has learnt.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from fsrs import Rating

from readiness.core.review import ReviewCard
from readiness.storage.db import Database

# Tables: readiness/storage/schema_steps.py (V7_REVIEW); changed only by a new step.


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class ReviewLogRow:
    ref: str
    attempt_id: int
    rating: Rating
    reviewed_at: datetime
    due_after: datetime


class ReviewRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    @staticmethod
    def _card(r: sqlite3.Row) -> ReviewCard:
        return ReviewCard(
            ref=r["ref"],
            kind=r["kind"],
            card=ReviewCard.card_from_json(json.loads(r["card_json"])),
            reviews=int(r["reviews"]),
            lapses=int(r["lapses"]),
            last_rating=Rating(int(r["last_rating"])),
        )

    def cards(self, refs: Iterable[str] | None = None) -> dict[str, ReviewCard]:
        """Every card, or those of ``refs``."""
        columns = "ref, kind, card_json, reviews, lapses, last_rating"
        if refs is None:
            rows = self.db.query(f"SELECT {columns} FROM review_cards ORDER BY due, ref")
        else:
            wanted = sorted(set(refs))
            rows = []
            for start in range(0, len(wanted), 500):  # stay under SQLite's variable limit
                chunk = wanted[start:start + 500]
                rows += self.db.query(
                    f"SELECT {columns} FROM review_cards WHERE ref IN "
                    f"({','.join('?' * len(chunk))})", chunk)
        return {r["ref"]: self._card(r) for r in rows}

    def reviewed(self, attempt_id: int) -> bool:
        return self.db.query_one("SELECT 1 FROM review_log WHERE attempt_id = ? LIMIT 1",
                                 (attempt_id,)) is not None

    def record(self, attempt_id: int, at: datetime, cards: Iterable[ReviewCard]) -> None:
        """Save the cards reviewed in one attempt, in one transaction (joins an open one)."""
        with self.db.transaction() as conn:
            for card in cards:
                inserted = conn.execute(
                    "INSERT OR IGNORE INTO review_log(ref, attempt_id, rating, reviewed_at, "
                    "due_after) VALUES (?, ?, ?, ?, ?)",
                    (card.ref, attempt_id, int(card.last_rating), _stamp(at), _stamp(card.due)),
                ).rowcount
                if not inserted:  # this attempt was already counted for this item
                    continue
                conn.execute(
                    "INSERT INTO review_cards(ref, kind, card_json, due, reviews, lapses, "
                    "last_rating) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(ref) DO UPDATE SET "
                    "kind = excluded.kind, card_json = excluded.card_json, due = excluded.due, "
                    "reviews = excluded.reviews, lapses = excluded.lapses, "
                    "last_rating = excluded.last_rating",
                    (card.ref, card.kind, json.dumps(card.card_json(), separators=(",", ":")),
                     _stamp(card.due), card.reviews, card.lapses, int(card.last_rating)),
                )

    def log(self, ref: str | None = None) -> list[ReviewLogRow]:
        sql = "SELECT ref, attempt_id, rating, reviewed_at, due_after FROM review_log"
        params: tuple[str, ...] = ()
        if ref is not None:
            sql += " WHERE ref = ?"
            params = (ref,)
        rows = self.db.query(sql + " ORDER BY id", params)
        return [ReviewLogRow(r["ref"], int(r["attempt_id"]), Rating(int(r["rating"])),
                             datetime.fromisoformat(r["reviewed_at"]),
                             datetime.fromisoformat(r["due_after"])) for r in rows]
