from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from readiness.core.appointment import ExamAppointment
from readiness.core.checklist.arrival import plan_arrival
from readiness.core.checklist.due import due_at
from readiness.core.checklist.template import DueRule

CHICAGO = ZoneInfo("America/Chicago")


def test_wall_clock_rules_resolve_in_center_zone():
    ap = ExamAppointment(exam_date=date(2026, 3, 9), exam_time=time(8, 0))
    plan = plan_arrival(ap, 60, 0, 30)
    # The day before is the DST night: 17:00 on 8 March is CDT, not CST.
    due = due_at(DueRule(days_before=1, at=time(17, 0)), ap, plan)
    assert due == datetime(2026, 3, 8, 17, 0, tzinfo=CHICAGO)
    assert due is not None and due.strftime("%Z") == "CDT"
    week = due_at(DueRule(days_before=7, at=time(18, 0)), ap, plan)
    assert week == datetime(2026, 3, 2, 18, 0, tzinfo=CHICAGO)
    assert week is not None and week.strftime("%Z") == "CST"


def test_wall_clock_rule_in_gap_moves_forward():
    ap = ExamAppointment(exam_date=date(2026, 3, 9), exam_time=time(8, 0))
    due = due_at(DueRule(days_before=1, at=time(2, 30)), ap, plan_arrival(ap, 0, 0, 30))
    assert due is not None and due.strftime("%H:%M %Z") == "03:30 CDT"


def test_relative_rules_count_real_minutes():
    ap = ExamAppointment(exam_date=date(2026, 3, 8), exam_time=time(3, 30))
    plan = plan_arrival(ap, 0, 0, 30)
    assert plan is not None
    due = due_at(DueRule(relative_to="leave_by", minutes=-60), ap, plan)
    assert due is not None
    assert plan.leave_by.astimezone(UTC) - due.astimezone(UTC) == timedelta(hours=1)
    assert due.strftime("%H:%M %Z") == "01:00 CST"
    assert due_at(DueRule(relative_to="arrive_by"), ap, plan) == plan.arrive_by
    assert due_at(DueRule(relative_to="start", minutes=5), ap, plan) == (
        plan.starts_at + timedelta(minutes=5))


def test_unscheduled_has_no_due():
    assert due_at(DueRule(days_before=1, at=time(9)), ExamAppointment(), None) is None
