"""Render a scenario of a full mock exam to a PNG: the neutral heading and typed-code entry
with several fields added (issue 12).  Usage: ``QT_QPA_PLATFORM=offscreen python
scripts/render_exam_scenario.py [OUT.png] [--codesets DIR]`` (a built code-set folder to
copy, for pick-list titles; default: none, titles show the code set's name)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from readiness.core.bank.models import Scenario  # noqa: E402
from readiness.core.exam.forms import full_mock_spec  # noqa: E402
from readiness.paths import AppPaths  # noqa: E402
from readiness.ui.appearance import setup_application_style  # noqa: E402
from readiness.ui.context import UiContext  # noqa: E402
from readiness.ui.dialogs import ScriptedDialogs  # noqa: E402
from readiness.ui.exam.driver import ExamWindow, ScenarioView  # noqa: E402
from readiness.ui.tasks import TaskRunner  # noqa: E402
from readiness.workspace import Workspace  # noqa: E402

CODES = ("0DTJ4ZZ", "0DJ08ZZ", "30233N1", "5A1955Z")


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    out = Path(args[0]) if args else ROOT / "docs" / "screens" / "exam-scenario-full-mock.png"
    codesets = Path(argv[argv.index("--codesets") + 1]) if "--codesets" in argv else None
    app = QApplication.instance() or QApplication([])
    setup_application_style(app)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as home:
        paths = AppPaths(Path(home))
        if codesets is not None:
            shutil.copytree(codesets, paths.codesets, dirs_exist_ok=True)
        workspace, _ = Workspace.open(paths, take_backup=False)
        blueprint = workspace.exams.blueprint("ccs-candidate-guide")
        run = workspace.exams.start(full_mock_spec(blueprint, seed=12))
        window = ExamWindow(UiContext(workspace, ScriptedDialogs(), TaskRunner()), run)
        window.resize(1366, 768)
        window.show()
        position = next(p for p, e in enumerate(run.form.entries) if e.kind == "scenario"
                        and any(q.style == "enter" for q in run.content(p).questions
                                if isinstance(run.content(p), Scenario)))
        window.jump_to(position)
        view = window.content.currentWidget()
        assert isinstance(view, ScenarioView)
        block = next(b for b in view.blocks if b.entry is not None)
        assert block.entry is not None
        for n, code in enumerate(CODES):
            if n:
                block.entry.add_field()
            QTest.keyClicks(block.fields[n], code)
        block.entry.add_field()  # one more, still empty
        for _ in range(3):
            app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(out))
        print(f"{out}: {view.heading}; {len(block.fields)} code fields")
        window.shutdown()
        workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
