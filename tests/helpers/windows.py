"""The main window as GUI tests open it: over the user's own small tabular list (so the
code book starts no first-use build), shown, exposed and active (keys reach it)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from readiness.codebook import importer
from readiness.ui.context import UiContext
from readiness.ui.main_window import MainWindow

FIXTURES = Path(__file__).resolve().parents[1] / "codebook" / "fixtures"


def install_mini_tabular(ctx: UiContext) -> None:
    importer.import_file(FIXTURES / "tabular-mini.xml", ctx.workspace.codesets_dir)
    ctx.workspace.codebook.reload()


def make_window(qtbot: QtBot, ctx: UiContext, active: bool = True) -> MainWindow:
    install_mini_tabular(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if active:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    return window
