from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from readiness.ui.crash import CrashDialog, make_excepthook, setup_logging


def raise_and_hook(hook: object) -> None:
    try:
        raise ValueError("the flux capacitor is empty")
    except ValueError:
        hook(*sys.exc_info())  # type: ignore[operator]


def test_uncaught_exception_is_logged_and_shown_with_copyable_details(
        qtbot: QtBot, tmp_path: Path) -> None:
    log_path = setup_logging(tmp_path)
    shown: list[CrashDialog] = []
    hook = make_excepthook(log_path, show=shown.append)
    raise_and_hook(hook)

    assert len(shown) == 1
    dialog = shown[0]
    qtbot.addWidget(dialog)
    assert "ValueError: the flux capacitor is empty" in dialog.summary_label.text()
    assert "everything shown as saved is safe" in dialog.summary_label.text()
    assert "Traceback" in dialog.text.toPlainText()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert "the flux capacitor is empty" in QGuiApplication.clipboard().text()
    logged = log_path.read_text(encoding="utf-8")
    assert "uncaught exception" in logged and "flux capacitor" in logged


def test_log_rotates_instead_of_growing_forever(tmp_path: Path) -> None:
    import logging

    log_path = setup_logging(tmp_path)
    for _ in range(6000):
        logging.getLogger("readiness.test").info("x" * 200)
    assert log_path.stat().st_size <= 512_000 + 1000
    assert (tmp_path / "readiness.log.1").exists()
