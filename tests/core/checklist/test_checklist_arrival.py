from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.core.appointment import ExamAppointment
from readiness.core.checklist.arrival import (
    LocalKind,
    fmt_time,
    is_ambiguous,
    offset_changes,
    plan_arrival,
    resolve_local,
)
from readiness.core.errors import InvalidInput

CHICAGO = ZoneInfo("America/Chicago")


def real(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def appt(day: date, at: time, zone: str = "America/Chicago") -> ExamAppointment:
    return ExamAppointment(exam_date=day, exam_time=at, timezone=zone,
                           center_name="Pearson VUE", center_address="1 Main St")


def test_plain_day():
    plan = plan_arrival(appt(date(2026, 6, 10), time(9, 0)), 45, 15, 30)
    assert plan is not None
    assert plan.arrive_by == datetime(2026, 6, 10, 8, 30, tzinfo=CHICAGO)
    assert plan.leave_by == datetime(2026, 6, 10, 7, 30, tzinfo=CHICAGO)
    assert fmt_time(plan.leave_by) == "07:30 CDT"
    assert plan.notes == ()
    assert "Leave by 07:30 CDT" in plan.summary()


def test_no_date_gives_no_plan():
    assert plan_arrival(ExamAppointment(), 30, 10, 30) is None


@pytest.mark.parametrize("travel, buffer", [(-1, 0), (0, -5), (13 * 60, 0), (0, 7 * 60)])
def test_bad_minutes_rejected(travel, buffer):
    with pytest.raises(InvalidInput):
        plan_arrival(appt(date(2026, 6, 10), time(9, 0)), travel, buffer, 30)


def test_spring_forward_night_before_exam_is_noted():
    # Clocks go forward at 02:00 on Sunday 8 March 2026 in Chicago.
    plan = plan_arrival(appt(date(2026, 3, 8), time(8, 0)), 60, 15, 30)
    assert plan is not None
    assert fmt_time(plan.leave_by) == "06:15 CDT"
    assert any("Clocks go forward 60 minutes on Sun 8 Mar: at 02:00 CST they turn to "
               "03:00 CDT" in n
               for n in plan.notes)
    assert any("lose that much sleep" in n for n in plan.notes)


def test_leave_by_across_the_gap_counts_real_minutes():
    # Appointment 03:30 CDT, just after the jump: arrive 03:00 CDT, then one real
    # hour of travel goes back to 01:00 CST (wall-clock arithmetic would say 02:00,
    # a time that does not exist that night).
    plan = plan_arrival(appt(date(2026, 3, 8), time(3, 30)), 60, 0, 30)
    assert plan is not None
    assert fmt_time(plan.arrive_by) == "03:00 CDT"
    assert fmt_time(plan.leave_by) == "01:00 CST"
    assert real(plan.arrive_by) - real(plan.leave_by) == timedelta(hours=1)
    # (Subtracting two datetimes of the same zone in Python counts wall-clock
    # time, which would say two hours: the planner never does that.)
    assert plan.arrive_by - plan.leave_by == timedelta(hours=2)


def test_leave_by_in_the_repeated_hour_says_which_one():
    # Clocks go back at 02:00 CDT on Sunday 1 November 2026 to 01:00 CST.
    plan = plan_arrival(appt(date(2026, 11, 1), time(3, 0)), 60, 0, 30)
    assert plan is not None
    assert fmt_time(plan.arrive_by) == "02:30 CST"
    assert fmt_time(plan.leave_by) == "01:30 CST"
    assert plan.leave_by.fold == 1
    assert is_ambiguous(plan.leave_by)
    assert any("second 01:30" in n for n in plan.notes)
    assert any("Clocks go back 60 minutes on Sun 1 Nov: at 02:00 CDT they turn to 01:00 CST"
               in n for n in plan.notes)
    # The first 01:30 (CDT) is one real hour earlier.
    first = plan_arrival(appt(date(2026, 11, 1), time(3, 0)), 120, 0, 30)
    assert first is not None and fmt_time(first.leave_by) == "01:30 CDT"
    assert any("first 01:30" in n for n in first.notes)


def test_appointment_in_gap_moves_forward_with_note():
    plan = plan_arrival(appt(date(2026, 3, 8), time(2, 30)), 30, 0, 30)
    assert plan is not None
    assert fmt_time(plan.starts_at) == "03:30 CDT"
    assert any("does not exist" in n for n in plan.notes)


def test_appointment_in_fold_takes_earlier_with_note():
    plan = plan_arrival(appt(date(2026, 11, 1), time(1, 30)), 0, 0, 30)
    assert plan is not None
    assert fmt_time(plan.starts_at) == "01:30 CDT"
    assert any("happens twice" in n for n in plan.notes)


def test_half_hour_dst_shift_lord_howe():
    # Lord Howe Island moves its clocks by 30 minutes (first Sunday of October, 02:00).
    plan = plan_arrival(appt(date(2026, 10, 4), time(9, 0), "Australia/Lord_Howe"), 30, 0, 30)
    assert plan is not None
    assert any("forward 30 minutes" in n for n in plan.notes)


def test_zone_without_dst_has_no_notes():
    plan = plan_arrival(appt(date(2026, 3, 8), time(8, 0), "America/Phoenix"), 60, 15, 30)
    assert plan is not None and plan.notes == ()
    assert fmt_time(plan.leave_by) == "06:15 MST"


def test_resolve_local_kinds():
    assert resolve_local(date(2026, 3, 8), time(2, 30), CHICAGO).kind is LocalKind.GAP
    assert resolve_local(date(2026, 11, 1), time(1, 30), CHICAGO).kind is LocalKind.FOLD
    assert resolve_local(date(2026, 7, 1), time(1, 30), CHICAGO).kind is LocalKind.NORMAL


def test_offset_changes_finds_the_minute():
    start = datetime(2026, 3, 7, 12, 0, tzinfo=CHICAGO)
    end = datetime(2026, 3, 9, 12, 0, tzinfo=CHICAGO)
    (change,) = offset_changes(start, end)
    assert change.astimezone(UTC) == datetime(2026, 3, 8, 8, 0, tzinfo=UTC)


ZONES = ["America/Chicago", "America/New_York", "America/Denver", "America/Phoenix",
         "America/Los_Angeles", "Pacific/Honolulu", "Europe/London", "Australia/Lord_Howe",
         "Pacific/Auckland", "Asia/Kolkata"]


@settings(max_examples=150, deadline=None)
@given(day=st.dates(date(2025, 1, 1), date(2028, 12, 31)),
       at=st.times(), zone=st.sampled_from(ZONES),
       travel=st.integers(0, 12 * 60), buffer=st.integers(0, 6 * 60),
       early=st.integers(0, 120))
def test_plan_keeps_real_durations(day, at, zone, travel, buffer, early):
    plan = plan_arrival(appt(day, at.replace(microsecond=0), zone), travel, buffer, early)
    assert plan is not None
    assert real(plan.starts_at) - real(plan.arrive_by) == timedelta(minutes=early)
    assert real(plan.arrive_by) - real(plan.leave_by) == timedelta(minutes=travel + buffer)
    for moment in (plan.starts_at, plan.arrive_by, plan.leave_by):
        assert moment.tzinfo == ZoneInfo(zone)
        # Every shown time is a real instant: it survives a round trip through UTC.
        assert moment.astimezone(UTC).astimezone(ZoneInfo(zone)) == moment
    local = resolve_local(day, at.replace(microsecond=0), ZoneInfo(zone))
    if local.kind is not LocalKind.GAP:
        assert plan.starts_at.replace(tzinfo=None) == datetime.combine(
            day, at.replace(microsecond=0))
