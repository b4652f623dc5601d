"""One date and time style on every page that shows dates, following the locale."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale

from readiness.core.appointment import ExamAppointment
from readiness.core.when import DateStyle
from readiness.ui.checklist.page import ChecklistPage
from readiness.ui.context import UiContext
from readiness.ui.dashboard.page import DashboardPage
from readiness.ui.exam.page import resume_text
from readiness.ui.plan.page import PlanPage
from readiness.ui.when import date_edit_format, date_order, locale_style, time_edit_format

# A candidate in New York with a US locale, booked at a Chicago test center.
US_IN_NEW_YORK = DateStyle(order="mdy", hour12=True, viewer_zone=ZoneInfo("America/New_York"))
APPT = ExamAppointment(exam_date=date(2026, 6, 10), exam_time=time(9, 0),
                       timezone="America/Chicago", center_name="Pearson VUE Midtown",
                       att_received=date(2026, 3, 1))


@pytest.fixture
def styled(ctx: UiContext) -> UiContext:
    ctx.workspace.date_style = US_IN_NEW_YORK
    ctx.workspace.appointment.save(APPT)
    return ctx


def test_dashboard_plan_and_checklist_write_dates_one_way(qtbot, styled):
    dashboard = DashboardPage(styled)
    qtbot.addWidget(dashboard)
    dashboard.refresh()
    text = dashboard.exam_text.text()
    assert "Wed Jun 10, 2026, 9:00 AM CDT (10:00 AM your time)" in text
    assert "Leave by 7:45 AM CDT (8:45 AM your time)" in text

    checklist = ChecklistPage(styled)
    qtbot.addWidget(checklist)
    week = checklist.items.tree.topLevelItem(0)
    assert week is not None
    assert "due Wed Jun 3, 2026, 6:00 PM CDT (7:00 PM your time)" in week.text(0)
    assert "Leave by 7:45 AM CDT (8:45 AM your time)" in checklist.summary.text()
    # Typed dates are strict year-month-day in every locale (issue 13: a weekday section
    # let Qt shift a typed day); the locale's style is for dates the app writes.
    assert checklist.arrival.date.displayFormat() == "yyyy-MM-dd"
    assert checklist.arrival.time.displayFormat() == "h:mm AP"

    plan = PlanPage(styled)
    qtbot.addWidget(plan)
    assert plan.setup_form.exam_date.displayFormat() == "yyyy-MM-dd"


def test_the_appointment_zone_is_left_out_where_the_candidate_is_in_it(qtbot, styled):
    styled.workspace.date_style = DateStyle(viewer_zone=ZoneInfo("America/Chicago"))
    checklist = ChecklistPage(styled)
    qtbot.addWidget(checklist)
    week = checklist.items.tree.topLevelItem(0)
    assert week is not None
    assert week.text(0).endswith("due Wed 3 Jun 2026, 18:00")
    assert "your time" not in checklist.summary.text()


def test_exam_history_stamps_are_in_the_candidates_time():
    from readiness.core.exam.forms import Mode
    from readiness.services.exams import AttemptSummary

    attempt = AttemptSummary(
        id=1, title="Full mock exam", mode=next(iter(Mode)), blueprint_id="ccs",
        started_at=datetime(2026, 6, 1, 23, 30, tzinfo=UTC), finished_at=None,
        elapsed_s=600.0, time_limit_s=14_400.0, end_reason=None, interruptions=0,
        earned=None, possible=None, weighted_percent=None, scaled_estimate=None)
    assert resume_text(attempt, US_IN_NEW_YORK).startswith(
        "Full mock exam, started Mon Jun 1, 2026, 7:30 PM: ")


@pytest.mark.parametrize("name, order, hour12", [
    ("en_US", "mdy", True), ("en_GB", "dmy", False), ("de_DE", "dmy", False),
    ("ja_JP", "ymd", False)])
def test_the_style_is_read_from_the_locale(name, order, hour12):
    style = locale_style(QLocale(name))
    assert (style.order, style.hour12) == (order, hour12)
    assert len(style.months) == 12 and len(style.weekdays) == 7
    assert date_edit_format(style) == "yyyy-MM-dd"
    assert time_edit_format(style) == ("h:mm AP" if hour12 else "HH:mm")


def test_date_order_from_qt_patterns():
    assert date_order("M/d/yy") == "mdy"
    assert date_order("dd.MM.yyyy") == "dmy"
    assert date_order("yyyy/MM/dd") == "ymd"
    assert date_order("nonsense") == "dmy"
