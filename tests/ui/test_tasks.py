from __future__ import annotations

import errno
import threading

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from readiness.core.errors import ImportFailed, UserError
from readiness.core.progress import Progress
from readiness.ui.context import UiContext
from readiness.ui.main_window import MainWindow
from readiness.ui.tasks import TaskHandle, TaskRunner


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


def _wait(qtbot: QtBot, handle: TaskHandle[object]) -> None:
    with qtbot.waitSignal(handle.ended, timeout=10000):
        pass


def test_expected_failures_go_to_on_error(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[UserError] = []

    def bad_file(_progress: Progress) -> None:
        raise ImportFailed("line 3: no answer", where="bank.gift")

    handle = runner.run(bad_file, lambda v: None, errors.append)
    _wait(qtbot, handle)
    assert [str(e) for e in errors] == ["bank.gift: line 3: no answer"]
    assert handle.failure is errors[0]


def test_a_full_disk_is_an_expected_failure_too(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[UserError] = []

    def disk_full(_progress: Progress) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/data/codesets/cm.sqlite3")

    _wait(qtbot, runner.run(disk_full, lambda v: None, errors.append))
    assert str(errors[0]) == "/data/codesets/cm.sqlite3: No space left on device"


def test_without_on_error_the_runner_presents_the_message(qtbot: QtBot) -> None:
    shown: list[tuple[str, str]] = []
    runner = TaskRunner(present=lambda error, label: shown.append((str(error), label)))

    def bad(_progress: Progress) -> None:
        raise UserError("not a CMS file", where="x.zip")

    _wait(qtbot, runner.run(bad, lambda v: None, label="Importing x.zip"))
    assert shown == [("x.zip: not a CMS file", "Importing x.zip")]


def test_a_bug_reaches_the_crash_dialog_not_on_error(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[UserError] = []
    with qtbot.captureExceptions() as raised:
        handle = runner.run(lambda p: 1 / 0, lambda v: None, errors.append)
        _wait(qtbot, handle)
    assert errors == []
    assert [type(e[1]) for e in raised] == [ZeroDivisionError]  # what sys.excepthook gets


def test_nothing_is_delivered_to_a_widget_that_is_gone(qtbot: QtBot) -> None:
    runner = TaskRunner()
    owner = QLabel()
    release = threading.Event()
    seen: list[object] = []

    def work(_progress: Progress) -> int:
        release.wait(10)
        return 1

    handle = runner.run(work, seen.append, owner=owner)
    shiboken6.delete(owner)  # the page closed while its job ran
    release.set()
    _wait(qtbot, handle)
    assert seen == []


def test_a_keyed_job_runs_once_and_can_be_found(qtbot: QtBot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    handle = runner.run(lambda p: release.wait(10), lambda v: None, key="codesets")
    assert runner.find("codesets") is handle
    with pytest.raises(RuntimeError, match="already running"):
        runner.run(lambda p: None, lambda v: None, key="codesets")
    release.set()
    _wait(qtbot, handle)
    assert runner.find("codesets") is None


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
