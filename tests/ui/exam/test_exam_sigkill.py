"""Kill the app with SIGKILL in the middle of an exam, several times; every resume is exact."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers.proc import app_env, read_prefixed

REPO = Path(__file__).resolve().parents[3]
CHILD = REPO / "tests" / "helpers" / "exam_child.py"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]


def run_until_killed(home: Path, mode: str, first: int, last: int
                     ) -> tuple[dict | None, dict, float]:
    """Start a child, read its resume STATE and ACKs; SIGKILL it right after the last ACK."""
    proc = subprocess.Popen([sys.executable, str(CHILD), mode, str(first), str(last)],
                            env=app_env(home), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        resumed = json.loads(read_prefixed(proc, "STATE "))
        ack: dict = {}
        for n in range(first, last):
            number, _, payload = read_prefixed(proc, "ACK ").partition(" ")
            assert int(number) == n
            ack = json.loads(payload)
        os.kill(proc.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    # From the moment the child printed its last ACK (CLOCK_MONOTONIC is system-wide),
    # not from when this process got round to reading it.
    return (resumed if mode != "start" else None), ack, killed_at - ack["printed_at"]


def assert_exact(resumed: dict, before: dict, slack: float) -> None:
    assert resumed["position"] == before["position"]
    assert resumed["responses"] == before["responses"]
    assert resumed["hidden"] == before["hidden"]
    # Time: what was saved with the last action; a clock tick between the action and the
    # kill may have saved a little more, never more than the time that really passed.
    assert before["elapsed"] <= resumed["elapsed"] <= before["elapsed"] + slack + 1.0


def test_sigkill_at_several_points_resumes_exactly(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _, after_flag, gap = run_until_killed(home, "start", 0, 3)  # answer, strike, flag
    assert after_flag["responses"]["0"] == {"s": [1], "x": [3], "f": 1, "v": 1}

    resumed, after_codes, gap2 = run_until_killed(home, "resume", 3, 9)  # ... typed PCS code
    assert resumed is not None
    assert_exact(resumed, after_flag, gap)
    scenario = after_codes["position"]
    assert after_codes["responses"][str(scenario)]["c"] == {
        "sc-000-pdx": ["icd10cm:J44.1"], "sc-000-pcs": ["0BJ08ZZ"]}
    assert after_codes["responses"]["1"]["h"] == [[0, 4]]

    resumed, after_strike, gap3 = run_until_killed(home, "resume", 9, 12)  # hide clock, jump
    assert resumed is not None
    assert_exact(resumed, after_codes, gap2)
    assert after_strike["hidden"] is True and after_strike["position"] == 1

    result = subprocess.run([sys.executable, str(CHILD), "check"], env=app_env(home),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    final = json.loads(next(line[6:] for line in result.stdout.splitlines()
                            if line.startswith("STATE ")))
    assert_exact(final, after_strike, gap3)
