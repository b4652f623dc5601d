"""Python's cyclic garbage collection on the GUI thread only, while workers run.

CPython runs its automatic collector on whichever thread allocates past the
threshold.  A job on a pool thread (a code-set build allocates a record for every
code) then collects the windows, pages and models that GUI code dropped in
reference cycles, and their C++ destructors run on the worker: Qt prints
"QBasicTimer::start: Timers cannot be started from another thread" (or worse, a
widget is torn down beside the GUI thread).  So while any job's worker runs,
automatic collection is off and a GUI-thread timer collects in its place with the
same thresholds (pyqtgraph's ``util/garbage_collector.py`` does this for the whole
app); once no worker runs the automatic collector is back, and the GUI thread
collects what became due meanwhile.

What counts is the worker, not the delivery of the result: a job whose result is
never delivered (cancelled at shutdown, its handle deleted) must not leave the
collector off.
"""

from __future__ import annotations

import gc
import weakref
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250  # often enough that a long build does not pile up garbage


class Job(Protocol):
    worker_done: bool  # set by the worker as the last thing it does


class GuiThreadCollector(QObject):
    """Collects on the GUI thread while any tracked job's worker runs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[weakref.ref[Job]] = []
        self._was_enabled = True
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self._tick)

    @property
    def active(self) -> bool:
        return bool(self._jobs)

    def track(self, job: Job) -> None:
        """Call on the GUI thread before the job reaches the pool."""
        if not self._jobs:
            self._was_enabled = gc.isenabled()
            gc.disable()
            self.timer.start()
        self._jobs.append(weakref.ref(job))

    def check(self) -> None:
        """Forget jobs whose worker is done (call on the GUI thread); the last one turns
        automatic collection back on."""
        self._jobs = [ref for ref in self._jobs
                      if (job := ref()) is not None and not job.worker_done]
        if not self._jobs and self.timer.isActive():
            self.timer.stop()
            self.collect_due()
            if self._was_enabled:
                gc.enable()

    def _tick(self) -> None:
        self.collect_due()
        self.check()

    def collect_due(self) -> int:
        """Collect the generations the automatic collector would have collected by now."""
        threshold = gc.get_threshold()
        count = gc.get_count()
        for generation in (2, 1, 0):  # the oldest due generation takes the younger along
            if count[generation] > threshold[generation]:
                return gc.collect(generation)
        return 0
