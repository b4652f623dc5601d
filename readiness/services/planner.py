"""The study planner service: what the plan page and the dashboard call.

Built from the planner repository, the shared appointment service, the clock,
the exam blueprint and the planner rules.  Practice results come from
``results_source`` — a no-argument callable returning ``DomainResult``s that the
workspace wires to the exam service (``workspace.exams``); it defaults to none,
and every method that uses results also accepts them explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from readiness.core.appointment import ExamAppointment, zone_named
from readiness.core.blueprint import Blueprint, load_blueprint
from readiness.core.clock import Clock
from readiness.core.errors import InvalidInput, UserError
from readiness.core.planner.adherence import (
    Adherence,
    DomainHours,
    adherence,
    hours_by_domain,
    session_done_minutes,
    week_totals,
)
from readiness.core.planner.generate import generate_plan, replan
from readiness.core.planner.ics import ExtraEvent
from readiness.core.planner.milestones import (
    MANUAL_KEYS,
    Milestone,
    PlannerRules,
    build_milestones,
    load_rules,
    next_milestone,
)
from readiness.core.planner.models import (
    DomainResult,
    Plan,
    PlannerPreferences,
    PlanSetup,
    Session,
    SessionKind,
    SessionStatus,
    TimeEntry,
)
from readiness.core.planner.need import DomainNeed, domain_needs, mastery_trend, shares
from readiness.core.planner.validation import check_appointment
from readiness.core.when import DEFAULT_STYLE, DateStyle
from readiness.resources import resource_path
from readiness.services.appointment import AppointmentService
from readiness.services.plan_calendar import PlanCalendar
from readiness.services.plan_tracking import MAX_TIMER_MINUTES, PlanTracking, TimerState
from readiness.storage.planner import PlannerRepository

ResultsSource = Callable[[], Sequence[DomainResult]]
EventsSource = Callable[[], Iterable[ExtraEvent | tuple]]
DEFAULT_BLUEPRINT = "ccs-2025-published"
__all__ = ["MAX_TIMER_MINUTES", "PlannerService", "TimerState", "TodaySession", "TodaySummary"]


def no_results() -> Sequence[DomainResult]:
    return ()


def no_events() -> Iterable[ExtraEvent | tuple]:
    return ()


@dataclass(frozen=True)
class TodaySession:
    id: str
    kind: SessionKind
    domain: str | None
    title: str  # the domain's name, or "Full mock exam"
    minutes: int
    status: SessionStatus
    done_minutes: int


@dataclass(frozen=True)
class TodaySummary:
    day: date
    sessions: tuple[TodaySession, ...]
    week_planned_minutes: int
    week_done_minutes: int
    next_milestone: Milestone | None
    days_to_exam: int | None
    has_plan: bool


class PlannerService:
    def __init__(
        self,
        repo: PlannerRepository,
        appointment: AppointmentService,
        clock: Clock,
        *,
        blueprint: Blueprint | None = None,
        rules: PlannerRules | None = None,
        results_source: ResultsSource = no_results,
        events_source: EventsSource = no_events,
    ) -> None:
        self._repo = repo
        self._appointment = appointment
        self._clock = clock
        self.blueprint = blueprint or load_blueprint(
            resource_path("blueprints", f"{DEFAULT_BLUEPRINT}.json")
        )
        self.rules = rules or load_rules(resource_path("planner", "rules.json"))
        self.results_source = results_source
        # Other features' calendar events (the checklist's exam-day reminders), wired by
        # the workspace; each is (uid, title, aware start, alarm timedelta or None).
        self.events_source = events_source
        self.style_source: Callable[[], DateStyle] = lambda: DEFAULT_STYLE  # the app's dates
        # When to leave for the exam (the checklist's arrival plan), wired by the workspace.
        self.leave_by_source: Callable[[], datetime | None] = lambda: None
        # The concrete tasks of sessions (titles by session id), for the .ics descriptions.
        self.session_tasks_source: Callable[[Sequence[Session]], dict[str, list[str]]] = \
            lambda _sessions: {}
        self.calendar = PlanCalendar(self, repo, clock)
        self.tracking = PlanTracking(self, repo, clock)

    # ------------------------------------------------------------ basics
    def domain_names(self) -> dict[str, str]:
        return {d.id: d.name for d in self.blueprint.domains}

    def weights(self) -> dict[str, float]:
        return {d.id: d.weight for d in self.blueprint.domains}

    def title_of(self, session: Session) -> str:
        if session.kind is SessionKind.MOCK:
            return "Full mock exam"
        return self.domain_names().get(session.domain or "", session.domain or "")

    def zone_name(self) -> str:
        prefs = self._repo.load_preferences()
        return prefs.timezone if prefs else self._appointment.get().timezone

    def today_date(self) -> date:
        """Today in the candidate's zone (not UTC: 9 pm in Chicago is still today)."""
        return self._clock.now().astimezone(zone_named(self.zone_name())).date()

    def appointment(self) -> ExamAppointment:
        return self._appointment.get()

    def preferences(self) -> PlannerPreferences | None:
        return self._repo.load_preferences()

    def default_preferences(self) -> PlannerPreferences:
        appt = self._appointment.get()
        target = None if appt.exam_date else (appt.att_deadline() or
                                              self.today_date() + timedelta(weeks=12))
        return PlannerPreferences(
            start=self.today_date(),
            availability=(90, 90, 90, 90, 60, 240, 180),
            target_date=target,
            timezone=appt.timezone,
        )

    def setup(self) -> PlanSetup | None:
        prefs = self._repo.load_preferences()
        if prefs is None:
            return None
        return prefs.plan_setup(self._appointment.get().exam_date,
                                self.blueprint.time_limit_minutes)

    def plan(self) -> Plan:
        return self._repo.load_plan()

    def results(self, results: Sequence[DomainResult] | None = None) -> Sequence[DomainResult]:
        """Practice results with their times in the candidate's zone, so that "today" and
        the day a result was taken are counted on the same calendar (a set finished at
        9 pm in Chicago is already tomorrow in UTC, and would be ignored until then)."""
        raw = self.results_source() if results is None else results
        zone = zone_named(self.zone_name())
        return [
            replace(r, taken_at=r.taken_at.astimezone(zone))
            if isinstance(r.taken_at, datetime) and r.taken_at.tzinfo is not None else r
            for r in raw
        ]

    def needs(self, results: Sequence[DomainResult] | None = None) -> list[DomainNeed]:
        prefs = self._repo.load_preferences()
        ratings = prefs.self_ratings if prefs else {}
        return domain_needs(self.weights(), self.results(results), ratings, self.today_date())

    # ------------------------------------------------------------ set-up and planning
    def save_setup(self, prefs: PlannerPreferences, appointment: ExamAppointment,
                   results: Sequence[DomainResult] | None = None) -> Plan:
        """Save the set-up and the appointment and plan (again) from today;
        done and skipped work is kept.  One transaction."""
        zone_named(prefs.timezone)
        check_appointment(appointment, self.today_date())
        setup = prefs.plan_setup(appointment.exam_date, self.blueprint.time_limit_minutes)
        if appointment.exam_date is None and appointment.att_received and prefs.target_date:
            deadline = appointment.att_deadline()
            if deadline and prefs.target_date > deadline:
                raise InvalidInput(
                    f"the target date is after {self.style_source().date(deadline)}, when "
                    "the 120-day ATT "
                    "window closes", where="target date")
        unknown = set(prefs.self_ratings) - set(self.weights())
        if unknown:
            raise InvalidInput(f"unknown domain {sorted(unknown)[0]!r}", where="self-rating")
        with self._repo.db.transaction():
            self._appointment.save(appointment)
            self._repo.save_preferences(prefs)
            plan = self._plan_from(setup, self._repo.load_plan(), results)
            self._repo.save_plan(plan, self._clock.now(), setup.end)
        return plan

    def _plan_from(self, setup: PlanSetup, previous: Plan,
                   results: Sequence[DomainResult] | None) -> Plan:
        today = self.today_date()
        split = shares(domain_needs(self.weights(), self.results(results),
                                    setup.self_ratings, today))
        if not previous.sessions and today <= setup.start:
            return generate_plan(setup, split)
        # From today on: the past and everything done or skipped stays as it was.
        return replan(setup, previous, split, today)

    def exam_date_moved(self) -> bool:
        """True when the exam date changed (on the checklist page, say) since the
        plan was made: the plan must be redone so nothing lies after the exam."""
        setup = self.setup()
        until = self._repo.planned_until()
        return setup is not None and until is not None and until != setup.end

    def replan_if_exam_moved(self) -> bool:
        if not self.exam_date_moved():
            return False
        self.replan()
        return True

    def replan(self, results: Sequence[DomainResult] | None = None) -> Plan:
        """Spread missed work over the days left; keep done and skipped sessions."""
        setup = self.setup()
        if setup is None:
            raise UserError("set up the plan first", where="study plan")
        with self._repo.db.transaction():
            plan = self._plan_from(setup, self._repo.load_plan(), results)
            self._repo.save_plan(plan, self._clock.now(), setup.end)
        return plan

    # ------------------------------------------------------------ tracking (plan_tracking.py)
    def mark(self, session_id: str, status: SessionStatus) -> None:
        """Mark a session done, skipped, or back to planned (undo)."""
        self.tracking.mark(session_id, status)

    def log_time(self, minutes: int, *, session_id: str | None = None,
                 domain: str | None = None, day: date | None = None,
                 source: str = "manual") -> TimeEntry:
        """Log study time by hand (or from the timer).  Time logged against a
        session marks it done once its planned minutes are reached."""
        return self.tracking.log_time(minutes, session_id=session_id, domain=domain, day=day,
                                      source=source)

    def time_entries(self) -> list[TimeEntry]:
        return self.tracking.time_entries()

    def timer(self) -> TimerState | None:
        return self.tracking.timer()

    def start_timer(self, *, session_id: str | None = None, domain: str | None = None) -> None:
        self.tracking.start_timer(session_id=session_id, domain=domain)

    def stop_timer(self) -> TimeEntry | None:
        """Stop the timer and log its whole minutes (none if under a minute)."""
        return self.tracking.stop_timer()


    # ------------------------------------------------------------ views
    def adherence(self) -> Adherence:
        return adherence(self.plan(), self._repo.time_entries(), self.today_date())

    def hours_by_domain(self) -> list[DomainHours]:
        return hours_by_domain(self.plan(), self._repo.time_entries(),
                               list(self.weights()), self.today_date())

    def mastery(self, results: Sequence[DomainResult] | None = None
                ) -> dict[str, list[tuple[date, float]]]:
        prefs = self._repo.load_preferences()
        return mastery_trend(self.results(results), prefs.self_ratings if prefs else {})

    def week(self, any_day: date) -> list[tuple[date, list[Session]]]:
        start = any_day - timedelta(days=any_day.weekday())
        plan = self.plan()
        return [(start + timedelta(days=i), plan.on(start + timedelta(days=i))) for i in range(7)]

    def missed_since_planned(self) -> int:
        """Sessions missed since the plan was last made: a hint to re-plan."""
        planned_at = self._repo.planned_at()
        if planned_at is None:
            return 0
        since = planned_at.astimezone(zone_named(self.zone_name())).date()
        today = self.today_date()
        return sum(
            1 for s in self.plan().sessions
            if since <= s.day < today and s.status is SessionStatus.PLANNED
        )

    def done_minutes(self) -> dict[str, int]:
        return session_done_minutes(self.plan(), self._repo.time_entries())

    def milestones(self) -> list[Milestone]:
        return build_milestones(self._appointment.get(), self.plan(), self.rules,
                                set(self._repo.ticked()))

    def set_milestone(self, key: str, done: bool) -> None:
        if key not in MANUAL_KEYS:
            raise UserError("this milestone follows your set-up and plan; change those instead",
                            where="milestones")
        self._repo.set_ticked(key, done, self._clock.now())

    def today(self) -> TodaySummary:
        """For the dashboard: today's sessions, this week's hours, the next milestone."""
        day = self.today_date()
        plan = self.plan()
        entries = self._repo.time_entries()
        done = session_done_minutes(plan, entries)
        sessions = tuple(
            TodaySession(s.id, s.kind, s.domain, self.title_of(s), s.minutes, s.status,
                         done.get(s.id, 0))
            for s in plan.on(day)
        )
        planned, done_week = week_totals(plan, entries, day)
        exam = self._appointment.get().exam_date
        return TodaySummary(
            day=day,
            sessions=sessions,
            week_planned_minutes=planned,
            week_done_minutes=done_week,
            next_milestone=next_milestone(self.milestones(), day),
            days_to_exam=(exam - day).days if exam else None,
            has_plan=bool(plan.sessions),
        )

    # ------------------------------------------------------------ calendar
    def calendar_bytes(self, extra_events: Iterable[ExtraEvent | tuple] | None = None) -> bytes:
        """The .ics; ``extra_events`` default to those of ``events_source``."""
        return self.calendar.calendar_bytes(extra_events)

    def export_ics(self, path: Path,
                   extra_events: Iterable[ExtraEvent | tuple] | None = None) -> int:
        """Write the plan as .ics (atomically); returns the number of events."""
        return self.calendar.export_ics(path, extra_events)
