"""Arrival planner: appointment time, travel time and a buffer give "leave by"
and "arrive by" times.  Online (OnVUE) it is a "be ready by" planner: the
check-in window, the system test and the room set-up give "start set-up by"
and "ready for check-in by" on the same two fields.

Everything is computed on absolute instants (UTC) and shown in the test
center's zone, so a daylight-saving change between leaving home and the
appointment moves the wall-clock leave-by time correctly.  Wall-clock times the
candidate types (the appointment, "18:00 the day before") are resolved with
:func:`resolve_local`, which handles times that do not exist (spring-forward
gap: moved forward by the gap) and times that happen twice (fall-back fold:
the earlier one, which is the safe reading for someone who must not be late).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from readiness.core.appointment import Delivery, ExamAppointment
from readiness.core.errors import InvalidInput
from readiness.core.when import DEFAULT_STYLE, DateStyle

MAX_TRAVEL_MINUTES = 12 * 60
MAX_BUFFER_MINUTES = 6 * 60


class LocalKind(enum.Enum):
    NORMAL = "normal"
    GAP = "gap"  # the wall time does not exist (clocks jump forward over it)
    FOLD = "fold"  # the wall time happens twice (clocks go back over it)


@dataclass(frozen=True)
class LocalTime:
    instant: datetime  # aware, in the zone
    kind: LocalKind


def resolve_local(day: date, at: time, zone: ZoneInfo) -> LocalTime:
    """The instant a wall-clock time on ``day`` in ``zone`` means."""
    naive = datetime.combine(day, at.replace(tzinfo=None, fold=0))
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return LocalTime(first, LocalKind.NORMAL)
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        # In a gap zoneinfo's fold=0 reading uses the offset from before the
        # jump; converting it back lands after the gap, shifted by its length.
        return LocalTime(first.astimezone(UTC).astimezone(zone), LocalKind.GAP)
    # Ambiguous: both readings exist.  fold=0 is the earlier instant.
    earlier = min(first, second, key=lambda d: d.astimezone(UTC))
    return LocalTime(earlier.astimezone(UTC).astimezone(zone), LocalKind.FOLD)


def is_ambiguous(moment: datetime) -> bool:
    """True if ``moment``'s wall-clock reading in its own zone happens twice."""
    zone = moment.tzinfo
    if not isinstance(zone, ZoneInfo):
        return False
    naive = moment.replace(tzinfo=None, fold=0)
    return resolve_local(naive.date(), naive.time(), zone).kind is LocalKind.FOLD


def offset_changes(start: datetime, end: datetime) -> list[datetime]:
    """Instants in (start, end] where the zone's UTC offset changes, to the minute.

    ``start`` and ``end`` must share a zone.  Scans hour by hour, then narrows
    each change down with a binary search.
    """
    zone = start.tzinfo
    changes: list[datetime] = []
    lo = start.astimezone(UTC)
    stop = end.astimezone(UTC)
    step = timedelta(hours=1)
    while lo < stop:
        hi = min(lo + step, stop)
        if lo.astimezone(zone).utcoffset() != hi.astimezone(zone).utcoffset():
            a, b = lo, hi
            while b - a > timedelta(minutes=1):
                mid = a + (b - a) / 2
                if a.astimezone(zone).utcoffset() == mid.astimezone(zone).utcoffset():
                    a = mid
                else:
                    b = mid
            changes.append(b.replace(second=0, microsecond=0).astimezone(zone))
        lo = hi
    return changes


def fmt_time(moment: datetime, style: DateStyle = DEFAULT_STYLE) -> str:
    """'07:15 CDT' — the zone abbreviation tells the two 01:30s of a fold apart."""
    return f"{style.clock(moment)} {moment.tzname()}"


def fmt_day_time(moment: datetime, style: DateStyle = DEFAULT_STYLE) -> str:
    return f"{style.date(moment.date())}, {fmt_time(moment, style)}"


@dataclass(frozen=True)
class ArrivalPlan:
    starts_at: datetime
    arrive_by: datetime
    leave_by: datetime
    travel_minutes: int
    buffer_minutes: int
    minutes_early: int
    zone: str
    notes: tuple[str, ...]
    delivery: Delivery = Delivery.CENTER

    @property
    def online(self) -> bool:
        return self.delivery is Delivery.ONLINE

    @property
    def leave_label(self) -> str:
        """What ``leave_by`` means: leave home, or (online) start the set-up."""
        return "Start set-up by" if self.online else "Leave by"

    @property
    def arrive_label(self) -> str:
        return "Ready for check-in by" if self.online else "Arrive by"

    def summary(self) -> str:
        return (f"{self.leave_label} {fmt_time(self.leave_by)}, "
                f"{self.arrive_label.lower()} {fmt_time(self.arrive_by)} "
                f"for the {fmt_time(self.starts_at)} appointment")


