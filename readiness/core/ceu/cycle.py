"""The recertification cycle and progress through it (pure: dates in, figures out)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from readiness.core.ceu.rules import CeuRule
from readiness.core.errors import UserError
from readiness.core.when import DEFAULT_STYLE, DateStyle

CATEGORIES: dict[str, str] = {
    "coding-self-review": "Annual coding self-review",
    "coding": "Coding (other)",
    "hiim": "Other HIIM domain",
    "other": "Other relevant topic",
}
CODING = ("coding-self-review", "coding")
HIIM = ("coding-self-review", "coding", "hiim")
MAX_HOURS = 100.0  # CEUs one activity may claim (a semester course); more is a typo
REMIND_DAYS = 180  # the reminder starts six months before the cycle ends


@dataclass(frozen=True)
class Cycle:
    passed_on: date
    ends_on: date

    def contains(self, day: date) -> bool:
        return self.passed_on <= day <= self.ends_on


def cycle_for(passed_on: date, years: int = 2) -> Cycle:
    """The first cycle: ``years`` beginning on the day the exam was passed (AHIMA), so
    it ends the day before the same date ``years`` later (29 February → 28th)."""
    try:
        anniversary = passed_on.replace(year=passed_on.year + years)
    except ValueError:
        anniversary = date(passed_on.year + years, 3, 1)
    return Cycle(passed_on, anniversary - timedelta(days=1))


@dataclass(frozen=True)
class Activity:
    id: int
    done_on: date
    provider: str
    title: str
    hours: float
    category: str
    certificate: str | None = None  # file name in the data folder's certificates/


@dataclass(frozen=True)
class CeuProgress:
    rule: CeuRule
    cycle: Cycle
    total: float
    coding: float
    hiim: float
    self_reviews: int
    days_left: int
    counted: int  # activities inside the cycle

    @property
    def total_missing(self) -> float:
        return max(0.0, self.rule.required_total - self.total)

    @property
    def coding_missing(self) -> float:
        return max(0.0, self.rule.coding_minimum - self.coding)

    @property
    def hiim_missing(self) -> float:
        return max(0.0, self.rule.hiim_share * self.rule.required_total - self.hiim)

    @property
    def self_reviews_missing(self) -> int:
        return max(0, self.rule.self_reviews - self.self_reviews)

    @property
    def met(self) -> bool:
        return not (self.total_missing or self.coding_missing or self.hiim_missing
                    or self.self_reviews_missing)

    def reminder(self, style: DateStyle = DEFAULT_STYLE) -> str | None:
        """A deadline reminder once the end is near (or past) and the rule is not met."""
        if self.met:
            return None
        end = style.date(self.cycle.ends_on, weekday=False)
        needs = self.needs()
        if self.days_left < 0:
            return f"Your recertification cycle ended on {end} with {needs} still missing."
        if self.days_left <= REMIND_DAYS:
            return f"{self.days_left} days left in your cycle (ends {end}): {needs} still needed."
        return None

    def needs(self) -> str:
        parts = []
        if self.total_missing:
            parts.append(f"{self.total_missing:g} CEUs")
        if self.coding_missing:
            parts.append(f"{self.coding_missing:g} in coding")
        if self.self_reviews_missing:
            parts.append(f"{self.self_reviews_missing} annual coding self-review"
                         f"{'s' if self.self_reviews_missing != 1 else ''}")
        if self.hiim_missing:
            parts.append(f"{self.hiim_missing:g} in the HIIM domains")
        return ", ".join(parts) if parts else "nothing"


def progress(rule: CeuRule, cycle: Cycle, activities: Iterable[Activity],
             today: date) -> CeuProgress:
    inside = [a for a in activities if cycle.contains(a.done_on)]
    return CeuProgress(
        rule=rule, cycle=cycle,
        total=sum(a.hours for a in inside),
        coding=sum(a.hours for a in inside if a.category in CODING),
        hiim=sum(a.hours for a in inside if a.category in HIIM),
        self_reviews=sum(1 for a in inside if a.category == "coding-self-review"),
        days_left=(cycle.ends_on - today).days, counted=len(inside),
    )


def check_activity(cycle: Cycle, done_on: date, provider: str, title: str, hours: float,
                   category: str, today: date, style: DateStyle = DEFAULT_STYLE) -> None:
    """Refuse an entry that cannot count, naming the field and why; changes nothing."""
    def day(d: date) -> str:
        return style.date(d, weekday=False)

    if not provider.strip():
        raise UserError("say who gave the activity (e.g. AHIMA, a state association)",
                        where="Provider")
    if not title.strip():
        raise UserError("give the title of the course, webinar or self-review",
                        where="Activity")
    if not 0 < hours <= MAX_HOURS:
        raise UserError(f"enter more than 0 and at most {MAX_HOURS:g}, not {hours:g}",
                        where="CEUs")
    if category not in CATEGORIES:
        raise UserError(f"{category!r} is not one of {', '.join(CATEGORIES)}", where="Category")
    if done_on > today:
        raise UserError(f"{day(done_on)} is in the future; log an activity once it is done",
                        where="Date")
    if not cycle.contains(done_on):
        raise UserError(f"{day(done_on)} is outside your cycle ({day(cycle.passed_on)} "
                        f"to {day(cycle.ends_on)}), so it does not count toward it",
                        where="Date")


def to_csv(activities: Iterable[Activity]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "provider", "activity", "ceus", "category", "certificate"])
    for a in sorted(activities, key=lambda a: (a.done_on, a.id)):
        writer.writerow([a.done_on.isoformat(), a.provider, a.title, f"{a.hours:g}",
                         CATEGORIES.get(a.category, a.category), a.certificate or ""])
    return out.getvalue()
