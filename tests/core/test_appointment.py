from __future__ import annotations

from datetime import date, time

import pytest

from readiness.core.appointment import ExamAppointment
from readiness.core.errors import InvalidInput
from readiness.workspace import Workspace


def test_starts_at_is_in_the_center_zone() -> None:
    appt = ExamAppointment(date(2027, 3, 14), time(8, 30), "America/Chicago")
    start = appt.starts_at()
    assert start is not None and start.utcoffset() is not None
    assert start.utcoffset().total_seconds() == -5 * 3600  # CDT began that morning at 2:00


def test_att_window_is_120_days() -> None:
    assert ExamAppointment(att_received=date(2026, 12, 1)).att_deadline() == date(2027, 3, 31)


def test_unknown_zone_is_refused_and_nothing_saved(workspace: Workspace) -> None:
    with pytest.raises(InvalidInput, match="Mars/Olympus"):
        workspace.appointment.save(ExamAppointment(timezone="Mars/Olympus"))
    assert workspace.appointment.get() == ExamAppointment()


def test_round_trip(workspace: Workspace) -> None:
    appt = ExamAppointment(date(2026, 5, 20), time(13, 0), "Europe/London", "Center", "1 Road",
                           date(2026, 2, 1))
    workspace.appointment.save(appt)
    assert workspace.appointment.get() == appt
