"""App-wide behaviour installed once on the QApplication, for every page and dialog.

Each habit is one event filter rather than a line in every widget, so a page or
dialog added later gets it without knowing about it:

- ``WheelGuard`` (wheel.py): the wheel scrolls the page; it changes a value only
  in the focused field;
- ``KeyboardHabits`` (keyboard.py): window shortcuts beat a text field's Emacs
  keys, and Tab leaves every table and list.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from readiness.ui.keyboard import KeyboardHabits
from readiness.ui.wheel import WheelGuard

FILTERS: tuple[tuple[str, type[QObject]], ...] = (
    ("wheelGuard", WheelGuard),
    ("keyboardHabits", KeyboardHabits),
)


def install(app: QApplication) -> None:
    """Idempotent: the composition root and tests both call it."""
    for name, kind in FILTERS:
        if app.findChild(kind, name) is None:
            habit = kind(app)
            habit.setObjectName(name)
            app.installEventFilter(habit)
