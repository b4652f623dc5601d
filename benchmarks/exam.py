"""Exam driver speed: show the next item (render included) and one autosave.

Builds a full candidate-guide mock (105 multiple-choice items + 8 scenarios) in a
throw-away data folder, opens the real driver window offscreen and times:
- next item: ExamWindow.next() (which saves the move) plus a synchronous repaint
  of the whole window, over every position of the form, twice;
- autosave: one candidate action (flag toggle / answer) = one committed transaction.
The bundled ICD-10-CM code set is built first, so scenario pick lists show code titles.
Uses the shipped bank, topped up with synthetic items to the issue-12 target size
(650 multiple-choice items, 45 scenarios) while the shipped bank is smaller.
Prints one JSON object as its last line.  Goals: p95 <= 16 ms and <= 5 ms.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from dataclasses import replace  # noqa: E402

from PySide6.QtWidgets import QApplication  # noqa: E402

from readiness.core.bank.loader import load_bank_dir, shipped_bank_dir  # noqa: E402
from readiness.core.bank.models import Bank  # noqa: E402
from readiness.core.exam.forms import full_mock_spec  # noqa: E402
from readiness.paths import AppPaths  # noqa: E402
from readiness.ui.appearance import setup_application_style  # noqa: E402
from readiness.ui.context import UiContext  # noqa: E402
from readiness.ui.dialogs import ScriptedDialogs  # noqa: E402
from readiness.ui.exam.driver import ExamWindow  # noqa: E402
from readiness.ui.tasks import TaskRunner  # noqa: E402
from readiness.workspace import Workspace  # noqa: E402

TARGET_ITEMS, TARGET_SCENARIOS = 650, 45


def top_up(bank: Bank) -> Bank:
    """The shipped bank plus synthetic items and scenarios up to the target size."""
    from fixtures.exam_bank import make_bank

    extra = make_bank(per_domain=TARGET_ITEMS, scenarios=TARGET_SCENARIOS)
    weights = {"coding-knowledge": 0.48, "coding-documentation": 0.20,
               "provider-queries": 0.12, "regulatory-compliance": 0.14,
               "information-technologies": 0.06}
    items = list(bank.items)
    for domain, weight in weights.items():
        have = sum(1 for i in items if i.domain == domain)
        pool = [replace(i, id=f"bench-{i.id}") for i in extra.items if i.domain == domain]
        items.extend(pool[: max(0, round(TARGET_ITEMS * weight) - have)])
    scenarios = list(bank.scenarios)
    scenarios.extend(replace(s, id=f"bench-{s.id}")
                     for s in extra.scenarios[: max(0, TARGET_SCENARIOS - len(scenarios))])
    return replace(bank, items=tuple(items), scenarios=tuple(scenarios))


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def main() -> None:
    app = QApplication.instance() or QApplication([])
    setup_application_style(app)  # type: ignore[arg-type]
    home = Path(tempfile.mkdtemp(prefix="ccs-exam-bench-"))
    workspace, _ = Workspace.open(AppPaths(home), take_backup=False)
    bank = load_bank_dir(shipped_bank_dir())
    shipped = (len(bank.items), len(bank.scenarios))
    source = "shipped"
    if len(bank.items) < TARGET_ITEMS or len(bank.scenarios) < TARGET_SCENARIOS:
        bank = top_up(bank)
        source = "shipped + synthetic"
    workspace.exams.set_bank(bank)
    # The code sets as a candidate has them after first use, so the scenario screens show
    # the official titles of their choices (looked up once per screen, then cached).
    build_start = time.perf_counter()
    workspace.codebook.build_default()
    build_s = time.perf_counter() - build_start
    blueprint = workspace.exams.blueprint("ccs-candidate-guide")
    run = workspace.exams.start(full_mock_spec(blueprint, seed=2026))
    window = ExamWindow(UiContext(workspace, ScriptedDialogs(), TaskRunner()), run)
    window.resize(1280, 860)
    window.show()
    app.processEvents()

    from readiness.ui.exam.driver import ScenarioView

    views = [v for v in window.findChildren(ScenarioView)]
    titled = sum(1 for v in views for b in v.blocks for label in b.choice_titles
                 if not label.text().startswith("("))
    choices = sum(len(b.choice_titles) for v in views for b in v.blocks)

    next_ms: list[float] = []
    for _round in range(2):
        window.show_position(0)
        app.processEvents()
        for _ in range(len(run) - 1):
            start = time.perf_counter()
            window.next()
            QApplication.sendPostedEvents()  # layout requests
            window.repaint()  # synchronous paint of the whole window
            next_ms.append((time.perf_counter() - start) * 1000)

    save_ms: list[float] = []
    for n in range(400):
        position = n % len(run)
        start = time.perf_counter()
        if n % 2:
            run.toggle_flag(position)
        else:
            entry = run.form.entries[position]
            if entry.kind == "scenario":
                run.set_codes(position, "q", [f"J44.{n % 10}"])
            else:
                run.select(position, [n % 4])
        save_ms.append((time.perf_counter() - start) * 1000)

    window.shutdown()
    workspace.close()
    print(json.dumps({
        "benchmark": "exam",
        "bank": source,
        "bank_items": len(bank.items),
        "bank_scenarios": len(bank.scenarios),
        "shipped_items": shipped[0],
        "shipped_scenarios": shipped[1],
        "form_items": len(run),
        "next_item_samples": len(next_ms),
        "next_item_p95_ms": round(p95(next_ms), 2),
        "next_item_median_ms": round(statistics.median(next_ms), 2),
        "next_item_goal_ms": 16,
        "autosave_samples": len(save_ms),
        "autosave_p95_ms": round(p95(save_ms), 2),
        "autosave_median_ms": round(statistics.median(save_ms), 2),
        "autosave_goal_ms": 5,
        "scenario_choices": choices,
        "choices_with_titles": titled,
        "icd10cm_build_s": round(build_s, 2),
    }))


if __name__ == "__main__":
    main()
