"""A section of the Official Guidelines, shown in the app for a plan's reading task."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from readiness.core.guidelines import GuidelineSection

HEADING_MAX = 100  # a short paragraph without closing punctuation is a heading


def section_html(section: GuidelineSection) -> str:
    parts = []
    for para in section.text.split("\n\n"):
        text = html.escape(para)
        if len(para) < HEADING_MAX and not para.endswith((".", ":", ",", ";")):
            parts.append(f"<p><b>{text}</b></p>")
        elif para.startswith("•"):
            parts.append(f"<p style='margin-left: 16px'>{text}</p>")
        else:
            parts.append(f"<p>{text}</p>")
    return "".join(parts)


class GuidelineReader(QDialog):
    """Non-modal: the candidate may read it beside the code book.  ``read_done`` when
    they press Done reading (the time since Start is recorded)."""

    read_done = Signal()

    def __init__(self, section: GuidelineSection, source: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setWindowTitle(f"Guidelines {section.id}: {section.title}")
        self.setAccessibleName("Guidelines reader")
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        heading = QLabel(f"Section {section.id} — {section.title}")
        heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        chapter = QLabel(section.chapter)
        chapter.setWordWrap(True)
        layout.addWidget(chapter)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Guidelines text")
        self.text.setHtml(section_html(section))
        layout.addWidget(self.text, 1)
        self.source = QLabel(f"From the {source}.")
        self.source.setWordWrap(True)
        self.source.setAccessibleName("Guidelines source")
        layout.addWidget(self.source)
        buttons = QDialogButtonBox()
        self.done_btn = QPushButton("&Done reading")
        self.done_btn.setAccessibleName("Done reading")
        buttons.addButton(self.done_btn, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_btn = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        layout.addWidget(buttons)
        self.done_btn.clicked.connect(self._done)
        self.close_btn.clicked.connect(self.reject)

    def _done(self) -> None:
        self.read_done.emit()
        self.accept()
