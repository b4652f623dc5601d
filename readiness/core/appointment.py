"""The exam appointment: shared by the planner (weeks to go), the checklist
(leave-by time) and the dashboard.  Times are local to the test center's zone."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from readiness.core.errors import InvalidInput

# AHIMA: an exam must be scheduled and taken within 120 days of the Authorization to Test.
ATT_WINDOW_DAYS = 120
ATT_WINDOW_SOURCE = "AHIMA CCS Candidate Guide 2025-26: test within 120 days of the ATT"


class Delivery(enum.StrEnum):
    """How the exam is delivered: at a Pearson VUE test center or online through OnVUE."""

    CENTER = "center"
    ONLINE = "online"

    @property
    def label(self) -> str:
        return "Pearson VUE test center" if self is Delivery.CENTER else "Online (OnVUE)"


def delivery_named(value: str) -> Delivery:
    try:
        return Delivery(value)
    except ValueError:
        raise InvalidInput(f"unknown delivery mode {value!r} (center or online)",
                           where="delivery") from None


@dataclass(frozen=True)
class ExamAppointment:
    exam_date: date | None = None  # None: not scheduled yet
    exam_time: time | None = None
    timezone: str = "America/Chicago"
    center_name: str = ""
    center_address: str = ""
    att_received: date | None = None  # date the Authorization to Test arrived
    # Online, the "center's zone" is the zone the appointment was booked in.
    delivery: Delivery = Delivery.CENTER

    @property
    def scheduled(self) -> bool:
        return self.exam_date is not None

    def zone(self) -> ZoneInfo:
        return zone_named(self.timezone)

    def starts_at(self) -> datetime | None:
        """Aware datetime of the appointment in the center's zone."""
        if self.exam_date is None:
            return None
        return datetime.combine(self.exam_date, self.exam_time or time(8, 0), tzinfo=self.zone())

    def att_deadline(self) -> date | None:
        from datetime import timedelta

        if self.att_received is None:
            return None
        return self.att_received + timedelta(days=ATT_WINDOW_DAYS)


def zone_named(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"unknown time zone {name!r}", where="time zone") from None
