"""Practice-exam attempts, the responses on each screen, and an event log.

Every candidate action is one small transaction: the screen's response row is
upserted, the attempt's position and exam-clock checkpoint are updated, and an
event is appended.  Killing the app at any moment therefore loses nothing the
screen has shown as done.  Responses are stored whole (one JSON object per
screen) so a resume restores answers, flags, strike-outs and highlights exactly.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from readiness.core.errors import StorageCorrupt
from readiness.storage.db import Database

# Version 6: per-domain points kept with each finished attempt, so readiness by domain
# (dashboard, planner) does not depend on re-scoring against a bank that may change.
# Tables: readiness/storage/schema_steps.py (V6_EXAM_DOMAIN_SCORES); changed only by a new step.

# Tables: readiness/storage/schema_steps.py (V4_EXAMS); changed only by a new step.


@dataclass(frozen=True)
class AttemptRow:
    id: int
    mode: str
    blueprint_id: str
    title: str
    form: dict[str, Any]
    status: str
    end_reason: str | None
    started_at: datetime
    finished_at: datetime | None
    position: int
    elapsed_s: float
    clock_hidden: bool
    interruptions: int
    earned: float | None
    possible: float | None
    weighted_percent: float | None
    scaled_estimate: int | None
    damage: str = ""  # why the stored row cannot be read ("" when it is sound)


@dataclass(frozen=True)
class DomainScoreRow:
    attempt_id: int
    domain_id: str
    earned: float
    possible: float
    finished_at: datetime


@dataclass(frozen=True)
class EventRow:
    at: datetime
    elapsed_s: float
    kind: str
    position: int | None
    detail: str | None


_COLUMNS = (
    "id, mode, blueprint_id, title, form_json, status, end_reason, started_at, finished_at, "
    "position, elapsed_s, clock_hidden, interruptions, earned, possible, weighted_percent, "
    "scaled_estimate"
)


def _row(r: Any, with_form: bool = True) -> AttemptRow:
    """The row as a dataclass; damage inside it (one changed byte in a JSON text or a
    date, which quick_check cannot see) is a StorageCorrupt naming the attempt."""
    try:
        return _parse_row(r, with_form)
    except (ValueError, TypeError, KeyError) as exc:
        raise StorageCorrupt(f"attempt {r['id']} is damaged: {exc}",
                             operation="reading an exam attempt") from exc


def _damaged_row(r: Any, damage: str) -> AttemptRow:
    """What can still be said about a damaged attempt: enough to offer export or discard."""
    return AttemptRow(id=int(r["id"]), mode=str(r["mode"]), blueprint_id=str(r["blueprint_id"]),
                      title=str(r["title"]), form={}, status=str(r["status"]), end_reason=None,
                      started_at=datetime.fromtimestamp(0, UTC), finished_at=None, position=0,
                      elapsed_s=0.0, clock_hidden=False, interruptions=0, earned=None,
                      possible=None, weighted_percent=None, scaled_estimate=None,
                      damage=damage)


def _parse_row(r: Any, with_form: bool) -> AttemptRow:
    return AttemptRow(
        id=int(r["id"]),
        mode=r["mode"],
        blueprint_id=r["blueprint_id"],
        title=r["title"],
        form=json.loads(r["form_json"]) if with_form else {},
        status=r["status"],
        end_reason=r["end_reason"],
        started_at=datetime.fromisoformat(r["started_at"]),
        finished_at=datetime.fromisoformat(r["finished_at"]) if r["finished_at"] else None,
        position=int(r["position"]),
        elapsed_s=float(r["elapsed_s"]),
        clock_hidden=bool(r["clock_hidden"]),
        interruptions=int(r["interruptions"]),
        earned=r["earned"],
        possible=r["possible"],
        weighted_percent=r["weighted_percent"],
        scaled_estimate=r["scaled_estimate"],
    )


class ExamRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- attempts ----------------------------------------------------------------------------
    def create(
        self, *, mode: str, blueprint_id: str, title: str, form: Mapping[str, Any],
        refs: Iterable[str], at: datetime,
    ) -> int:
        """A new attempt with an empty response row per screen (so resume sees the form)."""
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO exam_attempts(mode, blueprint_id, title, form_json, started_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (mode, blueprint_id, title, json.dumps(form, separators=(",", ":")),
                 at.isoformat()),
            )
            attempt_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO exam_responses(attempt_id, position, ref, state_json) "
                "VALUES (?, ?, ?, '{}')",
                [(attempt_id, p, ref) for p, ref in enumerate(refs)],
            )
            conn.execute(
                "INSERT INTO exam_events(attempt_id, at, elapsed_s, kind) "
                "VALUES (?, ?, 0, 'start')",
                (attempt_id, at.isoformat()),
            )
        return attempt_id

    def get(self, attempt_id: int) -> AttemptRow | None:
        row = self.db.query_one(f"SELECT {_COLUMNS} FROM exam_attempts WHERE id = ?",
                                (attempt_id,))
        return None if row is None else _row(row)

    def responses(self, attempt_id: int) -> dict[int, dict[str, Any]]:
        rows = self.db.query(
            "SELECT position, state_json FROM exam_responses WHERE attempt_id = ? "
            "ORDER BY position", (attempt_id,),
        )
        try:
            return {int(r["position"]): json.loads(r["state_json"]) for r in rows}
        except ValueError as exc:
            raise StorageCorrupt(f"an answer of attempt {attempt_id} is damaged: {exc}",
                                 operation="reading an exam attempt") from exc

    def raw(self, attempt_id: int) -> dict[str, Any]:
        """Everything stored for one attempt as plain text, for a copy the user keeps."""
        attempt = self.db.query_one("SELECT * FROM exam_attempts WHERE id = ?", (attempt_id,))
        responses = self.db.query("SELECT * FROM exam_responses WHERE attempt_id = ? "
                                  "ORDER BY position", (attempt_id,))
        events = self.db.query("SELECT * FROM exam_events WHERE attempt_id = ? ORDER BY id",
                               (attempt_id,))
        return {"attempt": dict(attempt) if attempt is not None else None,
                "responses": [dict(r) for r in responses], "events": [dict(e) for e in events]}

    def outcomes(self, attempt_id: int) -> dict[int, str]:
        rows = self.db.query(
            "SELECT position, outcome FROM exam_responses WHERE attempt_id = ? "
            "AND outcome IS NOT NULL", (attempt_id,),
        )
        return {int(r["position"]): r["outcome"] for r in rows}

    def unfinished(self) -> list[AttemptRow]:
        rows = self.db.query(
            f"SELECT {_COLUMNS} FROM exam_attempts WHERE status = 'in_progress' "
            "ORDER BY started_at DESC, id DESC"
        )
        out = []
        for r in rows:
            try:
                out.append(_row(r, with_form=False))
            except StorageCorrupt as exc:
                out.append(_damaged_row(r, str(exc)))
        return out

    def finished(self) -> list[AttemptRow]:
        rows = self.db.query(
            f"SELECT {_COLUMNS} FROM exam_attempts WHERE status = 'finished' "
            "ORDER BY finished_at, id"
        )
        out = []
        for r in rows:
            try:
                out.append(_row(r, with_form=False))
            except StorageCorrupt:
                continue  # history shows what can be read; the attempt stays in the store
        return out

    def events(self, attempt_id: int) -> list[EventRow]:
        rows = self.db.query(
            "SELECT at, elapsed_s, kind, position, detail FROM exam_events "
            "WHERE attempt_id = ? ORDER BY id", (attempt_id,),
        )
        return [
            EventRow(datetime.fromisoformat(r["at"]), float(r["elapsed_s"]), r["kind"],
                     r["position"], r["detail"])
            for r in rows
        ]

    def retry_refs(self) -> list[str]:
        """Items missed, left unanswered or flagged in finished attempts, newest first."""
        rows = self.db.query(
            "SELECT r.ref, MAX(a.finished_at) AS last FROM exam_responses r "
            "JOIN exam_attempts a ON a.id = r.attempt_id "
            "WHERE a.status = 'finished' AND (r.outcome IN ('incorrect', 'partial', 'unanswered') "
            "OR json_extract(r.state_json, '$.f') = 1) "
            "GROUP BY r.ref ORDER BY last DESC, r.ref"
        )
        return [r["ref"] for r in rows]

    # -- one candidate action = one transaction ----------------------------------------------
    def save_response(
        self, attempt_id: int, position: int, state: Mapping[str, Any], *, elapsed_s: float,
        at: datetime, kind: str, detail: str | None = None, current: int | None = None,
    ) -> None:
        """Save one screen's response; ``current`` is the screen on show (default: that one)."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE exam_responses SET state_json = ? WHERE attempt_id = ? AND position = ?",
                (json.dumps(state, separators=(",", ":")), attempt_id, position),
            )
            conn.execute(
                "UPDATE exam_attempts SET position = ?, elapsed_s = ? "
                "WHERE id = ? AND status = 'in_progress'",
                (position if current is None else current, elapsed_s, attempt_id),
            )
            conn.execute(
                "INSERT INTO exam_events(attempt_id, at, elapsed_s, kind, position, detail) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (attempt_id, at.isoformat(), elapsed_s, kind, position, detail),
            )

    def checkpoint(self, attempt_id: int, elapsed_s: float) -> None:
        """The exam clock, saved every second while the driver is open."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE exam_attempts SET elapsed_s = ? WHERE id = ? AND status = 'in_progress'",
                (elapsed_s, attempt_id),
            )

    def log(self, attempt_id: int, *, elapsed_s: float, at: datetime, kind: str,
            position: int | None = None, detail: str | None = None,
            clock_hidden: bool | None = None, interrupted: bool = False) -> None:
        with self.db.transaction() as conn:
            if clock_hidden is not None:
                conn.execute("UPDATE exam_attempts SET clock_hidden = ? WHERE id = ?",
                             (int(clock_hidden), attempt_id))
            if interrupted:
                conn.execute(
                    "UPDATE exam_attempts SET interruptions = interruptions + 1 WHERE id = ?",
                    (attempt_id,),
                )
            conn.execute(
                "UPDATE exam_attempts SET elapsed_s = ? WHERE id = ? AND status = 'in_progress'",
                (elapsed_s, attempt_id),
            )
            conn.execute(
                "INSERT INTO exam_events(attempt_id, at, elapsed_s, kind, position, detail) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (attempt_id, at.isoformat(), elapsed_s, kind, position, detail),
            )

    def finish(
        self, attempt_id: int, *, at: datetime, end_reason: str, elapsed_s: float,
        earned: float, possible: float, weighted_percent: float | None,
        scaled_estimate: int | None, outcomes: Mapping[int, str],
        domain_scores: Mapping[str, tuple[float, float]] | None = None,
    ) -> None:
        """Close the attempt with its score; ``domain_scores``: domain -> (earned, possible)."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE exam_attempts SET status = 'finished', end_reason = ?, finished_at = ?, "
                "elapsed_s = ?, earned = ?, possible = ?, weighted_percent = ?, "
                "scaled_estimate = ? WHERE id = ?",
                (end_reason, at.isoformat(), elapsed_s, earned, possible, weighted_percent,
                 scaled_estimate, attempt_id),
            )
            conn.executemany(
                "UPDATE exam_responses SET outcome = ? WHERE attempt_id = ? AND position = ?",
                [(outcome, attempt_id, p) for p, outcome in outcomes.items()],
            )
            conn.execute(
                "INSERT INTO exam_events(attempt_id, at, elapsed_s, kind, detail) "
                "VALUES (?, ?, ?, 'finish', ?)",
                (attempt_id, at.isoformat(), elapsed_s, end_reason),
            )
            conn.executemany(
                "INSERT OR REPLACE INTO exam_domain_scores"
                "(attempt_id, domain_id, earned, possible) VALUES (?, ?, ?, ?)",
                [(attempt_id, d, e, p) for d, (e, p) in (domain_scores or {}).items()],
            )

    def domain_scores(self) -> list[DomainScoreRow]:
        """Per-domain points of every finished attempt, oldest first."""
        rows = self.db.query(
            "SELECT d.attempt_id, d.domain_id, d.earned, d.possible, a.finished_at "
            "FROM exam_domain_scores d JOIN exam_attempts a ON a.id = d.attempt_id "
            "WHERE a.status = 'finished' ORDER BY a.finished_at, a.id, d.domain_id"
        )
        return [
            DomainScoreRow(r["attempt_id"], r["domain_id"], float(r["earned"]),
                           float(r["possible"]), datetime.fromisoformat(r["finished_at"]))
            for r in rows
        ]

    def abandon(self, attempt_id: int, at: datetime) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE exam_attempts SET status = 'abandoned', finished_at = ? "
                "WHERE id = ? AND status = 'in_progress'",
                (at.isoformat(), attempt_id),
            )

    def delete(self, attempt_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM exam_attempts WHERE id = ?", (attempt_id,))
