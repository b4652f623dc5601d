"""Cold start: process start → main window shown (offscreen), over several runs.

Each run is a fresh interpreter with a fresh READINESS_HOME, timed from spawn
until the app prints "shown" (printed from the first event-loop turn after
``window.show()``).  Last line: one JSON object.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
REPO = Path(__file__).resolve().parent.parent


def one_run(home: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", READINESS_HOME=str(home),
               PYTHONPATH=str(REPO))
    # An installed app runs from compiled bytecode (pip compiles at install time); with
    # PYTHONDONTWRITEBYTECODE set every run would re-compile all sources and time that.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "readiness", "--exit-after-show"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - began
    _out, err = proc.communicate(timeout=60)
    if line.strip() != "shown":
        raise SystemExit(f"app did not start: {err}")
    return elapsed


def main() -> None:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        one_run(Path(folder) / "warm-disk-cache")  # not counted: OS file cache, bytecode
        for run in range(RUNS):
            times.append(one_run(Path(folder) / f"run{run}"))
    for i, t in enumerate(times):
        print(f"run {i}: {t * 1000:.0f} ms")
    print(json.dumps({
        "startup_median_s": round(statistics.median(times), 3),
        "startup_min_s": round(min(times), 3),
        "startup_max_s": round(max(times), 3),
        "runs": len(times),
        "goal_median_s": 0.8,
    }))


if __name__ == "__main__":
    main()
