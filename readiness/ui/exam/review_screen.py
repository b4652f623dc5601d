"""The review screen of an attempt in progress: all, unanswered or flagged questions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from readiness.services.exams import ExamRun


class ReviewScreen(QWidget):
    jump = Signal(int)  # a position to go to
    back = Signal()  # return to the current question

    def __init__(self, run: ExamRun) -> None:
        super().__init__()
        self.run = run
        layout = QVBoxLayout(self)
        heading = QLabel("Review")
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        row = QHBoxLayout()
        label = QLabel("&Show:")
        self.filter = QComboBox()
        self.filter.addItem("All questions", "all")
        self.filter.addItem("Unanswered", "unanswered")
        self.filter.addItem("Flagged", "flagged")
        self.filter.setAccessibleName("Show which questions")
        label.setBuddy(self.filter)
        self.filter.currentIndexChanged.connect(self.fill)
        self.summary = QLabel()
        self.summary.setAccessibleName("Review summary")
        row.addWidget(label)
        row.addWidget(self.filter)
        row.addSpacing(16)
        row.addWidget(self.summary, 1)
        layout.addLayout(row)
        self.list = QListWidget()
        self.list.setAccessibleName("Questions to review")
        # Columns that wrap, like the test center's review grid.
        self.list.setFlow(QListView.Flow.TopToBottom)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSpacing(2)
        self.list.itemActivated.connect(self._activated)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.go_button = QPushButton("Go to question")
        self.go_button.setAccessibleName("Go to the selected question")
        self.go_button.clicked.connect(lambda: self._activated(self.list.currentItem()))
        self.back_button = QPushButton("Return to question")
        self.back_button.setAccessibleName("Return to the current question")
        self.back_button.clicked.connect(self.back)
        buttons.addWidget(self.go_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def fill(self) -> None:
        which = str(self.filter.currentData())
        self.list.clear()
        session = self.run.session
        for position in session.positions(which):
            response = self.run.response(position)
            entry = self.run.form.entries[position]
            status = "Answered" if response.answered else "Unanswered"
            kind = "Scenario" if entry.kind == "scenario" else "Question"
            flag = "  ⚑ Flagged" if response.flagged else ""
            item = QListWidgetItem(f"{position + 1:>3}. {kind} — {status}{flag}")
            item.setData(Qt.ItemDataRole.UserRole, position)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.summary.setText(f"{len(self.run)} questions · {session.unanswered_count} "
                             f"unanswered · {session.flagged_count} flagged")

    def _activated(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.jump.emit(int(item.data(Qt.ItemDataRole.UserRole)))
