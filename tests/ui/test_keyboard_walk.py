"""A keyboard-only walk through each page's main flow.

Only key presses, sent to whichever widget has focus (as a keyboard does): no mouse,
no direct slot calls, no ``setFocus``.  Modal confirmations go through the scripted
dialog service, as in every GUI test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fixtures.exam_bank import make_bank
from helpers.windows import FIXTURES, make_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from readiness.codebook import importer
from readiness.core.drills.models import DrillBook
from readiness.ui.ceu.page import RecertificationPage
from readiness.ui.checklist.page import ChecklistPage
from readiness.ui.codebook.page import CodeBookPage
from readiness.ui.context import UiContext
from readiness.ui.dialogs import ScriptedDialogs
from readiness.ui.drills.page import DrillsPage
from readiness.ui.exam.driver import ExamWindow
from readiness.ui.exam.page import ExamPage, Mode
from readiness.ui.main_window import MainWindow
from readiness.ui.pages import PAGES
from readiness.ui.plan.page import PlanPage

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
TAB_LIMIT = 250  # presses before a widget counts as unreachable by Tab

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot: QtBot, ctx: UiContext, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    return _open(qtbot, ctx, monkeypatch)


@pytest.fixture
def planned_window(qtbot: QtBot, ctx: UiContext,
                   monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """With a saved plan: the plan page shows today's sessions, not the set-up."""
    planner = ctx.workspace.planner
    planner.save_setup(planner.default_preferences(), planner.appointment())
    return _open(qtbot, ctx, monkeypatch)


def _open(qtbot: QtBot, ctx: UiContext, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(importer, "bundled_tabular", lambda: None)  # no first-use build
    ctx.workspace.exams.set_bank(make_bank(per_domain=1, scenarios=1, multiple_every=2))
    return make_window(qtbot, ctx)


@pytest.fixture(autouse=True)
def _close_exams() -> Iterator[None]:
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ExamWindow):
            widget.shutdown()


def focused() -> QWidget:
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    qtbot.keyClick(focused(), key, modifiers)


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def tab_to(qtbot: QtBot, wanted: Callable[[QWidget], bool], backwards: bool = False,
           what: str = "") -> QWidget:
    """Press Tab (or Shift+Tab) until the focused widget is the wanted one."""
    for _ in range(TAB_LIMIT):
        if wanted(focused()):
            return focused()
        if backwards:
            press(qtbot, Qt.Key.Key_Backtab, SHIFT)
        else:
            press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {what or 'the widget'}; stuck on "
                         f"{focused().accessibleName() or type(focused()).__name__}")


def is_(widget: QWidget) -> Callable[[QWidget], bool]:
    return lambda w: w is widget


def button(text: str) -> Callable[[QWidget], bool]:
    return lambda w: isinstance(w, QAbstractButton) and w.text().replace("&", "") == text


def inside(view: QWidget) -> Callable[[QWidget], bool]:
    return lambda w: w is view or view.isAncestorOf(w)


def test_dashboard_to_plan_set_up_filled_and_saved(qtbot: QtBot, window: MainWindow,
                                                   ctx: UiContext) -> None:
    press(qtbot, Qt.Key.Key_1, CTRL)
    assert window.current_key() == "dashboard"
    tab_to(qtbot, button("Edit the appointment"), what="Edit the appointment")
    press(qtbot, Qt.Key.Key_Space)
    assert window.current_key() == "plan"
    plan = window.page("plan")
    assert isinstance(plan, PlanPage)
    form = plan.setup_form
    assert plan.tabs.currentWidget() is form  # no plan yet: the set-up shows
    tab_to(qtbot, is_(form.center), what="Test center")
    type_text(qtbot, "Pearson VUE Chicago Loop")
    tab_to(qtbot, inside(form.hours[0]), what="Monday hours")
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "3")
    tab_to(qtbot, is_(form.save), what="Save and plan")
    press(qtbot, Qt.Key.Key_Space)
    assert ctx.workspace.planner.preferences() is not None
    assert ctx.workspace.planner.appointment().center_name == "Pearson VUE Chicago Loop"
    assert plan.tabs.currentWidget() is plan.today  # saved: the plan shows


