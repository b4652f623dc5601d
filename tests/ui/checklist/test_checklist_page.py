from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QApplication

from readiness.core.appointment import ExamAppointment
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
    widget = ChecklistPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    return widget


def restart(qtbot, paths: AppPaths, clock: FakeClock) -> ChecklistPage:
    """A fresh workspace and page over the same data folder, as after a restart."""
    workspace, _ = Workspace.open(paths, clock, take_backup=False)
    widget = ChecklistPage(UiContext(workspace, ScriptedDialogs(), TaskRunner()))
    qtbot.addWidget(widget)
    widget.destroyed.connect(workspace.close)
    return widget


def item_texts(page: ChecklistPage, group_index: int) -> list[str]:
    top = page.items.tree.topLevelItem(group_index)
    assert top is not None
    return [top.child(i).text(0).split("\n")[0] for i in range(top.childCount())]


def press_space_on(qtbot, page: ChecklistPage, item_id: str) -> None:
    page.items.select(item_id)
    page.items.tree.setFocus()
    qtbot.keyClick(page.items.tree, Qt.Key.Key_Space)


def test_page_is_registered(ctx):
    from readiness.ui.pages import PAGES

    spec = next(p for p in PAGES if p.key == "checklist")
    widget = spec.factory(ctx)
    assert isinstance(widget, ChecklistPage)
    widget.deleteLater()


def test_check_and_uncheck_survive_restart(qtbot, page, paths, fake_clock):
    assert page.progress.value() == 0
    press_space_on(qtbot, page, "primary-id")
    found = page.items.tree_item("primary-id")
    assert found is not None and found.checkState(0) == Qt.CheckState.Checked
    assert page.progress.format() == f"1 of {page.progress.maximum()} done"
    press_space_on(qtbot, page, "sleep")
    press_space_on(qtbot, page, "sleep")  # and off again
    page.ctx.workspace.close()

    again = restart(qtbot, paths, fake_clock)
    checked = again.items.tree_item("primary-id")
    unchecked = again.items.tree_item("sleep")
    assert checked is not None and checked.checkState(0) == Qt.CheckState.Checked
    assert unchecked is not None and unchecked.checkState(0) == Qt.CheckState.Unchecked
    assert again.progress.value() == 1


