"""Plain dataclasses for the question bank (format: docs/bank-format.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

CodeSystem = Literal["icd10cm", "icd10pcs", "cpt", "hcpcs"]
CODE_SYSTEMS: tuple[CodeSystem, ...] = ("icd10cm", "icd10pcs", "cpt", "hcpcs")
Setting = Literal["inpatient", "outpatient-surgery", "emergency", "clinic", "observation",
                  "interventional"]
SETTINGS: tuple[Setting, ...] = ("inpatient", "outpatient-surgery", "emergency", "clinic",
                                 "observation", "interventional")
Difficulty = Literal["easy", "medium", "hard"]
QuestionStyle = Literal["pick-one", "pick-many", "enter"]
Poa = Literal["Y", "N", "U", "W", "1"]
Sex = Literal["F", "M"]


@dataclass(frozen=True)
class CodeRef:
    """A code in a named code set, written ``system:code`` in files (``icd10cm:E11.9``)."""

    system: CodeSystem
    code: str

    def __str__(self) -> str:
        return f"{self.system}:{self.code}"

    @staticmethod
    def parse(text: str) -> CodeRef:
        system, sep, code = text.partition(":")
        if not sep or system not in CODE_SYSTEMS or not code:
            raise ValueError(f"{text!r} is not system:code with system in {CODE_SYSTEMS}")
        return CodeRef(system, code)  # type: ignore[arg-type,unused-ignore]


@dataclass(frozen=True)
class Option:
    text: str
    codes: tuple[CodeRef, ...] = ()
    rationale: str = ""


@dataclass(frozen=True)
class MultipleChoiceItem:
    """Single best answer (``select == 1``) or multiple response ("select 2")."""

    id: str
    domain: str
    task: str
    difficulty: Difficulty
    stem: str
    options: tuple[Option, ...]
    key: tuple[int, ...]
    rationale: str
    references: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source_file: str = ""

    @property
    def select(self) -> int:
        return len(self.key)

    @property
    def kind(self) -> Literal["single", "multiple"]:
        return "single" if len(self.key) == 1 else "multiple"


@dataclass(frozen=True)
class Document:
    title: str
    text: str


@dataclass(frozen=True)
class ScenarioAnswer:
    code: CodeRef
    poa: Poa | None = None
    alternatives: tuple[CodeRef, ...] = ()
    # An acceptable code the key does not require (format v2): missing, it costs nothing;
    # entered, it is not an extra code.
    optional: bool = False


@dataclass(frozen=True)
class ScenarioQuestion:
    id: str
    prompt: str
    style: QuestionStyle
    answers: tuple[ScenarioAnswer, ...]
    sequenced: bool
    choices: tuple[CodeRef, ...] = ()
    rationale: str = ""


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    setting: Setting
    domain: str
    difficulty: Difficulty
    documents: tuple[Document, ...]
    questions: tuple[ScenarioQuestion, ...]
    references: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source_file: str = ""
    sex: Sex | None = None  # the patient's sex, when it matters (MS-DRG grouping)
    # A neutral service name ("Cardiology"); never a diagnosis.  Version 1 files have
    # none: the loader gives the setting's default (readiness.core.bank.titles).
    service: str = ""


@dataclass(frozen=True)
class Bank:
    items: tuple[MultipleChoiceItem, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    files: tuple[str, ...] = field(default=())

    def item(self, item_id: str) -> MultipleChoiceItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def scenario(self, scenario_id: str) -> Scenario:
        for scenario in self.scenarios:
            if scenario.id == scenario_id:
                return scenario
        raise KeyError(scenario_id)
