"""Errors the user can act on, kept apart from bugs.

A :class:`UserError` carries a message written for the candidate: it names the
problem and where it is ("line 12 of bank.gift: ...").  The UI shows it as-is
in a calm dialog.  Anything else that escapes is a bug and goes to the crash
dialog and the log.
"""

from __future__ import annotations


class UserError(Exception):
    """Something the user did or gave us is wrong; nothing was changed."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}" if where else message)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class InvalidInput(UserError):
    """A value typed in a form (a date, a code, a number) is malformed."""


class ImportFailed(UserError):
    """A file could not be imported; the existing data is untouched."""


class StoreUnavailable(UserError):
    """The user database cannot be opened (locked by another instance, disk full, ...)."""


class Cancelled(Exception):
    """Long work stopped because the user asked it to."""


# -- storage -------------------------------------------------------------------------------
# Modelled on qutebrowser's misc/sql.py: a failure of the user's disk or file system is
# not a bug and must never be read as corruption.  The store raises one of these with the
# SQLite (or OS) error kept as ``__cause__``; the UI presents each kind in its own words.

DISK_FULL = "disk-full"
IO_ERROR = "io"
READ_ONLY = "read-only"
PERMISSION = "permission"
BUSY = "busy"

WHAT_TO_DO = {
    DISK_FULL: "Free some space on the disk that holds your data, then try again.",
    IO_ERROR: "The disk reported a read or write error. Check that it is still connected "
              "and healthy (an external or network drive may have gone away), then try again.",
    READ_ONLY: "Your data is on a disk or in a file that cannot be written. Make it writable "
               "(or move the data folder to one that is), then restart CCS Readiness.",
    PERMISSION: "This account is not allowed to write your data folder. Give it permission "
                "(or set READINESS_HOME to a folder you own), then restart CCS Readiness.",
    BUSY: "Another program is holding your data file. Close it and try again.",
}

WHAT_HAPPENED = {
    DISK_FULL: "The disk is full",
    IO_ERROR: "The disk could not be read or written",
    READ_ONLY: "Your data cannot be written (read-only)",
    PERMISSION: "No permission to write your data",
    BUSY: "Your data file is busy",
}


class StorageError(Exception):
    """The user database failed; ``operation`` says what we were doing."""

    def __init__(self, message: str, *, operation: str = "", code: str = "") -> None:
        self.message = message
        self.operation = operation
        self.code = code  # SQLite error name (e.g. SQLITE_FULL) or errno name
        super().__init__(f"{operation}: {message}" if operation else message)


class StorageEnvironmentError(StorageError):
    """The disk, the file system or another program is in the way: not our bug."""

    def __init__(self, message: str, *, kind: str, operation: str = "", code: str = "") -> None:
        self.kind = kind
        super().__init__(message, operation=operation, code=code)

    @property
    def headline(self) -> str:
        return WHAT_HAPPENED.get(self.kind, "Your data could not be saved")

    @property
    def advice(self) -> str:
        return WHAT_TO_DO.get(self.kind, "Try again.")


class StorageCorrupt(StorageError):
    """The database file itself is damaged (not an I/O failure while reading it)."""


class StorageBug(StorageError):
    """SQL that is wrong, a constraint we broke: a bug for the crash dialog."""
