"""Recertification driven through the widgets, and the dashboard cards that lead there."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from readiness.core.appointment import ExamAppointment
from readiness.core.clock import FakeClock
from readiness.ui.ceu.activities_model import ActivitiesModel
from readiness.ui.ceu.page import RecertificationPage
from readiness.ui.context import UiContext
from readiness.ui.dashboard.page import DashboardPage
from readiness.ui.dialogs import ScriptedDialogs
from readiness.ui.main_window import MainWindow


@pytest.fixture
def after_exam(ctx: UiContext, fake_clock: FakeClock) -> UiContext:
    fake_clock.set_wall(datetime(2027, 3, 1, 15, 0, tzinfo=UTC))
    return ctx


def make_page(qtbot: QtBot, ctx: UiContext) -> RecertificationPage:
    page = RecertificationPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def test_i_passed_starts_the_cycle_and_a_logged_activity_shows_progress(
        qtbot: QtBot, after_exam: UiContext, tmp_path: Path, dialogs: ScriptedDialogs) -> None:
    page = make_page(qtbot, after_exam)
    assert not page.table.isVisible() and page.pass_button.text() == "I &passed"
    assert "Verify this against your AHIMA CEU Center" in page.rule_source.text()
    page.passed_on.setDate(QDate(2026, 11, 20))
    click(qtbot, page.pass_button)
    assert page.status.text() == "Recorded: your cycle runs to 19 Nov 2028."
    assert page.cycle_text.text().startswith("Cycle 20 Nov 2026 to 19 Nov 2028 · counting "
                                             "against AHIMA, single CCS credential")
    assert page.total_bar.text() == "0 of 20 CEUs"

    cert = tmp_path / "self-review.pdf"
    cert.write_bytes(b"%PDF certificate")
    dialogs.open_files.append(cert)
    page.done_on.setDate(QDate(2027, 2, 10))
    page.hours.setValue(5)
    page.category.setCurrentIndex(page.category.findData("coding-self-review"))
    qtbot.keyClicks(page.provider, "AHIMA")
    qtbot.keyClicks(page.title, "Annual coding self-review 2027")
    click(qtbot, page.browse)
    click(qtbot, page.add_button)
    assert page.status.text() == "Added: Annual coding self-review 2027 (5 CEUs)."
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 5)) == "2027-02-10-self-review.pdf"
    assert page.total_bar.text() == "5 of 20 CEUs"
    assert page.coding_bar.text().startswith("5 of 10 (two mandatory annual coding")

    # The other rule: the same log, different requirement, said plainly.
    page.rule_combo.setCurrentIndex(page.rule_combo.findData("source-guide-80"))
    assert page.total_bar.text() == "5 of 80 CEUs"
    assert after_exam.workspace.ceu.rule().id == "source-guide-80"

    out = tmp_path / "log.csv"
    dialogs.save_files.append(out)
    click(qtbot, page.export_button)
    assert out.read_text(encoding="utf-8").count("\n") == 2
    assert page.status.text() == f"Exported 1 activity to {out}."


def test_a_bad_entry_is_refused_with_the_field_and_the_form_keeps_it(
        qtbot: QtBot, after_exam: UiContext) -> None:
    after_exam.workspace.ceu.record_pass(date(2026, 11, 20))
    page = make_page(qtbot, after_exam)
    page.done_on.setDate(QDate(2026, 10, 1))
    qtbot.keyClicks(page.provider, "AHIMA")
    qtbot.keyClicks(page.title, "Webinar")
    click(qtbot, page.add_button)
    assert page.status.text().startswith("Date: 1 Oct 2026 is outside your cycle")
    assert page.provider.text() == "AHIMA" and page.model.rowCount() == 0


def test_remove_asks_first(qtbot: QtBot, after_exam: UiContext,
                           dialogs: ScriptedDialogs) -> None:
    ceu = after_exam.workspace.ceu
    ceu.record_pass(date(2026, 11, 20))
    ceu.add_activity(date(2027, 1, 5), "AHIMA", "Webinar", 1, "hiim")
    page = make_page(qtbot, after_exam)
    page.table.selectRow(0)
    dialogs.confirms.extend([False, True])
    click(qtbot, page.remove_button)
    assert len(ceu.activities()) == 1
    click(qtbot, page.remove_button)
    assert ceu.activities() == [] and page.status.text() == "Removed: Webinar."


def test_activities_model_passes_the_model_tester(qtmodeltester: object,
                                                  after_exam: UiContext) -> None:
    ceu = after_exam.workspace.ceu
    ceu.record_pass(date(2026, 11, 20))
    ceu.add_activity(date(2027, 1, 5), "AHIMA", "Webinar", 1.5, "hiim")
    model = ActivitiesModel()
    model.set_rows(ceu.activities())
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def dashboard(qtbot: QtBot, ctx: UiContext) -> tuple[MainWindow, DashboardPage]:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    return window, page


def test_dashboard_offers_recertification_once_the_exam_is_behind(
        qtbot: QtBot, after_exam: UiContext) -> None:
    window, page = dashboard(qtbot, after_exam)
    assert not page.recert_card.isVisible()  # no exam yet: nothing to recertify
    after_exam.workspace.appointment.save(ExamAppointment(
        date(2027, 2, 15), time(8, 30), "America/New_York", "Center 12", "12 Elm St"))
    page.refresh()
    assert page.recert_card.isVisible() and page.recert_card.button.text() == "Record my pass"
    click(qtbot, page.recert_card.button)
    assert window.current_key() == "recert"
    after_exam.workspace.ceu.record_pass(date(2027, 2, 15))
    window.show_page("dashboard")
    assert page.recert_card.bar.text() == "0 of 20 CEUs"
    assert "Cycle ends 14 Feb 2029" in page.recert_card.text.text()


def test_dashboard_shows_look_up_speed_against_the_target(qtbot: QtBot,
                                                          ctx: UiContext) -> None:
    from readiness.codebook import importer
    from readiness.core.drills.models import DrillBook

    fixtures = Path(__file__).resolve().parents[2] / "codebook" / "fixtures"
    importer.import_file(fixtures / "pcs-tables-mini.xml", ctx.workspace.codesets_dir)
    ctx.workspace.codebook.reload()
    window, page = dashboard(qtbot, ctx)
    assert page.drills_card.text.text().startswith("No drills yet")
    drills = ctx.workspace.drills
    drills.set_target_seconds(40)
    run = drills.start(DrillBook.PCS_TABLES, 1, seed=1)
    run.show()
    drills.answer(run, run.prompts[0].answer)
    page.refresh()
    assert page.drills_card.text.text().splitlines() == [
        "• ICD-10-PCS Tables: 0 s per look-up, within your 40 s target (100% right, 1 look-up)",
        "Target: 40 s per look-up (set it on the Code-book drills page).",
    ]
    click(qtbot, page.drills_card.button)
    assert window.current_key() == "drills"
