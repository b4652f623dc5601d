"""Planner speed: generate a 120-day plan, re-plan it with history, export it as
.ics, over several runs (pure core, no Qt, no disk).  Last line: one JSON object.

Numbers to watch: a re-plan happens on every set-up save and Re-plan click and
must feel instant; the export runs on the GUI thread.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from readiness.core.appointment import ExamAppointment
from readiness.core.planner.generate import generate_plan, replan
from readiness.core.planner.ics import build_calendar
from readiness.core.planner.milestones import build_milestones, load_rules
from readiness.core.planner.models import PlanSetup, SessionStatus
from readiness.resources import resource_path

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
SHARES = {
    "coding-knowledge": 0.5, "coding-documentation": 0.18, "provider-queries": 0.12,
    "regulatory-compliance": 0.14, "information-technologies": 0.06,
}


def main() -> None:
    start = date(2026, 1, 5)
    setup = PlanSetup(start, start + timedelta(days=120), (120, 120, 90, 120, 60, 300, 240),
                      frozenset({start + timedelta(days=30)}))
    appt = ExamAppointment(exam_date=setup.end, att_received=start)
    rules = load_rules(resource_path("planner", "rules.json"))
    gen, re, ics = [], [], []
    sessions = events = 0
    for _ in range(RUNS):
        t0 = time.perf_counter()
        plan = generate_plan(setup, SHARES)
        t1 = time.perf_counter()
        today = start + timedelta(days=60)
        marked = type(plan)(tuple(
            replace(s, status=SessionStatus.DONE if i % 3 else SessionStatus.SKIPPED)
            if s.day < today - timedelta(days=7) else s
            for i, s in enumerate(plan.sessions)
        ))
        t2 = time.perf_counter()
        again = replan(setup, marked, SHARES, today)
        t3 = time.perf_counter()
        data = build_calendar(setup, again, build_milestones(appt, again, rules, set()),
                              stamp=datetime(2026, 3, 1, tzinfo=UTC), appointment=appt)
        t4 = time.perf_counter()
        gen.append(t1 - t0)
        re.append(t3 - t2)
        ics.append(t4 - t3)
        sessions = len(again.sessions)
        events = data.count(b"BEGIN:VEVENT")
    print(json.dumps({
        "benchmark": "planner",
        "runs": RUNS,
        "plan_days": (setup.end - setup.start).days,
        "sessions": sessions,
        "ics_events": events,
        "generate_ms_median": round(statistics.median(gen) * 1000, 2),
        "replan_ms_median": round(statistics.median(re) * 1000, 2),
        "ics_export_ms_median": round(statistics.median(ics) * 1000, 2),
    }))


if __name__ == "__main__":
    main()
