from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from readiness.core.appointment import ExamAppointment
from readiness.ui.context import UiContext
from readiness.ui.dashboard.page import DashboardPage
from readiness.ui.main_window import MainWindow


def window_on_dashboard(qtbot: QtBot, ctx: UiContext) -> tuple[MainWindow, DashboardPage]:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    return window, page


def test_fresh_dashboard_shows_what_to_do(qtbot: QtBot, ctx: UiContext) -> None:
    _window, page = window_on_dashboard(qtbot, ctx)
    assert page.countdown.text() == "Exam not scheduled"
    assert page.checklist_bar.text() == "0 of 20 done"
    assert "No finished practice yet" in page.practice_text.text()
    steps = page.steps_card.findChildren(QLabel)
    assert any("Enter your exam date" in s.accessibleName() for s in steps)


def test_buttons_open_their_pages(qtbot: QtBot, ctx: UiContext) -> None:
    window, page = window_on_dashboard(qtbot, ctx)
    for text, key in [("Open the checklist", "checklist"), ("Start practising", "exam"),
                      ("Open the study plan", "plan")]:
        window.show_page("dashboard")
        button = next(b for b in page.findChildren(QPushButton) if b.text() == text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert window.current_key() == key


def test_next_step_link_opens_its_page_from_the_keyboard(qtbot: QtBot, ctx: UiContext) -> None:
    window, page = window_on_dashboard(qtbot, ctx)
    link = next(s for s in page.steps_card.findChildren(QLabel)
                if "full mock exam" in s.accessibleName())
    link.setFocus()
    qtbot.keyClick(link, Qt.Key.Key_Tab)  # into the link
    qtbot.keyClick(link, Qt.Key.Key_Return)
    assert window.current_key() == "exam"


def test_dashboard_reflects_changes_made_elsewhere(qtbot: QtBot, ctx: UiContext) -> None:
    window, page = window_on_dashboard(qtbot, ctx)
    window.show_page("plan")
    ctx.workspace.appointment.save(ExamAppointment(
        date(2026, 4, 13), time(8, 30), "America/New_York", "Center 12", "12 Elm St"))
    item = ctx.workspace.checklist.view().visible_items()[0]
    ctx.workspace.checklist.set_checked(item.id, True)
    window.show_page("dashboard")
    assert page.countdown.text() == "42 days to the exam (6 weeks)"
    assert "Center 12" in page.exam_text.text() and "Leave by" in page.exam_text.text()
    assert page.checklist_bar.text() == "1 of 20 done"
