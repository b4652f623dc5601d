"""Chart axes read as dates and percentages (issue 13: "59.750 · 12:00:00 · 00.250")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from readiness.core.exam.forms import FormSpec, Mode
from readiness.core.exam.session import EndReason
from readiness.ui.axes import DayAxis, PercentAxis, day_ticks, day_value, percent_ticks
from readiness.ui.context import UiContext
from readiness.ui.plan.charts import ProgressCharts


def test_day_ticks_are_whole_days_labelled_as_dates() -> None:
    one_day = day_ticks(day_value(date(2026, 3, 2)) - 3600, day_value(date(2026, 3, 2)) + 3600)
    assert one_day == [(day_value(date(2026, 3, 2)), "Mar 02")]
    weeks = day_ticks(day_value(date(2026, 3, 1)), day_value(date(2026, 5, 15)))
    assert 2 <= len(weeks) <= 8
    assert all(":" not in label and "." not in label for _, label in weeks)
    assert weeks[0][1] == "Mar 02"  # weekly ticks on Mondays


def test_percent_ticks() -> None:
    assert [label for _, label in percent_ticks(0, 100)] == [
        "0%", "20%", "40%", "60%", "80%", "100%"]
    assert percent_ticks(55, 80)[0][1] == "60%"


def practise(ctx: UiContext) -> None:
    ws = ctx.workspace
    run = ws.exams.start(FormSpec(Mode.CUSTOM, ws.planner.blueprint.id, 3, multiple_choice=10,
                                  kinds=("single", "multiple")))
    for pos in range(0, len(run.form.entries), 2):
        run.select(pos, run.content(pos).key)  # type: ignore[union-attr]
    run.finish(EndReason.SUBMITTED)


def test_trend_chart_axes_and_band_in_light_and_dark(qtbot: QtBot, ctx: UiContext,
                                                    tmp_path: Path) -> None:
    practise(ctx)
    charts = ProgressCharts(ctx)
    qtbot.addWidget(charts)
    charts.resize(1000, 520)
    charts.show()
    charts.refresh()
    plot = charts.trend_plot.getPlotItem()
    bottom, left = plot.getAxis("bottom"), plot.getAxis("left")
    assert isinstance(bottom, DayAxis) and isinstance(left, PercentAxis)
    (x_low, x_high), _y = plot.viewRange()
    labels = [s for _, s in day_ticks(x_low, x_high)]
    assert labels and all(":" not in s for s in labels)
    assert left.tickStrings([0.0, 50.0, 100.0], 1.0, 10.0) == ["0%", "50%", "100%"]
    bands = [i for i in plot.items if type(i).__name__ in ("FillBetweenItem", "ErrorBarItem")]
    assert bands, "the readiness band is drawn"
    assert "Mar 02" in labels  # the day of the results is labelled
    charts.grab().save(str(tmp_path / "progress-light.png"))
    dark = QPalette(charts.palette())
    for role, colour in ((QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.Window, "#2b2b2b"),
                         (QPalette.ColorRole.Text, "#e6e6e6"),
                         (QPalette.ColorRole.WindowText, "#e6e6e6")):
        dark.setColor(role, QColor(colour))
    charts.setPalette(dark)
    charts.refresh()
    assert bottom.textPen().color().lightness() > 180  # light text on the dark chart
    charts.grab().save(str(tmp_path / "progress-dark.png"))
