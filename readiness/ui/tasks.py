"""Long work off the GUI thread, results back on it.

``TaskRunner.run(work, on_done, on_error, label)`` runs ``work(progress)`` on a
pool thread.  The worker never touches a widget and never uses the user
database connection (that stays on the GUI thread); it returns a value, and
``on_done(value)`` / ``on_error(exc)`` are called on the GUI thread through a
queued signal.  ``progress.check()`` raises Cancelled once the user presses
Cancel, so core loops stop at their next check.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from readiness.core.errors import Cancelled
from readiness.core.progress import Progress

T = TypeVar("T")
log = logging.getLogger(__name__)


class TaskHandle(QObject, Generic[T]):
    """One running task: progress and cancel for whoever shows it."""

    progressed = Signal(int, int, str)  # done, total, message (GUI thread)
    ended = Signal()  # after on_done / on_error ran (GUI thread)
    _result = Signal(object, object)  # value, error — emitted from the worker
    _report = Signal(int, int, str)

    def __init__(self, label: str, on_done: Callable[[T], None],
                 on_error: Callable[[BaseException], None] | None) -> None:
        super().__init__()
        self.label = label
        self._on_done = on_done
        self._on_error = on_error
        self._cancel = threading.Event()
        self.finished = False
        self.cancelled = False
        self._result.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._report.connect(self.progressed, Qt.ConnectionType.QueuedConnection)

    # Progress protocol, called on the worker thread.
    def report(self, done: int, total: int, message: str = "") -> None:
        self._report.emit(done, total, message)

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot(object, object)
    def _deliver(self, value: Any, error: BaseException | None) -> None:
        self.finished = True
        try:
            if isinstance(error, Cancelled):
                self.cancelled = True
            elif error is not None:
                if self._on_error is None:
                    raise error
                self._on_error(error)
            else:
                self._on_done(value)
        finally:
            self.ended.emit()


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], handle: TaskHandle[Any]) -> None:
        super().__init__()
        self.work = work
        self.handle = handle

    def run(self) -> None:
        try:
            value = self.work(self.handle)
        except BaseException as exc:  # handed to the GUI thread, never swallowed
            self.handle._result.emit(None, exc)
        else:
            self.handle._result.emit(value, None)


class TaskRunner(QObject):
    started = Signal(object)  # TaskHandle: the main window shows its progress

    def __init__(self, pool: QThreadPool | None = None) -> None:
        super().__init__()
        self.pool = pool or QThreadPool.globalInstance()
        self.running: list[TaskHandle[Any]] = []

    def run(self, work: Callable[[Progress], T], on_done: Callable[[T], None],
            on_error: Callable[[BaseException], None] | None = None,
            label: str = "") -> TaskHandle[T]:
        handle: TaskHandle[T] = TaskHandle(label, on_done, on_error)
        self.running.append(handle)
        handle.ended.connect(lambda: self._forget(handle))
        self.started.emit(handle)
        self.pool.start(_Job(work, handle))
        return handle

    def _forget(self, handle: TaskHandle[Any]) -> None:
        if handle in self.running:
            self.running.remove(handle)

    @property
    def idle(self) -> bool:
        return not self.running

    def cancel_all(self) -> None:
        for handle in list(self.running):
            handle.cancel()

    def wait_for_workers(self, msecs: int = 30000) -> bool:
        """At shutdown: let workers reach their next cancellation check."""
        return bool(self.pool.waitForDone(msecs))
