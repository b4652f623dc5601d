"""Case 8 of issue 15: signals and housekeeping.  Ctrl+C and SIGTERM save, close and exit
with the conventional status; --smoke leaves nothing in the temp folder; file modes are
owner-only whatever the umask; an existing folder's mode is left alone."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.proc import read_line

from readiness.paths import AppPaths

REPO = Path(__file__).resolve().parents[2]
CHILD = REPO / "tests" / "helpers" / "signal_child.py"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and modes")


def env_for(home: Path | None, tmp: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO),
               HOME=str(tmp), XDG_DATA_HOME=str(tmp / "xdg"),
               XDG_RUNTIME_DIR=str(tmp / "runtime"))
    (tmp / "runtime").mkdir(mode=0o700, exist_ok=True)
    env.pop("READINESS_HOME", None)
    if home is not None:
        env["READINESS_HOME"] = str(home)
    return env


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_saves_closes_and_exits_conventionally(tmp_path: Path, signum: int) -> None:
    home = tmp_path / "home"
    proc = subprocess.Popen([sys.executable, str(CHILD)], env=env_for(home, tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert read_line(proc).strip() == "READY"
        paths = AppPaths(home)
        assert paths.running_marker.exists()
        proc.send_signal(signum)
        proc.wait(timeout=30)  # it used to be still running 26 s after Ctrl+C
    finally:
        if proc.poll() is None:
            proc.kill()
        _out, err = proc.communicate()
    assert proc.returncode == 128 + signum, err[-2000:]
    assert "Traceback" not in err
    assert not paths.running_marker.exists()  # closed like a normal exit: no full check
    wal = paths.database.with_name(paths.database.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # the WAL was folded back
    assert (paths.logs / "faults.log").exists()  # faulthandler writes there


def test_smoke_without_home_leaves_nothing_in_the_temp_folder(tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    env = dict(env_for(None, tmp_path), TMPDIR=str(temp))
    result = subprocess.run([sys.executable, "-m", "readiness", "--smoke"], env=env,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    assert list(temp.iterdir()) == []


def test_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = subprocess.run([sys.executable, "-m", "readiness", "--smoke"],
                            env=env_for(home, tmp_path), capture_output=True, text=True,
                            timeout=180, preexec_fn=lambda: os.umask(0))
    assert result.returncode == 0, result.stderr[-2000:]
    loose = []
    for path in [home, *home.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        wanted = 0o700 if path.is_dir() else 0o600
        if mode & 0o077 or (path.is_dir() and mode != wanted):
            loose.append(f"{path.relative_to(tmp_path)} {mode:o}")
    assert loose == []


def test_an_existing_folders_mode_is_not_changed(tmp_path: Path) -> None:
    home = tmp_path / "shared-folder"
    home.mkdir()
    home.chmod(0o755)
    result = subprocess.run([sys.executable, "-m", "readiness", "--smoke"],
                            env=env_for(home, tmp_path), capture_output=True, text=True,
                            timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    assert stat.S_IMODE(home.stat().st_mode) == 0o755
    logged = (home / "logs" / "readiness.log").read_text(encoding="utf-8")
    assert "readable by other users (mode 755); left as it is" in logged
