"""Light / Dark / System really change the colours, also where the platform ignores the hint.

The offscreen platform ignores ``QStyleHints.setColorScheme`` (as a plain X session
without a desktop theme does), so these tests see exactly what such a user sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.windows import make_window
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from readiness.core import settings as prefs
from readiness.ui import appearance
from readiness.ui.context import UiContext
from readiness.ui.main_window import MainWindow
from readiness.ui.plan.page import PlanPage

FIXTURES = Path(__file__).resolve().parents[1] / "codebook" / "fixtures"


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def _styled_label(qtbot: QtBot, app: QApplication) -> QLabel:
    """A shown label under the app's style sheet, as shipped."""
    appearance.setup_application_style(app)
    label = QLabel("Days to the exam")
    qtbot.addWidget(label)
    label.show()
    return label


def _lightness(widget_palette: QPalette, role: QPalette.ColorRole) -> int:
    return widget_palette.color(role).lightness()


def test_dark_and_light_change_the_palette_offscreen(
        qtbot: QtBot, restore_scheme: None) -> None:
    app = _app()
    label = _styled_label(qtbot, app)
    appearance.apply_scheme("dark")
    assert _lightness(app.palette(), QPalette.ColorRole.Window) < 80
    assert _lightness(label.palette(), QPalette.ColorRole.WindowText) > 200
    assert _lightness(label.palette(), QPalette.ColorRole.Window) < 80
    appearance.apply_scheme("light")
    assert _lightness(label.palette(), QPalette.ColorRole.WindowText) < 60
    assert _lightness(label.palette(), QPalette.ColorRole.Window) > 200
    appearance.apply_scheme("system")  # offscreen: the platform's palette is light
    assert _lightness(label.palette(), QPalette.ColorRole.Window) > 200


def test_disabled_text_is_dimmer_in_dark(qtbot: QtBot, restore_scheme: None) -> None:
    appearance.apply_scheme("dark")
    palette = _app().palette()
    enabled = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    assert disabled.lightness() < enabled.lightness() - 60


def test_menu_choice_turns_the_open_window_and_its_charts_dark(
        qtbot: QtBot, ctx: UiContext, restore_scheme: None) -> None:
    appearance.setup_application_style(_app())
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("plan")
    plan = window.page("plan")
    assert isinstance(plan, PlanPage)
    plan.tabs.setCurrentWidget(plan.charts)
    chart = plan.charts.hours_plot
    assert chart.backgroundBrush().color().lightness() > 200

    action = window.findChild(QAction, "scheme-dark")
    assert isinstance(action, QAction)
    action.trigger()
    assert ctx.workspace.settings.get(prefs.COLOR_SCHEME) == "dark"
    assert window.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert window.nav.palette().color(QPalette.ColorRole.Text).lightness() > 200
    assert chart.backgroundBrush().color().lightness() < 80

    light = window.findChild(QAction, "scheme-light")
    assert isinstance(light, QAction)
    light.trigger()
    assert chart.backgroundBrush().color().lightness() > 200


def test_code_book_page_re_renders_in_dark_colours(
        qtbot: QtBot, ctx: UiContext, restore_scheme: None) -> None:
    from readiness.codebook import importer
    from readiness.codebook.render import Theme
    from readiness.ui.codebook.page import CodeBookPage

    # A tabular list of the user's own: the page does not start the first-use build.
    importer.import_file(FIXTURES / "tabular-mini.xml", ctx.workspace.codesets_dir)
    ctx.workspace.codebook.reload()
    page = CodeBookPage(ctx)
    qtbot.addWidget(page)
    page.show()
    browser = page.browser
    browser.open_target("cm:E11.9")
    assert browser.theme() == Theme()
    appearance.apply_scheme("dark")
    assert browser.theme() == Theme.dark()
    html = browser.doc.toHtml().lower()
    assert Theme.dark().link.lower() in html  # re-rendered with the dark link colour
    appearance.apply_scheme("light")
    assert browser.theme() == Theme()


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


