from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from readiness.core.bank.loader import load_bank_file
from readiness.core.bank.models import CodeRef, CodeSystem
from readiness.core.codes import CodeStatus
from readiness.ui.bank.dialog import BankDialog
from readiness.ui.context import UiContext
from readiness.ui.dialogs import ScriptedDialogs
from readiness.ui.main_window import MainWindow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bank"


@pytest.fixture
def shipped(ctx: UiContext, tmp_path: Path) -> Path:
    folder = tmp_path / "shipped"
    folder.mkdir()
    (folder / "good.json").write_text((FIXTURES / "good.json").read_text(encoding="utf-8"))
    ctx.workspace.bank.shipped_dir = folder
    return folder


def open_from_menu(qtbot: QtBot, ctx: UiContext, action_name: str) -> BankDialog:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.findChild(QAction, action_name).trigger()
    dialog = window.findChild(BankDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def table_text(dialog: BankDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_import_a_gift_file_through_the_file_menu(
    qtbot: QtBot, ctx: UiContext, dialogs: ScriptedDialogs, shipped: Path
) -> None:
    dialogs.open_files.append(FIXTURES / "sample.gift")
    dialog = open_from_menu(qtbot, ctx, "import-questions")
    qtbot.waitUntil(lambda: ctx.tasks.idle and dialog.import_button.isEnabled(), timeout=10000)
    assert dialogs.calls[0][0] == "open_file"
    kind, title, text = dialogs.calls[-1]
    assert (kind, title) == ("inform", "Questions imported")
    assert text.startswith("Imported 4 questions from sample.gift (GIFT). Skipped 6:")
    assert "- line 37 (Three options): a single best answer item has exactly 4 options" in text
    assert table_text(dialog) == [
        ["Check fixture: a small bank with no problems", "Shipped", "2", "1", "OK"],
        ["sample.gift", "Imported", "4", "0", "OK"],
    ]
    assert dialog.total.text() == (
        "6 questions and 1 scenario are available to practice exams."
    )
    assert len(ctx.workspace.bank.all().items) == 6
    assert dialog.remove_button.isEnabled()  # the new bank is selected
    if os.environ.get("READINESS_SCREENSHOTS"):
        dialog.grab().save(os.environ["READINESS_SCREENSHOTS"] + "/bank-dialog.png")


def test_domain_choice_applies_to_imported_questions(
    qtbot: QtBot, ctx: UiContext, dialogs: ScriptedDialogs, shipped: Path
) -> None:
    dialog = open_from_menu(qtbot, ctx, "question-bank")
    dialog.domain.setCurrentIndex(dialog.domain.findData("provider-queries"))
    dialog.difficulty.setCurrentIndex(dialog.difficulty.findData("hard"))
    dialogs.open_files.append(FIXTURES / "sample-moodle.xml")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctx.tasks.idle and dialog.import_button.isEnabled(), timeout=10000)
    items = [i for i in ctx.workspace.bank.all().items if "imported" in i.tags]
    assert len(items) == 3
    assert {(i.domain, i.difficulty) for i in items} == {("provider-queries", "hard")}


def test_failed_import_shows_the_line_and_keeps_nothing(
    qtbot: QtBot, ctx: UiContext, dialogs: ScriptedDialogs, shipped: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.gift"
    broken.write_text("Good {=a ~b ~c ~d}\n\nBad {=a ~b ~c\n", encoding="utf-8")
    dialogs.open_files.append(broken)
    dialog = open_from_menu(qtbot, ctx, "import-questions")
    qtbot.waitUntil(lambda: ctx.tasks.idle and dialog.import_button.isEnabled(), timeout=10000)
    assert dialogs.calls[-1] == (
        "error",
        "Import failed: nothing was imported",
        "broken.gift: line 3: the answers opened with '{' are never closed with '}'",
    )
    assert ctx.workspace.bank.imported() == []
    assert dialog.table.rowCount() == 1


def test_cancelled_file_choice_does_nothing(
    qtbot: QtBot, ctx: UiContext, dialogs: ScriptedDialogs, shipped: Path
) -> None:
    dialog = open_from_menu(qtbot, ctx, "import-questions")
    assert [c[0] for c in dialogs.calls] == ["open_file"]
    assert ctx.tasks.idle and dialog.table.rowCount() == 1


def test_remove_an_imported_bank_not_a_shipped_one(
    qtbot: QtBot, ctx: UiContext, dialogs: ScriptedDialogs, shipped: Path
) -> None:
    ctx.workspace.bank.import_file(FIXTURES / "sample.gift", "coding-knowledge")
    dialog = open_from_menu(qtbot, ctx, "question-bank")
    dialog.table.selectRow(0)
    assert not dialog.remove_button.isEnabled()
    dialog.table.selectRow(1)
    assert dialog.remove_button.isEnabled()
    dialogs.confirms.extend([False, True])
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 2  # said no
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialogs.texts("confirm")[-1].startswith("Remove the imported bank “sample.gift” (4")
    assert dialog.table.rowCount() == 1
    assert ctx.workspace.bank.imported() == []


def test_controls_have_accessible_names(
    qtbot: QtBot, ctx: UiContext, shipped: Path
) -> None:
    dialog = open_from_menu(qtbot, ctx, "question-bank")
    for widget in (dialog.table, dialog.domain, dialog.difficulty, dialog.import_button,
                   dialog.remove_button, dialog.export_button, dialog.check_button,
                   dialog.total):
        assert widget.accessibleName()


class _Validator:
    def status(self, ref: CodeRef) -> CodeStatus:
        if ref.system != "icd10cm":
            return CodeStatus.UNAVAILABLE
        return CodeStatus.INVALID if ref.code == "E10.9" else CodeStatus.BILLABLE

    def edition(self, system: CodeSystem) -> str | None:
        return "ICD-10-CM test edition"


def test_check_codes_reports_problems(
    qtbot: QtBot, ctx: UiContext, dialogs: ScriptedDialogs, shipped: Path
) -> None:
    ctx.workspace.bank.validator_factory = lambda folder, progress: _Validator()
    dialog = open_from_menu(qtbot, ctx, "question-bank")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctx.tasks.idle and dialog.check_button.isEnabled(), timeout=10000)
    kind, title, text = dialogs.calls[-1]
    assert (kind, title) == ("warn", "Bank check")
    assert text.splitlines()[0] == (
        f"{shipped / 'good.json'}: fx-0001: option 1: E10.9 is not a code in ICD-10-CM test edition"
    )
    assert text.splitlines()[-1].endswith("; 1 problem")


def test_export_the_selected_bank(
    qtbot: QtBot, ctx: UiContext, dialogs: ScriptedDialogs, shipped: Path, tmp_path: Path
) -> None:
    ctx.workspace.bank.import_file(FIXTURES / "sample.gift", "coding-knowledge")
    dialog = open_from_menu(qtbot, ctx, "question-bank")
    dialog.table.selectRow(1)
    target = tmp_path / "shared.json"
    dialogs.save_files.append(target)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert ("save_file", "Export questions", "sample.json") in dialogs.calls
    assert dialogs.calls[-1] == (
        "inform", "Questions exported", f"Saved 4 questions and 0 scenarios to {target}."
    )
    assert len(load_bank_file(target).items) == 4


def test_menu_reuses_the_open_manager(
    qtbot: QtBot, ctx: UiContext, dialogs: ScriptedDialogs, shipped: Path
) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.findChild(QAction, "question-bank").trigger()
    window.findChild(QAction, "import-questions").trigger()  # file choice cancelled
    assert len(window.findChildren(BankDialog)) == 1
    assert [c[0] for c in dialogs.calls] == ["open_file"]
