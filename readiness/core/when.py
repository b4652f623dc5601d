"""One way to write dates and times across the app, following the candidate's locale.

Why a Qt-free formatter here rather than QLocale calls in each page: the
messages that carry dates are built in the core and the services (the ATT
warning, the plan's deadline, the dashboard's lines, the printed card), and
those may not import Qt.  So the *style* (day/month order, 12- or 24-hour
clock, month and weekday names) is plain data: the UI reads it once from
QLocale (``readiness.ui.when.locale_style``) and hands it to the workspace;
tests and the command line use the default.  Every page then writes
"Wed 10 Jun 2026, 09:00" the same way.

Times of the appointment are kept in the appointment's zone.  Where the
candidate's own zone (the computer's) differs at that instant, the zone is
named and the candidate's time added: "09:00 CDT (10:00 your time)".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import datetime, tzinfo

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ORDERS = ("dmy", "mdy", "ymd")


@dataclass(frozen=True)
class DateStyle:
    order: str = "dmy"  # how the locale orders day, month and year
    hour12: bool = False
    months: tuple[str, ...] = MONTHS  # abbreviated month names, January first
    weekdays: tuple[str, ...] = WEEKDAYS  # abbreviated day names, Monday first
    am_pm: tuple[str, str] = ("AM", "PM")
    viewer_zone: tzinfo | None = None  # the candidate's zone; None: the computer's

    def __post_init__(self) -> None:
        if self.order not in ORDERS or len(self.months) != 12 or len(self.weekdays) != 7:
            raise ValueError(f"bad date style: {self!r}")

    # -- dates -------------------------------------------------------------------
    def date(self, day: dt.date, weekday: bool = True) -> str:
        """'Wed 10 Jun 2026' (dmy), 'Wed Jun 10, 2026' (mdy), 'Wed 2026 Jun 10' (ymd)."""
        month = self.months[day.month - 1]
        if self.order == "mdy":
            text = f"{month} {day.day}, {day.year}"
        elif self.order == "ymd":
            text = f"{day.year} {month} {day.day}"
        else:
            text = f"{day.day} {month} {day.year}"
        return f"{self.weekdays[day.weekday()]} {text}" if weekday else text

    def day_month(self, day: dt.date) -> str:
        """Short, without the year, for week headers: 'Wed 10' / 'Wed 10 Jun'."""
        month = self.months[day.month - 1]
        body = f"{month} {day.day}" if self.order in ("mdy", "ymd") else f"{day.day} {month}"
        return f"{self.weekdays[day.weekday()]} {body}"

    # -- times -------------------------------------------------------------------
    def clock(self, moment: datetime) -> str:
        """The wall-clock reading alone: '09:00' or '9:00 AM'."""
        if not self.hour12:
            return f"{moment.hour:02d}:{moment.minute:02d}"
        hour = moment.hour % 12 or 12
        return f"{hour}:{moment.minute:02d} {self.am_pm[moment.hour >= 12]}"

    def _viewer(self, moment: datetime) -> datetime:
        return moment.astimezone(self.viewer_zone) if self.viewer_zone else moment.astimezone()

    def differs(self, moment: datetime) -> bool:
        """True if the candidate's clock reads differently from ``moment``'s zone."""
        if moment.tzinfo is None:
            return False
        return self._viewer(moment).utcoffset() != moment.utcoffset()

    def time(self, moment: datetime, zone: bool = False) -> str:
        """An appointment-zone time; names the zone (and the candidate's time) when the
        candidate's zone differs, or always with ``zone``."""
        text = self.clock(moment)
        if self.differs(moment):
            return f"{text} {moment.tzname()} ({self.clock(self._viewer(moment))} your time)"
        return f"{text} {moment.tzname()}" if zone and moment.tzinfo else text

    def day_time(self, moment: datetime, zone: bool = False) -> str:
        return f"{self.date(moment.date())}, {self.time(moment, zone)}"

    def stamp(self, moment: datetime) -> str:
        """A past event (an exam finished, an item checked) in the candidate's own time."""
        local = self._viewer(moment) if moment.tzinfo else moment
        return f"{self.date(local.date())}, {self.clock(local)}"


DEFAULT_STYLE = DateStyle()
