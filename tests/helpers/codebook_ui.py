"""A code-book browser shown and active over the given code-set files (GUI tests)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pytestqt.qtbot import QtBot

from readiness.codebook import importer
from readiness.codebook.model import Kind
from readiness.ui.codebook.browser import CodeBookBrowser
from readiness.ui.context import UiContext


def shown_browser(qtbot: QtBot, ctx: UiContext, files: Iterable[Path]) -> CodeBookBrowser:
    """Import ``files``, open a browser at 1000×700 and wait until it is the active window
    (keyboard tests need focus)."""
    for path in files:
        importer.import_file(path, ctx.workspace.codesets_dir)
    ctx.workspace.codebook.reload()
    browser = CodeBookBrowser(ctx)
    qtbot.addWidget(browser)
    browser.resize(1000, 700)
    browser.show()
    qtbot.waitExposed(browser)
    browser.activateWindow()
    qtbot.waitUntil(browser.isActiveWindow)
    return browser


def open_main_term(browser: CodeBookBrowser, kind: Kind, title: str) -> None:
    store = browser.service.book.store(kind)
    assert store is not None
    main = store.find_main_term(title)
    assert main is not None and browser.open_target(f"idx:{kind.value}:{main.id}")


def broken_words(browser: CodeBookBrowser) -> list[str]:
    """Every place the page view wraps a line inside a word, as 'befo|re'."""
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
    return broken
