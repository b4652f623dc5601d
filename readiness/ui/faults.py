"""One presenter for failures of the user's disk or file system.

A :class:`StorageEnvironmentError` is not a bug: the crash dialog ("please send
the details") is the wrong answer to a full disk.  Every screen presents it
here, in three parts — what happened, what was and was not saved, what to do —
and the same wording reaches stderr for start-up failures, where there may be
no window yet.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from readiness.core.errors import (
    READ_ONLY,
    StorageEnvironmentError,
    StoreUnavailable,
    UserError,
)
from readiness.ui.dialogs import Dialogs

log = logging.getLogger(__name__)

SAVED_BEFORE = "Everything shown as saved before this was saved and is safe."
# The same kind of failure again within this many seconds only goes to the log: a read-only
# disk must not raise a dialog for every change (three in 1.5 s was the old behaviour).
QUIET_S = 30.0


def storage_text(error: StorageEnvironmentError, not_saved: str | None = None) -> str:
    lost = (f"Not saved: {not_saved}." if not_saved
            else "The change you just made was not saved.")
    return f"{lost} {SAVED_BEFORE}\n\n{error.advice}\n\n(Details: {error})"


def startup_text(error: BaseException) -> str:
    """Why the app cannot start, for the dialog and for stderr; nothing was changed."""
    if isinstance(error, StorageEnvironmentError):
        return (f"{error.headline}, so CCS Readiness cannot open your data. Nothing was "
                f"changed on disk: your data is where it was.\n\n{error.advice}\n\n"
                f"(Details: {error})")
    if isinstance(error, UserError | StoreUnavailable):
        return f"CCS Readiness cannot open your data: {error}\n\nNothing was changed on disk."
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return (f"CCS Readiness cannot open its data folder{where}: {error.strerror or error}."
                "\n\nNothing was changed on disk. Check that the folder exists, is a folder, "
                "and that this account may write it (or set READINESS_HOME to one that is).")
    return f"CCS Readiness cannot start: {error}"


def refuse_start(dialogs: Dialogs, title: str, text: str, code: int) -> int:
    """Explain on stderr and in a dialog why we stop; returns the exit code."""
    log.error("start-up refused: %s: %s", title, text)
    print(f"{title}: {text}", file=sys.stderr, flush=True)
    dialogs.warn(None, title, text)
    return code


class StoragePresenter:
    """Shows storage failures calmly, once per kind in a while."""

    def __init__(self, dialogs: Dialogs, clock: Callable[[], float] = time.monotonic) -> None:
        self.dialogs = dialogs
        self._clock = clock
        self._last: dict[str, float] = {}

    def present(self, parent: QWidget | None, error: StorageEnvironmentError,
                not_saved: str | None = None, force: bool = False) -> None:
        """``force``: the candidate asked for exactly this (e.g. Resume), always answer."""
        log.warning("storage failure: %s (not saved: %s)", error, not_saved or "the change")
        now = self._clock()
        last = self._last.get(error.kind)
        if not force and last is not None and (now - last < QUIET_S
                                               or error.kind == READ_ONLY):
            return  # read-only: said once; the banner keeps saying it
        self._last[error.kind] = now
        self.dialogs.warn(parent, error.headline, storage_text(error, not_saved))

    def retry(self, parent: QWidget | None, error: StorageEnvironmentError,
              not_saved: str) -> bool:
        """Say what was not saved and ask whether to try again (always asks: it is modal)."""
        log.warning("storage failure: %s (not saved: %s)", error, not_saved)
        return self.dialogs.confirm(parent, error.headline,
                                    storage_text(error, not_saved) + "\n\nTry again now?")
