from __future__ import annotations

import sqlite3
from datetime import date, time
from pathlib import Path

import pytest

from readiness.core.errors import StoreUnavailable
from readiness.paths import AppPaths
from readiness.storage.db import Database
from readiness.storage.migrations import (
    MIGRATIONS,
    Migration,
    current_version,
    latest_version,
    migrate,
)
from readiness.workspace import Workspace

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "db" / "v1.sql"


def test_versions_are_contiguous_from_one() -> None:
    versions = sorted(m.version for m in MIGRATIONS)
    assert versions == list(range(1, len(versions) + 1))


def test_fresh_database_reaches_latest(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "fresh.sqlite3")
    applied = migrate(db)
    assert current_version(db) == latest_version()
    assert applied[0] == "foundation"
    assert migrate(db) == []  # idempotent


def test_v1_database_upgrades_and_keeps_its_data(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "home").ensure()
    conn = sqlite3.connect(paths.database)
    conn.executescript(FIXTURE.read_text(encoding="utf-8"))
    conn.close()

    workspace, report = Workspace.open(paths)
    try:
        assert Database.open(paths.database).scalar("PRAGMA user_version") == latest_version()
        assert len(report.migrations_applied) == latest_version() - 1
        assert workspace.settings.get("ui.last_page") == "checklist"
        assert workspace.settings.get("exam.zoom") == 125
        appt = workspace.appointment.get()
        assert appt.exam_date == date(2027, 3, 15)
        assert appt.exam_time == time(8, 30)
        assert appt.timezone == "America/New_York"
        assert appt.center_name.startswith("Pearson VUE")
        assert appt.att_received == date(2026, 12, 1)
    finally:
        workspace.close()


def test_a_failing_step_leaves_the_previous_version_intact(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "x.sqlite3")
    steps = (
        Migration(1, "one", "CREATE TABLE a (x);"),
        Migration(2, "two", "CREATE TABLE b (x);\nINSERT INTO nowhere VALUES (1);"),
    )
    with pytest.raises(sqlite3.OperationalError):
        migrate(db, steps)
    assert current_version(db) == 1
    tables = {r[0] for r in db.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"a"}  # table b was rolled back with its step


def test_newer_database_is_refused_not_guessed(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "new.sqlite3")
    db.connection.execute(f"PRAGMA user_version = {latest_version() + 5}")
    with pytest.raises(StoreUnavailable, match="newer CCS Readiness"):
        migrate(db)


def test_step_8_adds_the_delivery_mode_and_keeps_the_appointment(tmp_path: Path) -> None:
    from readiness.core.appointment import Delivery, ExamAppointment
    from readiness.storage.appointment import AppointmentRepository
    from readiness.storage.checklist import ChecklistRepository

    db = Database.open(tmp_path / "v7.sqlite3")
    migrate(db, tuple(m for m in MIGRATIONS if m.version <= 7))
    with db.transaction() as conn:
        conn.execute("INSERT INTO appointment(id, exam_date, timezone) "
                     "VALUES (1, '2026-06-10', 'America/Chicago')")
        conn.execute("INSERT INTO checklist_travel(id, travel_minutes, buffer_minutes) "
                     "VALUES (1, 40, 10)")
    assert migrate(db, tuple(m for m in MIGRATIONS if m.version <= 8)) == [
        "delivery mode and online set-up"]
    appointments = AppointmentRepository(db)
    saved = appointments.get()
    assert saved is not None and saved.delivery is Delivery.CENTER
    assert saved.exam_date == date(2026, 6, 10)
    repo = ChecklistRepository(db)
    assert repo.travel() == (40, 10) and repo.online_setup() is None
    repo.set_online_setup(20, 25, (30, 15))
    assert repo.online_setup() == (20, 25) and repo.travel() == (40, 10)
    appointments.save(ExamAppointment(delivery=Delivery.ONLINE))
    again = appointments.get()
    assert again is not None and again.delivery is Delivery.ONLINE
    with pytest.raises(sqlite3.IntegrityError), db.transaction() as conn:
        conn.execute("UPDATE appointment SET delivery = 'home'")
