"""Both delivery modes, driven through the page as a candidate would."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt

from readiness.core.appointment import Delivery, ExamAppointment
from readiness.core.clock import FakeClock
from readiness.paths import AppPaths
from readiness.ui.checklist.page import ChecklistPage
from readiness.ui.context import UiContext
from readiness.ui.dialogs import ScriptedDialogs
from readiness.ui.tasks import TaskRunner
from readiness.workspace import Workspace

APPT = ExamAppointment(exam_date=date(2026, 6, 10), exam_time=time(9, 0),
                       timezone="America/Chicago", center_name="Pearson VUE Midtown",
                       center_address="100 Lake St, Chicago IL")


@pytest.fixture
def page(qtbot, ctx: UiContext) -> ChecklistPage:
    ctx.workspace.appointment.save(APPT)
    widget = ChecklistPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    return widget


def group_titles(page: ChecklistPage) -> list[str]:
    tree = page.items.tree
    return [tree.topLevelItem(i).text(0).split("  (")[0] for i in range(tree.topLevelItemCount())]


def is_checked(page: ChecklistPage, item_id: str) -> bool:
    found = page.items.tree_item(item_id)
    assert found is not None, item_id
    return found.checkState(0) == Qt.CheckState.Checked


def press_space_on(qtbot, page: ChecklistPage, item_id: str) -> None:
    page.items.select(item_id)
    page.items.tree.setFocus()
    qtbot.keyClick(page.items.tree, Qt.Key.Key_Space)


def choose_delivery(qtbot, page: ChecklistPage, mode: Delivery) -> None:
    """Pick the mode in the Delivery box with the keyboard, as a user would."""
    page.tabs.setCurrentIndex(1)
    combo = page.arrival.delivery
    combo.setFocus()
    key = Qt.Key.Key_Down if mode is Delivery.ONLINE else Qt.Key.Key_Up
    qtbot.keyClick(combo, key)
    assert combo.currentData() == mode.value
    page.tabs.setCurrentIndex(0)


def test_center_mode_is_the_default_and_plans_the_journey(page):
    assert page.arrival.delivery.currentData() == "center"
    assert group_titles(page)[-1] == "At the center"
    assert page.items.tree_item("route") is not None
    assert page.items.tree_item("system-test-week") is None
    assert "Leave by 07:45 CDT" in page.summary.text()
    assert page.arrival.travel.isVisibleTo(page.arrival)
    assert not page.arrival.systest.isVisibleTo(page.arrival)
    sources = page.arrival.sources.text()
    assert "Test center rules and where they come from" in sources
    assert sources.count("checked 2026-12-01") == 5  # edition, books, arrival, session, IDs
    assert "OnVUE" not in sources


def test_online_mode_has_its_items_and_a_be_ready_by_planner(qtbot, page):
    choose_delivery(qtbot, page, Delivery.ONLINE)
    assert page.ctx.workspace.appointment.get().delivery is Delivery.ONLINE
    assert group_titles(page)[-1] == "Online check-in"
    for item_id in ("system-test-week", "system-test-day", "room-plan", "room-ready",
                    "equipment", "start-check-in", "id-to-camera", "desk-items",
                    "online-breaks", "phone-away"):
        assert page.items.tree_item(item_id) is not None, item_id
    assert page.items.tree_item("route") is None
    assert page.items.tree_item("arrive-early") is None
    # 09:00 - 30 min check-in window = ready 08:30; - 15 system test - 20 room = 07:55.
    summary = page.summary.text()
    assert "Online (OnVUE)" in summary
    assert "Start set-up by 07:55 CDT" in summary
    assert "ready for check-in by 08:30 CDT" in summary
    arrival = page.arrival
    assert "Ready for check-in by 08:30 CDT" in arrival.result.text()
    assert "Check-in opens 30 minutes before" in arrival.result.text()
    assert arrival.systest.isVisibleTo(arrival) and arrival.room.isVisibleTo(arrival)
    assert not arrival.travel.isVisibleTo(arrival)
    assert not arrival.center.isVisibleTo(arrival)
    # Every online rule shows its source, the date checked, and "verify" where due.
    sources = arrival.sources.text()
    assert sources.count("checked 2026-12-01") == len(page.service.rules.online.rules)
    assert "<b>verify</b>" in sources
    # The set-up times are the candidate's to change.
    arrival.room.setValue(35)
    assert "Start set-up by 07:40 CDT" in page.summary.text()
    # "The morning of" now counts back from the set-up, not from leaving home.
    morning = next(g for g in page.service.view().groups if g.key == "morning")
    assert morning.due is not None and morning.due.strftime("%H:%M") == "06:40"


def test_switching_mode_keeps_what_is_checked(qtbot, page, paths, fake_clock):
    press_space_on(qtbot, page, "primary-id")  # shared by both modes
    press_space_on(qtbot, page, "route")  # test center only
    assert is_checked(page, "primary-id") and is_checked(page, "route")

    choose_delivery(qtbot, page, Delivery.ONLINE)
    assert is_checked(page, "primary-id")  # still checked after the switch
    assert page.items.tree_item("route") is None
    press_space_on(qtbot, page, "system-test-week")
    done = page.progress.value()
    assert done == 2

    choose_delivery(qtbot, page, Delivery.CENTER)
    assert is_checked(page, "primary-id") and is_checked(page, "route")
    assert page.items.tree_item("system-test-week") is None
    assert group_titles(page)[-1] == "At the center"
    # "When:" for a new item follows the mode's groups.
    assert page.items.add_group.itemText(page.items.add_group.count() - 1) == "At the center"

    choose_delivery(qtbot, page, Delivery.ONLINE)
    assert is_checked(page, "system-test-week")  # the online check waited for us
    page.ctx.workspace.close()

    workspace, _ = Workspace.open(paths, fake_clock, take_backup=False)
    again = ChecklistPage(UiContext(workspace, ScriptedDialogs(), TaskRunner()))
    qtbot.addWidget(again)
    again.destroyed.connect(workspace.close)
    assert again.arrival.delivery.currentData() == "online"
    assert is_checked(again, "primary-id") and is_checked(again, "system-test-week")


def test_online_card_says_how_and_what_is_on_the_desk(qtbot, page):
    choose_delivery(qtbot, page, Delivery.ONLINE)
    card = page.service.card()
    assert card.title == "CCS exam day (online, OnVUE)"
    assert card.leave_label == "Start set-up by" and card.leave_by.startswith("07:55 CDT")
    assert card.arrive_label == "Ready for check-in by"
    assert card.center_name == "Online with OnVUE at home"
    assert any(b.startswith("On the desk") for b in card.bring)
    assert any("out of arm's reach" in r for r in card.mode_rules)


def test_restart_of_an_old_database_reads_center(qtbot, paths: AppPaths, fake_clock: FakeClock):
    workspace, _ = Workspace.open(paths, fake_clock, take_backup=False)
    try:
        assert workspace.appointment.get().delivery is Delivery.CENTER
    finally:
        workspace.close()


def test_online_page_fits_a_1024_px_screen(qtbot, page):
    choose_delivery(qtbot, page, Delivery.ONLINE)
    # The window's navigation takes about 200 px of a 1024 px screen.
    assert page.minimumSizeHint().width() <= 820
