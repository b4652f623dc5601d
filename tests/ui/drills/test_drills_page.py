"""The drills page driven as a candidate would: pick a book, look codes up, see the figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from readiness.codebook import importer
from readiness.core.clock import FakeClock
from readiness.core.drills.models import DrillBook, DrillSummary
from readiness.ui.context import UiContext
from readiness.ui.drills import open_drill
from readiness.ui.drills.books_model import DrillBooksModel
from readiness.ui.drills.page import DrillsPage
from readiness.ui.main_window import MainWindow

FIXTURES = Path(__file__).resolve().parents[2] / "codebook" / "fixtures"


@pytest.fixture
def installed(ctx: UiContext) -> UiContext:
    for name in ("tabular-mini.xml", "index-mini.xml", "pcs-tables-mini.xml"):
        importer.import_file(FIXTURES / name, ctx.workspace.codesets_dir)
    ctx.workspace.codebook.reload()
    return ctx


def make_page(qtbot: QtBot, ctx: UiContext) -> DrillsPage:
    page = DrillsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def test_books_model_passes_the_model_tester(qtmodeltester: object, installed: UiContext) -> None:
    model = DrillBooksModel()
    model.set_rows(installed.workspace.drills.books())
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def start(qtbot: QtBot, page: DrillsPage, book: DrillBook, count: int) -> None:
    page.select_book(book)
    page.count.setValue(count)
    click(qtbot, page.start_button)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.run_view)


def test_one_look_up_through_the_widgets_is_timed_saved_and_scored(
        qtbot: QtBot, installed: UiContext, fake_clock: FakeClock) -> None:
    page = make_page(qtbot, installed)
    finished: list[DrillSummary] = []
    page.drill_finished.connect(finished.append)
    start(qtbot, page, DrillBook.PCS_TABLES, 1)
    view = page.run_view
    assert view.progress_label.text() == "Look-up 1 of 1"
    statement = view.statement.text()
    assert "approach" in statement
    # The candidate finds the table in the code book beside the prompt...
    view.browser.open_target("pcs:0DT")
    assert "0DT" in view.browser.current
    fake_clock.advance(42)
    run = view.run
    assert run is not None
    code = run.prompts[0].answer
    qtbot.keyClicks(view.answer_edit, code.lower())
    qtbot.keyClick(view.answer_edit, Qt.Key.Key_Return)
    assert view.feedback.text() == f"Correct: {code} (42 s)."
    assert view.next_button.isVisible() and not view.answer_edit.isEnabled()
    stats = installed.workspace.drills.drill_accuracy_by_book()[DrillBook.PCS_TABLES]
    assert (stats.answered, stats.correct, stats.median_seconds) == (1, 1, 42)  # saved
    click(qtbot, view.next_button)
    assert page.stack.currentWidget() is page.result
    assert page.result_text.text() == "1 of 1 correct (100%) · 42 s per look-up (target 60 s)"
    assert [(s.answered, s.correct) for s in finished] == [(1, 1)]
    click(qtbot, page.back_button)
    assert page.model.data(page.model.index(page.model.row_of(DrillBook.PCS_TABLES), 3)) == "100%"
    assert "42 s per look-up, within your 60 s target" in page.speed.text()


def test_wrong_and_skipped_look_ups_show_the_code_and_stop_ends_the_set(
        qtbot: QtBot, installed: UiContext, fake_clock: FakeClock) -> None:
    page = make_page(qtbot, installed)
    start(qtbot, page, DrillBook.CM_INDEX, 3)
    view = page.run_view
    run = view.run
    assert run is not None
    first = run.prompts[0]
    qtbot.keyClicks(view.answer_edit, "Z99.9")
    click(qtbot, view.submit_button)
    assert view.feedback.text().startswith(f"Not this one: the code is {first.answer}")
    click(qtbot, view.next_button)
    click(qtbot, view.skip_button)
    assert view.feedback.text() == f"Skipped. The code is {run.prompts[1].answer}."
    click(qtbot, view.stop_button)
    assert page.stack.currentWidget() is page.result
    assert page.result_text.text().startswith("0 of 2 correct")
    [row] = installed.workspace.drills.recent_runs()
    assert (row.planned, row.answered) == (3, 2)


def test_a_book_not_installed_says_so_and_offers_the_code_sets(
        qtbot: QtBot, installed: UiContext) -> None:
    page = make_page(qtbot, installed)
    asked: list[str] = []
    page.navigate_requested.connect(asked.append)
    page.select_book(DrillBook.NEOPLASM)
    assert not page.start_button.isEnabled()
    assert page.notice.isVisible()
    assert "needs ICD-10-CM Neoplasm Table, which is not installed" in page.notice.text()
    click(qtbot, page.sets_button)
    assert asked == ["codebook"]


def test_speed_target_is_saved_through_the_settings(qtbot: QtBot, installed: UiContext) -> None:
    page = make_page(qtbot, installed)
    page.target.setValue(45)
    click(qtbot, page.target_button)
    assert installed.workspace.drills.target_seconds() == 45
    assert page.status.text() == "Target saved: 45 s per look-up."


def test_a_plan_task_opens_a_drill_set_up_for_one_book(qtbot: QtBot,
                                                       installed: UiContext) -> None:
    window = MainWindow(installed)
    qtbot.addWidget(window)
    window.show()
    page = open_drill(window, DrillBook.PCS_TABLES, 2)
    qtbot.waitUntil(lambda: page.run_view.run is not None)
    assert window.current_key() == "drills"
    assert page.run_view.progress_label.text() == "Look-up 1 of 2"
    assert page.run_view.book_label.text() == "ICD-10-PCS Tables drill"


def test_a_whole_set_runs_from_the_keyboard(qtbot: QtBot, installed: UiContext) -> None:
    page = make_page(qtbot, installed)
    start(qtbot, page, DrillBook.PCS_TABLES, 2)
    view = page.run_view
    run = view.run
    assert run is not None
    for prompt in list(run.prompts):
        assert view.answer_edit.hasFocus()
        qtbot.keyClicks(view.answer_edit, prompt.answer)
        qtbot.keyClick(view.answer_edit, Qt.Key.Key_Return)
        assert view.next_button.hasFocus()
        qtbot.keyClick(view.next_button, Qt.Key.Key_Return)
    assert page.stack.currentWidget() is page.result
    assert page.result_text.text().startswith("2 of 2 correct")


def test_installing_a_book_makes_it_drillable_at_once(qtbot: QtBot, installed: UiContext) -> None:
    page = make_page(qtbot, installed)
    page.select_book(DrillBook.NEOPLASM)
    assert page.notice.isVisible() and not page.start_button.isEnabled()
    installed.workspace.codebook.import_file(FIXTURES / "neoplasm-mini.xml")
    page.select_book(DrillBook.NEOPLASM)
    assert not page.notice.isVisible() and page.start_button.isEnabled()
    assert page.model.data(page.model.index(page.model.row_of(DrillBook.NEOPLASM), 0)) == (
        "ICD-10-CM Neoplasm Table")
