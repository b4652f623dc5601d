"""The multiple-choice screen: the stem, how many to select, and the options.

Built once and refilled per item; the stem and options are plain text."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from readiness.core.bank.models import MultipleChoiceItem
from readiness.core.exam.rules import select_hint
from readiness.core.exam.session import Response
from readiness.ui.exam.widgets import MarkableText, OptionRow

MAX_OPTIONS = 6


class ItemView(QWidget):
    chosen = Signal(int)
    strike_toggled = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.stem = MarkableText("Question text", auto_fit=True)
        self.stem.setMinimumHeight(120)
        layout.addWidget(self.stem, 2)
        self.select_hint = QLabel()
        self.select_hint.setAccessibleName("How many to select")
        layout.addWidget(self.select_hint)
        self.options: list[OptionRow] = []
        for index in range(MAX_OPTIONS):
            row = OptionRow(index)
            row.chosen.connect(self.chosen)
            row.strike_toggled.connect(self.strike_toggled)
            layout.addWidget(row)
            self.options.append(row)
        layout.addStretch(1)

    def show_item(self, item: MultipleChoiceItem, response: Response, strict: bool) -> None:
        if self.stem.toPlainText() != item.stem:
            self.stem.setPlainText(item.stem)
            self.stem.fit_height()
        self.stem.set_ranges(response.highlights)
        multiple = item.select > 1
        self.select_hint.setText(select_hint(item.select))
        for index, row in enumerate(self.options):
            if index < len(item.options):
                row.show_option(item.options[index].text, multiple, index in response.selected,
                                index in response.struck, strict)
                if row.isHidden():
                    row.show()
            elif not row.isHidden():
                row.hide()
