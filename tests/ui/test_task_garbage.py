"""Python's cyclic garbage is collected on the GUI thread, never on a job's worker.

The automatic collector runs on whichever thread allocates past its threshold: a
code-set build allocating records on a pool thread collected there the windows and
pages earlier code had dropped, and their C++ destructors started Qt timers from the
wrong thread ("QBasicTimer::start: Timers cannot be started from another thread",
found with a message handler printing the Python stack: the stack was the build's
record constructor).  While a job runs, the runner turns the automatic collector off
and collects on the GUI thread instead (pyqtgraph's ``GarbageCollector`` does the same).
"""

from __future__ import annotations

import gc
import threading
from typing import Any

from pytestqt.qtbot import QtBot

from readiness.core.progress import Progress
from readiness.ui.collector import GuiThreadCollector
from readiness.ui.tasks import TaskRunner


def _allocate_cycles(_progress: Progress) -> int:
    """What a parser does: many small containers (some in cycles), far past gen 0's 700."""
    kept = []
    for n in range(200_000):
        node: list[Any] = [n]
        node.append(node)
        kept.append(node)
        if len(kept) > 1000:
            kept.clear()
    return threading.get_ident()


def test_no_collection_runs_on_a_worker_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    collected_on: list[int] = []

    def note(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            collected_on.append(threading.get_ident())

    gc.collect()
    gc.callbacks.append(note)
    try:
        handle = runner.run(_allocate_cycles, lambda worker: None)
        with qtbot.waitSignal(handle.ended, timeout=60000):
            pass
    finally:
        gc.callbacks.remove(note)
    gui = threading.get_ident()
    assert [t for t in collected_on if t != gui] == []
    qtbot.waitUntil(gc.isenabled, timeout=10000)  # back once no worker runs


class _Dropped:
    """A Python object in a reference cycle, as a closed window with its slots is."""

    def __init__(self, freed_on: list[str]) -> None:
        self.me = self
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread().name)


def test_garbage_dropped_while_a_job_runs_is_freed_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    freed_on: list[str] = []
    gc.collect()
    _Dropped(freed_on)  # garbage at once: only the cyclic collector can free it
    handle = runner.run(_allocate_cycles, lambda worker: None)
    with qtbot.waitSignal(handle.ended, timeout=60000):
        pass
    qtbot.waitUntil(lambda: bool(freed_on), timeout=10000)
    assert freed_on == [threading.main_thread().name]


def test_callbacks_are_let_go_on_the_gui_thread_once_delivered(qtbot: QtBot) -> None:
    """The job and its callbacks may hold the last reference to a page; the worker must not
    be the one to drop it."""
    runner = TaskRunner()
    freed_on: list[str] = []

    class Page:
        def done(self, _value: object) -> None:
            pass

        def __del__(self) -> None:
            freed_on.append(threading.current_thread().name)

    page = Page()
    handle = runner.run(lambda _p, page=page: 1, page.done)
    del page
    with qtbot.waitSignal(handle.ended, timeout=10000):
        pass
    qtbot.waitUntil(lambda: bool(freed_on), timeout=10000)
    assert freed_on == [threading.main_thread().name]


class _Job:
    worker_done = False


def test_the_collector_is_back_once_the_worker_is_done_delivered_or_not(
        qtbot: QtBot) -> None:
    """A job cancelled at shutdown may never deliver (its handle deleted first): what
    turns automatic collection back on is the worker returning."""
    collector = GuiThreadCollector()
    job = _Job()
    collector.track(job)
    assert not gc.isenabled()
    job.worker_done = True
    qtbot.waitUntil(gc.isenabled, timeout=10000)
    assert not collector.active

    gone = _Job()
    collector.track(gone)
    assert not gc.isenabled()
    del gone  # the handle deleted with its result never delivered
    qtbot.waitUntil(gc.isenabled, timeout=10000)
