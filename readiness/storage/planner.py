"""The study plan in the user database: set-up, sessions, time log, timer, milestones.

Migration 3.  Nothing here refers to another feature's tables (the exam
appointment is read through its own service), so the step applies on its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time

from readiness.core.planner.models import (
    Plan,
    PlannerPreferences,
    Session,
    SessionKind,
    SessionStatus,
    TimeEntry,
)
from readiness.storage.db import Database

# Tables: readiness/storage/schema_steps.py (V3_PLANNER); changed only by a new step.


@dataclass(frozen=True)
class ExportedEvent:
    uid: str
    title: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class RunningTimer:
    session_id: str | None
    domain: str | None
    started_at: datetime  # aware UTC


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class PlannerRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ------------------------------------------------------------ set-up
    def load_preferences(self) -> PlannerPreferences | None:
        row = self.db.query_one("SELECT * FROM planner_setup WHERE id = 1")
        if row is None:
            return None
        minutes = dict.fromkeys(range(7), 0)
        for r in self.db.query("SELECT weekday, minutes FROM planner_availability"):
            minutes[int(r["weekday"])] = int(r["minutes"])
        availability = tuple(minutes[i] for i in range(7))
        blackouts = frozenset(
            date.fromisoformat(r["day"]) for r in self.db.query("SELECT day FROM planner_blackouts")
        )
        ratings = {
            str(r["domain"]): int(r["rating"])
            for r in self.db.query("SELECT domain, rating FROM planner_self_ratings")
        }
        return PlannerPreferences(
            start=date.fromisoformat(row["start_date"]),
            availability=availability,  # type: ignore[arg-type]
            blackouts=blackouts,
            self_ratings=ratings,
            target_date=_d(row["target_date"]),
            timezone=row["timezone"],
            weekday_start=time.fromisoformat(row["weekday_start"]),
            weekend_start=time.fromisoformat(row["weekend_start"]),
        )

    def save_preferences(self, prefs: PlannerPreferences) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO planner_setup(id, start_date, target_date, timezone, weekday_start, "
                "weekend_start) VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "start_date = excluded.start_date, target_date = excluded.target_date, "
                "timezone = excluded.timezone, weekday_start = excluded.weekday_start, "
                "weekend_start = excluded.weekend_start",
                (
                    prefs.start.isoformat(),
                    prefs.target_date.isoformat() if prefs.target_date else None,
                    prefs.timezone,
                    prefs.weekday_start.isoformat(timespec="minutes"),
                    prefs.weekend_start.isoformat(timespec="minutes"),
                ),
            )
            conn.execute("DELETE FROM planner_availability")
            conn.executemany(
                "INSERT INTO planner_availability(weekday, minutes) VALUES (?, ?)",
                list(enumerate(prefs.availability)),
            )
            conn.execute("DELETE FROM planner_blackouts")
            conn.executemany(
                "INSERT INTO planner_blackouts(day) VALUES (?)",
                [(d.isoformat(),) for d in sorted(prefs.blackouts)],
            )
            conn.execute("DELETE FROM planner_self_ratings")
            conn.executemany(
                "INSERT INTO planner_self_ratings(domain, rating) VALUES (?, ?)",
                sorted(prefs.self_ratings.items()),
            )

    # ------------------------------------------------------------ plan
    def load_plan(self) -> Plan:
        sessions = tuple(
            Session(
                day=date.fromisoformat(r["day"]),
                kind=SessionKind(r["kind"]),
                domain=r["domain"],
                minutes=int(r["minutes"]),
                status=SessionStatus(r["status"]),
                position=int(r["position"]),
                part=int(r["part"]),
            )
            for r in self.db.query("SELECT * FROM planner_sessions ORDER BY day, position")
        )
        notes_row = self.db.query_one("SELECT plan_notes FROM planner_setup WHERE id = 1")
        notes = tuple(json.loads(notes_row["plan_notes"])) if notes_row else ()
        return Plan(sessions, notes)

    def planned_at(self) -> datetime | None:
        value = self.db.scalar("SELECT planned_at FROM planner_setup WHERE id = 1")
        return datetime.fromisoformat(value) if value else None

    def planned_until(self) -> date | None:
        """The exam (or target) date the stored plan was made for."""
        return _d(self.db.scalar("SELECT planned_until FROM planner_setup WHERE id = 1"))

    def save_plan(self, plan: Plan, planned_at: datetime, until: date | None = None) -> None:
        """Replace the whole plan in one transaction (done work is part of ``plan``)."""
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM planner_sessions")
            conn.executemany(
                "INSERT INTO planner_sessions(id, day, kind, domain, minutes, status, position, "
                "part) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (s.id, s.day.isoformat(), s.kind.value, s.domain, s.minutes, s.status.value,
                     s.position, s.part)
                    for s in plan.sessions
                ],
            )
            conn.execute(
                "UPDATE planner_setup SET plan_notes = ?, planned_at = ?, planned_until = ? "
                "WHERE id = 1",
                (json.dumps(list(plan.notes)), planned_at.isoformat(),
                 until.isoformat() if until else None),
            )

    def set_status(self, session_id: str, status: SessionStatus) -> bool:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "UPDATE planner_sessions SET status = ? WHERE id = ?", (status.value, session_id)
            )
            return cur.rowcount == 1

    # ------------------------------------------------------------ time
    def add_time(self, entry: TimeEntry, logged_at: datetime,
                 mark_done: str | None = None) -> None:
        """Log time; with ``mark_done`` also mark that session done (same transaction)."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO planner_time_log(day, minutes, domain, session_id, source, logged_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (entry.day.isoformat(), entry.minutes, entry.domain, entry.session_id,
                 entry.source, logged_at.isoformat()),
            )
            if mark_done:
                conn.execute(
                    "UPDATE planner_sessions SET status = 'done' WHERE id = ?", (mark_done,)
                )

    def time_entries(self) -> list[TimeEntry]:
        return [
            TimeEntry(
                day=date.fromisoformat(r["day"]),
                minutes=int(r["minutes"]),
                domain=r["domain"],
                session_id=r["session_id"],
                source=r["source"],
            )
            for r in self.db.query("SELECT * FROM planner_time_log ORDER BY day, id")
        ]

    def timer(self) -> RunningTimer | None:
        row = self.db.query_one("SELECT * FROM planner_timer WHERE id = 1")
        if row is None:
            return None
        return RunningTimer(row["session_id"], row["domain"],
                            datetime.fromisoformat(row["started_at"]))

    def start_timer(self, timer: RunningTimer) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO planner_timer(id, session_id, domain, started_at) "
                "VALUES (1, ?, ?, ?)",
                (timer.session_id, timer.domain, timer.started_at.isoformat()),
            )

    def stop_timer(self, entry: TimeEntry | None, logged_at: datetime,
                   mark_done: str | None = None) -> None:
        """Clear the timer and log its time in one transaction."""
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM planner_timer")
            if entry is not None:
                self.add_time(entry, logged_at, mark_done)

    # ------------------------------------------------------------ milestones
    def ticked(self) -> dict[str, datetime]:
        return {
            str(r["key"]): datetime.fromisoformat(r["done_at"])
            for r in self.db.query("SELECT key, done_at FROM planner_milestones_done")
        }

    def set_ticked(self, key: str, done: bool, when: datetime) -> None:
        with self.db.transaction() as conn:
            if done:
                conn.execute(
                    "INSERT OR REPLACE INTO planner_milestones_done(key, done_at) VALUES (?, ?)",
                    (key, when.isoformat()),
                )
            else:
                conn.execute("DELETE FROM planner_milestones_done WHERE key = ?", (key,))

    # ------------------------------------------------------------ calendar export
    def calendar_namespace(self, fresh: str) -> str:
        """The per-install UID namespace, created (as ``fresh``) on first use."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO planner_calendar(id, namespace) VALUES (1, ?)", (fresh,)
            )
            row = conn.execute("SELECT namespace FROM planner_calendar WHERE id = 1").fetchone()
        return str(row["namespace"])

    def calendar_sequence(self) -> int:
        value = self.db.scalar("SELECT sequence FROM planner_calendar WHERE id = 1")
        return int(value or 0)

    def exported_events(self) -> list[ExportedEvent]:
        return [
            ExportedEvent(r["uid"], r["title"], datetime.fromisoformat(r["start_at"]),
                          datetime.fromisoformat(r["end_at"]))
            for r in self.db.query("SELECT * FROM planner_calendar_events ORDER BY start_at")
        ]

    def record_export(self, events: list[ExportedEvent], sequence: int) -> None:
        """After a file is written: what it holds, and its SEQUENCE."""
        with self.db.transaction() as conn:
            conn.execute("UPDATE planner_calendar SET sequence = ? WHERE id = 1", (sequence,))
            conn.execute("DELETE FROM planner_calendar_events")
            conn.executemany(
                "INSERT INTO planner_calendar_events(uid, title, start_at, end_at) "
                "VALUES (?, ?, ?, ?)",
                [(e.uid, e.title, e.start.isoformat(), e.end.isoformat()) for e in events],
            )
