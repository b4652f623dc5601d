"""One SQLite connection to the user database, and transactions on it.

Every change a user makes is one ``transaction()``: BEGIN IMMEDIATE takes the
write lock up front (no deadlock-prone upgrade later), COMMIT happens before the
caller returns, so a SIGKILL after the UI says "saved" loses nothing.  WAL with
``synchronous=FULL`` makes each commit durable on its own.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

Params = Sequence[Any] | dict[str, Any]


class Database:
    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self.connection = connection
        self.path = path
        self._owner = threading.get_ident()

    @classmethod
    def open(cls, path: Path) -> Database:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, nothing implicit.
        connection = sqlite3.connect(str(path), isolation_level=None, timeout=5.0,
                                     check_same_thread=False)
        db = cls(connection, path)
        db._configure()
        return db

    @classmethod
    def memory(cls) -> Database:
        db = cls(sqlite3.connect(":memory:", isolation_level=None), None)
        db._configure()
        return db

    def _configure(self) -> None:
        self.connection.row_factory = sqlite3.Row
        self.connection.execute("PRAGMA foreign_keys = ON")
        if self.path is not None:
            self.connection.execute("PRAGMA journal_mode = WAL")
        self.connection.execute("PRAGMA synchronous = FULL")
        self.connection.execute("PRAGMA busy_timeout = 5000")

    def query(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return self.connection.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.connection.execute(sql, params).fetchone()
        return row

    def scalar(self, sql: str, params: Params = ()) -> Any:
        row = self.connection.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT; rolls back and re-raises on any exception."""
        conn = self.connection
        if conn.in_transaction:
            # Nested use joins the outer transaction: one user action, one commit.
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        if self.path is not None:
            # Fold the WAL back so the main file is self-contained for backups.
            with suppress(sqlite3.Error):
                self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.connection.close()
