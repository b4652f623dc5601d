"""The exam appointment shared by the planner, the checklist and the dashboard."""

from __future__ import annotations

from readiness.core.appointment import ExamAppointment, zone_named
from readiness.storage.appointment import AppointmentRepository


class AppointmentService:
    def __init__(self, repo: AppointmentRepository) -> None:
        self._repo = repo

    def get(self) -> ExamAppointment:
        return self._repo.get() or ExamAppointment()

    def save(self, appointment: ExamAppointment) -> None:
        zone_named(appointment.timezone)  # refuses an unknown zone before anything is written
        self._repo.save(appointment)
