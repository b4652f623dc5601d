"""Keyboard everywhere: shortcuts work wherever focus is, Tab leaves tables, the sidebar
ignores typed letters.  Driven with real key presses (QTest goes through ShortcutOverride
and Qt's shortcut map as a user's keyboard does)."""

from __future__ import annotations

from helpers.windows import make_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from readiness.ui.codebook.page import CodeBookPage
from readiness.ui.context import UiContext
from readiness.ui.pages import PAGES

CTRL = Qt.KeyboardModifier.ControlModifier


def focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_typed_letters_in_the_sidebar_do_not_switch_pages(qtbot: QtBot, ctx: UiContext) -> None:
    window = make_window(qtbot, ctx)
    window.show_page("dashboard")
    focus(qtbot, window.nav)
    qtbot.keyClicks(window.nav, "ecsp")  # Exam-day checklist, Code book, Study plan, Practice
    assert window.current_key() == "dashboard"
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)  # arrows still move
    assert window.current_key() == PAGES[1].key


def test_page_shortcuts_work_from_the_sidebar_and_from_a_text_field(
        qtbot: QtBot, ctx: UiContext) -> None:
    window = make_window(qtbot, ctx)
    focus(qtbot, window.nav)
    for number, spec in reversed(list(enumerate(PAGES, start=1))):
        target = window.focusWidget() or window
        qtbot.keyClick(target, Qt.Key(Qt.Key.Key_0 + number), CTRL)
        assert window.current_key() == spec.key


def test_ctrl_l_reaches_the_code_book_search_from_the_sidebar(
        qtbot: QtBot, ctx: UiContext) -> None:
    window = make_window(qtbot, ctx)
    page = window.show_page("codebook")
    assert isinstance(page, CodeBookPage)
    focus(qtbot, window.nav)  # the user clicked the sidebar
    qtbot.keyClick(window.nav, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(page.browser.search.hasFocus)


def test_a_window_shortcut_beats_a_text_fields_emacs_key(qtbot: QtBot) -> None:
    """Ctrl+E (End exam) while the cursor is in a code field; Ctrl+A stays select-all."""
    window = QWidget()
    layout = QVBoxLayout(window)
    code = QLineEdit()
    layout.addWidget(code)
    ended: list[bool] = []
    QShortcut(QKeySequence("Ctrl+E"), window, lambda: ended.append(True))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    focus(qtbot, code)
    qtbot.keyClicks(code, "I50.9")
    qtbot.keyClick(code, Qt.Key.Key_E, CTRL)
    assert ended == [True]
    qtbot.keyClick(code, Qt.Key.Key_A, CTRL)
    assert code.selectedText() == "I50.9"  # the field kept its own editing key


def test_tab_and_shift_tab_leave_a_table(qtbot: QtBot) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    before, table, after = QPushButton("Before"), QTableWidget(3, 3), QPushButton("After")
    for w in (before, table, after):
        layout.addWidget(w)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    focus(qtbot, table)
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert after.hasFocus()
    focus(qtbot, table)
    qtbot.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert before.hasFocus()


def test_no_table_or_list_on_any_page_keeps_tab(qtbot: QtBot, ctx: UiContext) -> None:
    window = make_window(qtbot, ctx)
    for spec in PAGES:
        window.show_page(spec.key)
    views = window.findChildren(QAbstractItemView)
    assert views
    for view in views:  # as showing does; a view in a scroll area on a tab not yet shown
        view.ensurePolished()  # (the plan's Today tab before a plan exists) is not yet
    assert [v.accessibleName() for v in views if v.tabKeyNavigation()] == []
