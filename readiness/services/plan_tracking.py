"""Study-time tracking: marking sessions, logging time by hand, the study timer.

Split out of the planner service (``planner.tracking``); it reads today's date,
the zone and the domains through that service and writes to the planner store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from readiness.core.appointment import zone_named
from readiness.core.clock import Clock
from readiness.core.errors import InvalidInput, UserError
from readiness.core.planner.adherence import session_done_minutes
from readiness.core.planner.models import Session, SessionStatus, TimeEntry
from readiness.storage.planner import PlannerRepository, RunningTimer

if TYPE_CHECKING:
    from readiness.services.planner import PlannerService

MAX_TIMER_MINUTES = 12 * 60  # a timer left running overnight does not log a day's work


@dataclass(frozen=True)
class TimerState:
    session_id: str | None
    domain: str | None
    started_at: datetime
    elapsed_seconds: int


class PlanTracking:
    def __init__(self, planner: PlannerService, repo: PlannerRepository, clock: Clock) -> None:
        self._planner = planner
        self._repo = repo
        self._clock = clock

    def session(self, session_id: str) -> Session:
        session = self._repo.load_plan().by_id().get(session_id)
        if session is None:
            raise UserError("that session is no longer in the plan", where="study plan")
        return session

    def mark(self, session_id: str, status: SessionStatus) -> None:
        """Mark a session done, skipped, or back to planned (undo)."""
        planner = self._planner
        session = self.session(session_id)
        if status is SessionStatus.DONE and session.day > planner.today_date():
            raise InvalidInput("a session on a day still to come cannot be done yet",
                               where="study plan")
        self._repo.set_status(session_id, status)

    def log_time(self, minutes: int, *, session_id: str | None = None,
                 domain: str | None = None, day: date | None = None,
                 source: str = "manual") -> TimeEntry:
        """Log study time by hand (or from the timer).  Time logged against a
        session marks it done once its planned minutes are reached."""
        planner = self._planner
        if not 1 <= minutes <= 16 * 60:
            raise InvalidInput(f"{minutes} minutes is not between 1 and 960", where="time log")
        day = day or planner.today_date()
        if day > planner.today_date():
            raise InvalidInput("time cannot be logged for a day that has not come yet",
                               where="time log")
        mark_done = None
        if session_id is not None:
            session = self.session(session_id)
            domain = session.domain
            plan = self._repo.load_plan()
            logged = session_done_minutes(plan, self._repo.time_entries()).get(session_id, 0)
            if session.status is SessionStatus.PLANNED and logged + minutes >= session.minutes:
                mark_done = session_id
        elif domain is not None and domain not in planner.weights():
            raise InvalidInput(f"unknown domain {domain!r}", where="time log")
        entry = TimeEntry(day, minutes, domain, session_id, source)
        self._repo.add_time(entry, self._clock.now(), mark_done)
        return entry

    def time_entries(self) -> list[TimeEntry]:
        return self._repo.time_entries()

    def timer(self) -> TimerState | None:
        running = self._repo.timer()
        if running is None:
            return None
        elapsed = max(0, int((self._clock.now() - running.started_at).total_seconds()))
        return TimerState(running.session_id, running.domain, running.started_at, elapsed)

    def start_timer(self, *, session_id: str | None = None, domain: str | None = None) -> None:
        if self._repo.timer() is not None:
            raise UserError("a timer is already running; stop it first", where="study timer")
        if session_id is not None:
            domain = self.session(session_id).domain
        self._repo.start_timer(RunningTimer(session_id, domain, self._clock.now()))

    def stop_timer(self) -> TimeEntry | None:
        """Stop the timer and log its whole minutes (none if under a minute)."""
        planner = self._planner
        state = self.timer()
        if state is None:
            raise UserError("no timer is running", where="study timer")
        minutes = min(MAX_TIMER_MINUTES, state.elapsed_seconds // 60)
        entry = None
        mark_done = None
        if minutes >= 1:
            started_day = state.started_at.astimezone(zone_named(planner.zone_name())).date()
            entry = TimeEntry(started_day, minutes, state.domain, state.session_id, "timer")
            if state.session_id is not None:
                plan = self._repo.load_plan()
                session = plan.by_id().get(state.session_id)
                logged = session_done_minutes(plan, self._repo.time_entries()).get(
                    state.session_id, 0)
                if session and session.status is SessionStatus.PLANNED and \
                        logged + minutes >= session.minutes:
                    mark_done = state.session_id
                if session is None:
                    entry = TimeEntry(started_day, minutes, state.domain, None, "timer")
        self._repo.stop_timer(entry, self._clock.now(), mark_done)
        return entry
