"""Plan generation and re-planning: pure functions from set-up and shares to sessions.

Rules (each one has a property test in tests/core/planner):

* a day never gets more than the candidate's available minutes on it;
* nothing is planned on or after the exam date (``setup.end``), nor on blackouts;
* every available slot is used: planned minutes add up to the effective
  capacity (availability, lighter in the final week), whole slots only;
* study time goes to the blueprint domains in proportion to ``shares``
  (weight × need) and every domain gets some time when there is room;
* full mock exams about six, three and one week before the exam, on a day
  with room for the whole mock, never the day before the exam;
* re-planning keeps done and skipped sessions and the past untouched, and
  spreads the missed study of past days over the remaining days.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from readiness.core.planner.models import (
    SLOT_MINUTES,
    Plan,
    PlanSetup,
    Session,
    SessionKind,
    SessionStatus,
)

MOCK_WEEKS_BEFORE = (6, 3, 1)
MOCK_SEARCH_DAYS = 3  # look this many days either side of the ideal mock date
MOCK_MIN_GAP_DAYS = 5
FINAL_WEEK_DAYS = 7
FINAL_WEEK_FACTOR = 0.6  # the last week is lighter: consolidate, rest, don't cram
EVE_FACTOR = 0.5  # the day before the exam: a short review at most
MAX_BLOCK_SLOTS = 6  # 90 minutes on one domain before switching


def lightening(setup: PlanSetup, day: date) -> float:
    days_left = (setup.end - day).days
    if days_left == 1:
        return EVE_FACTOR
    if days_left <= FINAL_WEEK_DAYS:
        return FINAL_WEEK_FACTOR
    return 1.0


def _slots(minutes: float) -> int:
    return max(0, math.floor(minutes / SLOT_MINUTES + 1e-9))


def study_capacity(setup: PlanSetup, day: date, used: int = 0) -> int:
    """Study minutes to plan on ``day`` after ``used`` minutes already taken
    (a mock, done or skipped work): what is left, lightened near the exam."""
    free = max(0, setup.available_minutes(day) - used)
    return _slots(free * lightening(setup, day)) * SLOT_MINUTES


def allocate(total_slots: int, weights: Mapping[str, float]) -> dict[str, int]:
    """Split ``total_slots`` over the domains in proportion to ``weights``
    (largest remainder), giving every domain at least one slot when there are
    enough slots to go round."""
    domains = list(weights)
    if not domains or total_slots <= 0:
        return dict.fromkeys(domains, 0)
    positive = {d: max(0.0, float(w)) for d, w in weights.items()}
    if sum(positive.values()) <= 0:
        positive = dict.fromkeys(domains, 1.0)
    base = dict.fromkeys(domains, 0)
    rest = total_slots
    if total_slots >= len(domains):
        base = dict.fromkeys(domains, 1)
        rest -= len(domains)
    weight_sum = sum(positive.values())
    quotas = {d: rest * positive[d] / weight_sum for d in domains}
    out = {d: base[d] + math.floor(quotas[d]) for d in domains}
    leftover = total_slots - sum(out.values())
    order = sorted(domains, key=lambda d: (-(quotas[d] - math.floor(quotas[d])), domains.index(d)))
    for d in order[:leftover]:
        out[d] += 1
    return out


@dataclass
class _Day:
    day: date
    slots: int  # study slots to fill
    taken: set[str]  # domains that already have a session (kept) that day


def _fill(days: Sequence[_Day], targets: Mapping[str, int], order: Sequence[str]) -> list[Session]:
    """Assign ``targets`` (slots per domain; they add up to the days' slots) to
    the days, keeping each domain's progress close to its even pace."""
    total = sum(d.slots for d in days)
    remaining = dict(targets)
    assigned = dict.fromkeys(targets, 0)
    sessions: list[Session] = []
    elapsed = 0
    for day in days:
        elapsed += day.slots
        left = day.slots
        blocks: dict[str, int] = {}
        while left > 0:
            candidates = [d for d in order if remaining.get(d, 0) > 0]
            if not candidates:  # pragma: no cover - sums are equal by construction
                break
            fresh = [d for d in candidates if d not in blocks and d not in day.taken]
            pool = fresh or candidates
            pace = elapsed / total
            best = max(
                pool, key=lambda d: (targets[d] * pace - assigned[d], -order.index(d))
            )
            block = min(remaining[best], left, MAX_BLOCK_SLOTS)
            blocks[best] = blocks.get(best, 0) + block
            remaining[best] -= block
            assigned[best] += block
            left -= block
        for position, (domain, slots) in enumerate(blocks.items()):
            sessions.append(
                Session(day.day, SessionKind.STUDY, domain, slots * SLOT_MINUTES, position=position)
            )
    return sessions


def _choose_mocks(
    setup: PlanSetup,
    first_day: date,
    busy: Mapping[date, int],
    done_mocks: Iterable[date],
    notes: list[str],
) -> list[date]:
    chosen: list[date] = []
    existing = list(done_mocks)
    last_allowed = setup.end - timedelta(days=2)  # never the day before the exam
    for weeks in MOCK_WEEKS_BEFORE:
        target = setup.end - timedelta(weeks=weeks)
        if any(abs((m - target).days) <= MOCK_SEARCH_DAYS + 1 for m in existing):
            continue
        if target + timedelta(days=MOCK_SEARCH_DAYS) < setup.start:
            notes.append(
                f"The plan starts less than {weeks} weeks before the exam, "
                f"so the {weeks}-week full mock exam is left out."
            )
            continue
        if target + timedelta(days=MOCK_SEARCH_DAYS) < first_day:
            # Its window has passed without a mock: offer the first free day instead.
            candidates = [first_day + timedelta(days=i) for i in range(14)]
        else:
            candidates = sorted(
                (
                    target + timedelta(days=off)
                    for off in range(-MOCK_SEARCH_DAYS, MOCK_SEARCH_DAYS + 1)
                ),
                key=lambda d: (abs((d - target).days), d > target),
            )
        found = None
        for day in candidates:
            if not first_day <= day <= last_allowed:
                continue
            if setup.available_minutes(day) - busy.get(day, 0) < setup.mock_minutes:
                continue
            if any(abs((day - m).days) < MOCK_MIN_GAP_DAYS for m in chosen + existing):
                continue
            found = day
            break
        if found is None:
            notes.append(
                f"No day near {target:%b %d} has {setup.mock_minutes // 60} free hours for the "
                f"{weeks}-week full mock exam; add time on a day that week to fit it."
            )
        else:
            chosen.append(found)
    return chosen


def _build(
    setup: PlanSetup,
    first_day: date,
    weights: Mapping[str, float],
    kept: Sequence[Session],
    with_mocks: bool,
    extra_slots: Mapping[str, int] | None = None,
) -> Plan:
    notes: list[str] = []
    domains = list(weights)
    busy: dict[date, int] = {}
    taken: dict[date, set[str]] = {}
    for s in kept:
        if s.day >= first_day:
            busy[s.day] = busy.get(s.day, 0) + s.minutes
            if s.domain:
                taken.setdefault(s.day, set()).add(s.domain)
    done_mocks = [s.day for s in kept if s.kind is SessionKind.MOCK and s.done]
    kept_mock_days = {s.day for s in kept if s.kind is SessionKind.MOCK}
    mocks: list[Session] = []
    if with_mocks:
        for day in _choose_mocks(setup, first_day, busy, done_mocks, notes):
            if day in kept_mock_days:  # pragma: no cover - busy keeps such days full
                continue
            mocks.append(Session(day, SessionKind.MOCK, None, setup.mock_minutes, position=0))
            busy[day] = busy.get(day, 0) + setup.mock_minutes
    days = [
        _Day(
            day,
            study_capacity(setup, day, busy.get(day, 0)) // SLOT_MINUTES,
            taken.get(day, set()),
        )
        for day in setup.days()
        if day >= first_day
    ]
    days = [d for d in days if d.slots > 0]
    total = sum(d.slots for d in days)
    if extra_slots:
        # Missed work goes on top of the normal share, then everything is scaled to fit.
        mixed = {d: weights[d] * total + extra_slots.get(d, 0) for d in domains}
        targets = allocate(total, mixed)
    else:
        targets = allocate(total, weights)
    if 0 < total < len(domains):
        notes.append("There is not enough time before the exam to study every domain.")
    study = _fill(days, targets, domains)
    # Mocks come first on their day; study positions follow.
    positions: dict[date, int] = {}
    for s in kept:
        positions[s.day] = max(positions.get(s.day, 0), s.position + 1)
    used_ids = {s.id for s in kept}
    placed: list[Session] = []
    for s in sorted(mocks + study, key=lambda s: (s.day, s.kind is SessionKind.STUDY, s.position)):
        pos = positions.get(s.day, 0)
        positions[s.day] = pos + 1
        new = Session(s.day, s.kind, s.domain, s.minutes, s.status, pos)
        while new.id in used_ids:  # a kept block of that domain is already on that day
            new = Session(new.day, new.kind, new.domain, new.minutes, new.status, pos,
                          new.part + 1)
        used_ids.add(new.id)
        placed.append(new)
    sessions = sorted([*kept, *placed], key=lambda s: (s.day, s.position))
    return Plan(tuple(sessions), tuple(notes))


def generate_plan(setup: PlanSetup, shares: Mapping[str, float], *, mocks: bool = True) -> Plan:
    """A fresh plan from ``setup.start`` to the day before ``setup.end``.
    ``shares`` maps each blueprint domain (in blueprint order) to its
    weight × need share."""
    return _build(setup, setup.start, shares, (), mocks)


def missed_minutes(plan: Plan, today: date) -> dict[str, int]:
    """Study minutes planned before ``today`` (or skipped today) that were not done."""
    out: dict[str, int] = {}
    for s in plan.sessions:
        if s.kind is not SessionKind.STUDY or s.domain is None or s.done:
            continue
        if s.day < today or s.skipped:
            out[s.domain] = out.get(s.domain, 0) + s.minutes
    return out


def replan(
    setup: PlanSetup, previous: Plan, shares: Mapping[str, float], today: date
) -> Plan:
    """Plan again from ``today``: everything before today, and every session
    marked done or skipped, stays as it is; planned-but-not-done work on past
    days (and work skipped today) is spread over the days left, on top of
    the normal weight × need share, within availability."""
    kept = [
        s for s in previous.sessions
        if s.day < today or s.status is not SessionStatus.PLANNED
    ]
    kept = [s for s in kept if s.day < setup.end]
    first_day = max(today, setup.start)
    missed = missed_minutes(previous, today)
    extra = {d: m // SLOT_MINUTES for d, m in missed.items() if d in shares}
    return _build(setup, first_day, shares, kept, True, extra)
