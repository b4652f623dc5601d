"""The exam-day checklist page: progress, the checklist, the arrival planner,
the name check, the code book check, the printed card and reminders."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from readiness.core.checklist.arrival import fmt_time
from readiness.core.errors import UserError
from readiness.ui.checklist.arrival_view import ArrivalView
from readiness.ui.checklist.books_view import BookCheckView
from readiness.ui.checklist.card import write_card_pdf
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
        top.addWidget(self.card_button)
        layout.addLayout(top)

        status = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("checklist-summary")
        self.summary.setAccessibleName("Leave-by summary")
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

        self.reminders = reminders or ChecklistReminders(
            self.service, ctx.workspace.settings, window=None, parent=self)
        self.reminders.reminded.connect(self.show_reminder)
        self.keep_in_tray = QCheckBox(
            "Keep running in the system tray when the window is closed, for reminders")
        self.keep_in_tray.setObjectName("keep-in-tray")
        self.keep_in_tray.setAccessibleName("Keep running in the system tray")
        self.keep_in_tray.setEnabled(self.reminders.tray_available)
        self.keep_in_tray.setChecked(self.reminders.keep_in_tray())
        if not self.reminders.tray_available:
            self.keep_in_tray.setToolTip("This desktop has no system tray: reminders show "
                                         "here while the window is open.")
        self.keep_in_tray.toggled.connect(self.reminders.set_keep_in_tray)
        layout.addWidget(self.keep_in_tray)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self.reminders.attach_window(self.window())
        super().showEvent(event)

    def refresh(self) -> None:
        view = self.service.view()
        self.progress.setRange(0, max(view.progress.total, 1))
        self.progress.setValue(view.progress.done)
        self.progress.setFormat(f"{view.progress.done} of {view.progress.total} done")
        plan = self.service.arrival()
        appointment = self.service.appointment()
        if plan is None:
            self.summary.setText("No exam date yet: set it on the Appointment tab.")
        else:
            where = f" at {escape(appointment.center_name)}" if appointment.center_name else ""
            self.summary.setText(
                f"<b>Leave by {fmt_time(plan.leave_by)}</b>, arrive by "
                f"{fmt_time(plan.arrive_by)}{where}"
                + ("  ⚠ clock change: see the Appointment tab" if plan.notes else ""))
        self.items.refresh()
        self.arrival.refresh()
        self.names.refresh()
        self.books.refresh()

    def show_reminder(self, text: str) -> None:
        self.banner.setText(f"Reminder: {text}")
        self.banner.show()
        self.refresh()

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
