"""Reminders for checklist items that come due while the app runs.

A QTimer calls :meth:`ChecklistReminders.check_now` once a minute; the check
asks the service which items are due *by the workspace clock*, so tests drive
it with a FakeClock and a direct call, never with real time.  Where the
platform has a system tray, reminders show as tray messages, and the app can
keep running in the tray when the window is closed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon, QWidget

from readiness.core import settings as prefs
from readiness.core.checklist.items import ChecklistItem
from readiness.services.checklist import ChecklistService
from readiness.services.settings import SettingsService

CHECK_INTERVAL_MS = 60_000


def reminder_text(items: list[ChecklistItem]) -> str:
    if len(items) == 1:
        return f"Due now: {items[0].text}"
    first = "; ".join(i.text for i in items[:3])
    more = f" (and {len(items) - 3} more)" if len(items) > 3 else ""
    return f"{len(items)} exam-day items are due: {first}{more}"


class ChecklistReminders(QObject):
    """Announces due items once per due time: signal always, tray message if possible."""

    reminded = Signal(str)

    def __init__(self, service: ChecklistService, settings: SettingsService,
                 window: QWidget | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings
        self.window = window
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check_now)
        self.tray: QSystemTrayIcon | None = None
        self._told_still_running = False
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._build_tray()
        self.timer.start()

    @property
    def tray_available(self) -> bool:
        return self.tray is not None

    def _build_tray(self) -> None:
        app = QApplication.instance()
        icon = QIcon()
        if isinstance(app, QApplication):
            icon = app.windowIcon()
            if icon.isNull():
                style = app.style()
                icon = style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        self.tray = QSystemTrayIcon(icon, self)
        self.tray.setToolTip("CCS Readiness: exam-day reminders")
        menu = QMenu()
        show = QAction("Show CCS Readiness", menu)
        show.triggered.connect(self.show_window)
        quit_action = QAction("Quit", menu)
        quit_action.triggered.connect(QApplication.quit)
        menu.addAction(show)
        menu.addAction(quit_action)
        self._menu = menu
        self.tray.setContextMenu(menu)
        self.tray.activated.connect(lambda _reason: self.show_window())
        self.tray.show()
        self.apply_keep_in_tray()

    def keep_in_tray(self) -> bool:
        return self.settings.get(prefs.KEEP_IN_TRAY) and self.tray_available

    def set_keep_in_tray(self, keep: bool) -> None:
        self.settings.set(prefs.KEEP_IN_TRAY, keep)
        self.apply_keep_in_tray()

    def apply_keep_in_tray(self) -> None:
        # With a tray icon, closing the window leaves the app running so the
        # reminders still come; "Quit" in the tray menu ends it.
        app = QApplication.instance()
        if isinstance(app, QApplication) and self.tray_available:
            app.setQuitOnLastWindowClosed(not self.keep_in_tray())

    def attach_window(self, window: QWidget) -> None:
        """Follow the main window: the tray's Show raises it; closing it into the
        tray says so once; its Quit action really quits."""
        if self.window is window:
            return
        self.window = window
        if self.tray is None:
            return
        window.installEventFilter(self)
        quit_action = getattr(window, "quit_action", None)
        if isinstance(quit_action, QAction):
            quit_action.triggered.connect(QApplication.quit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.window and event.type() == QEvent.Type.Close
                and self.tray is not None and self.keep_in_tray()
                and not self._told_still_running):
            self._told_still_running = True
            self.tray.showMessage(
                "CCS Readiness is still running",
                "Exam-day reminders keep coming from the tray. Choose Quit in the tray menu "
                "to end the app.", QSystemTrayIcon.MessageIcon.Information, 10_000)
        return False

    def show_window(self) -> None:
        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()

    def check_now(self) -> list[ChecklistItem]:
        """Announce items that have come due since the last check; returns them."""
        due = self.service.due_notifications()
        if not due:
            return []
        text = reminder_text(due)
        if self.tray is not None:
            self.tray.showMessage("Exam-day checklist", text,
                                  QSystemTrayIcon.MessageIcon.Information, 15_000)
        self.service.mark_notified(due)
        self.reminded.emit(text)
        return due

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()
