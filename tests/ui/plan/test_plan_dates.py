"""Typed dates are kept as typed, and dates outside the ATT window are refused
with the reason (issue 13, item 4)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit
from pytestqt.qtbot import QtBot
from test_plan_page import click, make_page

from readiness.ui.context import UiContext
from readiness.ui.dialogs import ScriptedDialogs
from readiness.ui.plan.setup_form import DATE_FORMAT

S = QDateTimeEdit.Section


def type_month_then_day(qtbot: QtBot, edit: QDateEdit, month: str, day: str) -> None:
    edit.setFocus()
    for section, text in ((S.MonthSection, month), (S.DaySection, day)):
        edit.setCurrentSection(section)
        edit.setSelectedSection(section)
        qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


def test_a_weekday_section_drops_the_typed_day(qtbot: QtBot) -> None:
    """The old display format, reproduced: month 11 then day 20 typed over Fri 2026-12-11
    keeps the 11th (Qt holds the weekday section while the month changes)."""
    edit = QDateEdit(QDate(2026, 12, 11))
    qtbot.addWidget(edit)
    edit.setDisplayFormat("ddd yyyy-MM-dd")
    edit.show()
    type_month_then_day(qtbot, edit, "11", "20")
    assert edit.date() == QDate(2026, 11, 11)  # the typed 20 is gone


def test_typed_exam_date_is_kept_exactly(qtbot: QtBot, ctx: UiContext) -> None:
    page = make_page(qtbot, ctx)
    form = page.setup_form
    click(qtbot, form.scheduled)
    assert form.exam_date.displayFormat() == DATE_FORMAT
    form.exam_date.setDate(QDate(2026, 12, 11))
    type_month_then_day(qtbot, form.exam_date, "11", "20")
    assert form.exam_date.date() == QDate(2026, 11, 20)
    assert form.exam_date.text() == "2026-11-20"
    assert "YYYY-MM-DD" in form.exam_date.toolTip()
    labels = [w for w in form.findChildren(type(form.window_label))
              if w.accessibleName() == "Exam date: weekday"]
    assert labels and labels[0].text().startswith("Friday")


def test_exam_after_the_att_window_is_refused_and_nothing_is_saved(
        qtbot: QtBot, ctx: UiContext, dialogs: ScriptedDialogs, tmp_path: Path) -> None:
    page = make_page(qtbot, ctx)
    form = page.setup_form
    click(qtbot, form.scheduled)
    form.has_att.setChecked(True)
    form.att_date.setDate(QDate(2026, 2, 20))
    form.exam_date.setDate(QDate(2026, 7, 1))
    assert "will be refused" in form.window_label.text()
    page.grab().save(str(tmp_path / "setup-refused.png"))
    click(qtbot, form.save)
    (error,) = dialogs.texts("error")
    assert "last valid date is Sat 2026-06-20" in error
    assert ctx.workspace.planner.preferences() is None  # nothing saved
    assert ctx.workspace.appointment.get().exam_date is None


def test_future_att_date_is_refused(qtbot: QtBot, ctx: UiContext,
                                    dialogs: ScriptedDialogs) -> None:
    page = make_page(qtbot, ctx)
    form = page.setup_form
    form.has_att.setChecked(True)
    form.att_date.setDate(QDate(2026, 3, 20))
    click(qtbot, form.save)
    (error,) = dialogs.texts("error")
    assert "still to come" in error
    assert ctx.workspace.appointment.get().att_received is None
