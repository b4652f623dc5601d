"""Cases 1 and 4 of issue 15: the real app started on a failing disk or a foreign folder.

A small file-size limit (``RLIMIT_FSIZE``, SIGXFSZ ignored) in the child stands in for a
nearly full disk: writes past the limit fail with EFBIG as they would with ENOSPC, and
SQLite reports the same "disk I/O error" the fault run saw.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from readiness.core.clock import FakeClock
from readiness.paths import AppPaths
from readiness.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
EXIT_STORE = 4
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX limits and signals")


def env_for(home: Path, **extra: str) -> dict[str, str]:
    return dict(os.environ, READINESS_HOME=str(home), QT_QPA_PLATFORM="offscreen",
                PYTHONPATH=str(REPO), **extra)


def file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def smoke(home: Path, preexec: Callable[[], None] | None = None,
          **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "readiness", "--smoke"], env=env_for(home, **env),
                          capture_output=True, text=True, timeout=180, preexec_fn=preexec)


def data_with_unmerged_wal(home: Path, filler: int = 0) -> bytes:
    """A data folder whose last commits are still in the WAL (as after a kill), no -shm."""
    source = AppPaths(home.parent / "source").ensure()
    workspace, _ = Workspace.open(source, FakeClock(), take_backup=False)
    mark(workspace, filler)
    AppPaths(home).ensure()
    for suffix in ("", "-wal"):
        shutil.copy(f"{source.database}{suffix}", f"{AppPaths(home).database}{suffix}")
    workspace.close()
    return AppPaths(home).database.read_bytes()


def mark(workspace: Workspace, filler: int = 0) -> None:
    """User data the test can recognise (a table of its own: settings are declared ones)."""
    with workspace.db.transaction() as conn:
        conn.execute("CREATE TABLE fault_marker (x TEXT)")
        conn.execute("INSERT INTO fault_marker VALUES ('kept')")
        conn.executemany("INSERT INTO fault_marker VALUES (?)", [("x" * 1000,)] * filler)


def marked(workspace: Workspace) -> bool:
    return bool(workspace.db.scalar("SELECT x FROM fault_marker WHERE x = 'kept'"))


def test_nearly_full_disk_at_start_is_not_taken_for_corruption(tmp_path: Path) -> None:
    home = tmp_path / "home"
    before = data_with_unmerged_wal(home)
    result = smoke(home, file_size_limit(8 * 1024))  # room for the log, not for the -shm
    assert result.returncode == EXIT_STORE, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert "Nothing was changed on disk" in result.stderr
    assert "disk" in result.stderr.lower()
    paths = AppPaths(home)
    assert paths.database.read_bytes() == before
    assert not paths.quarantine.exists()
    # With space back, everything is there and nothing was "restored".
    again = smoke(home)
    assert again.returncode == 0, again.stderr[-3000:]
    workspace, report = Workspace.open(paths, FakeClock(), take_backup=False)
    try:
        assert report.recovery is None
        assert marked(workspace)
    finally:
        workspace.close()


def test_full_disk_while_taking_the_start_backup_says_so(tmp_path: Path) -> None:
    home = tmp_path / "home"
    data_with_unmerged_wal(home, filler=300)
    paths = AppPaths(home)
    smoke(home)  # merge the WAL, so the only big write left is the backup
    size = paths.database.stat().st_size
    for old in paths.backups.iterdir():
        old.unlink()
    before = paths.database.read_bytes()
    result = smoke(home, file_size_limit(size // 2))
    assert result.returncode == EXIT_STORE, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert "The disk is full" in result.stderr or "could not be read or written" in result.stderr
    assert paths.database.read_bytes() == before
    assert not list(paths.backups.iterdir())  # no half-written backup left behind


def test_no_space_for_the_lock_is_not_called_another_copy(tmp_path: Path) -> None:
    # With 0 bytes free the old start said another copy was running and to delete a lock
    # file that did not exist.
    home = tmp_path / "home"
    AppPaths(home).ensure()
    result = smoke(home, file_size_limit(0))
    assert result.returncode == EXIT_STORE, result.stderr[-3000:]
    assert "already" not in result.stderr
    assert "delete that lock" not in result.stderr
    assert "The disk is full" in result.stderr


def test_readiness_home_pointing_at_a_file_gets_a_message(tmp_path: Path) -> None:
    target = tmp_path / "not-a-folder"
    target.write_text("hello")
    result = smoke(target)
    assert result.returncode == EXIT_STORE
    assert "Traceback" not in result.stderr
    assert "is a file, not a folder" in result.stderr
    assert target.read_text() == "hello"


def test_stale_lock_whose_pid_was_reused_does_not_block_the_start(tmp_path: Path) -> None:
    # Case 4: the dead owner's PID now belongs to another (live) process of the same program.
    home = tmp_path / "home"
    paths = AppPaths(home)
    assert smoke(home).returncode == 0
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        host = socket.gethostname()
        # Written the way the previous lock file (QLockFile) and the new one both read.
        paths.lock_file.write_text(f"{sleeper.pid}\npython3\n{host}\n")
        result = smoke(home)
        assert result.returncode == 0, result.stderr[-3000:]
        crafted = json.dumps({"pid": sleeper.pid, "host": host, "boot_id": "",
                              "started": "1", "app": "ccs-readiness"}) + "\n"
        paths.lock_file.write_text(crafted)
        result = smoke(home)
        assert result.returncode == 0, result.stderr[-3000:]
    finally:
        sleeper.kill()
        sleeper.wait()


@contextmanager
def small_disk(where: Path, size: str = "32m") -> Iterator[Path]:
    """A real, small file system (tmpfs) at ``where``; skips where mounting is not allowed."""
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                             capture_output=True, text=True, check=False) if shutil.which(
                                 "mount") and os.geteuid() == 0 else None
    if mounted is None or mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root and mount rights)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path, leave: int) -> None:
    free = shutil.disk_usage(disk).free
    with open(disk / "filler", "wb") as handle:
        handle.truncate(0)
        chunk = b"\0" * 4096
        for _ in range(max(0, free - leave) // 4096):
            handle.write(chunk)


def test_a_really_full_disk_at_start_says_the_disk_is_full(tmp_path: Path) -> None:
    # The fault run's case 1 on a real file system instead of a file-size limit: the user
    # must read "the disk is full, free some space", not "check it is still connected".
    with small_disk(tmp_path / "disk") as disk:
        home = disk / "home"
        assert smoke(home).returncode == 0
        before = AppPaths(home).database.read_bytes()
        fill(disk, leave=4096)
        result = smoke(home)
        assert result.returncode == EXIT_STORE, result.stderr[-3000:]
        assert "Traceback" not in result.stderr
        assert "The disk is full" in result.stderr
        assert "Free some space" in result.stderr
        assert AppPaths(home).database.read_bytes() == before
        (disk / "filler").unlink()
        assert smoke(home).returncode == 0
