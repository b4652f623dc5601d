"""The pages of the main window, in navigation order.

Each entry names a factory; the window builds a page the first time it is
shown, so start-up pays only for the page the user lands on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from readiness.ui.context import UiContext
from readiness.ui.dashboard.page import DashboardPage


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: Callable[[UiContext], QWidget]
    summary: str = ""


# Page modules are imported when the page is first built: the plan page pulls in
# pyqtgraph and numpy, which would otherwise cost a third of a second at every start.
def _plan_page(ctx: UiContext) -> QWidget:
    from readiness.ui.plan.page import PlanPage

    return PlanPage(ctx)


def _checklist_page(ctx: UiContext) -> QWidget:
    from readiness.ui.checklist.page import ChecklistPage

    return ChecklistPage(ctx, ctx.reminders)


def _exam_page(ctx: UiContext) -> QWidget:
    from readiness.ui.exam.page import ExamPage

    return ExamPage(ctx)


def _codebook_page(ctx: UiContext) -> QWidget:
    from readiness.ui.codebook.page import CodeBookPage

    return CodeBookPage(ctx)


def _drills_page(ctx: UiContext) -> QWidget:
    from readiness.ui.drills.page import DrillsPage

    return DrillsPage(ctx)


def _recert_page(ctx: UiContext) -> QWidget:
    from readiness.ui.ceu.page import RecertificationPage

    return RecertificationPage(ctx)


PAGES: list[PageSpec] = [
    PageSpec("dashboard", "Dashboard", DashboardPage, "Where you stand"),
    PageSpec("plan", "Study plan", _plan_page, "Weeks to the exam"),
    PageSpec("checklist", "Exam-day checklist", _checklist_page, "IDs, books, arrival"),
    PageSpec("exam", "Practice exam", _exam_page, "Test-center driver"),
    PageSpec("codebook", "Code book", _codebook_page, "Index, Tabular, Tables"),
    PageSpec("drills", "Code-book drills", _drills_page, "Timed look-ups in the books"),
    PageSpec("recert", "Recertification", _recert_page, "CEUs after passing"),
]
