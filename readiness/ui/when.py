"""The locale's date style, read once from QLocale for :mod:`readiness.core.when`.

The formatting itself lives in the core (services write dates into messages and
may not import Qt); this is the only place that asks Qt what the locale wants:
day/month/year order, 12- or 24-hour clock, month and day names.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QLabel

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
    """The QDateEdit pattern for typed dates: year-month-day, digits only, in every locale.

    Typed entry is strict rather than localised. A weekday or month-name section lets
    Qt keep the old weekday while a new month is typed and move the typed day to fit
    it ("Fri 2026-11-20" became "Fri 2026-12-11", issue 13), and a numeric day/month
    order that follows the locale is ambiguous when typed (03/04). The date in the
    locale's style is shown beside the field instead. ``style`` is taken so every edit
    asks the one helper, should that rule ever change.
    """
    del style
    return "yyyy-MM-dd"


def time_edit_format(style: DateStyle) -> str:
    """A QTimeEdit display pattern with the style's 12- or 24-hour clock."""
    return "h:mm AP" if style.hour12 else "HH:mm"


DATE_HINT = "Type the date as YYYY-MM-DD (e.g. 2026-11-20), or pick it from the calendar."


def weekday_label(edit: QDateEdit) -> QLabel:
    """A label that names the weekday of ``edit``'s date ("Friday"), kept up to date,
    with the typed format beside it: the edit itself has no weekday section."""
    label = QLabel()
    label.setAccessibleName(f"{edit.accessibleName()}: weekday")
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance("Wednesday  (YYYY-MM-DD)"))

    def show(value: QDate) -> None:
        label.setText(f"{date(value.year(), value.month(), value.day()):%A}  (YYYY-MM-DD)")

    edit.dateChanged.connect(show)
    show(edit.date())
    return label
