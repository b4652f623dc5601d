"""The Code book page of the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from readiness.ui.codebook.browser import CodeBookBrowser
from readiness.ui.context import UiContext


class CodeBookPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.setAccessibleName("Code book page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = CodeBookBrowser(ctx)
        layout.addWidget(self.browser)

    def show_code(self, system: str, code: str) -> bool:
        return self.browser.show_code(system, code)
