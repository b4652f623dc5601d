"""The mouse wheel scrolls forms; it changes a value only in the focused field (real events)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QPointF, Qt, QTime
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from readiness.ui import habits
from readiness.ui.plan.setup_form import SetupForm


def wheel(widget: QWidget, notches: int = -3) -> None:
    """Turn the wheel over the middle of ``widget`` (negative: towards the user)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(widget.rect().center())),
                        QPoint(), QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def setup_form(qtbot: QtBot) -> SetupForm:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    habits.install(app)
    form = SetupForm([("d1", "Domain one"), ("d2", "Domain two")], date(2026, 12, 1))
    qtbot.addWidget(form)
    form.resize(700, 300)  # short: the form scrolls
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def test_wheel_over_an_unfocused_time_field_scrolls_the_form(qtbot: QtBot) -> None:
    form = setup_form(qtbot)
    field = form.weekend_start
    field.setTime(QTime(9, 0))
    scroll = form.findChild(QScrollArea)
    assert scroll is not None
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0
    field.ensurePolished()
    scroll.ensureWidgetVisible(field)
    before = bar.value()
    form.setFocus()
    # Towards the end with room to move: up if the field is near the bottom.
    wheel(field, notches=2 if before == bar.maximum() else -2)
    assert field.time() == QTime(9, 0)
    assert bar.value() != before  # the page moved instead


def test_wheel_changes_the_focused_field(qtbot: QtBot) -> None:
    form = setup_form(qtbot)
    field = form.weekend_start
    field.setTime(QTime(9, 0))
    scroll = form.findChild(QScrollArea)
    assert scroll is not None
    scroll.ensureWidgetVisible(field)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)  # the user picks the field first
    qtbot.waitUntil(field.hasFocus)
    wheel(field, notches=1)
    assert field.time() != QTime(9, 0)


def test_every_value_widget_kind_is_guarded(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    habits.install(app)
    page = QWidget()
    layout = QVBoxLayout(page)
    spin, combo, slider = QSpinBox(), QComboBox(), QSlider(Qt.Orientation.Horizontal)
    spin.setRange(0, 10)
    spin.setValue(5)
    combo.addItems(["a", "b", "c"])
    combo.setCurrentIndex(1)
    slider.setRange(0, 10)
    slider.setValue(5)
    name = QLineEdit()  # where focus is while the pointer crosses the others
    for w in (name, spin, combo, slider):
        layout.addWidget(w)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    for w in (spin, combo, slider):
        wheel(w, notches=1)
    assert (spin.value(), combo.currentIndex(), slider.value()) == (5, 1, 5)
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a wheel turn gives no focus
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin, notches=1)
    assert spin.value() == 6
