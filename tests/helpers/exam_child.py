"""Take a practice exam in the real app (offscreen) and report after every action.

Used by tests/ui/exam/test_exam_sigkill.py, which kills this process with
SIGKILL between actions and checks that the next start resumes exactly.

Usage: ``exam_child.py start|resume FIRST LAST`` runs actions FIRST..LAST-1 (FIRST
``stdin``: read it from stdin after printing STATE, so the parent can decide from the
resumed state);
``exam_child.py check`` resumes, prints the state and exits.  Lines printed:
``STATE <json>`` once the attempt is on screen, ``ACK <n> <json>`` after action n.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fixtures.exam_bank import make_bank
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from readiness.paths import default_paths
from readiness.ui.app import Started, start
from readiness.ui.dialogs import ScriptedDialogs
from readiness.ui.exam.driver import ExamWindow, ScenarioView
from readiness.ui.exam.page import ExamPage


def scenario_position(w: ExamWindow) -> int:
    return next(p for p, e in enumerate(w.run.form.entries) if e.kind == "scenario")


def highlight(w: ExamWindow) -> None:
    cursor = w.stem.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(4, cursor.MoveMode.KeepAnchor)
    w.stem.setTextCursor(cursor)
    w.toggle_highlight()


def view(w: ExamWindow) -> ScenarioView:
    current = w.content.currentWidget()
    assert isinstance(current, ScenarioView)
    return current


def type_pcs_code(w: ExamWindow) -> None:
    # Replaces what is there: a run killed mid-typing is resumed and typed again whole.
    field = view(w).blocks[2].fields[0]
    field.selectAll()
    QTest.keyClicks(field, "0BJ08ZZ")


ACTIONS: list[Callable[[ExamWindow], object]] = [
    lambda w: w.choose(1),
    lambda w: w.strike(3),
    lambda w: w.toggle_flag(),
    lambda w: w.next(),
    lambda w: w.choose(0),
    highlight,
    lambda w: w.jump_to(scenario_position(w)),
    lambda w: QTest.mouseClick(view(w).blocks[0].buttons[0], Qt.MouseButton.LeftButton),
    type_pcs_code,
    lambda w: w.toggle_clock(),
    lambda w: w.jump_to(1),
    lambda w: w.strike(2),
]


def state(started: Started, w: ExamWindow, resumed: bool = False) -> str:
    run = w.run
    exams = started.ctx.workspace.exams
    row = exams.repo.get(run.attempt_id)
    assert row is not None
    elapsed = row.elapsed_s
    if resumed:
        # The time the attempt resumed with, as logged then: under load this line may be
        # printed after the resumed clock has already ticked and saved a second more.
        elapsed = next(at for at, kind, _ in reversed(exams.events(run.attempt_id))
                       if kind == "resume")
    return json.dumps({
        "position": run.position,
        "responses": {str(p): run.response(p).to_json() for p in range(len(run))},
        "hidden": run.clock_hidden,
        "elapsed": elapsed,
    }, sort_keys=True)


def main() -> int:
    mode = sys.argv[1]
    first_arg, last = (sys.argv[2], int(sys.argv[3])) if len(sys.argv) > 3 else ("0", 0)
    dialogs = ScriptedDialogs(confirms=deque([True]))
    started = start(default_paths(), dialogs)
    if isinstance(started, int):
        print(f"EXIT {started}", flush=True)
        return started
    started.ctx.workspace.exams.set_bank(make_bank(per_domain=2, scenarios=1))
    page_box: list[ExamPage] = []

    def page() -> ExamPage:
        if not page_box:
            built = started.window.show_page("exam")
            assert isinstance(built, ExamPage)
            page_box.append(built)
        return page_box[0]

    def run_actions(w: ExamWindow, n: int) -> None:
        if n >= last:
            return
        ACTIONS[n](w)
        # The print time on the shared monotonic clock: under load the parent may read
        # this line a second or more later, while this process's clock keeps saving.
        acked = json.loads(state(started, w)) | {"printed_at": time.monotonic()}
        print(f"ACK {n} {json.dumps(acked, sort_keys=True)}", flush=True)
        QTimer.singleShot(0, lambda: run_actions(w, n + 1))

    def begin() -> None:
        if mode == "start":
            p = page()
            p.seed_edit.setText("7")
            window = p.start_selected()
        else:
            window = page().window_  # the start-up hook offered to resume; we said yes
            if window is None:
                QTimer.singleShot(20, begin)
                return
        assert window is not None
        print(f"STATE {state(started, window, resumed=mode != 'start')}", flush=True)
        if mode == "check":
            window.shutdown()
            started.app.exit(0)
            return
        first = int(sys.stdin.readline()) if first_arg == "stdin" else int(first_arg)
        run_actions(window, first)

    QTimer.singleShot(0, begin)
    code = started.app.exec()
    started.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(main())
