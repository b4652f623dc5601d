"""Reading a child process's output without ever blocking a test run forever."""

from __future__ import annotations

import selectors
import subprocess
import time

CHILD_TIMEOUT_S = 120.0


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
