"""Light / dark: follow the operating system unless the user picks one.

An explicit choice is sent to the platform (``QStyleHints.setColorScheme``, so
title bars follow where the platform listens) *and* applied as a real
application palette, because many platforms ignore the request: a plain X
session without a desktop theme, the offscreen platform the tests run on.
"System" hands the palette back to the platform (a palette with no roles set
resolves to the platform's), and uses the dark palette only when the platform
says it is dark but gives Qt no dark colours.  "High contrast" is white and yellow
on black (every text role at least 7:1, WCAG AAA) with a style sheet that gives
buttons and fields a visible edge and focus a yellow one.  Widgets that draw their own
colours (charts, the code book's HTML, the exam's problem text) read the
palette and redraw on ``PaletteChange``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from readiness.core import settings as prefs
from readiness.services.settings import SettingsService

SCHEMES = {
    "system": ("Follow the &system", Qt.ColorScheme.Unknown),
    "light": ("&Light", Qt.ColorScheme.Light),
    "dark": ("&Dark", Qt.ColorScheme.Dark),
    "contrast": ("&High contrast", Qt.ColorScheme.Dark),
}

STYLE_SHEET = """
QLabel#pageTitle { font-size: 20pt; font-weight: 600; padding: 4px 0 8px 0; qproperty-indent: 0; }
QListWidget#navigation { font-size: 12pt; padding-top: 8px; }
QListWidget#navigation::item { padding: 10px 12px; }
"""


# Dark colours in the spirit of Fusion's: text at about 90 % white on dark grey, a blue
# selection with white text, links a lighter blue; disabled text clearly dimmer.
_DARK = {
    QPalette.ColorRole.Window: "#2b2b2e",
    QPalette.ColorRole.WindowText: "#e8e8ea",
    QPalette.ColorRole.Base: "#1e1e21",
    QPalette.ColorRole.AlternateBase: "#27272b",
    QPalette.ColorRole.ToolTipBase: "#3a3a3f",
    QPalette.ColorRole.ToolTipText: "#f0f0f2",
    QPalette.ColorRole.PlaceholderText: "#9a9aa2",
    QPalette.ColorRole.Text: "#e8e8ea",
    QPalette.ColorRole.Button: "#35353a",
    QPalette.ColorRole.ButtonText: "#e8e8ea",
    QPalette.ColorRole.BrightText: "#ff7b72",
    QPalette.ColorRole.Light: "#4a4a50",
    QPalette.ColorRole.Midlight: "#3e3e44",
    QPalette.ColorRole.Mid: "#5c5c63",
    QPalette.ColorRole.Dark: "#19191b",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#2f6fd0",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
}
_DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#7c7c84",
    QPalette.ColorRole.Text: "#7c7c84",
    QPalette.ColorRole.ButtonText: "#7c7c84",
    QPalette.ColorRole.Highlight: "#4a4a50",
    QPalette.ColorRole.HighlightedText: "#b0b0b6",
}


# High contrast: white on black, yellow selection with black text, cyan links; disabled
# text a grey still 7:1 on black.  (The exam window's own high-contrast sheet is alike.)
_CONTRAST = {
    QPalette.ColorRole.Window: "#000000",
    QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#000000",
    QPalette.ColorRole.AlternateBase: "#1c1c1c",
    QPalette.ColorRole.ToolTipBase: "#000000",
    QPalette.ColorRole.ToolTipText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#c8c8c8",
    QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.Button: "#000000",
    QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.BrightText: "#ffff00",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#c8c8c8",
    QPalette.ColorRole.Mid: "#a0a0a0",
    QPalette.ColorRole.Dark: "#ffffff",
    QPalette.ColorRole.Shadow: "#ffffff",
    QPalette.ColorRole.Highlight: "#ffff00",
    QPalette.ColorRole.HighlightedText: "#000000",
    QPalette.ColorRole.Link: "#00ffff",
    QPalette.ColorRole.LinkVisited: "#ff9cff",
}
_CONTRAST_DISABLED = {
    QPalette.ColorRole.WindowText: "#a0a0a0",
    QPalette.ColorRole.Text: "#a0a0a0",
    QPalette.ColorRole.ButtonText: "#a0a0a0",
    QPalette.ColorRole.Highlight: "#a0a0a0",
    QPalette.ColorRole.HighlightedText: "#000000",
}
# Edges the palette alone cannot give in Fusion (it draws them a shade off the window
# colour, invisible on black): every control gets a white edge, the focused one yellow.
CONTRAST_SHEET = """
QPushButton, QToolButton, QComboBox, QLineEdit, QAbstractSpinBox, QTextEdit,
QPlainTextEdit, QAbstractItemView, QTabBar::tab, QGroupBox {
    border: 1px solid #ffffff; }
QPushButton, QToolButton { padding: 3px 8px; background-color: #000000; }
QTabBar::tab { padding: 4px 10px; margin-right: 2px; background-color: #000000; }
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {
    width: 16px; border-left: 1px solid #ffffff; background-color: #000000; }
QAbstractSpinBox::up-arrow { width: 0; height: 0; border-left: 4px solid #000000;
    border-right: 4px solid #000000; border-bottom: 5px solid #ffffff; }
QAbstractSpinBox::down-arrow { width: 0; height: 0; border-left: 4px solid #000000;
    border-right: 4px solid #000000; border-top: 5px solid #ffffff; }
QAbstractSpinBox::up-arrow:disabled { border-bottom-color: #a0a0a0; }
QAbstractSpinBox::down-arrow:disabled { border-top-color: #a0a0a0; }
QComboBox::drop-down, QDateTimeEdit::drop-down {
    width: 18px; border-left: 1px solid #ffffff; background-color: #000000; }
QComboBox::down-arrow, QDateTimeEdit::down-arrow { width: 0; height: 0;
    border-left: 5px solid #000000; border-right: 5px solid #000000;
    border-top: 6px solid #ffffff; }
QPushButton:focus, QToolButton:focus, QComboBox:focus, QLineEdit:focus,
QAbstractSpinBox:focus, QTextEdit:focus, QPlainTextEdit:focus, QAbstractItemView:focus,
QTabBar::tab:focus { border: 2px solid #ffff00; }
QPushButton:checked, QToolButton:checked, QTabBar::tab:selected {
    background-color: #ffff00; color: #000000; }
QPushButton:disabled, QToolButton:disabled { border-color: #a0a0a0; color: #a0a0a0; }
QGroupBox { margin-top: 1.2em; padding-top: 4px; }
QRadioButton::indicator, QCheckBox::indicator {
    width: 12px; height: 12px; border: 2px solid #ffffff; background-color: #000000; }
QRadioButton::indicator { border-radius: 8px; }
QRadioButton::indicator:checked, QCheckBox::indicator:checked { background-color: #ffff00; }
QCheckBox::indicator:indeterminate { background-color: #a0a0a0; }
QRadioButton::indicator:focus, QCheckBox::indicator:focus { border-color: #ffff00; }
QRadioButton::indicator:disabled, QCheckBox::indicator:disabled { border-color: #a0a0a0; }
QRadioButton::indicator:checked:disabled, QCheckBox::indicator:checked:disabled {
    background-color: #a0a0a0; }
QGroupBox::title { subcontrol-origin: margin; left: 6px; padding: 0 3px; }
"""


def _palette(colours: dict[QPalette.ColorRole, str],
             disabled: dict[QPalette.ColorRole, str]) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role, colour in disabled.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def dark_palette() -> QPalette:
    return _palette(_DARK, _DARK_DISABLED)


def contrast_palette() -> QPalette:
    return _palette(_CONTRAST, _CONTRAST_DISABLED)


def light_palette(app: QApplication) -> QPalette:
    palette = app.style().standardPalette()
    if is_dark(palette):  # a style whose standard palette follows a dark platform
        palette = QPalette(QColor("#efefef"))
    return palette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def is_high_contrast(palette: QPalette) -> bool:
    """Pure white text on pure black: what widgets drawing their own colours (the code
    book's HTML, charts) read to pick their high-contrast colours."""
    return (palette.color(QPalette.ColorRole.Base) == QColor("#000000")
            and palette.color(QPalette.ColorRole.Text) == QColor("#ffffff"))


class SchemeKeeper(QObject):
    """Remembers the choice on the application, so "System" can follow the platform."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("schemeKeeper")
        self.app = app
        self.name = "system"
        self.base_sheet = ""  # the app's own style sheet, without the high-contrast rules
        self.contrast_sheet = False
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._platform_changed)
        accessibility = hints.accessibility() if hasattr(hints, "accessibility") else None
        if accessibility is not None and hasattr(accessibility, "contrastPreferenceChanged"):
            accessibility.contrastPreferenceChanged.connect(self._platform_changed)

    def apply(self, name: str) -> None:
        self.name = name if name in SCHEMES else "system"
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "setColorScheme"):
            hints.setColorScheme(SCHEMES[self.name][1])
        # "System" honours the desktop's high-contrast setting where Qt reports it.
        shown = "contrast" if self.name == "system" and _platform_high_contrast() else self.name
        self._style_sheet(shown == "contrast")
        if shown == "contrast":
            palette = contrast_palette()
        elif shown == "dark":
            palette = dark_palette()
        elif shown == "light":
            palette = light_palette(self.app)
        else:
            palette = QPalette()  # no roles set: the platform's (or the style's) palette
            self.app.setPalette(palette)
            platform_dark = hints.colorScheme() == Qt.ColorScheme.Dark
            if not platform_dark or is_dark(self.app.palette()):
                return
            palette = dark_palette()  # dark desktop, but no dark colours reached Qt
        self.app.setPalette(palette)

    def _style_sheet(self, contrast: bool) -> None:
        """Add the high-contrast rules to the app's style sheet, or take them away."""
        if contrast and not self.contrast_sheet:
            self.base_sheet = self.app.styleSheet()
            self.app.setStyleSheet(self.base_sheet + CONTRAST_SHEET)
        elif self.contrast_sheet and not contrast:
            self.app.setStyleSheet(self.base_sheet)
        self.contrast_sheet = contrast

    def _platform_changed(self, _scheme: object) -> None:
        if self.name == "system":
            self.apply("system")


def _platform_high_contrast() -> bool:
    hints = QGuiApplication.styleHints()
    accessibility = hints.accessibility() if hasattr(hints, "accessibility") else None
    if accessibility is None or not hasattr(Qt, "ContrastPreference"):
        return False  # Qt before 6.10 does not say
    return bool(accessibility.contrastPreference() == Qt.ContrastPreference.HighContrast)


def apply_scheme(name: str, app: QApplication | None = None) -> None:
    """Light, dark or the system's colours for the whole application, now."""
    app = app or _application()
    keeper = app.findChild(SchemeKeeper, "schemeKeeper")
    if keeper is None:
        keeper = SchemeKeeper(app)
    keeper.apply(name)


def _application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication), "appearance needs a QApplication"
    return app


class RepolishOnPaletteChange(QObject):
    """Re-apply the application style sheet when the palette changes.

    With an application style sheet, Qt does not hand a new application palette
    (light / dark switched in the menu or by the desktop) to widgets that already
    exist: they keep their old text colours, black on dark grey.  Setting the
    style sheet again polishes every widget with the new palette.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._busy = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self._app and event.type() == QEvent.Type.ApplicationPaletteChange
                and not self._busy and self._app.styleSheet()):
            self._busy = True
            try:
                self._app.setStyleSheet(self._app.styleSheet())
            finally:
                self._busy = False
        return False


def setup_application_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET)
    if app.findChild(RepolishOnPaletteChange) is None:
        app.installEventFilter(RepolishOnPaletteChange(app))
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)


def scheme_menu(parent: QWidget, settings: SettingsService) -> QMenu:
    menu = QMenu("&Appearance", parent)
    group = QActionGroup(menu)
    current = settings.get(prefs.COLOR_SCHEME)
    for key, (label, _scheme) in SCHEMES.items():
        action = QAction(label, menu)
        action.setObjectName(f"scheme-{key}")
        action.setCheckable(True)
        action.setChecked(key == current)
        group.addAction(action)
        menu.addAction(action)

        def choose(_checked: bool = False, key: str = key) -> None:
            settings.set(prefs.COLOR_SCHEME, key)
            apply_scheme(key)

        action.triggered.connect(choose)
    return menu
