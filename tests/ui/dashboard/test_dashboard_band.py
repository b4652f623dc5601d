"""The dashboard draws each domain's readiness band and offers a pass estimate only
with enough evidence - the abandoned-mock case of issue 13 among them."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from readiness.core.clock import FakeClock
from readiness.core.exam.forms import full_mock_spec
from readiness.core.exam.session import EndReason
from readiness.ui.context import UiContext
from readiness.ui.dashboard.band import BandBar
from readiness.ui.dashboard.page import DashboardPage
from readiness.ui.main_window import MainWindow


def dashboard(qtbot: QtBot, ctx: UiContext) -> DashboardPage:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    page.refresh()
    return page


def test_bands_are_drawn_and_there_is_no_pass_estimate_without_practice(
        qtbot: QtBot, ctx: UiContext, tmp_path: Path) -> None:
    page = dashboard(qtbot, ctx)
    rows = page.standing_rows
    bars = [rows.itemAtPosition(r, 1).widget() for r in range(rows.rowCount())
            if rows.itemAtPosition(r, 1) is not None]
    assert len(bars) == 5 and all(isinstance(b, BandBar) for b in bars)
    for bar in bars:
        assert isinstance(bar, BandBar)
        assert bar.low < bar.mean < bar.high
        assert "likely range, from self-rating" in bar.accessibleName()
        assert "self-rating" in bar.toolTip()
    assert page.pass_label.text().startswith("No pass estimate yet")
    page.grab().save(str(tmp_path / "dashboard-bands.png"))


def test_a_mock_ended_early_does_not_sink_readiness(qtbot: QtBot, ctx: UiContext,
                                                    fake_clock: FakeClock,
                                                    tmp_path: Path) -> None:
    ws = ctx.workspace
    before = {d.domain_id: d.accuracy for d in ws.dashboard.summary().standing}
    blueprint = ws.exams.blueprint(ws.planner.blueprint.id)
    run = ws.exams.start(full_mock_spec(blueprint, 7))
    # five answered correctly, the rest left unanswered, then the exam is ended
    answered = 0
    for pos, entry in enumerate(run.form.entries):
        if entry.kind != "scenario" and not entry.pretest and answered < 5:
            run.select(pos, run.content(pos).key)  # type: ignore[union-attr]
            answered += 1
    fake_clock.advance(600)
    run.finish(EndReason.SUBMITTED)
    after = {d.domain_id: d.accuracy for d in ws.dashboard.summary().standing}
    assert all(after[d] >= before[d] for d in before), (before, after)
    page = dashboard(qtbot, ctx)
    page.grab().save(str(tmp_path / "dashboard-after-mock.png"))
