from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.core.appointment import ExamAppointment
from readiness.core.checklist.items import reordered
from readiness.core.checklist.names import NameIssue
from readiness.core.checklist.rules import EditionStatus
from readiness.core.clock import FakeClock
from readiness.core.errors import InvalidInput
from readiness.paths import AppPaths
from readiness.storage.appointment import AppointmentRepository
from readiness.storage.db import Database
from readiness.storage.migrations import current_version, migrate
from readiness.workspace import Workspace

APPT = ExamAppointment(exam_date=date(2026, 6, 10), exam_time=time(9, 0),
                       timezone="America/Chicago", center_name="Pearson VUE Midtown",
                       center_address="100 Lake St, Chicago IL")


def reopen(paths: AppPaths, clock: FakeClock) -> Workspace:
    ws, _ = Workspace.open(paths, clock, take_backup=False)
    return ws


def test_schema_version_two_applies_on_its_own(tmp_path):
    db = Database.open(tmp_path / "x.sqlite3")
    migrate(db)
    assert current_version(db) >= 2
    tables = {r[0] for r in db.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"checklist_item", "checklist_name", "checklist_book", "checklist_travel",
            "checklist_notified"} <= tables


def test_state_survives_restart(paths, fake_clock):
    ws = reopen(paths, fake_clock)
    service = ws.checklist
    service.save_appointment(APPT)
    service.set_checked("primary-id", True)
    service.edit("secondary-id", "Passport as second ID", "Has my signature")
    new_id = service.add("day-before", "Charge the car", "No time to stop on the way")
    service.set_hidden("fees-paid", True)
    service.move("confirmation", -3)
    service.set_name("att", "Mary-Jane Smith")
    service.set_name("primary-id", "Mary Jane Smith")
    service.set_book("icd10cm", 2026, True)
    service.set_travel(50, 20)
    ws.close()

    ws = reopen(paths, fake_clock)
    service = ws.checklist
    view = service.view()
    assert view.item("primary-id").checked
    assert view.item("primary-id").checked_at == fake_clock.now()
    assert view.item("secondary-id").text == "Passport as second ID"
    assert view.item(new_id).text == "Charge the car" and view.item(new_id).custom
    assert [i.id for i in view.hidden] == ["fees-paid"]
    assert view.groups[0].items[0].id == "confirmation"
    names = {e.role: e for e in service.name_entries()}
    assert names["primary-id"].check is not None
    assert names["primary-id"].check.kinds == {NameIssue.HYPHEN_SPACE}
    assert names["secondary-id"].check is None
    books = {b.book.id: b for b in service.book_entries()}
    assert books["icd10cm"].check.status is EditionStatus.OK and books["icd10cm"].inspected
    assert books["cpt"].check.status is EditionStatus.UNKNOWN
    assert service.travel().travel_minutes == 50
    plan = service.arrival()
    assert plan is not None and plan.leave_by.strftime("%H:%M") == "07:20"
    ws.close()


def test_uncheck_edit_reset_and_remove(workspace):
    service = workspace.checklist
    service.set_checked("sleep", True)
    service.set_checked("sleep", False)
    assert not service.view().item("sleep").checked
    service.edit("sleep", "Sleep eight hours")
    assert service.view().item("sleep").edited
    service.reset_text("sleep")
    item = service.view().item("sleep")
    assert not item.edited and item.text == item.template_text
    new_id = service.add("center", "Find the restroom")
    service.remove_custom(new_id)
    with pytest.raises(InvalidInput):
        service.view().item(new_id) if False else service.set_checked(new_id, True)
    with pytest.raises(InvalidInput, match="hide this one"):
        service.remove_custom("sleep")


@pytest.mark.parametrize("call", [
    lambda s: s.add("nowhen", "x"),
    lambda s: s.add("week", "   "),
    lambda s: s.edit("nope", "x"),
    lambda s: s.set_name("passport", "x"),
    lambda s: s.set_book("icd10cm", 1999, False),
    lambda s: s.set_book("bible", 2026, False),
    lambda s: s.set_travel(-1, 0),
])
def test_bad_input_changes_nothing(workspace, call):
    before = workspace.checklist.view()
    with pytest.raises(InvalidInput):
        call(workspace.checklist)
    assert workspace.checklist.view() == before


