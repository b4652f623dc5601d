"""The Exam-day checklist's appointment fields follow the plan set-up's date rules:
an exam date outside the ATT window or an ATT from the future, typed by the
candidate, is refused with the same message and nothing is saved (issue 13)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QLabel
from pytestqt.qtbot import QtBot

from readiness.core.appointment import ExamAppointment
from readiness.core.errors import InvalidInput
from readiness.core.planner.validation import check_appointment
from readiness.ui.checklist.page import ChecklistPage
from readiness.ui.context import UiContext
from readiness.ui.dialogs import ScriptedDialogs

S = QDateTimeEdit.Section
TODAY = date(2026, 3, 2)  # the FakeClock's day
APPT = ExamAppointment(exam_date=date(2026, 5, 15), exam_time=time(9, 0),
                       timezone="America/Chicago", center_name="Pearson VUE Midtown",
                       att_received=date(2026, 2, 20))  # window closes Sat 2026-06-20


@pytest.fixture
def page(qtbot: QtBot, ctx: UiContext) -> ChecklistPage:
    ctx.workspace.appointment.save(APPT)
    widget = ChecklistPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    widget.tabs.setCurrentIndex(1)  # Appointment & arrival
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def type_date(qtbot: QtBot, edit: QDateEdit, month: str, day: str) -> None:
    """Type the month, then the day, into ``edit`` and leave it with Tab."""
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    for section, text in ((S.MonthSection, month), (S.DaySection, day)):
        edit.setCurrentSection(section)
        edit.setSelectedSection(section)
        qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


def rule_message(appointment: ExamAppointment) -> str:
    with pytest.raises(InvalidInput) as caught:
        check_appointment(appointment, TODAY)
    return str(caught.value)


def test_a_typed_exam_date_after_the_att_window_is_refused_with_the_set_up_message(
        qtbot: QtBot, page: ChecklistPage, ctx: UiContext, dialogs: ScriptedDialogs,
        tmp_path: Path) -> None:
    arrival = page.arrival
    assert "YYYY-MM-DD" in arrival.date.toolTip()  # the expected format is shown
    weekday = next(w for w in arrival.findChildren(QLabel)
                   if w.accessibleName() == "Exam date: weekday")
    assert weekday.text() == "Friday  (YYYY-MM-DD)"
    type_date(qtbot, arrival.date, "07", "01")
    (error,) = dialogs.texts("error")
    assert "last valid date is Sat 2026-06-20" in error
    assert error == rule_message(ExamAppointment(exam_date=date(2026, 7, 1),
                                                 att_received=APPT.att_received))
    assert ctx.workspace.appointment.get().exam_date == date(2026, 5, 15)  # nothing saved
    assert arrival.date.date() == QDate(2026, 5, 15)  # the field shows what is saved
    assert weekday.text() == "Friday  (YYYY-MM-DD)"  # and its weekday
    assert arrival.refused.isVisible()
    assert "last valid date is Sat 2026-06-20" in arrival.refused.text()
    page.grab().save(str(tmp_path / "checklist-appointment-refused.png"))
    type_date(qtbot, arrival.date, "06", "19")  # a valid date: saved, the notice goes
    assert not arrival.refused.isVisible()
    assert ctx.workspace.appointment.get().exam_date == date(2026, 6, 19)


def test_a_typed_date_inside_the_window_is_saved_once_typing_is_done(
        qtbot: QtBot, page: ChecklistPage, ctx: UiContext, dialogs: ScriptedDialogs) -> None:
    type_date(qtbot, page.arrival.date, "06", "19")  # passes through 06-01 and 06-15 typing
    assert dialogs.texts("error") == []
    assert ctx.workspace.appointment.get().exam_date == date(2026, 6, 19)


def test_a_typed_att_date_in_the_future_is_refused(
        qtbot: QtBot, page: ChecklistPage, ctx: UiContext, dialogs: ScriptedDialogs) -> None:
    arrival = page.arrival
    type_date(qtbot, arrival.att_date, "03", "20")
    (error,) = dialogs.texts("error")
    assert "still to come" in error and "Mon 2026-03-02" in error
    assert ctx.workspace.appointment.get().att_received == date(2026, 2, 20)
    assert arrival.att_date.date() == QDate(2026, 2, 20)


def test_an_att_date_that_pushes_the_exam_out_of_its_window_is_refused(
        qtbot: QtBot, page: ChecklistPage, ctx: UiContext, dialogs: ScriptedDialogs) -> None:
    arrival = page.arrival
    type_date(qtbot, arrival.att_date, "01", "02")  # the window would close Sat 2026-05-02
    (error,) = dialogs.texts("error")
    assert error == rule_message(replace(APPT, att_received=date(2026, 1, 2)))
    assert "last valid date is Sat 2026-05-02" in error
    assert ctx.workspace.appointment.get().att_received == date(2026, 2, 20)
