"""Schema versions, applied step by step from ``PRAGMA user_version``.

Each step runs in its own transaction together with the bump of user_version,
so a crash mid-upgrade leaves the database at the previous version, intact.
A database newer than this program is refused rather than guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.core.errors import StoreUnavailable
from readiness.storage import appointment, checklist, codebook, exams, planner, review, settings
from readiness.storage.db import Database


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "foundation", settings.SCHEMA + appointment.SCHEMA),
    Migration(2, "checklist", checklist.SCHEMA),
    Migration(3, "planner", planner.SCHEMA),
    Migration(4, "exams", exams.SCHEMA),
    Migration(5, "codebook bookmarks and history", codebook.SCHEMA),
    Migration(6, "exam scores by domain", exams.DOMAIN_SCORES_SCHEMA),
    Migration(7, "spaced review cards", review.SCHEMA),
    # DDL written out here, not taken from the store module, so this step never changes
    # after release: pinned session tasks, their runs, and per-entry practice evidence.
    Migration(8, "plan session tasks and practice evidence", """
CREATE TABLE planner_session_tasks (
    session_id TEXT PRIMARY KEY,
    tasks_json TEXT NOT NULL,
    pinned_at  TEXT NOT NULL
);
CREATE TABLE planner_task_runs (
    id          INTEGER PRIMARY KEY,
    session_id  TEXT NOT NULL,
    task_key    TEXT NOT NULL,
    attempt_id  INTEGER,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    minutes     INTEGER,
    items       INTEGER,
    earned      REAL,
    possible    REAL
);
CREATE INDEX planner_task_runs_session ON planner_task_runs(session_id);
CREATE INDEX planner_task_runs_attempt ON planner_task_runs(attempt_id);
CREATE TABLE practice_evidence (
    attempt_id INTEGER NOT NULL REFERENCES exam_attempts(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    domain     TEXT NOT NULL,
    task       TEXT,
    answered   INTEGER NOT NULL CHECK (answered IN (0, 1)),
    earned     REAL NOT NULL,
    possible   REAL NOT NULL,
    taken_at   TEXT NOT NULL,
    PRIMARY KEY (attempt_id, position)
) WITHOUT ROWID;
"""),
)


def latest_version() -> int:
    return max(m.version for m in MIGRATIONS)


def current_version(db: Database) -> int:
    return int(db.scalar("PRAGMA user_version"))


def migrate(db: Database, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[str]:
    """Bring the schema up to date; returns the names of the steps applied."""
    steps = sorted(migrations, key=lambda m: m.version)
    newest = steps[-1].version
    version = current_version(db)
    if version > newest:
        raise StoreUnavailable(
            f"the database was written by a newer CCS Readiness (schema {version}, this program "
            f"knows up to {newest}); update the app to open it",
            where=str(db.path or "database"),
        )
    applied = []
    for step in steps:
        if step.version <= version:
            continue
        with db.transaction() as conn:
            for statement in _statements(step.sql):
                conn.execute(statement)
            # PRAGMA cannot take parameters; the version is our own integer.
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
        applied.append(step.name)
    return applied


def _statements(sql: str) -> list[str]:
    """Split a schema script into statements (executescript would COMMIT on its own)."""
    import sqlite3

    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
