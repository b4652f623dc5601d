"""Each migration carries its own frozen DDL, and every step replays from v1."""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

from readiness.storage import schema_steps
from readiness.storage.db import Database
from readiness.storage.migrations import MIGRATIONS, current_version, migrate

STORAGE = Path(__file__).resolve().parents[2] / "readiness" / "storage"

# The text of every shipped step, pinned.  A failure here means a shipped migration was
# edited: put the change in a new step instead (users' databases already ran this one).
# Add the hash of a *new* step when you add it.
SHIPPED = {
    1: "8f4fffe96f287186",
    2: "0a4b853ccd857939",
    3: "ce8e404126ac9d9a",
    4: "4dc7b326eaa92ea4",
    5: "23313318f2cde402",
    6: "ac2496d3ba619c9d",
    7: "ee0a674281b558fa",
    8: "038fd608ad9467b3",
    9: "9c5829b0afeaeded",
    10: "7eb2fc6cc79d2fb4",
    11: "692dc722ad843f35",
}


def test_shipped_steps_are_unchanged() -> None:
    for step in MIGRATIONS:
        assert step.version in SHIPPED, f"new step {step.version}: add its hash to SHIPPED"
        digest = hashlib.sha256(step.sql.encode()).hexdigest()[:16]
        assert digest == SHIPPED[step.version], f"step {step.version} ({step.name}) was edited"


def test_steps_are_frozen_text_not_a_stores_schema() -> None:
    """The DDL module holds plain literals and imports nothing of ours; migrations.py takes
    every step from it, never from a store module."""
    tree = ast.parse((STORAGE / "schema_steps.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            assert node.module == "__future__"
        assert not isinstance(node, ast.Import)
        if isinstance(node, ast.Assign):
            assert isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    tree = ast.parse((STORAGE / "migrations.py").read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree)
             if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "Migration"]
    assert len(calls) == len(MIGRATIONS)
    for call in calls:
        sql = call.args[2]
        assert isinstance(sql, ast.Attribute) and getattr(sql.value, "id", "") == "ddl", \
            ast.unparse(call)
    for name in dir(schema_steps):
        if name.startswith("V"):
            assert any(getattr(schema_steps, name) == m.sql for m in MIGRATIONS), name


def _schema(db: Database) -> list[tuple[str, str]]:
    rows = db.query("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
    return [(r["name"], r["sql"]) for r in rows]


def test_every_step_replays_one_at_a_time_from_v1(tmp_path: Path) -> None:
    stepwise = Database.open(tmp_path / "stepwise.sqlite3")
    for count in range(1, len(MIGRATIONS) + 1):
        applied = migrate(stepwise, MIGRATIONS[:count])
        assert applied == [MIGRATIONS[count - 1].name]
        assert current_version(stepwise) == MIGRATIONS[count - 1].version
    at_once = Database.open(tmp_path / "at-once.sqlite3")
    migrate(at_once)
    assert _schema(stepwise) == _schema(at_once)
    assert stepwise.scalar("PRAGMA integrity_check") == "ok"
