"""Exam-day rules kept as data with their source (``readiness/resources/checklists/rules.json``).

The code-book edition rule: an exam delivered on or after the cut-over day
(May 1) of a year needs that year's books; one delivered earlier needs the
previous year's.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from readiness.core.checklist.template import read_json
from readiness.core.errors import UserError

RULES_FORMAT = "ccs-readiness-checklist-rules"


@dataclass(frozen=True)
class Book:
    id: str
    name: str


@dataclass(frozen=True)
class EditionRule:
    cutover_month: int
    cutover_day: int
    rule: str
    source: str
    url: str
    books: tuple[Book, ...]

    def required_year(self, exam_date: date) -> int:
        """Edition year of the code books required for an exam on ``exam_date``."""
        cutover = (self.cutover_month, self.cutover_day)
        return exam_date.year if (exam_date.month, exam_date.day) >= cutover else exam_date.year - 1

    def book(self, book_id: str) -> Book:
        for book in self.books:
            if book.id == book_id:
                return book
        raise KeyError(book_id)


class EditionStatus(enum.Enum):
    OK = "ok"
    OLDER = "older"
    NEWER = "newer"
    UNKNOWN = "unknown"  # no edition year entered
    NO_EXAM_DATE = "no-exam-date"


@dataclass(frozen=True)
class EditionCheck:
    book: Book
    year: int | None
    required: int | None
    status: EditionStatus
    message: str


def check_edition(rule: EditionRule, book: Book, year: int | None, exam_date: date | None,
                  fmt_date: Callable[[date], str] = date.isoformat) -> EditionCheck:
    """``fmt_date`` writes the exam date in the app's date style."""
    if exam_date is None:
        return EditionCheck(book, year, None, EditionStatus.NO_EXAM_DATE,
                            "Enter the exam date to see which edition is required.")
    required = rule.required_year(exam_date)
    if year is None:
        return EditionCheck(book, None, required, EditionStatus.UNKNOWN,
                            f"Enter the edition year printed on your {book.name} book; "
                            f"the exam on {fmt_date(exam_date)} needs the {required} edition.")
    if year == required:
        return EditionCheck(book, year, required, EditionStatus.OK,
                            f"{year} is the edition required for your exam date.")
    if year < required:
        return EditionCheck(book, year, required, EditionStatus.OLDER,
                            f"{year} is too old: the exam on {fmt_date(exam_date)} needs the "
                            f"{required} edition. Get the {required} book before exam day.")
    return EditionCheck(book, year, required, EditionStatus.NEWER,
                        f"{year} is newer than the required {required} edition. The rule names "
                        f"the {required} books; check with AHIMA before relying on a newer one.")


@dataclass(frozen=True)
class SourcedRule:
    """One rule with where it comes from; ``verify`` when sources disagree or are secondary."""

    id: str
    text: str
    source: str
    url: str
    checked: str  # the date the source was last read, ISO (2026-12-01)
    verify: bool


@dataclass(frozen=True)
class OnlineRules:
    """OnVUE delivery: the check-in window and default set-up times for "be ready by"."""

    check_in_minutes: int  # check-in opens this long before the appointment
    late_minutes: int  # and closes this long after it
    systest_minutes: int
    room_minutes: int
    rules: tuple[SourcedRule, ...]

    def rule(self, rule_id: str) -> SourcedRule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


@dataclass(frozen=True)
class ChecklistRules:
    edition: EditionRule
    book_rules: tuple[str, ...]
    book_rules_source: str
    book_rules_url: str
    minutes_early: int
    arrival_source: str
    session_minutes: int
    session_source: str
    id_rule: str
    id_source: str
    checked: str
    note: str
    online: OnlineRules
    sourced: tuple[SourcedRule, ...] = ()  # every rule in the file, for the sources list


