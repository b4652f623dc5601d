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
