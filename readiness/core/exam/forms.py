"""Exam forms: which items a practice session shows, in which order.

A form is assembled from the bank by :func:`assemble_form` and is a pure
function of (bank, blueprint, spec): the same seed gives the same form, so an
attempt can be rebuilt and a bug report reproduced.  Multiple-choice items are
spread over the blueprint's domains by weight (largest-remainder rounding);
when a domain has too few items in the bank the shortfall is filled from the
other domains, in proportion to their weights, and a note says so.
No item appears twice in a form.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, Literal

from readiness.core.bank.models import Bank, MultipleChoiceItem, Scenario
from readiness.core.blueprint import Blueprint
from readiness.core.errors import UserError

ItemKind = Literal["single", "multiple", "scenario"]
ITEM_KINDS: tuple[ItemKind, ...] = ("single", "multiple", "scenario")


class Mode(Enum):
    FULL = "full"  # timed, exam rules: no feedback until the end, no pause
    CUSTOM = "custom"  # chosen domains, kinds, count; timed or not; optional tutor mode
    SCENARIOS = "scenarios"  # medical-record scenarios only
    RETRY = "retry"  # items missed or flagged in earlier attempts
    REVIEW = "review"  # spaced review: the items due today, most overdue first (in order)

    @property
    def title(self) -> str:
        return {
            Mode.FULL: "Full mock exam",
            Mode.CUSTOM: "Custom practice",
            Mode.SCENARIOS: "Scenarios only",
            Mode.RETRY: "Retry missed or flagged",
            Mode.REVIEW: "Spaced review (due today)",
        }[self]


@dataclass(frozen=True)
class FormSpec:
    """What the candidate asked for on the start page."""

    mode: Mode
    blueprint_id: str
    seed: int
    multiple_choice: int = 0
    scenarios: int = 0
    pretest: int = 0
    domains: tuple[str, ...] = ()  # empty = all domains of the blueprint
    kinds: tuple[ItemKind, ...] = ITEM_KINDS
    time_limit_s: float | None = None  # None = untimed
    tutor: bool = False  # show the rationale right after each answer
    refs: tuple[str, ...] = ()  # RETRY / REVIEW: the item / scenario ids, in this order
    # Study-plan tasks narrow a custom form: blueprint tasks of the items, scenario settings.
    tasks: tuple[str, ...] = ()  # empty = any task
    settings: tuple[str, ...] = ()  # empty = any setting

    @property
    def exam_rules(self) -> bool:
        """No feedback until the end and no pause: the test-center rules."""
        return self.mode is Mode.FULL

    @property
    def can_pause(self) -> bool:
        return not self.exam_rules

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode.value,
            "blueprint_id": self.blueprint_id,
            "seed": self.seed,
            "multiple_choice": self.multiple_choice,
            "scenarios": self.scenarios,
            "pretest": self.pretest,
            "domains": list(self.domains),
            "kinds": list(self.kinds),
            "time_limit_s": self.time_limit_s,
            "tutor": self.tutor,
            "refs": list(self.refs),
            "tasks": list(self.tasks),
            "settings": list(self.settings),
        }

    @staticmethod
    def from_json(data: dict[str, Any]) -> FormSpec:
        limit = data.get("time_limit_s")
        return FormSpec(
            mode=Mode(data["mode"]),
            blueprint_id=str(data["blueprint_id"]),
            seed=int(data["seed"]),
            multiple_choice=int(data.get("multiple_choice", 0)),
            scenarios=int(data.get("scenarios", 0)),
            pretest=int(data.get("pretest", 0)),
            domains=tuple(data.get("domains", ())),
            kinds=tuple(data.get("kinds", ITEM_KINDS)),
            time_limit_s=None if limit is None else float(limit),
            tutor=bool(data.get("tutor", False)),
            refs=tuple(data.get("refs", ())),
            tasks=tuple(data.get("tasks", ())),
            settings=tuple(data.get("settings", ())),
        )


def full_mock_spec(blueprint: Blueprint, seed: int) -> FormSpec:
    """The test-center form the blueprint describes."""
    return FormSpec(
        mode=Mode.FULL,
        blueprint_id=blueprint.id,
        seed=seed,
        multiple_choice=blueprint.multiple_choice.default,
        scenarios=blueprint.scenarios.default,
        pretest=blueprint.pretest_items,
        time_limit_s=blueprint.time_limit_minutes * 60.0,
    )


@dataclass(frozen=True)
class FormEntry:
    """One screen of the form: a multiple-choice item or a whole scenario."""

    ref: str  # item id or scenario id
    kind: ItemKind
    domain: str
    pretest: bool = False  # unscored; never shown as such during the attempt

    def to_json(self) -> list[Any]:
        return [self.ref, self.kind, self.domain, self.pretest]

    @staticmethod
    def from_json(data: Sequence[Any]) -> FormEntry:
        ref, kind, domain, pretest = data
        return FormEntry(str(ref), kind, str(domain), bool(pretest))


@dataclass(frozen=True)
class Form:
    spec: FormSpec
    entries: tuple[FormEntry, ...]
    notes: tuple[str, ...] = field(default=())  # shortfalls the candidate should know about

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def scored_entries(self) -> tuple[FormEntry, ...]:
        return tuple(e for e in self.entries if not e.pretest)

    def to_json(self) -> dict[str, Any]:
        return {
            "spec": self.spec.to_json(),
            "entries": [e.to_json() for e in self.entries],
            "notes": list(self.notes),
        }

    @staticmethod
    def from_json(data: dict[str, Any]) -> Form:
        return Form(
            spec=FormSpec.from_json(data["spec"]),
            entries=tuple(FormEntry.from_json(e) for e in data["entries"]),
            notes=tuple(data.get("notes", ())),
        )


def allocate(total: int, weights: dict[str, float], capacity: dict[str, int]) -> dict[str, int]:
    """Split ``total`` over domains by weight, never past a domain's capacity.

    Largest-remainder rounding; what a full domain cannot take goes to the others
    in proportion to their weights.  The result sums to min(total, sum(capacity)).
    """
    result = dict.fromkeys(weights, 0)
    remaining = min(total, sum(capacity.get(d, 0) for d in weights))
    open_domains = [d for d in weights if capacity.get(d, 0) > 0]
    while remaining > 0 and open_domains:
        weight_sum = sum(weights[d] for d in open_domains)
        if weight_sum <= 0:
            weight_sum = float(len(open_domains))
            shares = {d: remaining / weight_sum for d in open_domains}
        else:
            shares = {d: remaining * weights[d] / weight_sum for d in open_domains}
        floors = {d: int(shares[d]) for d in open_domains}
        leftover = remaining - sum(floors.values())
        # Largest remainders first; ties by weight then id, so the result is deterministic.
        order = sorted(open_domains, key=lambda d: (-(shares[d] - floors[d]), -weights[d], d))
        for d in order[:leftover]:
            floors[d] += 1
        progressed = 0
        for d in open_domains:
            room = capacity[d] - result[d]
            take = min(room, floors[d])
            result[d] += take
            progressed += take
        remaining -= progressed
        open_domains = [d for d in open_domains if result[d] < capacity[d]]
        if progressed == 0:  # pragma: no cover - shares always give someone at least one
            break
    return result


def _kind_ok(item: MultipleChoiceItem, kinds: Iterable[ItemKind]) -> bool:
    return item.kind in kinds


def assemble_form(bank: Bank, blueprint: Blueprint, spec: FormSpec) -> Form:
    """Build the form for ``spec`` from ``bank``; deterministic in ``spec.seed``."""
    rng = random.Random(spec.seed)
    domains = spec.domains or blueprint.domain_ids
    unknown = [d for d in domains if d not in blueprint.domain_ids]
    if unknown:
        raise UserError(f"unknown domain(s): {', '.join(unknown)}", where=blueprint.title)
    notes: list[str] = []

    if spec.mode in (Mode.RETRY, Mode.REVIEW):
        return _retry_form(bank, spec, rng)

    items = sorted(
        (i for i in bank.items if i.domain in domains and _kind_ok(i, spec.kinds)
         and (not spec.tasks or i.task in spec.tasks)),
        key=lambda i: i.id,
    )
    want_mc = spec.multiple_choice if spec.mode is not Mode.SCENARIOS else 0
    if want_mc and not any(k in spec.kinds for k in ("single", "multiple")):
        want_mc = 0
    by_domain: dict[str, list[MultipleChoiceItem]] = {d: [] for d in domains}
    for item in items:
        by_domain[item.domain].append(item)
    weights = {d: blueprint.domain(d).weight for d in domains}
    counts = allocate(want_mc, weights, {d: len(v) for d, v in by_domain.items()})
    chosen: list[MultipleChoiceItem] = []
    for d in domains:
        chosen.extend(rng.sample(by_domain[d], counts[d]))
    if want_mc > len(chosen):
        notes.append(
            f"The bank holds {len(chosen)} multiple-choice items for this selection; "
            f"the form has {len(chosen)} instead of {want_mc}."
        )
    else:
        expected = allocate(want_mc, weights, {d: want_mc for d in domains})
        short = [blueprint.domain(d).name for d in domains if counts[d] < expected[d]]
        if short:
            notes.append(
                "Too few items in the bank for "
                + ", ".join(short)
                + "; other domains filled the difference."
            )
    rng.shuffle(chosen)
    pretest_ids: set[str] = set()
    if spec.pretest and chosen:
        pretest_ids = {i.id for i in rng.sample(chosen, min(spec.pretest, len(chosen) // 2))}

    entries = [FormEntry(i.id, i.kind, i.domain, i.id in pretest_ids) for i in chosen]

    want_sc = spec.scenarios if "scenario" in spec.kinds else 0
    scenarios = sorted(
        (s for s in bank.scenarios
         if (s.domain in domains or spec.mode is Mode.SCENARIOS)
         and (not spec.settings or s.setting in spec.settings)),
        key=lambda s: s.id,
    )
    picked_sc = _pick_scenarios(scenarios, want_sc, rng)
    if want_sc > len(picked_sc):
        notes.append(
            f"The bank holds {len(picked_sc)} scenarios for this selection; "
            f"the form has {len(picked_sc)} instead of {want_sc}."
        )
    entries.extend(FormEntry(s.id, "scenario", s.domain) for s in picked_sc)
    if not entries:
        raise UserError(
            "the question bank has no items for this choice of domains and item types",
            where=spec.mode.title,
        )
    return Form(spec=spec, entries=tuple(entries), notes=tuple(notes))


def _pick_scenarios(scenarios: list[Scenario], want: int, rng: random.Random) -> list[Scenario]:
    """A mix of settings first (inpatient, outpatient, ...), then any; order shuffled."""
    if want <= 0:
        return []
    by_setting: dict[str, list[Scenario]] = {}
    for s in scenarios:
        by_setting.setdefault(s.setting, []).append(s)
    for group in by_setting.values():
        rng.shuffle(group)
    picked: list[Scenario] = []
    settings = sorted(by_setting)
    while len(picked) < want and any(by_setting.values()):
        for setting in settings:
            if by_setting[setting] and len(picked) < want:
                picked.append(by_setting[setting].pop())
    rng.shuffle(picked)
    return picked


def _retry_form(bank: Bank, spec: FormSpec, rng: random.Random) -> Form:
    items = {i.id: i for i in bank.items}
    scenarios = {s.id: s for s in bank.scenarios}
    seen: set[str] = set()
    seen_order: list[str] = []
    mc: list[FormEntry] = []
    sc: list[FormEntry] = []
    missing = 0
    for ref in spec.refs:
        if ref in seen:
            continue
        seen.add(ref)
        seen_order.append(ref)
        if ref in items:
            mc.append(FormEntry(ref, items[ref].kind, items[ref].domain))
        elif ref in scenarios:
            sc.append(FormEntry(ref, "scenario", scenarios[ref].domain))
        else:
            missing += 1
    notes = (f"{missing} item(s) are no longer in the bank and were left out.",) if missing else ()
    if spec.mode is Mode.REVIEW:  # spaced review keeps the given order: most overdue first
        if not mc and not sc:
            raise UserError("nothing is due for review today", where=spec.mode.title)
        by_ref = {e.ref: e for e in mc + sc}
        return Form(spec=spec, entries=tuple(by_ref[r] for r in seen_order if r in by_ref),
                    notes=notes)
    rng.shuffle(mc)
    rng.shuffle(sc)
    if not mc and not sc:
        raise UserError("nothing to retry: no missed or flagged items", where=spec.mode.title)
    return Form(spec=spec, entries=tuple(mc + sc), notes=notes)


def with_seed(spec: FormSpec, seed: int) -> FormSpec:
    return replace(spec, seed=seed)
