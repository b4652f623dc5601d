"""Turn sqlite3 and OS errors into the typed storage errors of ``core.errors``.

Classified by SQLite's primary result code (``sqlite_errorcode & 0xFF``), never by
message text, as qutebrowser's ``misc/sql.py`` does: a full disk, an I/O error, a
read-only file, a permission problem or a lock held elsewhere is the user's
environment; a damaged file is corruption; everything else is a bug.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from readiness.core.errors import (
    BUSY,
    DISK_FULL,
    IO_ERROR,
    PERMISSION,
    READ_ONLY,
    StorageBug,
    StorageCorrupt,
    StorageEnvironmentError,
    StorageError,
)

# Primary result codes (https://sqlite.org/rescode.html).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_NOMEM = 7
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_PROTOCOL = 15
SQLITE_AUTH = 23
SQLITE_NOTADB = 26

ENVIRONMENT_CODES = {
    SQLITE_FULL: DISK_FULL,
    SQLITE_IOERR: IO_ERROR,
    SQLITE_NOMEM: IO_ERROR,
    SQLITE_PROTOCOL: IO_ERROR,
    SQLITE_READONLY: READ_ONLY,
    SQLITE_PERM: PERMISSION,
    SQLITE_AUTH: PERMISSION,
    SQLITE_CANTOPEN: PERMISSION,
    SQLITE_BUSY: BUSY,
    SQLITE_LOCKED: BUSY,
}
CORRUPT_CODES = {SQLITE_CORRUPT, SQLITE_NOTADB}

# A nearly full disk often reaches us as SQLite's "disk I/O error" (growing the -shm or
# -wal file fails with ENOSPC inside SQLite's VFS, reported as SQLITE_IOERR_*), not as
# SQLITE_FULL. Below this much free space an I/O error is the full disk, and the user
# is told to free space rather than to check a cable.
LOW_SPACE_BYTES = 1 << 20

ERRNO_KINDS = {
    errno.ENOSPC: DISK_FULL,
    errno.EDQUOT: DISK_FULL,
    errno.EFBIG: DISK_FULL,
    errno.EIO: IO_ERROR,
    errno.EROFS: READ_ONLY,
    errno.EACCES: PERMISSION,
    errno.EPERM: PERMISSION,
    errno.EBUSY: BUSY,
}


def nearly_full(where: Path | None) -> bool:
    """True when the file system holding ``where`` has under LOW_SPACE_BYTES free."""
    if where is None:
        return False
    probe = where if where.is_dir() else where.parent
    try:
        return shutil.disk_usage(probe).free < LOW_SPACE_BYTES
    except OSError:
        return False


def classify(exc: BaseException, operation: str = "",
             where: Path | None = None) -> StorageError:
    """The typed error for ``exc``; the caller raises it ``from exc`` to keep the cause.

    ``where`` is the file or folder the operation touched: an I/O error there while its
    disk is nearly full is reported as the full disk it is.
    """
    typed = _classify(exc, operation)
    if (isinstance(typed, StorageEnvironmentError) and typed.kind == IO_ERROR
            and typed is not exc and nearly_full(where)):
        return StorageEnvironmentError(typed.message, kind=DISK_FULL, operation=operation,
                                       code=typed.code)
    return typed


def _classify(exc: BaseException, operation: str) -> StorageError:
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        name = str(getattr(exc, "sqlite_errorname", "") or "")
        primary = code & 0xFF if isinstance(code, int) else None
        if primary in ENVIRONMENT_CODES:
            return StorageEnvironmentError(str(exc), kind=ENVIRONMENT_CODES[primary],
                                           operation=operation, code=name)
        if primary in CORRUPT_CODES:
            return StorageCorrupt(str(exc), operation=operation, code=name)
        return StorageBug(str(exc), operation=operation, code=name)
    if isinstance(exc, OSError) and exc.errno in ERRNO_KINDS:
        name = errno.errorcode.get(exc.errno or 0, "")
        return StorageEnvironmentError(exc.strerror or str(exc), kind=ERRNO_KINDS[exc.errno],
                                       operation=operation, code=name)
    return StorageBug(f"{type(exc).__name__}: {exc}", operation=operation)


def is_environment(exc: BaseException) -> bool:
    return isinstance(classify(exc), StorageEnvironmentError)
