"""The candidate's walk: set up the plan, start a task of today's session, finish the
practice it opened, and see the session done with its figures - nothing typed by hand."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_plan_page import click, fill_setup, make_page, status_of

from readiness.codebook import importer
from readiness.core.bank.models import MultipleChoiceItem
from readiness.core.clock import FakeClock
from readiness.core.planner.tasks import TaskKind
from readiness.ui.context import UiContext
from readiness.ui.dialogs import ScriptedDialogs
from readiness.ui.drills.page import DrillsPage
from readiness.ui.exam.driver import ExamWindow
from readiness.ui.main_window import MainWindow
from readiness.ui.plan.guideline_reader import GuidelineReader
from readiness.ui.plan.page import PlanPage
from readiness.ui.plan.tasks_view import TaskModel

FIXTURES = Path(__file__).resolve().parents[2] / "codebook" / "fixtures"


def row_of(page: object, kind: TaskKind) -> int:
    views = page.today.tasks.model.views  # type: ignore[attr-defined]
    return next(i for i, v in enumerate(views) if v.task.kind is kind)


def test_start_a_task_finish_its_practice_and_see_the_session_done(
        qtbot: QtBot, ctx: UiContext, fake_clock: FakeClock, dialogs: ScriptedDialogs,
        tmp_path: Path) -> None:
    page = make_page(qtbot, ctx)
    fill_setup(qtbot, page)
    assert dialogs.texts("error") == []
    today = page.today
    today.table.selectRow(0)
    tasks = today.tasks
    titles = [v.task.title for v in tasks.model.views]
    assert 1 <= len(titles) <= 3
    assert titles[0].startswith("Practise ") and "items: " in titles[0]
    planned = int(today.table.item(0, 1).text().split()[0])  # type: ignore[union-attr]
    page.grab().save(str(tmp_path / "plan-today-tasks.png"))

    tasks.table.selectRow(row_of(page, TaskKind.PRACTICE))
    click(qtbot, tasks.start_btn)
    window = tasks.driver
    assert isinstance(window, ExamWindow)
    qtbot.addWidget(window)  # a top-level window: closed and deleted after the test
    assert window.run.spec.tutor
    count = len(window.run.form.entries)
    for pos in range(count):
        item = window.run.content(window.run.position)
        assert isinstance(item, MultipleChoiceItem)
        for key in item.key:
            qtbot.mouseClick(window.options[key].button, Qt.MouseButton.LeftButton)
        if pos < count - 1:
            qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    fake_clock.advance(planned * 60)  # the whole session's time on this practice
    dialogs.confirms.append(True)
    qtbot.mouseClick(window.end_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible())

    # The task shows what was recorded; the session is done with the minutes.
    result = tasks.model.index(row_of(page, TaskKind.PRACTICE), 2).data()
    assert result == f"✓ {planned} min · {count} items · 100 %"
    assert status_of(page, 0) == "✓ done"
    assert today.table.item(0, 2).text() == f"{planned} min"  # type: ignore[union-attr]
    assert tasks.note.text().startswith("Recorded: Practise ")
    page.grab().save(str(tmp_path / "plan-today-done.png"))
    assert dialogs.texts("error") == []


def test_start_a_drill_task_look_codes_up_and_see_the_session_record_it(
        qtbot: QtBot, ctx: UiContext, fake_clock: FakeClock, dialogs: ScriptedDialogs,
        tmp_path: Path) -> None:
    for name in ("tabular-mini.xml", "pcs-tables-mini.xml"):
        importer.import_file(FIXTURES / name, ctx.workspace.codesets_dir)
    ctx.workspace.codebook.reload()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    page = window.show_page("plan")
    assert isinstance(page, PlanPage)
    fill_setup(qtbot, page)
    today, tasks = page.today, page.today.tasks
    found = None
    for row in range(today.table.rowCount()):
        today.table.selectRow(row)
        if any(v.task.kind is TaskKind.DRILL for v in tasks.model.views):
            found = row
            break
    assert found is not None, "today's coding session proposes a code-book drill"
    tasks.table.selectRow(row_of(page, TaskKind.DRILL))
    title = tasks.model.index(row_of(page, TaskKind.DRILL), 0).data()
    assert title == "Code-book drill: 10 look-ups in the ICD-10-PCS Tables (not drilled yet)"
    window.grab().save(str(tmp_path / "plan-drill-task.png"))

    click(qtbot, tasks.start_btn)  # the drills page opens with the set already drawn
    drills = window.page("drills")
    assert isinstance(drills, DrillsPage)
    qtbot.waitUntil(lambda: drills.run_view.run is not None)
    assert window.current_key() == "drills"
    view = drills.run_view
    run = view.run
    assert run is not None and run.book.value == "pcs-tables"
    n = len(run.prompts)
    assert view.progress_label.text() == f"Look-up 1 of {n}"
    for i, prompt in enumerate(list(run.prompts)):
        fake_clock.advance(40)
        qtbot.keyClicks(view.answer_edit, prompt.answer if i else "0000000")
        qtbot.keyClick(view.answer_edit, Qt.Key.Key_Return)
        click(qtbot, view.next_button)
    assert drills.stack.currentWidget() is drills.result
    assert drills.result_text.text().endswith("Recorded against your study plan session.")
    window.grab().save(str(tmp_path / "drill-recorded.png"))

    click(qtbot, drills.plan_button)  # back on the plan: the task shows its figures
    assert window.current_key() == "plan"
    minutes = -(-40 * n // 60)
    result = tasks.model.index(row_of(page, TaskKind.DRILL), 2).data()
    assert result == (f"✓ {minutes} min · {n} look-up{'s' if n != 1 else ''} · "
                      f"{100 * (n - 1) / n:.0f} %")
    assert today.table.item(found, 2).text() == f"{minutes} min"  # type: ignore[union-attr]
    assert tasks.note.text().startswith("Recorded: Code-book drill: 10 look-ups")
    window.grab().save(str(tmp_path / "plan-drill-recorded.png"))
    assert dialogs.texts("error") == []


def test_guideline_task_opens_the_section_and_done_reading_records_it(
        qtbot: QtBot, ctx: UiContext, fake_clock: FakeClock, dialogs: ScriptedDialogs,
        tmp_path: Path) -> None:
    page = make_page(qtbot, ctx)
    fill_setup(qtbot, page)
    today, tasks = page.today, page.today.tasks
    found = None
    for row in range(today.table.rowCount()):
        today.table.selectRow(row)
        kinds = [v.task.kind for v in tasks.model.views]
        if TaskKind.GUIDELINE in kinds:
            found = row
            break
    assert found is not None, "today's 90-minute session has room for a reading task"
    tasks.table.selectRow(row_of(page, TaskKind.GUIDELINE))
    click(qtbot, tasks.start_btn)
    reader = tasks.reader
    assert isinstance(reader, GuidelineReader) and reader.isVisible()
    assert reader.text.toPlainText().strip()
    assert "public domain" in reader.source.text()
    reader.grab().save(str(tmp_path / "guideline-reader.png"))
    fake_clock.advance(12 * 60)
    click(qtbot, reader.done_btn)
    result = tasks.model.index(row_of(page, TaskKind.GUIDELINE), 2).data()
    assert result == "✓ 12 min"


def test_task_model_passes_the_model_tester(qtmodeltester: object, ctx: UiContext) -> None:
    model = TaskModel()
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_week_cards_list_the_sessions_tasks(qtbot: QtBot, ctx: UiContext) -> None:
    page = make_page(qtbot, ctx)
    fill_setup(qtbot, page)
    item = page.week.table.item(0, 0)
    assert item is not None
    tip = item.toolTip()
    assert "\n• Practise " in tip


def test_practice_finished_elsewhere_shows_when_the_plan_page_is_shown_again(
        qtbot: QtBot, ctx: UiContext, fake_clock: FakeClock) -> None:
    page = make_page(qtbot, ctx)
    fill_setup(qtbot, page)
    session_id = page.today.selected_id()
    assert session_id is not None
    key = page.today.tasks.model.views[row_of(page, TaskKind.PRACTICE)].task.key
    run = ctx.workspace.plan_tasks.start(session_id, key).exam  # as if resumed elsewhere
    assert run is not None
    fake_clock.advance(5 * 60)
    run.finish()
    page.hide()
    page.show()
    result = page.today.tasks.model.index(row_of(page, TaskKind.PRACTICE), 2).data()
    assert result.startswith("✓ 5 min")
