"""Code-book drill sets and every look-up answered in them.

Each answer is its own transaction, committed before the screen shows the verdict,
so a crash mid-set keeps what was done.  The book is copied onto each answer so the
per-book statistics are one indexed scan.  (Schema: migration step 9,
storage/schema_steps.py.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from readiness.core.drills.models import DrillAnswer, DrillBook
from readiness.core.drills.stats import AnswerRow
from readiness.core.planner.drill_need import Lookup
from readiness.storage.db import Database


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class DrillRunRow:
    id: int
    book: DrillBook
    started_at: datetime
    finished_at: datetime | None
    planned: int
    answered: int
    correct: int
    seconds: float


class DrillRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def start_run(self, book: DrillBook, planned: int, at: datetime) -> int:
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO drill_runs(book, started_at, planned) VALUES (?, ?, ?)",
                (book.value, _stamp(at), planned))
            return int(cursor.lastrowid or 0)

    def record(self, run_id: int, seq: int, answer: DrillAnswer, at: datetime) -> None:
        p = answer.prompt
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO drill_answers(run_id, seq, book, statement, expected, source, "
                "given, verdict, seconds, answered_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (run_id, seq, p.book.value, p.statement, p.answer, p.source, answer.given,
                 answer.verdict.value, answer.seconds, _stamp(at)))

    def finish_run(self, run_id: int, at: datetime) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE drill_runs SET finished_at = ? WHERE id = ? "
                         "AND finished_at IS NULL", (_stamp(at), run_id))

    def answers(self) -> list[AnswerRow]:
        """Every answer, oldest first."""
        rows = self.db.query("SELECT book, verdict, seconds FROM drill_answers "
                             "ORDER BY answered_at, id")
        return [AnswerRow(DrillBook(r["book"]), r["verdict"] == "correct", float(r["seconds"]))
                for r in rows if r["book"] in DrillBook._value2member_map_]

    def lookups(self) -> list[Lookup]:
        """Every answer with its set and time (evidence for need and readiness)."""
        rows = self.db.query("SELECT run_id, book, verdict, seconds, answered_at "
                             "FROM drill_answers ORDER BY answered_at, id")
        return [Lookup(int(r["run_id"]), str(r["book"]), r["verdict"] == "correct",
                       float(r["seconds"]), datetime.fromisoformat(r["answered_at"]))
                for r in rows if r["book"] in DrillBook._value2member_map_]

    def runs(self, limit: int = 50) -> list[DrillRunRow]:
        rows = self.db.query(
            "SELECT r.id, r.book, r.started_at, r.finished_at, r.planned, "
            "COUNT(a.id) AS answered, SUM(a.verdict = 'correct') AS correct, "
            "COALESCE(SUM(a.seconds), 0) AS seconds FROM drill_runs r "
            "LEFT JOIN drill_answers a ON a.run_id = r.id GROUP BY r.id "
            "ORDER BY r.started_at DESC, r.id DESC LIMIT ?", (limit,))
        return [DrillRunRow(
            int(r["id"]), DrillBook(r["book"]), datetime.fromisoformat(r["started_at"]),
            datetime.fromisoformat(r["finished_at"]) if r["finished_at"] else None,
            int(r["planned"]), int(r["answered"]), int(r["correct"] or 0), float(r["seconds"]))
            for r in rows if r["book"] in DrillBook._value2member_map_]
