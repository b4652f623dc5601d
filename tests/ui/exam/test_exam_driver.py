"""Take a whole short form with real clicks and keys, as a candidate would."""

from __future__ import annotations

import pytest
from fixtures.exam_bank import make_bank
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from readiness.core.bank.models import MultipleChoiceItem, Scenario
from readiness.ui.exam.driver import ExamWindow
from readiness.ui.exam.page import ExamPage

# The offscreen platform cannot size top-level windows and says so; nothing to fix.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def page(qtbot, ctx):
    ctx.workspace.exams.set_bank(make_bank(per_domain=1, scenarios=1, multiple_every=2))
    page = ExamPage(ctx)
    qtbot.addWidget(page)
    yield page
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ExamWindow):
            widget.shutdown()


def start(qtbot, page) -> ExamWindow:
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    window = page.window_
    assert window is not None
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.windowHandle().requestActivate()
    return window


def test_take_a_short_form_and_score_it(qtbot, page, ctx, dialogs, fake_clock):
    window = start(qtbot, page)
    run = window.run
    # The bank is smaller than the blueprint: the candidate is told.
    assert "holds 5 multiple-choice items" in dialogs.texts("inform")[0]
    assert window.counter_label.text() == "Question 1 of 6"
    assert window.time_label.text() == "Time remaining 4:00:00"

    wrong_position = flagged_position = struck_position = None
    for position in range(len(run)):
        content = run.content(position)
        assert window.counter_label.text() == f"Question {position + 1} of 6"
        if isinstance(content, MultipleChoiceItem):
            if struck_position is None:
                struck_position = position
                qtbot.mouseClick(window.options[3].strike, Qt.MouseButton.LeftButton)
                assert "line-through" in window.options[3].text.styleSheet()
            if wrong_position is None and content.select == 1:
                wrong_position = position
                qtbot.mouseClick(window.options[0].button, Qt.MouseButton.LeftButton)
            else:
                for key in content.key:
                    qtbot.mouseClick(window.options[key].button, Qt.MouseButton.LeftButton)
            if flagged_position is None and position != wrong_position:
                flagged_position = position
                qtbot.mouseClick(window.flag_button, Qt.MouseButton.LeftButton)
                assert window.flag_button.text().startswith("Flagged")
        else:
            assert isinstance(content, Scenario)
            view = window.content.currentWidget()
            pdx, sdx, pcs = view.blocks
            qtbot.mouseClick(pdx.buttons[0], Qt.MouseButton.LeftButton)  # J44.1
            qtbot.mouseClick(sdx.buttons[0], Qt.MouseButton.LeftButton)  # E11.9 (I10 missed)
            qtbot.keyClicks(pcs.fields[0], "0BJ0OZZ")
            assert "letter O" in pcs.problems[0].text()
            pcs.fields[0].clear()
            qtbot.keyClicks(pcs.fields[0], "0bj08zz")
            assert pcs.problems[0].text() == ""
        fake_clock.advance(60)
        if position < len(run) - 1:
            qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)

    # Review screen: flagged only, then jump back with the keyboard.
    qtbot.mouseClick(window.review_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.review_page
    assert "0 unanswered · 1 flagged" in window.review_summary.text()
    window.review_filter.setCurrentIndex(window.review_filter.findData("flagged"))
    assert window.review_list.count() == 1
    window.review_list.setFocus()
    qtbot.keyClick(window.review_list, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.question_page
    assert window.counter_label.text() == f"Question {flagged_position + 1} of 6"
    struck = run.response(struck_position).struck
    assert struck == (3,)

    # End the exam: the confirmation lists unanswered and flagged counts.
    dialogs.confirms.append(True)
    qtbot.mouseClick(window.end_button, Qt.MouseButton.LeftButton)
    assert "0 unanswered and 1 flagged" in dialogs.texts("confirm")[-1]
    assert page.stack.currentWidget() is page.results
    # 4 of 5 multiple choice right; scenario: pdx 1 + sdx 1 of 2 + pcs 1 = 3 of 4.
    summary = page.results.summary.text()
    assert "Raw score: 7 of 9 points (77.8%)" in summary
    assert "Scaled score ESTIMATE" in summary
    assert "Time used: 0:06:00 of 4:00:00" in summary
    assert "Pacing: 0:01:00 per multiple-choice item and 0:01:00 per scenario" in summary
    assert "Flagged: 1" in summary
    page.results.filter.setCurrentIndex(page.results.filter.findData("missed"))
    assert page.results.items.count() == 2  # the wrong item and the partly right scenario
    assert "your answer" in page.results.detail.toHtml()
    # History shows the attempt.
    qtbot.mouseClick(page.results.back_button, Qt.MouseButton.LeftButton)
    assert page.history_table.rowCount() == 1
    assert page.trend.points == [pytest.approx(ctx.workspace.exams.history()[0].weighted_percent)]


def test_keyboard_only(qtbot, page, dialogs):
    window = start(qtbot, page)
    run = window.run
    first = run.content(0)
    assert isinstance(first, MultipleChoiceItem)
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert run.response(0).selected == (1,)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # strike B
    assert run.response(0).struck == (1,)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert run.response(0).flagged
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert run.position == 1
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert run.position == 0
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.review_page
    dialogs.confirms.append(False)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert not run.finished  # declined


def test_highlight_and_strict_mode(qtbot, page, ctx):
    window = start(qtbot, page)
    cursor = window.stem.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(4, cursor.MoveMode.KeepAnchor)
    window.stem.setTextCursor(cursor)
    qtbot.mouseClick(window.highlight_button, Qt.MouseButton.LeftButton)
    assert window.run.response(0).highlights == ((0, 4),)
    assert len(window.stem.extraSelections()) == 1
    cursor.setPosition(1)
    cursor.setPosition(3, cursor.MoveMode.KeepAnchor)
    window.stem.setTextCursor(cursor)
    qtbot.mouseClick(window.highlight_button, Qt.MouseButton.LeftButton)  # inside: removes
    assert window.run.response(0).highlights == ((0, 1), (3, 4))
    qtbot.mouseClick(window.clear_highlight_button, Qt.MouseButton.LeftButton)
    assert window.run.response(0).highlights == ()
    window.close()

    ctx.workspace.settings.set("exam.strict", True)
    strict = ExamWindow(ctx, ctx.workspace.exams.resume(window.run.attempt_id))
    qtbot.addWidget(strict)
    strict.show()
    assert not strict.highlight_button.isVisible()
    assert not any(row.strike.isVisible() for row in strict.options)


def test_clock_warns_reappears_and_submits_at_zero(qtbot, page, dialogs, fake_clock):
    window = start(qtbot, page)
    qtbot.mouseClick(window.hide_time_button, Qt.MouseButton.LeftButton)
    assert window.time_label.text() == "Time hidden"
    fake_clock.advance(240 * 60 - 30 * 60)
    window.tick()
    assert dialogs.calls[-1][:2] == ("inform", "30 minutes left")
    assert window.time_label.text() == "Time hidden"
    fake_clock.advance(25 * 60)
    window.tick()
    assert window.time_label.text() == "Time remaining 0:05:00"
    fake_clock.advance(5 * 60)
    window.tick()
    assert window.run.finished
    assert dialogs.calls[-1][:2] == ("inform", "Time is up")
    assert page.stack.currentWidget() is page.results
    assert "Submitted automatically" in page.results.summary.text()


def test_close_and_resume_from_the_page(qtbot, page, ctx, dialogs, fake_clock):
    window = start(qtbot, page)
    qtbot.keyClick(window, Qt.Key.Key_C)
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    fake_clock.advance(125)
    dialogs.confirms.append(True)  # leave the exam
    window.close()
    assert page.resume_box.isVisibleTo(page)
    assert "3:57:55 remaining" in page.resume_label.text()

    # A new start of the app: the page offers to resume.
    again = ExamPage(ctx)
    qtbot.addWidget(again)
    dialogs.confirms.append(True)
    resumed = again.offer_resume()
    assert resumed is not None
    qtbot.addWidget(resumed)
    assert resumed.counter_label.text() == "Question 2 of 6"
    assert resumed.run.response(0).selected == (2,)
    assert resumed.time_label.text() == "Time remaining 3:57:55"


def test_tutor_mode_shows_the_rationale(qtbot, page, ctx):
    page.mode_buttons[page.mode().CUSTOM].setChecked(True)
    page.tutor_check.setChecked(True)
    page.count_spin.setValue(3)
    page.scenario_spin.setValue(0)
    window = start(qtbot, page)
    assert window.pause_button.isVisible()
    item = window.run.content(0)
    assert isinstance(item, MultipleChoiceItem)
    for key in item.key:
        qtbot.mouseClick(window.options[key].button, Qt.MouseButton.LeftButton)
    assert window.feedback.isVisible()
    assert window.feedback.text().startswith("Correct.")
    assert item.rationale in window.feedback.text()
    qtbot.mouseClick(window.pause_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.pause_page
    qtbot.mouseClick(window.pause_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.question_page


def test_calculator(qtbot, page):
    window = start(qtbot, page)
    qtbot.mouseClick(window.calculator_button, Qt.MouseButton.LeftButton)
    calc = window.calculator
    assert calc is not None and calc.isVisible()
    qtbot.keyClicks(calc.display, "1250*0.8")
    qtbot.keyClick(calc.display, Qt.Key.Key_Return)
    assert calc.display.text() == "1000"
    calc.display.setText("1/0")
    calc.calculate()
    assert calc.message.text() == "cannot divide by zero"


def test_start_page_shows_estimate_badges_and_copies(qtbot, page, ctx, dialogs):
    assert "estimated weights" in page.blueprint_combo.currentText()
    assert "ESTIMATE" in page.domain_table.item(0, 1).text()
    assert "Estimate" in page.sources_label.text()
    page.blueprint_combo.setCurrentIndex(page.blueprint_combo.findData("ccs-2025-published"))
    assert "10 of them unscored pretest" in page.blueprint_info.text()
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert page.blueprint_combo.currentData() == "ccs-2025-published-copy"
    assert dialogs.calls[-1][1] == "Blueprint copied"


def test_zoom_and_high_contrast_are_remembered(qtbot, page, ctx):
    window = start(qtbot, page)
    before = window.options[0].text.fontInfo().pointSizeF()
    for _ in range(3):
        qtbot.mouseClick(window.zoom_in_button, Qt.MouseButton.LeftButton)
    window.options[0].text.ensurePolished()
    assert window.options[0].text.fontInfo().pointSizeF() > before
    assert ctx.workspace.settings.get("exam.zoom") == 130
    qtbot.mouseClick(window.contrast_button, Qt.MouseButton.LeftButton)
    assert ctx.workspace.settings.get("exam.high_contrast") is True
    assert "#ffff00" in window.styleSheet()


def test_code_book_button_only_when_the_code_book_is_built(qtbot, page, ctx, monkeypatch):
    import importlib
    import sys
    import types

    from PySide6.QtWidgets import QWidget

    opened: list[object] = []

    class FakeCodeBook(QWidget):
        def __init__(self, context):
            super().__init__()
            opened.append(context)

    real_import = importlib.import_module

    def no_code_book(name, *args):
        if name == "readiness.ui.codebook.window":
            raise ImportError(name)
        return real_import(name, *args)

    monkeypatch.setattr(importlib, "import_module", no_code_book)
    window = start(qtbot, page)
    assert not window.codebook_button.isVisibleTo(window)  # no dead button
    window.shutdown()

    monkeypatch.setattr(importlib, "import_module", real_import)
    module = types.ModuleType("readiness.ui.codebook.window")
    module.CodeBookWindow = FakeCodeBook
    monkeypatch.setitem(sys.modules, "readiness.ui.codebook.window", module)
    page.mode_buttons[page.mode().CUSTOM].setChecked(True)
    window = start(qtbot, page)
    assert window.codebook_button.isVisibleTo(window)
    qtbot.mouseClick(window.codebook_button, Qt.MouseButton.LeftButton)
    assert opened == [ctx]
    assert window.codebook is not None and window.codebook.isVisible()
    window.shutdown()
    assert not window.codebook.isVisible()


def test_one_driver_at_a_time(qtbot, page, dialogs):
    window = start(qtbot, page)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.window_ is window
    assert dialogs.calls[-1][:2] == ("inform", "An exam is open")
    assert len(page.exams.unfinished()) == 1


def test_trend_follows_a_palette_change(qtbot, page):
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette(page.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#101010"))
    page.setPalette(palette)
    assert page.trend.plot.backgroundBrush().color().name() == "#101010"


def test_bank_is_read_in_the_background_and_the_chart_built_when_shown(qtbot, page, ctx):
    qtbot.waitUntil(lambda: "Question bank: 5 multiple-choice items" in page.bank_label.text())
    assert page._trend is None  # not on screen yet: pyqtgraph not paid for
    page.show()
    qtbot.waitUntil(lambda: page._trend is not None)
    assert page.trend_placeholder.isHidden()


def test_history_opens_and_deletes_attempts(qtbot, page, dialogs):
    for _ in range(2):
        window = start(qtbot, page)
        dialogs.confirms.append(True)
        qtbot.mouseClick(window.end_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(page.results.back_button, Qt.MouseButton.LeftButton)
    assert page.history_table.rowCount() == 2
    assert len(page.trend.points) == 2
    page.history_table.setCurrentCell(0, 0)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.results
    qtbot.mouseClick(page.results.back_button, Qt.MouseButton.LeftButton)
    page.history_table.setCurrentCell(0, 0)
    dialogs.confirms.append(False)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.history_table.rowCount() == 2
    dialogs.confirms.append(True)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.history_table.rowCount() == 1
    assert len(page.trend.points) == 1


def unnamed_controls(root):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QTextEdit,
    )

    kinds = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit,
             QTextEdit)
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(root):
            continue
        if type(widget).__module__.startswith("pyqtgraph"):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, (QAbstractItemView, QAbstractSpinBox, QComboBox)):
            continue  # viewports, spin box editors: named through their owner
        if not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()}")
    return missing


def test_every_control_has_an_accessible_name(qtbot, page):
    page.show()
    assert unnamed_controls(page) == []
    window = start(qtbot, page)
    assert unnamed_controls(window) == []
    sc = next(p for p, e in enumerate(window.run.form.entries) if e.kind == "scenario")
    window.jump_to(sc)
    assert unnamed_controls(window) == []
    window.show_review()
    assert unnamed_controls(window) == []
    window.open_calculator()
    assert unnamed_controls(window.calculator) == []


def test_multiple_response_takes_no_more_than_asked(qtbot, ctx):
    ctx.workspace.exams.set_bank(make_bank(per_domain=3, scenarios=0))
    page = ExamPage(ctx)
    qtbot.addWidget(page)
    page.mode_buttons[page.mode().CUSTOM].setChecked(True)
    page.kind_checks["single"].setChecked(False)
    page.count_spin.setValue(1)
    window = start(qtbot, page)
    item = window.run.content(0)
    assert isinstance(item, MultipleChoiceItem) and item.select == 2
    for index in (0, 1, 2):
        qtbot.mouseClick(window.options[index].button, Qt.MouseButton.LeftButton)
    assert window.run.response(0).selected == (0, 1)
    assert not window.options[2].button.isChecked()
    assert "clear one" in window.select_hint.text()
    qtbot.mouseClick(window.options[0].button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.options[2].button, Qt.MouseButton.LeftButton)
    assert window.run.response(0).selected == (1, 2)
    window.shutdown()


def tab_through(qtbot, start_widget, stop_widget, limit=60) -> list:
    start_widget.setFocus()
    seen = [QApplication.focusWidget()]
    while seen[-1] is not stop_widget and len(seen) < limit:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def test_start_page_tab_order_follows_the_page(qtbot, page):
    """Mode, options, Start, then the blueprint and history; rebuilt domain boxes stay
    in place."""
    from readiness.core.exam.forms import Mode

    page.resize(1300, 800)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitActive(page):
        page.windowHandle().requestActivate()
    page.mode_buttons[Mode.CUSTOM].setChecked(True)
    page.refresh()  # rebuilds nothing, but must keep the order
    seen = tab_through(qtbot, page.mode_buttons[Mode.CUSTOM], page.start_button)
    assert seen[-1] is page.start_button
    assert page.blueprint_combo not in seen
    first_domain = next(iter(page.domain_checks.values()))
    assert seen.index(first_domain) < seen.index(page.count_spin) < seen.index(page.start_button)
    after = tab_through(qtbot, page.start_button, page.history_table)
    assert after[1] is page.blueprint_combo
    assert after[-1] is page.history_table


def test_start_page_stacks_its_columns_when_narrow(qtbot, page):
    page.resize(1400, 800)
    page.show()
    qtbot.waitExposed(page)
    from PySide6.QtWidgets import QBoxLayout

    assert page.columns.direction() == QBoxLayout.Direction.LeftToRight
    page.resize(800, 600)
    qtbot.waitUntil(lambda: page.columns.direction() == QBoxLayout.Direction.TopToBottom)
    body = page.start_view.widget()
    qtbot.waitUntil(lambda: body.width() <= page.start_view.viewport().width())


def test_previous_and_next_are_off_on_the_review_screen(qtbot, page):
    window = start(qtbot, page)
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.prev_button.isEnabled() and window.next_button.isEnabled()
    qtbot.mouseClick(window.review_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.review_page
    assert not window.prev_button.isEnabled() and not window.next_button.isEnabled()
    qtbot.mouseClick(window.review_back, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.question_page
    assert window.prev_button.isEnabled() and window.next_button.isEnabled()
    assert window.counter_label.text() == "Question 2 of 6"
