"""The score trend chart of the practice-exam page (pyqtgraph, imported when built)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget


class TrendPlot(QWidget):
    """Weighted score per finished attempt, with the estimated passing line."""

    def __init__(self) -> None:
        super().__init__()
        import pyqtgraph as pg  # deferred: only this page pays for it

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        from readiness.ui.axes import PercentAxis  # with pyqtgraph, deferred

        self.plot = pg.PlotWidget(background=self.palette().base().color(),
                                  axisItems={"left": PercentAxis()})
        self.plot.setAccessibleName("Score trend")
        self.plot.setMinimumHeight(160)
        self.plot.setYRange(0, 100)
        self.plot.setLabel("left", "Weighted score")
        self.plot.setLabel("bottom", "Attempt")
        self.plot.showGrid(x=False, y=True, alpha=0.3)
        self.cut = pg.InfiniteLine(pos=70, angle=0,
                                   pen=pg.mkPen("#c0392b", style=Qt.PenStyle.DashLine),
                                   label="≈ pass (estimate)",
                                   labelOpts={"position": 0.85, "color": "#c0392b"})
        self.plot.addItem(self.cut)
        self.curve = self.plot.plot([], [], pen=pg.mkPen("#2e86de", width=2), symbol="o",
                                    symbolBrush="#2e86de")
        layout.addWidget(self.plot)
        self.points: list[float] = []
        self.plot.setXRange(0.5, 5.5)
        self.plot.getAxis("bottom").setTickSpacing(major=1, minor=1)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light / dark switched while open
            self.plot.setBackground(self.palette().base().color())

    def set_points(self, values: list[float], cut_percent: float) -> None:
        self.points = values
        self.cut.setValue(cut_percent)
        self.curve.setData(list(range(1, len(values) + 1)), values)
        if values:
            self.plot.setXRange(0.5, max(len(values), 2) + 0.5)

