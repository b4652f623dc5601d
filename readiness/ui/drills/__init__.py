"""Code-book speed drills page.

A plan task opens a drill set up for one book with::

    from readiness.ui.drills import open_drill
    open_drill(main_window, DrillBook.NEOPLASM, 10)

and hears the result on ``DrillsPage.drill_finished`` (a ``DrillSummary``), or, without
widgets, through ``workspace.drills.finish_hooks``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from readiness.core.drills.models import DrillBook

if TYPE_CHECKING:
    from readiness.ui.drills.page import DrillsPage
    from readiness.ui.main_window import MainWindow

PAGE_KEY = "drills"


def open_drill(window: MainWindow, book: DrillBook, count: int) -> DrillsPage:
    """Switch the main window to the drills page and start ``count`` look-ups in ``book``."""
    page = window.show_page(PAGE_KEY)
    from readiness.ui.drills.page import DrillsPage

    assert isinstance(page, DrillsPage)
    page.open_drill(book, count)
    return page
