"""The exam's helper windows (calculator, code book) and its look (zoom, contrast)."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

from readiness.core import settings as prefs
from readiness.services.settings import SettingsService
from readiness.ui.context import UiContext
from readiness.ui.exam.looks import exam_style
from readiness.ui.exam.widgets import CalculatorDialog
from readiness.ui.exam.windows import bring_to_front, codebook_window_class, place_beside


class ExamHelpers:
    """Opens the calculator and the code book beside ``window``; closes them with it."""

    def __init__(self, ctx: UiContext, window: QWidget) -> None:
        self.ctx = ctx
        self.window = window
        self.calculator: CalculatorDialog | None = None
        self.codebook: QWidget | None = None

    def open_calculator(self) -> None:
        if self.calculator is None:
            self.calculator = CalculatorDialog(self.window)
        self.calculator.show()
        bring_to_front(self.calculator)
        self.calculator.display.setFocus()

    def open_codebook(self) -> None:
        cls = codebook_window_class()
        if cls is None:
            return
        if self.codebook is None:
            self.codebook = cls(self.ctx)
            assert self.codebook is not None
            place_beside(self.window, self.codebook)
        assert self.codebook is not None
        self.codebook.show()
        bring_to_front(self.codebook)

    def close(self) -> None:
        for helper in (self.calculator, self.codebook):
            if helper is not None:
                helper.close()


def apply_look(window: QWidget, settings: SettingsService) -> None:
    """The style sheet for the candidate's zoom and contrast (set only when it changed)."""
    dark = QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    # (The application's palette: this window's own is reset by its style sheet.)
    sheet = exam_style(QApplication.font().pointSizeF(), settings.get(prefs.EXAM_ZOOM),
                       settings.get(prefs.EXAM_HIGH_CONTRAST), dark)
    if sheet != window.styleSheet():
        window.setStyleSheet(sheet)
