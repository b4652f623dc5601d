"""No cut-off text: at 1024x640, 1366x768 and 1440x900, light, dark and high contrast,
every visible label and button on every page and in every dialog
(readiness/ui/dialog_samples.py) gets its size hint (or wraps), and no layout draws
one widget over another (at 1024x640 the plan's Start task button sat on the task rows).

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
from helpers.windows import make_window
from PySide6.QtWidgets import QTabWidget, QWidget
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from readiness.ui import appearance, dialog_samples
from readiness.ui.context import UiContext
from readiness.ui.layout_check import cut_off, fit_to_screen, overlapping
from readiness.ui.main_window import MainWindow

FIXTURES = Path(__file__).resolve().parents[1] / "codebook" / "fixtures"
SIZES = ((1024, 640), (1366, 768), (1440, 900))


@pytest.fixture
def window(qtbot: QtBot, ctx: UiContext, restore_scheme: None) -> Iterator[MainWindow]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    appearance.setup_application_style(app)  # the app's style sheet, as shipped
    planner = ctx.workspace.planner  # a saved plan: the plan page opens on Today
    planner.save_setup(planner.default_preferences(), planner.appointment())
    yield make_window(qtbot, ctx, active=False)  # the code book shows codes, no build


def settle(qtbot: QtBot, root: QWidget) -> None:
    """Let posted layout requests run (a scroll area resizes its page a pass later); a
    cut-off that is still there after that is what the user sees."""
    with contextlib.suppress(TimeoutError):
        qtbot.waitUntil(lambda: not cut_off(root) and not overlapping(root), timeout=500)


def each_tab(page: QWidget) -> Iterator[str]:
    """Show every tab of the page's tab widgets in turn; yields the tab's name."""
    yield ""
    for tabs in page.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        for index in range(1, tabs.count()):
            tabs.setCurrentIndex(index)
            yield tabs.tabText(index).replace("&", "")
        tabs.setCurrentIndex(0)


@pytest.mark.parametrize("scheme", ["light", "dark", "contrast"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_page_shows_its_labels_and_buttons_whole(
        qtbot: QtBot, window: MainWindow, scheme: str, size: tuple[int, int]) -> None:
    appearance.apply_scheme(scheme)
    window.resize(*size)
    problems = []
    for key in window.page_keys():
        for tab in each_tab(window.show_page(key)):
            settle(qtbot, window)
            where = f"{key} {tab}".strip()
            problems += [f"{where}: {p}" for p in cut_off(window) + overlapping(window)]
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
        problems += [f"{name}: {p}" for p in cut_off(dialog) + overlapping(dialog)]
        dialog.close()
    assert problems == [], "\n".join(problems)
