"""When each checklist group comes due, from the appointment and the arrival plan."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from readiness.core.appointment import ExamAppointment
from readiness.core.checklist.arrival import ArrivalPlan, resolve_local
from readiness.core.checklist.template import DueRule


def due_at(rule: DueRule, appointment: ExamAppointment,
           plan: ArrivalPlan | None) -> datetime | None:
    """Aware instant (in the center's zone) a group with ``rule`` comes due.

    None when the exam is not scheduled.  Wall-clock rules ("18:00 three days
    before") are resolved in the center's zone, DST gaps and folds included;
    relative rules ("60 minutes before leave-by") are counted in real minutes.
    """
    if appointment.exam_date is None or plan is None:
        return None
    zone = appointment.zone()
    if rule.relative_to is None:
        assert rule.days_before is not None and rule.at is not None
        day = appointment.exam_date - timedelta(days=rule.days_before)
        return resolve_local(day, rule.at, zone).instant
    anchor = {"leave_by": plan.leave_by, "arrive_by": plan.arrive_by,
              "start": plan.starts_at}[rule.relative_to]
    return (anchor.astimezone(UTC) + timedelta(minutes=rule.minutes)).astimezone(zone)
