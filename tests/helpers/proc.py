"""Reading a child process's output without ever blocking a test run forever."""

from __future__ import annotations

import os
import selectors
import subprocess
import time
from pathlib import Path

CHILD_TIMEOUT_S = 120.0
REPO = Path(__file__).resolve().parents[2]


def read_line(proc: subprocess.Popen[str], timeout: float = CHILD_TIMEOUT_S) -> str:
    """The child's next stdout line; fails the test if none comes within ``timeout``."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                proc.kill()
                raise AssertionError(f"no output from the child within {timeout:.0f} s")
            if selector.select(timeout=left):
                return proc.stdout.readline()


def read_prefixed(proc: subprocess.Popen[str], prefix: str) -> str:
    """The rest of the child's next line starting with ``prefix`` (other lines skipped);
    fails the test with the child's stderr if it ends first."""
    while True:
        line = read_line(proc)
        if not line:
            err = proc.stderr.read() if proc.stderr else ""
            raise AssertionError(f"child ended before {prefix!r}: {err[-2000:]}")
        if line.startswith(prefix):
            return line[len(prefix):].strip()


def app_env(home: Path) -> dict[str, str]:
    """The environment for a child app of this checkout with its own data folder."""
    return dict(os.environ, READINESS_HOME=str(home), QT_QPA_PLATFORM="offscreen",
                PYTHONPATH=str(REPO))
