"""Scoring an attempt (rules in docs/exam.md, "Scoring").

Multiple choice: one point per item, all or nothing (a multiple-response item
needs exactly the keyed options).  Scenarios: each question is worth one point
per required code, plus one sequencing point when the question is sequenced
and takes several codes (the principal or first-listed code must come first);
every code given that is not in the key costs one point, and a question never
goes below zero.  An optional code (format v2) earns nothing when given, costs
nothing when missing, and is never counted as an extra code.  Blank fields are
not answers.  Unscored pretest items are reported but never counted.

The scaled score is an ESTIMATE: AHIMA does not publish the raw-to-scaled
conversion.  The blueprint names the raw percentage assumed to sit at the
passing scaled score (300), and the estimate is linear on each side of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from readiness.core.bank.models import (
    CODE_SYSTEMS,
    Bank,
    CodeRef,
    CodeSystem,
    MultipleChoiceItem,
    Scenario,
    ScenarioAnswer,
    ScenarioQuestion,
)
from readiness.core.blueprint import Blueprint
from readiness.core.codes import SYSTEM_NAMES, format_problem, normalize
from readiness.core.exam.forms import Form, FormEntry
from readiness.core.exam.session import Response

EntryStatus = Literal["correct", "partial", "incorrect", "unanswered", "unscored"]


# -- scenario answers -------------------------------------------------------------------------
def question_systems(question: ScenarioQuestion) -> tuple[CodeSystem, ...]:
    """The code sets a question's answer fields accept, in the order of its key."""
    seen: list[CodeSystem] = []
    for answer in question.answers:
        for ref in (answer.code, *answer.alternatives):
            if ref.system not in seen:
                seen.append(ref.system)
    for ref in question.choices:
        if ref.system not in seen:
            seen.append(ref.system)
    return tuple(seen)


def parse_given(text: str, systems: Sequence[CodeSystem]) -> CodeRef | None:
    """The code a candidate gave: ``system:code`` from a pick list, or typed text.

    Typed text is tried against each accepted system in turn; None if it fits none.
    """
    raw = text.strip()
    system, sep, code = raw.partition(":")
    if sep and system in CODE_SYSTEMS:
        sys_: CodeSystem = system
        return CodeRef(sys_, normalize(sys_, code)) if not format_problem(sys_, code) else None
    for candidate in systems:
        if format_problem(candidate, raw) is None:
            return CodeRef(candidate, normalize(candidate, raw))
    return None


def entry_problem(question: ScenarioQuestion, text: str) -> str | None:
    """Why a typed code cannot be accepted in this field (format only), or None."""
    systems = question_systems(question)
    if not text.strip():
        return None
    if parse_given(text, systems) is not None:
        return None
    if len(systems) == 1:
        return format_problem(systems[0], text)
    names = " or ".join(SYSTEM_NAMES[s] for s in systems)
    return f"{text.strip()!r} is not shaped like a {names} code"


@dataclass(frozen=True)
class QuestionScore:
    question_id: str
    earned: float
    possible: float
    matched: tuple[str, ...]  # expected codes found (as written in the key)
    missing: tuple[str, ...]  # expected codes not given
    extra: tuple[str, ...]  # given codes not in the key (or malformed), each minus one point
    sequencing_ok: bool | None  # None when the question has no sequencing point
    optional: tuple[str, ...] = ()  # optional codes given (as in the key): no point either way


def _distinct_given(given: Sequence[str], systems: Sequence[CodeSystem]
                    ) -> list[tuple[str, CodeRef | None]]:
    """The codes given, blank fields dropped and repeats counted once, in the order given."""
    parsed: list[tuple[str, CodeRef | None]] = []
    seen: set[str] = set()
    for text in given:
        if not text.strip():
            continue  # an added field left empty is not an answer
        ref = parse_given(text, systems)
        dedupe = str(ref) if ref else text.strip().upper()
        if dedupe not in seen:
            seen.add(dedupe)
            parsed.append((text, ref))
    return parsed


def _match(answers: Sequence[ScenarioAnswer], parsed: Sequence[tuple[str, CodeRef | None]],
           used: set[int]) -> tuple[list[str], list[str]]:
    """Each answer takes the first unused given code it accepts: (matched, missing)."""
    matched: list[str] = []
    missing: list[str] = []
    for answer in answers:
        accepted = {answer.code, *answer.alternatives}
        hit = next((i for i, (_, ref) in enumerate(parsed)
                    if i not in used and ref is not None and ref in accepted), None)
        if hit is None:
            missing.append(str(answer.code))
        else:
            used.add(hit)
            matched.append(str(answer.code))
    return matched, missing


def score_question(question: ScenarioQuestion, given: Sequence[str]) -> QuestionScore:
    """Required answers score one point each; optional answers neither earn nor cost."""
    parsed = _distinct_given(given, question_systems(question))
    used: set[int] = set()
    required = [a for a in question.answers if not a.optional]
    matched, missing = _match(required, parsed, used)
    optional, _ = _match([a for a in question.answers if a.optional], parsed, used)
    extra = [str(ref) if ref else text.strip() for i, (text, ref) in enumerate(parsed)
             if i not in used]
    has_seq_point = question.sequenced and question.style != "pick-one" and bool(required)
    sequencing_ok: bool | None = None
    earned = float(len(matched))
    possible = float(len(required))
    if has_seq_point:
        possible += 1
        first = parsed[0][1] if parsed else None
        sequencing_ok = first is not None and first in {required[0].code,
                                                        *required[0].alternatives}
        if sequencing_ok:
            earned += 1
    earned = max(0.0, earned - len(extra))
    return QuestionScore(
        question_id=question.id,
        earned=earned,
        possible=possible,
        matched=tuple(matched),
        missing=tuple(missing),
        extra=tuple(extra),
        sequencing_ok=sequencing_ok,
        optional=tuple(optional),
    )


