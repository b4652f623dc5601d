"""Code book edition check and the book rules."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from readiness.core.checklist.rules import EditionStatus
from readiness.core.errors import UserError
from readiness.services.checklist import MAX_EDITION, MIN_EDITION
from readiness.ui.context import UiContext

NOT_ENTERED = MIN_EDITION - 1
SYMBOL = {EditionStatus.OK: "✓", EditionStatus.OLDER: "✗", EditionStatus.NEWER: "!",
          EditionStatus.UNKNOWN: "?", EditionStatus.NO_EXAM_DATE: "?"}


class BookCheckView(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.workspace.checklist
        self.setAccessibleName("Code book check")
        rules = self.service.rules
        layout = QVBoxLayout(self)
        self.required = QLabel()
        self.required.setObjectName("books-required")
        self.required.setAccessibleName("Required edition")
        self.required.setWordWrap(True)
        layout.addWidget(self.required)
        grid = QGridLayout()
        for column, title in enumerate(("Book", "Edition year", "Inspected", "Status")):
            header = QLabel(f"<b>{title}</b>")
            header.setAccessibleName(f"{title} column")
            grid.addWidget(header, 0, column)
        self.years: dict[str, QSpinBox] = {}
        self.inspected: dict[str, QCheckBox] = {}
        self.status: dict[str, QLabel] = {}
        for row, entry in enumerate(self.service.book_entries(), start=1):
            book = entry.book
            grid.addWidget(QLabel(book.name), row, 0)
            year = QSpinBox()
            year.setObjectName(f"edition-{book.id}")
            year.setAccessibleName(f"{book.name} edition year")
            year.setRange(NOT_ENTERED, MAX_EDITION)
            year.setSpecialValueText("not entered")
            year.setValue(entry.year if entry.year is not None else NOT_ENTERED)
            year.valueChanged.connect(lambda _v, b=book.id: self._save(b))
            inspected = QCheckBox("page by page")
            inspected.setObjectName(f"inspected-{book.id}")
            inspected.setAccessibleName(f"{book.name} inspected page by page")
            inspected.setChecked(entry.inspected)
            inspected.toggled.connect(lambda _c, b=book.id: self._save(b))
            status = QLabel()
            status.setObjectName(f"edition-status-{book.id}")
            status.setAccessibleName(f"{book.name} edition status")
            status.setWordWrap(True)
            grid.addWidget(year, row, 1)
            grid.addWidget(inspected, row, 2)
            grid.addWidget(status, row, 3)
            self.years[book.id], self.inspected[book.id], self.status[book.id] = (
                year, inspected, status)
        grid.setColumnStretch(3, 1)
        layout.addLayout(grid)
        bullet = "".join(f"<li>{escape(r)}</li>" for r in rules.book_rules)
        link = (f" <a href='{escape(rules.book_rules_url)}'>AHIMA's current rules</a>"
                if rules.book_rules_url else "")
        book_rules = QLabel(
            f"<b>Book rules (the conservative reading)</b><ul>{bullet}</ul>"
            f"Source: {escape(rules.book_rules_source)}. Check{link} before exam day: "
            "they win over this list.")
        book_rules.setObjectName("book-rules")
        book_rules.setAccessibleName("Code book rules")
        book_rules.setWordWrap(True)
        book_rules.setOpenExternalLinks(True)
        layout.addWidget(book_rules)
        layout.addStretch(1)
        self.refresh()

    def _save(self, book_id: str) -> None:
        value = self.years[book_id].value()
        try:
            self.service.set_book(book_id, None if value == NOT_ENTERED else value,
                                  self.inspected[book_id].isChecked())
        except UserError as error:
            self.ctx.dialogs.show_error(self, error)
        self.refresh()

    def refresh(self) -> None:
        rule = self.service.rules.edition
        exam_date = self.service.appointment().exam_date
        if exam_date is None:
            self.required.setText("Set the exam date (Appointment tab) to see which code book "
                                  f"editions are required. Rule: {rule.rule}")
        else:
            self.required.setText(
                f"<b>Your exam on {self.ctx.workspace.date_style.date(exam_date)} needs the "
                f"{rule.required_year(exam_date)} editions.</b> {escape(rule.rule)} "
                f"<i>Source: {escape(rule.source)}</i>")
        for entry in self.service.book_entries():
            check = entry.check
            self.status[entry.book.id].setText(f"{SYMBOL[check.status]} {check.message}")
