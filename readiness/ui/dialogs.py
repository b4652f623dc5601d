"""Modal dialogs behind a service, so tests can answer them without a screen.

Pages never call QMessageBox or QFileDialog directly: they ask ``ctx.dialogs``.
Tests pass a :class:`ScriptedDialogs` loaded with the answers a user would give.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from readiness.core.errors import UserError


class Dialogs:
    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(parent, title, text, buttons.Yes | buttons.No, buttons.No)
        return answer == buttons.Yes

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def show_error(self, parent: QWidget | None, error: UserError, title: str = "") -> None:
        QMessageBox.warning(parent, title or "Could not do that", str(error))

    def open_file(self, parent: QWidget | None, caption: str, file_filter: str = "") -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, caption, "", file_filter)
        return Path(name) if name else None

    def save_file(self, parent: QWidget | None, caption: str, suggested: str = "",
                  file_filter: str = "") -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, caption, suggested, file_filter)
        return Path(name) if name else None

    def choose_printer(self, parent: QWidget | None, printer: QPrinter, title: str) -> bool:
        """Qt's print dialog on ``printer``; False if the user cancels."""
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(title)
        return dialog.exec() == QDialog.DialogCode.Accepted


@dataclass
class ScriptedDialogs(Dialogs):
    """Answers from a script; every call is recorded as (method, title-or-caption, text)."""

    confirms: deque[bool] = field(default_factory=deque)
    open_files: deque[Path | None] = field(default_factory=deque)
    save_files: deque[Path | None] = field(default_factory=deque)
    # The print dialog's answer: a file to print to (as "Print to file" does), or None
    # for Cancel.
    print_files: deque[Path | None] = field(default_factory=deque)
    calls: list[tuple[str, str, str]] = field(default_factory=list)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.calls.append(("confirm", title, text))
        return self.confirms.popleft() if self.confirms else False

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self.calls.append(("inform", title, text))

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        self.calls.append(("warn", title, text))

    def show_error(self, parent: QWidget | None, error: UserError, title: str = "") -> None:
        self.calls.append(("error", title, str(error)))

    def open_file(self, parent: QWidget | None, caption: str, file_filter: str = "") -> Path | None:
        self.calls.append(("open_file", caption, file_filter))
        return self.open_files.popleft() if self.open_files else None

    def save_file(self, parent: QWidget | None, caption: str, suggested: str = "",
                  file_filter: str = "") -> Path | None:
        self.calls.append(("save_file", caption, suggested))
        return self.save_files.popleft() if self.save_files else None

    def choose_printer(self, parent: QWidget | None, printer: QPrinter, title: str) -> bool:
        self.calls.append(("print", title, ""))
        path = self.print_files.popleft() if self.print_files else None
        if path is None:
            return False
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True

    def texts(self, kind: str) -> list[str]:
        return [text for method, _title, text in self.calls if method == kind]

    def last(self) -> Any:
        return self.calls[-1] if self.calls else None
