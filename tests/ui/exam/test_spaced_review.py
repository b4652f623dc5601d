"""Spaced review from the start page: a missed question comes back the next day."""

from __future__ import annotations

import pytest
from fixtures.exam_bank import make_bank
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from readiness.core.bank.models import MultipleChoiceItem
from readiness.core.exam.forms import Mode
from readiness.ui.dashboard.page import DashboardPage
from readiness.ui.exam.driver import ExamWindow
from readiness.ui.exam.page import ExamPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

DAY = 86400.0


@pytest.fixture
def page(qtbot, ctx):
    ctx.workspace.exams.set_bank(make_bank(per_domain=2, scenarios=1, multiple_every=5))
    page = ExamPage(ctx)
    qtbot.addWidget(page)
    yield page
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ExamWindow):
            widget.shutdown()


def choose(qtbot, page, mode: Mode) -> None:
    """Click a mode's radio button on its label (a radio only takes clicks there)."""
    button = page.mode_buttons[mode]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(12, button.height() // 2))
    assert button.isChecked()


def start(qtbot, page) -> ExamWindow:
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    window = page.window_
    assert window is not None
    qtbot.addWidget(window)
    return window


def test_a_missed_question_is_offered_for_review_the_next_day(qtbot, page, ctx, dialogs,
                                                             fake_clock):
    page.resize(1100, 900)
    page.show()
    qtbot.waitExposed(page)
    assert "No questions scheduled yet" in page.review_panel.due_label.text()
    # A short custom set: the first question wrong, the second right, then end.
    choose(qtbot, page, Mode.CUSTOM)
    page.count_spin.setValue(2)
    page.scenario_spin.setValue(0)
    window = start(qtbot, page)
    first = window.run.content(0)
    assert isinstance(first, MultipleChoiceItem) and first.select == 1
    wrong = next(i for i in range(4) if i not in first.key)
    qtbot.mouseClick(window.options[wrong].button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    second = window.run.content(1)
    assert isinstance(second, MultipleChoiceItem)
    for key in second.key:
        qtbot.mouseClick(window.options[key].button, Qt.MouseButton.LeftButton)
    dialogs.confirms.append(True)
    qtbot.mouseClick(window.end_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.results
    qtbot.mouseClick(page.results.back_button, Qt.MouseButton.LeftButton)

    # Same day: nothing due yet, and the page says when the next ones fall due.
    text = page.review_panel.due_label.text()
    assert text.startswith("Nothing due today; next: 1 on ")

    fake_clock.advance(DAY)
    page.show_start()
    assert page.review_panel.due_label.text().startswith("1 question due today")
    choose(qtbot, page, Mode.REVIEW)
    assert not page.options_box.isEnabled() and page.review_panel.limit_spin.isEnabled()
    window = start(qtbot, page)
    assert window.counter_label.text() == "Question 1 of 1"
    assert window.run.form.entries[0].ref == first.id
    assert first.stem in window.stem.toPlainText()
    assert window.run.spec.tutor and window.run.remaining() is None
    # Tutor mode: the key and rationale right after the answer.
    for key in first.key:
        qtbot.mouseClick(window.options[key].button, Qt.MouseButton.LeftButton)
    assert window.feedback.isVisible() and window.feedback.text().startswith("Correct.")
    dialogs.confirms.append(True)
    qtbot.mouseClick(window.end_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.results.back_button, Qt.MouseButton.LeftButton)
    assert page.review_panel.due_label.text().startswith("Nothing due today; next: ")


def test_dashboard_counts_questions_due_and_suggests_the_review(qtbot, ctx, fake_clock):
    from readiness.core.exam.forms import FormSpec

    ws = ctx.workspace
    ws.exams.set_bank(make_bank(per_domain=2, scenarios=1))
    run = ws.exams.start(FormSpec(mode=Mode.REVIEW, blueprint_id="ccs-candidate-guide", seed=1,
                                  refs=("ck-0000", "cd-0001")))
    run.select(0, [3])  # wrong
    run.select(1, [0])  # wrong
    run.finish()
    fake_clock.advance(DAY)
    dashboard = DashboardPage(ctx)
    qtbot.addWidget(dashboard)
    assert "2 questions due for review" in dashboard.practice_text.text()
    assert any("Spaced review: 2 questions" in step.text
               for step in dashboard.summary.next_steps)  # type: ignore[union-attr]
