"""No cut-off text: at 1024x640, 1366x768 and 1440x900, light, dark and high contrast,
every visible label and button on every page and in every dialog
(readiness/ui/dialog_samples.py) gets its size hint (or wraps).

All three schemes are checked because their palettes are applied by the app (the
offscreen platform, like a plain X session, ignores the colour-scheme hint), a
palette change re-polishes every widget, and high contrast adds a style sheet that
gives controls wider edges.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from readiness.codebook import importer
from readiness.ui import appearance, dialog_samples
from readiness.ui.context import UiContext
from readiness.ui.layout_check import cut_off, fit_to_screen
from readiness.ui.main_window import MainWindow

FIXTURES = Path(__file__).resolve().parents[1] / "codebook" / "fixtures"
SIZES = ((1024, 640), (1366, 768), (1440, 900))


@pytest.fixture
def window(qtbot: QtBot, ctx: UiContext, restore_scheme: None) -> Iterator[MainWindow]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    appearance.setup_application_style(app)  # the app's style sheet, as shipped
    importer.import_file(FIXTURES / "tabular-mini.xml", ctx.workspace.codesets_dir)
    ctx.workspace.codebook.reload()  # no first-use build: the page shows codes
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main


def settle(qtbot: QtBot, root: QWidget) -> None:
    """Let posted layout requests run (a scroll area resizes its page a pass later); a
    cut-off that is still there after that is what the user sees."""
    with contextlib.suppress(TimeoutError):
        qtbot.waitUntil(lambda: not cut_off(root), timeout=500)


@pytest.mark.parametrize("scheme", ["light", "dark", "contrast"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_page_shows_its_labels_and_buttons_whole(
        qtbot: QtBot, window: MainWindow, scheme: str, size: tuple[int, int]) -> None:
    appearance.apply_scheme(scheme)
    window.resize(*size)
    problems = []
    for key in window.page_keys():
        window.show_page(key)
        settle(qtbot, window)
        problems += [f"{key}: {p}" for p in cut_off(window)]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark", "contrast"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_dialog_shows_its_labels_and_buttons_whole(
        qtbot: QtBot, window: MainWindow, ctx: UiContext, scheme: str,
        size: tuple[int, int]) -> None:
    """Each dialog at its own size, as far as a screen of ``size`` lets it be (a window
    manager keeps a dialog on the screen)."""
    appearance.apply_scheme(scheme)
    problems = []
    for name, make in dialog_samples.dialogs(ctx, window):
        dialog = make()
        qtbot.addWidget(dialog)
        fit_to_screen(dialog, size)
        dialog.show()
        qtbot.waitExposed(dialog)
        settle(qtbot, dialog)
        minimum = dialog.minimumSizeHint()
        if minimum.width() > size[0] or minimum.height() > size[1]:
            problems.append(f"{name}: needs at least {minimum.width()}x{minimum.height()}")
        problems += [f"{name}: {p}" for p in cut_off(dialog)]
        dialog.close()
    assert problems == [], "\n".join(problems)
