"""MS-DRG impact speed: loading the grouper once, then one review item's comparison.

Times the first load of the drgpy v43.1 tables (done once per run, on a worker
thread in the app) and, after it, ``drg_impact`` for every shipped inpatient
scenario with the key as the candidate's answer and with the principal-diagnosis
question's other choices (the review calls it once per item shown).
Prints one JSON object as its last line.  Goal: p95 of one comparison <= 50 ms.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from readiness.core.bank.loader import load_bank_dir, shipped_bank_dir  # noqa: E402
from readiness.core.exam.drg import drg_impact, grouper  # noqa: E402


def main() -> None:
    scenarios = [s for s in load_bank_dir(shipped_bank_dir()).scenarios
                 if s.setting == "inpatient"]
    started = time.perf_counter()
    grouper()
    load_s = time.perf_counter() - started
    cases = []
    for scenario in scenarios:
        key = {q.id: [str(a.code) for a in q.answers] for q in scenario.questions}
        cases.append((scenario, key))
        first = scenario.questions[0]
        for choice in first.choices:
            cases.append((scenario, {**key, first.id: [str(choice)]}))
    times = []
    for _ in range(3):
        for scenario, given in cases:
            t = time.perf_counter()
            drg_impact(scenario, given)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(json.dumps({
        "benchmark": "drg",
        "grouper_load_s": round(load_s, 3),
        "comparisons": len(times),
        "impact_median_ms": round(statistics.median(times), 2),
        "impact_p95_ms": round(p95, 2),
        "goal_p95_ms": 50,
    }))


if __name__ == "__main__":
    main()
