"""The app as a process: smoke mode, SIGKILL durability, one instance per data folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.proc import app_env, read_line
from pytestqt.qtbot import QtBot

from readiness.paths import AppPaths
from readiness.ui.app import EXIT_ALREADY_RUNNING, Started, start
from readiness.ui.dialogs import ScriptedDialogs

REPO = Path(__file__).resolve().parent.parent.parent
DRIVER = REPO / "tests" / "helpers" / "drive_app.py"


def test_smoke_mode_visits_every_page_and_exits_zero(tmp_path: Path) -> None:
    env = app_env(tmp_path / "smoke-home")
    result = subprocess.run([sys.executable, "-m", "readiness", "--smoke"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "smoke: ok, visited dashboard, plan, checklist, exam, codebook" in result.stdout


def test_smoke_mode_without_home_uses_a_throwaway_folder(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO),
               HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "xdg"))
    env.pop("READINESS_HOME", None)
    result = subprocess.run([sys.executable, "-m", "readiness", "--smoke"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "xdg" / "ccs-readiness").exists()


def test_version_flag() -> None:
    result = subprocess.run([sys.executable, "-m", "readiness", "--version"],
                            capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.stdout.strip() == "CCS Readiness 0.1.0"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_changes_survive_sigkill(tmp_path: Path) -> None:
    home = tmp_path / "home"
    proc = subprocess.Popen([sys.executable, str(DRIVER), "change"], env=app_env(home),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = read_line(proc)
        assert line.strip() == "CHANGED", proc.stderr.read() if proc.stderr else ""
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()  # closes the pipes
    assert proc.returncode == -signal.SIGKILL

    result = subprocess.run([sys.executable, str(DRIVER), "check"], env=app_env(home),
                            capture_output=True, text=True, timeout=120)
    assert "PAGE checklist" in result.stdout, result.stderr
    assert "SCHEME dark" in result.stdout


def test_second_launch_brings_the_first_to_front(qtbot: QtBot, paths: AppPaths) -> None:
    first = start(paths, ScriptedDialogs(), show=False)
    assert isinstance(first, Started)
    try:
        with qtbot.waitSignal(first.instance.activation_requested, timeout=60000):
            proc = subprocess.Popen([sys.executable, "-m", "readiness"], env=app_env(paths.home),
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60000)
        _out, err = proc.communicate()
        assert proc.returncode == EXIT_ALREADY_RUNNING
        assert "already running" in err
    finally:
        first.shutdown()


def test_database_is_not_opened_twice_in_one_process(qtbot: QtBot, paths: AppPaths) -> None:
    first = start(paths, ScriptedDialogs(), show=False)
    assert isinstance(first, Started)
    try:
        second = start(paths, ScriptedDialogs(), show=False)
        # The same process holds the lock; the second start must not build a window.
        assert second == EXIT_ALREADY_RUNNING
    finally:
        first.shutdown()


def test_damaged_database_is_reported_at_start(qtbot: QtBot, paths: AppPaths) -> None:
    first = start(paths, ScriptedDialogs(), show=False)
    assert isinstance(first, Started)
    first.ctx.workspace.settings.set("ui.last_page", "plan")
    first.shutdown()
    # The next start takes a backup that holds last_page = plan.
    second = start(paths, ScriptedDialogs(), show=False)
    assert isinstance(second, Started)
    second.shutdown()
    paths.database.write_bytes(b"garbage " * 4096)

    dialogs = ScriptedDialogs()
    third = start(paths, dialogs, show=False)
    assert isinstance(third, Started)
    try:
        warnings = dialogs.texts("warn")
        assert len(warnings) == 1
        assert "restored from the backup" in warnings[0]
        assert str(paths.quarantine) in warnings[0]
        assert third.window.current_key() == "plan"
    finally:
        third.shutdown()


def test_checklist_reminders_run_from_start_without_the_page(qtbot: QtBot,
                                                             paths: AppPaths) -> None:
    started = start(paths, ScriptedDialogs(), show=False)
    assert isinstance(started, Started)
    try:
        assert started.ctx.reminders is not None
        assert started.ctx.reminders.timer.isActive()
        assert "checklist" not in started.window._built  # the page was never opened
        page = started.window.show_page("checklist")
        assert page.reminders is started.ctx.reminders  # one notifier, shared
    finally:
        started.shutdown()
