"""The appointment (shared with the planner) and the arrival planner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time
from html import escape
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from readiness.core.appointment import Delivery, ExamAppointment
from readiness.core.checklist.arrival import MAX_BUFFER_MINUTES, MAX_TRAVEL_MINUTES
from readiness.core.checklist.rules import SourcedRule
from readiness.core.errors import UserError
from readiness.ui.context import UiContext
from readiness.ui.when import DATE_HINT, date_edit_format, time_edit_format, weekday_label

COMMON_ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
                "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu",
                "America/Puerto_Rico")


class ArrivalView(QWidget):
    def __init__(self, ctx: UiContext, on_change: Callable[[], None]) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.workspace.checklist
        self.on_change = on_change
        self._reverting = False  # putting the saved dates back after a refusal
        self.setAccessibleName("Appointment and arrival")
        appt = self.service.appointment()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.form = form
        self.delivery = QComboBox()
        self.delivery.setObjectName("delivery")
        self.delivery.setAccessibleName("How the exam is delivered")
        for mode in Delivery:
            self.delivery.addItem(mode.label, mode.value)
        self.scheduled = QCheckBox("My exam is scheduled")
        self.scheduled.setObjectName("scheduled")
        self.scheduled.setAccessibleName("Exam is scheduled")
        self.date = QDateEdit()
        self.date.setObjectName("exam-date")
        self.date.setAccessibleName("Exam date")
        self.date.setCalendarPopup(True)
        style = ctx.workspace.date_style
        self.date.setDisplayFormat(date_edit_format(style))
        self.date.setToolTip(DATE_HINT)
        self.time = QTimeEdit()
        self.time.setObjectName("exam-time")
        self.time.setAccessibleName("Appointment time")
        self.time.setDisplayFormat(time_edit_format(style))
        self.zone = QComboBox()
        self.zone.setObjectName("exam-zone")
        self.zone.setAccessibleName("Test center time zone")
        self.zone.setEditable(True)
        others = sorted(z for z in available_timezones() if "/" in z and z not in COMMON_ZONES)
        self.zone.addItems([*COMMON_ZONES, *others])
        self.center = QLineEdit()
        self.center.setObjectName("center-name")
        self.center.setAccessibleName("Test center name")
        self.address = QLineEdit()
        self.address.setObjectName("center-address")
        self.address.setAccessibleName("Test center address")
        self.has_att = QCheckBox("I have my Authorization to Test, received on")
        self.has_att.setObjectName("has-att")
        self.has_att.setAccessibleName("Authorization to Test received")
        self.att_date = QDateEdit()
        self.att_date.setObjectName("att-date")
        self.att_date.setAccessibleName("Date the Authorization to Test was received")
        self.att_date.setCalendarPopup(True)
        self.att_date.setDisplayFormat(date_edit_format(style))
        self.att_date.setToolTip(DATE_HINT)
        self.travel = QSpinBox()
        self.travel.setObjectName("travel-minutes")
        self.travel.setAccessibleName("Travel time in minutes")
        self.travel.setRange(0, MAX_TRAVEL_MINUTES)
        self.travel.setSuffix(" min")
        self.buffer = QSpinBox()
        self.buffer.setObjectName("buffer-minutes")
        self.buffer.setAccessibleName("Buffer in minutes")
        self.buffer.setRange(0, MAX_BUFFER_MINUTES)
        self.buffer.setSuffix(" min")
        self.systest = self._minutes("systest-minutes", "System test time in minutes")
        self.room = self._minutes("room-minutes", "Room set-up time in minutes")
        self._load(appt)
        form.addRow("Delivery:", self.delivery)
        form.addRow("", self.scheduled)
        exam_row = QHBoxLayout()
        exam_row.addWidget(self.date, 1)
        exam_row.addWidget(weekday_label(self.date))
        form.addRow("Exam date:", exam_row)
        exam_label = form.labelForField(exam_row)
        if isinstance(exam_label, QLabel):
            exam_label.setBuddy(self.date)
        form.addRow("Appointment time:", self.time)
        form.addRow("Time zone of the appointment:", self.zone)
        form.addRow("Test center:", self.center)
        form.addRow("Address:", self.address)
        att_row = QHBoxLayout()
        att_row.addWidget(self.has_att)
        att_row.addWidget(self.att_date, 1)
        att_row.addWidget(weekday_label(self.att_date))
        form.addRow("ATT:", att_row)
        form.addRow("Travel time:", self.travel)
        form.addRow("Buffer (traffic, parking):", self.buffer)
        form.addRow("System test and restart:", self.systest)
        form.addRow("Room set-up (desk, walls, door):", self.room)
        layout.addLayout(form)
        self.refused = QLabel()
        self.refused.setObjectName("appointment-refused")
        self.refused.setAccessibleName("Appointment not saved")
        self.refused.setWordWrap(True)
        self.refused.setTextFormat(Qt.TextFormat.RichText)
        self.refused.hide()  # the last refused edit, until the next save
        layout.addWidget(self.refused)
        self.result = QLabel()
        self.result.setObjectName("arrival-result")
        self.result.setAccessibleName("Leave-by and arrive-by times")
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        self.att_warning = QLabel()
        self.att_warning.setObjectName("att-warning")
        self.att_warning.setAccessibleName("Authorization to Test warning")
        self.att_warning.setWordWrap(True)
        layout.addWidget(self.att_warning)
        self.notes = QLabel()
        self.notes.setObjectName("arrival-notes")
        self.notes.setAccessibleName("Clock change notes")
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        self.sources = QLabel()
        self.sources.setObjectName("online-rules")
        self.sources.setAccessibleName("Online rules and their sources")
        self.sources.setWordWrap(True)
        self.sources.setOpenExternalLinks(False)
        layout.addWidget(self.sources)
        layout.addStretch(1)

        self.scheduled.toggled.connect(self._save_appointment)
        self.has_att.toggled.connect(self._save_appointment)
        for edit in (self.date, self.att_date):
            # Picked from the calendar or set: saved at once.  Typed: saved when the
            # typing is done (Tab, Enter, focus out), so the half-typed date in between
            # is neither saved nor refused.
            edit.dateChanged.connect(self._date_changed)
            edit.editingFinished.connect(self._save_appointment)
        self.time.timeChanged.connect(self._save_appointment)
        self.zone.activated.connect(self._save_appointment)
        zone_edit = self.zone.lineEdit()
        if zone_edit is not None:
            zone_edit.editingFinished.connect(self._save_appointment)
        self.center.editingFinished.connect(self._save_appointment)
        self.address.editingFinished.connect(self._save_appointment)
        self.travel.valueChanged.connect(self._save_travel)
        self.buffer.valueChanged.connect(self._save_travel)
        self.systest.valueChanged.connect(self._save_online)
        self.room.valueChanged.connect(self._save_online)
        self.delivery.activated.connect(self._save_delivery)
        self.refresh()

    def _minutes(self, name: str, accessible: str) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.setRange(0, MAX_BUFFER_MINUTES)
        box.setSuffix(" min")
        return box

    def _load(self, appt: ExamAppointment) -> None:
        today = self.service.now().date()
        self.scheduled.setChecked(appt.exam_date is not None)
        day = appt.exam_date or today
        self.date.setDate(QDate(day.year, day.month, day.day))
        at = appt.exam_time or time(8, 0)
        self.time.setTime(QTime(at.hour, at.minute))
        self.zone.setCurrentText(appt.timezone)
        self.has_att.setChecked(appt.att_received is not None)
        received = appt.att_received or today
        self.att_date.setDate(QDate(received.year, received.month, received.day))
        self.center.setText(appt.center_name)
        self.address.setText(appt.center_address)
        travel = self.service.travel()
        self.travel.setValue(travel.travel_minutes)
        self.buffer.setValue(travel.buffer_minutes)
        setup = self.service.online_setup()
        self.systest.setValue(setup.systest_minutes)
        self.room.setValue(setup.room_minutes)
        self.delivery.setCurrentIndex(self.delivery.findData(appt.delivery.value))
        self._enable()

    def _enable(self) -> None:
        for widget in (self.date, self.time):
            widget.setEnabled(self.scheduled.isChecked())
        self.att_date.setEnabled(self.has_att.isChecked())

    def _show_mode_rows(self, online: bool) -> None:
        for widget in (self.center, self.address, self.travel, self.buffer):
            self.form.setRowVisible(widget, not online)
        for widget in (self.systest, self.room):
            self.form.setRowVisible(widget, online)

    def form_appointment(self) -> ExamAppointment:
        current = self.service.appointment()
        qd, qt, qa = self.date.date(), self.time.time(), self.att_date.date()
        return replace(
            current,
            exam_date=date(qd.year(), qd.month(), qd.day()) if self.scheduled.isChecked()
            else None,
            exam_time=time(qt.hour(), qt.minute()),
            timezone=self.zone.currentText().strip(),
            center_name=self.center.text().strip(),
            center_address=self.address.text().strip(),
            att_received=date(qa.year(), qa.month(), qa.day()) if self.has_att.isChecked()
            else None,
        )

    def _date_changed(self) -> None:
        edit = self.sender()
        if isinstance(edit, QDateEdit) and edit.hasFocus():
            return  # being typed: editingFinished saves it
        self._save_appointment()

    def _save_appointment(self) -> None:
        if self._reverting:
            return
        self._enable()
        appointment = self.form_appointment()
        if appointment == self.service.appointment():
            return
        try:
            self.service.save_appointment(appointment)
        except UserError as error:
            # Refused (the same rule and message as the plan's set-up): the fields go
            # back to what is saved, so the screen never shows a date that is not.
            self._revert()
            self.refused.setText(f"<b>⚠ Not saved:</b> {escape(str(error))}")
            self.refused.show()
            self.ctx.dialogs.show_error(self, error, "Appointment not saved")
            return
        self.refused.hide()
        self.on_change()

    def _revert(self) -> None:
        """Show the saved dates again.  Signals stay on (the weekday labels follow the
        dates); ``_reverting`` keeps the changes from being saved."""
        saved = self.service.appointment()
        self._reverting = True
        try:
            day = saved.exam_date or self.service.now().date()
            self.scheduled.setChecked(saved.exam_date is not None)
            self.date.setDate(QDate(day.year, day.month, day.day))
            self.zone.setCurrentText(saved.timezone)
            self.has_att.setChecked(saved.att_received is not None)
            received = saved.att_received or self.service.now().date()
            self.att_date.setDate(QDate(received.year, received.month, received.day))
        finally:
            self._reverting = False
        self._enable()

    def _save_delivery(self) -> None:
        mode = Delivery(str(self.delivery.currentData()))
        if mode is self.service.appointment().delivery:
            return
        try:
            self.service.set_delivery(mode)
        except UserError as error:
            self.ctx.dialogs.show_error(self, error)
            return
        self.on_change()

    def _save_online(self) -> None:
        try:
            self.service.set_online_setup(self.systest.value(), self.room.value())
        except UserError as error:
            self.ctx.dialogs.show_error(self, error)
            return
        self.on_change()

    def _save_travel(self) -> None:
        try:
            self.service.set_travel(self.travel.value(), self.buffer.value())
        except UserError as error:
            self.ctx.dialogs.show_error(self, error)
            return
        self.on_change()

    def refresh(self) -> None:
        appointment = self.service.appointment()
        online = appointment.delivery is Delivery.ONLINE
        self._show_mode_rows(online)
        rules = self.service.rules
        online_ids = {r.id for r in rules.online.rules}
        shown = (rules.online.rules if online
                 else tuple(r for r in rules.sourced if r.id not in online_ids))
        self.sources.setText(_sources_html(
            "Online (OnVUE) rules" if online else "Test center rules", shown))
        warning = self.service.att_warning()
        self.att_warning.setText(f"<p><b>⚠ {escape(warning)}</b></p>" if warning else "")
        self.att_warning.setVisible(bool(warning))
        plan = self.service.arrival()
        if plan is None:
            what = "plan when to be ready" if online else "plan your arrival"
            self.result.setText(f"<i>Set the exam date to {what}.</i>")
            self.notes.setText("")
            return
        style = self.ctx.workspace.date_style
        if online:
            how = (f"Check-in opens {plan.minutes_early} minutes before the appointment "
                   f"({escape(rules.online.rule('check-in-window').source)}, verify); "
                   f"system test {plan.travel_minutes} min + room set-up "
                   f"{plan.buffer_minutes} min before that.")
        else:
            how = (f"Arrive {plan.minutes_early} minutes early "
                   f"({escape(rules.arrival_source)}); travel {plan.travel_minutes} min + "
                   f"buffer {plan.buffer_minutes} min.")
        self.result.setText(
            f"<p style='font-size:16pt'><b>{plan.leave_label} "
            f"{escape(style.time(plan.leave_by, zone=True))}</b>"
            f" &nbsp; {plan.arrive_label} {escape(style.time(plan.arrive_by, zone=True))}</p>"
            f"<p>Exam: {escape(style.day_time(plan.starts_at, zone=True))}. {how}</p>")
        self.notes.setText("".join(f"<p>⚠ {escape(n)}</p>" for n in plan.notes))


def _sources_html(title: str, rules: tuple[SourcedRule, ...]) -> str:
    rows = "".join(
        f"<li>{escape(r.text)}<br><small>Source: {escape(r.source)}, checked {r.checked}"
        + (" — <b>verify</b>: sources disagree or are secondary" if r.verify else "")
        + "</small></li>" for r in rules)
    return f"<h3>{escape(title)} and where they come from</h3><ul>{rows}</ul>"
