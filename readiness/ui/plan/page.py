"""The study plan page: tabs for Today, Week, Progress, Milestones and Set-up,
with Re-plan and calendar export in the header."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from readiness.core.appointment import ExamAppointment
from readiness.core.errors import UserError
from readiness.core.planner.models import PlannerPreferences
from readiness.ui.context import UiContext
from readiness.ui.heading import page_title
from readiness.ui.plan.charts import ProgressCharts
from readiness.ui.plan.milestones import MilestonesView
from readiness.ui.plan.setup_form import SetupForm
from readiness.ui.plan.today import TodayPanel
from readiness.ui.plan.week import WeekView


class PlanPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.planner = ctx.workspace.planner
        self.setAccessibleName("Study plan")
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        title = page_title("Study plan")
        header.addWidget(title)
        header.addStretch(1)
        self.replan_btn = QPushButton("&Re-plan from today")
        self.replan_btn.setAccessibleName("Re-plan from today")
        self.replan_btn.setToolTip("Spread missed work over the days left; keeps what you did")
        self.export_btn = QPushButton("&Export calendar (.ics)…")
        self.export_btn.setAccessibleName("Export plan to calendar file")
        header.addWidget(self.replan_btn)
        header.addWidget(self.export_btn)
        layout.addLayout(header)
        self.status = QLabel()
        self.status.setAccessibleName("Plan status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Plan views")
        self.today = TodayPanel(ctx)
        self.week = WeekView(ctx)
        self.charts = ProgressCharts(ctx)
        self.milestones = MilestonesView(ctx)
        self.setup_form = SetupForm(
            list(self.planner.domain_names().items()), self.planner.today_date(),
            ctx.workspace.date_style,
        )
        self.tabs.addTab(self.today, "&Today")
        self.tabs.addTab(self.week, "&Week")
        self.tabs.addTab(self.charts, "Pro&gress")
        self.tabs.addTab(self.milestones, "&Milestones")
        self.tabs.addTab(self.setup_form, "Set-&up")
        layout.addWidget(self.tabs, 1)

        self.today.changed.connect(self.refresh)
        self.week.changed.connect(self.refresh)
        self.milestones.changed.connect(self.refresh)
        self.setup_form.submitted.connect(self.save_setup)
        self.replan_btn.clicked.connect(self.replan)
        self.export_btn.clicked.connect(self.export)

        # A page left open over midnight moves on to the new day by itself.
        self._shown_day = self.planner.today_date()
        self._day_check = QTimer(self)
        self._day_check.setInterval(60_000)
        self._day_check.timeout.connect(self._check_day)
        self._day_check.start()

        prefs = self.planner.preferences()
        self.setup_form.load(prefs or self.planner.default_preferences(),
                             self.planner.appointment())
        self.refresh()
        if prefs is None:
            self.tabs.setCurrentWidget(self.setup_form)

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the page: the appointment may have been changed on the
        checklist page; show it, and redo the plan if the exam date moved."""
        super().showEvent(event)
        self.setup_form.load_appointment(self.planner.appointment())
        try:
            moved = self.planner.replan_if_exam_moved()
        except UserError as exc:
            self.ctx.dialogs.show_error(self, exc, "Could not re-plan")
            return
        if moved:
            self.refresh()
            self.status.setText(self.status.text() + " The exam date changed, so the plan "
                                "was redone from today; what you did is kept.")
        else:
            # A task's practice may have been finished on the Practice exam page meanwhile:
            # show what it recorded.
            self.today.refresh()

    def _check_day(self) -> None:
        # Only for a page on screen: a closed window's page (its workspace may be closed
        # too) must not query the store; showing the page again checks soon enough.
        if not self.isVisible():
            return
        if self.planner.today_date() != self._shown_day:
            self.week.show_this_week()
            self.refresh()

    def refresh(self) -> None:
        self._shown_day = self.planner.today_date()
        has_plan = bool(self.planner.plan().sessions)
        self.replan_btn.setEnabled(has_plan)
        self.export_btn.setEnabled(has_plan)
        self.today.refresh()
        self.week.refresh()
        self.charts.refresh()
        self.milestones.refresh()
        setup = self.planner.setup()
        if setup is None:
            self.status.setText("Tell the planner your exam date and your weekly hours "
                                "(Set-up tab) to get a plan.")
            return
        plan = self.planner.plan()
        appt = self.planner.appointment()
        when = self.ctx.workspace.date_style
        end = (f"exam on {when.date(appt.exam_date)}" if appt.exam_date
               else f"target date {when.date(setup.end)} (exam not scheduled yet)")
        text = (f"{plan.planned_minutes() / 60:.0f} study hours and {len(plan.mocks)} full "
                f"mock exams to your {end}.")
        missed = self.planner.missed_since_planned()
        if missed:
            text += (f" {missed} session{'s' if missed != 1 else ''} missed since the plan was "
                     "made: press Re-plan to spread that work over the days left.")
        if plan.notes:
            text += " Note: " + " ".join(plan.notes)
        self.status.setText(text)

    def save_setup(self, prefs: PlannerPreferences, appt: ExamAppointment) -> None:
        try:
            self.planner.save_setup(prefs, appt)
        except UserError as exc:
            self.ctx.dialogs.show_error(self, exc, "Could not plan")
            return
        self.refresh()
        self.week.show_this_week()
        self.tabs.setCurrentWidget(self.today)

    def replan(self) -> None:
        try:
            self.planner.replan()
        except UserError as exc:
            self.ctx.dialogs.show_error(self, exc, "Could not re-plan")
            return
        self.refresh()

    def export(self) -> None:
        path = self.ctx.dialogs.save_file(self, "Export study plan to calendar",
                                          "ccs-study-plan.ics", "iCalendar files (*.ics)")
        if path is None:
            return
        if path.suffix.lower() != ".ics":
            path = path.with_suffix(".ics")
        try:
            count = self.planner.export_ics(path)
        except UserError as exc:
            self.ctx.dialogs.show_error(self, exc, "Could not export")
            return
        self.ctx.dialogs.inform(
            self, "Calendar exported",
            f"{count} events written to {path}. Importing this file again later updates "
            "the same events instead of adding copies.",
        )
