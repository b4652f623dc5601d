"""The plan set-up form: exam appointment (or the ATT window), weekly hours,
start date, blackout dates and a self-rating per blueprint domain."""

from __future__ import annotations

from datetime import date, time, timedelta
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from readiness.core.appointment import ATT_WINDOW_DAYS, ExamAppointment
from readiness.core.planner.models import WEEKDAYS, PlannerPreferences
from readiness.core.when import DEFAULT_STYLE, DateStyle
from readiness.ui.when import DATE_HINT, date_edit_format, time_edit_format, weekday_label

ROLE = Qt.ItemDataRole.UserRole
RATING_LABELS = {
    1: "1 – new to this",
    2: "2 – shaky",
    3: "3 – fair",
    4: "4 – good",
    5: "5 – confident",
}
COMMON_ZONES = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico",
)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qtime(at: time) -> QTime:
    return QTime(at.hour, at.minute)


def from_qtime(value: QTime) -> time:
    return time(value.hour(), value.minute())


#: Typed dates: year, month, day, strictly.  No weekday section: with one, Qt keeps
#: the weekday while the month is typed and drops the typed day ("Fri 2026-11-20"
#: became "Fri 2026-12-11", issue 13); the weekday is shown beside the field instead.
DATE_FORMAT = date_edit_format(DEFAULT_STYLE)


def _date_edit(name: str, style: DateStyle = DEFAULT_STYLE) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_edit_format(style))
    edit.setAccessibleName(name)
    edit.setToolTip(DATE_HINT)
    return edit


def date_row(edit: QDateEdit) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit)
    row.addWidget(weekday_label(edit))
    row.addStretch(1)
    return row


