"""No cut-off text: at 1024x640, 1366x768 and 1440x900, light and dark, every visible label
and button on every page and in the main dialogs gets its size hint (or wraps).

Light and dark are both checked because the dark palette is applied by the app (the
offscreen platform, like a plain X session, ignores the colour-scheme hint) and a
palette change re-polishes every widget.
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
from readiness.ui import appearance
from readiness.ui.about import AboutDialog, HelpDialog
from readiness.ui.context import UiContext
from readiness.ui.layout_check import cut_off
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


@pytest.mark.parametrize("scheme", ["light", "dark"])
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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_help_and_about_show_their_text_whole(
        qtbot: QtBot, ctx: UiContext, tmp_path: Path, scheme: str,
        restore_scheme: None) -> None:
    appearance.apply_scheme(scheme)
    for dialog in (HelpDialog(), AboutDialog("0.1.0", tmp_path)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        settle(qtbot, dialog)
        assert cut_off(dialog) == [], type(dialog).__name__
        dialog.close()