def _sourced(rule_id: str, raw: dict[str, object], text_key: str, where: str) -> SourcedRule:
    rule = SourcedRule(
        id=rule_id, text=str(raw[text_key]), source=str(raw["source"]),
        url=str(raw.get("url", "")), checked=str(raw["checked"]),
        verify=bool(raw.get("verify", False)))
    if not rule.source.strip():
        raise UserError(f"rule {rule_id!r} needs a source", where=where)
    try:
        date.fromisoformat(rule.checked)
    except ValueError:
        raise UserError(f"rule {rule_id!r}: checked must be a date like 2026-12-01, "
                        f"got {rule.checked!r}", where=where) from None
    if not isinstance(raw.get("verify", False), bool):
        raise UserError(f"rule {rule_id!r}: verify must be true or false", where=where)
    return rule


def _parse_online(raw: dict[str, object], where: str) -> OnlineRules:
    rules = raw["rules"]
    if not isinstance(rules, list) or not rules:
        raise UserError("online.rules must be a non-empty list", where=where)
    parsed = tuple(_sourced(str(r["id"]), r, "text", where) for r in rules)
    if len({r.id for r in parsed}) != len(parsed):
        raise UserError("online.rules ids must be distinct", where=where)
    online = OnlineRules(
        check_in_minutes=int(str(raw["check_in_minutes"])),
        late_minutes=int(str(raw["late_minutes"])),
        systest_minutes=int(str(raw["systest_minutes"])),
        room_minutes=int(str(raw["room_minutes"])), rules=parsed)
    if not 0 <= online.check_in_minutes <= 240:
        raise UserError("online.check_in_minutes must be 0-240", where=where)
    return online


def parse_rules(data: object, where: str = "checklist rules") -> ChecklistRules:
    if not isinstance(data, dict) or data.get("format") != RULES_FORMAT:
        raise UserError(f"not a rules file (format must be {RULES_FORMAT!r})", where=where)
    try:
        ed = data["code_book_edition"]
        edition = EditionRule(
            cutover_month=int(ed["cutover_month"]), cutover_day=int(ed["cutover_day"]),
            rule=str(ed["rule"]), source=str(ed["source"]), url=str(ed.get("url", "")),
            books=tuple(Book(str(b["id"]), str(b["name"])) for b in ed["books"]),
        )
        date(2001, edition.cutover_month, edition.cutover_day)  # validates month/day
        books = data["book_rules"]
        rules = ChecklistRules(
            edition=edition,
            book_rules=tuple(str(r) for r in books["rules"]),
            book_rules_source=str(books["source"]), book_rules_url=str(books.get("url", "")),
            minutes_early=int(data["arrival"]["minutes_early"]),
            arrival_source=str(data["arrival"]["source"]),
            session_minutes=int(data["session"]["minutes"]),
            session_source=str(data["session"]["source"]),
            id_rule=str(data["ids"]["rule"]), id_source=str(data["ids"]["source"]),
            checked=str(data.get("checked", "")), note=str(data.get("note", "")),
            online=_parse_online(data["online"], where),
        )
        sourced = (
            _sourced("code-book-edition", ed, "rule", where),
            _sourced("book-rules", {**books, "text": " ".join(rules.book_rules)}, "text", where),
            _sourced("arrival", {**data["arrival"], "text": (
                f"Arrive at least {rules.minutes_early} minutes before the appointment "
                "(test center).")}, "text", where),
            _sourced("session", {**data["session"], "text": (
                f"The exam lasts {rules.session_minutes} minutes; the clock keeps running "
                "during breaks.")}, "text", where),
            _sourced("ids", data["ids"], "rule", where),
        )
        rules = replace(rules, sourced=(*sourced, *rules.online.rules))
    except KeyError as exc:
        raise UserError(f"missing field {exc.args[0]!r}", where=where) from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise UserError(f"bad value: {exc}", where=where) from None
    if not edition.books or len({b.id for b in edition.books}) != len(edition.books):
        raise UserError("code_book_edition.books must list distinct books", where=where)
    if not 0 <= rules.minutes_early <= 240:
        raise UserError("arrival.minutes_early must be 0-240", where=where)
    if not edition.source.strip():
        raise UserError("the edition rule needs a source", where=where)
    return rules


def load_rules(path: Path) -> ChecklistRules:
    return parse_rules(read_json(path), where=path.name)


def shipped_rules() -> ChecklistRules:
    from readiness.resources import resource_path

    return load_rules(resource_path("checklists", "rules.json"))
