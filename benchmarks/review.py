"""Spaced review speed: finishing a full mock (score + 113 FSRS cards, one commit) and the
"due today" queries the start page and the dashboard make.

A throw-away data folder with a FakeClock: 10 full candidate-guide mocks (105 multiple
choice + 8 scenarios, a third answered wrong) a day apart, each finish timed; then the
due summary and the review form over the resulting cards, timed 50 times.
Uses the synthetic test bank (600 items) so every mock draws new items and cards pile up.
Prints one JSON object as its last line.  Goals: finish p95 <= 150 ms, summary <= 30 ms.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from fixtures.exam_bank import make_bank  # noqa: E402

from readiness.core.clock import FakeClock  # noqa: E402
from readiness.core.exam.forms import full_mock_spec  # noqa: E402
from readiness.paths import AppPaths  # noqa: E402
from readiness.workspace import Workspace  # noqa: E402


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def main() -> None:
    clock = FakeClock()
    home = Path(tempfile.mkdtemp(prefix="ccs-review-bench-"))
    workspace, _ = Workspace.open(AppPaths(home), clock, take_backup=False)
    workspace.exams.set_bank(make_bank(per_domain=120, scenarios=40))
    blueprint = workspace.exams.blueprint("ccs-candidate-guide")
    finishes = []
    for attempt in range(10):
        run = workspace.exams.start(full_mock_spec(blueprint, seed=attempt))
        for position, entry in enumerate(run.form.entries):
            content = run.content(position)
            if entry.kind == "scenario":
                question = content.questions[0]  # type: ignore[union-attr]
                run.set_codes(position, question.id, [str(question.answers[0].code)])
            else:
                key = content.key  # type: ignore[union-attr]
                run.select(position, key if position % 3 else [len(content.options) - 1])  # type: ignore[union-attr]
        clock.advance(3600)
        started = time.perf_counter()
        run.finish()
        finishes.append((time.perf_counter() - started) * 1000)
        clock.advance(86400 - 3600)
    summaries, forms = [], []
    for _ in range(50):
        started = time.perf_counter()
        summary = workspace.review.summary()
        summaries.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        form = workspace.exams.preview(workspace.review.spec(blueprint.id, seed=1, limit=50))
        forms.append((time.perf_counter() - started) * 1000)
    workspace.close()
    print(json.dumps({
        "benchmark": "review",
        "attempts": len(finishes),
        "cards": summary.cards,
        "due_today": summary.due_today,
        "review_form_items": len(form.entries),
        "finish_p95_ms": round(p95(finishes), 2),
        "summary_p95_ms": round(p95(summaries), 2),
        "review_form_p95_ms": round(p95(forms), 2),
    }))


if __name__ == "__main__":
    main()