def test_ctrl_number_switches_every_page_from_wherever_focus_is(
        qtbot: QtBot, window: MainWindow) -> None:
    for number, spec in enumerate(PAGES, start=1):
        press(qtbot, Qt.Key(Qt.Key.Key_0 + number), CTRL)
        assert window.current_key() == spec.key
        press(qtbot, Qt.Key.Key_Tab)  # focus somewhere on the page, then the next page
    for number, spec in reversed(list(enumerate(PAGES, start=1))):
        press(qtbot, Qt.Key(Qt.Key.Key_0 + number), CTRL)
        assert window.current_key() == spec.key


def _views(page: QWidget) -> list[QAbstractItemView]:
    return [v for v in page.findChildren(QAbstractItemView)
            if v.isVisible() and v.focusPolicy() & Qt.FocusPolicy.TabFocus and v.isEnabled()]


def test_tab_and_shift_tab_reach_and_leave_every_table(
        qtbot: QtBot, planned_window: MainWindow) -> None:
    window = planned_window
    checked: list[str] = []
    for number, spec in enumerate(PAGES, start=1):
        press(qtbot, Qt.Key(Qt.Key.Key_0 + number), CTRL)
        page = window.page(spec.key)
        if isinstance(page, PlanPage):  # each tab of the plan, by its mnemonic
            for letter in (Qt.Key.Key_T, Qt.Key.Key_W, Qt.Key.Key_G, Qt.Key.Key_M,
                           Qt.Key.Key_U):
                press(qtbot, letter, ALT)
                _walk_views(qtbot, page, spec.key, checked)
        else:
            _walk_views(qtbot, page, spec.key, checked)
    assert "plan: Today's sessions" in checked
    assert len(checked) >= len(PAGES)  # tables and lists on most pages


def _walk_views(qtbot: QtBot, page: QWidget, key: str, checked: list[str]) -> None:
    for view in _views(page):
        name = f"{key}: {view.accessibleName() or type(view).__name__}"
        tab_to(qtbot, inside(view), what=name)
        press(qtbot, Qt.Key.Key_Tab)
        assert not inside(view)(focused()), f"Tab stayed in {name}"
        tab_to(qtbot, inside(view), backwards=True, what=name)
        press(qtbot, Qt.Key.Key_Backtab, SHIFT)
        assert not inside(view)(focused()), f"Shift+Tab stayed in {name}"
        checked.append(name)


def test_a_short_practice_exam_by_keyboard(qtbot: QtBot, window: MainWindow,
                                           dialogs: ScriptedDialogs) -> None:
    press(qtbot, Qt.Key.Key_4, CTRL)
    page = window.page("exam")
    assert isinstance(page, ExamPage)
    tab_to(qtbot, is_(page.mode_buttons[Mode.FULL]), what="the exam mode")
    press(qtbot, Qt.Key.Key_Down)  # arrows move between the mode's radio buttons
    assert page.mode_buttons[Mode.CUSTOM].isChecked()
    scenario_check = page.kind_checks["scenario"]
    tab_to(qtbot, is_(scenario_check), what="Scenario kind")
    if not scenario_check.isChecked():
        press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, inside(page.count_spin), what="item count")
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "2")
    tab_to(qtbot, inside(page.scenario_spin), what="scenario count")
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "1")
    tab_to(qtbot, is_(page.start_button), what="Start")
    press(qtbot, Qt.Key.Key_Space)
    exam = page.window_
    assert isinstance(exam, ExamWindow)
    qtbot.addWidget(exam)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is exam)
    run = exam.run

    press(qtbot, Qt.Key.Key_B)  # answer the first item
    assert run.response(0).selected == (1,)
    press(qtbot, Qt.Key.Key_F, CTRL)  # flag it
    assert run.response(0).flagged
    for _ in range(len(run.form.entries)):  # on to the scenario
        if exam.findChildren(QLineEdit) and any(f.isVisible() for f in _code_fields(exam)):
            break
        press(qtbot, Qt.Key.Key_N, ALT)
    field = tab_to(qtbot, lambda w: w in _code_fields(exam), what="a code field")
    type_text(qtbot, "E11.9")
    dialogs.confirms.append(False)
    press(qtbot, Qt.Key.Key_E, CTRL)  # Ctrl+E from inside the code field
    assert focused() is field and not run.finished  # asked, declined
    assert not dialogs.confirms
    press(qtbot, Qt.Key.Key_R, CTRL)  # the review screen
    assert exam.pages.currentWidget() is exam.review_page
    dialogs.confirms.append(True)
    press(qtbot, Qt.Key.Key_E, CTRL)
    assert run.finished


