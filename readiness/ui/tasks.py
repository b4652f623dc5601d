"""Long work off the GUI thread, results back on it: the app's one way to run a job.

``TaskRunner.run(work, on_done, on_error, label, owner=...)`` runs
``work(progress)`` on a pool thread.  The worker never touches a widget and
never uses the user database connection (that stays on the GUI thread); it
returns a value, and the callbacks run on the GUI thread through a queued
signal.  ``progress.check()`` raises Cancelled once the user presses Cancel,
so core loops stop at their next check.

One error policy for every job (Anki's ``qt/aqt/operations``):

- an expected failure (a :class:`UserError`, or an ``OSError`` such as a full
  disk, which is the user's environment) goes to ``on_error`` as a UserError;
  without ``on_error`` the runner's ``present`` shows it as a message;
- anything else is a bug: it is raised on the GUI thread, so it reaches the
  excepthook and the crash dialog, and ``on_error`` never sees it;
- Cancelled calls neither callback.

``ended`` is emitted after every outcome, for clean-up (a progress bar, a
"building" flag).  With ``owner``, nothing is delivered once that widget is
gone: a page closed while its job ran does not get a callback on a deleted
widget.

Python objects die on the GUI thread, not on the worker (their C++ destructors
would run there, and Qt objects may only be torn down on their own thread): the
worker lets go of the work before it hands over the result, the handle lets go of
the work and the callbacks once it delivered, and while a job runs the cyclic
garbage collector runs on the GUI thread only (see collector.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from readiness.core.errors import Cancelled, UserError
from readiness.core.progress import Progress
from readiness.ui.collector import GuiThreadCollector

T = TypeVar("T")
log = logging.getLogger(__name__)


class TaskHandle(QObject, Generic[T]):
    """One running task: progress and cancel for whoever shows it."""

    progressed = Signal(int, int, str)  # done, total, message (GUI thread)
    ended = Signal()  # after on_done / on_error ran (GUI thread)
    # [(value, error)], emitted from the worker; the GUI thread empties the list, so the
    # worker never holds the last reference to a result or an exception's frames.
    _result = Signal(object)
    _report = Signal(int, int, str)

    def __init__(self, label: str, on_done: Callable[[T], None],
                 on_error: Callable[[UserError], None] | None,
                 present: Callable[[UserError, str], None] | None = None,
                 owner: QObject | None = None) -> None:
        super().__init__()
        self.label = label
        self._on_done = on_done
        self._on_error = on_error
        self._present = present
        self._owner = owner
        self._work: Callable[[Progress], Any] | None = None  # let go of on the GUI thread
        self.worker_done = False  # the worker returned (set on the worker thread, last)
        self._cancel = threading.Event()
        self.finished = False
        self.cancelled = False
        self.failure: UserError | None = None  # the expected failure, for ``ended`` handlers
        self.key = ""
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

    @property
    def owner_gone(self) -> bool:
        return self._owner is not None and not shiboken6.isValid(self._owner)

    @Slot(object)
    def _deliver(self, box: list[tuple[Any, BaseException | None]]) -> None:
        value, error = box.pop()
        self.finished = True
        if self.owner_gone:
            self.cancelled = isinstance(error, Cancelled)
            self._let_go()
            self.ended.emit()
            if error is not None and not _expected(error) and not self.cancelled:
                raise error  # a bug is a bug even when nobody waits for the answer
            return
        try:
            if isinstance(error, Cancelled):
                self.cancelled = True
            elif error is not None:
                failure = _expected(error)
                if failure is None:
                    raise error  # a bug: the excepthook shows the crash dialog
                self.failure = failure
                if self._on_error is not None:
                    self._on_error(failure)
                elif self._present is not None:
                    self._present(failure, self.label)
                else:
                    raise failure
            else:
                self._on_done(value)
        finally:
            self._let_go()
            self.ended.emit()

    def _let_go(self) -> None:
        """What the job and its callbacks hold (pages, dialogs) is let go of here, on the
        GUI thread, even if someone keeps the handle."""
        self._work = None
        self._on_done = self._on_error = None  # type: ignore[assignment]
        self._owner = None


def _expected(error: BaseException) -> UserError | None:
    """The failure as the user should read it, or None for a bug."""
    if isinstance(error, UserError):
        return error
    if isinstance(error, OSError):  # disk full, permission, a file gone: the environment
        where = error.filename if isinstance(error.filename, str) else None
        failure = UserError(error.strerror or str(error), where=where)
        failure.__cause__ = error
        return failure
    return None


class _Job(QRunnable):
    def __init__(self, handle: TaskHandle[Any]) -> None:
        super().__init__()
        self.handle = handle

    def run(self) -> None:
        work = self.handle._work
        assert work is not None
        box = [_call(work, self.handle)]
        del work  # the handle keeps the work until the GUI thread lets go of it
        self.handle._result.emit(box)
        self.handle.worker_done = True


def _call(work: Callable[[Progress], Any], progress: Progress) -> tuple[Any, BaseException | None]:
    try:
        return work(progress), None
    except BaseException as exc:  # handed to the GUI thread, never swallowed
        return None, exc


class TaskRunner(QObject):
    started = Signal(object)  # TaskHandle: the main window shows its progress

    def __init__(self, pool: QThreadPool | None = None,
                 present: Callable[[UserError, str], None] | None = None) -> None:
        super().__init__()
        self.pool = pool or QThreadPool.globalInstance()
        self.running: list[TaskHandle[Any]] = []
        # Shows an expected failure of a job that has no on_error (the composition root
        # passes the dialog service); the label says which job failed.
        self.present = present

    def run(self, work: Callable[[Progress], T], on_done: Callable[[T], None],
            on_error: Callable[[UserError], None] | None = None,
            label: str = "", owner: QObject | None = None, key: str = "") -> TaskHandle[T]:
        """Start ``work``; ``key`` names a job that must not run twice (see :meth:`find`)."""
        if key and self.find(key) is not None:
            raise RuntimeError(f"job {key!r} is already running; attach to find({key!r})")
        handle: TaskHandle[T] = TaskHandle(label, on_done, on_error, self.present, owner)
        handle.key = key
        handle._work = work
        self.running.append(handle)
        handle.ended.connect(self._ended)
        _collector().track(handle)
        self.started.emit(handle)
        self.pool.start(_Job(handle))
        return handle

    def find(self, key: str) -> TaskHandle[Any] | None:
        """The running job started with ``key``, to attach to instead of starting another."""
        return next((h for h in self.running if h.key == key and not h.finished), None)

    @Slot()
    def _ended(self) -> None:
        handle = self.sender()
        if handle in self.running:
            self.running.remove(handle)
        _collector().check()

    @property
    def idle(self) -> bool:
        return not self.running

    def cancel_all(self) -> None:
        for handle in list(self.running):
            handle.cancel()

    def wait_for_workers(self, msecs: int = 30000) -> bool:
        """At shutdown: let workers reach their next cancellation check."""
        return bool(self.pool.waitForDone(msecs))


def _collector() -> GuiThreadCollector:
    """The application's one collector: every runner's jobs count together."""
    app = QCoreApplication.instance()
    found = app.findChild(GuiThreadCollector, "guiThreadCollector") if app else None
    if found is None:
        found = GuiThreadCollector(app)
        found.setObjectName("guiThreadCollector")
    return found
