"""One SQLite connection to the user database, and transactions on it.

Every change a user makes is one ``transaction()``: BEGIN IMMEDIATE takes the
write lock up front (no deadlock-prone upgrade later), COMMIT happens before the
caller returns, so a SIGKILL after the UI says "saved" loses nothing.  WAL with
``synchronous=FULL`` makes each commit durable on its own.

Failures of the disk or file system leave here as typed errors
(:mod:`readiness.storage.errors`) with the SQLite error as their cause; SQL bugs
keep their sqlite3 type for the crash dialog.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote

from readiness.core.errors import PERMISSION, READ_ONLY, StorageBug, StorageEnvironmentError
from readiness.storage.errors import classify

Params = Sequence[Any] | dict[str, Any]


def _raise(exc: BaseException, operation: str, where: Path | None = None) -> NoReturn:
    """Re-raise ``exc`` typed when it is the environment or corruption, as-is when a bug."""
    typed = classify(exc, operation, where)
    if typed is exc or isinstance(typed, StorageBug):
        raise exc
    raise typed from exc


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(path))}?{query}"


class Database:
    def __init__(self, connection: sqlite3.Connection, path: Path | None,
                 read_only: bool = False) -> None:
        self.connection = connection
        self.path = path
        self.read_only = read_only
        self._owner = threading.get_ident()

    @classmethod
    def open(cls, path: Path, allow_read_only: bool = False) -> Database:
        """Open for writing; with ``allow_read_only`` a file we may not write opens read-only."""
        try:
            db = cls._open_writable(path)
        except StorageEnvironmentError as error:
            if not allow_read_only or not path.exists() or error.kind not in (
                    READ_ONLY, PERMISSION):
                raise
            return cls.open_read_only(path)
        if allow_read_only and not _writable(path):
            db.close(checkpoint=False)
            return cls.open_read_only(path)
        return db

    @classmethod
    def _open_writable(cls, path: Path) -> Database:
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, nothing implicit.
            connection = sqlite3.connect(str(path), isolation_level=None, timeout=5.0,
                                         check_same_thread=False)
            db = cls(connection, path)
            db._configure()
            # A read-only file opens without complaint; find out now, not at the first save.
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
        except sqlite3.Error as exc:
            _raise(exc, f"opening {path}", path)
        return db

    @classmethod
    def open_read_only(cls, path: Path) -> Database:
        """Read what is there without writing anything (no WAL switch, no -shm creation)."""
        try:
            try:
                connection = sqlite3.connect(_uri(path, mode="ro"), uri=True,
                                             isolation_level=None, check_same_thread=False)
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                # A WAL database in a folder we cannot write: its -shm cannot be made.
                # Our close() checkpoints the WAL away, so the main file is complete.
                connection = sqlite3.connect(_uri(path, mode="ro", immutable="1"), uri=True,
                                             isolation_level=None, check_same_thread=False)
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            connection.row_factory = sqlite3.Row
        except sqlite3.Error as exc:
            _raise(exc, f"opening {path} read-only", path)
        return cls(connection, path, read_only=True)

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
        try:
            return self.connection.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            _raise(exc, "reading your data", self.path)

    def query_one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        try:
            row: sqlite3.Row | None = self.connection.execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            _raise(exc, "reading your data", self.path)
        return row

    def scalar(self, sql: str, params: Params = ()) -> Any:
        try:
            row = self.connection.execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            _raise(exc, "reading your data", self.path)
        return None if row is None else row[0]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT; rolls back and re-raises on any exception.

        The error that ends a transaction is the one raised: when SQLite has already
        rolled back by itself (a full disk does that), a second ROLLBACK would fail with
        "no transaction is active" and hide the real cause.
        """
        conn = self.connection
        if conn.in_transaction:
            # Nested use joins the outer transaction: one user action, one commit.
            yield conn
            return
        if self.read_only:
            raise StorageEnvironmentError(
                "the data was opened read-only", kind=READ_ONLY, operation="saving")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            _raise(exc, "saving", self.path)
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                _raise(exc, "saving", self.path)
            raise

    def close(self, checkpoint: bool = True) -> None:
        if self.path is not None and checkpoint and not self.read_only:
            # Fold the WAL back so the main file is self-contained for backups.
            with suppress(sqlite3.Error):
                self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.connection.close()


def _writable(path: Path) -> bool:
    """False when this account may not write the file or its folder (not root's view)."""
    return _access(path, os.W_OK) and _access(path.parent, os.W_OK | os.X_OK)


def _access(path: Path, mode: int) -> bool:
    """os.access for the effective user: the one whose rights the file system applies."""
    effective = os.access in os.supports_effective_ids
    return os.access(path, mode, effective_ids=effective)
