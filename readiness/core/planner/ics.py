"""The plan as an iCalendar file (RFC 5545), built with ``icalendar``.

* One VEVENT per session (timed, in the candidate's zone, laid out from the
  day's start time in plan order) and per dated milestone (all-day, or timed
  when the deadline has a time of day), plus any extra events a caller passes
  (the checklist's exam-day reminders).
* Times carry ``TZID`` and the file holds the matching VTIMEZONE (generated
  from zoneinfo), so a session at 18:00 stays at 18:00 across a daylight-saving
  change.
* UIDs derive from the session identity (day, kind, domain) or the milestone
  key, so importing a newer export updates events instead of duplicating them.
  Skipped sessions are exported as ``STATUS:CANCELLED`` so calendars drop them.

Pure: returns bytes; the service writes the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple

from readiness.core.appointment import ExamAppointment, zone_named
from readiness.core.planner.milestones import Milestone
from readiness.core.planner.models import Plan, PlanSetup, Session, SessionKind, SessionStatus

if TYPE_CHECKING:  # icalendar is imported when a calendar is built, not at app start
    import icalendar

PRODID = "-//CCS Readiness//Study plan//EN"
EXTRA_EVENT_LENGTH = timedelta(minutes=30)
EXAM_LENGTH = timedelta(hours=4)
#: The exam's reminders: the evening before (to pack IDs and the ATT) and at leave-by.
EVENING_BEFORE = time(19, 0)
#: Without a leave-by time from the checklist, remind this long before the start.
DEFAULT_LEAVE_BEFORE = timedelta(hours=2)
UID_DOMAIN = "ccs-readiness"


class ExtraEvent(NamedTuple):
    """An event from another feature: (uid, title, start, alarm)."""

    uid: str
    title: str
    start: datetime  # aware
    alarm: timedelta | None = None  # how long before start to remind


class CancelledEvent(NamedTuple):
    """An event exported earlier that the plan no longer has: exported again as
    cancelled so calendars that imported it drop it instead of keeping an orphan."""

    uid: str
    title: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class TimedSession:
    session: Session
    start: datetime  # aware, in the plan's zone
    end: datetime


def _uid(namespace: str, key: str) -> str:
    safe = key.replace("/", "-")
    return f"{namespace}-{safe}@{UID_DOMAIN}" if namespace else f"{safe}@{UID_DOMAIN}"


def session_uid(namespace: str, session: Session) -> str:
    return _uid(namespace, session.id)


def milestone_uid(namespace: str, key: str) -> str:
    return _uid(namespace, f"milestone-{key}")


def exam_uid(namespace: str) -> str:
    return _uid(namespace, "exam")


def session_times(setup: PlanSetup, plan: Plan) -> list[TimedSession]:
    """Clock times for every session: each day's sessions back to back from
    the day's start time, in the setup's zone."""
    zone = zone_named(setup.timezone)
    out: list[TimedSession] = []
    by_day: dict[date, list[Session]] = {}
    for s in plan.sessions:
        by_day.setdefault(s.day, []).append(s)
    for day in sorted(by_day):
        start = datetime.combine(day, setup.day_start(day), tzinfo=zone)
        cursor = start.astimezone(UTC)
        for s in sorted(by_day[day], key=lambda s: s.position):
            end = cursor + timedelta(minutes=s.minutes)
            out.append(TimedSession(s, cursor.astimezone(zone), end.astimezone(zone)))
            cursor = end
    return out


def timed_events(
    setup: PlanSetup,
    plan: Plan,
    namespace: str,
    domain_names: Mapping[str, str],
    appointment: ExamAppointment | None = None,
    extra_events: Iterable[ExtraEvent | tuple[str, str, datetime, timedelta | None]] = (),
) -> list[CancelledEvent]:
    """(uid, title, start, end) of every timed event an export holds (sessions,
    the exam, extra events), for remembering what was exported so that a later
    export can cancel what has gone."""
    out = [
        CancelledEvent(session_uid(namespace, t.session), _title(t.session, domain_names),
                       t.start, t.end)
        for t in session_times(setup, plan)
    ]
    start = appointment.starts_at() if appointment is not None else None
    if start is not None:
        out.append(CancelledEvent(exam_uid(namespace), "CCS exam", start, start + EXAM_LENGTH))
    for item in extra_events:
        extra = ExtraEvent(*item)
        out.append(CancelledEvent(extra.uid, extra.title, extra.start,
                                  extra.start + EXTRA_EVENT_LENGTH))
    return out


def _title(session: Session, names: Mapping[str, str]) -> str:
    if session.kind is SessionKind.MOCK:
        title = "CCS full mock exam"
    else:
        title = f"CCS study: {names.get(session.domain or '', session.domain or 'review')}"
    if session.status is SessionStatus.DONE:
        title += " (done)"
    return title


def _alarm(before: timedelta, text: str) -> icalendar.Alarm:
    import icalendar

    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", -before)
    return alarm


def exam_alarms(start: datetime, leave_by: datetime | None) -> list[tuple[timedelta, str]]:
    """(how long before the start, text) for the exam's two reminders."""
    evening = datetime.combine(start.date() - timedelta(days=1), EVENING_BEFORE,
                               tzinfo=start.tzinfo)
    leave = leave_by if leave_by is not None and leave_by < start else None
    leave_text = f"leave by {leave:%H:%M}" if leave else "plan when to leave (checklist)"
    at = f"{start:%H:%M}"
    return [
        (start - evening, f"CCS exam tomorrow at {at}: two IDs matching your ATT; "
                          f"{leave_text}."),
        (start - leave if leave else DEFAULT_LEAVE_BEFORE,
         f"Leave now for the CCS exam at {at}." if leave
         else f"CCS exam at {at}: time to leave soon."),
    ]


