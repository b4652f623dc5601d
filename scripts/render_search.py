"""Render the code book's search results for a few queries to PNG (issue 11 screenshots).

Usage: ``QT_QPA_PLATFORM=offscreen python scripts/render_search.py HOME OUT_DIR
[QUERY ...]``.  HOME is a data folder whose ``codesets/`` holds the built books (the
first-use build of every shipped book, e.g. ``benchmarks/codebook.py``'s or the app's);
each query is typed into the search box key by key, as a user types it, and the page is
grabbed once its results show.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ("CHF", "diabetis", "acetaminophen", "J1885")


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from readiness.paths import AppPaths
    from readiness.ui.codebook.page import CodeBookPage
    from readiness.ui.context import UiContext
    from readiness.ui.dialogs import ScriptedDialogs
    from readiness.ui.tasks import TaskRunner
    from readiness.workspace import Workspace

    if len(argv) < 2:
        print(__doc__)
        return 2
    home, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    workspace, _ = Workspace.open(AppPaths(home).ensure(), take_backup=False)
    runner = TaskRunner()
    page = CodeBookPage(UiContext(workspace, ScriptedDialogs(), runner))
    page.resize(1366, 768)
    page.show()
    browser = page.browser
    browser.search.setFocus()
    pause = QElapsedTimer()
    for query in argv[2:] or QUERIES:
        browser.search.clear()
        QTest.keyClicks(browser.search, query)
        pause.start()
        while not browser.searcher.settled() or pause.elapsed() < 600:  # preview too
            app.processEvents()
        name = re.sub(r"[^0-9A-Za-z]+", "-", query).strip("-").lower()
        path = out / f"codebook-search-{name}.png"
        page.grab().save(str(path))
        print(path, browser.results.count(), "results;", browser.results.texts()[:3])
    page.close()
    runner.cancel_all()
    runner.wait_for_workers()
    workspace.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