def test_notifications_once_per_due_time(workspace, fake_clock):
    service = workspace.checklist
    service.save_appointment(APPT)
    fake_clock.set_wall(datetime(2026, 6, 3, 22, 59, tzinfo=UTC))  # 17:59 CDT, 7 days before
    assert service.due_notifications() == []
    fake_clock.advance(60)
    due = service.due_notifications()
    assert due and {i.group for i in due} == {"week"}
    service.mark_notified(due)
    assert service.due_notifications() == []
    # A moved appointment moves the due times: they notify again when they come.
    service.save_appointment(APPT.__class__(**{**APPT.__dict__, "exam_date": date(2026, 6, 9)}))
    again = service.due_notifications()
    assert {i.id for i in again} >= {i.id for i in due}


def test_ics_events_and_card(workspace):
    service = workspace.checklist
    assert service.ics_events() == []
    service.save_appointment(APPT)
    service.set_checked("sleep", True)
    events = service.ics_events(timedelta(minutes=15))
    uid, title, start, alarm = events[0]
    assert uid.startswith("checklist-") and title.startswith("Exam checklist, ")
    assert start.tzinfo is not None and alarm == timedelta(minutes=15)
    assert len(events) == len({e.uid for e in events})  # one per group
    day_before = next(e for e in events if e.uid == "checklist-day-before@ccs-readiness")
    assert "Plan a full night" not in day_before.title  # checked items are left out
    card = service.card()
    assert card.leave_by.startswith("07:45 CDT")  # 09:00 - 30 early - 30 travel - 15 buffer
    assert card.center_address.startswith("100 Lake St")
    assert any("Primary ID" in b for b in card.bring)
    assert not any(t.startswith("Plan a full night") for t in card.open_items)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=st.lists(st.tuples(st.integers(0, 6), st.integers(-8, 8)), max_size=8),
       hide=st.sets(st.integers(0, 6), max_size=2))
def test_moves_match_a_list_model(workspace, moves, hide):
    """Any sequence of moves and hides gives the order a plain list would."""
    service = workspace.checklist
    week = [i.id for i in service.mode_template().items if i.group == "week"]
    for item_id in week:  # start each example from the template state
        service.set_hidden(item_id, False)
    service._repo.set_positions(week)
    model = list(week)
    for index in sorted(hide):
        service.set_hidden(week[index], True)
        model.remove(week[index])
    for index, delta in moves:
        item_id = week[index]
        service.move(item_id, delta)
        if item_id in model:
            model = reordered(model, item_id, delta)
    assert [i.id for i in service.view().groups[0].items] == model


def test_att_warning(workspace, fake_clock):
    service = workspace.checklist
    assert service.att_warning() is None
    fake_clock.set_wall(datetime(2026, 6, 20, 12, 0, tzinfo=UTC))
    service.save_appointment(ExamAppointment(att_received=date(2026, 3, 1)))
    assert "expires on Mon 29 Jun 2026: schedule" in (service.att_warning() or "")
    fake_clock.set_wall(datetime(2026, 7, 1, 12, 0, tzinfo=UTC))
    assert "expired on Mon 29 Jun 2026" in (service.att_warning() or "")
    service.save_appointment(ExamAppointment(att_received=date(2026, 3, 1),
                                             exam_date=date(2026, 6, 29)))
    assert service.att_warning() is None  # the last day of the window is inside it
    late = ExamAppointment(att_received=date(2026, 3, 1), exam_date=date(2026, 6, 30))
    with pytest.raises(InvalidInput, match="last valid date is Mon 2026-06-29"):
        service.save_appointment(late)  # the date rule refuses it on every page
    # ... but one saved before that rule still gets the warning.
    AppointmentRepository(workspace.db).save(late)
    assert "after your Authorization to Test expires" in (service.att_warning() or "")
    assert any("after your Authorization" in n for n in service.card().notes)
