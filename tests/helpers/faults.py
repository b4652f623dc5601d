"""Fault injection without root: a full disk, a read-only file, a foreign folder.

- Disk full: SQLite's ``max_page_count`` caps the database at its current size and the
  free space left in its pages is filled, so the next insert fails with SQLITE_FULL,
  exactly as on a full disk; or ``RLIMIT_FSIZE`` in a child process.
- Read-only file / folder we may not write: tests run as root here and in CI, and root
  ignores file modes.  :func:`acting_as_other_user` then switches the *effective* user
  to ``nobody`` (root keeps its real and saved uid, so it can switch back); every module
  the code under test needs is imported before the switch, since the interpreter's own
  files may be unreadable to ``nobody``.  Run as an ordinary user the modes apply as-is.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NOBODY = 65534
MAX_PAGES = 1073741823


def fill_disk(connection: sqlite3.Connection) -> None:
    """Make the next write that needs space fail with 'database or disk is full'.

    Every table has its own pages, so free room in the exam event log's last page would
    let the next event in: that log (the one table every exam action appends to) is
    filled too, under an attempt of its own.
    """
    connection.execute("PRAGMA synchronous = OFF")  # filling fast; restored below
    connection.execute("CREATE TABLE IF NOT EXISTS fault_filler (x BLOB)")
    has_events = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'exam_events'").fetchone()
    if has_events:
        connection.execute(
            "INSERT INTO exam_attempts(id, mode, blueprint_id, title, form_json, status, "
            "started_at) VALUES (-1, 'x', 'x', 'fault filler', '{}', 'abandoned', '2000')")
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages + 1}")
    fills = ["INSERT INTO fault_filler VALUES (?)"]
    if has_events:
        fills.append("INSERT INTO exam_events(attempt_id, at, elapsed_s, kind, detail) "
                     "VALUES (-1, '2000', 0, 'fault-filler', ?)")
    for sql in fills:
        for size in (4000, 1000, 250, 60, 12, 1):
            while True:
                try:
                    connection.execute(sql, ("x" * size,))
                except sqlite3.OperationalError as exc:
                    assert "full" in str(exc)
                    break
    connection.execute("PRAGMA synchronous = FULL")


def free_disk(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA max_page_count = {MAX_PAGES}")
    connection.execute("DELETE FROM fault_filler")
    if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'exam_events'").fetchone():
        connection.execute("DELETE FROM exam_events WHERE attempt_id = -1")
        connection.execute("DELETE FROM exam_attempts WHERE id = -1")


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def shared_dir() -> Path:
    """A folder outside pytest's root-only tmp tree, which ``nobody`` can traverse."""
    folder = Path(tempfile.mkdtemp(prefix="readiness-faults-"))
    folder.chmod(0o755)
    return folder


def give_to_actor(path: Path) -> None:
    """Make ``path`` belong to the user the test acts as (``nobody`` when run as root)."""
    if is_root():
        os.chown(path, NOBODY, NOBODY)


@contextmanager
def acting_as_other_user() -> Iterator[None]:
    """Inside: file modes apply (root acts as ``nobody``); outside: back to normal."""
    if not is_root():
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)