def check_minutes(value: int, limit: int, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= limit:
        raise InvalidInput(f"must be a whole number of minutes from 0 to {limit}", where=what)
    return value


def plan_ready(appointment: ExamAppointment, systest_minutes: int, room_minutes: int,
               check_in_minutes: int, style: DateStyle = DEFAULT_STYLE) -> ArrivalPlan | None:
    """Online "be ready by": ready when check-in opens, set-up (system test, then the
    room) before that.  None if no date is set."""
    check_minutes(systest_minutes, MAX_BUFFER_MINUTES, "system test time")
    check_minutes(room_minutes, MAX_BUFFER_MINUTES, "room set-up time")
    return plan_arrival(appointment, systest_minutes, room_minutes, check_in_minutes,
                        Delivery.ONLINE, style)


def plan_arrival(appointment: ExamAppointment, travel_minutes: int, buffer_minutes: int,
                 minutes_early: int, delivery: Delivery = Delivery.CENTER,
                 style: DateStyle = DEFAULT_STYLE) -> ArrivalPlan | None:
    """Leave-by and arrive-by for the appointment; None if no date is set.

    Online, ``travel_minutes`` is the system test, ``buffer_minutes`` the room
    set-up and ``minutes_early`` the check-in window.
    """
    if delivery is Delivery.CENTER:
        check_minutes(travel_minutes, MAX_TRAVEL_MINUTES, "travel time")
        check_minutes(buffer_minutes, MAX_BUFFER_MINUTES, "buffer")
    if appointment.exam_date is None:
        return None
    zone = appointment.zone()
    at = appointment.exam_time or time(8, 0)
    local = resolve_local(appointment.exam_date, at, zone)
    local_at = datetime.combine(appointment.exam_date, at)
    day = style.day_month(appointment.exam_date)

    start = local.instant
    notes: list[str] = []
    if local.kind is LocalKind.GAP:
        notes.append(f"{style.clock(local_at)} does not exist on {day} "
                     f"(clocks go forward); it is read as {fmt_time(start, style)}. Check the "
                     "time on your confirmation.")
    elif local.kind is LocalKind.FOLD:
        notes.append(f"{style.clock(local_at)} happens twice on {day} "
                     f"(clocks go back); the earlier one, {fmt_time(start, style)}, is "
                     "assumed. Check " + ("your confirmation." if delivery is Delivery.ONLINE
                        else "with the test center."))
    start_utc = start.astimezone(UTC)
    arrive = (start_utc - timedelta(minutes=minutes_early)).astimezone(zone)
    leave = (start_utc - timedelta(minutes=minutes_early + travel_minutes + buffer_minutes)
             ).astimezone(zone)
    if is_ambiguous(leave):
        which = "second" if leave.fold else "first"
        what, verb = (("set-up", "start") if delivery is Delivery.ONLINE
                      else ("leave-by", "leave"))
        notes.append(f"Your {what} time falls in the hour that happens twice when clocks go "
                     f"back: {verb} at the {which} {style.clock(leave)} "
                     f"({fmt_time(leave, style)}).")
    # Clock changes from the evening before until the appointment: less (or
    # more) sleep, and clocks that do not adjust themselves will be wrong.
    evening = resolve_local(appointment.exam_date - timedelta(days=1), time(18, 0), zone).instant
    for change in offset_changes(min(evening, leave), start):
        before = (change - timedelta(minutes=1)).utcoffset() or timedelta()
        after = change.utcoffset() or timedelta()
        shift = int((after - before).total_seconds() // 60)
        direction = "forward" if shift > 0 else "back"
        old_reading = style.clock(change.astimezone(timezone(before)))
        old_name = (change - timedelta(minutes=1)).strftime("%Z")
        notes.append(
            f"Clocks go {direction} {abs(shift)} minutes on {style.day_month(change.date())}: at "
            f"{old_reading} {old_name} they turn to {fmt_time(change, style)}, before your "
            "exam: "
            + ("you lose that much sleep; " if shift > 0 else "")
            + "make sure your alarm clock and watch show the new time. The times here already "
            "account for it."
        )
    return ArrivalPlan(start, arrive, leave, travel_minutes, buffer_minutes, minutes_early,
                       appointment.timezone, tuple(notes), delivery)
