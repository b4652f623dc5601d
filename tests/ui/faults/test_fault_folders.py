"""Cases 4 and 5 of issue 15: folders and files this account may not write.

Run as root (here and in CI) file modes do not stop root, so the app is started acting
as ``nobody`` (see helpers/faults.py); as an ordinary user the modes apply directly.
"""

from __future__ import annotations

import os
import stat
import sys

import pytest
from helpers.faults import acting_as_other_user, give_to_actor, is_root, shared_dir
from pytestqt.qtbot import QtBot

from readiness.paths import AppPaths
from readiness.ui.app import EXIT_STORE, Started, start
from readiness.ui.dialogs import ScriptedDialogs

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def make_home() -> AppPaths:
    """A data folder with data in it, built by the app itself."""
    paths = AppPaths(shared_dir() / "home")
    started = start(paths, ScriptedDialogs(), show=False)
    assert isinstance(started, Started)
    with started.ctx.workspace.db.transaction() as conn:  # data the test recognises
        conn.execute("CREATE TABLE fault_marker (x TEXT)")
        conn.execute("INSERT INTO fault_marker VALUES ('kept')")
    started.shutdown()
    return paths


def read_only_for_actor(paths: AppPaths) -> None:
    """Readable by everyone, writable by nobody but the owner (root, or chmod for users)."""
    for path in [paths.home, *paths.home.rglob("*")]:
        if path.is_dir():
            path.chmod(0o555 if not is_root() else 0o755)
        else:
            path.chmod(0o444 if not is_root() else 0o644)


def snapshot(paths: AppPaths) -> dict[str, bytes]:
    # logs/ aside: the test process's own log handler (from make_home) may still write there.
    return {str(p.relative_to(paths.home)): p.read_bytes()
            for p in sorted(paths.home.rglob("*")) if p.is_file() and p.parent != paths.logs}


def test_read_only_data_opens_read_only_with_a_banner(qtbot: QtBot) -> None:
    paths = make_home()
    read_only_for_actor(paths)
    before = snapshot(paths)
    dialogs = ScriptedDialogs()
    with acting_as_other_user():
        started = start(paths, dialogs)
        assert isinstance(started, Started), dialogs.calls
        try:
            window = started.window
            assert started.ctx.workspace.read_only
            banner = window.read_only_banner  # type: ignore[attr-defined]
            assert banner.isVisible()
            assert "nothing you do now is saved" in banner.text()
            assert started.ctx.workspace.db.scalar("SELECT x FROM fault_marker") == "kept"
            # Changes: said once in a calm message, never the crash dialog, three times.
            for _ in range(3):
                window.findChild(object, "scheme-dark").trigger()
            warnings = [c for c in dialogs.calls if c[0] == "warn"]
            assert len(warnings) == 1, dialogs.calls
            assert "read-only" in warnings[0][1]
            assert "was not saved" in warnings[0][2]
        finally:
            started.shutdown()
    assert snapshot(paths) == before


def test_a_data_folder_owned_by_someone_else_gets_a_dialog(qtbot: QtBot) -> None:
    paths = make_home()
    paths.home.chmod(0o700)  # the owner's (root's, or made unreadable for a user)
    if not is_root():
        paths.home.chmod(0o000)
    dialogs = ScriptedDialogs()
    try:
        with acting_as_other_user():
            result = start(paths, dialogs)
    finally:
        paths.home.chmod(0o700)
    assert result == EXIT_STORE
    (method, title, text), = dialogs.calls
    assert method == "warn" and "data folder" in title
    assert "Nothing was changed on disk" in text
    assert str(paths.home) in text or "Permission denied" in text


def test_a_read_only_folder_without_data_gets_a_dialog(qtbot: QtBot) -> None:
    # A read-only mount: the folders exist, the database cannot be created.
    paths = AppPaths(shared_dir() / "home").ensure()
    read_only_for_actor(paths)
    dialogs = ScriptedDialogs()
    with acting_as_other_user():
        result = start(paths, dialogs)
    assert result == EXIT_STORE, dialogs.calls
    assert dialogs.calls[-1][0] == "warn"
    assert "Nothing was changed on disk" in dialogs.calls[-1][2]
    assert not paths.database.exists()


def test_an_unwritable_log_folder_is_said_and_the_app_still_starts(qtbot: QtBot) -> None:
    paths = make_home()
    for path in [paths.home, *paths.home.rglob("*")]:
        give_to_actor(path)
    for log_file in paths.logs.iterdir():
        log_file.unlink()
    if is_root():
        os.chown(paths.logs, 0, 0)
    paths.logs.chmod(0o555)
    dialogs = ScriptedDialogs()
    try:
        with acting_as_other_user():
            started = start(paths, dialogs, show=False)
            assert isinstance(started, Started), dialogs.calls
            started.shutdown()
    finally:
        paths.logs.chmod(0o700)
    assert dialogs.calls[0][:2] == ("warn", "No log file")
    assert stat.S_IMODE(paths.logs.stat().st_mode) == 0o700
