"""Keyboard habits for every window: shortcuts beat text fields, Tab leaves tables.

- A line edit, spin box or text edit claims Ctrl+A/B/D/E/F/H/K for Emacs-style
  editing (Qt's ShortcutOverride), so Ctrl+E (End exam) did nothing while the
  cursor was in a code field.  Here a key with Ctrl or Alt that a visible,
  enabled shortcut or action of the same window is bound to goes to that
  shortcut; the standard editing keys (copy, paste, undo, select all, …) stay
  with the field.
- Tab and Shift+Tab leave every table and list (``setTabKeyNavigation(False)``,
  set once here as each view is polished) instead of walking cell by cell;
  arrow keys move inside.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

TEXT_FIELDS = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)
EDITING_KEYS = (
    QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo, QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.MoveToPreviousWord, QKeySequence.StandardKey.MoveToNextWord,
    QKeySequence.StandardKey.SelectPreviousWord, QKeySequence.StandardKey.SelectNextWord,
    QKeySequence.StandardKey.DeleteStartOfWord, QKeySequence.StandardKey.DeleteEndOfWord,
)
COMMAND_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def bound_in_window(widget: QWidget, keys: QKeySequence) -> bool:
    """Whether a visible, enabled shortcut or action of ``widget``'s window uses ``keys``."""
    window = widget.window()
    for shortcut in window.findChildren(QShortcut):
        owner = shortcut.parent()
        bound = list(shortcut.keys())
        if (shortcut.isEnabled() and keys in bound
                and (not isinstance(owner, QWidget) or owner.isVisible())):
            return True
    return any(action.isEnabled() and keys in action.shortcuts()
               for action in window.findChildren(QAction))


def _shortcut_wins(field: QObject, event: QKeyEvent) -> bool:
    if not event.modifiers() & COMMAND_MODIFIERS:
        return False  # plain typing belongs to the field
    if any(event.matches(key) for key in EDITING_KEYS):
        return False
    assert isinstance(field, QWidget)
    return bound_in_window(field, QKeySequence(event.keyCombination()))


class KeyboardHabits(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and isinstance(watched, TEXT_FIELDS):
            assert isinstance(event, QKeyEvent)
            if _shortcut_wins(watched, event):
                event.ignore()  # not claimed by the field: Qt's shortcut map takes the key
                return True
        elif kind == QEvent.Type.Polish and isinstance(watched, QAbstractItemView):
            watched.setTabKeyNavigation(False)
        return False
