"""What the exam driver does when a save fails: the screen follows the store.

Every action of the candidate is saved by the :class:`ExamRun` before it returns;
when the save fails (a full disk), the run has put itself back to what the store
holds and raises.  :class:`SaveGuard` then says which answer or move was not saved
and offers Retry; without a retry the driver redraws from the run, i.e. from the
store.  The once-a-second clock checkpoint is different: failing it must not raise
a dialog every second, so it shows one banner and retries with back-off.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QLabel, QWidget

from readiness.core.errors import StorageEnvironmentError
from readiness.ui.faults import StoragePresenter

log = logging.getLogger(__name__)
T = TypeVar("T")

FIRST_RETRY_S = 2.0
LONGEST_RETRY_S = 60.0


class SaveGuard:
    def __init__(self, presenter: StoragePresenter, parent: QWidget, banner: QLabel,
                 redraw: Callable[[], None], monotonic: Callable[[], float]) -> None:
        self.presenter = presenter
        self.parent = parent
        self.banner = banner
        self.redraw = redraw
        self.monotonic = monotonic
        self._retry_at: float | None = None
        self._delay = FIRST_RETRY_S
        self.failures = 0  # clock checkpoints that failed (tests, log)

    def attempt(self, what: str, action: Callable[[], T]) -> T | None:
        """Run ``action``; on a storage failure say ``what`` was not saved, offer Retry.

        Returns None when the candidate gives up; the screen is then redrawn from the
        store, so it shows exactly what was saved.
        """
        while True:
            try:
                return action()
            except StorageEnvironmentError as error:
                if not self.presenter.retry(self.parent, error, what):
                    self.redraw()
                    return None

    def checkpoint(self, save: Callable[[], object]) -> None:
        """The periodic clock save: quiet on failure, one banner, back-off between tries."""
        now = self.monotonic()
        if self._retry_at is not None and now < self._retry_at:
            return
        try:
            save()
        except StorageEnvironmentError as error:
            self.failures += 1
            self._retry_at = now + self._delay
            log.warning("exam clock not saved (%s); next try in %.0f s", error, self._delay)
            self.banner.setText(
                f"{error.headline}: the exam clock could not be saved (tried again every "
                f"{self._delay:.0f} s). {error.advice} Each answer is still saved as you give "
                "it, and you are told if one is not.")
            self._delay = min(self._delay * 2, LONGEST_RETRY_S)
            if self.banner.isHidden():
                self.banner.show()
            return
        self._retry_at, self._delay = None, FIRST_RETRY_S
        if not self.banner.isHidden():
            self.banner.hide()
