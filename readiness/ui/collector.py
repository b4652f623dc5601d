"""Python's cyclic garbage collection on the GUI thread only, while jobs run.

CPython runs its automatic collector on whichever thread allocates past the
threshold.  A job on a pool thread (a code-set build allocates a record for every
code) then collects the windows, pages and models that GUI code dropped in
reference cycles, and their C++ destructors run on the worker: Qt prints
"QBasicTimer::start: Timers cannot be started from another thread" (or worse, a
widget is torn down beside the GUI thread).  So while any job runs, automatic
collection is off and a GUI-thread timer collects in its place with the same
thresholds (pyqtgraph's ``util/garbage_collector.py`` does this for the whole
app); once no job runs the automatic collector is back, and the GUI thread
collects what became due meanwhile.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250  # often enough that a long build does not pile up garbage


class GuiThreadCollector(QObject):
    """Counts running jobs; collects on the GUI thread while there are any."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs = 0
        self._was_enabled = True
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect_due)

    def job_started(self) -> None:
        """Call on the GUI thread before the job reaches the pool."""
        if self.jobs == 0:
            self._was_enabled = gc.isenabled()
            gc.disable()
            self.timer.start()
        self.jobs += 1

    def job_ended(self) -> None:
        """Call on the GUI thread once the job's result was delivered."""
        if self.jobs == 0:
            return
        self.jobs -= 1
        if self.jobs == 0:
            self.timer.stop()
            self.collect_due()
            if self._was_enabled:
                gc.enable()

    def collect_due(self) -> int:
        """Collect the generations the automatic collector would have collected by now."""
        threshold = gc.get_threshold()
        count = gc.get_count()
        found = 0
        for generation in (2, 1, 0):  # the oldest due generation takes the younger along
            if count[generation] > threshold[generation]:
                found = gc.collect(generation)
                break
        return found
