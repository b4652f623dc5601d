"""File → Export missed and flagged to Anki, through the menu and the dialog service."""

from __future__ import annotations

import zipfile
from pathlib import Path

from fixtures.exam_bank import make_bank
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from readiness.core.exam.forms import FormSpec, full_mock_spec
from readiness.ui.context import UiContext
from readiness.ui.dialogs import ScriptedDialogs
from readiness.ui.main_window import MainWindow


def test_menu_exports_a_package_and_says_what_is_in_it(
        qtbot: QtBot, ctx: UiContext, dialogs: ScriptedDialogs, tmp_path: Path) -> None:
    exams = ctx.workspace.exams
    exams.set_bank(make_bank(per_domain=6, scenarios=2))
    base = full_mock_spec(exams.blueprint("ccs-candidate-guide"), seed=3)
    run = exams.start(FormSpec(**{**base.__dict__, "multiple_choice": 2, "scenarios": 0,
                                  "time_limit_s": 600.0}))
    run.finish()  # both left unanswered: both go to Anki
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    action = window.findChild(QAction, "export-anki")
    dialogs.save_files.append(None)  # cancelled: nothing happens
    action.trigger()
    assert dialogs.texts("inform") == []
    dialogs.save_files.append(tmp_path / "missed")  # no suffix typed
    action.trigger()
    out = tmp_path / "missed.apkg"
    assert zipfile.is_zipfile(out)
    [message] = dialogs.texts("inform")
    assert message.startswith("2 questions in ")
    assert "CCS Readiness::" in message


def test_nothing_to_export_is_an_error_message(qtbot: QtBot, ctx: UiContext,
                                               dialogs: ScriptedDialogs, tmp_path: Path) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    dialogs.save_files.append(tmp_path / "x.apkg")
    window.findChild(QAction, "export-anki").trigger()
    [error] = dialogs.texts("error")
    assert "no missed or flagged questions yet" in error
    assert not (tmp_path / "x.apkg").exists()
