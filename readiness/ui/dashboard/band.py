"""A readiness bar that draws its uncertainty: the 80 % band shaded, the estimate
as a mark; the numbers go in a label beside it ("62%, likely 49–74%"), since text
drawn over the band is hard to read."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


def band_text(mean: float, low: float, high: float, self_rating: bool) -> str:
    """Compact ("69% (59–79%)"): the readiness rows must leave the dashboard's other
    column room.  ``self_rating`` rows say so in their tooltip and accessible name."""
    return f"{mean:.0%} ({low * 100:.0f}–{high:.0%})"


class BandBar(QWidget):
    def __init__(self, mean: float, low: float, high: float, self_rating: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mean, self.low, self.high = mean, low, high
        self.text = band_text(mean, low, high, self_rating)
        source = "your self-rating (no practice yet)" if self_rating else "your practice"
        self.setToolTip(f"From {source}: the estimate (mark) and its 80 % band (shaded), from "
                        "a recency-weighted Beta posterior. With thin or old evidence the band "
                        "is wide; it narrows as recent practice builds up.")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(90)

    def sizeHint(self) -> QSize:
        return QSize(200, self.fontMetrics().height() + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(90, self.fontMetrics().height() + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_color = palette.color(QPalette.ColorRole.Text)
        track = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QColor(text_color.red(), text_color.green(), text_color.blue(), 90))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(track, 3, 3)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        band = QColor(highlight)
        band.setAlpha(90)
        x0 = track.left() + track.width() * self.low
        x1 = track.left() + track.width() * self.high
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(band)
        painter.drawRect(QRectF(x0, track.top() + 1, max(1.0, x1 - x0), track.height() - 2))
        xm = track.left() + track.width() * self.mean
        painter.setBrush(highlight)
        painter.drawRect(QRectF(xm - 1.5, track.top() + 1, 3, track.height() - 2))
        painter.end()
