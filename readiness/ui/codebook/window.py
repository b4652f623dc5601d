"""The code book in its own window, beside the practice exam (as at the test center)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow

from readiness.ui.codebook.browser import CodeBookBrowser
from readiness.ui.context import UiContext


class CodeBookWindow(QMainWindow):
    """A standalone code-book window; the exam driver opens it and may call show_code."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.setWindowTitle("Code book — CCS Readiness")
        self.setAccessibleName("Code book window")
        self.browser = CodeBookBrowser(ctx)
        # It shares the screen with the exam (placed by the exam, beside it): narrow enough
        # to fit next to the exam's minimum width on a 1366-px screen.
        self.browser.nav.set_compact(True)
        self.browser.splitter.setSizes([220, 480])
        self.setCentralWidget(self.browser)
        self.resize(QSize(1100, 720))
        self.browser.navigated.connect(self._title)

    def show_code(self, system: str, code: str) -> bool:
        """Open ``code`` of ``system`` (icd10cm, icd10pcs, cpt, hcpcs); False if not found."""
        shown = self.browser.show_code(system, code)
        self.show()
        self.raise_()
        self.activateWindow()
        return shown

    def _title(self, _target: str) -> None:
        label = self.browser.current_label
        self.setWindowTitle(f"{label} — Code book" if label else "Code book — CCS Readiness")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.browser.detach()
        super().closeEvent(event)
