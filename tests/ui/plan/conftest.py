"""Plan GUI tests open the exam driver from a task.  As in the exam tests: no bundled
74,000-code ICD-10-CM build on a worker (it would outlive the test), and every driver
window still open is shut down when the test ends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from readiness.codebook import importer
from readiness.ui.exam.driver import ExamWindow


@pytest.fixture(autouse=True)
def _no_bundled_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "bundled_tabular", lambda: None)


@pytest.fixture(autouse=True)
def _shut_drivers(qapp: QApplication) -> Iterator[None]:
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ExamWindow):
            widget.shutdown()
            widget.deleteLater()
    # Delete now what the test closed, so no half-torn page of this test still gets the
    # next test's application-wide palette change.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
