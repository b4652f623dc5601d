"""Dashboard card: look-up speed per book against the candidate's target."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGroupBox, QPushButton, QVBoxLayout

from readiness.core.drills.stats import speed_verdict
from readiness.services.drills import DrillService
from readiness.ui.dashboard.labels import card_label


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
        stats = self.drills.drill_accuracy_by_book()
        if not stats:
            self.text.setText(f"No drills yet. Timed look-ups in the Index, Neoplasm and Drug "
                              f"tables and PCS tables; your target is {target} s per look-up.")
            return
        lines = []
        for s in stats.values():
            accuracy = f"{s.accuracy:.0%} right" if s.accuracy is not None else ""
            lines.append(f"• {s.book.spec.label.removeprefix('ICD-10-CM ')}: "
                         f"{speed_verdict(s.recent_median_seconds, target)} ({accuracy}, "
                         f"{s.answered} look-up{'s' if s.answered != 1 else ''})")
        self.text.setText("\n".join(lines))
