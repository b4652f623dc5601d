"""Render each book of the code book, and the exam with its code book beside it, to PNG.

Usage: ``QT_QPA_PLATFORM=offscreen python scripts/render_codebook.py [OUT_DIR]``.
A throw-away data folder gets every shipped book (the real first-use build) and a sample
candidate's data; then the code book page shows one page of each book (Tabular List,
the Index tab, External Cause Index, Neoplasm Table, Table of Drugs, PCS Index, PCS
Tables, HCPCS) at 1366x768, and the exam window with the code book it opens is placed
side by side on 1366x768 and 1440x900 screens (task bar 40 px) and drawn as the screen
would show them.
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
from PySide6.QtCore import QPoint, QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from readiness.codebook.model import Kind  # noqa: E402
from readiness.paths import AppPaths  # noqa: E402
from readiness.ui.app import Started, start  # noqa: E402
from readiness.ui.codebook.browser import CodeBookBrowser  # noqa: E402
from readiness.ui.codebook.widgets import hit_target  # noqa: E402
from readiness.ui.dialogs import ScriptedDialogs  # noqa: E402
from readiness.ui.exam.page import ExamPage  # noqa: E402
from readiness.ui.exam.windows import place_beside  # noqa: E402
from readiness.workspace import Workspace  # noqa: E402

TASK_BAR = 40


def settle(app: QApplication) -> None:
    for _ in range(3):  # layout passes (a scroll area resizes its page a pass later)
        app.processEvents()


def term_target(browser: CodeBookBrowser, kind: Kind, words: str) -> str:
    hits = [h for h in browser.service.search(words) if h.source == kind]
    if not hits:
        raise SystemExit(f"nothing for {words!r} in the {kind.label}")
    return hit_target(hits[0])


def book_pages(browser: CodeBookBrowser) -> list[tuple[str, str | None, int | None]]:
    """(name, target, navigation tab) of one page per book."""
    return [
        ("tabular", "cm:E11.9", None),
        ("index-tab", term_target(browser, Kind.CM_EINDEX, "fall from ladder"), 2),
        ("external-cause", term_target(browser, Kind.CM_EINDEX, "fall from ladder"), None),
        ("neoplasm", term_target(browser, Kind.CM_NEOPLASM, "neoplasm breast"), None),
        ("drug", term_target(browser, Kind.CM_DRUG, "acetaminophen"), None),
        ("pcs-index", term_target(browser, Kind.PCS_INDEX, "resection appendix"), None),
        ("pcs-tables", "pcs:0DT", None),
        ("hcpcs", "list:hcpcs:J0131", None),
        ("pcs-builder", "build:0DTJ4ZZ", None),
    ]


def render_books(started: Started, out: Path) -> None:
    window = started.window
    window.resize(1366, 768)
    settle(started.app)  # the window restores the last page a pass after it is shown
    page = window.show_page("codebook")
    settle(started.app)
    browser = page.findChild(CodeBookBrowser)
    assert browser is not None
    for name, target, tab in book_pages(browser):
        if target:
            browser.open_target(target)
        browser.nav.show_tab(tab if tab is not None else 0)
        settle(started.app)
        path = out / f"codebook-{name}.png"
        window.grab().save(str(path))
        print(path, flush=True)
    browser.show_sets()  # the installed books, their editions and the notes
    settle(started.app)
    path = out / "codebook-code-sets.png"
    window.grab().save(str(path))
    print(path, flush=True)


def render_beside(started: Started, out: Path) -> None:
    window = started.window
    page = window.show_page("exam")
    exam_page = page if isinstance(page, ExamPage) else page.findChild(ExamPage)
    assert exam_page is not None
    exam_page.start_button.click()
    exam = exam_page.window_
    assert exam is not None
    exam.show()
    exam.open_codebook()
    book = exam.codebook
    assert book is not None
    print("minimum widths: exam", exam.minimumSizeHint().width(), "code book",
          book.minimumSizeHint().width(), flush=True)
    shots = [(1366, 768, ""), (1440, 900, ""), (1366, 768, "-builder")]
    for w, h, suffix in shots:
        if suffix == "-builder":
            book.browser.show_code("icd10pcs", "0DTJ4ZZ")
            book.browser.open_builder()
        area = QRect(0, 0, w, h - TASK_BAR)
        place_beside(exam, book, area)
        settle(started.app)
        screen = QImage(w, h, QImage.Format.Format_RGB32)
        screen.fill(QColor("#2b2b2b"))
        painter = QPainter(screen)
        for win in (exam, book):
            painter.drawPixmap(win.geometry().topLeft(), win.grab())
            painter.setPen(QColor("#ff4081"))
            painter.drawRect(win.geometry().adjusted(0, 0, -1, -1))
        painter.fillRect(0, h - TASK_BAR, w, TASK_BAR, QColor("#101010"))
        painter.setPen(Qt.GlobalColor.white)
        painter.drawText(QPoint(8, h - 14), f"{w}x{h} screen: exam {exam.geometry().getRect()}"
                         f", code book {book.geometry().getRect()}")
        painter.end()
        path = out / f"beside-{w}x{h}{suffix}.png"
        screen.save(str(path))
        print(path, "exam", exam.geometry().getRect(), "book", book.geometry().getRect(),
              flush=True)
    for widget in QApplication.topLevelWidgets():
        if widget is not window and isinstance(widget, QWidget) and hasattr(widget, "shutdown"):
            widget.shutdown()


def main(argv: list[str]) -> int:
    """``--home DIR`` keeps the data folder (and its built books) for the next run."""
    home_arg = argv[argv.index("--home") + 1] if "--home" in argv else None
    args = [a for a in argv if a != "--home" and a != home_arg]
    out = Path(args[0]) if args else ROOT / "build" / "screens-codebook"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(home_arg or tmp)
        fresh = not (home / "codesets").exists() and not any(home.glob("**/codesets"))
        workspace, _ = Workspace.open(AppPaths(home))
        if fresh:
            seed(workspace)
        workspace.codebook.build_default()  # every shipped book, as the first use builds them
        workspace.close()
        started = start(AppPaths(home), ScriptedDialogs())
        assert isinstance(started, Started), started
        try:
            render_books(started, out)
            render_beside(started, out)
        except BaseException:  # the app's excepthook would take it to a crash dialog
            import traceback

            traceback.print_exc()
            sys.stderr.flush()
            raise
        finally:
            started.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
