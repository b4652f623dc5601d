"""SIGKILL a real exam at 22 random moments; every resume is exact (issue 15).

A reference run records the state after each scripted action (the form and the actions
are deterministic).  Then a second attempt is taken in a chain of child processes, each
killed at a random moment — between actions or in the middle of one.  The next child's
resumed state must equal the reference state after the last action the killed child
acknowledged, or after the one it was performing (which may have committed before the
kill but not yet said so); never anything else.  The chain then continues from there.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers.proc import read_line

REPO = Path(__file__).resolve().parents[3]
CHILD = REPO / "tests" / "helpers" / "exam_child.py"
KILLS = 22
ACTIONS = 12

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]


def env_for(home: Path) -> dict[str, str]:
    return dict(os.environ, READINESS_HOME=str(home), QT_QPA_PLATFORM="offscreen",
                PYTHONPATH=str(REPO))


def comparable(state: dict) -> dict:
    return {k: state[k] for k in ("position", "responses", "hidden")}


def read_prefixed(proc: subprocess.Popen[str], prefix: str) -> str:
    while True:
        line = read_line(proc)
        if not line:
            err = proc.stderr.read() if proc.stderr else ""
            raise AssertionError(f"child ended before {prefix!r}: {err[-2000:]}")
        if line.startswith(prefix):
            return line[len(prefix):].strip()


def reference(tmp_path: Path) -> list[dict]:
    """The state after each action, from one run that is not killed."""
    proc = subprocess.Popen([sys.executable, str(CHILD), "start", "0", str(ACTIONS)],
                            env=env_for(tmp_path / "reference"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        states = [comparable(json.loads(read_prefixed(proc, "STATE ")))]
        for n in range(ACTIONS):
            number, _, payload = read_prefixed(proc, "ACK ").partition(" ")
            assert int(number) == n
            states.append(comparable(json.loads(payload)))
    finally:
        proc.kill()
        proc.communicate()
    return states  # states[k]: after k actions


def test_sigkill_at_random_moments_resumes_exactly(tmp_path: Path) -> None:
    states = reference(tmp_path)
    rng = random.Random(int(os.environ.get("READINESS_KILL_SEED", "15")))
    home = tmp_path / "home"
    done = 0  # actions known to be saved
    mode = "start"
    for kill in range(KILLS):
        proc = subprocess.Popen([sys.executable, str(CHILD), mode, str(done), str(ACTIONS)],
                                env=env_for(home), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            resumed = comparable(json.loads(read_prefixed(proc, "STATE ")))
            if mode == "resume":
                assert resumed == states[done], f"kill {kill}: resumed elsewhere"
            else:
                assert resumed == states[0]
            # A random moment in the actions (they take a few hundred ms in all).
            time.sleep(rng.uniform(0.0, 0.4))
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            out, _err = proc.communicate()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        assert proc.returncode == -signal.SIGKILL
        acked = [int(line.split()[1]) for line in out.splitlines() if line.startswith("ACK ")]
        last_acked = (acked[-1] + 1) if acked else done
        # The next start tells which of the two possible states was saved.
        probe = subprocess.run([sys.executable, str(CHILD), "check"], env=env_for(home),
                               capture_output=True, text=True, timeout=120)
        assert probe.returncode == 0, probe.stderr[-2000:]
        saved = comparable(json.loads(next(line[6:] for line in probe.stdout.splitlines()
                                           if line.startswith("STATE "))))
        candidates = [k for k in (last_acked, last_acked + 1)
                      if k < len(states) and states[k] == saved]
        assert candidates, f"kill {kill}: state after {last_acked} actions expected"
        done = candidates[0]
        mode = "resume"
    assert done > 0  # the kills did land among the actions
