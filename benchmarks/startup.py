"""Cold start: process start → main window shown (offscreen), over several runs,
and the launcher's ``--version`` / ``--help``, which must answer before Qt is loaded.

Each window run is a fresh interpreter with a fresh READINESS_HOME, timed from spawn
until the app prints "shown" (printed from the first event-loop turn after
``window.show()``). Each ``--version`` run spawns the installed ``ccs-readiness``
launcher (the gui-script beside this interpreter) until it exits.
Last line: one JSON object.
"""

from __future__ import annotations

import json
import os
import resource
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


def launcher() -> list[str]:
    script = Path(sys.executable).parent / "ccs-readiness"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "readiness"]


def one_command(args: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run of ``args``.

    CPU time is reported beside wall-clock because on a loaded machine the wall clock
    mostly measures the wait for a core."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("QT_QPA_PLATFORM", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60,
                          check=False)
    elapsed = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def command_median(flag: str) -> tuple[float, float]:
    args = [*launcher(), flag]
    one_command(args)  # not counted: bytecode and file cache
    runs = [one_command(args) for _ in range(max(RUNS, 5))]
    return (statistics.median(wall for wall, _ in runs),
            statistics.median(cpu for _, cpu in runs))


def main() -> None:
    version_s, version_cpu_s = command_median("--version")
    help_s, _help_cpu_s = command_median("--help")
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
        "version_median_s": round(version_s, 4),
        "version_cpu_median_s": round(version_cpu_s, 4),
        "help_median_s": round(help_s, 4),
        "version_runs": max(RUNS, 5),
        "goal_version_s": 0.05,
    }))


if __name__ == "__main__":
    main()
