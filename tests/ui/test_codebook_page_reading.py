"""Reading a long code-book page: find in page (Ctrl+F), grid cells that never break a
word, and the Neoplasm Table's words-only <manif> row."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.codebook_ui import shown_browser
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
    store = browser.service.book.store(Kind.CM_NEOPLASM)
    assert store is not None
    main = store.find_main_term("Neoplasm, neoplastic")
    assert main is not None and browser.open_target(f"idx:icd10cm-neoplasm:{main.id}")
    browser.splitter.setSizes([600, 400])  # a narrow page: the grid's columns squeeze
    qtbot.waitUntil(lambda: browser.doc.viewport().width() < 450)
    doc = browser.doc.document()
    doc.setTextWidth(browser.doc.viewport().width())
    broken = []
    block = doc.begin()
    while block.isValid():
        text, layout = block.text(), block.layout()
        for i in range(layout.lineCount() - 1):
            end = layout.lineAt(i).textStart() + layout.lineAt(i).textLength()
            if 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
                broken.append(f"{text[:end]}|{text[end:]}")
        block = block.next()
    assert broken == []
    assert "Malignant Primary" in browser.doc.toPlainText().replace("\u2028", " ")


def test_a_neoplasm_manif_of_words_prints_as_words() -> None:
    term = IndexTerm(1, Kind.CM_NEOPLASM, None, 1, 0, "B", "book-leaf", "(mouth)", "", "",
                     "ventral surface of tongue and floor of mouth", "", "", "", "", "", "",
                     ("C06.89",), "book-leaf")
    html = render.index_html([term], 1, {1: "Neoplasm", 2: "Malignant Primary",
                                         3: "Malignant Secondary"}, render.Theme())
    assert "ventral surface of tongue and floor of mouth" in html
    assert "[ventral]" not in html and "[" not in html.split("book-leaf", 1)[1].split("<td")[0]
