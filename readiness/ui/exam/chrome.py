"""The exam window's frame: the header (title, question number, clock), the tool row
(flag, highlighter, calculator, code book, zoom, contrast) and the footer (end, pause,
previous, review, next).  Widgets only; the window connects them."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


def _button(text: str, name: str, tip: str = "", checkable: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    if tip:
        button.setToolTip(tip)
    button.setCheckable(checkable)
    return button


class Header(QFrame):
    def __init__(self, title: str, timed: bool) -> None:
        super().__init__()
        self.setObjectName("examHeader")
        row = QHBoxLayout(self)
        self.title_label = QLabel(title)
        self.title_label.setAccessibleName("Exam title")
        self.counter_label = QLabel()
        self.counter_label.setAccessibleName("Question number")
        self.time_label = QLabel()
        self.time_label.setAccessibleName("Time remaining")
        self.hide_time_button = _button("Hide time", "Hide or show the time remaining")
        row.addWidget(self.title_label, 1)
        row.addWidget(self.counter_label)
        row.addSpacing(24)
        row.addWidget(self.time_label)
        row.addWidget(self.hide_time_button)
        self.hide_time_button.setVisible(timed)


class ToolRow(QWidget):
    def __init__(self, highlight: bool, codebook: bool, high_contrast: bool) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.flag_button = _button("Flag for review", "Flag for review",
                                   "Flag this question for review (Ctrl+F)", checkable=True)
        self.highlight_button = _button("Highlight", "Highlight the selected text",
                                        "Highlight the selected text, or remove it (Ctrl+H)")
        self.clear_highlight_button = _button("Clear highlights", "Clear highlights")
        self.highlight_button.setVisible(highlight)
        self.clear_highlight_button.setVisible(highlight)
        self.calculator_button = _button("Calculator", "Calculator")
        self.codebook_button = _button("Code book", "Open the code book",
                                       "Open the code book beside the exam (Ctrl+B)")
        self.codebook_button.setVisible(codebook)
        self.zoom_out_button = _button("A−", "Smaller text")
        self.zoom_in_button = _button("A+", "Larger text")
        self.contrast_button = _button("High contrast", "High contrast", checkable=True)
        self.contrast_button.setChecked(high_contrast)
        for widget in (self.flag_button, self.highlight_button, self.clear_highlight_button):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.calculator_button, self.codebook_button, self.zoom_out_button,
                       self.zoom_in_button, self.contrast_button):
            row.addWidget(widget)


class Footer(QFrame):
    def __init__(self, can_pause: bool) -> None:
        super().__init__()
        self.setObjectName("examFooter")
        row = QHBoxLayout(self)
        self.end_button = _button("End exam", "End exam")
        self.pause_button = _button("Pause", "Pause or resume the clock")
        self.pause_button.setVisible(can_pause)
        self.prev_button = _button("◀ Previous", "Previous question", "Previous question (Alt+P)")
        self.review_button = _button("Review", "Review screen",
                                     "All, unanswered and flagged questions (Ctrl+R)")
        self.next_button = _button("Next ▶", "Next question", "Next question (Alt+N)")
        row.addWidget(self.end_button)
        row.addWidget(self.pause_button)
        row.addStretch(1)
        for widget in (self.prev_button, self.review_button, self.next_button):
            row.addWidget(widget)
