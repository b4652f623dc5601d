"""The date the candidate passed (one row) and their CEU activities.

(Schema: migration step 10, storage/schema_steps.py.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from readiness.core.ceu.cycle import Activity
from readiness.storage.db import Database


@dataclass(frozen=True)
class PassRecord:
    passed_on: date
    rule_id: str


class CeuRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def passed(self) -> PassRecord | None:
        row = self.db.query_one("SELECT passed_on, rule_id FROM recert_cycle WHERE id = 1")
        return None if row is None else PassRecord(date.fromisoformat(row["passed_on"]),
                                                    row["rule_id"])

    def set_passed(self, passed_on: date, rule_id: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO recert_cycle(id, passed_on, rule_id) VALUES (1, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET passed_on = excluded.passed_on, "
                "rule_id = excluded.rule_id", (passed_on.isoformat(), rule_id))

    def set_rule(self, rule_id: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE recert_cycle SET rule_id = ? WHERE id = 1", (rule_id,))

    def clear_passed(self) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM recert_cycle")

    def add(self, done_on: date, provider: str, title: str, hours: float, category: str,
            certificate: str | None, at: datetime) -> int:
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO ceu_activities(done_on, provider, title, hours, category, "
                "certificate, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (done_on.isoformat(), provider, title, hours, category, certificate,
                 at.astimezone(UTC).isoformat(timespec="seconds")))
            return int(cursor.lastrowid or 0)

    def set_certificate(self, activity_id: int, name: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE ceu_activities SET certificate = ? WHERE id = ?",
                         (name, activity_id))

    def remove(self, activity_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM ceu_activities WHERE id = ?", (activity_id,))

    def activities(self) -> list[Activity]:
        rows = self.db.query("SELECT id, done_on, provider, title, hours, category, certificate "
                             "FROM ceu_activities ORDER BY done_on, id")
        return [Activity(int(r["id"]), date.fromisoformat(r["done_on"]), r["provider"],
                         r["title"], float(r["hours"]), r["category"], r["certificate"])
                for r in rows]