class SetupForm(QWidget):
    """Emits ``submitted(prefs, appointment)`` when the candidate saves."""

    submitted = Signal(object, object)

    def __init__(self, domains: list[tuple[str, str]], today: date,
                 date_style: DateStyle = DEFAULT_STYLE) -> None:
        super().__init__()
        self.date_style = date_style
        self.setAccessibleName("Plan set-up")
        self._domains = domains
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Plan set-up form")
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)

        # -- exam --------------------------------------------------------
        exam_box = QGroupBox("Exam")
        exam = QFormLayout(exam_box)
        self.scheduled = QRadioButton("Scheduled")
        self.scheduled.setAccessibleName("Exam is scheduled")
        self.not_scheduled = QRadioButton("Not scheduled yet")
        self.not_scheduled.setAccessibleName("Exam is not scheduled yet")
        group = QButtonGroup(self)
        group.addButton(self.scheduled)
        group.addButton(self.not_scheduled)
        row = QHBoxLayout()
        row.addWidget(self.scheduled)
        row.addWidget(self.not_scheduled)
        row.addStretch(1)
        exam.addRow("Status", row)
        self.exam_date = _date_edit("Exam date")
        exam_label = QLabel("Exam &date")  # a layout as the field: set the buddy by hand
        exam_label.setBuddy(self.exam_date)
        exam.addRow(exam_label, date_row(self.exam_date))
        self.exam_time = QTimeEdit()
        self.exam_time.setDisplayFormat(time_edit_format(date_style))
        self.exam_time.setAccessibleName("Exam start time")
        exam.addRow("Start &time", self.exam_time)
        self.zone = QComboBox()
        self.zone.setAccessibleName("Time zone")
        zones = list(COMMON_ZONES) + sorted(available_timezones() - set(COMMON_ZONES))
        self.zone.addItems(zones)
        exam.addRow("Time &zone", self.zone)
        self.center = QLineEdit()
        self.center.setAccessibleName("Test center")
        self.center.setPlaceholderText("e.g. Pearson VUE, Chicago Loop")
        exam.addRow("Test &center", self.center)
        self.address = QLineEdit()
        self.address.setAccessibleName("Test center address")
        exam.addRow("Address", self.address)
        self.has_att = QCheckBox("Authorization to Test received on")
        self.has_att.setAccessibleName("Authorization to Test received")
        self.att_date = _date_edit("Date the Authorization to Test arrived", date_style)
        att_row = QHBoxLayout()
        att_row.addWidget(self.has_att)
        att_row.addWidget(self.att_date)
        att_row.addWidget(weekday_label(self.att_date))
        att_row.addStretch(1)
        exam.addRow("ATT", att_row)
        self.window_label = QLabel()
        self.window_label.setWordWrap(True)
        self.window_label.setAccessibleName("ATT window")
        exam.addRow("", self.window_label)
        self.target = _date_edit("Target exam date while not scheduled")
        exam.addRow("Target date", date_row(self.target))
        layout.addWidget(exam_box)

        # -- time --------------------------------------------------------
        time_box = QGroupBox("Time for study")
        grid = QGridLayout(time_box)
        self.hours: list[QDoubleSpinBox] = []
        for i, name in enumerate(WEEKDAYS):
            spin = QDoubleSpinBox()
            spin.setRange(0, 16)
            spin.setSingleStep(0.25)
            spin.setDecimals(2)
            spin.setSuffix(" h")
            spin.setAccessibleName(f"Hours available on {name}")
            label = QLabel(name[:3])
            label.setBuddy(spin)
            grid.addWidget(label, 0, i)
            grid.addWidget(spin, 1, i)
            self.hours.append(spin)
        self.start = _date_edit("Plan start date", date_style)
        self.weekday_start = QTimeEdit()
        self.weekday_start.setDisplayFormat(time_edit_format(date_style))
        self.weekday_start.setAccessibleName("Study start time on weekdays")
        self.weekend_start = QTimeEdit()
        self.weekend_start.setDisplayFormat(time_edit_format(date_style))
        self.weekend_start.setAccessibleName("Study start time on weekends")
        times = QFormLayout()
        times.addRow("Start &plan on", self.start)
        times.addRow("Weekday sessions start at", self.weekday_start)
        times.addRow("Weekend sessions start at", self.weekend_start)
        grid.addLayout(times, 2, 0, 1, 7)
        layout.addWidget(time_box)

        # -- blackouts ---------------------------------------------------
        black_box = QGroupBox("Days off (no study)")
        black = QHBoxLayout(black_box)
        self.blackouts = QListWidget()
        self.blackouts.setAccessibleName("Blackout dates")
        self.blackouts.setMaximumHeight(110)
        black.addWidget(self.blackouts, 1)
        side = QVBoxLayout()
        self.blackout_date = _date_edit("Blackout date to add", date_style)
        self.add_blackout = QPushButton("&Add day off")
        self.add_blackout.setAccessibleName("Add blackout date")
        self.remove_blackout = QPushButton("&Remove")
        self.remove_blackout.setAccessibleName("Remove selected blackout date")
        side.addWidget(self.blackout_date)
        side.addWidget(self.add_blackout)
        side.addWidget(self.remove_blackout)
        side.addStretch(1)
        black.addLayout(side)
        layout.addWidget(black_box)

        # -- self-ratings ------------------------------------------------
        rate_box = QGroupBox("How strong are you in each domain? (used until practice "
                             "results exist)")
        rates = QFormLayout(rate_box)
        self.ratings: dict[str, QComboBox] = {}
        for domain_id, name in domains:
            combo = QComboBox()
            for value, text in RATING_LABELS.items():
                combo.addItem(text, value)
            combo.setAccessibleName(f"Self-rating for {name}")
            rates.addRow(name, combo)
            self.ratings[domain_id] = combo
        layout.addWidget(rate_box)

        self.save = QPushButton("&Save and plan")
        self.save.setAccessibleName("Save set-up and plan")
        self.save.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.scheduled.toggled.connect(self._sync)
        self.has_att.toggled.connect(self._sync)
        self.att_date.dateChanged.connect(self._sync)
        self.exam_date.dateChanged.connect(self._sync)
        self.add_blackout.clicked.connect(self._add_blackout)
        self.remove_blackout.clicked.connect(self._remove_blackout)
        self.save.clicked.connect(self._submit)
        self.blackout_date.setDate(to_qdate(today))

    # ------------------------------------------------------------ load / read
    def load(self, prefs: PlannerPreferences, appt: ExamAppointment) -> None:
        default_exam = prefs.target_date or prefs.start + timedelta(weeks=12)
        self.exam_date.setDate(to_qdate(default_exam))
        self.att_date.setDate(to_qdate(prefs.start))
        self.load_appointment(appt)
        index = self.zone.findText(prefs.timezone or appt.timezone)
        self.zone.setCurrentIndex(max(0, index))
        self.target.setDate(to_qdate(prefs.target_date or default_exam))
        for spin, minutes in zip(self.hours, prefs.availability, strict=True):
            spin.setValue(minutes / 60)
        self.start.setDate(to_qdate(prefs.start))
        self.weekday_start.setTime(to_qtime(prefs.weekday_start))
        self.weekend_start.setTime(to_qtime(prefs.weekend_start))
        self.blackouts.clear()
        for day in sorted(prefs.blackouts):
            self._blackout_item(day)
        for domain_id, combo in self.ratings.items():
            combo.setCurrentIndex(combo.findData(prefs.self_ratings.get(domain_id, 3)))
        self._sync()

    def load_appointment(self, appt: ExamAppointment) -> None:
        """Show the shared appointment (the checklist page edits it too)."""
        scheduled = appt.exam_date is not None
        self.scheduled.setChecked(scheduled)
        self.not_scheduled.setChecked(not scheduled)
        if appt.exam_date is not None:
            self.exam_date.setDate(to_qdate(appt.exam_date))
        self.exam_time.setTime(to_qtime(appt.exam_time or time(8, 0)))
        self.center.setText(appt.center_name)
        self.address.setText(appt.center_address)
        self.has_att.setChecked(appt.att_received is not None)
        if appt.att_received is not None:
            self.att_date.setDate(to_qdate(appt.att_received))
        self._sync()

    def preferences(self) -> PlannerPreferences:
        blackouts = frozenset(
            date.fromisoformat(self.blackouts.item(i).data(ROLE))
            for i in range(self.blackouts.count())
        )
        return PlannerPreferences(
            start=from_qdate(self.start.date()),
            availability=tuple(round(s.value() * 60) for s in self.hours),  # type: ignore[arg-type]
            blackouts=blackouts,
            self_ratings={d: int(c.currentData()) for d, c in self.ratings.items()},
            target_date=None if self.scheduled.isChecked() else from_qdate(self.target.date()),
            timezone=self.zone.currentText(),
            weekday_start=from_qtime(self.weekday_start.time()),
            weekend_start=from_qtime(self.weekend_start.time()),
        )

    def appointment(self) -> ExamAppointment:
        scheduled = self.scheduled.isChecked()
        return ExamAppointment(
            exam_date=from_qdate(self.exam_date.date()) if scheduled else None,
            exam_time=from_qtime(self.exam_time.time()) if scheduled else None,
            timezone=self.zone.currentText(),
            center_name=self.center.text().strip(),
            center_address=self.address.text().strip(),
            att_received=from_qdate(self.att_date.date()) if self.has_att.isChecked() else None,
        )

    # ------------------------------------------------------------ helpers
    def _sync(self) -> None:
        scheduled = self.scheduled.isChecked()
        for widget in (self.exam_date, self.exam_time):
            widget.setEnabled(scheduled)
        self.target.setEnabled(not scheduled)
        self.att_date.setEnabled(self.has_att.isChecked())
        if self.has_att.isChecked():
            received = from_qdate(self.att_date.date())
            deadline = received + timedelta(days=ATT_WINDOW_DAYS)
            text = (f"Schedule and take the exam within {ATT_WINDOW_DAYS} days of the ATT: "
                    f"by {self.date_style.date(deadline)}.")
            if scheduled and from_qdate(self.exam_date.date()) > deadline:
                text += " The exam date above is after that: it will be refused."
            self.window_label.setText(text)
        else:
            self.window_label.setText(
                f"Once the ATT arrives you have {ATT_WINDOW_DAYS} days to schedule and take "
                "the exam."
            )

    def _blackout_item(self, day: date) -> None:
        item = QListWidgetItem(self.date_style.date(day))
        item.setData(ROLE, day.isoformat())
        self.blackouts.addItem(item)

    def _add_blackout(self) -> None:
        day = from_qdate(self.blackout_date.date())
        existing = {self.blackouts.item(i).data(ROLE) for i in range(self.blackouts.count())}
        if day.isoformat() not in existing:
            self._blackout_item(day)
            self.blackouts.sortItems()

    def _remove_blackout(self) -> None:
        for item in self.blackouts.selectedItems():
            self.blackouts.takeItem(self.blackouts.row(item))

    def _submit(self) -> None:
        self.submitted.emit(self.preferences(), self.appointment())
