"""Cases 1-3 and 6 of issue 15 below the UI: the disk fails, the store says so truthfully."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers.faults import fill_disk, free_disk

from readiness.core.clock import FakeClock
from readiness.core.errors import DISK_FULL, IO_ERROR, StorageEnvironmentError
from readiness.paths import AppPaths
from readiness.storage import backups
from readiness.storage.db import Database
from readiness.storage.errors import classify
from readiness.workspace import Workspace


def test_full_disk_inside_a_transaction_raises_the_real_error(tmp_path: Path) -> None:
    # Case 3's root cause: a second ROLLBACK after SQLite's own turned "database or disk is
    # full" into "cannot rollback - no transaction is active".
    db = Database.open(tmp_path / "t.sqlite3")
    db.connection.execute("CREATE TABLE t (x BLOB)")
    fill_disk(db.connection)
    with pytest.raises(StorageEnvironmentError) as caught, db.transaction() as conn:
        for _ in range(50):
            conn.execute("INSERT INTO t VALUES (?)", (b"y" * 3000,))
    assert caught.value.kind == DISK_FULL
    assert "full" in str(caught.value)
    assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
    assert "cannot rollback" not in str(caught.value)
    assert not db.connection.in_transaction
    free_disk(db.connection)
    with db.transaction() as conn:  # the connection is usable again once there is room
        conn.execute("INSERT INTO t VALUES (x'00')")
    assert db.scalar("SELECT count(*) FROM t") == 1


def test_errors_are_classified_by_code_not_text() -> None:
    full = sqlite3.OperationalError("something unrelated")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]
    full.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
    typed = classify(full)
    assert isinstance(typed, StorageEnvironmentError) and typed.kind == DISK_FULL
    ioerr = sqlite3.OperationalError("disk I/O error")
    ioerr.sqlite_errorcode = 10 | (4 << 8)  # type: ignore[attr-defined]  # SQLITE_IOERR_SHORT_READ
    assert classify(ioerr).kind == IO_ERROR  # type: ignore[attr-defined]
    bug = sqlite3.OperationalError("no such table: x")
    bug.sqlite_errorcode = 1  # type: ignore[attr-defined]
    assert not isinstance(classify(bug), StorageEnvironmentError)
    assert classify(OSError(28, "No space left on device")).kind == DISK_FULL  # type: ignore[attr-defined]


def _with_data(paths: AppPaths, clock: FakeClock, value: str) -> None:
    workspace, _ = Workspace.open(paths, clock)
    workspace.settings.set("ui.last_page", value)
    workspace.close()


def test_zero_byte_database_is_restored_from_the_newest_backup_with_data(
        paths: AppPaths) -> None:
    # Case 2: a zero-byte file was opened as a brand-new database, silently.
    clock = FakeClock(datetime(2026, 5, 1, 9, 0, tzinfo=UTC))
    _with_data(paths, clock, "plan")
    clock.advance(60)
    _with_data(paths, clock, "checklist")  # this start's backup holds "plan"
    paths.database.write_bytes(b"")
    for sidecar in ("-wal", "-shm"):
        paths.database.with_name(paths.database.name + sidecar).unlink(missing_ok=True)
    clock.advance(60)
    workspace, report = Workspace.open(paths, clock)
    try:
        assert report.recovery is not None
        assert "empty" in report.recovery.reason
        assert report.recovery.restored_from is not None
        assert report.recovery.damaged_file.exists()
        assert workspace.settings.get("ui.last_page") == "plan"
    finally:
        workspace.close()


def test_quick_restarts_never_rotate_away_the_last_backup_with_data(paths: AppPaths) -> None:
    # Case 2: 21 quick restarts left 7 backups from the same 15 seconds, none with the data.
    clock = FakeClock(datetime(2026, 5, 1, 9, 0, tzinfo=UTC))
    _with_data(paths, clock, "plan")
    workspace, _ = Workspace.open(paths, clock)
    workspace.db.connection.execute("DELETE FROM settings")  # the data is gone (any reason)
    workspace.close()
    for _ in range(21):
        clock.advance(0.7)
        workspace, _ = Workspace.open(paths, clock)
        workspace.close()
    found = backups.list_backups(paths.backups)
    assert any(backups.holds_data(p) for p in found)
    assert len(found) <= backups.KEEP_RECENT + 1


def test_backups_keep_one_per_day_for_a_week_and_the_last_three_starts(
        paths: AppPaths) -> None:
    clock = FakeClock(datetime(2026, 5, 1, 9, 0, tzinfo=UTC))
    for _day in range(10):
        for _start in range(4):
            _with_data(paths, clock, "plan")
            clock.advance(600)
        clock.advance(timedelta(days=1).total_seconds() - 2400)
    found = backups.list_backups(paths.backups)
    days = {p.name[len(backups.BACKUP_PREFIX):][:8] for p in found}
    assert len(days) == backups.KEEP_DAILY
    assert len(found) == backups.KEEP_DAILY + backups.KEEP_RECENT - 1  # newest day: 3 kept


def test_full_integrity_check_after_an_unclean_exit_and_daily(paths: AppPaths) -> None:
    clock = FakeClock(datetime(2026, 5, 1, 9, 0, tzinfo=UTC))
    workspace, report = Workspace.open(paths, clock)
    assert report.full_check  # never checked before
    workspace.close()
    clock.advance(60)
    workspace, report = Workspace.open(paths, clock)
    assert not report.full_check and not report.unclean_exit  # same day, clean exit
    # Killed: close() never ran, the running marker stays.
    workspace.db.connection.close()
    clock.advance(60)
    workspace, report = Workspace.open(paths, clock)
    assert report.unclean_exit and report.full_check
    workspace.close()
    clock.advance(timedelta(days=1).total_seconds())
    workspace, report = Workspace.open(paths, clock)
    assert report.full_check and not report.unclean_exit
    workspace.close()


def test_an_io_error_on_a_nearly_full_disk_is_called_a_full_disk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Seen on a real 64 MiB tmpfs with 4 KiB free: SQLite says "disk I/O error" (it could
    # not grow the -shm), and the user was told to check that the disk is connected.
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = 4874  # type: ignore[attr-defined]  # SQLITE_IOERR_SHMSIZE
    error.sqlite_errorname = "SQLITE_IOERR_SHMSIZE"  # type: ignore[attr-defined]
    roomy = classify(error, "checking", tmp_path)  # plenty of room here
    assert isinstance(roomy, StorageEnvironmentError) and roomy.kind == IO_ERROR

    class Usage:
        total, used, free = 64 << 20, (64 << 20) - 4096, 4096

    monkeypatch.setattr("readiness.storage.errors.shutil.disk_usage", lambda _p: Usage)
    typed = classify(error, "checking", tmp_path / "readiness.sqlite3")
    assert isinstance(typed, StorageEnvironmentError)
    assert typed.kind == DISK_FULL and typed.code == "SQLITE_IOERR_SHMSIZE"
    assert "Free some space" in typed.advice


def test_checking_backups_leaves_no_wal_or_shm_files_beside_them(paths: AppPaths) -> None:
    # Seen in a real data folder: every backup had a -wal and a 32 KiB -shm beside it,
    # made by the start-up check reading a WAL-mode copy; pruned backups left them behind.
    clock = FakeClock(datetime(2026, 5, 1, 9, 0, tzinfo=UTC))
    for _start in range(backups.KEEP_RECENT + 2):
        _with_data(paths, clock, "plan")
        clock.advance(60)
    found = backups.list_backups(paths.backups)
    assert all(backups.database_problem(p, full=True) is None for p in found)
    assert all(backups.holds_data(p) for p in found)
    names = sorted(p.name for p in paths.backups.iterdir())
    assert names == sorted(p.name for p in found), names
