"""How long-running core work reports progress and notices cancellation.

Core functions that take a while accept a ``Progress``; the UI passes one that
forwards to a progress bar and whose ``check()`` raises :class:`Cancelled` when
the user pressed Cancel.  Tests and scripts pass ``NullProgress()``.
"""

from __future__ import annotations

from typing import Protocol

from readiness.core.errors import Cancelled


class Progress(Protocol):
    def report(self, done: int, total: int, message: str = "") -> None: ...

    def check(self) -> None:
        """Raise Cancelled if the user asked to stop."""
        ...


class NullProgress:
    def report(self, done: int, total: int, message: str = "") -> None:
        pass

    def check(self) -> None:
        pass


class CancelAfter:
    """Test helper: cancels at the n-th check."""

    def __init__(self, checks: int) -> None:
        self.remaining = checks

    def report(self, done: int, total: int, message: str = "") -> None:
        pass

    def check(self) -> None:
        self.remaining -= 1
        if self.remaining < 0:
            raise Cancelled()
