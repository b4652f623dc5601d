"""Exam and ATT dates that would cost the candidate are refused with the reason."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.core.appointment import ExamAppointment
from readiness.core.errors import InvalidInput
from readiness.core.planner.validation import check_appointment

TODAY = date(2026, 3, 2)


def test_exam_after_the_att_window_is_refused_with_the_last_valid_date() -> None:
    appt = ExamAppointment(date(2026, 7, 1), att_received=date(2026, 2, 20))
    with pytest.raises(InvalidInput) as caught:
        check_appointment(appt, TODAY)
    assert caught.value.where == "exam date"
    assert "last valid date is Sat 2026-06-20" in str(caught.value)


def test_the_last_day_of_the_window_is_fine() -> None:
    check_appointment(ExamAppointment(date(2026, 6, 20), att_received=date(2026, 2, 20)), TODAY)


def test_an_att_in_the_future_is_refused() -> None:
    appt = ExamAppointment(None, att_received=date(2026, 3, 9))
    with pytest.raises(InvalidInput, match="a day still to come") as caught:
        check_appointment(appt, TODAY)
    assert caught.value.where == "ATT date"


def test_an_exam_before_the_att_is_refused() -> None:
    with pytest.raises(InvalidInput, match="before the ATT arrived"):
        check_appointment(ExamAppointment(date(2026, 2, 10), att_received=date(2026, 2, 20)),
                          TODAY)
