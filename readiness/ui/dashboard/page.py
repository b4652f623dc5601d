"""Dashboard: exam countdown, today's study, checklist, practice and readiness by domain.

Everything shown comes from ``workspace.dashboard.summary()``; the page asks again
each time it is shown, so work done on other pages is reflected at once.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from readiness.services.dashboard import Dashboard, days_label
from readiness.ui.context import UiContext
from readiness.ui.dashboard.band import BandBar
from readiness.ui.dashboard.drills_card import DrillsCard
from readiness.ui.dashboard.labels import card_label as _label
from readiness.ui.dashboard.recert_card import RecertCard
from readiness.ui.heading import page_title
from readiness.ui.scrolling import scrolling_body


def _clear(layout: QLayout) -> None:
    """Remove and delete everything a layout holds (its rows are rebuilt on refresh)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


class Card(QGroupBox):
    """A titled box with a body and an optional action button."""

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.setAccessibleName(title)
        self.body = QVBoxLayout(self)
        self.body.setSpacing(6)


class DashboardPage(QWidget):
    navigate_requested = Signal(str)  # a page key: the main window switches to it

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAccessibleName("Dashboard")
        layout = QVBoxLayout(scrolling_body(self, "Dashboard contents", horizontal=False))

        title = page_title("Dashboard")
        self.countdown = _label(name="Exam countdown")
        self.countdown.setObjectName("countdown")
        self.countdown.setStyleSheet("font-size: 15pt; font-weight: 600;")
        layout.addWidget(title)
        layout.addWidget(self.countdown)

        grid = QGridLayout()
        grid.setSpacing(12)
        layout.addLayout(grid)

        self.exam_card = Card("Exam appointment")
        self.exam_text = _label(name="Appointment details")
        self.exam_card.body.addWidget(self.exam_text)
        self.exam_button = self._go_button("Edit the appointment", "plan")
        self.exam_card.body.addWidget(self.exam_button)

        self.today_card = Card("Today's study")
        self.today_text = _label(name="Today's sessions")
        self.week_bar = QProgressBar()
        self.week_bar.setAccessibleName("Study hours this week")
        self.today_card.body.addWidget(self.today_text)
        self.today_card.body.addWidget(self.week_bar)
        self.today_card.body.addWidget(self._go_button("Open the study plan", "plan"))

        self.checklist_card = Card("Exam-day checklist")
        self.checklist_bar = QProgressBar()
        self.checklist_bar.setAccessibleName("Checklist progress")
        self.checklist_text = _label(name="Open checklist items")
        self.checklist_card.body.addWidget(self.checklist_bar)
        self.checklist_card.body.addWidget(self.checklist_text)
        self.checklist_card.body.addWidget(self._go_button("Open the checklist", "checklist"))

        self.practice_card = Card("Practice exams")
        self.practice_text = _label(name="Practice results")
        self.practice_card.body.addWidget(self.practice_text)
        self.practice_card.body.addWidget(self._go_button("Start practising", "exam"))

        self.standing_card = Card("Readiness by domain")
        self.standing_rows = QGridLayout()
        self.standing_rows.setColumnStretch(1, 1)
        self.standing_rows.setVerticalSpacing(8)  # band bars need air between the rows
        self.standing_card.body.addLayout(self.standing_rows)
        self.pass_label = _label(name="Pass estimate")
        self.standing_card.body.addWidget(self.pass_label)
        self.standing_note = _label(name="About readiness")
        self.standing_note.setStyleSheet("color: palette(placeholder-text);")
        self.standing_card.body.addWidget(self.standing_note)

        self.steps_card = Card("Next steps")
        self.steps_box = QVBoxLayout()
        self.steps_card.body.addLayout(self.steps_box)

        grid.addWidget(self.exam_card, 0, 0)
        grid.addWidget(self.today_card, 0, 1)
        grid.addWidget(self.checklist_card, 1, 0)
        grid.addWidget(self.practice_card, 1, 1)
        grid.addWidget(self.standing_card, 2, 0)
        grid.addWidget(self.steps_card, 2, 1)
        self.drills_card = DrillsCard(ctx.workspace.drills, self.navigate_requested.emit)
        grid.addWidget(self.drills_card, 3, 0)
        self.recert_card = RecertCard(ctx.workspace.ceu, self.navigate_requested.emit)
        grid.addWidget(self.recert_card, 3, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addStretch(1)
        self.summary: Dashboard | None = None
        self.refresh()

    def _go_button(self, text: str, page: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text)
        button.clicked.connect(lambda: self.navigate_requested.emit(page))
        return button

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        summary = self.ctx.workspace.dashboard.summary()
        self.summary = summary
        self.countdown.setText(days_label(summary.days_to_exam))
        self._show_exam(summary)
        self._show_today(summary)
        self._show_checklist(summary)
        self._show_practice(summary)
        self._show_standing(summary)
        self._show_steps(summary)
        self.drills_card.refresh()
        self.recert_card.refresh(summary.days_to_exam)

    def _show_exam(self, s: Dashboard) -> None:
        appt = s.appointment
        lines = []
        start = appt.starts_at()
        if start is not None:
            when = self.ctx.workspace.date_style
            lines.append(f"{when.day_time(start, zone=True)} · {appt.timezone}")
            if appt.center_name:
                lines.append(appt.center_name)
            if appt.center_address:
                lines.append(appt.center_address)
            if s.arrival is not None:
                plan, when = s.arrival, self.ctx.workspace.date_style
                lines.append(f"{plan.leave_label} {when.time(plan.leave_by, zone=True)}, "
                             f"{plan.arrive_label.lower()} "
                             f"{when.time(plan.arrive_by, zone=True)}.")
        else:
            lines.append("No exam date yet.")
            if s.att_deadline is not None and appt.att_received is not None:
                when = self.ctx.workspace.date_style
                lines.append(f"Authorization to Test received {when.date(appt.att_received)}: "
                             f"schedule and take the exam by {when.date(s.att_deadline)}.")
        if s.att_warning:
            lines.append(s.att_warning)
        self.exam_text.setText("\n".join(lines))

    def _show_today(self, s: Dashboard) -> None:
        study = s.study
        if not study.has_plan:
            self.today_text.setText("No study plan yet: set your weekly hours on the plan page.")
        elif not study.sessions:
            self.today_text.setText("Nothing planned today: a rest day.")
        else:
            self.today_text.setText("\n".join(
                f"• {x.title}: {x.minutes} min ({x.status.value}"
                f"{f', {x.done_minutes} min logged' if x.done_minutes else ''})"
                for x in study.sessions))
        planned, done = study.week_planned_minutes, study.week_done_minutes
        self.week_bar.setRange(0, max(planned, 1))
        self.week_bar.setValue(min(done, max(planned, 1)))
        self.week_bar.setFormat(f"This week: {done / 60:.1f} of {planned / 60:.1f} h")

    def _show_checklist(self, s: Dashboard) -> None:
        self.checklist_bar.setRange(0, max(s.checklist_total, 1))
        self.checklist_bar.setValue(s.checklist_done)
        self.checklist_bar.setFormat(f"{s.checklist_done} of {s.checklist_total} done")
        if s.open_items:
            self.checklist_text.setText("Still open:\n" + "\n".join(f"• {t}" for t in s.open_items))
        else:
            self.checklist_text.setText("Everything is checked.")

    def _show_practice(self, s: Dashboard) -> None:
        last = s.last_attempt
        due = (f"\n{s.review_due} question{'s' if s.review_due != 1 else ''} due for review"
               if s.review_due else "")
        if last is None:
            self.practice_text.setText("No finished practice yet. A full mock exam shows where "
                                       "you stand under exam conditions." + due)
            return
        percent = last.percent
        lines = [f"Last: {last.title}, "
                 f"{self.ctx.workspace.date_style.date(last.finished_at.astimezone().date())}"
                 if last.finished_at else f"Last: {last.title}"]
        if percent is not None:
            lines.append(f"Score {percent:.0f}%"
                         + (f" · scaled estimate {last.scaled_estimate} (pass: 300)"
                            if last.scaled_estimate is not None else ""))
        scored = [a.percent for a in s.attempts if a.percent is not None]
        if len(scored) > 1:
            lines.append(f"{len(s.attempts)} attempts · best {max(scored):.0f}% · "
                         f"first {scored[0]:.0f}% → last {scored[-1]:.0f}%")
        self.practice_text.setText("\n".join(lines) + due)

    def _show_standing(self, s: Dashboard) -> None:
        _clear(self.standing_rows)
        for row, d in enumerate(s.standing):
            weight = f"{d.weight:.0%}{'*' if d.weight_is_estimate else ''}"
            name = _label(f"{d.name} ({weight})", f"{d.name} readiness", wrap=False)
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            source = "self-rating" if d.answered == 0 else f"{d.answered} points practised"
            bar = BandBar(d.accuracy, d.low, d.high, d.answered == 0)
            bar.setAccessibleName(f"{d.name}: {bar.text}, likely range, from {source}")
            self.standing_rows.addWidget(name, row, 0)
            self.standing_rows.addWidget(bar, row, 1)
            figures = _label(bar.text, f"{d.name} estimate", wrap=False)
            figures.setToolTip(bar.toolTip())
            figures.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.standing_rows.addWidget(figures, row, 2)
        estimate = any(d.weight_is_estimate for d in s.standing)
        verdict = s.pass_estimate
        if verdict is not None and verdict.probability is not None:
            chance = (f"Estimated chance of passing today: about {verdict.probability:.0%} "
                      f"(expected score {verdict.expected_percent:.0f}%).")
            self.pass_label.setToolTip(verdict.reason)
        else:
            chance = verdict.reason if verdict is not None else ""
        self.pass_label.setText(chance)
        self.standing_note.setText(
            "Mark: the estimate from recent practice (before any, your self-rating); shaded: "
            "the range it likely lies in (80 %). Unanswered items are not counted as wrong; "
            "code-book drills count toward Coding Knowledge, a look-up as a quarter item."
            + (" * Domain weight is an estimate." if estimate else ""))

    def _show_steps(self, s: Dashboard) -> None:
        _clear(self.steps_box)
        if not s.next_steps:
            self.steps_box.addWidget(_label("You are on track. Keep to the plan.", "On track"))
        for step in s.next_steps:
            # A wrapping link, not a button: steps are sentences and must not widen the page.
            link = QLabel(f'• <a href="{step.page}">{html.escape(step.text)}</a>')
            link.setObjectName(f"step-{step.page}")
            link.setWordWrap(True)
            link.setTextFormat(Qt.TextFormat.RichText)
            link.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                         | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            link.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            link.setAccessibleName(step.text)
            link.linkActivated.connect(self.navigate_requested.emit)
            self.steps_box.addWidget(link)
        self.steps_box.addStretch(1)
