from __future__ import annotations

from pathlib import Path

import pytest

from readiness.storage.db import Database


def make(tmp_path: Path) -> Database:
    db = Database.open(tmp_path / "t.sqlite3")
    db.connection.execute("CREATE TABLE t (x INTEGER NOT NULL)")
    return db


def test_pragmas(tmp_path: Path) -> None:
    db = make(tmp_path)
    assert db.scalar("PRAGMA journal_mode") == "wal"
    assert db.scalar("PRAGMA foreign_keys") == 1
    assert db.scalar("PRAGMA synchronous") == 2  # FULL


def test_commit_is_visible_to_a_second_connection(tmp_path: Path) -> None:
    db = make(tmp_path)
    with db.transaction() as conn:
        conn.execute("INSERT INTO t VALUES (1)")
    other = Database.open(tmp_path / "t.sqlite3")
    assert other.scalar("SELECT count(*) FROM t") == 1


def test_exception_rolls_back_everything(tmp_path: Path) -> None:
    db = make(tmp_path)
    with pytest.raises(RuntimeError), db.transaction() as conn:
        conn.execute("INSERT INTO t VALUES (1)")
        raise RuntimeError("boom")
    assert db.scalar("SELECT count(*) FROM t") == 0
    assert not db.connection.in_transaction


def test_nested_transaction_joins_the_outer_one(tmp_path: Path) -> None:
    db = make(tmp_path)
    with pytest.raises(ValueError), db.transaction() as conn:
        conn.execute("INSERT INTO t VALUES (1)")
        with db.transaction() as inner:
            inner.execute("INSERT INTO t VALUES (2)")
        raise ValueError
    assert db.scalar("SELECT count(*) FROM t") == 0


def test_constraint_failure_leaves_no_partial_write(tmp_path: Path) -> None:
    db = make(tmp_path)
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError), db.transaction() as conn:
        conn.execute("INSERT INTO t VALUES (1)")
        conn.execute("INSERT INTO t VALUES (NULL)")
    assert db.scalar("SELECT count(*) FROM t") == 0
