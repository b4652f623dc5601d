"""Recertification: 'I passed' starts the two-year CEU cycle; then progress against the
chosen rule (with its source and a verify note), the activity log and CSV export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from readiness.core.ceu.cycle import CATEGORIES, MAX_HOURS, CeuProgress
from readiness.core.errors import UserError
from readiness.ui.ceu.activities_model import ActivitiesModel
from readiness.ui.context import UiContext
from readiness.ui.heading import page_title


def _text(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(name)
    return label


def _date_edit(name: str, today: date) -> QDateEdit:
    # A date picker, not free text: typed dates were mangled elsewhere (issue 13).
    edit = QDateEdit(QDate(today.year, today.month, today.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    # Room for the whole date: beside a stretching combo it was clipped to "2026-12-0".
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("2026-12-31") + 48)
    return edit


def _py(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def _bar(name: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setAccessibleName(name)
    bar.setRange(0, 100)
    return bar


class RecertificationPage(QWidget):
    navigate_requested = Signal(str)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.workspace.ceu
        self.setAccessibleName("Recertification")
        today = ctx.workspace.planner.today_date()
        layout = QVBoxLayout(self)
        layout.addWidget(page_title("Recertification"))

        self.pass_box = QGroupBox("After passing")
        self.pass_box.setAccessibleName("Record your pass")
        pass_form = QFormLayout(self.pass_box)
        pass_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.passed_on = _date_edit("Day you passed", today)
        self.rule_combo = QComboBox()
        self.rule_combo.setAccessibleName("CEU rule to count against")
        for rule in self.service.rules.rules:
            self.rule_combo.addItem(rule.title, rule.id)
        self.pass_button = QPushButton("I &passed")
        self.pass_button.setAccessibleName("I passed: start the CEU cycle")
        pass_form.addRow("&Passed on:", self.passed_on)
        pass_form.addRow("CEU &rule:", self.rule_combo)
        pass_form.addRow("", self.pass_button)
        self.rule_source = _text("Where the rule comes from")
        self.rule_source.setStyleSheet("color: palette(placeholder-text);")
        pass_form.addRow(self.rule_source)
        layout.addWidget(self.pass_box)

        self.cycle_text = _text("Recertification cycle")
        self.cycle_text.setStyleSheet("font-size: 13pt;")
        self.reminder = _text("CEU deadline reminder")
        self.reminder.setStyleSheet("font-weight: 600;")
        self.total_bar = _bar("CEUs earned")
        self.coding_bar = _bar("Coding CEUs earned")
        layout.addWidget(self.cycle_text)
        layout.addWidget(self.reminder)
        bars = QFormLayout()
        bars.addRow("All CEUs:", self.total_bar)
        bars.addRow("Coding:", self.coding_bar)
        self.bars = QWidget()
        self.bars.setLayout(bars)
        layout.addWidget(self.bars)

        self.model = ActivitiesModel()
        self.table = QTableView()
        self.table.setAccessibleName("CEU activities")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setAccessibleName("CEU activity columns")
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.add_box = self._build_add_form(today)
        layout.addWidget(self.add_box)
        self.status = _text("Recertification status")
        layout.addWidget(self.status)
        # Before passing the table (the one stretching row) is hidden: without this the
        # spare height went between the title and the form, the title floating mid-page.
        layout.addStretch(0)

        self.pass_button.clicked.connect(self.record_pass)
        self.rule_combo.currentIndexChanged.connect(self._rule_changed)
        self.refresh()

    def _build_add_form(self, today: date) -> QGroupBox:
        box = QGroupBox("Log an activity")
        box.setAccessibleName("Log a CEU activity")
        form = QFormLayout(box)
        self.done_on = _date_edit("Activity date", today)
        self.provider = QLineEdit()
        self.provider.setAccessibleName("Provider")
        self.provider.setPlaceholderText("AHIMA, state association, employer…")
        self.title = QLineEdit()
        self.title.setAccessibleName("Activity title")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.0, MAX_HOURS)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(0.5)
        self.hours.setValue(1.0)
        self.hours.setAccessibleName("CEUs for the activity")
        self.category = QComboBox()
        self.category.setAccessibleName("CEU category")
        for key, label in CATEGORIES.items():
            self.category.addItem(label, key)
        self.certificate = QLineEdit()
        self.certificate.setReadOnly(True)
        self.certificate.setAccessibleName("Certificate file")
        self.certificate.setPlaceholderText("optional: copied into the data folder")
        self.browse = QPushButton("Choose &certificate…")
        self.browse.setAccessibleName("Choose a certificate file")
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.certificate, 1)
        cert_row.addWidget(self.browse)
        self.add_button = QPushButton("&Add activity")
        self.add_button.setAccessibleName("Add the CEU activity")
        self.remove_button = QPushButton("&Remove selected")
        self.remove_button.setAccessibleName("Remove the selected activity")
        self.export_button = QPushButton("&Export CSV…")
        self.export_button.setAccessibleName("Export CEU log as CSV")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        first = QHBoxLayout()
        first.addWidget(self.done_on)
        first.addWidget(self.hours)
        first.addWidget(self.category, 1)
        form.addRow("Date, CEUs, category:", first)
        form.addRow("Pro&vider:", self.provider)
        form.addRow("Ac&tivity:", self.title)
        form.addRow("Certificate:", cert_row)
        form.addRow(buttons)
        self.browse.clicked.connect(self.choose_certificate)
        self.add_button.clicked.connect(self.add_activity)
        self.remove_button.clicked.connect(self.remove_selected)
        self.export_button.clicked.connect(self.export_csv)
        return box

    # -- state -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        record = self.service.passed()
        rule = self.service.rule()
        self.rule_combo.blockSignals(True)
        self.rule_combo.setCurrentIndex(max(self.rule_combo.findData(rule.id), 0))
        self.rule_combo.blockSignals(False)
        self.refresh_rule_text()
        passed = record is not None
        self.pass_button.setText("Change the &pass date" if passed else "I &passed")
        for w in (self.cycle_text, self.reminder, self.bars, self.table, self.add_box):
            w.setVisible(passed)
        if record is not None:
            self.passed_on.setDate(QDate(record.passed_on.year, record.passed_on.month,
                                         record.passed_on.day))
        self.model.set_rows(self.service.activities())
        p = self.service.progress()
        if p is None:
            self.status.setText("Once you pass, record the day here: your two-year CEU "
                                "cycle starts then.")
            return
        self._show_progress(p)

    def _show_progress(self, p: CeuProgress) -> None:
        rule, cycle = p.rule, p.cycle
        style = self.service.style()
        self.cycle_text.setText(
            f"Cycle {style.date(cycle.passed_on, weekday=False)} to "
            f"{style.date(cycle.ends_on, weekday=False)} · counting against "
            f"{rule.title}{' (verify)' if rule.verify else ''}")
        self.reminder.setText(p.reminder(style) or ("Requirements met for this cycle." if p.met
                                               else f"{p.days_left} days left: {p.needs()} "
                                                    "still needed."))
        self.total_bar.setValue(min(100, round(100 * p.total / max(rule.required_total, 1))))
        self.total_bar.setFormat(f"{p.total:g} of {rule.required_total:g} CEUs")
        self.coding_bar.setValue(min(100, round(100 * p.coding / max(rule.coding_minimum, 1))))
        self.coding_bar.setFormat(f"{p.coding:g} of {rule.coding_minimum:g} "
                                  f"({rule.coding_minimum_means})")
        self.status.setText("")

    # -- actions -----------------------------------------------------------------------
    def record_pass(self) -> None:
        try:
            cycle = self.service.record_pass(_py(self.passed_on.date()),
                                             str(self.rule_combo.currentData()))
        except UserError as exc:
            self.status.setText(str(exc))
            return
        self.refresh()
        ends = self.service.style().date(cycle.ends_on, weekday=False)
        self.status.setText(f"Recorded: your cycle runs to {ends}.")

    def _rule_changed(self) -> None:
        if self.service.passed() is None:
            self.refresh_rule_text()
            return
        try:
            self.service.choose_rule(str(self.rule_combo.currentData()))
        except UserError as exc:
            self.status.setText(str(exc))
        self.refresh()

    def refresh_rule_text(self) -> None:
        rule = self.service.rules.get(str(self.rule_combo.currentData()))
        self.rule_source.setText(
            f"Source: {rule.source}. {rule.source_text}"
            + (" Verify this against your AHIMA CEU Center: the sources disagree."
               if rule.verify else ""))

    def choose_certificate(self) -> None:
        path = self.ctx.dialogs.open_file(self, "Certificate for this activity",
                                          "Certificates (*.pdf *.png *.jpg *.jpeg);;All (*)")
        if path is not None:
            self.certificate.setText(str(path))

    def add_activity(self) -> None:
        cert = self.certificate.text().strip()
        try:
            activity = self.service.add_activity(
                _py(self.done_on.date()), self.provider.text(), self.title.text(),
                self.hours.value(), str(self.category.currentData()),
                Path(cert) if cert else None)
        except UserError as exc:
            self.status.setText(str(exc))  # the form keeps what was typed
            return
        self.provider.clear()
        self.title.clear()
        self.certificate.clear()
        self.refresh()
        self.status.setText(f"Added: {activity.title} ({activity.hours:g} CEUs).")

    def remove_selected(self) -> None:
        activity = self.model.activity(self.table.currentIndex().row())
        if activity is None:
            self.status.setText("Select an activity to remove.")
            return
        if not self.ctx.dialogs.confirm(self, "Remove activity",
                                        f"Remove “{activity.title}” and its certificate copy?"):
            return
        self.service.remove_activity(activity)
        self.refresh()
        self.status.setText(f"Removed: {activity.title}.")

    def export_csv(self) -> None:
        path = self.ctx.dialogs.save_file(self, "Export CEU log", "ceu-log.csv",
                                          "CSV files (*.csv)")
        if path is None:
            return
        try:
            count = self.service.export_csv(path)
        except UserError as exc:
            self.ctx.dialogs.show_error(self, exc, "Could not export")
            return
        self.status.setText(f"Exported {count} activit{'y' if count == 1 else 'ies'} to {path}.")
