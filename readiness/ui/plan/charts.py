"""Progress charts (pyqtgraph): planned versus done hours by domain, and the
mastery trend by domain from practice results.  Colours follow the palette so
the charts read in light and dark schemes."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from readiness.core.planner.adherence import MOCK
from readiness.ui.axes import DayAxis, PercentAxis, day_value
from readiness.ui.context import UiContext
from readiness.ui.plan.week import HUES

SHORT = {  # tick labels must fit under narrow bars; the text below the chart names them in full
    "coding-knowledge": "Code",
    "coding-documentation": "Docs",
    "provider-queries": "Query",
    "regulatory-compliance": "Regs",
    "information-technologies": "IT",
    MOCK: "Mock",
}


def _line_color(index: int, palette: QPalette) -> QColor:
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor.fromHsl(HUES[index % len(HUES)], 170, 160 if dark else 95)


class ProgressCharts(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.planner = ctx.workspace.planner
        self.readiness = ctx.workspace.readiness
        self.setAccessibleName("Progress charts")
        layout = QVBoxLayout(self)
        self.adherence = QLabel()
        self.adherence.setAccessibleName("Adherence summary")
        self.adherence.setWordWrap(True)
        layout.addWidget(self.adherence)
        row = QHBoxLayout()
        layout.addLayout(row, 1)

        self.hours_plot = pg.PlotWidget()
        self.hours_plot.setAccessibleName("Planned versus done hours by domain")
        self.hours_plot.setTitle("Hours by domain")
        self.hours_plot.setLabel("left", "hours")
        self.hours_plot.setMouseEnabled(x=False, y=False)
        self.hours_plot.hideButtons()
        self.hours_plot.addLegend(offset=(-8, 8))
        row.addWidget(self.hours_plot, 1)

        self.trend_plot = pg.PlotWidget(axisItems={"bottom": DayAxis(), "left": PercentAxis()})
        self.trend_plot.setAccessibleName("Mastery trend by domain")
        self.trend_plot.setTitle("Accuracy by domain, with its likely range (80 %)")
        self.trend_plot.setLabel("left", "estimated accuracy")
        self.trend_plot.setYRange(0, 100)
        self.trend_plot.setMouseEnabled(x=False, y=False)
        self.trend_plot.hideButtons()
        self.trend_plot.addLegend(offset=(-8, -8))  # bottom right: clear of recent bands
        row.addWidget(self.trend_plot, 1)
        self.trend_note = QLabel()
        self.trend_note.setAccessibleName("Mastery trend note")
        self.trend_note.setWordWrap(True)
        layout.addWidget(self.trend_note)
        self.table_text = QLabel()
        self.table_text.setAccessibleName("Hours by domain as text")
        self.table_text.setWordWrap(True)
        layout.addWidget(self.table_text)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Light / dark switched (and only once the charts exist).  A hidden tab redraws
        # when it is next shown: no store reads for a page nobody looks at.
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "table_text"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh()

    def _style(self, plot: pg.PlotWidget) -> None:
        palette = self.palette()
        plot.setBackground(palette.color(QPalette.ColorRole.Base))
        fg = palette.color(QPalette.ColorRole.Text)
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(fg))
            axis.setTextPen(pg.mkPen(fg))
        plot.getPlotItem().titleLabel.setText(
            plot.getPlotItem().titleLabel.text, color=fg.name()
        )

    def refresh(self) -> None:
        self.adherence.setText(self.planner.adherence().summary())
        rows = self.planner.hours_by_domain()
        names = self.planner.domain_names()
        palette = self.palette()
        self._style(self.hours_plot)
        self._style(self.trend_plot)

        self.hours_plot.clear()
        hours_legend = self.hours_plot.getPlotItem().legend
        if hours_legend is not None:
            hours_legend.clear()
            hours_legend.setLabelTextColor(palette.color(QPalette.ColorRole.Text))
        xs = list(range(len(rows)))
        width = 0.27
        total = [r.planned_minutes / 60 for r in rows]
        to_date = [r.planned_to_date / 60 for r in rows]
        done = [r.done_minutes / 60 for r in rows]
        # Shades of the text colour: the Mid role is near the background in dark palettes,
        # which made the planned and whole-plan bars all but invisible there.
        text = palette.color(QPalette.ColorRole.Text)
        mid = QColor(text)
        mid.setAlpha(120)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        faint = QColor(text)
        faint.setAlpha(40)
        self.hours_plot.addItem(pg.BarGraphItem(
            x=[x - width for x in xs], height=to_date, width=width, brush=mid,
            name="planned to date"))
        self.hours_plot.addItem(pg.BarGraphItem(
            x=xs, height=done, width=width, brush=highlight, name="done"))
        self.hours_plot.addItem(pg.BarGraphItem(
            x=[x + width for x in xs], height=total, width=width, brush=faint, pen=mid,
            name="whole plan"))
        self.hours_plot.getAxis("bottom").setTicks(
            [[(x, SHORT.get(r.key, r.key)) for x, r in zip(xs, rows, strict=True)]]
        )
        self.hours_plot.setXRange(-0.7, len(rows) - 0.3, padding=0)
        self.hours_plot.setYRange(0, max([*total, *done, 1]) * 1.08, padding=0)
        full = {**names, MOCK: "Full mocks"}
        self.table_text.setText("   ".join(
            f"{full.get(r.key, r.key)} ({SHORT.get(r.key, r.key)}): {r.done_minutes / 60:.1f} of "
            f"{r.planned_to_date / 60:.1f} h due ({r.planned_minutes / 60:.0f} h in plan)"
            for r in rows
        ))

        self.trend_plot.clear()
        legend = self.trend_plot.getPlotItem().legend
        if legend is not None:
            legend.clear()
            legend.setLabelTextColor(palette.color(QPalette.ColorRole.Text))
        trend = self.readiness.trend()
        order = list(names)
        xs_all: list[float] = []
        for domain, points in sorted(trend.items(), key=lambda kv: order.index(kv[0])
                                     if kv[0] in order else 99):
            if domain not in names:
                continue
            # Each domain a little to the side of the others, so bands of one day stay apart.
            nudge = (order.index(domain) - (len(order) - 1) / 2) * 0.12 * 86400
            xs_t = [day_value(d) + nudge for d, _ in points]
            xs_all.extend(xs_t)
            color = _line_color(order.index(domain), palette)
            pen = pg.mkPen(color, width=2)
            # The band first, so the line and its points sit on top of it: shaded between
            # days, and a bar at each day (one day of results has no area to shade).
            lows = [e.low * 100 for _, e in points]
            highs = [e.high * 100 for _, e in points]
            shade = QColor(color)
            shade.setAlpha(45)
            if len(points) > 1:
                low = pg.PlotCurveItem(xs_t, lows, pen=pg.mkPen(None))
                high = pg.PlotCurveItem(xs_t, highs, pen=pg.mkPen(None))
                self.trend_plot.addItem(pg.FillBetweenItem(low, high, brush=shade))
            bar_pen = QColor(color)
            bar_pen.setAlpha(150)
            self.trend_plot.addItem(pg.ErrorBarItem(
                x=np.array(xs_t), y=np.array([e.mean * 100 for _, e in points]),
                top=np.array([h - e.mean * 100 for h, (_, e) in zip(highs, points, strict=True)]),
                bottom=np.array([e.mean * 100 - lo for lo, (_, e) in zip(lows, points,
                                                                          strict=True)]),
                beam=0.25 * 86400, pen=pg.mkPen(bar_pen, width=2)))
            self.trend_plot.plot(xs_t, [e.mean * 100 for _, e in points], pen=pen, symbol="o",
                                 symbolSize=6, symbolBrush=pen.color(),
                                 name=SHORT.get(domain, domain))
        if xs_all:  # at least a week wide, so one day's results do not fill the axis
            right = max(max(xs_all), min(xs_all) + 7 * 86400)
            # A day either side: a date label centred on the first or last day must fit.
            self.trend_plot.setXRange(min(xs_all) - 86400, right + 86400, padding=0)
        self.trend_plot.setYRange(0, 100, padding=0.02)
        if not trend:  # an empty chart still shows the weeks of the plan on its date axis
            setup = self.planner.setup()
            today = self.planner.today_date()
            first = setup.start if setup is not None and setup.start < today else today
            left = day_value(first) - 43200
            right = day_value(today) + 43200
            self.trend_plot.setXRange(left, max(right, left + 7 * 86400), padding=0)
        if trend:
            self.trend_note.setText(
                "Dots and lines: the estimated accuracy after each day of practice; the bars and "
                "shading around them: the range it likely lies in (80 %), wide while evidence "
                "is thin. Recent results count more "
                "(a result loses half its weight in three weeks); weaker domains get more of "
                "the plan."
            )
        else:
            self.trend_note.setText(
                "No practice results yet: the plan follows your self-ratings. Take a practice "
                "exam to see your mastery trend here."
            )
