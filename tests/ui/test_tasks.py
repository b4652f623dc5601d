from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from readiness.core.progress import Progress
from readiness.ui.context import UiContext
from readiness.ui.main_window import MainWindow
from readiness.ui.tasks import TaskRunner


def test_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gui_thread = threading.get_ident()
    seen: list[tuple[int, int]] = []

    def work(progress: Progress) -> int:
        progress.report(1, 2, "half")
        return threading.get_ident()

    handle = runner.run(work, lambda worker: seen.append((worker, threading.get_ident())))
    with qtbot.waitSignal(handle.ended, timeout=10000):
        pass
    worker_thread, callback_thread = seen[0]
    assert worker_thread != gui_thread
    assert callback_thread == gui_thread
    assert runner.idle


def test_errors_go_to_on_error(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []
    handle = runner.run(lambda p: 1 / 0, lambda v: None, errors.append)
    with qtbot.waitSignal(handle.ended, timeout=10000):
        pass
    assert isinstance(errors[0], ZeroDivisionError)


def test_cancel_stops_the_work_at_its_next_check(qtbot: QtBot, ctx: UiContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    release = threading.Event()
    done: list[object] = []

    def work(progress: Progress) -> str:
        progress.report(0, 10, "Building the code set")
        release.wait(10)
        progress.check()
        return "finished"

    handle = ctx.tasks.run(work, done.append, label="Building")
    qtbot.waitUntil(lambda: window.task_status.label.text() == "Building the code set")
    assert window.task_status.isVisible()
    qtbot.mouseClick(window.task_status.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    with qtbot.waitSignal(handle.ended, timeout=10000):
        pass
    assert handle.cancelled and done == []
    assert not window.task_status.isVisible()
