from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QAction, QColor, QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from readiness.paths import AppPaths
from readiness.ui import appearance
from readiness.ui.about import AboutDialog, HelpDialog
from readiness.ui.context import UiContext
from readiness.ui.main_window import MainWindow
from readiness.ui.pages import PAGES
from readiness.workspace import Workspace


def make_window(qtbot: QtBot, ctx: UiContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def click_nav(qtbot: QtBot, window: MainWindow, row: int) -> None:
    item = window.nav.item(row)
    rect = window.nav.visualItemRect(item)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_every_navigation_entry_shows_its_page(qtbot: QtBot, ctx: UiContext) -> None:
    window = make_window(qtbot, ctx)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Dashboard", "Study plan", "Exam-day checklist", "Practice exam", "Code book",
        "Code-book drills", "Recertification"]
    for row, spec in enumerate(PAGES):
        click_nav(qtbot, window, row)
        assert window.stack.currentIndex() == row
        assert window.current_key() == spec.key
        assert window.stack.currentWidget().isVisible()
        assert ctx.workspace.settings.get("ui.last_page") == spec.key


def test_ctrl_number_shortcuts_switch_pages(qtbot: QtBot, ctx: UiContext) -> None:
    window = make_window(qtbot, ctx)
    window.activateWindow()
    for number, spec in reversed(list(enumerate(PAGES, start=1))):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_key() == spec.key


def test_view_menu_actions_switch_pages(qtbot: QtBot, ctx: UiContext) -> None:
    window = make_window(qtbot, ctx)
    for action, spec in zip(window.page_actions, PAGES, strict=True):
        action.trigger()
        assert window.current_key() == spec.key
    assert [a.shortcut().toString() for a in window.page_actions] == [
        f"Ctrl+{n}" for n in range(1, len(PAGES) + 1)]


def close_next_dialog(seen: list[QDialog]) -> None:
    def close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        seen.append(dialog)
        dialog.reject()

    QTimer.singleShot(0, close)


def test_about_shows_version_and_data_sources(qtbot: QtBot, ctx: UiContext) -> None:
    window = make_window(qtbot, ctx)
    seen: list[QDialog] = []
    close_next_dialog(seen)
    window.about_action.trigger()
    assert isinstance(seen[0], AboutDialog)
    text = seen[0].text.toPlainText()
    assert "0.1.0" in text and "public domain" in text and "American Medical Association" in text


def test_f1_opens_help(qtbot: QtBot, ctx: UiContext) -> None:
    window = make_window(qtbot, ctx)
    seen: list[QDialog] = []
    close_next_dialog(seen)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert isinstance(seen[0], HelpDialog)
    assert "Ctrl+5" in seen[0].text.toPlainText()


def test_quit_action_closes_the_window(qtbot: QtBot, ctx: UiContext) -> None:
    window = make_window(qtbot, ctx)
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.quit_action.trigger()
    assert not window.isVisible()


def test_last_page_and_geometry_come_back(qtbot: QtBot, ctx: UiContext) -> None:
    window = make_window(qtbot, ctx)
    window.show_page("exam")
    window.resize(780, 560)
    window.move(QPoint(40, 50))
    window.close()

    again = make_window(qtbot, ctx)
    assert again.current_key() == "exam"
    assert (again.width(), again.height()) == (780, 560)


def test_color_scheme_choice_is_remembered(qtbot: QtBot, ctx: UiContext,
                                           restore_scheme: None) -> None:
    window = make_window(qtbot, ctx)
    for name in ("light", "system", "contrast", "dark"):
        action = window.findChild(QAction, f"scheme-{name}")
        assert action is not None
        action.trigger()
        assert ctx.workspace.settings.get("ui.color_scheme") == name
        assert action.isChecked()


def test_widgets_already_shown_follow_a_palette_change(qtbot: QtBot, ctx: UiContext) -> None:
    """Switching to dark with the app's style sheet in place: text must turn light too."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old_palette, old_sheet = QPalette(app.palette()), app.styleSheet()
    appearance.setup_application_style(app)
    try:
        window = make_window(qtbot, ctx)
        label = window.page("dashboard").findChild(QLabel, "countdown")
        assert isinstance(label, QLabel)
        dark = QPalette(app.palette())
        dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
        dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
        app.setPalette(dark)
        assert label.palette().color(QPalette.ColorRole.WindowText) == QColor("#eeeeee")
        assert window.nav.palette().color(QPalette.ColorRole.Window) == QColor("#202124")
    finally:
        app.setPalette(old_palette)
        app.setStyleSheet(old_sheet)


INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox,
               QTextEdit, QPlainTextEdit)


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, INTERACTIVE) and widget.isVisibleTo(root):
            if widget.parent() is not None and type(widget).__name__ in ("QScrollBar",):
                continue
            # The internal viewport widgets of views are not user controls.
            if not widget.accessibleName() and not widget.objectName().startswith("qt_"):
                missing.append(f"{type(widget).__name__} {widget.objectName()!r} "
                               f"text={getattr(widget, 'text', lambda: '')()!r}")
    return missing


def test_every_control_on_every_page_has_an_accessible_name(qtbot: QtBot, ctx: UiContext) -> None:
    window = make_window(qtbot, ctx)
    for spec in PAGES:
        window.show_page(spec.key)
    assert unnamed_controls(window) == []


def test_window_opens_on_a_fresh_workspace(qtbot: QtBot, paths: AppPaths,
                                           workspace: Workspace, ctx: UiContext) -> None:
    window = make_window(qtbot, ctx)
    assert window.current_key() == "dashboard"
    assert window.windowTitle() == "CCS Readiness"


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_open_data_folder_opens_the_home_folder(qtbot: QtBot, ctx: UiContext) -> None:
    window = make_window(qtbot, ctx)
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        window.findChild(QAction, "open-data-folder").trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in catcher.urls] == [str(ctx.workspace.home)]


def test_every_menu_entry_is_tested_here(qtbot: QtBot, ctx: UiContext) -> None:
    """A new menu entry must come with a test: this list is the inventory."""
    window = make_window(qtbot, ctx)
    names = []
    for menu in (window.file_menu, window.view_menu, window.help_menu):
        for action in menu.actions():
            if action.menu() is not None:
                names.extend(a.objectName() for a in action.menu().actions())
            elif not action.isSeparator():
                names.append(action.objectName())
    # import-questions and question-bank: tests/ui/test_bank_dialog.py
    # export-anki: tests/ui/test_anki_export_ui.py
    # scheme-contrast: also tests/ui/test_appearance.py
    assert names == ["import-questions", "question-bank", "export-anki",
                     "open-data-folder", "quit", "page-dashboard", "page-plan", "page-checklist",
                     "page-exam", "page-codebook", "page-drills", "page-recert",
                     "scheme-system", "scheme-light", "scheme-dark", "scheme-contrast",
                     "help", "about"]


def test_every_page_has_the_same_heading_style(qtbot: QtBot, ctx: UiContext) -> None:
    window = make_window(qtbot, ctx)
    for spec in PAGES:
        page = window.show_page(spec.key)
        titles = [label for label in page.findChildren(QLabel, "pageTitle") if label.isVisible()]
        assert [t.text() for t in titles] == [spec.title], spec.key
