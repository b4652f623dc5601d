"""The question bank manager: the shipped and imported banks, import and remove.

Reached from File → Question bank… and File → Import questions…  The dialog
only talks to ``ctx.workspace.bank``; files are chosen through ``ctx.dialogs``
so tests answer the file dialog, and the import runs on the task runner.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readiness.core.bank.check import CheckReport
from readiness.core.blueprint import load_blueprints
from readiness.core.errors import UserError
from readiness.resources import resource_path
from readiness.services.bank import BankFileInfo, ImportReport
from readiness.ui.context import UiContext

FILE_FILTER = (
    "Question files (*.gift *.txt *.xml *.json);;GIFT (*.gift *.txt);;Moodle XML (*.xml);;"
    "CCS Readiness bank (*.json);;All files (*)"
)
COLUMNS = ("Bank", "Source", "Questions", "Scenarios", "Status")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _domains() -> list[tuple[str, str]]:
    """(id, name) of the blueprint domains, in blueprint order."""
    seen: dict[str, str] = {}
    for blueprint in load_blueprints(resource_path("blueprints")):
        for domain in blueprint.domains:
            seen.setdefault(domain.id, domain.name)
    return list(seen.items())


class BankDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.workspace.bank
        self.rows: list[BankFileInfo] = []
        self.setWindowTitle("Question bank")
        self.setAccessibleName("Question bank")
        self.resize(820, 560)

        heading = QLabel("<b>Question banks</b>")
        heading.setAccessibleName("Question banks")
        intro = QLabel(
            "Practice exams draw on the shipped bank and on every bank you import. "
            "Import GIFT or Moodle XML files from a teacher or colleague, or a CCS Readiness "
            "bank file. Questions the bank format cannot hold are listed and left out."
        )
        intro.setWordWrap(True)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Banks")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.total = QLabel()
        self.total.setAccessibleName("Bank totals")

        self.domain = QComboBox()
        self.domain.setAccessibleName("Domain for imported questions")
        for domain_id, name in _domains():
            self.domain.addItem(name, domain_id)
        self.difficulty = QComboBox()
        self.difficulty.setAccessibleName("Difficulty for imported questions")
        for level in ("easy", "medium", "hard"):
            self.difficulty.addItem(level.capitalize(), level)
        self.difficulty.setCurrentIndex(1)
        form = QFormLayout()
        form.addRow("Domain for imported questions:", self.domain)
        form.addRow("Difficulty for imported questions:", self.difficulty)

        self.import_button = QPushButton("&Import questions…")
        self.import_button.setAccessibleName("Import questions")
        self.import_button.clicked.connect(self.choose_and_import)
        self.remove_button = QPushButton("&Remove bank")
        self.remove_button.setAccessibleName("Remove the selected imported bank")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.export_button = QPushButton("&Export…")
        self.export_button.setAccessibleName("Export the selected bank, or all banks")
        self.export_button.setToolTip(
            "Save the selected bank (or, with none selected, every bank) as a bank file"
        )
        self.export_button.clicked.connect(self.export_selected)
        self.check_button = QPushButton("&Check codes")
        self.check_button.setAccessibleName("Check every bank against the code sets")
        self.check_button.setToolTip(
            "Check every question against the installed ICD-10-CM and ICD-10-PCS code sets"
        )
        self.check_button.clicked.connect(self.check_banks)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.refresh()

    # -- showing -----------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            self.rows = [*self.service.shipped(), *self.service.imported()]
            bank = self.service.all()
        except UserError as exc:
            self.rows = []
            self.total.setText(f"The bank cannot be read: {exc}")
        else:
            self.total.setText(
                f"{_count(len(bank.items), 'question')} and "
                f"{_count(len(bank.scenarios), 'scenario')} are available to practice exams."
            )
        self.table.setRowCount(len(self.rows))
        for row, info in enumerate(self.rows):
            cells = (
                info.title,
                "Shipped" if info.shipped else "Imported",
                str(info.items),
                str(info.scenarios),
                info.error or "OK",
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column in (2, 3):
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                cell.setToolTip(f"{info.title}\n{info.path}" if column == 0 else text)
                self.table.setItem(row, column, cell)
        if not self.rows:
            self.total.setText(self.total.text() + " No bank files were found.")
        self._selection_changed()

    def selected(self) -> BankFileInfo | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.rows[rows.pop()] if len(rows) == 1 else None

    def _selection_changed(self) -> None:
        info = self.selected()
        self.remove_button.setEnabled(info is not None and not info.shipped)

    # -- actions -----------------------------------------------------------------------
    def choose_and_import(self) -> None:
        path = self.ctx.dialogs.open_file(self, "Import questions", FILE_FILTER)
        if path is None:
            return
        domain = str(self.domain.currentData())
        difficulty = str(self.difficulty.currentData())
        self.import_button.setEnabled(False)
        handle = self.ctx.tasks.run(
            lambda progress: self.service.import_file(path, domain, difficulty),  # type: ignore[arg-type]
            self._imported,
            self._import_failed,
            label=f"Importing {path.name}…",
            owner=self,
        )
        handle.ended.connect(lambda: self.import_button.setEnabled(True))  # after any outcome

    def _imported(self, report: ImportReport) -> None:
        self.refresh()
        for row, info in enumerate(self.rows):
            if not info.shipped and info.name == report.name:
                self.table.selectRow(row)
        self.ctx.dialogs.inform(self, "Questions imported", report.summary())

    def _import_failed(self, error: UserError) -> None:
        self.ctx.dialogs.show_error(self, error, "Import failed: nothing was imported")

    def remove_selected(self) -> None:
        info = self.selected()
        if info is None or info.shipped:
            return
        text = (
            f"Remove the imported bank “{info.title}” ({info.items} questions)? "
            "Practice exams will no longer use its questions."
        )
        if not self.ctx.dialogs.confirm(self, "Remove bank", text):
            return
        try:
            self.service.remove(info.name)
        except UserError as exc:
            self.ctx.dialogs.show_error(self, exc, "Could not remove the bank")
        self.refresh()


    def export_selected(self) -> None:
        info = self.selected()
        suggested = f"{info.name}.json" if info is not None else "ccs-readiness-questions.json"
        target = self.ctx.dialogs.save_file(
            self, "Export questions", suggested, "CCS Readiness bank (*.json)"
        )
        if target is None:
            return
        try:
            items, scenarios = self.service.export(target, info.name if info else None)
        except (UserError, OSError) as exc:
            error = exc if isinstance(exc, UserError) else UserError(str(exc), where=target.name)
            self.ctx.dialogs.show_error(self, error, "Export failed")
            return
        self.ctx.dialogs.inform(
            self,
            "Questions exported",
            f"Saved {_count(items, 'question')} and {_count(scenarios, 'scenario')} "
            f"to {target}.",
        )

    def check_banks(self) -> None:
        self.check_button.setEnabled(False)
        handle = self.ctx.tasks.run(
            self.service.check, self._checked, self._check_failed, label="Checking the banks…",
            owner=self,
        )
        handle.ended.connect(lambda: self.check_button.setEnabled(True))  # after any outcome

    def _checked(self, report: CheckReport) -> None:
        if report.ok:
            self.ctx.dialogs.inform(self, "Bank check", report.summary())
            return
        shown = [str(p) for p in report.problems[:20]]
        if len(report.problems) > 20:
            shown.append(f"… and {len(report.problems) - 20} more")
        self.ctx.dialogs.warn(self, "Bank check", "\n".join([*shown, "", report.summary()]))

    def _check_failed(self, error: UserError) -> None:
        self.ctx.dialogs.show_error(self, error, "The check could not run")


def open_bank_dialog(ctx: UiContext, parent: QWidget | None, start_import: bool = False) -> None:
    """Show the bank manager; with ``start_import`` the file chooser opens straight away."""
    existing = parent.findChild(BankDialog) if parent is not None else None
    if isinstance(existing, BankDialog) and existing.isVisible():
        dialog = existing  # one manager per window: bring it forward
        dialog.refresh()
    else:
        dialog = BankDialog(ctx, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    if start_import:
        dialog.choose_and_import()
