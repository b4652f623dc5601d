"""What every page is given: the workspace and the UI services."""

from __future__ import annotations

from dataclasses import dataclass

from readiness.ui.checklist.reminders import ChecklistReminders
from readiness.ui.dialogs import Dialogs
from readiness.ui.tasks import TaskRunner
from readiness.workspace import Workspace


@dataclass
class UiContext:
    workspace: Workspace
    dialogs: Dialogs
    tasks: TaskRunner
    # Started with the app, not with the checklist page: due items must be announced
    # even if the page was never opened this session.
    reminders: ChecklistReminders | None = None
