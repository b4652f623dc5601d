"""The study plan page, driven like a candidate would: set up, log, skip,
re-plan, export, and find it all again after a restart."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import icalendar
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from readiness.core.clock import FakeClock
from readiness.paths import AppPaths
from readiness.ui.context import UiContext
from readiness.ui.dialogs import ScriptedDialogs
from readiness.ui.main_window import MainWindow
from readiness.ui.plan.page import PlanPage
from readiness.ui.tasks import TaskRunner
from readiness.workspace import Workspace

MONDAY = date(2026, 3, 2)  # the FakeClock's day (14:00 UTC = 08:00 in Chicago)


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def make_page(qtbot: QtBot, ctx: UiContext) -> PlanPage:
    page = PlanPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    return page


def fill_setup(qtbot: QtBot, page: PlanPage) -> None:
    form = page.setup_form
    assert page.tabs.currentWidget() is form  # a new candidate lands on the set-up
    click(qtbot, form.scheduled)
    form.exam_date.setDate(QDate(2026, 5, 15))
    form.zone.setCurrentText("America/Chicago")
    form.center.setText("Pearson VUE Chicago")
    form.has_att.setChecked(True)
    form.att_date.setDate(QDate(2026, 2, 20))
    for spin, h in zip(form.hours, (2, 2, 1, 2, 0, 5, 4), strict=True):
        spin.setValue(h)
    form.start.setDate(QDate(2026, 3, 2))
    form.blackout_date.setDate(QDate(2026, 3, 14))
    click(qtbot, form.add_blackout)
    form.ratings["coding-knowledge"].setCurrentIndex(1)
    click(qtbot, form.save)


def status_of(page: PlanPage, row: int) -> str:
    item = page.today.table.item(row, 3)
    assert item is not None
    return item.text()


def test_set_up_log_skip_replan_and_restart(qtbot: QtBot, ctx: UiContext, paths: AppPaths,
                                            fake_clock: FakeClock,
                                            dialogs: ScriptedDialogs) -> None:
    page = make_page(qtbot, ctx)
    fill_setup(qtbot, page)
    assert dialogs.texts("error") == []
    assert page.tabs.currentWidget() is page.today
    assert "exam in 74 days" in page.today.heading.text()
    assert page.today.table.rowCount() == 2
    assert "3 full mock exams" in page.status.text()

    # log the first session by hand, skip the second
    page.today.table.selectRow(0)
    planned = int(page.today.table.item(0, 1).text().split()[0])  # type: ignore[union-attr]
    page.today.log_minutes.setValue(planned)
    click(qtbot, page.today.log_btn)
    assert status_of(page, 0) == "✓ done"
    page.today.table.selectRow(1)
    click(qtbot, page.today.skip_btn)
    assert status_of(page, 1) == "skipped"
    assert "done of" in page.today.week_label.text()

    # two days later: Tuesday was missed; re-plan
    fake_clock.advance(2 * 86400)
    click(qtbot, page.replan_btn)
    assert "missed" in page.charts.adherence.text()
    click(qtbot, page.week.this_btn)
    monday_cells = [page.week.table.item(r, 0) for r in range(page.week.table.rowCount())]
    texts = [c.text() for c in monday_cells if c is not None]
    assert any(t.startswith("✓") for t in texts) and any(t.startswith("✗") for t in texts)
    tuesday = [page.week.table.item(r, 1) for r in range(page.week.table.rowCount())]
    assert any(c is not None and c.text().startswith("!") for c in tuesday)

    # tick a milestone
    tree = page.milestones.tree
    item = tree.topLevelItem(0)
    assert item is not None and item.text(0).startswith("Eligibility")
    item.setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "done" in (tree.topLevelItem(0).text(2)  # type: ignore[union-attr]
                                       if tree.topLevelItem(0) else ""))
    plan_before = ctx.workspace.planner.plan()

    # restart: a new workspace on the same folder, a new page
    ctx.workspace.close()
    workspace, _ = Workspace.open(paths, fake_clock, take_backup=False)
    try:
        ctx2 = UiContext(workspace, ScriptedDialogs(), TaskRunner())
        page2 = make_page(qtbot, ctx2)
        assert page2.tabs.currentWidget() is page2.today
        assert workspace.planner.plan() == plan_before
        page2.week.show_week(0)
        texts = [page2.week.table.item(r, 0).text()  # type: ignore[union-attr]
                 for r in range(page2.week.table.rowCount()) if page2.week.table.item(r, 0)]
        assert any(t.startswith("✓") for t in texts) and any(t.startswith("✗") for t in texts)
        first = page2.milestones.tree.topLevelItem(0)
        assert first is not None and first.checkState(0) == Qt.CheckState.Checked
        form = page2.setup_form
        assert form.exam_date.date() == QDate(2026, 5, 15)
        assert form.center.text() == "Pearson VUE Chicago"
        assert form.hours[5].value() == 5
        assert form.blackouts.count() == 1
        assert form.ratings["coding-knowledge"].currentData() == 2
        assert "1 sessions done" in page2.charts.adherence.text()
    finally:
        workspace.close()


def test_timer_and_export(qtbot: QtBot, ctx: UiContext, fake_clock: FakeClock,
                          dialogs: ScriptedDialogs, tmp_path: Path) -> None:
    page = make_page(qtbot, ctx)
    fill_setup(qtbot, page)
    page.today.table.selectRow(0)
    click(qtbot, page.today.start_btn)
    assert not page.today.start_btn.isEnabled() and page.today.stop_btn.isEnabled()
    fake_clock.advance(25 * 60 + 5)
    page.today.refresh()
    assert "0:25:05" in page.today.timer_label.text()
    click(qtbot, page.today.stop_btn)
    assert page.today.timer_label.text() == "Timer: not running"
    assert page.today.table.item(0, 2).text() == "25 min"  # type: ignore[union-attr]

    target = tmp_path / "my-plan"
    dialogs.save_files.append(target)
    click(qtbot, page.export_btn)
    written = target.with_suffix(".ics")
    assert written.exists()
    cal = icalendar.Calendar.from_ical(written.read_bytes())
    sessions = [e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("CCS study")]
    assert len(sessions) == sum(
        1 for s in ctx.workspace.planner.plan().sessions if s.kind.value == "study")
    assert dialogs.calls[-1][0] == "inform" and "events written" in dialogs.calls[-1][2]


def test_impossible_setup_is_explained(qtbot: QtBot, ctx: UiContext,
                                       dialogs: ScriptedDialogs) -> None:
    page = make_page(qtbot, ctx)
    form = page.setup_form
    click(qtbot, form.scheduled)
    form.start.setDate(QDate(2026, 3, 2))
    form.exam_date.setDate(QDate(2026, 3, 1))
    click(qtbot, form.save)
    assert dialogs.texts("error") and "must be after the start date" in dialogs.texts("error")[0]
    assert ctx.workspace.planner.plan().sessions == ()
    # not scheduled yet: the ATT window is shown and the target date is used
    click(qtbot, form.not_scheduled)
    form.has_att.setChecked(True)
    form.att_date.setDate(QDate(2026, 2, 20))
    assert "Sat 20 Jun 2026" in form.window_label.text()
    form.target.setDate(QDate(2026, 6, 1))
    click(qtbot, form.save)
    plan = ctx.workspace.planner.plan()
    assert plan.sessions and max(s.day for s in plan.sessions) < date(2026, 6, 1)
    assert "not scheduled yet" in page.status.text()
    assert MONDAY + timedelta(days=0) == ctx.workspace.planner.today_date()


def test_page_is_in_the_main_window(qtbot: QtBot, ctx: UiContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert isinstance(window.show_page("plan"), PlanPage)


def test_week_view_marks_past_sessions_and_hints_replan(qtbot: QtBot, ctx: UiContext,
                                                        fake_clock: FakeClock) -> None:
    page = make_page(qtbot, ctx)
    fill_setup(qtbot, page)
    fake_clock.advance(86400)  # Tuesday: Monday's work was not marked
    page.refresh()
    assert "missed since the plan was made" in page.status.text()
    page.tabs.setCurrentWidget(page.week)
    table = page.week.table
    table.setCurrentCell(0, 0)  # Monday's first session
    assert page.week.done_btn.isEnabled()
    click(qtbot, page.week.done_btn)
    assert table.item(0, 0).text().startswith("✓")  # type: ignore[union-attr]
    table.setCurrentCell(0, 0)
    click(qtbot, page.week.undo_btn)
    assert table.item(0, 0).text().startswith("!")  # type: ignore[union-attr]
    table.setCurrentCell(0, 3)  # Thursday: still to come
    assert not page.week.done_btn.isEnabled() and page.week.skip_btn.isEnabled()
    click(qtbot, page.replan_btn)
    assert "missed since" not in page.status.text()


def test_every_control_has_an_accessible_name(qtbot: QtBot, ctx: UiContext) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QTabBar,
        QWidget,
    )

    page = make_page(qtbot, ctx)
    fill_setup(qtbot, page)
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QAbstractItemView)
    from PySide6.QtWidgets import QHeaderView
    unnamed = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, kinds) or isinstance(widget, (QTabBar, QHeaderView)):
            continue
        if type(widget).__module__.startswith("pyqtgraph"):
            continue
        if widget.objectName().startswith("qt_"):
            continue  # Qt's own parts (a table's corner button, ...)
        ancestor, inner = widget.parentWidget(), False
        while ancestor is not None:
            inner = inner or isinstance(ancestor, (QAbstractSpinBox, QComboBox))
            ancestor = ancestor.parentWidget()
        if inner:
            continue  # the editor or popup list inside a spin box or combo box
        if not widget.accessibleName():
            unnamed.append(f"{type(widget).__name__} {widget.objectName()} "
                           f"{getattr(widget, 'text', lambda: '')()}")
    assert unnamed == [], unnamed


def test_page_moves_on_at_midnight(qtbot: QtBot, ctx: UiContext, fake_clock: FakeClock) -> None:
    page = make_page(qtbot, ctx)
    fill_setup(qtbot, page)
    assert "Today, Mon " in page.today.heading.text()
    fake_clock.advance(86400)
    page._check_day()  # what the page's one-minute timer calls
    assert "Today, Tue " in page.today.heading.text()


def test_progress_tab_draws_results(qtbot: QtBot, ctx: UiContext) -> None:
    from datetime import UTC, datetime

    import pyqtgraph as pg

    from readiness.core.planner.models import DomainResult

    page = make_page(qtbot, ctx)
    fill_setup(qtbot, page)
    results = [
        DomainResult(d, 6 + week, 10, datetime(2026, 2, 2 + 7 * week, tzinfo=UTC))
        for d in ("coding-knowledge", "provider-queries") for week in range(3)
    ]
    ctx.workspace.planner.results_source = lambda: results
    page.tabs.setCurrentWidget(page.charts)
    page.refresh()
    lines = [i for i in page.charts.trend_plot.getPlotItem().items
             if isinstance(i, pg.PlotDataItem)]
    assert len(lines) == 2
    bars = [i for i in page.charts.hours_plot.getPlotItem().items
            if isinstance(i, pg.BarGraphItem)]
    assert len(bars) == 3
    assert "Recent results count more" in page.charts.trend_note.text()
    assert "Coding Knowledge and Skills (Code)" in page.charts.table_text.text()


def test_milestone_button_toggles(qtbot: QtBot, ctx: UiContext) -> None:
    page = make_page(qtbot, ctx)
    fill_setup(qtbot, page)
    view = page.milestones
    view.tree.setCurrentItem(view.tree.topLevelItem(1))  # application and fee
    assert "$299" in view.detail.text() and "$399" in view.detail.text()
    assert "≈$239" in view.detail.text() and "verify" in view.detail.text()
    click(qtbot, view.toggle_btn)
    assert {m.key: m.done for m in ctx.workspace.planner.milestones()}["application"]
    assert view.toggle_btn.text() == "Mark not &done"
    view.tree.setCurrentItem(view.tree.topLevelItem(2))  # ATT: follows the set-up
    assert not view.toggle_btn.isEnabled()


def test_exam_moved_elsewhere_replans_on_return(qtbot: QtBot, ctx: UiContext) -> None:
    from dataclasses import replace

    page = make_page(qtbot, ctx)
    fill_setup(qtbot, page)
    planner = ctx.workspace.planner
    # the checklist page moves the exam two weeks earlier
    appt = ctx.workspace.appointment.get()
    ctx.workspace.appointment.save(replace(appt, exam_date=date(2026, 5, 1)))
    assert planner.exam_date_moved()
    page.hide()
    page.show()
    assert not planner.exam_date_moved()
    assert max(s.day for s in planner.plan().sessions) < date(2026, 5, 1)
    assert page.setup_form.exam_date.date() == QDate(2026, 5, 1)
    assert "exam date changed" in page.status.text()
