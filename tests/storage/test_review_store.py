"""Review cards in the user store: schema version 7, one log row per attempt and item."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Rating

from readiness.core.review import review
from readiness.paths import AppPaths
from readiness.storage.db import Database
from readiness.storage.migrations import MIGRATIONS, migrate
from readiness.storage.review import ReviewRepository
from readiness.workspace import Workspace

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "db" / "v1.sql"
T0 = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


def test_review_is_migration_seven() -> None:
    step = next(m for m in MIGRATIONS if m.version == 7)
    assert "review_cards" in step.sql and "exam_" not in step.sql  # stands alone


def test_v1_database_upgrades_through_the_review_tables(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "home").ensure()
    conn = sqlite3.connect(paths.database)
    conn.executescript(FIXTURE.read_text(encoding="utf-8"))
    conn.close()
    workspace, report = Workspace.open(paths, take_backup=False)
    try:
        assert "spaced review cards" in report.migrations_applied
        assert workspace.review.cards() == []
        tables = {r[0] for r in workspace.db.query(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"review_cards", "review_log"} <= tables
    finally:
        workspace.close()


def test_record_saves_cards_and_ignores_a_second_record_of_the_same_attempt(
        tmp_path: Path) -> None:
    db = Database.open(tmp_path / "r.sqlite3")
    migrate(db)
    repo = ReviewRepository(db)
    first = [review(None, "a", "item", Rating.Again, T0), review(None, "b", "scenario",
                                                                  Rating.Good, T0)]
    repo.record(1, T0, first)
    later = T0 + timedelta(days=1)
    again = review(repo.cards(["a"])["a"], "a", "item", Rating.Good, later)
    repo.record(1, later, [again])  # same attempt: ignored
    assert repo.cards()["a"].reviews == 1
    repo.record(2, later, [again])
    cards = repo.cards()
    assert cards["a"].reviews == 2 and cards["a"].last_rating is Rating.Good
    assert cards["a"].due == again.due and cards["b"].kind == "scenario"
    assert [(r.ref, r.attempt_id, r.rating) for r in repo.log()] == [
        ("a", 1, Rating.Again), ("b", 1, Rating.Good), ("a", 2, Rating.Good)]
    assert repo.reviewed(2) and not repo.reviewed(3)
    # Due is stored fixed-width in UTC, so SQL text order is time order.
    rows = db.query("SELECT ref FROM review_cards ORDER BY due")
    assert [r["ref"] for r in rows] == sorted(cards, key=lambda ref: cards[ref].due)
    db.close()
