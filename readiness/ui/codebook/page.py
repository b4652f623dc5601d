"""The Code book page of the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from readiness.ui.codebook.browser import CodeBookBrowser
from readiness.ui.context import UiContext
from readiness.ui.heading import page_title


class CodeBookPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.setAccessibleName("Code book page")
        # Same heading and margins as the other pages; the browser's own margins are for
        # the separate code-book window.
        layout = QVBoxLayout(self)
        title = page_title("Code book")
        layout.addWidget(title)
        self.browser = CodeBookBrowser(ctx)
        browser_layout = self.browser.layout()
        if browser_layout is not None:
            browser_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)

    def show_code(self, system: str, code: str) -> bool:
        return self.browser.show_code(system, code)
