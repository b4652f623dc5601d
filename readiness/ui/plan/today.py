"""Today: what to study now, a study timer, time typed in by hand, this week's hours."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from readiness.core.errors import UserError
from readiness.core.planner.models import SessionStatus
from readiness.services.planner import TodaySummary
from readiness.ui.context import UiContext
from readiness.ui.plan.setup_form import DATE_HINT, from_qdate, to_qdate
from readiness.ui.plan.tasks_view import SessionTasks
from readiness.ui.scrolling import SqueezeFirstLayout, scrolling_body
from readiness.ui.when import date_edit_format

STATUS_TEXT = {
    SessionStatus.PLANNED: "to do",
    SessionStatus.DONE: "✓ done",
    SessionStatus.SKIPPED: "skipped",
}


RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def hours(minutes: int) -> str:
    return f"{minutes / 60:.1f} h" if minutes % 60 else f"{minutes // 60} h"


class TodayPanel(QWidget):
    changed = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.planner = ctx.workspace.planner
        self.setAccessibleName("Today")
        # The sessions, the tasks, the timer and the log do not fit a 640 px window: they
        # scroll rather than squeeze on top of each other (Start task was drawn over the
        # task rows); at 1366x768 they fit by shrinking the tables, with no scroll bar.
        layout = SqueezeFirstLayout(scrolling_body(self, "Today"))

        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.heading.setAccessibleName("Today heading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        layout.addWidget(self.heading)

        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName("Today's sessions")
        self.table.setHorizontalHeaderLabels(["Session", "Planned", "Done", "Status"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(110)
        # As tall as its rows when space is short (one to three sessions a day).
        self.table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        layout.addWidget(self.table, 1)
        self.empty = QLabel()
        self.empty.setAccessibleName("Nothing planned today")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        # What to do in the selected session; Start opens it, finishing records it.
        self.tasks = SessionTasks(ctx)
        self.tasks.changed.connect(self.changed.emit)
        layout.addWidget(self.tasks, 1)

        actions = QHBoxLayout()
        self.start_btn = self._button("&Start timer", "Start study timer", self._start)
        self.stop_btn = self._button("S&top timer", "Stop study timer and log the time",
                                     self._stop)
        self.done_btn = self._button("Mark &done", "Mark selected session done", self._done)
        self.skip_btn = self._button("S&kip", "Skip selected session", self._skip)
        for b in (self.start_btn, self.stop_btn, self.done_btn, self.skip_btn):
            actions.addWidget(b)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.timer_label = QLabel()
        self.timer_label.setAccessibleName("Study timer")
        self.timer_label.setStyleSheet("font-size: 13pt;")
        layout.addWidget(self.timer_label)

        log_box = QGroupBox("Log time by hand (study outside the app)")
        log = QHBoxLayout(log_box)
        self.log_minutes = QSpinBox()
        self.log_minutes.setRange(1, 960)
        self.log_minutes.setValue(30)
        self.log_minutes.setSuffix(" min")
        self.log_minutes.setAccessibleName("Minutes to log")
        self.log_target = QComboBox()
        self.log_target.setAccessibleName("Log time for")
        self.log_target.addItem("the selected session", None)
        for domain_id, name in self.planner.domain_names().items():
            self.log_target.addItem(name, domain_id)
        self.log_day = QDateEdit()
        self.log_day.setCalendarPopup(True)
        self.log_day.setDisplayFormat(date_edit_format(ctx.workspace.date_style))
        self.log_day.setToolTip(DATE_HINT)
        self.log_day.setAccessibleName("Day the time was spent")
        self.log_btn = self._button("&Log time", "Log time", self._log)
        log.addWidget(self.log_minutes)
        log.addWidget(QLabel("for"))
        log.addWidget(self.log_target, 1)
        log.addWidget(QLabel("on"))
        log.addWidget(self.log_day)
        log.addWidget(self.log_btn)
        layout.addWidget(log_box)

        self.week_label = QLabel()
        self.week_label.setAccessibleName("This week's hours")
        self.week_bar = QProgressBar()
        self.week_bar.setAccessibleName("This week's hours done")
        self.week_bar.setTextVisible(True)
        self.adherence_label = QLabel()
        self.adherence_label.setAccessibleName("Adherence")
        self.adherence_label.setWordWrap(True)
        self.milestone_label = QLabel()
        self.milestone_label.setAccessibleName("Next milestone")
        self.milestone_label.setWordWrap(True)
        for w in (self.week_label, self.week_bar, self.adherence_label, self.milestone_label):
            layout.addWidget(w)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_timer)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.itemSelectionChanged.connect(
            lambda: self.tasks.show_session(self.selected_id()))
        self.summary: TodaySummary | None = None

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------ refresh
    def refresh(self) -> None:
        summary = self.planner.today()
        self.summary = summary
        exam = (f" — exam in {summary.days_to_exam} days" if summary.days_to_exam is not None
                and summary.days_to_exam >= 0 else "")
        self.heading.setText(f"Today, {self.ctx.workspace.date_style.date(summary.day)}{exam}")
        selected = self.selected_id()
        self.table.setRowCount(len(summary.sessions))
        for row, s in enumerate(summary.sessions):
            cells = [s.title, f"{s.minutes} min", f"{s.done_minutes} min" if s.done_minutes
                     else "", STATUS_TEXT[s.status]]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                if col in (1, 2):
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, col, item)
            if s.id == selected:
                self.table.selectRow(row)
        if summary.sessions and self.selected_id() is None:
            first_open = next((i for i, s in enumerate(summary.sessions)
                               if s.status is SessionStatus.PLANNED), 0)
            self.table.selectRow(first_open)
        if not summary.has_plan:
            self.empty.setText("No plan yet: fill in the Set-up tab and press Save and plan.")
        elif not summary.sessions:
            self.empty.setText("Nothing planned today. Rest, or log any time you study anyway.")
        else:
            self.empty.setText("")
        self.empty.setVisible(bool(self.empty.text()))
        self.log_day.setDate(to_qdate(summary.day))
        self.log_day.setMaximumDate(to_qdate(summary.day))
        planned, done = summary.week_planned_minutes, summary.week_done_minutes
        self.week_label.setText(f"This week: {hours(done)} done of {hours(planned)} planned")
        self.week_bar.setRange(0, max(planned, 1))
        self.week_bar.setValue(min(done, max(planned, 1)))
        self.week_bar.setFormat(f"{done * 100 // planned}%" if planned else "—")
        self.adherence_label.setText("So far: " + self.planner.adherence().summary())
        nxt = summary.next_milestone
        if nxt is None:
            self.milestone_label.setText("Next milestone: none left.")
        else:
            due = (f" — by {self.ctx.workspace.date_style.date(nxt.due)}" if nxt.due
                   else "")
            verify = " (verify)" if nxt.uncertain else ""
            self.milestone_label.setText(f"Next milestone: {nxt.title}{due}{verify}")
        self._show_timer()
        self._enable()
        self.tasks.show_session(self.selected_id())

    def selected_id(self) -> str | None:
        items = self.table.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def _enable(self) -> None:
        running = self.planner.timer() is not None
        has = self.selected_id() is not None
        self.start_btn.setEnabled(not running)
        self.stop_btn.setEnabled(running)
        self.done_btn.setEnabled(has)
        self.skip_btn.setEnabled(has)

    def _show_timer(self) -> None:
        state = self.planner.timer()
        if state is None:
            self.timer_label.setText("Timer: not running")
            self._tick.stop()
            return
        secs = state.elapsed_seconds
        names = self.planner.domain_names()
        what = names.get(state.domain or "", "study")
        self.timer_label.setText(
            f"Timer: {secs // 3600:d}:{secs % 3600 // 60:02d}:{secs % 60:02d} on {what}"
        )
        if not self._tick.isActive():
            self._tick.start()

    # ------------------------------------------------------------ actions
    def _run(self, action: Callable[[], object]) -> None:
        try:
            action()
        except UserError as exc:
            self.ctx.dialogs.show_error(self, exc)
            return
        self.changed.emit()

    def _start(self) -> None:
        session_id = self.selected_id()
        domain = None if session_id else self.log_target.currentData()
        self._run(lambda: self.planner.start_timer(session_id=session_id, domain=domain))

    def _stop(self) -> None:
        def stop() -> None:
            entry = self.planner.stop_timer()
            if entry is None:
                self.ctx.dialogs.inform(self, "Timer stopped",
                                        "Less than a minute: nothing was logged.")
        self._run(stop)

    def _done(self) -> None:
        session_id = self.selected_id()
        if session_id:
            self._run(lambda: self.planner.mark(session_id, SessionStatus.DONE))

    def _skip(self) -> None:
        session_id = self.selected_id()
        if session_id:
            self._run(lambda: self.planner.mark(session_id, SessionStatus.SKIPPED))

    def _log(self) -> None:
        domain = self.log_target.currentData()
        session_id = None if domain else self.selected_id()
        if domain is None and session_id is None:
            self.ctx.dialogs.warn(self, "Log time", "Select a session or choose a domain.")
            return
        minutes = self.log_minutes.value()
        day = from_qdate(self.log_day.date())
        self._run(lambda: self.planner.log_time(minutes, session_id=session_id, domain=domain,
                                                day=day))
