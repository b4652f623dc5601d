"""Reminders for checklist items that come due while the app runs.

A QTimer calls :meth:`ChecklistReminders.check_now` once a minute; the check
asks the service for the next grouped reminder *by the workspace clock*, so
tests drive it with a FakeClock and a direct call, never with real time.  One
reminder per checklist group and due time; none in the candidate's night
hours.  Where the platform has a system tray, reminders show as tray messages
(clicking one opens the checklist at its group), and the app can keep running
in the tray when the window is closed.
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon, QWidget

from readiness.core import settings as prefs
from readiness.core.checklist.reminders import NightHours, Reminder
from readiness.core.errors import UserError
from readiness.services.checklist import ChecklistService
from readiness.services.settings import SettingsService

CHECK_INTERVAL_MS = 60_000


class ChecklistReminders(QObject):
    """Announces due items once per due time: signal always, tray message if possible."""

    reminded = Signal(str)
    reminded_group = Signal(str, str)  # text, group key

    def __init__(self, service: ChecklistService, settings: SettingsService,
                 window: QWidget | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings
        self.window = window
        self.zone: tzinfo | None = None  # the candidate's zone; None: the computer's
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check_now)
        self.tray: QSystemTrayIcon | None = None
        self._told_still_running = False
        self._last_group: str | None = None
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
        self.tray.messageClicked.connect(self._message_clicked)
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

    def night(self) -> NightHours:
        try:
            return NightHours.parse(str(self.settings.get(prefs.NIGHT_START)),
                                    str(self.settings.get(prefs.NIGHT_END)))
        except UserError:
            return NightHours()

    def set_night(self, night: NightHours) -> None:
        self.settings.set(prefs.NIGHT_START, night.start.strftime("%H:%M"))
        self.settings.set(prefs.NIGHT_END, night.end.strftime("%H:%M"))

    def check_now(self) -> Reminder | None:
        """Announce the next group that came due since the last check; returns it."""
        reminder = self.service.next_reminder(self.night(), self.zone)
        if reminder is None:
            return None
        text = reminder.text()
        self.service.mark_notified(list(reminder.items))
        self._last_group = reminder.group
        if self.tray is not None:
            self.tray.showMessage("Exam-day checklist", text,
                                  QSystemTrayIcon.MessageIcon.Information, 15_000)
        self.reminded.emit(text)
        self.reminded_group.emit(text, reminder.group)
        return reminder

    def _message_clicked(self) -> None:
        if self._last_group is not None:
            self.open_group(self._last_group)

    def open_group(self, group: str) -> None:
        """Bring the window up on the checklist page, at ``group``."""
        self.show_window()
        show_page = getattr(self.window, "show_page", None)
        page = show_page("checklist") if callable(show_page) else None
        open_group = getattr(page, "open_group", None)
        if callable(open_group):
            open_group(group)

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()
