"""Dashboard card: look-up speed per book against the candidate's target.

One row per installed drill book: the recent median seconds of correct look-ups
against the target (the ``drills.target_seconds`` setting, set on the drills page),
with the accuracy and how many look-ups it rests on; books not drilled yet say so.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGroupBox, QPushButton, QVBoxLayout

from readiness.core.drills.stats import speed_verdict
from readiness.services.drills import BookStatus, DrillService
from readiness.ui.dashboard.labels import card_label


def book_row(status: BookStatus, target: int) -> str:
    name = status.label.removeprefix("ICD-10-CM ")
    s = status.stats
    if s is None or s.answered == 0:
        return f"• {name}: not drilled yet"
    accuracy = f"{s.accuracy:.0%} right, " if s.accuracy is not None else ""
    return (f"• {name}: {speed_verdict(s.recent_median_seconds, target)} "
            f"({accuracy}{s.answered} look-up{'s' if s.answered != 1 else ''})")


class DrillsCard(QGroupBox):
    def __init__(self, drills: DrillService, navigate: Callable[[str], None]) -> None:
        super().__init__("Code-book look-up speed")
        self.setAccessibleName("Code-book look-up speed")
        self.drills = drills
        body = QVBoxLayout(self)
        body.setSpacing(6)
        self.text = card_label(name="Look-up speed by book")
        self.button = QPushButton("Open the drills")
        self.button.setAccessibleName("Open the code-book drills")
        self.button.clicked.connect(lambda: navigate("drills"))
        body.addWidget(self.text)
        body.addWidget(self.button)

    def refresh(self) -> None:
        target = self.drills.target_seconds()
        books = self.drills.books()
        installed = [b for b in books if b.ready or b.stats is not None]
        if not any(b.stats is not None for b in books):
            self.text.setText(
                "No drills yet. Timed look-ups in the Index, Neoplasm and Drug tables and "
                f"the PCS tables; your target is {target} s per look-up (set it on the "
                "Code-book drills page).")
            return
        lines = [book_row(b, target) for b in installed]
        lines.append(f"Target: {target} s per look-up (set it on the Code-book drills page).")
        self.text.setText("\n".join(lines))
