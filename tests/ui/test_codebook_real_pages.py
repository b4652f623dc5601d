"""Long pages of the real books (skipped when ../shared is absent): the Neoplasm Table's
main term read in a narrow window never breaks a word inside a grid cell, its one
words-only <manif> row prints as words, and Ctrl+F counts and steps through every
match of a page hundreds of lines long."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.codebook_ui import broken_words, open_main_term, shown_browser
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from readiness.codebook.model import Kind
from readiness.ui.codebook.browser import CodeBookBrowser
from readiness.ui.context import UiContext

pytestmark = pytest.mark.slow


@pytest.fixture
def browser(qtbot: QtBot, ctx: UiContext, shared_cms: Path) -> CodeBookBrowser:
    neoplasm = shared_cms / "icd10cm-fy2025-lf" / "icd-10-cm-neoplasm-2025.xml.xz"
    return shown_browser(qtbot, ctx, [neoplasm])


def test_the_real_neoplasm_table_never_breaks_a_word(qtbot: QtBot,
                                                     browser: CodeBookBrowser) -> None:
    open_main_term(browser, Kind.CM_NEOPLASM, "Neoplasm, neoplastic")
    browser.splitter.setSizes([600, 400])  # narrow: the seven columns squeeze
    qtbot.waitUntil(lambda: browser.doc.viewport().width() < 450)
    text = browser.doc.toPlainText().replace("\u2028", " ")
    assert "Malignant Primary" in text and "Malignant Secondary" in text
    assert len(text.splitlines()) > 300  # a long page
    assert broken_words(browser) == []
    # the <manif> row: words in the cell, not a code in brackets
    assert "ventral surface of tongue and floor of mouth" in text
    assert "[ventral" not in text


def test_ctrl_f_steps_through_a_long_real_page(qtbot: QtBot, browser: CodeBookBrowser) -> None:
    open_main_term(browser, Kind.CM_NEOPLASM, "Neoplasm, neoplastic")
    browser.doc.setFocus()
    qtbot.keyClick(browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = browser.page.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "gland")
    total = browser.doc.toPlainText().lower().count("gland")
    assert total > 10
    assert bar.count.text() == f"1 of {total}"
    first = browser.doc.textCursor().position()
    for _ in range(total - 1):
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == f"{total} of {total}"
    assert browser.doc.textCursor().position() > first
    assert browser.doc.verticalScrollBar().value() > 0  # the last match was scrolled to
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == f"1 of {total}"  # round to the top again
