"""Code-book speed drills page.

A plan task opens a drill set up for one book with::

    from readiness.ui.drills import open_drill
    open_drill(main_window, DrillBook.NEOPLASM, 10)

and hears the result on ``DrillsPage.drill_finished`` (a ``DrillSummary``), or, without
widgets, through ``workspace.drills.finish_hooks``.  ``link`` (a plan task run id)
rides on the set to those hooks, so the plan records the set against its session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from readiness.core.drills.models import DrillBook

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from readiness.ui.drills.page import DrillsPage

PAGE_KEY = "drills"


@runtime_checkable
class PageHost(Protocol):
    """What opens pages by key: the main window."""

    def show_page(self, key: str) -> QWidget: ...


def open_drill(window: PageHost, book: DrillBook, count: int,
               link: int | None = None) -> DrillsPage:
    """Switch the main window to the drills page and start ``count`` look-ups in ``book``."""
    page = window.show_page(PAGE_KEY)
    from readiness.ui.drills.page import DrillsPage

    assert isinstance(page, DrillsPage)
    page.open_drill(book, count, link)
    return page
