"""Reading a long code-book page: find in page (Ctrl+F), grid cells that never break a
word, and the Neoplasm Table's words-only <manif> row."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.codebook_ui import broken_words, open_main_term, shown_browser
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from readiness.codebook import render
from readiness.codebook.model import IndexTerm, Kind
from readiness.ui.codebook.browser import CodeBookBrowser
from readiness.ui.context import UiContext

FIXTURES = Path(__file__).resolve().parents[1] / "codebook" / "fixtures"


@pytest.fixture
def browser(qtbot: QtBot, ctx: UiContext) -> CodeBookBrowser:
    names = ("tabular-mini.xml", "index-mini.xml", "neoplasm-mini.xml")
    return shown_browser(qtbot, ctx, (FIXTURES / name for name in names))


def test_ctrl_f_finds_in_the_page(qtbot: QtBot, browser: CodeBookBrowser) -> None:
    assert browser.open_target("cm:E11.9")
    browser.doc.setFocus()
    qtbot.keyClick(browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = browser.page.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "diabetes")
    total = browser.doc.toPlainText().lower().count("diabetes")
    assert total >= 2
    assert bar.count.text() == f"1 of {total}"
    assert browser.doc.textCursor().selectedText().lower() == "diabetes"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 of {total}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"1 of {total}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"{total} of {total}"  # round from the top to the bottom
    bar.edit.clear()
    qtbot.keyClicks(bar.edit, "zzyzx")
    assert bar.count.text() == "No matches"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and browser.doc.hasFocus()


def test_grid_cells_never_break_a_word(qtbot: QtBot, browser: CodeBookBrowser) -> None:
    open_main_term(browser, Kind.CM_NEOPLASM, "Neoplasm, neoplastic")
    browser.splitter.setSizes([600, 400])  # a narrow page: the grid's columns squeeze
    qtbot.waitUntil(lambda: browser.doc.viewport().width() < 450)
    assert broken_words(browser) == []
    assert "Malignant Primary" in browser.doc.toPlainText().replace("\u2028", " ")


def test_a_neoplasm_manif_of_words_prints_as_words() -> None:
    term = IndexTerm(1, Kind.CM_NEOPLASM, None, 1, 0, "B", "book-leaf", "(mouth)", "", "",
                     "ventral surface of tongue and floor of mouth", "", "", "", "", "", "",
                     ("C06.89",), "book-leaf")
    html = render.index_html([term], 1, {1: "Neoplasm", 2: "Malignant Primary",
                                         3: "Malignant Secondary"}, render.Theme())
    assert "ventral surface of tongue and floor of mouth" in html
    assert "[ventral]" not in html and "[" not in html.split("book-leaf", 1)[1].split("<td")[0]
