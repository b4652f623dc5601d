"""The dashboard's one question: where do I stand, and what should I do next?

Reads the other services and returns one plain summary; it owns no data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from readiness.core.appointment import ExamAppointment
from readiness.core.checklist.arrival import ArrivalPlan
from readiness.core.clock import Clock
from readiness.core.exam.forms import Mode
from readiness.core.planner.models import SessionStatus
from readiness.core.planner.readiness import PassEstimate
from readiness.core.when import DEFAULT_STYLE, DateStyle
from readiness.services.appointment import AppointmentService
from readiness.services.checklist import ChecklistService
from readiness.services.exams import AttemptSummary, ExamService
from readiness.services.planner import PlannerService, TodaySummary
from readiness.services.readiness import ReadinessService
from readiness.services.review import ReviewService

# A domain under this estimated accuracy is called out as a weak spot.
WEAK_DOMAIN = 0.70
# How many unchecked checklist items the card lists.
OPEN_ITEMS_SHOWN = 3


@dataclass(frozen=True)
class DomainStanding:
    domain_id: str
    name: str
    weight: float
    weight_is_estimate: bool
    accuracy: float  # 0..1, recent practice weighted more; self-rating before any practice
    answered: int  # points of practice behind the estimate (0: self-rating only)
    low: float = 0.0  # the 80 % band of the estimate (recency-weighted Beta posterior)
    high: float = 1.0


@dataclass(frozen=True)
class NextStep:
    text: str
    page: str  # the page that does it: plan, checklist, exam, codebook


@dataclass(frozen=True)
class Dashboard:
    today: date
    appointment: ExamAppointment
    days_to_exam: int | None
    arrival: ArrivalPlan | None
    att_deadline: date | None
    att_warning: str | None
    study: TodaySummary
    checklist_done: int
    checklist_total: int
    open_items: tuple[str, ...]  # soonest due first
    attempts: tuple[AttemptSummary, ...]  # finished, oldest first
    standing: tuple[DomainStanding, ...]
    next_steps: tuple[NextStep, ...]
    review_due: int = 0  # answered questions due for spaced review today
    pass_estimate: PassEstimate | None = None  # probability None: not enough evidence yet

    @property
    def last_attempt(self) -> AttemptSummary | None:
        return self.attempts[-1] if self.attempts else None


class DashboardService:
    def __init__(self, appointment: AppointmentService, planner: PlannerService,
                 checklist: ChecklistService, exams: ExamService, clock: Clock,
                 review: ReviewService | None = None,
                 readiness: ReadinessService | None = None,
                 style: Callable[[], DateStyle] = lambda: DEFAULT_STYLE) -> None:
        self._style = style
        self._appointment = appointment
        self._planner = planner
        self._checklist = checklist
        self._exams = exams
        self._clock = clock
        self._review = review
        self._readiness = readiness or ReadinessService(planner)
        # What to do first today (the plan's session tasks), wired by the workspace.
        self.first_task_source: Callable[[], str | None] = lambda: None

    def summary(self) -> Dashboard:
        appointment = self._appointment.get()
        study = self._planner.today()
        today = study.day
        view = self._checklist.view()
        far_future = datetime.max.replace(tzinfo=None)
        open_items = sorted(view.open_items(),
                            key=lambda i: i.due.replace(tzinfo=None) if i.due else far_future)
        attempts = tuple(self._exams.history())
        names = self._planner.domain_names()
        blueprint = self._planner.blueprint
        estimates = self._readiness.estimates()
        standing = tuple(
            DomainStanding(need.domain, names.get(need.domain, need.domain), need.weight,
                           blueprint.domain(need.domain).estimate, need.accuracy, need.answered,
                           estimates[need.domain].low, estimates[need.domain].high)
            for need in self._planner.needs()
        )
        days = (appointment.exam_date - today).days if appointment.exam_date else None
        review_due = (self._review.summary(check_bank=False).due_today
                      if self._review is not None else 0)
        return Dashboard(
            today=today,
            appointment=appointment,
            days_to_exam=days,
            arrival=self._checklist.arrival(),
            att_deadline=appointment.att_deadline(),
            att_warning=self._checklist.att_warning(),
            study=study,
            checklist_done=view.progress.done,
            checklist_total=view.progress.total,
            open_items=tuple(item.text for item in open_items[:OPEN_ITEMS_SHOWN]),
            attempts=attempts,
            standing=standing,
            next_steps=tuple(next_steps(appointment, days, study, view.progress.done,
                                        view.progress.total, attempts, standing,
                                        review_due, self.first_task_source(),
                                        self._style())),
            review_due=review_due,
            pass_estimate=self._readiness.pass_estimate(estimates),
        )


def next_steps(appointment: ExamAppointment, days_to_exam: int | None, study: TodaySummary,
               checklist_done: int, checklist_total: int, attempts: tuple[AttemptSummary, ...],
               standing: tuple[DomainStanding, ...], review_due: int = 0,
               first_task: str | None = None,
               style: DateStyle = DEFAULT_STYLE) -> list[NextStep]:
    """Concrete suggestions, most urgent first."""
    steps: list[NextStep] = []
    if appointment.exam_date is None:
        if appointment.att_received is None:
            steps.append(NextStep("Enter your exam date, or the date your Authorization to "
                                  "Test arrived, so the plan can count the weeks.", "plan"))
        else:
            deadline = appointment.att_deadline()
            assert deadline is not None  # the ATT date is set
            steps.append(NextStep(f"Schedule your exam: the ATT window closes on "
                                  f"{style.date(deadline)}.", "plan"))
    if not study.has_plan:
        steps.append(NextStep("Set your weekly study hours to get a plan.", "plan"))
    pending = [s for s in study.sessions if s.status is SessionStatus.PLANNED]
    if pending:
        minutes = sum(s.minutes - s.done_minutes for s in pending)
        first = f" Start with: {first_task}." if first_task else ""
        steps.append(NextStep(f"Today: {minutes} minutes of study "
                              f"({', '.join(s.title for s in pending)}).{first}", "plan"))
    if days_to_exam is not None and 0 <= days_to_exam <= 7 and checklist_done < checklist_total:
        steps.append(NextStep(f"Exam week: {checklist_total - checklist_done} checklist items "
                              "are still open.", "checklist"))
    if not any(a.mode is Mode.FULL for a in attempts):
        steps.append(NextStep("Take a full mock exam to see where you stand under exam "
                              "conditions.", "exam"))
    if review_due > 0:
        steps.append(NextStep(f"Spaced review: {review_due} question"
                              f"{'s' if review_due != 1 else ''} you answered before "
                              f"{'are' if review_due != 1 else 'is'} due today.", "exam"))
    practised = [d for d in standing if d.answered > 0]
    weak = sorted((d for d in practised if d.accuracy < WEAK_DOMAIN), key=lambda d: d.accuracy)
    if weak:
        worst = weak[0]
        steps.append(NextStep(f"Weakest area: {worst.name} at {worst.accuracy:.0%}; practise "
                              "it in a custom set.", "exam"))
    if days_to_exam is not None and 0 <= days_to_exam <= 30:
        steps.append(NextStep("Check your code books: the edition the exam date requires, "
                              "permanent tabs only, no handwritten notes.", "checklist"))
    return steps


def days_label(days: int | None) -> str:
    if days is None:
        return "Exam not scheduled"
    if days < 0:
        return f"Exam was {-days} day{'s' if days != -1 else ''} ago"
    if days == 0:
        return "Exam today"
    weeks, rest = divmod(days, 7)
    if days >= 14:
        extra = f", {rest} day{'s' if rest != 1 else ''}" if rest else ""
        return f"{days} days to the exam ({weeks} weeks{extra})"
    return f"{days} day{'s' if days != 1 else ''} to the exam"