def _code_fields(exam: ExamWindow) -> list[QLineEdit]:
    return [f for f in exam.findChildren(QLineEdit)
            if f.isVisible() and f.accessibleName().startswith("Question")]


def test_code_book_search_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, Qt.Key.Key_5, CTRL)
    page = window.page("codebook")
    assert isinstance(page, CodeBookPage)
    browser = page.browser
    press(qtbot, Qt.Key.Key_L, CTRL)
    assert focused() is browser.search
    type_text(qtbot, "diabetes")
    qtbot.waitUntil(lambda: browser.results.model().rowCount() > 1)
    press(qtbot, Qt.Key.Key_Return)  # opens the first result
    qtbot.waitUntil(lambda: "E1" in browser.doc.toPlainText())
    press(qtbot, Qt.Key.Key_L, CTRL)
    press(qtbot, Qt.Key.Key_Down)  # into the results
    assert inside(browser.results)(focused())
    first = browser.results.current_row()
    press(qtbot, Qt.Key.Key_Down)
    assert browser.results.current_row() == first + 1


def test_checklist_item_ticked_with_space(qtbot: QtBot, window: MainWindow,
                                          ctx: UiContext) -> None:
    press(qtbot, Qt.Key.Key_3, CTRL)
    page = window.page("checklist")
    assert isinstance(page, ChecklistPage)
    tree = next(t for t in page.findChildren(QTreeWidget) if t.isVisible())
    tab_to(qtbot, is_(tree), what="the checklist items")
    if tree.currentItem() is None or tree.currentItem().childCount():
        press(qtbot, Qt.Key.Key_Down)
    while tree.currentItem() is not None and tree.currentItem().childCount():
        press(qtbot, Qt.Key.Key_Right)  # open a group
        press(qtbot, Qt.Key.Key_Down)
    item = tree.currentItem()
    assert item is not None
    assert item.checkState(0) == Qt.CheckState.Unchecked
    press(qtbot, Qt.Key.Key_Space)
    assert item.checkState(0) == Qt.CheckState.Checked


def test_a_drill_set_by_keyboard(qtbot: QtBot, ctx: UiContext, window: MainWindow) -> None:
    importer.import_file(FIXTURES / "pcs-tables-mini.xml", ctx.workspace.codesets_dir)
    ctx.workspace.codebook.reload()
    press(qtbot, Qt.Key.Key_6, CTRL)
    page = window.page("drills")
    assert isinstance(page, DrillsPage)
    tab_to(qtbot, is_(page.table), what="the drill books")
    for _ in range(page.model.rowCount()):  # arrows to the PCS tables
        if page.selected_book() is DrillBook.PCS_TABLES:
            break
        press(qtbot, Qt.Key.Key_Down)
    assert page.selected_book() is DrillBook.PCS_TABLES
    tab_to(qtbot, inside(page.count), what="the number of look-ups")
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "2")
    tab_to(qtbot, is_(page.start_button), what="Start the drill")
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.run_view)
    run = page.run_view.run
    assert run is not None
    for prompt in list(run.prompts):
        assert focused() is page.run_view.answer_edit
        type_text(qtbot, prompt.answer)
        press(qtbot, Qt.Key.Key_Return)  # check the answer
        press(qtbot, Qt.Key.Key_Return)  # on to the next
    assert page.stack.currentWidget() is page.result
    assert page.result_text.text().startswith("2 of 2 correct")


def test_recording_the_pass_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, Qt.Key.Key_7, CTRL)
    page = window.page("recert")
    assert isinstance(page, RecertificationPage)
    tab_to(qtbot, is_(page.pass_button), what="I passed")
    press(qtbot, Qt.Key.Key_Space)
    assert page.status.text().startswith("Recorded: your cycle runs to")
