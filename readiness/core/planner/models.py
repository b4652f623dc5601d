"""Plain data the planner works on.  No Qt, no SQL: the store and the UI pass
these back and forth, and every planning function is a pure function of them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from readiness.core.errors import InvalidInput

#: Planning granularity: sessions are whole multiples of this many minutes.
SLOT_MINUTES = 15
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAX_DAY_MINUTES = 16 * 60


class SessionKind(StrEnum):
    STUDY = "study"
    MOCK = "mock"


class SessionStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class DomainResult:
    """One practice result for one blueprint domain (from an exam, a drill, ...).
    ``correct`` may be fractional (partial credit on multiple-response items)."""

    domain: str
    correct: float
    total: float
    taken_at: datetime

    def __post_init__(self) -> None:
        if self.total < 0 or self.correct < 0 or self.correct > self.total:
            raise InvalidInput(
                f"need 0 <= correct <= total, got {self.correct:g} of {self.total:g}",
                where=f"result for {self.domain}",
            )


@dataclass(frozen=True)
class PlanSetup:
    """What the candidate told us.  ``availability`` is minutes per weekday,
    Monday first.  ``end`` is the exam date (or, when it is not scheduled yet, the
    target date inside the ATT window): nothing is planned on or after it."""

    start: date
    end: date
    availability: tuple[int, int, int, int, int, int, int]
    blackouts: frozenset[date] = frozenset()
    self_ratings: dict[str, int] = field(default_factory=dict)
    timezone: str = "America/Chicago"
    weekday_start: time = time(18, 0)
    weekend_start: time = time(9, 0)
    mock_minutes: int = 240

    def __post_init__(self) -> None:
        if len(self.availability) != 7:
            raise InvalidInput("give hours for all seven weekdays", where="availability")
        for name, minutes in zip(WEEKDAYS, self.availability, strict=True):
            if not 0 <= minutes <= MAX_DAY_MINUTES:
                raise InvalidInput(
                    f"{minutes / 60:g} hours is not between 0 and {MAX_DAY_MINUTES // 60}",
                    where=f"availability on {name}",
                )
        if self.end <= self.start:
            raise InvalidInput(
                f"the exam date {self.end.isoformat()} must be after the start date "
                f"{self.start.isoformat()}",
                where="plan dates",
            )
        for domain, rating in self.self_ratings.items():
            if not 1 <= rating <= 5:
                raise InvalidInput(f"rating {rating} is not 1 to 5", where=f"self-rating {domain}")

    def available_minutes(self, day: date) -> int:
        """Minutes the candidate can study on ``day`` (blackouts are zero),
        rounded down to whole slots."""
        if day in self.blackouts or not self.start <= day < self.end:
            return 0
        minutes = self.availability[day.weekday()]
        return minutes - minutes % SLOT_MINUTES

    def day_start(self, day: date) -> time:
        return self.weekend_start if day.weekday() >= 5 else self.weekday_start

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days)]

    def with_start(self, start: date) -> PlanSetup:
        return replace(self, start=start)


@dataclass(frozen=True)
class PlannerPreferences:
    """The set-up form minus the exam appointment (shared with the checklist).
    ``target_date`` is the planning end used while the exam is not scheduled."""

    start: date
    availability: tuple[int, int, int, int, int, int, int]
    blackouts: frozenset[date] = frozenset()
    self_ratings: dict[str, int] = field(default_factory=dict)
    target_date: date | None = None
    timezone: str = "America/Chicago"
    weekday_start: time = time(18, 0)
    weekend_start: time = time(9, 0)

    def plan_setup(self, exam_date: date | None, mock_minutes: int = 240) -> PlanSetup:
        end = exam_date or self.target_date
        if end is None:
            raise InvalidInput(
                "enter the exam date, or a target date while it is not scheduled yet",
                where="exam date",
            )
        return PlanSetup(
            start=self.start,
            end=end,
            availability=self.availability,
            blackouts=self.blackouts,
            self_ratings=dict(self.self_ratings),
            timezone=self.timezone,
            weekday_start=self.weekday_start,
            weekend_start=self.weekend_start,
            mock_minutes=mock_minutes,
        )


@dataclass(frozen=True)
class Session:
    """One planned block of work on one day.  ``id`` is its identity (day, kind,
    domain): planning the same block again gives the same id, which is what
    makes calendar UIDs stable across exports."""

    day: date
    kind: SessionKind
    domain: str | None
    minutes: int
    status: SessionStatus = SessionStatus.PLANNED
    position: int = 0  # order within the day
    part: int = 0  # >0 only for a second block of the same domain on one day (after a re-plan)

    @property
    def id(self) -> str:
        return session_id(self.day, self.kind, self.domain, self.part)

    @property
    def done(self) -> bool:
        return self.status is SessionStatus.DONE

    @property
    def skipped(self) -> bool:
        return self.status is SessionStatus.SKIPPED


def session_id(day: date, kind: SessionKind | str, domain: str | None, part: int = 0) -> str:
    base = f"{day.isoformat()}/{SessionKind(kind).value}/{domain or 'all'}"
    return f"{base}/{part}" if part else base


@dataclass(frozen=True)
class Plan:
    sessions: tuple[Session, ...]
    notes: tuple[str, ...] = ()  # things the candidate should know (a mock that did not fit)

    def on(self, day: date) -> list[Session]:
        return sorted((s for s in self.sessions if s.day == day), key=lambda s: s.position)

    def by_id(self) -> dict[str, Session]:
        return {s.id: s for s in self.sessions}

    def planned_minutes(self, domain: str | None = None) -> int:
        return sum(
            s.minutes
            for s in self.sessions
            if s.kind is SessionKind.STUDY and (domain is None or s.domain == domain)
        )

    @property
    def mocks(self) -> list[Session]:
        return sorted((s for s in self.sessions if s.kind is SessionKind.MOCK), key=lambda s: s.day)


@dataclass(frozen=True)
class TimeEntry:
    """Time actually spent (from the timer or typed in)."""

    day: date
    minutes: int
    domain: str | None = None
    session_id: str | None = None
    source: str = "manual"  # "timer" or "manual"
