"""Date rules that protect the candidate, checked before an appointment is saved.

The ATT window (AHIMA: test within 120 days of the Authorization to Test) is a
hard limit: an exam booked after it is not a plan but a lost fee, so such a date
is refused with the reason and the last valid date.  An ATT that "arrived" in the
future is a typing slip; it would stretch the window, so it is refused too.
"""

from __future__ import annotations

from datetime import date

from readiness.core.appointment import ATT_WINDOW_DAYS, ExamAppointment
from readiness.core.errors import InvalidInput


def _day(value: date) -> str:
    return f"{value:%a} {value.isoformat()}"


def check_appointment(appointment: ExamAppointment, today: date) -> None:
    """Raise InvalidInput naming the field and the valid range; return quietly if fine."""
    received = appointment.att_received
    if received is not None and received > today:
        raise InvalidInput(
            f"the Authorization to Test cannot have arrived on {_day(received)}, a day still "
            f"to come; enter the day it arrived (today, {_day(today)}, at the latest)",
            where="ATT date")
    deadline = appointment.att_deadline()
    exam = appointment.exam_date
    if exam is None or received is None or deadline is None:
        return
    if exam > deadline:
        raise InvalidInput(
            f"the exam date {_day(exam)} is after the ATT window closes: the exam must be "
            f"taken within {ATT_WINDOW_DAYS} days of the ATT ({_day(received)}), so the last "
            f"valid date is {_day(deadline)}", where="exam date")
    if exam < received:
        raise InvalidInput(
            f"the exam date {_day(exam)} is before the ATT arrived ({_day(received)}); the "
            f"exam is booked after the ATT, by {_day(deadline)} at the latest",
            where="exam date")
