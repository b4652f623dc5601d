"""Dashboard card for after the exam: CEU progress once passed, or the way to record it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGroupBox, QProgressBar, QPushButton, QVBoxLayout

from readiness.services.ceu import CeuService
from readiness.ui.dashboard.labels import card_label


class RecertCard(QGroupBox):
    def __init__(self, ceu: CeuService, navigate: Callable[[str], None]) -> None:
        super().__init__("Recertification")
        self.setAccessibleName("Recertification")
        self.ceu = ceu
        body = QVBoxLayout(self)
        body.setSpacing(6)
        self.text = card_label(name="CEU progress")
        self.bar = QProgressBar()
        self.bar.setAccessibleName("CEUs earned this cycle")
        self.button = QPushButton("Open recertification")
        self.button.setAccessibleName("Open recertification")
        self.button.clicked.connect(lambda: navigate("recert"))
        for w in (self.text, self.bar, self.button):
            body.addWidget(w)

    def refresh(self, days_to_exam: int | None) -> None:
        """Shown once passed, or once the exam date is behind (to record the pass)."""
        p = self.ceu.progress()
        if p is None:
            self.setVisible(days_to_exam is not None and days_to_exam < 0)
            self.text.setText("Passed? Record the day: your two-year CEU cycle starts then, "
                              "and the app keeps your CEU log and deadline.")
            self.bar.hide()
            self.button.setText("Record my pass")
            return
        self.show()
        rule = p.rule
        self.bar.show()
        self.bar.setRange(0, 100)
        self.bar.setValue(min(100, round(100 * p.total / max(rule.required_total, 1))))
        self.bar.setFormat(f"{p.total:g} of {rule.required_total:g} CEUs")
        style = self.ceu.style()
        lines = [f"Cycle ends {style.date(p.cycle.ends_on, weekday=False)} ({p.days_left} days). "
                 f"Rule: {rule.title}{' (verify)' if rule.verify else ''}."]
        lines.append(p.reminder(style) or ("Requirements met." if p.met else
                                      f"Still needed: {p.needs()}."))
        self.text.setText("\n".join(lines))
        self.button.setText("Open recertification")
