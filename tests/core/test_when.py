"""The one date/time style of the app."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from readiness.core.when import DateStyle

CHICAGO = ZoneInfo("America/Chicago")
EXAM = datetime(2026, 6, 10, 14, 5, tzinfo=CHICAGO)


@pytest.mark.parametrize("order, expected", [
    ("dmy", "Wed 10 Jun 2026"), ("mdy", "Wed Jun 10, 2026"), ("ymd", "Wed 2026 Jun 10")])
def test_dates_follow_the_locale_order(order, expected):
    assert DateStyle(order=order).date(date(2026, 6, 10)) == expected


def test_twelve_and_twenty_four_hour_clocks():
    assert DateStyle().clock(EXAM) == "14:05"
    twelve = DateStyle(hour12=True)
    assert twelve.clock(EXAM) == "2:05 PM"
    assert twelve.clock(EXAM.replace(hour=0)) == "12:05 AM"
    assert twelve.clock(EXAM.replace(hour=12)) == "12:05 PM"


def test_the_zone_is_named_only_where_the_candidate_is_elsewhere():
    same = DateStyle(viewer_zone=CHICAGO)
    assert same.time(EXAM) == "14:05"
    assert same.time(EXAM, zone=True) == "14:05 CDT"
    away = DateStyle(viewer_zone=ZoneInfo("America/New_York"))
    assert away.time(EXAM) == "14:05 CDT (15:05 your time)"
    assert away.day_time(EXAM) == "Wed 10 Jun 2026, 14:05 CDT (15:05 your time)"
    # A zone with the same offset that day reads the same clock: nothing to add.
    assert DateStyle(viewer_zone=ZoneInfo("America/Winnipeg")).time(EXAM) == "14:05"


def test_past_events_are_shown_in_the_candidates_time():
    style = DateStyle(viewer_zone=ZoneInfo("Europe/Berlin"))
    assert style.stamp(datetime(2026, 6, 10, 22, 30, tzinfo=UTC)) == "Thu 11 Jun 2026, 00:30"


def test_locale_names_are_used():
    german = DateStyle(months=("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.",
                               "Sep.", "Okt.", "Nov.", "Dez."),
                       weekdays=("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."))
    assert german.date(date(2026, 6, 10)) == "Mi. 10 Juni 2026"


def test_a_broken_style_is_refused():
    with pytest.raises(ValueError):
        DateStyle(order="xyz")
