"""Planner speed: generate a 120-day plan, re-plan it with history, export it as
.ics, choose the concrete tasks of every session (pure core, no Qt, no disk; every
drill book offered, so drill tasks are generated too: ``drill_tasks_generated``), and
the tasks of one session through the service as the Today tab asks for them on
each selection (a throw-away workspace on disk with the drill books below installed,
so the drill task's book and figures are read too: ``session_drill_tasks_service``
counts the drill tasks that session shows).  Last line: one JSON object.

Numbers to watch: a re-plan happens on every set-up save and Re-plan click and
must feel instant; the export and the session's tasks run on the GUI thread.

Code-book drill generation (``drill_*`` keys) reads the official books: the bundled
ICD-10-CM tabular list (built once into BENCH_CODESETS, default .venv/codesets, the
folder ``make bank-check`` uses) plus the index, tables and PCS files from
../shared/data/cms, imported into a temporary copy when present.  Drawing a set of 10
happens when a drill starts; the first PCS draw also loads every PCS table.
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
from readiness.core.planner.tasks import plan_turns, session_tasks
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
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        sets = _drill_books(Path(tmp))
        tasks_ms, task_count, view_ms, drill_tasks, drill_views = task_timings(again, sets)
        drills = drill_generation(sets)
    print(json.dumps({
        "benchmark": "planner",
        "runs": RUNS,
        "plan_days": (setup.end - setup.start).days,
        "sessions": sessions,
        "ics_events": events,
        "generate_ms_median": round(statistics.median(gen) * 1000, 2),
        "replan_ms_median": round(statistics.median(re) * 1000, 2),
        "ics_export_ms_median": round(statistics.median(ics) * 1000, 2),
        "tasks_whole_plan_ms_median": tasks_ms,
        "tasks_generated": task_count,
        "drill_tasks_generated": drill_tasks,
        "session_tasks_service_ms_median": view_ms,
        "session_drill_tasks_service": drill_views,
        **drills,
    }))


def task_timings(plan: object, sets: Path) -> tuple[float, int, float, int, int]:
    """Tasks for every session of ``plan`` (core, with every drill book offered), and one
    session's through the service with the drill books of ``sets`` installed (so the
    drill books' figures are read on each selection, as on the Today tab)."""
    import shutil
    import tempfile

    from readiness.core.clock import FakeClock
    from readiness.core.drills.models import DrillBook
    from readiness.core.planner.models import Plan, PlannerPreferences
    from readiness.core.planner.tasks import DrillOption, TaskKind
    from readiness.paths import AppPaths
    from readiness.workspace import Workspace

    assert isinstance(plan, Plan)
    with tempfile.TemporaryDirectory() as home:
        ws, _ = Workspace.open(AppPaths(Path(home)).ensure(), FakeClock(), take_backup=False)
        for db in sets.glob("*.sqlite3"):
            shutil.copy(db, ws.codesets_dir / db.name)
        ws.codebook.reload()
        try:
            caps = replace(ws.plan_tasks.capabilities(), drill_books=tuple(
                DrillOption(b.value, b.label, 0.6, 45.0) for b in DrillBook))
            stats = ws.plan_tasks.task_stats()
            core, count, drills = [], 0, 0
            for _ in range(RUNS):
                t0 = time.perf_counter()
                turns = plan_turns(plan.sessions)
                made = [t for s in plan.sessions
                        for t in session_tasks(s, turns[s.id], 0.6, stats, caps)]
                core.append(time.perf_counter() - t0)
                count = len(made)
                drills = sum(1 for t in made if t.kind is TaskKind.DRILL)
            today = ws.planner.today_date()
            ws.planner.save_setup(
                PlannerPreferences(start=today, availability=(120, 120, 90, 120, 60, 300, 240)),
                ExamAppointment(exam_date=today + timedelta(days=100), att_received=today))
            first = ws.planner.plan().on(today)[0]
            views = []
            for _ in range(RUNS):
                t0 = time.perf_counter()
                shown = ws.plan_tasks.views(first.id)
                views.append(time.perf_counter() - t0)
            drill_views = sum(1 for v in shown if v.task.kind is TaskKind.DRILL)
        finally:
            ws.close()
    return (round(statistics.median(core) * 1000, 2), count,
            round(statistics.median(views) * 1000, 2), drills, drill_views)



DRILL_FILES = (
    "icd10cm-fy2025-lf/icd-10-cm-eindex-2025.xml.xz",
    "icd10cm-fy2025-lf/icd-10-cm-neoplasm-2025.xml.xz",
    "icd10cm-fy2025-lf/icd-10-cm-drug-2025.xml.xz",
    "icd10pcs/icd10pcs_tables_2026.xml.xz",
)


def _drill_books(work: Path) -> Path:
    """A code-set folder with the tabular list and whichever official files exist."""
    import lzma
    import shutil

    from readiness.codebook import importer
    from readiness.codebook.library import CodeBook

    root = Path(__file__).resolve().parent.parent
    cached = Path(os.environ.get("BENCH_CODESETS", root / ".venv" / "codesets"))
    book = CodeBook(cached)
    if book.needs_default_build():
        book.build_default()
    book.close()
    sets = work / "sets"
    sets.mkdir()
    for db in cached.glob("*.sqlite3"):
        shutil.copy(db, sets / db.name)
    shared = root.parent / "shared" / "data" / "cms"
    for rel in DRILL_FILES:
        src = shared / rel
        if src.exists():
            raw = work / src.name[:-3]
            with lzma.open(src) as a, raw.open("wb") as b:
                shutil.copyfileobj(a, b)
            importer.import_file(raw, sets)
    return sets


def drill_generation(sets: Path) -> dict[str, object]:
    """Pool sizes and the time to draw a set of 10 look-ups, per installed book."""
    import random

    from readiness.codebook.drill_source import BookDrillSource
    from readiness.codebook.library import CodeBook
    from readiness.core.drills.generate import draw
    from readiness.core.drills.models import DrillBook

    out: dict[str, object] = {}
    book = CodeBook(sets)
    try:
        ready = [b for b in DrillBook if not BookDrillSource(book).missing(b)]
        out["drill_books"] = [b.value for b in ready]
        if DrillBook.PCS_TABLES in ready:
            t0 = time.perf_counter()
            draw(DrillBook.PCS_TABLES, BookDrillSource(book), 10, random.Random(0))
            out["drill_pcs-tables_first_draw10_ms"] = round(
                (time.perf_counter() - t0) * 1000, 1)
        for drill in ready:
            times, drawn = [], 0
            for run in range(RUNS):
                source = BookDrillSource(book)  # a new set: nothing cached but the book
                t0 = time.perf_counter()
                drawn = len(draw(drill, source, 10, random.Random(run)))
                times.append(time.perf_counter() - t0)
            out[f"drill_{drill.value}_pool"] = BookDrillSource(book).pool_size(drill)
            out[f"drill_{drill.value}_draw10_ms_median"] = round(
                statistics.median(times) * 1000, 2)
            out[f"drill_{drill.value}_drawn"] = drawn
    finally:
        book.close()
    return out


if __name__ == "__main__":
    main()
