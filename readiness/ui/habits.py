"""App-wide behaviour installed once on the QApplication, for every page and dialog.

Each habit is one event filter (or one application setting) rather than a line
in every widget, so a page added later gets it without knowing about it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from readiness.ui.wheel import install_wheel_guard


def install(app: QApplication) -> None:
    """Idempotent: the composition root and tests both call it."""
    install_wheel_guard(app)
