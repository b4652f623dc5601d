"""Session tasks and practice evidence in the user database (tables made by the
migration step "plan session tasks and practice evidence", DDL in migrations.py).

* ``planner_session_tasks``: a session's tasks, pinned when the candidate first
  starts one, so new evidence does not reshuffle a session half done.
* ``planner_task_runs``: each Start of a task, the attempt it opened, and what
  finishing it recorded (minutes, items, points).
* ``practice_evidence``: one row per scored entry of every finished attempt,
  with its blueprint task and whether it was answered; the readiness model
  reads answered entries only (unanswered ones are pacing, not mastery).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from readiness.core.planner.tasks import PlanTask, tasks_from_json, tasks_to_json
from readiness.storage.db import Database


@dataclass(frozen=True)
class TaskRun:
    id: int
    session_id: str
    task_key: str
    attempt_id: int | None
    started_at: datetime
    finished_at: datetime | None
    minutes: int | None
    items: int | None
    earned: float | None
    possible: float | None

    @property
    def done(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True)
class Evidence:
    attempt_id: int
    domain: str
    task: str | None
    answered: bool
    earned: float
    possible: float
    taken_at: datetime


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class PlanTaskRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ------------------------------------------------------------ pinned tasks
    def pinned(self) -> dict[str, tuple[PlanTask, ...]]:
        rows = self.db.query("SELECT session_id, tasks_json FROM planner_session_tasks")
        return {r["session_id"]: tasks_from_json(r["tasks_json"]) for r in rows}

    def pin(self, session_id: str, tasks: Iterable[PlanTask], at: datetime) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO planner_session_tasks(session_id, tasks_json, pinned_at) "
                "VALUES (?, ?, ?)", (session_id, tasks_to_json(list(tasks)), at.isoformat()))

    # ------------------------------------------------------------ runs
    def runs(self, session_id: str | None = None) -> list[TaskRun]:
        sql = ("SELECT id, session_id, task_key, attempt_id, started_at, finished_at, minutes, "
               "items, earned, possible FROM planner_task_runs")
        params: tuple[object, ...] = ()
        if session_id is not None:
            sql += " WHERE session_id = ?"
            params = (session_id,)
        return [self._run(r) for r in self.db.query(sql + " ORDER BY id", params)]

    def _run(self, r: sqlite3.Row) -> TaskRun:
        started = _dt(r["started_at"])
        assert started is not None
        return TaskRun(r["id"], r["session_id"], r["task_key"], r["attempt_id"], started,
                       _dt(r["finished_at"]), r["minutes"], r["items"], r["earned"],
                       r["possible"])

    def run_for_attempt(self, attempt_id: int) -> TaskRun | None:
        row = self.db.query_one(
            "SELECT id, session_id, task_key, attempt_id, started_at, finished_at, minutes, "
            "items, earned, possible FROM planner_task_runs WHERE attempt_id = ?", (attempt_id,))
        return None if row is None else self._run(row)

    def start_run(self, session_id: str, task_key: str, at: datetime,
                  attempt_id: int | None = None) -> int:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO planner_task_runs(session_id, task_key, attempt_id, started_at) "
                "VALUES (?, ?, ?, ?)", (session_id, task_key, attempt_id, at.isoformat()))
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, at: datetime, minutes: int, items: int,
                   earned: float, possible: float) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE planner_task_runs SET finished_at = ?, minutes = ?, items = ?, "
                "earned = ?, possible = ? WHERE id = ?",
                (at.isoformat(), minutes, items, earned, possible, run_id))

    # ------------------------------------------------------------ evidence
    def add_evidence(self, rows: Iterable[tuple[int, int, str, str | None, bool, float, float,
                                                datetime]]) -> None:
        with self.db.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO practice_evidence(attempt_id, position, domain, task, "
                "answered, earned, possible, taken_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(a, p, d, t, int(ans), e, pos, at.isoformat())
                 for a, p, d, t, ans, e, pos, at in rows])

    def evidence(self) -> list[Evidence]:
        rows = self.db.query(
            "SELECT attempt_id, domain, task, answered, earned, possible, taken_at "
            "FROM practice_evidence ORDER BY taken_at, attempt_id, position")
        return [Evidence(r["attempt_id"], r["domain"], r["task"], bool(r["answered"]),
                         float(r["earned"]), float(r["possible"]),
                         datetime.fromisoformat(r["taken_at"])) for r in rows]

    def attempts_with_evidence(self) -> set[int]:
        return {int(r[0]) for r in self.db.query(
            "SELECT DISTINCT attempt_id FROM practice_evidence")}