def test_add_edit_reorder_hide_survive_restart(qtbot, page, paths, fake_clock):
    items = page.items
    # Add an item to "The day before".
    items.add_group.setCurrentIndex(items.add_group.findData("day-before"))
    qtbot.keyClicks(items.add_text, "Charge the phone")
    qtbot.keyClicks(items.add_why, "Directions and the confirmation live on it")
    qtbot.mouseClick(items.add_button, Qt.MouseButton.LeftButton)
    assert item_texts(page, 2)[-1] == "Charge the phone"
    assert items.add_text.text() == ""
    new_id = items.current_id()
    assert new_id is not None and new_id.startswith("custom-")

    # Move it up twice.
    qtbot.mouseClick(items.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(items.up_button, Qt.MouseButton.LeftButton)
    assert item_texts(page, 2)[-3] == "Charge the phone"

    # Edit a template item.
    items.select("route")
    items.edit_text.clear()
    qtbot.keyClicks(items.edit_text, "Drive the route once on a weekday morning")
    qtbot.mouseClick(items.save_button, Qt.MouseButton.LeftButton)
    assert item_texts(page, 1)[0] == "Drive the route once on a weekday morning"
    assert items.reset_button.isEnabled()

    # Hide one, then see it under "Show hidden items".
    items.select("fees-paid")
    qtbot.mouseClick(items.hide_button, Qt.MouseButton.LeftButton)
    assert not any(t.startswith("Exam fee paid") for t in item_texts(page, 0))
    items.show_hidden.setChecked(True)
    assert any(t.startswith("Exam fee paid") and t.endswith("(hidden)")
               for t in item_texts(page, 0))
    # Unhide and hide again, through the same button.
    items.select("fees-paid")
    assert items.hide_button.accessibleName() == "Unhide item"
    qtbot.mouseClick(items.hide_button, Qt.MouseButton.LeftButton)
    assert not page.ctx.workspace.checklist.view().item("fees-paid").hidden
    items.select("fees-paid")
    qtbot.mouseClick(items.hide_button, Qt.MouseButton.LeftButton)
    page.ctx.workspace.close()

    again = restart(qtbot, paths, fake_clock)
    assert item_texts(again, 2)[-3] == "Charge the phone"
    assert item_texts(again, 1)[0] == "Drive the route once on a weekday morning"
    assert not any(t.startswith("Exam fee paid") for t in item_texts(again, 0))

    # Restore the original text and delete the custom item.
    again.items.select("route")
    qtbot.mouseClick(again.items.reset_button, Qt.MouseButton.LeftButton)
    assert item_texts(again, 1)[0].startswith("Plan the route")
    again.items.select(new_id)
    dialogs = again.ctx.dialogs
    assert isinstance(dialogs, ScriptedDialogs)
    dialogs.confirms.append(True)
    qtbot.mouseClick(again.items.delete_button, Qt.MouseButton.LeftButton)
    assert "Charge the phone" not in item_texts(again, 2)


def test_empty_new_item_is_refused(qtbot, page, dialogs):
    qtbot.mouseClick(page.items.add_button, Qt.MouseButton.LeftButton)
    assert dialogs.texts("error") == ["new item: must not be empty"]


def test_reorder_with_keyboard(qtbot, page):
    page.items.select("secondary-id")
    page.items.tree.setFocus()
    qtbot.keyClick(page.items.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert item_texts(page, 0)[0].startswith("Secondary ID")


def test_arrival_planner_form(qtbot, page):
    arrival = page.arrival
    page.tabs.setCurrentIndex(1)
    arrival.scheduled.setChecked(True)
    arrival.date.setDate(QDate(2026, 3, 8))
    arrival.time.setTime(QTime(8, 0))
    arrival.zone.setCurrentText("America/Chicago")
    arrival.zone.activated.emit(0)
    arrival.travel.setValue(60)
    arrival.buffer.setValue(15)
    assert "Leave by 06:15 CDT" in arrival.result.text()
    assert "Arrive by 07:30 CDT" in arrival.result.text()
    assert "Clocks go forward" in arrival.notes.text()
    assert "Leave by 06:15 CDT" in page.summary.text()
    qtbot.keyClicks(arrival.center, "Pearson VUE Loop")
    qtbot.keyClick(arrival.center, Qt.Key.Key_Return)
    assert page.ctx.workspace.appointment.get().center_name == "Pearson VUE Loop"
    assert page.ctx.workspace.appointment.get().exam_date == date(2026, 3, 8)


def test_unknown_zone_is_refused(qtbot, page, dialogs):
    page.arrival.zone.setCurrentText("Mars/Olympus")
    page.arrival.zone.activated.emit(0)
    assert any("unknown time zone" in t for t in dialogs.texts("error"))
    assert page.ctx.workspace.appointment.get().timezone == "America/Chicago"


def test_name_check_highlights_differences(qtbot, page):
    names = page.names
    qtbot.keyClicks(names.edits["att"], "Mary-Jane Smith Jr.")
    qtbot.keyClicks(names.edits["primary-id"], "Mary Jane Smith")
    text = names.results["primary-id"].text()
    assert "Hyphen or space" in text and "Suffix" in text
    assert "background:#ffd54f" in text  # the hyphen/space pair is highlighted
    qtbot.keyClicks(names.edits["secondary-id"], "Mary-Jane Smith Jr.")
    assert "Matches the ATT exactly" in names.results["secondary-id"].text()
    assert page.ctx.workspace.checklist.name_entries()[1].name == "Mary Jane Smith"


def test_book_edition_check(qtbot, page):
    page.ctx.workspace.appointment.save(APPT)
    page.refresh()
    books = page.books
    assert "needs the 2026 editions" in books.required.text()
    books.years["icd10cm"].setValue(2025)
    assert "too old" in books.status["icd10cm"].text()
    books.years["icd10cm"].setValue(2026)
    books.inspected["icd10cm"].setChecked(True)
    assert books.status["icd10cm"].text().startswith("✓")
    entry = page.ctx.workspace.checklist.book_entries()[0]
    assert entry.year == 2026 and entry.inspected


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    assert len(reader.pages) == 1
    text = unicodedata.normalize("NFKC", reader.pages[0].extract_text())
    return re.sub(r"\s+", " ", text)


def test_pdf_card_has_leave_by_and_open_items(qtbot, page, dialogs, tmp_path):
    page.ctx.workspace.appointment.save(APPT)
    page.ctx.workspace.checklist.set_checked("sleep", True)
    page.refresh()
    target = tmp_path / "card.pdf"
    dialogs.save_files.append(target)
    qtbot.mouseClick(page.card_button, Qt.MouseButton.LeftButton)
    assert target.exists()
    text = _pdf_text(target)
    assert "LEAVE BY 07:45 CDT" in text
    assert "100 Lake St, Chicago IL" in text
    assert "Primary ID (government-issued, photo, signature)" in text
    assert "Leave by the planned leave-by time" in text  # an open item
    assert "Plan a full night's sleep" not in text  # checked: not open
    assert dialogs.texts("inform") == [f"The exam-day card was saved to {target}."]


def test_reminders_come_grouped_once_per_group_and_due_time(qtbot, page, fake_clock):
    page.reminders.zone = ZoneInfo("America/Chicago")  # the candidate lives there too
    page.ctx.workspace.appointment.save(APPT)
    # 7 days before at 18:00 CDT = 23:00 UTC on 3 June.
    fake_clock.set_wall(datetime(2026, 6, 3, 22, 59, tzinfo=UTC))
    assert page.reminders.check_now() is None
    assert page.banner.isHidden()
    fake_clock.advance(60)
    with qtbot.waitSignal(page.reminders.reminded_group) as signal:
        page.check_reminders()
    text, group = signal.args
    # Seven week items came due at once: one reminder for the group, not seven.
    assert group == "week"
    assert text.startswith("A week before: 7 items due: Primary ID")
    assert text.endswith("(and 4 more)")
    assert not page.banner.isHidden()
    assert "Primary ID" in page.banner.text()
    assert page.reminders.check_now() is None  # not again for the same due time
    fake_clock.advance(4 * 24 * 3600)  # three days before has come
    reminder = page.reminders.check_now()
    assert reminder is not None and reminder.group == "three-days"
    assert {i.group for i in reminder.items} == {"three-days"}


def test_several_groups_due_come_one_at_a_time_earliest_first(page, fake_clock):
    page.reminders.zone = ZoneInfo("America/Chicago")
    page.ctx.workspace.appointment.save(APPT)
    fake_clock.set_wall(datetime(2026, 6, 9, 23, 0, tzinfo=UTC))  # 18:00 CDT the day before
    groups = []
    while (reminder := page.reminders.check_now()) is not None:
        groups.append(reminder.group)
    assert groups == ["week", "three-days", "day-before"]


def test_no_reminders_in_the_night_hours_they_wait_until_morning(qtbot, page, fake_clock):
    page.reminders.zone = ZoneInfo("America/Chicago")
    page.ctx.workspace.appointment.save(APPT)
    # The candidate sleeps 17:30 to 07:00: the week group is due 18:00 CDT.
    page.night_start.setTime(QTime(17, 30))
    assert page.reminders.night().start == time(17, 30)
    fake_clock.set_wall(datetime(2026, 6, 3, 23, 0, tzinfo=UTC))  # 18:00 CDT
    assert page.reminders.check_now() is None
    fake_clock.set_wall(datetime(2026, 6, 4, 11, 59, tzinfo=UTC))  # 06:59 CDT
    assert page.reminders.check_now() is None
    fake_clock.advance(60)  # 07:00: the night is over
    reminder = page.reminders.check_now()
    assert reminder is not None and reminder.group == "week"


def test_a_reminder_opens_the_checklist_at_its_group(qtbot, page, fake_clock):
    page.reminders.zone = ZoneInfo("America/Chicago")
    page.ctx.workspace.appointment.save(APPT)
    page.tabs.setCurrentIndex(2)  # the candidate was on the name check
    fake_clock.set_wall(datetime(2026, 6, 7, 23, 0, tzinfo=UTC))  # three days before, 18:00
    page.reminders.check_now()  # the week group
    page.reminders.check_now()  # the three-days group
    assert "Open this group" in page.banner.text()
    page.banner.linkActivated.emit("three-days")  # what a click on the link sends
    assert page.tabs.currentWidget() is page.items
    current = page.items.current()
    assert current is not None and current.group == "three-days" and not current.checked


def test_reminder_timer_runs_and_tray_matches_platform(page):
    from PySide6.QtWidgets import QSystemTrayIcon

    assert page.reminders.timer.isActive()
    assert page.reminders.tray_available == QSystemTrayIcon.isSystemTrayAvailable()
    assert page.keep_in_tray.isEnabled() == page.reminders.tray_available
    assert QApplication.instance() is not None


def test_controls_have_accessible_names(page):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
    )

    checked = 0
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        checked += _check_names(page, (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox,
                                       QAbstractItemView), (QComboBox, QAbstractSpinBox,
                                                            QAbstractItemView))
    assert checked > 40


def _check_names(page, kinds, composites) -> int:
    checked = 0
    for kind in kinds:
        for widget in page.findChildren(kind):
            if widget.objectName().startswith("qt_") or isinstance(widget.parent(), composites):
                continue  # Qt's own parts of a composite control
            if not widget.isVisibleTo(page):
                continue
            assert widget.accessibleName(), widget
            checked += 1
    return checked


class StubTray:
    """Stands in for QSystemTrayIcon where the test platform has no tray."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []

    def showMessage(self, title: str, text: str, *_args: object) -> None:
        self.messages.append((title, text))

    def hide(self) -> None:
        pass


def test_tray_reminders_and_close_to_tray(qtbot, ctx, fake_clock):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow

    from readiness.ui.checklist.reminders import ChecklistReminders

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    reminders = ChecklistReminders(ctx.workspace.checklist, ctx.workspace.settings)
    reminders.zone = ZoneInfo("America/Chicago")
    tray = StubTray()
    reminders.tray = tray  # type: ignore[assignment]
    window = QMainWindow()
    window.quit_action = QAction("Quit", window)  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    try:
        reminders.attach_window(window)
        assert reminders.keep_in_tray()
        reminders.apply_keep_in_tray()
        assert not app.quitOnLastWindowClosed()
        window.show()
        window.close()
        assert tray.messages[0][0] == "CCS Readiness is still running"
        window.close()
        assert len(tray.messages) == 1  # said once
        ctx.workspace.appointment.save(APPT)
        fake_clock.set_wall(datetime(2026, 6, 9, 12, 0, tzinfo=UTC))
        due = reminders.check_now()
        assert due and tray.messages[-1][0] == "Exam-day checklist"
        reminders.set_keep_in_tray(False)
        assert app.quitOnLastWindowClosed()
        assert ctx.workspace.settings.get("checklist.keep_in_tray") is False
    finally:
        app.setQuitOnLastWindowClosed(True)
        reminders.stop()


def test_att_window_warning(qtbot, page, dialogs):
    arrival = page.arrival
    arrival.scheduled.setChecked(True)
    arrival.date.setDate(QDate(2026, 9, 1))
    arrival.has_att.setChecked(True)  # an ATT received today: its window ends 30 Jun
    (error,) = dialogs.texts("error")
    assert "last valid date is Tue 2026-06-30" in error
    assert page.ctx.workspace.appointment.get().att_received is None  # nothing saved
    assert not arrival.has_att.isChecked()  # the form shows what is saved
    arrival.date.setDate(QDate(2026, 6, 1))
    arrival.has_att.setChecked(True)
    arrival.att_date.setDate(QDate(2026, 3, 1))
    assert page.ctx.workspace.appointment.get().att_received == date(2026, 3, 1)
    assert arrival.att_warning.isHidden()
    assert page.ctx.workspace.checklist.card().notes == ()


def test_clicking_the_tray_message_opens_the_checklist_at_its_group(qtbot, ctx, fake_clock):
    from readiness.ui.checklist.reminders import ChecklistReminders
    from readiness.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    reminders = ChecklistReminders(ctx.workspace.checklist, ctx.workspace.settings,
                                   parent=window)
    reminders.zone = ZoneInfo("America/Chicago")
    tray = StubTray()
    reminders.tray = tray  # type: ignore[assignment]
    ctx.reminders = reminders
    reminders.attach_window(window)
    window.show_page("dashboard")
    ctx.workspace.appointment.save(APPT)
    fake_clock.set_wall(datetime(2026, 6, 9, 23, 0, tzinfo=UTC))  # 18:00 CDT the day before
    try:
        reminders.check_now()  # "A week before" comes first
        assert tray.messages[-1][1].startswith("A week before: ")
        reminders._message_clicked()  # what QSystemTrayIcon.messageClicked calls
        assert window.current_key() == "checklist"
        page = window.page("checklist")
        assert isinstance(page, ChecklistPage)
        current = page.items.current()
        assert current is not None and current.group == "week"
    finally:
        reminders.stop()


def test_a_pages_own_reminders_stop_when_it_is_closed(page):
    # Built without the app's reminders, the page's own follow it: a timer left running
    # after its workspace closed fired into a closed database a minute later.
    assert page.reminders.timer.isActive()
    page.close()
    assert not page.reminders.timer.isActive()
