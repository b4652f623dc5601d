"""The exam-day checklist page: progress, the checklist, the arrival planner,
the name check, the code book check, the printed card and reminders."""

from __future__ import annotations

from datetime import time
from html import escape

from PySide6.QtCore import QTime
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from readiness.core.checklist.reminders import NightHours
from readiness.core.errors import UserError
from readiness.ui.checklist.arrival_view import ArrivalView
from readiness.ui.checklist.books_view import BookCheckView
from readiness.ui.checklist.card import card_printer, print_card, write_card_pdf
from readiness.ui.checklist.items_view import ItemsView
from readiness.ui.checklist.names_view import NameCheckView
from readiness.ui.checklist.reminders import ChecklistReminders
from readiness.ui.context import UiContext
from readiness.ui.heading import page_title


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    area.setAccessibleName(widget.accessibleName())
    return area


class ChecklistPage(QWidget):
    def __init__(self, ctx: UiContext, reminders: ChecklistReminders | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.workspace.checklist
        self.setAccessibleName("Exam-day checklist")
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        title = page_title("Exam-day checklist")
        top.addWidget(title)
        top.addStretch(1)
        self.card_button = QPushButton("Save exam-day &card (PDF)…")
        self.card_button.setObjectName("save-card")
        self.card_button.setAccessibleName("Save exam-day card as PDF")
        self.card_button.clicked.connect(self.save_card)
        self.print_button = QPushButton("&Print card…")
        self.print_button.setObjectName("print-card")
        self.print_button.setAccessibleName("Print exam-day card")
        self.print_button.clicked.connect(self.print_card)
        top.addWidget(self.card_button)
        top.addWidget(self.print_button)
        layout.addLayout(top)

        status = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("checklist-summary")
        self.summary.setAccessibleName("Leave-by summary")
        self.summary.setWordWrap(True)  # the online summary is long; 1024 px must fit
        self.progress = QProgressBar()
        self.progress.setObjectName("checklist-progress")
        self.progress.setAccessibleName("Checklist progress")
        self.progress.setMinimumWidth(240)
        status.addWidget(self.summary, 1)
        status.addWidget(self.progress)
        layout.addLayout(status)

        self.banner = QLabel()
        self.banner.setObjectName("reminder-banner")
        self.banner.setAccessibleName("Reminder")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel { background: #fff3cd; color: #000; border: 1px solid #c9a227; "
            "padding: 6px; }")
        self.banner.hide()
        self.banner.linkActivated.connect(self.open_group)
        layout.addWidget(self.banner)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("checklist-tabs")
        self.tabs.setAccessibleName("Checklist sections")
        self.items = ItemsView(ctx, self.refresh)
        self.arrival = ArrivalView(ctx, self.refresh)
        self.names = NameCheckView(ctx)
        self.books = BookCheckView(ctx)
        self.tabs.addTab(self.items, "&Checklist")
        self.tabs.addTab(_scrolled(self.arrival), "Appointment && &arrival")
        self.tabs.addTab(_scrolled(self.names), "&Name check")
        self.tabs.addTab(_scrolled(self.books), "Code &books")
        layout.addWidget(self.tabs, 1)

        # The app passes its own reminders, started with it.  Without them (a page built
        # alone) the page's own follow the page: they stop when it is closed, so their
        # timer cannot fire into a workspace that was closed after it.
        self._own_reminders = reminders is None
        self.reminders = reminders or ChecklistReminders(
            self.service, ctx.workspace.settings, window=None, parent=self)
        if self._own_reminders:
            self.reminders.timer.stop()  # started when the page is shown
        self.reminders.reminded_group.connect(self.show_reminder)
        # Short enough for a 1024 px window (a check box's text does not wrap); the
        # tooltip says the rest.
        self.keep_in_tray = QCheckBox("Keep running in the tray for reminders")
        self.keep_in_tray.setToolTip("Keep running in the system tray when the window is "
                                     "closed, so exam-day reminders still come")
        self.keep_in_tray.setObjectName("keep-in-tray")
        self.keep_in_tray.setAccessibleName("Keep running in the system tray")
        self.keep_in_tray.setEnabled(self.reminders.tray_available)
        self.keep_in_tray.setChecked(self.reminders.keep_in_tray())
        if not self.reminders.tray_available:
            self.keep_in_tray.setToolTip("This desktop has no system tray: reminders show "
                                         "here while the window is open.")
        self.keep_in_tray.toggled.connect(self.reminders.set_keep_in_tray)
        bottom = QHBoxLayout()
        bottom.addWidget(self.keep_in_tray)
        bottom.addStretch(1)
        bottom.addWidget(QLabel("No reminders from"))
        night = self.reminders.night()
        self.night_start = self._night_edit("night-start", "Night hours start", night.start)
        self.night_end = self._night_edit("night-end", "Night hours end", night.end)
        bottom.addWidget(self.night_start)
        bottom.addWidget(QLabel("to"))
        bottom.addWidget(self.night_end)
        layout.addLayout(bottom)
        self.refresh()

    def _night_edit(self, name: str, accessible: str, at: time) -> QTimeEdit:
        edit = QTimeEdit(QTime(at.hour, at.minute))
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setToolTip("Reminders that come due in your night hours wait until they end.")
        edit.timeChanged.connect(lambda _t: self._save_night())
        return edit

    def _save_night(self) -> None:
        start, end = self.night_start.time(), self.night_end.time()
        self.reminders.set_night(NightHours(time(start.hour(), start.minute()),
                                            time(end.hour(), end.minute())))

    def showEvent(self, event: QShowEvent) -> None:
        self.reminders.attach_window(self.window())
        if self._own_reminders:
            self.reminders.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        if self._own_reminders:
            self.reminders.timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        view = self.service.view()
        self.progress.setRange(0, max(view.progress.total, 1))
        self.progress.setValue(view.progress.done)
        self.progress.setFormat(f"{view.progress.done} of {view.progress.total} done")
        plan = self.service.arrival()
        appointment = self.service.appointment()
        style = self.ctx.workspace.date_style
        problems = len(self.service.findings())  # hidden items' problems count too
        flag = f"  ⚠ {problems} open problem{'s' if problems != 1 else ''}" if problems else ""
        if plan is None:
            self.summary.setText("No exam date yet: set it on the Appointment tab." + flag)
        elif plan.online:
            self.summary.setText(
                f"Online (OnVUE): <b>{plan.leave_label} {style.time(plan.leave_by, True)}</b>, "
                f"{plan.arrive_label.lower()} {style.time(plan.arrive_by, True)}{flag}"
                + ("  ⚠ clock change: see the Appointment tab" if plan.notes else ""))
        else:
            where = f" at {escape(appointment.center_name)}" if appointment.center_name else ""
            self.summary.setText(
                f"<b>Leave by {style.time(plan.leave_by, True)}</b>, arrive by "
                f"{style.time(plan.arrive_by, True)}{where}{flag}"
                + ("  ⚠ clock change: see the Appointment tab" if plan.notes else ""))
        self.items.refresh()
        self.arrival.refresh()
        self.names.refresh()
        self.books.refresh()

    def show_reminder(self, text: str, group: str = "") -> None:
        link = f" <a href='{escape(group)}'>Open this group</a>" if group else ""
        self.banner.setText(f"Reminder: {escape(text)}{link}")
        self.banner.show()
        self.refresh()

    def open_group(self, group: str) -> None:
        """Show the checklist at ``group`` (a reminder was clicked)."""
        self.tabs.setCurrentWidget(self.items)
        self.items.show_group(group)

    def check_reminders(self) -> None:
        self.reminders.check_now()

    def save_card(self) -> None:
        path = self.ctx.dialogs.save_file(self, "Save exam-day card", "ccs-exam-day-card.pdf",
                                          "PDF files (*.pdf)")
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            write_card_pdf(self.service.card(), path)
        except UserError as error:
            self.ctx.dialogs.show_error(self, error)
            return
        self.ctx.dialogs.inform(self, "Card saved", f"The exam-day card was saved to {path}.")

    def print_card(self) -> None:
        """Qt's print dialog, then the same one-page card as the PDF."""
        printer = card_printer()
        if not self.ctx.dialogs.choose_printer(self, printer, "Print exam-day card"):
            return
        try:
            print_card(self.service.card(), printer)
        except UserError as error:
            self.ctx.dialogs.show_error(self, error)