ROLE = QPalette.ColorRole
TEXT_ON = [
    (ROLE.WindowText, ROLE.Window), (ROLE.Text, ROLE.Base), (ROLE.Text, ROLE.AlternateBase),
    (ROLE.ButtonText, ROLE.Button), (ROLE.HighlightedText, ROLE.Highlight),
    (ROLE.ToolTipText, ROLE.ToolTipBase), (ROLE.Link, ROLE.Base),
    (ROLE.LinkVisited, ROLE.Base), (ROLE.PlaceholderText, ROLE.Base),
    (ROLE.BrightText, ROLE.Window),
]


def test_high_contrast_is_a_real_palette_of_at_least_7_to_1(
        qtbot: QtBot, restore_scheme: None) -> None:
    app = _app()
    label = _styled_label(qtbot, app)
    appearance.apply_scheme("contrast")
    assert label.palette().color(ROLE.Window) == QColor("#000000")
    assert label.palette().color(ROLE.WindowText) == QColor("#ffffff")
    palette = app.palette()
    low = {f"{fg.name}/{bg.name}": round(contrast_ratio(palette.color(fg), palette.color(bg)), 1)
           for fg, bg in TEXT_ON}
    assert {pair: ratio for pair, ratio in low.items() if ratio < 7} == {}
    disabled = QPalette.ColorGroup.Disabled
    for fg, bg in ((ROLE.WindowText, ROLE.Window), (ROLE.ButtonText, ROLE.Button)):
        assert contrast_ratio(palette.color(disabled, fg), palette.color(disabled, bg)) >= 7
    assert appearance.CONTRAST_SHEET in app.styleSheet()  # controls get a visible edge
    appearance.apply_scheme("light")
    assert appearance.CONTRAST_SHEET not in app.styleSheet()
    assert app.styleSheet() == appearance.STYLE_SHEET
    assert label.palette().color(ROLE.Window).lightness() > 200


def test_every_scheme_is_declared_in_the_settings_registry() -> None:
    assert prefs.COLOR_SCHEME.choices == tuple(appearance.SCHEMES)


def test_high_contrast_from_the_menu_reaches_charts_and_the_code_book(
        qtbot: QtBot, ctx: UiContext, restore_scheme: None) -> None:
    from readiness.codebook.render import Theme

    appearance.setup_application_style(_app())
    window = make_window(qtbot, ctx, active=False)
    window.show_page("plan")
    plan = window.page("plan")
    assert isinstance(plan, PlanPage)
    plan.tabs.setCurrentWidget(plan.charts)
    action = window.findChild(QAction, "scheme-contrast")
    assert isinstance(action, QAction)
    action.trigger()
    assert ctx.workspace.settings.get(prefs.COLOR_SCHEME) == "contrast"
    assert plan.charts.hours_plot.backgroundBrush().color() == QColor("#000000")
    window.show_page("codebook")
    from readiness.ui.codebook.page import CodeBookPage

    book = window.page("codebook")
    assert isinstance(book, CodeBookPage)
    book.browser.open_target("cm:E11.9")
    assert book.browser.theme() == Theme.high_contrast()
    assert Theme.high_contrast().link in book.browser.doc.toHtml().lower()
    theme = Theme.high_contrast()
    for colour in (theme.text, theme.muted, theme.link, theme.billable, theme.seventh,
                   theme.note_label):
        assert contrast_ratio(QColor(colour), QColor("#000000")) >= 7, colour
        assert contrast_ratio(QColor(colour), QColor(theme.focus_bg)) >= 7, colour


def test_system_follows_the_desktops_high_contrast_setting(
        qtbot: QtBot, restore_scheme: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where Qt reports the desktop's contrast preference (6.10+), "System" honours it;
    the offscreen platform never asks for high contrast, so the preference is faked."""
    app = _app()
    label = _styled_label(qtbot, app)
    monkeypatch.setattr(appearance, "_platform_high_contrast", lambda: True)
    appearance.apply_scheme("system")
    assert label.palette().color(ROLE.Window) == QColor("#000000")
    assert appearance.CONTRAST_SHEET in app.styleSheet()
    monkeypatch.setattr(appearance, "_platform_high_contrast", lambda: False)
    appearance.apply_scheme("system")
    assert label.palette().color(ROLE.Window).lightness() > 200
    assert appearance.CONTRAST_SHEET not in app.styleSheet()
