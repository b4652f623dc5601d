"""The .ics export, read back by icalendar and by an independent parser (ical)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

from readiness.core.appointment import ExamAppointment
from readiness.core.planner.generate import generate_plan, replan
from readiness.core.planner.ics import ExtraEvent, build_calendar, session_times, session_uid
from readiness.core.planner.milestones import build_milestones, load_rules
from readiness.core.planner.models import Plan, PlanSetup, SessionStatus
from readiness.resources import resource_path

CHICAGO = ZoneInfo("America/Chicago")
RULES = load_rules(resource_path("planner", "rules.json"))
# Daylight saving starts in Chicago on Sunday 2026-03-08: the plan straddles it.
SETUP = PlanSetup(
    date(2026, 2, 23), date(2026, 3, 20), (120, 120, 60, 120, 0, 300, 240),
    timezone="America/Chicago", weekday_start=time(18, 0), weekend_start=time(9, 0),
)
APPT = ExamAppointment(
    exam_date=date(2026, 3, 20), exam_time=time(8, 30), timezone="America/Chicago",
    center_name="Test center", att_received=date(2026, 1, 2),
)
SHARES = {"coding-knowledge": 0.6, "provider-queries": 0.4}
STAMP = datetime(2026, 2, 20, 12, tzinfo=UTC)
EXTRA = ExtraEvent("checklist-leave@example", "Leave for the test center",
                   datetime(2026, 3, 20, 7, 15, tzinfo=CHICAGO), timedelta(minutes=30))


def _export(plan: Plan, stamp: datetime = STAMP) -> bytes:
    milestones = build_milestones(APPT, plan, RULES, set())
    return build_calendar(
        SETUP, plan, milestones, stamp=stamp, namespace="ns1", appointment=APPT,
        domain_names={"coding-knowledge": "Coding Knowledge and Skills"},
        extra_events=[EXTRA, ("plain@example", "Plain tuple", datetime(2026, 3, 19, 20, tzinfo=UTC),
                              None)],
    )


@pytest.fixture(scope="module")
def plan() -> Plan:
    return generate_plan(SETUP, SHARES)


def test_icalendar_reads_every_session_at_its_time(plan: Plan) -> None:
    cal = icalendar.Calendar.from_ical(_export(plan))
    events = list(cal.walk("VEVENT"))
    dated_milestones = [m for m in build_milestones(APPT, plan, RULES, set()) if m.due]
    assert len(events) == len(plan.sessions) + len(dated_milestones) + 1 + 2
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    by_uid = {str(e["UID"]): e for e in events}
    timed = session_times(SETUP, plan)
    assert len(timed) == len(plan.sessions)
    for t in timed:
        ev = by_uid[session_uid("ns1", t.session)]
        start = ev.decoded("DTSTART")
        end = ev.decoded("DTEND")
        assert start == t.start and end == t.end
        assert (end - start) == timedelta(minutes=t.session.minutes)
        assert ev["DTSTART"].params["TZID"] == "America/Chicago"
    # the wall-clock start stays put across the change, the UTC offset moves
    before = next(t for t in timed if t.session.day == date(2026, 3, 2)).start
    after = next(t for t in timed if t.session.day == date(2026, 3, 9)).start
    assert before.time() == after.time() == time(18, 0)
    assert before.utcoffset() == timedelta(hours=-6)
    assert after.utcoffset() == timedelta(hours=-5)


def test_vtimezone_in_file_matches_zoneinfo(plan: Plan) -> None:
    cal = icalendar.Calendar.from_ical(_export(plan))
    zones = list(cal.walk("VTIMEZONE"))
    assert [str(z["TZID"]) for z in zones] == ["America/Chicago"]
    tz = zones[0].to_tz()
    for day in (date(2026, 3, 2), date(2026, 3, 9)):
        local = datetime.combine(day, time(18, 0))
        assert local.replace(tzinfo=tz).utcoffset() == local.replace(tzinfo=CHICAGO).utcoffset()


def test_independent_parser_agrees(plan: Plan) -> None:
    data = _export(plan).decode("utf-8")
    cal = IcsCalendarStream.calendar_from_ics(data)
    timed = {session_uid("ns1", t.session): t for t in session_times(SETUP, plan)}
    seen = 0
    for ev in cal.events:
        if ev.uid in timed:
            t = timed[ev.uid]
            assert isinstance(ev.dtstart, datetime)
            assert ev.dtstart == t.start and ev.dtstart.utcoffset() == t.start.utcoffset()
            assert ev.dtend == t.end
            seen += 1
    assert seen == len(plan.sessions)
    exam = next(e for e in cal.events if e.uid == "ns1-exam@ccs-readiness")
    assert exam.dtstart == datetime(2026, 3, 20, 8, 30, tzinfo=CHICAGO)
    leave = next(e for e in cal.events if e.uid == "checklist-leave@example")
    assert leave.dtstart == EXTRA.start and len(leave.alarm) == 1
    refund = next(e for e in cal.events if e.uid == "ns1-milestone-refund-deadline@ccs-readiness")
    assert refund.dtstart == date(2026, 3, 2)


def test_uids_are_stable_across_exports_and_replans(plan: Plan) -> None:
    first = icalendar.Calendar.from_ical(_export(plan))
    today = date(2026, 3, 4)
    done = plan.on(date(2026, 3, 2))[0]
    skipped = plan.on(today)[0]
    marked = Plan(tuple(
        replace(s, status=SessionStatus.DONE)
        if s.id == done.id
        else replace(s, status=SessionStatus.SKIPPED)
        if s.id == skipped.id else s
        for s in plan.sessions
    ))
    again = replan(SETUP, marked, SHARES, today)
    second = icalendar.Calendar.from_ical(_export(again, STAMP + timedelta(days=3)))
    uids1 = {str(e["UID"]) for e in first.walk("VEVENT")}
    events2 = {str(e["UID"]): e for e in second.walk("VEVENT")}
    # every session that exists in both plans keeps its UID; past sessions all do
    for s in plan.sessions:
        if s.day < today:
            assert session_uid("ns1", s) in events2
    assert len(uids1 & set(events2)) >= len([s for s in plan.sessions if s.day < today])
    assert str(events2[session_uid("ns1", skipped)]["STATUS"]) == "CANCELLED"
    assert "(done)" in str(events2[session_uid("ns1", done)]["SUMMARY"])
    # re-export of the same plan is identical apart from the stamp
    a = _export(plan).replace(b"20260220T120000Z", b"X")
    b = _export(plan, STAMP + timedelta(hours=1)).replace(b"20260220T130000Z", b"X")
    assert a == b


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dates(date(2026, 2, 20), date(2026, 11, 10)),
    st.integers(3, 40),
    st.sampled_from(["America/Chicago", "Europe/Berlin", "Australia/Sydney", "America/Phoenix"]),
    st.times(time(0, 0), time(22, 0)).map(lambda t: t.replace(second=0, microsecond=0)),
)
def test_every_session_round_trips_through_both_parsers(
        start: date, days: int, zone: str, at: time) -> None:
    setup = PlanSetup(start, start + timedelta(days=days), (60, 90, 0, 120, 45, 300, 240),
                      timezone=zone, weekday_start=at, weekend_start=at)
    plan = generate_plan(setup, SHARES)
    data = build_calendar(setup, plan, [], stamp=STAMP, namespace="p")
    expected = {session_uid("p", t.session): t for t in session_times(setup, plan)}
    first = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    second = {e.uid: e for e in IcsCalendarStream.calendar_from_ics(data.decode()).events}
    assert set(first) == set(second) == set(expected)
    for uid, t in expected.items():
        assert first[uid].decoded("DTSTART") == t.start == second[uid].dtstart
        assert first[uid].decoded("DTEND") == t.end == second[uid].dtend
    # each day's first session starts at the planned wall-clock time, in summer and
    # winter alike (unless that minute does not exist on a spring-forward day)
    zone_info = ZoneInfo(zone)
    for day in {t.session.day for t in expected.values()}:
        first_start = min(t.start for t in expected.values() if t.session.day == day)
        wall = datetime.combine(day, at, tzinfo=zone_info)
        exists = wall.astimezone(UTC).astimezone(zone_info).time() == at
        if exists:
            assert first_start.time() == at and first_start.date() == day


def test_the_exam_itself_reminds_the_evening_before_and_at_leave_by(plan: Plan) -> None:
    leave_by = datetime(2026, 3, 20, 7, 15, tzinfo=CHICAGO)
    data = build_calendar(SETUP, plan, [], stamp=STAMP, namespace="ns1", appointment=APPT,
                          leave_by=leave_by)
    cal = icalendar.Calendar.from_ical(data)
    exam = next(e for e in cal.events if e.uid == "ns1-exam@ccs-readiness")
    start = datetime(2026, 3, 20, 8, 30, tzinfo=CHICAGO)
    fires = sorted(start + alarm["TRIGGER"].dt for alarm in exam.walk("VALARM"))
    assert fires == [datetime(2026, 3, 19, 19, 0, tzinfo=CHICAGO), leave_by]
    texts = [str(alarm["DESCRIPTION"]) for alarm in exam.walk("VALARM")]
    assert "leave by 07:15" in texts[0] and texts[1].startswith("Leave now")


def test_without_a_leave_by_time_the_exam_reminds_two_hours_ahead(plan: Plan) -> None:
    cal = icalendar.Calendar.from_ical(build_calendar(
        SETUP, plan, [], stamp=STAMP, namespace="ns1", appointment=APPT))
    exam = next(e for e in cal.events if e.uid == "ns1-exam@ccs-readiness")
    triggers = sorted(-alarm["TRIGGER"].dt for alarm in exam.walk("VALARM"))
    assert triggers == [timedelta(hours=2), timedelta(hours=13, minutes=30)]
