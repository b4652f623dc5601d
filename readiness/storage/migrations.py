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
    # DDL written out in the steps from here on, so a step never changes after release.
    Migration(8, "code-book drills", """
CREATE TABLE drill_runs (
    id          INTEGER PRIMARY KEY,
    book        TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    planned     INTEGER NOT NULL CHECK (planned > 0)
);
CREATE TABLE drill_answers (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER NOT NULL REFERENCES drill_runs(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    book        TEXT NOT NULL,
    statement   TEXT NOT NULL,
    expected    TEXT NOT NULL,
    source      TEXT NOT NULL,
    given       TEXT NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('correct', 'incomplete', 'wrong', 'skipped')),
    seconds     REAL NOT NULL CHECK (seconds >= 0),
    answered_at TEXT NOT NULL,
    UNIQUE (run_id, seq)
);
CREATE INDEX drill_answers_by_book ON drill_answers(book, answered_at);
"""),
    Migration(9, "recertification: passed date and CEU log", """
CREATE TABLE recert_cycle (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    passed_on TEXT NOT NULL,
    rule_id   TEXT NOT NULL
);
CREATE TABLE ceu_activities (
    id          INTEGER PRIMARY KEY,
    done_on     TEXT NOT NULL,
    provider    TEXT NOT NULL,
    title       TEXT NOT NULL,
    hours       REAL NOT NULL CHECK (hours > 0),
    category    TEXT NOT NULL
        CHECK (category IN ('coding-self-review', 'coding', 'hiim', 'other')),
    certificate TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX ceu_activities_by_date ON ceu_activities(done_on);
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
