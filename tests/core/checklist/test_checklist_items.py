from datetime import UTC, date, datetime, time, timedelta

import pytest

from readiness.core.appointment import ExamAppointment
from readiness.core.checklist.arrival import plan_arrival
from readiness.core.checklist.due import due_at
from readiness.core.checklist.items import (
    ItemState,
    build_view,
    clean_text,
    due_to_notify,
    final_week_events,
    reordered,
)
from readiness.core.checklist.template import shipped_template
from readiness.core.errors import InvalidInput

TEMPLATE = shipped_template()
APPT = ExamAppointment(exam_date=date(2026, 6, 10), exam_time=time(9, 0))
PLAN = plan_arrival(APPT, 45, 15, 30)
DUE = {g.key: due_at(g.due, APPT, PLAN) for g in TEMPLATE.groups}
T0 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_fresh_view_follows_template():
    view = build_view(TEMPLATE, {}, DUE)
    assert [i.id for i in view.visible_items()] == [i.id for i in TEMPLATE.items]
    assert view.progress.done == 0 and view.progress.total == len(TEMPLATE.items)
    assert view.groups[0].due == DUE["week"]


def test_state_is_merged():
    states = {
        "primary-id": ItemState("primary-id", checked_at=T0),
        "secondary-id": ItemState("secondary-id", text="Second ID: my passport"),
        "fees-paid": ItemState("fees-paid", hidden=True),
        "custom-1": ItemState("custom-1", text="Bring reading glasses", why="Small print",
                              group="day-before", custom=True),
    }
    view = build_view(TEMPLATE, states, DUE)
    item = view.item("secondary-id")
    assert item.edited and item.text == "Second ID: my passport"
    assert item.template_text.startswith("Secondary ID")
    assert view.item("primary-id").checked
    assert "fees-paid" not in [i.id for i in view.visible_items()]
    assert [i.id for i in view.hidden] == ["fees-paid"]
    day_before = next(g for g in view.groups if g.key == "day-before")
    assert day_before.items[-1].id == "custom-1" and day_before.items[-1].custom
    assert view.progress.done == 1
    assert view.progress.total == len(TEMPLATE.items)  # one hidden, one custom


def test_positions_order_within_group():
    week = [i.id for i in TEMPLATE.items if i.group == "week"]
    new_order = reordered(week, week[2], -2)
    states = {item_id: ItemState(item_id, position=n) for n, item_id in enumerate(new_order)}
    view = build_view(TEMPLATE, states, DUE)
    assert [i.id for i in view.groups[0].items] == new_order
    assert new_order[0] == week[2]


def test_reordered_clamps():
    assert reordered(["a", "b", "c"], "a", -5) == ["a", "b", "c"]
    assert reordered(["a", "b", "c"], "a", 1) == ["b", "a", "c"]
    assert reordered(["a", "b", "c"], "b", 9) == ["a", "c", "b"]
    with pytest.raises(KeyError):
        reordered(["a"], "z", 1)


def test_clean_text():
    assert clean_text("  Bring   water ") == "Bring water"
    with pytest.raises(InvalidInput):
        clean_text("   ")
    with pytest.raises(InvalidInput, match="too long"):
        clean_text("x" * 301)


def test_due_to_notify():
    view = build_view(TEMPLATE, {}, DUE)
    week_due = DUE["week"]
    assert week_due is not None
    assert due_to_notify(view, week_due - timedelta(seconds=1), {}) == []
    due = due_to_notify(view, week_due, {})
    assert {i.group for i in due} == {"week"}
    notified = {i.id: week_due for i in due}
    assert due_to_notify(view, week_due + timedelta(hours=1), notified) == []
    # Checked items never notify; a new due time notifies again.
    view2 = build_view(TEMPLATE, {"primary-id": ItemState("primary-id", checked_at=T0)}, DUE)
    again = due_to_notify(view2, week_due, {"secondary-id": week_due - timedelta(days=1)})
    assert "primary-id" not in [i.id for i in again]
    assert "secondary-id" in [i.id for i in again]


def test_final_week_events():
    view = build_view(TEMPLATE, {"sleep": ItemState("sleep", checked_at=T0)}, DUE)
    assert PLAN is not None
    events = final_week_events(view, PLAN.starts_at)
    # One event per group (seven week items used to ring seven alarms in one slot).
    assert [e.uid for e in events] == [f"checklist-{g.key}@ccs-readiness"
                                       for g in TEMPLATE.groups]
    uid, title, start, alarm = events[0].uid, events[0].title, events[0].start, events[0].alarm
    assert uid == "checklist-week@ccs-readiness"
    week_items = [i for i in TEMPLATE.items if i.group == "week"]
    assert title.startswith(f"Exam checklist, a week before: {len(week_items)} items: Primary ID")
    assert start == DUE["week"] and alarm == timedelta(minutes=30)
    day_before = next(e for e in events if e.uid == "checklist-day-before@ccs-readiness")
    assert "Plan a full night" not in day_before.title  # checked: not in the title
    assert final_week_events(view, None) == []
