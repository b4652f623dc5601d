"""The codes of a scenario in grouping order: the key's, and the candidate's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from readiness.core.bank.models import Scenario, ScenarioQuestion
from readiness.core.exam.drg_model import CodeSet
from readiness.core.exam.scoring import parse_given, question_systems


def principal_question(scenario: Scenario) -> ScenarioQuestion | None:
    """The question that asks for the principal diagnosis (sequenced, ICD-10-CM)."""
    cm = [q for q in scenario.questions if q.answers and q.answers[0].code.system == "icd10cm"]
    return next((q for q in cm if q.sequenced), cm[0] if cm else None)


def _ordered_questions(scenario: Scenario) -> list[ScenarioQuestion]:
    first = principal_question(scenario)
    rest = [q for q in scenario.questions if q is not first]
    return ([first] if first else []) + rest


def _unique(codes: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(codes))


def key_codes(scenario: Scenario) -> CodeSet:
    dx: list[str] = []
    pcs: list[str] = []
    poa: dict[str, str] = {}
    for question in _ordered_questions(scenario):
        for answer in question.answers:
            if answer.code.system == "icd10cm":
                dx.append(answer.code.code)
                if answer.poa:
                    poa.setdefault(answer.code.code, answer.poa)
            elif answer.code.system == "icd10pcs":
                pcs.append(answer.code.code)
    return CodeSet(_unique(dx), _unique(pcs), poa)


def given_codes(scenario: Scenario, given: Mapping[str, Sequence[str]],
                poa: Mapping[str, str] | None = None) -> CodeSet:
    """The candidate's codes in grouping order; codes that do not parse are left out."""
    dx: list[str] = []
    pcs: list[str] = []
    for question in _ordered_questions(scenario):
        systems = question_systems(question)
        for text in given.get(question.id, ()):
            ref = parse_given(text, systems)
            if ref is None:
                continue
            if ref.system == "icd10cm":
                dx.append(ref.code)
            elif ref.system == "icd10pcs":
                pcs.append(ref.code)
    return CodeSet(_unique(dx), _unique(pcs), dict(poa or {}))
