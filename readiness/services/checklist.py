"""The exam-day checklist as the UI (and the dashboard, and the planner's .ics
export) sees it: named methods returning plain dataclasses.

Every change is one transaction, committed before the method returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo

from readiness.core.appointment import ATT_WINDOW_DAYS, Delivery, ExamAppointment
from readiness.core.checklist.arrival import ArrivalPlan, plan_arrival, plan_ready
from readiness.core.checklist.due import due_at
from readiness.core.checklist.findings import (
    NO_PROBLEMS,
    Finding,
    attach,
    bring_findings,
    edition_findings,
    name_findings,
)
from readiness.core.checklist.items import (
    CalendarEvent,
    ChecklistItem,
    ChecklistView,
    build_view,
    clean_text,
    due_to_notify,
    final_week_events,
    reordered,
)
from readiness.core.checklist.names import NameCheck, compare_names
from readiness.core.checklist.reminders import NightHours, Reminder, next_reminder
from readiness.core.checklist.rules import (
    Book,
    ChecklistRules,
    EditionCheck,
    check_edition,
    shipped_rules,
)
from readiness.core.checklist.template import ChecklistTemplate, shipped_template
from readiness.core.clock import Clock
from readiness.core.errors import InvalidInput
from readiness.core.when import DEFAULT_STYLE, DateStyle
from readiness.services.appointment import AppointmentService
from readiness.storage.checklist import ChecklistRepository

DEFAULT_TRAVEL_MINUTES = 30
DEFAULT_BUFFER_MINUTES = 15
ATT_ROLE = "att"
NAME_ROLES = ((ATT_ROLE, "Authorization to Test (ATT)"), ("primary-id", "Primary ID"),
              ("secondary-id", "Secondary ID"))
MIN_EDITION, MAX_EDITION = 2000, 2100


@dataclass(frozen=True)
class Travel:
    travel_minutes: int
    buffer_minutes: int


@dataclass(frozen=True)
class OnlineSetup:
    systest_minutes: int
    room_minutes: int


@dataclass(frozen=True)
class NameEntry:
    role: str
    label: str
    name: str
    check: NameCheck | None  # None for the ATT itself, or when either name is empty


@dataclass(frozen=True)
class BookEntry:
    book: Book
    year: int | None
    inspected: bool
    check: EditionCheck


@dataclass(frozen=True)
class ExamCard:
    """What the printed one-page exam-day card shows."""

    title: str
    exam_when: str
    leave_by: str
    arrive_by: str
    center_name: str
    center_address: str
    bring: tuple[str, ...]
    open_items: tuple[str, ...]
    notes: tuple[str, ...]
    book_rules: tuple[str, ...]
    problems: tuple[str, ...] = ()  # open findings, each with its advice
    no_problems: str = NO_PROBLEMS
    leave_label: str = "Leave by"
    arrive_label: str = "Arrive by"
    where_title: str = "Where"
    bring_title: str = "What to bring"
    mode_rules: tuple[str, ...] = ()  # online: the OnVUE rules worth having on paper


class ChecklistService:
    def __init__(self, repo: ChecklistRepository, appointments: AppointmentService, clock: Clock,
                 template: ChecklistTemplate | None = None,
                 rules: ChecklistRules | None = None,
                 style: Callable[[], DateStyle] = lambda: DEFAULT_STYLE) -> None:
        self._repo = repo
        self._style = style
        self._appointments = appointments
        self._clock = clock
        self.template = template or shipped_template()
        self.rules = rules or shipped_rules()

    # -- appointment and arrival -------------------------------------------------
    def appointment(self) -> ExamAppointment:
        return self._appointments.get()

    def save_appointment(self, appointment: ExamAppointment) -> None:
        self._appointments.save(appointment)

    def travel(self) -> Travel:
        stored = self._repo.travel()
        if stored is None:
            return Travel(DEFAULT_TRAVEL_MINUTES, DEFAULT_BUFFER_MINUTES)
        return Travel(*stored)

    def set_travel(self, travel_minutes: int, buffer_minutes: int) -> None:
        # Validate with the planner's own limits before anything is written.
        plan_arrival(ExamAppointment(), travel_minutes, buffer_minutes, 0)
        self._repo.set_travel(travel_minutes, buffer_minutes)

    def online_setup(self) -> OnlineSetup:
        stored = self._repo.online_setup()
        if stored is None:
            return OnlineSetup(self.rules.online.systest_minutes, self.rules.online.room_minutes)
        return OnlineSetup(*stored)

    def set_online_setup(self, systest_minutes: int, room_minutes: int) -> None:
        plan_ready(ExamAppointment(), systest_minutes, room_minutes, 0)  # validates first
        travel = self.travel()
        self._repo.set_online_setup(systest_minutes, room_minutes,
                                    (travel.travel_minutes, travel.buffer_minutes))

    def set_delivery(self, delivery: Delivery) -> None:
        """Switch test center / online.  Checks are kept: shared items keep their ids,
        and the other mode's items keep their state for a switch back."""
        self.save_appointment(replace(self.appointment(), delivery=delivery))

    def arrival(self) -> ArrivalPlan | None:
        """Leave-by / arrive-by (center) or set-up / ready-by (online); None until a date
        is set."""
        appointment = self.appointment()
        if appointment.delivery is Delivery.ONLINE:
            setup = self.online_setup()
            return plan_ready(appointment, setup.systest_minutes, setup.room_minutes,
                              self.rules.online.check_in_minutes, self._style())
        travel = self.travel()
        return plan_arrival(appointment, travel.travel_minutes, travel.buffer_minutes,
                            self.rules.minutes_early, style=self._style())

    def mode_template(self) -> ChecklistTemplate:
        return self.template.for_mode(self.appointment().delivery.value)

    def att_warning(self) -> str | None:
        """A problem with the Authorization to Test window, if there is one."""
        appointment = self.appointment()
        deadline = appointment.att_deadline()
        if deadline is None:
            return None
        if appointment.exam_date is not None and appointment.exam_date > deadline:
            return (f"Your exam date is after your Authorization to Test expires on "
                    f"{self._style().date(deadline)} ({ATT_WINDOW_DAYS} days after it was issued). "
                    "Move the appointment inside the window or contact AHIMA.")
        today = self._clock.now().astimezone(appointment.zone()).date()
        if appointment.exam_date is None and today > deadline:
            return (f"Your Authorization to Test expired on {self._style().date(deadline)}: "
                    "contact "
                    "AHIMA before scheduling.")
        if appointment.exam_date is None and (deadline - today).days <= 30:
            return (f"Your Authorization to Test expires on {self._style().date(deadline)}: "
                    "schedule "
                    "the exam soon.")
        return None

    # -- items -------------------------------------------------------------------
    def _plain_view(self) -> ChecklistView:
        appointment = self.appointment()
        plan = self.arrival()
        template = self.mode_template()
        due = {g.key: due_at(g.due, appointment, plan) for g in template.groups}
        return build_view(template, self._repo.states(), due)

    def view(self) -> ChecklistView:
        plain = self._plain_view()
        return attach(plain, self._findings(plain))

    def _findings(self, plain: ChecklistView) -> list[Finding]:
        names = [(e.label, e.check) for e in self.name_entries()]
        return [*name_findings(names), *edition_findings(e.check for e in self.book_entries()),
                *bring_findings(plain)]

    def findings(self) -> list[Finding]:
        """Open problems from the name check, the code book check and "what to bring",
        names first, then books, then what to bring.  A hidden item does not hide its
        problem: a name that does not match the ATT still does."""
        order = {"name": 0, "edition": 1, "bring": 2}
        return sorted(self._findings(self._plain_view()), key=lambda f: order.get(f.kind, 3))

    def _known(self, item_id: str) -> ChecklistItem:
        try:
            return self.view().item(item_id)
        except KeyError:
            raise InvalidInput(f"no checklist item {item_id!r}", where="checklist") from None

    def set_checked(self, item_id: str, checked: bool) -> None:
        self._known(item_id)
        self._repo.set_checked(item_id, self._clock.now() if checked else None)

    def edit(self, item_id: str, text: str, why: str = "") -> None:
        item = self._known(item_id)
        new_text = clean_text(text)
        new_why = " ".join(why.split())
        if item.custom:
            self._repo.set_text(item_id, new_text, new_why)
            return
        template = self.mode_template().item(item_id)
        self._repo.set_text(item_id, None if new_text == template.text else new_text,
                            None if new_why in ("", template.why) else new_why)

    def reset_text(self, item_id: str) -> None:
        if not self._known(item_id).custom:
            self._repo.set_text(item_id, None, None)

    def add(self, group: str, text: str, why: str = "") -> str:
        if group not in self.mode_template().group_keys:
            raise InvalidInput(f"unknown group {group!r}", where="new item")
        # No position: a new item goes after everything already in its group.
        return self._repo.add_custom(group, clean_text(text, "new item"), " ".join(why.split()))

    def set_hidden(self, item_id: str, hidden: bool) -> None:
        self._known(item_id)
        self._repo.set_hidden(item_id, hidden)

    def remove_custom(self, item_id: str) -> None:
        if not self._known(item_id).custom:
            raise InvalidInput("only items you added can be deleted; hide this one instead",
                               where="checklist")
        self._repo.delete_custom(item_id)

    def move(self, item_id: str, delta: int) -> None:
        """Move an item up (negative) or down within its group, among visible items."""
        view = self.view()
        item = self._known(item_id)
        group = next(g for g in view.groups if g.key == item.group)
        ids = [i.id for i in group.items]
        if item_id not in ids:
            return
        self._repo.set_positions(reordered(ids, item_id, delta))

    # -- names and books ------------------------------------------------------------
    def name_entries(self) -> list[NameEntry]:
        stored = self._repo.names()
        att = stored.get(ATT_ROLE, "")
        entries = []
        for role, label in NAME_ROLES:
            name = stored.get(role, "")
            check = (compare_names(att, name)
                     if role != ATT_ROLE and att.strip() and name.strip() else None)
            entries.append(NameEntry(role, label, name, check))
        return entries

    def set_name(self, role: str, name: str) -> None:
        if role not in dict(NAME_ROLES):
            raise InvalidInput(f"unknown name field {role!r}", where="name check")
        if len(name) > 200:
            raise InvalidInput("is too long", where="name")
        self._repo.set_name(role, name)

    def book_entries(self) -> list[BookEntry]:
        stored = self._repo.books()
        exam_date = self.appointment().exam_date
        entries = []
        for book in self.rules.edition.books:
            record = stored.get(book.id)
            year = record.edition_year if record else None
            entries.append(BookEntry(book, year, bool(record and record.inspected),
                                     check_edition(self.rules.edition, book, year, exam_date,
                                                   self._style().date)))
        return entries

    def set_book(self, book_id: str, year: int | None, inspected: bool) -> None:
        try:
            self.rules.edition.book(book_id)
        except KeyError:
            raise InvalidInput(f"unknown book {book_id!r}", where="code books") from None
        if year is not None and not MIN_EDITION <= year <= MAX_EDITION:
            raise InvalidInput(f"must be a year from {MIN_EDITION} to {MAX_EDITION}",
                               where="edition year")
        self._repo.set_book(book_id, year, inspected)

    # -- reminders and calendar ------------------------------------------------------
    def next_reminder(self, night: NightHours, zone: tzinfo | None = None) -> Reminder | None:
        """The one grouped reminder to show now (None at night or when nothing is due);
        ``zone`` is the candidate's (None: the computer's)."""
        return next_reminder(self.view(), self._clock.now(), self._repo.notified(), night,
                             zone)

    def due_notifications(self) -> list[ChecklistItem]:
        """Open items that have come due and were not announced yet (for that due time)."""
        return due_to_notify(self.view(), self._clock.now(), self._repo.notified())

    def mark_notified(self, items: list[ChecklistItem]) -> None:
        self._repo.mark_notified([(i.id, i.due) for i in items if i.due is not None])

    def ics_events(self, alarm: timedelta = timedelta(minutes=30)) -> list[CalendarEvent]:
        """Open final-week items as (uid, title, start, alarm) for the planner's .ics export."""
        plan = self.arrival()
        return final_week_events(self.view(), plan.starts_at if plan else None, alarm)

    # -- printed card ------------------------------------------------------------------
    def card(self) -> ExamCard:
        appointment = self.appointment()
        plan = self.arrival()
        view = self.view()
        style = self._style()
        online = appointment.delivery is Delivery.ONLINE
        bring = tuple(dict.fromkeys(i.bring for i in view.visible_items() if i.bring))
        problems = tuple(f.line() for f in self.findings())
        online_rules = tuple(f"{r.text}" + (" (verify)" if r.verify else "")
                             for r in self.rules.online.rules
                             if r.id in ("check-in-window", "phone", "room", "desk"))
        return ExamCard(
            title="CCS exam day" + (" (online, OnVUE)" if online else ""),
            exam_when=style.day_time(plan.starts_at, zone=True) if plan else "Exam date not set",
            leave_by=style.time(plan.leave_by, zone=True) if plan else "not planned",
            arrive_by=style.time(plan.arrive_by, zone=True) if plan else "not planned",
            center_name="Online with OnVUE at home" if online else appointment.center_name,
            center_address="" if online else appointment.center_address,
            bring=bring,
            open_items=tuple(i.text for i in view.open_items()),
            notes=(*(plan.notes if plan else ()),
                   *((warning,) if (warning := self.att_warning()) else ())),
            book_rules=self.rules.book_rules,
            problems=problems,
            leave_label=plan.leave_label if plan else "Leave by",
            arrive_label=plan.arrive_label if plan else "Arrive by",
            where_title="How" if online else "Where",
            bring_title="On the desk and at hand" if online else "What to bring",
            mode_rules=online_rules if online else (),
        )

    def now(self) -> datetime:
        return self._clock.now()
