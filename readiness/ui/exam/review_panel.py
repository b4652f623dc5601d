"""The "Spaced review (due today)" box on the practice-exam start page.

Shows how many answered questions are due today and when the next ones fall
due, and how many to take in one sitting.  The form itself is built by the
review service (docs/exam.md, "Spaced review").
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from readiness.core.exam.forms import FormSpec
from readiness.core.when import DEFAULT_STYLE, DateStyle
from readiness.services.review import DEFAULT_LIMIT, DueSummary, ReviewService


def due_text(summary: DueSummary, style: DateStyle = DEFAULT_STYLE) -> str:
    if summary.cards == 0:
        return ("No questions scheduled yet: every question you answer in a finished attempt "
                "is scheduled for review, misses soonest.")
    if summary.due_today:
        noun = "question" if summary.due_today == 1 else "questions"
        text = f"{summary.due_today} {noun} due today"
        if summary.overdue:
            text += f" ({summary.overdue} overdue)"
    else:
        text = "Nothing due today"
    if summary.next_day is not None:
        text += f"; next: {summary.next_count} on {style.date(summary.next_day)}"
    return text + "."


class ReviewDuePanel(QWidget):
    def __init__(self, review: ReviewService, style: DateStyle = DEFAULT_STYLE) -> None:
        super().__init__()
        self.review = review
        self.date_style = style
        self.setAccessibleName("Spaced review")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 0, 0, 4)
        self.due_label = QLabel()
        self.due_label.setWordWrap(True)
        self.due_label.setAccessibleName("Questions due for review")
        layout.addWidget(self.due_label)
        row = QHBoxLayout()
        label = QLabel("Review &up to:")
        self.limit_spin = QSpinBox()
        self.limit_spin.setRange(1, 200)
        self.limit_spin.setValue(DEFAULT_LIMIT)
        self.limit_spin.setSuffix(" questions")
        self.limit_spin.setAccessibleName("Number of questions to review")
        label.setBuddy(self.limit_spin)
        row.addWidget(label)
        row.addWidget(self.limit_spin)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary: DueSummary | None = None

    def refresh(self, check_bank: bool = False) -> None:
        """``check_bank``: leave out items no longer in the bank (reads it: once it is loaded)."""
        self.summary = self.review.summary(check_bank)
        self.due_label.setText(due_text(self.summary, self.date_style))

    def set_active(self, active: bool) -> None:
        self.limit_spin.setEnabled(active)

    def spec(self, blueprint_id: str, seed: int) -> FormSpec:
        return self.review.spec(blueprint_id, seed, limit=self.limit_spin.value())
