"""Small start-up steps around the database file: markers, modes, writability.

Kept apart from ``backups`` (what is damaged, what to restore) so each file does
one job.  Every OS error here that comes from the environment leaves as a
:class:`StorageEnvironmentError`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from datetime import date
from pathlib import Path

from readiness.core.errors import StorageEnvironmentError, StoreUnavailable
from readiness.paths import AppPaths
from readiness.storage.db import Database
from readiness.storage.errors import classify


def _typed(exc: OSError, operation: str, where: Path) -> BaseException:
    typed = classify(exc, operation, where)
    return typed if isinstance(typed, StorageEnvironmentError) else exc


def can_write(paths: AppPaths) -> bool:
    """False when this account may not write the data file or the data folder."""
    if not _access(paths.home, os.W_OK | os.X_OK):
        return False
    return not paths.database.exists() or _access(paths.database, os.W_OK)


def create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite does (its mode follows the umask)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        try:
            if os.name == "posix":
                os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _typed(exc, f"creating {path.name}", path) from exc


def last_full_check(paths: AppPaths) -> date | None:
    try:
        return date.fromisoformat(paths.integrity_stamp.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def _write_marker(path: Path, text: str) -> None:
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise _typed(exc, f"writing {path.name}", path) from exc


def stamp_full_check(paths: AppPaths, day: date) -> None:
    _write_marker(paths.integrity_stamp, day.isoformat() + "\n")


def mark_running(paths: AppPaths) -> None:
    _write_marker(paths.running_marker, f"{os.getpid()}\n")


def clear_running(paths: AppPaths) -> None:
    # If this fails the next start runs the full check: safe, only slower.
    with suppress(OSError):
        paths.running_marker.unlink(missing_ok=True)


def migrate_or_refuse(db: Database, migrate: Callable[[Database], list[str]]) -> list[str]:
    """Migrate a writable database; a read-only one must already be current."""
    if not db.read_only:
        return migrate(db)
    from readiness.storage.migrations import current_version, latest_version

    if current_version(db) != latest_version():
        raise StoreUnavailable(
            "your data file is read-only and was written by another version of CCS "
            "Readiness, so it cannot be opened; make it writable and start again",
            where=str(db.path))
    return []


def _access(path: Path, mode: int) -> bool:
    """os.access for the effective user: the one whose rights the file system applies."""
    effective = os.access in os.supports_effective_ids
    return os.access(path, mode, effective_ids=effective)
