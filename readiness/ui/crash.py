"""Uncaught exceptions: logged to a rotating file, shown once in a calm dialog.

User data is safe by construction (every change was committed when it was
made), so the dialog only has to explain and offer the details for a report.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from readiness.core.errors import StorageEnvironmentError, UserError

log = logging.getLogger("readiness")
LOG_NAME = "readiness.log"


def setup_logging(folder: Path) -> Path:
    path = folder / LOG_NAME
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=512_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_readiness", False)]:
        root.removeHandler(old)
        old.close()
    handler._readiness = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


_FAULT_LOG: list[IO[str]] = []  # kept open for the life of the process


def start_faulthandler(log_path: Path) -> None:
    """A hard crash (segfault in Qt, a deadlock dump) writes its Python stack to the log."""
    try:
        handle = open(log_path.with_name("faults.log"), "a", encoding="utf-8")  # noqa: SIM115
    except OSError:
        faulthandler.enable()  # stderr, at least
        return
    faulthandler.enable(handle)
    for old in _FAULT_LOG:
        old.close()
    _FAULT_LOG[:] = [handle]


class CrashDialog(QDialog):
    def __init__(self, summary: str, details: str, log_path: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.setAccessibleName("Error report")
        self.details = details
        layout = QVBoxLayout(self)
        where = f"<br>The details are also in <code>{log_path}</code>." if log_path else ""
        message = QLabel(
            f"<b>{summary}</b><p>Your answers and settings are saved as you go, and "
            f"everything shown as saved is safe; the action that failed may not have been "
            f"saved. You can keep working; if this happens again, please send the details "
            f"to the developers.{where}</p>"
        )
        message.setWordWrap(True)
        message.setAccessibleName("Error summary")
        self.summary_label = message
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Error details")
        self.text.setMinimumHeight(160)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("Copy details")
        self.copy_button.setAccessibleName("Copy details")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(message)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(620, 380)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)


ExcHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def make_excepthook(log_path: Path | None,
                    show: Callable[[CrashDialog], object] = lambda d: d.exec(),
                    on_storage: Callable[[StorageEnvironmentError], object] | None = None
                    ) -> ExcHook:
    """The hook for uncaught exceptions: the disk's failures to ``on_storage``, bugs to
    the crash dialog."""
    showing = False

    def hook(kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        if on_storage is not None and isinstance(value, StorageEnvironmentError):
            on_storage(value)  # not a bug: no "send the details to the developers"
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("uncaught exception\n%s", details)
        if showing:  # an error inside the dialog must not stack dialogs forever
            return
        showing = True
        try:
            summary = str(value) if isinstance(value, UserError) else f"{kind.__name__}: {value}"
            show(CrashDialog(summary, details, log_path))
        finally:
            showing = False

    return hook
