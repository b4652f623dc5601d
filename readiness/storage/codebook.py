"""The user's code-book bookmarks and recently visited places (the code sets themselves
live in their own databases under ``codesets/``, see readiness.codebook.store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from readiness.storage.db import Database

# Tables: readiness/storage/schema_steps.py (V5_CODEBOOK); changed only by a new step.

KEEP_VISITS = 200


@dataclass(frozen=True)
class Place:
    """A place in the code book: ``cm:S72.001A``, ``idx:icd10cm-index:42``, ``pcs:0DT``."""

    target: str
    label: str
    when: str


class CodebookRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def bookmarks(self) -> list[Place]:
        rows = self.db.query(
            "SELECT target, label, created_at FROM codebook_bookmark ORDER BY created_at, target")
        return [Place(r["target"], r["label"], r["created_at"]) for r in rows]

    def add_bookmark(self, target: str, label: str, when: datetime) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO codebook_bookmark(target, label, created_at) VALUES (?, ?, ?) "
                "ON CONFLICT(target) DO UPDATE SET label = excluded.label",
                (target, label, when.isoformat()),
            )

    def remove_bookmark(self, target: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM codebook_bookmark WHERE target = ?", (target,))

    def is_bookmarked(self, target: str) -> bool:
        return self.db.query_one("SELECT 1 FROM codebook_bookmark WHERE target = ?",
                                 (target,)) is not None

    def record_visit(self, target: str, label: str, when: datetime) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM codebook_visit WHERE target = ?", (target,))
            conn.execute(
                "INSERT INTO codebook_visit(target, label, visited_at) VALUES (?, ?, ?)",
                (target, label, when.isoformat()),
            )
            conn.execute(
                "DELETE FROM codebook_visit WHERE id NOT IN "
                "(SELECT id FROM codebook_visit ORDER BY id DESC LIMIT ?)", (KEEP_VISITS,))

    def recent(self, limit: int = 30) -> list[Place]:
        rows = self.db.query(
            "SELECT target, label, visited_at FROM codebook_visit ORDER BY id DESC LIMIT ?",
            (limit,))
        return [Place(r["target"], r["label"], r["visited_at"]) for r in rows]
