"""Every dialog of the app, built as the user would meet it, for layout checks.

``tests/ui/test_no_cut_off_text.py`` shows each at the supported screen sizes, light
and dark, and checks no label or button is cut off; ``scripts/render_screens.py``
saves each to ``docs/screens/``.  A dialog added to the app belongs here too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from readiness import __version__
from readiness.core.errors import DISK_FULL, StorageEnvironmentError
from readiness.ui.about import AboutDialog, HelpDialog
from readiness.ui.bank.dialog import BankDialog
from readiness.ui.codebook.downloads import OfficialFilesDialog
from readiness.ui.context import UiContext
from readiness.ui.crash import CrashDialog
from readiness.ui.exam.widgets import CalculatorDialog
from readiness.ui.faults import storage_text
from readiness.ui.plan.guideline_reader import GuidelineReader

SAMPLE_TRACEBACK = (
    "Traceback (most recent call last):\n"
    '  File "readiness/ui/plan/page.py", line 150, in save_setup\n'
    "    self.planner.save_setup(prefs, appt)\n"
    "ValueError: a sample error for the layout check\n"
)


def _storage_box(parent: QWidget | None) -> QDialog:
    """The fault presenter's message (a full disk), in the message box it uses."""
    error = StorageEnvironmentError("database or disk is full", kind=DISK_FULL,
                                    operation="saving an answer", code="SQLITE_FULL")
    box = QMessageBox(QMessageBox.Icon.Warning, error.headline,
                      storage_text(error, "your answer to question 12"),
                      QMessageBox.StandardButton.Ok, parent)
    return box


def _guidelines(ctx: UiContext, parent: QWidget | None) -> QDialog:
    guidelines = ctx.workspace.plan_tasks.guidelines()
    return GuidelineReader(guidelines.sections[0], guidelines.source, parent)


def dialogs(ctx: UiContext, parent: QWidget | None = None
            ) -> list[tuple[str, Callable[[], QDialog]]]:
    """(name, factory) for each dialog; a factory builds a new one, not yet shown."""
    home: Path = ctx.workspace.home
    return [
        ("about", lambda: AboutDialog(__version__, home, parent)),
        ("help", lambda: HelpDialog(parent)),
        ("question-bank", lambda: BankDialog(ctx, parent)),
        ("official-files", lambda: OfficialFilesDialog(ctx, parent)),
        ("crash", lambda: CrashDialog("ValueError: a sample error for the layout check",
                                      SAMPLE_TRACEBACK, home / "logs" / "crash.log", parent)),
        ("disk-full", lambda: _storage_box(parent)),
        ("calculator", lambda: CalculatorDialog(parent)),
        ("guidelines", lambda: _guidelines(ctx, parent)),
    ]
