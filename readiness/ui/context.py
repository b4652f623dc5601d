"""What every page is given: the workspace and the UI services."""

from __future__ import annotations

from dataclasses import dataclass

from readiness.ui.dialogs import Dialogs
from readiness.ui.tasks import TaskRunner
from readiness.workspace import Workspace


@dataclass
class UiContext:
    workspace: Workspace
    dialogs: Dialogs
    tasks: TaskRunner
