from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from readiness.core import settings as prefs
from readiness.core.clock import FakeClock
from readiness.paths import AppPaths
from readiness.storage.backups import KEEP_BACKUPS, database_problem, list_backups
from readiness.storage.settings import SettingsRepository
from readiness.workspace import Workspace


def open_ws(paths: AppPaths, clock: FakeClock) -> Workspace:
    workspace, _ = Workspace.open(paths, clock)
    return workspace


def test_data_folder_is_private(paths: AppPaths) -> None:
    if os.name != "posix":
        pytest.skip("permissions are POSIX")
    workspace = open_ws(paths, FakeClock())
    workspace.close()
    assert stat.S_IMODE(paths.home.stat().st_mode) == 0o700


def test_each_start_backs_up_and_only_seven_are_kept(paths: AppPaths) -> None:
    clock = FakeClock()
    for day in range(10):
        workspace = open_ws(paths, clock)
        workspace.settings.set(prefs.EXAM_ZOOM, 100 + day)
        workspace.close()
        clock.advance(timedelta(days=1).total_seconds())
    backups = list_backups(paths.backups)
    assert len(backups) == KEEP_BACKUPS
    assert all(database_problem(b) is None for b in backups)
    # The newest backup was taken at the last start, before day 9 was written.
    import sqlite3

    value = sqlite3.connect(backups[0]).execute(
        "SELECT value FROM settings WHERE key = 'exam.zoom'").fetchone()[0]
    assert value == "108"


def test_garbage_database_is_moved_aside_and_newest_backup_restored(paths: AppPaths) -> None:
    clock = FakeClock(datetime(2026, 5, 1, 9, 0, tzinfo=UTC))
    workspace = open_ws(paths, clock)
    workspace.settings.set("ui.last_page", "plan")
    workspace.close()
    clock.advance(3600)
    workspace = open_ws(paths, clock)  # this start's backup holds last_page = plan
    workspace.settings.set("ui.last_page", "exam")
    workspace.close()

    paths.database.write_bytes(b"this is not a database" * 500)
    clock.advance(3600)
    workspace, report = Workspace.open(paths, clock)
    try:
        assert report.recovery is not None
        assert report.recovery.damaged_file.exists()
        assert report.recovery.damaged_file.parent == paths.quarantine
        assert report.recovery.damaged_file.read_bytes().startswith(b"this is not a database")
        assert report.recovery.restored_from is not None
        assert workspace.settings.get("ui.last_page") == "plan"
    finally:
        workspace.close()


def test_no_good_backup_starts_empty_but_keeps_the_damaged_file(paths: AppPaths) -> None:
    paths.database.write_bytes(b"\x00garbage" * 100)
    workspace, report = Workspace.open(paths, FakeClock())
    try:
        assert report.recovery is not None
        assert report.recovery.restored_from is None
        assert report.recovery.damaged_file.exists()
        assert workspace.settings.get("ui.last_page") == "dashboard"
    finally:
        workspace.close()


def test_truncated_database_is_detected(tmp_path: Path, paths: AppPaths) -> None:
    workspace = open_ws(paths, FakeClock())
    raw = SettingsRepository(workspace.db)  # bulk rows to make the file big; not preferences
    for i in range(200):
        raw.set(f"k{i}", "x" * 200)
    workspace.close()
    data = paths.database.read_bytes()
    paths.database.write_bytes(data[: len(data) // 2])
    assert database_problem(paths.database) is not None
