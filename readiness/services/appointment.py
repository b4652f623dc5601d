"""The exam appointment shared by the planner, the checklist and the dashboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from readiness.core.appointment import ExamAppointment, zone_named
from readiness.core.planner.validation import check_appointment
from readiness.storage.appointment import AppointmentRepository


class AppointmentService:
    """Every save goes through the core's date rules (``check_appointment``: exam date
    inside the ATT window, no ATT from the future), whichever page edits the dates."""

    def __init__(self, repo: AppointmentRepository,
                 today: Callable[[], date] | None = None) -> None:
        self._repo = repo
        # The candidate's today (the planner's zone), wired by the workspace.
        self.today_source = today

    def get(self) -> ExamAppointment:
        return self._repo.get() or ExamAppointment()

    def save(self, appointment: ExamAppointment) -> None:
        """Raises InvalidInput (naming the field and the valid range) and saves nothing
        when the dates break a rule.  Dates are checked when they change, so a record
        saved by an older version can still have its centre or delivery edited."""
        zone_named(appointment.timezone)  # refuses an unknown zone before anything is written
        current = self.get()
        dates_changed = (appointment.exam_date, appointment.att_received) != (
            current.exam_date, current.att_received)
        if dates_changed and self.today_source is not None:
            check_appointment(appointment, self.today_source())
        self._repo.save(appointment)
