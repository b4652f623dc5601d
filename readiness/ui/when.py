"""The locale's date style, read once from QLocale for :mod:`readiness.core.when`.

The formatting itself lives in the core (services write dates into messages and
may not import Qt); this is the only place that asks Qt what the locale wants:
day/month/year order, 12- or 24-hour clock, month and day names.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

from readiness.core.when import DateStyle

_SHORT = QLocale.FormatType.ShortFormat


def date_order(pattern: str) -> str:
    """'dmy', 'mdy' or 'ymd' from a Qt date pattern such as 'M/d/yy' or 'dd.MM.yyyy'."""
    positions = {key: pattern.find(key) for key in "dMy"}
    if any(p < 0 for p in positions.values()):
        return "dmy"
    ordered = "".join(sorted(positions, key=lambda k: positions[k])).lower()
    return ordered if ordered in ("dmy", "mdy", "ymd") else "dmy"


def locale_style(locale: QLocale | None = None) -> DateStyle:
    """The date style of ``locale`` (the system's by default)."""
    locale = locale or QLocale.system()
    time_pattern = locale.timeFormat(_SHORT)
    return DateStyle(
        order=date_order(locale.dateFormat(_SHORT)),
        hour12="a" in time_pattern.lower(),
        months=tuple(locale.monthName(m, _SHORT) for m in range(1, 13)),
        weekdays=tuple(locale.dayName(d, _SHORT) for d in range(1, 8)),
        am_pm=(locale.amText() or "AM", locale.pmText() or "PM"),
    )


def date_edit_format(style: DateStyle) -> str:
    """A QDateEdit display pattern that writes dates as ``style.date`` does."""
    return {"mdy": "ddd MMM d, yyyy", "ymd": "ddd yyyy MMM d"}.get(style.order,
                                                                   "ddd d MMM yyyy")


def time_edit_format(style: DateStyle) -> str:
    """A QTimeEdit display pattern with the style's 12- or 24-hour clock."""
    return "h:mm AP" if style.hour12 else "HH:mm"
