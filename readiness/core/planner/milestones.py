"""Milestones between "I want the CCS" and exam day, with the dates that matter.

Fees and appointment rules are data (``readiness/resources/planner/rules.json``), each
with its source, the date it was checked and an ``uncertain`` flag the UI shows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Set
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from readiness.core.appointment import ExamAppointment
from readiness.core.errors import UserError
from readiness.core.planner.models import Plan

RULES_FORMAT = "ccs-readiness-planner-rules"


@dataclass(frozen=True)
class Fee:
    key: str
    title: str
    amount: float
    currency: str
    source: str
    source_text: str
    as_of: str
    uncertain: bool
    note: str = ""

    def label(self) -> str:
        if self.currency == "USD":
            amount = f"${self.amount:,.0f}"
        else:
            amount = f"{self.amount} {self.currency}"
        if self.uncertain:
            amount = f"≈{amount} ({self.note or 'verify'})"
        return f"{self.title}: {amount}"


@dataclass(frozen=True)
class AppointmentRule:
    key: str
    title: str
    business_days_before: int | None
    days_before: int | None
    hours_before: int | None
    fee: float | None
    source: str
    source_text: str
    as_of: str
    uncertain: bool
    note: str = ""


@dataclass(frozen=True)
class EditionRule:
    switch_month: int
    switch_day: int
    source: str
    source_text: str
    as_of: str
    uncertain: bool


@dataclass(frozen=True)
class PlannerRules:
    checked_on: str
    fees: tuple[Fee, ...]
    appointment_rules: tuple[AppointmentRule, ...]
    edition: EditionRule

    def fee(self, key: str) -> Fee:
        for fee in self.fees:
            if fee.key == key:
                return fee
        raise KeyError(key)

    def rule(self, key: str) -> AppointmentRule:
        for rule in self.appointment_rules:
            if rule.key == key:
                return rule
        raise KeyError(key)

    def code_book_year(self, exam_day: date) -> int:
        switch = date(exam_day.year, self.edition.switch_month, self.edition.switch_day)
        return exam_day.year if exam_day >= switch else exam_day.year - 1


def _opt_int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def parse_rules(data: object, where: str = "rules.json") -> PlannerRules:
    if not isinstance(data, dict) or data.get("format") != RULES_FORMAT:
        raise UserError(f"not a planner rules file (format must be {RULES_FORMAT!r})", where=where)
    try:
        fees = tuple(
            Fee(
                key=str(f["key"]), title=str(f["title"]), amount=float(f["amount"]),
                currency=str(f.get("currency", "USD")), source=str(f["source"]),
                source_text=str(f.get("source_text", "")), as_of=str(f["as_of"]),
                uncertain=bool(f.get("uncertain", False)), note=str(f.get("note", "")),
            )
            for f in data["fees"]
        )
        rules = tuple(
            AppointmentRule(
                key=str(r["key"]), title=str(r["title"]),
                business_days_before=_opt_int(r.get("business_days_before")),
                days_before=_opt_int(r.get("days_before")),
                hours_before=_opt_int(r.get("hours_before")),
                fee=None if r.get("fee") is None else float(r["fee"]),
                source=str(r["source"]), source_text=str(r.get("source_text", "")),
                as_of=str(r["as_of"]), uncertain=bool(r.get("uncertain", False)),
                note=str(r.get("note", "")),
            )
            for r in data["appointment_rules"]
        )
        e = data["code_book_edition"]
        edition = EditionRule(
            int(e["switch_month"]), int(e["switch_day"]), str(e["source"]),
            str(e.get("source_text", "")), str(e["as_of"]), bool(e.get("uncertain", False)),
        )
    except KeyError as exc:
        raise UserError(f"missing field {exc.args[0]!r}", where=where) from None
    except (TypeError, ValueError) as exc:
        raise UserError(f"bad value: {exc}", where=where) from None
    return PlannerRules(str(data.get("checked_on", "")), fees, rules, edition)


def load_rules(path: Path) -> PlannerRules:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"cannot read the planner rules: {exc}", where=str(path)) from None
    return parse_rules(data, where=path.name)


def business_days_before(day: date, count: int) -> date:
    """The date ``count`` working days (Monday to Friday) before ``day``;
    public holidays are not known here, so the answer may be a day late."""
    current = day
    while count > 0:
        current -= timedelta(days=1)
        if current.weekday() < 5:
            count -= 1
    return current


class MilestoneKind(StrEnum):
    TASK = "task"  # something to do; can be ticked
    DEADLINE = "deadline"  # a date to know; passes by itself


@dataclass(frozen=True)
class Milestone:
    key: str
    title: str
    kind: MilestoneKind
    due: date | None
    done: bool
    automatic: bool  # done-ness comes from other data (ATT date, exam date, mock done)
    detail: str = ""
    uncertain: bool = False
    source: str = ""
    due_at: datetime | None = None  # for deadlines with a time of day

    def state(self, today: date) -> str:
        if self.kind is MilestoneKind.TASK:
            if self.done:
                return "done"
            return "overdue" if self.due is not None and self.due < today else "open"
        return "passed" if self.due is not None and self.due < today else "upcoming"


MANUAL_KEYS = ("eligibility", "application", "code-books")


def build_milestones(
    appointment: ExamAppointment,
    plan: Plan | None,
    rules: PlannerRules,
    ticked: Set[str] | Mapping[str, object],
) -> list[Milestone]:
    """All milestones in the order a candidate meets them.  ``ticked`` holds
    the keys of manual milestones the candidate marked done."""
    out: list[Milestone] = []
    member, nonmember = rules.fee("exam-member"), rules.fee("exam-nonmember")
    membership = rules.fee("membership-individual")
    saving = nonmember.amount - member.amount
    out.append(Milestone(
        "eligibility", "Eligibility confirmed", MilestoneKind.TASK, None,
        "eligibility" in ticked, False,
        "Check that your education or coding experience meets AHIMA's CCS eligibility "
        "requirements before applying.",
        source="https://www.ahima.org/certification-careers/certifications-overview/ccs/",
    ))
    out.append(Milestone(
        "application", "Application submitted and fee paid", MilestoneKind.TASK, None,
        "application" in ticked, False,
        f"{member.label()}; {nonmember.label()}; {membership.label()}. Membership saves "
        f"${saving:,.0f} on the exam, so it pays for itself only with its other benefits "
        f"(fees as of {member.as_of}).",
        uncertain=any(f.uncertain for f in (member, nonmember, membership)),
        source=member.source,
    ))
    att = appointment.att_received
    out.append(Milestone(
        "att", "Authorization to Test received", MilestoneKind.TASK, att, att is not None, True,
        "Enter the date the ATT e-mail arrived in the set-up; the 120-day window starts then.",
    ))
    deadline = appointment.att_deadline()
    scheduled_detail = (
        f"Schedule and take the exam by {deadline:%A %B %d, %Y} (120 days after the ATT)."
        if deadline else "Schedule with Pearson VUE once the ATT arrives (120-day window)."
    )
    if appointment.exam_date and deadline and appointment.exam_date > deadline:
        scheduled_detail += " Your exam date is AFTER the window closes: reschedule."
    out.append(Milestone(
        "scheduled", "Exam scheduled within the window", MilestoneKind.TASK, deadline,
        appointment.exam_date is not None
        and (deadline is None or appointment.exam_date <= deadline),
        True, scheduled_detail,
    ))
    starts = appointment.starts_at()
    if appointment.exam_date is not None and starts is not None:
        free = rules.rule("free-reschedule")
        if free.business_days_before is not None:
            out.append(Milestone(
                "free-reschedule", free.title, MilestoneKind.DEADLINE,
                business_days_before(appointment.exam_date, free.business_days_before),
                False, True,
                free.source_text + (f" ({free.note}; verify)" if free.uncertain else ""),
                free.uncertain, free.source,
            ))
        refund = rules.rule("refund-deadline")
        if refund.business_days_before is not None:
            out.append(Milestone(
                "refund-deadline", refund.title, MilestoneKind.DEADLINE,
                business_days_before(appointment.exam_date, refund.business_days_before),
                False, True, refund.source_text, refund.uncertain, refund.source,
            ))
        cutoff = rules.rule("no-changes")
        if cutoff.hours_before is not None:
            at = starts - timedelta(hours=cutoff.hours_before)
            out.append(Milestone(
                "no-changes", cutoff.title, MilestoneKind.DEADLINE, at.date(), False, True,
                cutoff.source_text, cutoff.uncertain, cutoff.source, due_at=at,
            ))
    books_due = appointment.exam_date - timedelta(days=28) if appointment.exam_date else None
    if appointment.exam_date:
        year = rules.code_book_year(appointment.exam_date)
        books = (
            f"Buy the {year} code books (ICD-10-CM, ICD-10-PCS, CPT) required for an exam "
            f"on {appointment.exam_date:%B %d, %Y} and tab them while you study."
        )
    else:
        books = "Buy the code books of the edition required for your exam date and tab them."
    out.append(Milestone(
        "code-books", "Code books of the required edition bought and tabbed", MilestoneKind.TASK,
        books_due, "code-books" in ticked, False, books, rules.edition.uncertain,
        rules.edition.source,
    ))
    mocks = plan.mocks if plan else []
    last = mocks[-1] if mocks else None
    out.append(Milestone(
        "last-mock", "Last full mock exam done", MilestoneKind.TASK,
        last.day if last else None, bool(last and last.done), True,
        "A full four-hour mock about a week before the exam, then review every miss."
        if last else "No full mock exam is in the plan yet.",
    ))
    return out


def next_milestone(milestones: list[Milestone], today: date) -> Milestone | None:
    """The first open task or upcoming deadline, soonest due date first."""
    pending = [
        m for m in milestones
        if (m.kind is MilestoneKind.TASK and not m.done)
        or (m.kind is MilestoneKind.DEADLINE and m.due is not None and m.due >= today)
    ]
    if not pending:
        return None
    undated = [m for m in pending if m.due is None]
    if undated:  # early steps (eligibility, application) come first
        return undated[0]
    return min(pending, key=lambda m: m.due or today)
