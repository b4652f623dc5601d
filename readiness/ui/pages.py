"""The pages of the main window, in navigation order.

Each entry names a factory; the window builds a page the first time it is
shown, so start-up pays only for the page the user lands on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from readiness.ui.checklist.page import ChecklistPage
from readiness.ui.codebook.page import CodeBookPage
from readiness.ui.context import UiContext
from readiness.ui.dashboard.page import DashboardPage
from readiness.ui.plan.page import PlanPage


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: Callable[[UiContext], QWidget]
    summary: str = ""


def _exam_page(ctx: UiContext) -> QWidget:
    from readiness.ui.exam.page import ExamPage

    return ExamPage(ctx)


PAGES: list[PageSpec] = [
    PageSpec("dashboard", "Dashboard", DashboardPage, "Where you stand"),
    PageSpec("plan", "Study plan", PlanPage, "Weeks to the exam"),
    PageSpec("checklist", "Exam-day checklist",
             lambda ctx: ChecklistPage(ctx, ctx.reminders),
             "IDs, books, arrival"),
    PageSpec("exam", "Practice exam", _exam_page, "Test-center driver"),
    PageSpec("codebook", "Code book", lambda ctx: CodeBookPage(ctx), "Index, Tabular, Tables"),
]
