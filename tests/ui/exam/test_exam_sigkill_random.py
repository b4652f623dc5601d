"""SIGKILL a real exam at 21 random moments; every resume is exact (issue 15).

A reference run records the state after each scripted action (the form and the actions
are deterministic).  Then a second attempt is taken in a chain of child processes, each
killed at a random moment — between actions or in the middle of one.  The next child's
resumed state must equal the reference state after the last action the killed child
acknowledged, or after the one it was performing (which may have committed before the
kill but not yet said so; typing saves each keystroke); never anything else.  The parent
tells the resumed child where to continue.
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
from helpers.proc import app_env, read_prefixed

REPO = Path(__file__).resolve().parents[3]
CHILD = REPO / "tests" / "helpers" / "exam_child.py"
KILLS = 21  # the last kill's state is checked by the check run below
ACTIONS = 12

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]


def comparable(state: dict) -> dict:
    return {k: state[k] for k in ("position", "responses", "hidden")}


def reference(tmp_path: Path) -> list[dict]:
    """The state after each action, from one run that is not killed."""
    proc = subprocess.Popen([sys.executable, str(CHILD), "start", "0", str(ACTIONS)],
                            env=app_env(tmp_path / "reference"), stdout=subprocess.PIPE,
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


TYPING = 8  # the action that types a PCS code: each keystroke is its own save
PCS = "sc-000-pcs"


def which_state(saved: dict, states: list[dict], acked: int) -> int | None:
    """How many actions ``saved`` reflects: ``acked`` or the one in flight (``acked + 1``;
    mid-typing, any prefix of the code, counted as not yet done)."""
    for k in (acked, acked + 1):
        if k < len(states) and states[k] == saved:
            return k
    if acked == TYPING:
        after = states[TYPING + 1]
        position = str(after["position"])
        typed = saved["responses"].get(position, {}).get("c", {}).get(PCS, [""])[0]
        whole = after["responses"][position]["c"][PCS][0]
        rest = {**saved["responses"][position].get("c", {})}
        rest.pop(PCS, None)
        want = {**after["responses"][position]["c"]}
        want.pop(PCS)
        if whole.startswith(typed) and rest == want:
            return TYPING
    return None


def test_sigkill_at_random_moments_resumes_exactly(tmp_path: Path) -> None:
    states = reference(tmp_path)
    rng = random.Random(int(os.environ.get("READINESS_KILL_SEED", "15")))
    home = tmp_path / "home"
    acked, moments = 0, []
    for kill in range(KILLS):
        mode, first = ("start", "0") if kill == 0 else ("resume", "stdin")
        proc = subprocess.Popen([sys.executable, str(CHILD), mode, first, str(ACTIONS)],
                                env=app_env(home), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            resumed = comparable(json.loads(read_prefixed(proc, "STATE ")))
            done = 0 if kill == 0 else which_state(resumed, states, acked)
            assert done is not None, (f"kill {kill}: resumed a state that is neither after "
                                      f"{acked} nor {acked + 1} actions: {resumed}")
            if kill:
                assert proc.stdin is not None
                proc.stdin.write(f"{done}\n")
                proc.stdin.flush()
            # A random moment among the actions (a few hundred ms for all of them).
            moment = rng.uniform(0.0, 0.4)
            moments.append(moment)
            time.sleep(moment)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            out, _err = proc.communicate()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        assert proc.returncode == -signal.SIGKILL
        numbers = [int(line.split()[1]) for line in out.splitlines() if line.startswith("ACK ")]
        acked = numbers[-1] + 1 if numbers else done
    result = subprocess.run([sys.executable, str(CHILD), "check"], env=app_env(home),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    final = comparable(json.loads(next(line[6:] for line in result.stdout.splitlines()
                                       if line.startswith("STATE "))))
    assert which_state(final, states, acked) is not None, final
    assert len(moments) >= 20