def score_item(item: MultipleChoiceItem, selected: Iterable[int]) -> bool:
    return set(selected) == set(item.key)


# -- the whole attempt -------------------------------------------------------------------------
@dataclass(frozen=True)
class EntryResult:
    position: int
    entry: FormEntry
    earned: float
    possible: float
    status: EntryStatus
    flagged: bool
    questions: tuple[QuestionScore, ...] = ()


@dataclass(frozen=True)
class DomainScore:
    domain_id: str
    name: str
    weight: float
    estimate: bool
    earned: float
    possible: float

    @property
    def percent(self) -> float | None:
        return None if self.possible == 0 else 100.0 * self.earned / self.possible


@dataclass(frozen=True)
class ExamResult:
    entries: tuple[EntryResult, ...]
    domains: tuple[DomainScore, ...]
    earned: float
    possible: float
    weighted_percent: float | None  # domain percentages combined with blueprint weights
    scaled_estimate: int | None
    passing_scaled_score: int
    weights_are_estimates: bool
    elapsed_s: float
    time_limit_s: float | None

    @property
    def percent(self) -> float | None:
        return None if self.possible == 0 else 100.0 * self.earned / self.possible

    def count(self, status: EntryStatus) -> int:
        return sum(1 for e in self.entries if e.status == status)

    @property
    def flagged(self) -> int:
        return sum(1 for e in self.entries if e.flagged)

    @property
    def passed_estimate(self) -> bool | None:
        if self.scaled_estimate is None:
            return None
        return self.scaled_estimate >= self.passing_scaled_score


def scaled_estimate(percent: float, blueprint: Blueprint) -> int:
    """Map a raw percentage to the reporting scale, linear on both sides of the cut."""
    scale = blueprint.scale
    cut = 100.0 * scale.cut_fraction
    p = max(0.0, min(100.0, percent))
    if p >= cut:
        span = 100.0 - cut
        value = scale.passing + (scale.maximum - scale.passing) * ((p - cut) / span if span else 1)
    else:
        value = scale.minimum + (scale.passing - scale.minimum) * (p / cut if cut else 1)
    return round(value)


def _status(earned: float, possible: float, answered: bool) -> EntryStatus:
    if not answered:
        return "unanswered"
    if possible > 0 and earned >= possible:
        return "correct"
    if earned > 0:
        return "partial"
    return "incorrect"


def score_entry(
    bank: Bank, position: int, entry: FormEntry, response: Response
) -> EntryResult:
    if entry.kind == "scenario":
        scenario: Scenario = bank.scenario(entry.ref)
        questions = tuple(
            score_question(q, response.codes.get(q.id, ())) for q in scenario.questions
        )
        earned = sum(q.earned for q in questions)
        possible = sum(q.possible for q in questions)
    else:
        item = bank.item(entry.ref)
        questions = ()
        earned = 1.0 if score_item(item, response.selected) else 0.0
        possible = 1.0
    status = "unscored" if entry.pretest else _status(earned, possible, response.answered)
    return EntryResult(
        position=position,
        entry=entry,
        earned=earned,
        possible=possible,
        status=status,
        flagged=response.flagged,
        questions=questions,
    )


def score_attempt(
    bank: Bank,
    blueprint: Blueprint,
    form: Form,
    responses: Mapping[int, Response],
    elapsed_s: float,
) -> ExamResult:
    """Score every entry still in the bank; entries whose item was removed are skipped."""
    results: list[EntryResult] = []
    for position, entry in enumerate(form.entries):
        try:
            results.append(score_entry(bank, position, entry, responses.get(position, Response())))
        except KeyError:
            continue
    domains: list[DomainScore] = []
    for domain in blueprint.domains:
        scored = [r for r in results if r.entry.domain == domain.id and not r.entry.pretest]
        domains.append(
            DomainScore(
                domain_id=domain.id,
                name=domain.name,
                weight=domain.weight,
                estimate=domain.estimate,
                earned=sum(r.earned for r in scored),
                possible=sum(r.possible for r in scored),
            )
        )
    scored_all = [r for r in results if not r.entry.pretest]
    earned = sum(r.earned for r in scored_all)
    possible = sum(r.possible for r in scored_all)
    present = [d for d in domains if d.possible > 0]
    weighted: float | None = None
    if present:
        total_weight = sum(d.weight for d in present)
        weighted = sum(d.weight * (d.percent or 0.0) for d in present) / total_weight
    return ExamResult(
        entries=tuple(results),
        domains=tuple(domains),
        earned=earned,
        possible=possible,
        weighted_percent=weighted,
        scaled_estimate=None if weighted is None else scaled_estimate(weighted, blueprint),
        passing_scaled_score=blueprint.scale.passing,
        weights_are_estimates=blueprint.any_estimate,
        elapsed_s=elapsed_s,
        time_limit_s=form.spec.time_limit_s,
    )
