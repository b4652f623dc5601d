"""The dashboard shows look-up speed per installed book against the candidate's
target, which the candidate sets on the drills page (issue 13, item 2)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from readiness.codebook import importer
from readiness.core.clock import FakeClock
from readiness.core.drills.models import DrillBook
from readiness.ui.context import UiContext
from readiness.ui.dashboard.page import DashboardPage
from readiness.ui.drills.page import DrillsPage
from readiness.ui.main_window import MainWindow

FIXTURES = Path(__file__).resolve().parents[2] / "codebook" / "fixtures"


def test_look_up_speed_per_book_against_a_target_the_candidate_sets(
        qtbot: QtBot, ctx: UiContext, fake_clock: FakeClock, tmp_path: Path) -> None:
    ws = ctx.workspace
    for name in ("tabular-mini.xml", "index-mini.xml", "pcs-tables-mini.xml"):
        importer.import_file(FIXTURES / name, ws.codesets_dir)
    ws.codebook.reload()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 900)
    window.show()
    dash = window.show_page("dashboard")
    assert isinstance(dash, DashboardPage)
    assert dash.drills_card.text.text().startswith("No drills yet")

    run = ws.drills.start(DrillBook.PCS_TABLES, 2, seed=1)
    for prompt in list(run.prompts):
        run.show()
        fake_clock.advance(50)
        ws.drills.answer(run, prompt.answer)
    ws.drills.finish(run)

    drills = window.show_page("drills")  # the candidate tightens the target to 40 s
    assert isinstance(drills, DrillsPage)
    drills.target.lineEdit().selectAll()
    qtbot.keyClicks(drills.target, "40")
    qtbot.mouseClick(drills.target_button, Qt.MouseButton.LeftButton)
    assert ws.drills.target_seconds() == 40

    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.nav.visualItemRect(window.nav.item(0)).center())
    assert window.current_key() == "dashboard"
    lines = dash.drills_card.text.text().splitlines()
    assert lines == [
        "• Alphabetic Index: not drilled yet",
        "• ICD-10-PCS Tables: 50 s per look-up, 10 s over your 40 s target "
        "(100% right, 2 look-ups)",
        "Target: 40 s per look-up (set it on the Code-book drills page).",
    ]
    label = dash.drills_card.text
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))  # laid out
    dash.drills_card.grab().save(str(tmp_path / "dashboard-lookup-speed.png"))
