"""The one exam appointment (a single-row table)."""

from __future__ import annotations

from datetime import date, time

from readiness.core.appointment import ExamAppointment, delivery_named
from readiness.storage.db import Database

# Tables: readiness/storage/schema_steps.py (V1_FOUNDATION); step 8 adds `delivery`
# (center / online). Changed only by a new step.


class AppointmentRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self) -> ExamAppointment | None:
        row = self.db.query_one("SELECT * FROM appointment WHERE id = 1")
        if row is None:
            return None
        return ExamAppointment(
            exam_date=date.fromisoformat(row["exam_date"]) if row["exam_date"] else None,
            exam_time=time.fromisoformat(row["exam_time"]) if row["exam_time"] else None,
            timezone=row["timezone"],
            center_name=row["center_name"],
            center_address=row["center_address"],
            att_received=date.fromisoformat(row["att_received"]) if row["att_received"] else None,
            delivery=delivery_named(row["delivery"]),
        )

    def save(self, appt: ExamAppointment) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO appointment(id, exam_date, exam_time, timezone, center_name, "
                "center_address, att_received, delivery) VALUES (1, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET exam_date = excluded.exam_date, "
                "exam_time = excluded.exam_time, timezone = excluded.timezone, "
                "center_name = excluded.center_name, center_address = excluded.center_address, "
                "att_received = excluded.att_received, delivery = excluded.delivery",
                (
                    appt.exam_date.isoformat() if appt.exam_date else None,
                    appt.exam_time.isoformat(timespec="minutes") if appt.exam_time else None,
                    appt.timezone,
                    appt.center_name,
                    appt.center_address,
                    appt.att_received.isoformat() if appt.att_received else None,
                    appt.delivery.value,
                ),
            )
