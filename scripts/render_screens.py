"""Render every page and dialog, light, dark and high contrast, to docs/screens/.

Usage: ``QT_QPA_PLATFORM=offscreen python scripts/render_screens.py [OUT_DIR]
[--all]``.  Without ``--all`` it writes the committed set (COMMITTED_PAGES,
COMMITTED_DIALOGS); ``--all`` adds every other size and scheme.  Dialogs come
from readiness/ui/dialog_samples.py, sized as on a screen of each size.  Uses a
throw-away data folder filled with a sample candidate's data
(scripts/demo_data.py) and the bundled ICD-10-CM code book, built once.  Cut-off
labels and buttons found on each screen are printed (see
readiness/ui/layout_check.py); the offscreen platform ignores the colour-scheme
hint, so dark here is the app's own palette, as on a plain X session.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from demo_data import seed  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from readiness.paths import AppPaths  # noqa: E402
from readiness.ui import appearance, dialog_samples  # noqa: E402
from readiness.ui.app import Started, start  # noqa: E402
from readiness.ui.dialogs import ScriptedDialogs  # noqa: E402
from readiness.ui.layout_check import cut_off, fit_to_screen, overlapping  # noqa: E402
from readiness.workspace import Workspace  # noqa: E402

SIZES = ((1024, 640), (1366, 768), (1440, 900))
SCHEMES = ("dark", "light", "contrast")
# Small enough to keep in git: every page in dark at the smallest size and in light and
# high contrast at the most common laptop size; every dialog in dark and high contrast.
COMMITTED_PAGES = (("dark", (1024, 640)), ("light", (1366, 768)), ("contrast", (1366, 768)))
COMMITTED_DIALOGS = (("dark", (1024, 640)), ("contrast", (1024, 640)))


def main(argv: list[str]) -> int:
    everything = "--all" in argv
    args = [a for a in argv if not a.startswith("--")]
    out = Path(args[0]) if args else ROOT / "docs" / "screens"
    out.mkdir(parents=True, exist_ok=True)
    every = [(s, size) for s in SCHEMES for size in SIZES]
    pages = every if everything else list(COMMITTED_PAGES)
    dialogs = every if everything else list(COMMITTED_DIALOGS)
    with tempfile.TemporaryDirectory() as home:
        workspace, _ = Workspace.open(AppPaths(Path(home)))
        seed(workspace)
        workspace.codebook.build_default()  # the code book page shows codes, not "building"
        workspace.close()
        started = start(AppPaths(Path(home)), ScriptedDialogs())
        assert isinstance(started, Started)
        problems = (_pages(started, pages, out) + _dialogs(started, dialogs, out)
                    + _exam_window(started, dialogs, out))
        started.shutdown()
    print(f"{problems} cut-off or overlapping widget(s)")
    return 0


def _save(root: QWidget, path: Path) -> int:
    """Grab ``root`` to ``path``; print and count what is cut off on it."""
    root.grab().save(str(path))
    found = cut_off(root) + overlapping(root)
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    for line in found:
        print(f"  {line}")
    return len(found)


def _settle(app: QApplication) -> None:
    for _ in range(3):  # layout passes: a scroll area resizes its page a pass later
        app.processEvents()


def _pages(started: Started, shots: list[tuple[str, tuple[int, int]]], out: Path) -> int:
    window, problems = started.window, 0
    for scheme, (width, height) in shots:
        appearance.apply_scheme(scheme, started.app)
        window.resize(width, height)
        for key in window.page_keys():
            window.show_page(key)
            _settle(started.app)
            problems += _save(window, out / f"{scheme}-{width}x{height}-{key}.png")
    return problems


def _dialogs(started: Started, shots: list[tuple[str, tuple[int, int]]], out: Path) -> int:
    problems = 0
    for scheme, size in shots:
        appearance.apply_scheme(scheme, started.app)
        for name, make in dialog_samples.dialogs(started.ctx, started.window):
            dialog = make()
            fit_to_screen(dialog, size)
            dialog.show()
            _settle(started.app)
            problems += _save(dialog, out / f"{scheme}-{size[0]}x{size[1]}-dialog-{name}.png")
            dialog.close()
            dialog.deleteLater()
    return problems


def _exam_window(started: Started, shots: list[tuple[str, tuple[int, int]]], out: Path) -> int:
    """The test-center driver (its own window), on the first question of a full mock."""
    from readiness.ui.exam.page import ExamPage

    page = started.window.page("exam")
    assert isinstance(page, ExamPage)
    problems = 0
    for scheme, size in shots:
        appearance.apply_scheme(scheme, started.app)
        exam = page.start_selected()
        assert exam is not None
        exam.resize(*size)
        _settle(started.app)
        problems += _save(exam, out / f"{scheme}-{size[0]}x{size[1]}-exam-window.png")
        exam.shutdown()
        page.exams.abandon(exam.run.attempt_id)  # the sample data keeps no open attempt
    return problems


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
