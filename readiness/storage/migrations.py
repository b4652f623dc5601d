"""Schema versions, applied step by step from ``PRAGMA user_version``.

Each step runs in its own transaction together with the bump of user_version,
so a crash mid-upgrade leaves the database at the previous version, intact.
A database newer than this program is refused rather than guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.core.errors import StoreUnavailable
from readiness.storage import schema_steps as ddl
from readiness.storage.db import Database


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


# Each step's DDL is frozen text of its own (schema_steps.py), never a store's live schema.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "foundation", ddl.V1_FOUNDATION),
    Migration(2, "checklist", ddl.V2_CHECKLIST),
    Migration(3, "planner", ddl.V3_PLANNER),
    Migration(4, "exams", ddl.V4_EXAMS),
    Migration(5, "codebook bookmarks and history", ddl.V5_CODEBOOK),
    Migration(6, "exam scores by domain", ddl.V6_EXAM_DOMAIN_SCORES),
    Migration(7, "spaced review cards", ddl.V7_REVIEW),
    Migration(8, "delivery mode and online set-up", ddl.V8_DELIVERY),
    Migration(9, "plan session tasks and practice evidence", ddl.V9_PLAN_TASKS),
    Migration(10, "code-book drills", ddl.V10_DRILLS),
    Migration(11, "recertification: passed date and CEU log", ddl.V11_RECERT),
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