def build_calendar(
    setup: PlanSetup,
    plan: Plan,
    milestones: Sequence[Milestone],
    *,
    stamp: datetime,
    domain_names: Mapping[str, str] | None = None,
    namespace: str = "",
    appointment: ExamAppointment | None = None,
    extra_events: Iterable[ExtraEvent | tuple[str, str, datetime, timedelta | None]] = (),
    cancelled: Iterable[CancelledEvent] = (),
    sequence: int = 0,
    leave_by: datetime | None = None,
    session_tasks: Mapping[str, Sequence[str]] | None = None,
) -> bytes:
    """The whole plan as .ics bytes.  ``stamp`` (aware) is the export time
    (DTSTAMP); ``namespace`` keeps UIDs of different installs apart;
    ``sequence`` (RFC 5545 SEQUENCE) must grow from one export to the next so
    that calendar programs accept the newer copy of an event as an update."""
    import icalendar

    names = dict(domain_names or {})
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "CCS study plan")
    cal.add("x-wr-timezone", setup.timezone)
    stamp_utc = stamp.astimezone(UTC)

    def event(uid: str, summary: str) -> icalendar.Event:
        ev = icalendar.Event()
        ev.add("uid", uid)
        ev.add("dtstamp", stamp_utc)
        ev.add("last-modified", stamp_utc)
        ev.add("sequence", sequence)
        ev.add("summary", summary)
        return ev

    for timed in session_times(setup, plan):
        s = timed.session
        ev = event(session_uid(namespace, s), _title(s, names))
        ev.add("dtstart", timed.start)
        ev.add("dtend", timed.end)
        detail = (
            f"{s.minutes} minutes, timed, exam conditions; review every miss afterwards."
            if s.kind is SessionKind.MOCK
            else f"{s.minutes} minutes on {names.get(s.domain or '', s.domain or '')}."
        )
        tasks = (session_tasks or {}).get(s.id, ())
        if tasks:  # what to do in those minutes, as the Today tab lists it
            detail += "\n" + "\n".join(f"- {t}" for t in tasks)
        ev.add("description", detail)
        ev.add("categories", ["CCS study"])
        ev.add("status", "CANCELLED" if s.status is SessionStatus.SKIPPED else "CONFIRMED")
        ev.add("transp", "OPAQUE")
        if s.kind is SessionKind.MOCK:
            ev.add_component(_alarm(timedelta(hours=12),
                                    "Full mock exam in 12 hours: sleep, books, a quiet room"))
        cal.add_component(ev)

    for m in milestones:
        if m.due is None:
            continue
        ev = event(milestone_uid(namespace, m.key), f"CCS: {m.title}")
        if m.due_at is not None:
            ev.add("dtstart", m.due_at)
            ev.add("dtend", m.due_at + timedelta(minutes=15))
        else:
            ev.add("dtstart", m.due)
            ev.add("dtend", m.due + timedelta(days=1))
            ev.add("transp", "TRANSPARENT")
        text = m.detail + (" (uncertain: verify with AHIMA)" if m.uncertain else "")
        if m.source:
            text += f"\nSource: {m.source}"
        ev.add("description", text)
        ev.add("categories", ["CCS milestone"])
        ev.add_component(_alarm(timedelta(days=1), f"CCS: {m.title}"))
        cal.add_component(ev)

    if appointment is not None and appointment.starts_at() is not None:
        start = appointment.starts_at()
        assert start is not None
        ev = event(exam_uid(namespace), "CCS exam")
        ev.add("dtstart", start)
        ev.add("dtend", start + EXAM_LENGTH)
        if appointment.center_name or appointment.center_address:
            ev.add("location", ", ".join(
                p for p in (appointment.center_name, appointment.center_address) if p
            ))
        ev.add("description", "Arrive 30 minutes early with two IDs matching your ATT.")
        for before, text in exam_alarms(start, leave_by):
            ev.add_component(_alarm(before, text))
        cal.add_component(ev)

    for item in extra_events:
        extra = ExtraEvent(*item)
        ev = event(extra.uid, extra.title)
        ev.add("dtstart", extra.start)
        ev.add("dtend", extra.start + EXTRA_EVENT_LENGTH)
        if extra.alarm is not None:
            ev.add_component(_alarm(extra.alarm, extra.title))
        cal.add_component(ev)

    for gone in cancelled:
        ev = event(gone.uid, gone.title)
        ev.add("dtstart", gone.start)
        ev.add("dtend", gone.end)
        ev.add("status", "CANCELLED")
        ev.add("description", "No longer in the study plan (re-planned).")
        cal.add_component(ev)

    cal.add_missing_timezones()
    return bytes(cal.to_ical())

