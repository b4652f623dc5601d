"""Light / dark: follow the operating system unless the user picks one.

Qt (6.5+) with the Fusion style derives its palette from the platform's colour
scheme, so "System" means doing nothing; an explicit choice goes through
``QStyleHints.setColorScheme`` (Qt 6.8+) and is remembered.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from readiness.core import settings as prefs
from readiness.services.settings import SettingsService

SCHEMES = {
    "system": ("Follow the &system", Qt.ColorScheme.Unknown),
    "light": ("&Light", Qt.ColorScheme.Light),
    "dark": ("&Dark", Qt.ColorScheme.Dark),
}

STYLE_SHEET = """
QLabel#pageTitle { font-size: 20pt; font-weight: 600; padding: 4px 0 8px 0; qproperty-indent: 0; }
QListWidget#navigation { font-size: 12pt; padding-top: 8px; }
QListWidget#navigation::item { padding: 10px 12px; }
"""


def apply_scheme(name: str) -> None:
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(SCHEMES.get(name, SCHEMES["system"])[1])


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
