"""GUI fixtures: a real main window over a throw-away workspace."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from readiness.ui.context import UiContext
from readiness.ui.dialogs import ScriptedDialogs
from readiness.ui.tasks import TaskRunner
from readiness.workspace import Workspace


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def ctx(qapp: object, workspace: Workspace, dialogs: ScriptedDialogs) -> Iterator[UiContext]:
    from PySide6.QtWidgets import QApplication

    from readiness.ui import habits

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    habits.install(app)  # as the app does: wheel guard, keyboard habits
    runner = TaskRunner(present=lambda error, label: dialogs.show_error(None, error, label))
    context = UiContext(workspace, dialogs, runner)
    yield context
    runner.cancel_all()
    runner.wait_for_workers()
    # The workspace closes after this; a page's minute timer (the day check, checklist
    # reminders) left running would fire in some later test against a closed database.
    from PySide6.QtCore import QTimer

    for widget in QApplication.topLevelWidgets():
        for timer in widget.findChildren(QTimer):
            timer.stop()



@pytest.fixture
def restore_scheme(qapp: object) -> Iterator[None]:
    """For tests that switch to dark: the shared QApplication is light again afterwards.

    Request it after ``ctx`` so it is torn down first, while the widgets' workspace is
    still open (a palette change makes pages re-render)."""
    yield
    from PySide6.QtWidgets import QApplication

    from readiness.ui.appearance import apply_scheme

    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_scheme("system", app)
