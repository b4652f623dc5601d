"""Backups, and recovery from a damaged database — never from a failing disk.

At start the database is checked: ``PRAGMA quick_check`` on every start, the full
``PRAGMA integrity_check`` after an unclean exit and at least once a day.  Only
*damage* leads to recovery: the file is moved aside into ``damaged/`` (never
deleted) and the newest backup that passes the same check — preferring one that
holds user data — is restored.  A check that cannot run because the disk or the
file system fails (I/O error, no permission, full disk) raises
:class:`StorageEnvironmentError` and nothing on disk is touched: an I/O error is
not corruption.

A zero-byte file is damage too: SQLite would happily treat it as a new, empty
database, and the next backups would then rotate the real data away.

Backups are taken with SQLite's online backup API (consistent even while WAL
holds recent commits).  Kept: the newest of each of the last 7 days, the last 3
starts, and always the newest backup that holds user data.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from readiness.core.errors import StorageCorrupt, StorageEnvironmentError
from readiness.paths import make_private_dir, private_file
from readiness.storage.errors import SQLITE_CANTOPEN, SQLITE_READONLY, classify

BACKUP_PREFIX = "readiness-"
BACKUP_SUFFIX = ".sqlite3"
KEEP_DAILY = 7
KEEP_RECENT = 3
KEEP_BACKUPS = KEEP_DAILY  # kept for callers of the old name


@dataclass(frozen=True)
class Recovery:
    """What start-up did about a damaged database, for the message to the user."""

    damaged_file: Path  # where the bad file now is
    restored_from: Path | None  # the backup restored, or None if none was good
    reason: str


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)


def _run_pragma(path: Path, pragma: str) -> Any:
    try:
        conn = _connect_ro(path)
        try:
            return conn.execute(f"PRAGMA {pragma}").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if (getattr(exc, "sqlite_errorcode", 0) & 0xFF) not in (SQLITE_READONLY,
                                                                SQLITE_CANTOPEN):
            raise
    # A WAL database in a folder we may not write: its -shm cannot be made.  Read the
    # main file as it is (our clean exit folds the WAL into it).
    conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute(f"PRAGMA {pragma}").fetchone()
    finally:
        conn.close()


def check_database(path: Path, full: bool = False) -> str | None:
    """Why the database at ``path`` is damaged, or None if it is sound (or absent).

    Raises :class:`StorageEnvironmentError` when the check itself fails for a reason
    outside the file (I/O error, permission, full disk): the caller must not treat
    that as damage.
    """
    if not path.exists():
        return None
    try:
        if path.stat().st_size == 0:
            return "the file is empty (0 bytes)"
        result = _run_pragma(path, "integrity_check" if full else "quick_check")
    except (sqlite3.Error, OSError) as exc:
        typed = classify(exc, f"checking {path.name}", path)
        if isinstance(typed, StorageEnvironmentError):
            raise typed from exc
        if isinstance(typed, StorageCorrupt) or isinstance(exc, sqlite3.DatabaseError):
            return str(exc)
        raise
    if result is None or result[0] != "ok":
        return f"integrity check failed: {result[0] if result else 'no answer'}"
    return None


def database_problem(path: Path, full: bool = False) -> str | None:
    """Like :func:`check_database`, but a file we cannot even read counts as a problem."""
    try:
        return check_database(path, full)
    except StorageEnvironmentError as error:
        return str(error)


def holds_data(path: Path) -> bool:
    """True if the database has a schema and at least one row in a table of ours."""
    try:
        conn = _connect_ro(path)
        try:
            if not conn.execute("PRAGMA user_version").fetchone()[0]:
                return False
            tables = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'")]
            return any(conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone()
                       for t in tables)
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return False


def list_backups(folder: Path) -> list[Path]:
    """Backups, newest first (names sort by their timestamp)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.name.startswith(BACKUP_PREFIX)
             and p.name.endswith(BACKUP_SUFFIX)]
    return sorted(found, reverse=True)


def recover_if_damaged(database: Path, backups: Path, quarantine: Path,
                       now: datetime, full: bool = False) -> Recovery | None:
    problem = check_database(database, full)  # environment errors propagate, untouched
    if problem is None:
        return None
    try:
        make_private_dir(quarantine)
        stamp = now.strftime("%Y%m%d-%H%M%S")
        moved = quarantine / f"{database.stem}-{stamp}{database.suffix}"
        shutil.move(str(database), moved)
        for sidecar in ("-wal", "-shm"):
            extra = database.with_name(database.name + sidecar)
            if extra.exists():
                shutil.move(str(extra), moved.with_name(moved.name + sidecar))
        good = [c for c in list_backups(backups) if database_problem(c, full) is None]
        # The newest backup with the candidate's data beats a newer empty one.
        chosen = next((c for c in good if holds_data(c)), good[0] if good else None)
        if chosen is not None:
            shutil.copy2(chosen, database)
            private_file(database)
    except OSError as exc:
        typed = classify(exc, "restoring your data from a backup", database)
        if isinstance(typed, StorageEnvironmentError):
            raise typed from exc
        raise
    return Recovery(moved, chosen, problem)


def take_backup(source: sqlite3.Connection, backups: Path, now: datetime,
                keep_daily: int = KEEP_DAILY, keep_recent: int = KEEP_RECENT) -> Path:
    make_private_dir(backups)
    target = backups / f"{BACKUP_PREFIX}{now.strftime('%Y%m%d-%H%M%S-%f')}{BACKUP_SUFFIX}"
    partial = target.with_name(target.name + ".partial")
    try:
        dest = sqlite3.connect(str(partial))
        try:
            source.backup(dest)
            # The copy inherits WAL mode; as a rollback-journal file, checking or reading
            # it later leaves no -wal/-shm files beside it in the backups folder.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        private_file(partial)
        partial.replace(target)  # a half-written backup never looks like a real one
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)  # a full disk must not keep a useless half file
        typed = classify(exc, "taking the start-up backup", backups)
        if isinstance(typed, StorageEnvironmentError):
            raise typed from exc
        raise
    prune(backups, keep_daily, keep_recent)
    return target


def _day(path: Path) -> str:
    return path.name[len(BACKUP_PREFIX):len(BACKUP_PREFIX) + 8]


def backups_to_keep(found: list[Path], keep_daily: int = KEEP_DAILY,
                    keep_recent: int = KEEP_RECENT) -> set[Path]:
    """The newest of each of the last ``keep_daily`` days, the last ``keep_recent``, and
    the newest that holds user data (so quick empty restarts cannot rotate it away)."""
    newest_first = sorted(found, reverse=True)
    keep = set(newest_first[:keep_recent])
    days: list[str] = []
    for path in newest_first:
        day = _day(path)
        if day not in days:
            days.append(day)
            if len(days) <= keep_daily:
                keep.add(path)
    with_data = next((p for p in newest_first if holds_data(p)), None)
    if with_data is not None:
        keep.add(with_data)
    return keep


def prune(folder: Path, keep_daily: int = KEEP_DAILY, keep_recent: int = KEEP_RECENT) -> None:
    found = list_backups(folder)
    keep = backups_to_keep(found, keep_daily, keep_recent)
    for old in found:
        if old not in keep:
            for sidecar in ("", "-wal", "-shm", "-journal"):
                old.with_name(old.name + sidecar).unlink(missing_ok=True)
