"""The mouse wheel scrolls the page; it changes a value only in the field that has focus.

Qt lets the wheel change any spin box, combo box, date/time field or slider the
pointer happens to cross, so scrolling a form silently changed "Weekend sessions
start at" from 09:00 to 00:00.  One event filter on the QApplication (installed
once, in ``setup_application_style``) covers every such widget, in every page and
dialog, present and future: an unfocused one never sees the wheel event, which
goes to the scroll area around it instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

# Widgets whose value the wheel changes.  Scroll bars are sliders too, but scrolling is
# exactly what the wheel is for there.
GUARDED = (QAbstractSpinBox, QComboBox, QAbstractSlider)


def _guarded_owner(obj: QObject) -> QWidget | None:
    """The value widget a wheel event on ``obj`` would change (the event may arrive at a
    child, such as a spin box's line edit), or None."""
    widget = obj if isinstance(obj, QWidget) else None
    for _ in range(3):
        if widget is None:
            return None
        if isinstance(widget, QScrollBar):
            return None
        if isinstance(widget, GUARDED):
            return widget
        widget = widget.parentWidget()
    return None


def _scroll_instead(owner: QWidget, event: QWheelEvent) -> None:
    """Hand the turn to the scroll area around ``owner`` (the page scrolls)."""
    parent = owner.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    if parent is None:
        # No scroll area: unaccepted, so Qt offers a real turn to the parents.
        event.ignore()
        return
    # Sent, not left to Qt's propagation: Qt propagates only spontaneous events, and
    # this way a turn that reached the line edit inside a spin box scrolls too.
    viewport = parent.viewport()
    position = QPointF(viewport.mapFromGlobal(event.globalPosition().toPoint()))
    forwarded = QWheelEvent(position, event.globalPosition(), event.pixelDelta(),
                            event.angleDelta(), event.buttons(), event.modifiers(),
                            event.phase(), event.inverted(), event.source())
    QApplication.sendEvent(viewport, forwarded)
    event.accept()


def _takes_wheel_focus(obj: QObject) -> bool:
    if not isinstance(obj, GUARDED) or isinstance(obj, QScrollBar):
        return False
    wheel = Qt.FocusPolicy.WheelFocus
    return obj.focusPolicy() & wheel == wheel


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            owner = _guarded_owner(watched)
            if owner is not None and not owner.hasFocus():
                assert isinstance(event, QWheelEvent)
                _scroll_instead(owner, event)
                return True
        elif kind == QEvent.Type.Polish and _takes_wheel_focus(watched):
            # Spin boxes take focus from a wheel turn (Qt.WheelFocus) before any filter
            # sees the event; focus comes from a click or Tab instead.
            assert isinstance(watched, QWidget)
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False
