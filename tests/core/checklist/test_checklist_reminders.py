"""Grouped reminders and night hours, on plain data with explicit instants."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from readiness.core.checklist.items import ChecklistItem, ChecklistView, GroupView, Progress
from readiness.core.checklist.reminders import NightHours, grouped, next_reminder
from readiness.core.errors import InvalidInput

CHICAGO = ZoneInfo("America/Chicago")
WEEK_DUE = datetime(2026, 6, 3, 18, 0, tzinfo=CHICAGO)
DAY_DUE = datetime(2026, 6, 9, 17, 0, tzinfo=CHICAGO)


def item(item_id: str, group: str, due: datetime, checked: bool = False) -> ChecklistItem:
    return ChecklistItem(id=item_id, group=group, text=f"Do {item_id}", why="", checked=checked,
                         checked_at=None, hidden=False, custom=False, edited=False, due=due)


def view() -> ChecklistView:
    week = tuple(item(f"w{n}", "week", WEEK_DUE, checked=n == 0) for n in range(6))
    day = tuple(item(f"d{n}", "day-before", DAY_DUE) for n in range(2))
    return ChecklistView((GroupView("week", "A week before", WEEK_DUE, week),
                          GroupView("day-before", "The day before", DAY_DUE, day)),
                         Progress(1, 8))


def test_one_reminder_per_group_with_the_open_items():
    v = view()
    reminders = grouped(v, v.open_items())
    assert [(r.group, len(r.items)) for r in reminders] == [("week", 5), ("day-before", 2)]
    assert reminders[0].text() == ("A week before: 5 items due: Do w1; Do w2; Do w3 "
                                   "(and 2 more)")
    assert reminders[1].text() == "The day before: 2 items due: Do d0; Do d1"


def test_only_due_groups_and_earliest_first():
    v = view()
    now = datetime(2026, 6, 9, 23, 0, tzinfo=UTC)  # 18:00 CDT the day before
    first = next_reminder(v, now, {}, NightHours(), CHICAGO)
    assert first is not None and first.group == "week"
    notified = {i.id: i.due for i in first.items if i.due is not None}
    second = next_reminder(v, now, notified, NightHours(), CHICAGO)
    assert second is not None and second.group == "day-before"
    early = datetime(2026, 6, 3, 22, 0, tzinfo=UTC)  # 17:00 CDT, a week before: not yet
    assert next_reminder(v, early, {}, NightHours(), CHICAGO) is None


@pytest.mark.parametrize("at, night", [
    (time(23, 0), True), (time(2, 0), True), (time(6, 59), True), (time(7, 0), False),
    (time(21, 59), False), (time(12, 0), False)])
def test_night_hours_across_midnight(at, night):
    moment = datetime(2026, 6, 9, at.hour, at.minute, tzinfo=CHICAGO)
    assert NightHours(time(22, 0), time(7, 0)).contains(moment) is night


def test_night_hours_in_the_candidates_zone_not_the_appointments():
    v = view()
    now = datetime(2026, 6, 4, 3, 0, tzinfo=UTC)  # 22:00 CDT, but 05:00 in Berlin
    assert next_reminder(v, now, {}, NightHours(time(23, 0), time(6, 0)), CHICAGO) is not None
    berlin = ZoneInfo("Europe/Berlin")
    assert next_reminder(v, now, {}, NightHours(time(23, 0), time(6, 0)), berlin) is None


def test_equal_times_mean_no_night_and_bad_times_are_refused():
    assert not NightHours(time(0, 0), time(0, 0)).contains(datetime(2026, 1, 1, 3, 0))
    with pytest.raises(InvalidInput, match="night hours"):
        NightHours.parse("late", "07:00")
