"""Rotating backups and recovery from a damaged database.

At start the database is checked (``PRAGMA quick_check``); a file that fails is
moved aside into ``damaged/`` — never deleted — and the newest backup that
passes the same check is restored.  Then a fresh backup is taken with SQLite's
online backup API (consistent even while WAL holds recent commits) and only
the newest ``keep`` are kept.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from readiness.paths import make_private_dir

BACKUP_PREFIX = "readiness-"
BACKUP_SUFFIX = ".sqlite3"
KEEP_BACKUPS = 7


@dataclass(frozen=True)
class Recovery:
    """What start-up did about a damaged database, for the message to the user."""

    damaged_file: Path  # where the bad file now is
    restored_from: Path | None  # the backup restored, or None if none was good
    reason: str


def database_problem(path: Path) -> str | None:
    """Why the database at ``path`` cannot be used, or None if it is sound."""
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if result is None or result[0] != "ok":
        return f"integrity check failed: {result[0] if result else 'no answer'}"
    return None


def list_backups(folder: Path) -> list[Path]:
    """Backups, newest first (names sort by their timestamp)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.name.startswith(BACKUP_PREFIX)
             and p.name.endswith(BACKUP_SUFFIX)]
    return sorted(found, reverse=True)


def recover_if_damaged(database: Path, backups: Path, quarantine: Path,
                       now: datetime) -> Recovery | None:
    problem = database_problem(database)
    if problem is None:
        return None
    make_private_dir(quarantine)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    moved = quarantine / f"{database.stem}-{stamp}{database.suffix}"
    shutil.move(str(database), moved)
    for sidecar in ("-wal", "-shm"):
        extra = database.with_name(database.name + sidecar)
        if extra.exists():
            shutil.move(str(extra), moved.with_name(moved.name + sidecar))
    for candidate in list_backups(backups):
        if database_problem(candidate) is None:
            shutil.copy2(candidate, database)
            return Recovery(moved, candidate, problem)
    return Recovery(moved, None, problem)


def take_backup(source: sqlite3.Connection, backups: Path, now: datetime,
                keep: int = KEEP_BACKUPS) -> Path:
    make_private_dir(backups)
    target = backups / f"{BACKUP_PREFIX}{now.strftime('%Y%m%d-%H%M%S-%f')}{BACKUP_SUFFIX}"
    partial = target.with_name(target.name + ".partial")
    dest = sqlite3.connect(str(partial))
    try:
        source.backup(dest)
    finally:
        dest.close()
    partial.replace(target)  # a half-written backup never looks like a real one
    for old in list_backups(backups)[keep:]:
        old.unlink()
    return target
