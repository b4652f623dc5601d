"""Planned versus done: how well the candidate keeps to the plan.

Time counts from the time log (timer or typed in).  A session marked done with
no time logged against it counts its planned minutes: the candidate said it
was done.  Time logged with no session counts for its domain only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from readiness.core.planner.models import Plan, Session, SessionKind, SessionStatus, TimeEntry

MOCK = "mock"  # the key used for full mock exams in per-domain summaries


def _key(session: Session) -> str:
    return session.domain if session.kind is SessionKind.STUDY and session.domain else MOCK


def session_done_minutes(plan: Plan, entries: Iterable[TimeEntry]) -> dict[str, int]:
    """Minutes done per session id (logged time, or the plan for sessions
    marked done without a log)."""
    logged: dict[str, int] = {}
    for entry in entries:
        if entry.session_id:
            logged[entry.session_id] = logged.get(entry.session_id, 0) + entry.minutes
    out: dict[str, int] = {}
    for s in plan.sessions:
        minutes = logged.get(s.id, 0)
        if s.status is SessionStatus.DONE and minutes == 0:
            minutes = s.minutes
        if minutes:
            out[s.id] = minutes
    return out


@dataclass(frozen=True)
class DomainHours:
    key: str  # a domain id, or "mock"
    planned_minutes: int  # in the whole plan
    planned_to_date: int  # on days up to and including today
    done_minutes: int


@dataclass(frozen=True)
class Adherence:
    planned_to_date: int  # minutes
    done_to_date: int
    sessions_due: int
    sessions_done: int
    sessions_skipped: int
    sessions_missed: int  # planned on a past day, neither done nor skipped

    @property
    def ratio(self) -> float | None:
        if self.planned_to_date == 0:
            return None
        return min(1.0, self.done_to_date / self.planned_to_date)

    def summary(self) -> str:
        if self.ratio is None:
            return "Nothing was due yet."
        return (
            f"{self.ratio:.0%} of planned time done ({self.done_to_date / 60:.1f} of "
            f"{self.planned_to_date / 60:.1f} h); {self.sessions_done} sessions done, "
            f"{self.sessions_skipped} skipped, {self.sessions_missed} missed."
        )


def _entry_minutes(
    plan: Plan, entries: Sequence[TimeEntry]
) -> tuple[dict[str, int], list[TimeEntry]]:
    ids = {s.id for s in plan.sessions}
    per_session = session_done_minutes(plan, entries)
    loose = [e for e in entries if not e.session_id or e.session_id not in ids]
    return per_session, loose


def adherence(plan: Plan, entries: Sequence[TimeEntry], today: date) -> Adherence:
    per_session, loose = _entry_minutes(plan, entries)
    due = [s for s in plan.sessions if s.day <= today]
    return Adherence(
        planned_to_date=sum(s.minutes for s in due),
        done_to_date=sum(per_session.get(s.id, 0) for s in due)
        + sum(e.minutes for e in loose if e.day <= today),
        sessions_due=len(due),
        sessions_done=sum(1 for s in due if s.done),
        sessions_skipped=sum(1 for s in due if s.skipped),
        sessions_missed=sum(
            1 for s in due if s.day < today and s.status is SessionStatus.PLANNED
        ),
    )


def hours_by_domain(
    plan: Plan, entries: Sequence[TimeEntry], domains: Sequence[str], today: date
) -> list[DomainHours]:
    per_session, loose = _entry_minutes(plan, entries)
    keys = [*domains, MOCK]
    planned = dict.fromkeys(keys, 0)
    to_date = dict.fromkeys(keys, 0)
    done = dict.fromkeys(keys, 0)
    for s in plan.sessions:
        k = _key(s)
        if k not in planned:
            continue
        planned[k] += s.minutes
        if s.day <= today:
            to_date[k] += s.minutes
        done[k] += per_session.get(s.id, 0)
    for e in loose:
        k = e.domain or MOCK
        if k in done:
            done[k] += e.minutes
    return [DomainHours(k, planned[k], to_date[k], done[k]) for k in keys]


def week_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def week_totals(plan: Plan, entries: Sequence[TimeEntry], day: date) -> tuple[int, int]:
    """(planned, done) minutes in the Monday-to-Sunday week holding ``day``."""
    start = week_of(day)
    end = start + timedelta(days=7)
    per_session, loose = _entry_minutes(plan, entries)
    week = [s for s in plan.sessions if start <= s.day < end]
    planned = sum(s.minutes for s in week)
    done = sum(per_session.get(s.id, 0) for s in week)
    done += sum(e.minutes for e in loose if start <= e.day < end)
    return planned, done
