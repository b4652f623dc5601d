"""A code-book browser shown and active over the given code-set files (GUI tests)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pytestqt.qtbot import QtBot

from readiness.codebook import importer
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
