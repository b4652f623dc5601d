"""Checklist responsiveness: what one user action costs.

Times (median of several runs, milliseconds): building the checklist view from
the store, checking an item (one transaction + a fresh view, as the page does),
the arrival plan across a DST night, a name comparison, the grouped reminder
check, the view in online (OnVUE) mode, and writing the one-page PDF card.
Last line: one JSON object.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from datetime import time as clock_time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from readiness.core.appointment import Delivery, ExamAppointment
from readiness.core.checklist.names import compare_names
from readiness.core.checklist.reminders import NightHours
from readiness.core.clock import FakeClock
from readiness.paths import AppPaths
from readiness.workspace import Workspace

RUNS = int(os.environ.get("BENCH_RUNS", "30"))


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        samples.append((time.perf_counter() - began) * 1000)
    return round(statistics.median(samples), 3)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = FakeClock(datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
        ws, _ = Workspace.open(AppPaths(Path(folder)).ensure(), clock, take_backup=False)
        service = ws.checklist
        service.save_appointment(ExamAppointment(
            exam_date=date(2026, 3, 8), exam_time=clock_time(8, 0), timezone="America/Chicago",
            center_name="Pearson VUE", center_address="1 Main St"))
        for n in range(10):
            service.add("day-before", f"Extra item {n}")
        toggle = [False]

        def check_item() -> None:
            toggle[0] = not toggle[0]
            service.set_checked("primary-id", toggle[0])
            service.view()

        result = {
            "benchmark": "checklist",
            "runs": RUNS,
            "view_ms": median_ms(service.view),
            "check_item_ms": median_ms(check_item),
            "arrival_dst_night_ms": median_ms(service.arrival),
            "name_compare_ms": median_ms(
                lambda: compare_names("Mary-Jane O'Neil Smith Jr.", "Mary Jane ONeil Smith")),
            "reminder_check_ms": median_ms(lambda: service.next_reminder(NightHours())),
        }
        service.set_delivery(Delivery.ONLINE)
        result["view_online_ms"] = median_ms(service.view)
        from PySide6.QtWidgets import QApplication

        from readiness.ui.checklist.card import write_card_pdf

        app = QApplication.instance() or QApplication([])
        out = Path(folder) / "card.pdf"
        result["pdf_card_ms"] = median_ms(lambda: write_card_pdf(service.card(), out), 5)
        result["pdf_card_bytes"] = out.stat().st_size
        del app
        ws.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
