"""Key/value preferences (JSON values), e.g. window geometry and the last page."""

from __future__ import annotations

import json
from typing import Any

from readiness.storage.db import Database

# Tables: readiness/storage/schema_steps.py (V1_FOUNDATION); changed only by a new step.


class SettingsRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str) -> Any | None:
        row = self.db.query_one("SELECT value FROM settings WHERE key = ?", (key,))
        return None if row is None else json.loads(row["value"])

    def set(self, key: str, value: Any) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value)),
            )

    def delete(self, key: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))
