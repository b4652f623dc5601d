"""Chart axes that read as what they measure: calendar days as dates ("Mar 02"),
never clock times, and fractions as whole percentages ("60%"), never SI-scaled
numbers.  pyqtgraph's DateAxisItem switches to hours when the range is short and
a unit label rescales values ("59.750 · 12:00:00 · 00.250", issue 13)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pyqtgraph as pg

DAY_S = 86400.0
#: Spacing between date ticks, in days: the first that leaves at most MAX_TICKS.
DAY_STEPS = (1, 2, 7, 14, 28, 56)
MAX_TICKS = 8


def day_value(day: date) -> float:
    """Where a day sits on a date axis: its noon, UTC (no zone can move it a day)."""
    return datetime.combine(day, time(12), tzinfo=UTC).timestamp()


def value_day(value: float) -> date:
    return datetime.fromtimestamp(value, tz=UTC).date()


def day_ticks(low: float, high: float) -> list[tuple[float, str]]:
    """Ticks on whole days between ``low`` and ``high`` (axis values), labelled as dates."""
    first, last = value_day(low), value_day(high)
    if day_value(first) < low - 1:
        first += timedelta(days=1)
    if day_value(last) > high + 1:
        last -= timedelta(days=1)
    span = max(1, (last - first).days)
    step = next((s for s in DAY_STEPS if span / s <= MAX_TICKS), DAY_STEPS[-1])
    if step >= 7:  # weekly ticks fall on Mondays
        first += timedelta(days=(7 - first.weekday()) % 7)
    ticks = []
    day = first
    while day <= last:
        value = day_value(day)
        if low - 1 <= value <= high + 1:
            ticks.append((value, f"{day:%b %d}"))
        day += timedelta(days=step)
    return ticks


def percent_ticks(low: float, high: float) -> list[tuple[float, str]]:
    """Every 20 % (10 % when zoomed in) between ``low`` and ``high`` (values 0-100)."""
    step = 10 if high - low <= 50 else 20
    start = int(low // step) * step
    return [(float(v), f"{v}%") for v in range(start, int(high) + 1, step) if v >= low]


class DayAxis(pg.AxisItem):
    def __init__(self, orientation: str = "bottom", **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        return [(DAY_S, [v for v, _ in day_ticks(minVal, maxVal)])]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [f"{value_day(v):%b %d}" for v in values]


class PercentAxis(pg.AxisItem):
    def __init__(self, orientation: str = "left", **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        return [(10.0, [v for v, _ in percent_ticks(minVal, maxVal)])]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [f"{v:.0f}%" for v in values]
