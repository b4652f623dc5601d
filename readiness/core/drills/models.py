"""Plain records of a code-book drill: which book, what is asked, what was answered."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from readiness.codebook.model import Kind


class DrillBook(StrEnum):
    """A part of the code book a drill sends the candidate through."""

    CM_INDEX = "cm-index"
    CM_EINDEX = "cm-eindex"
    NEOPLASM = "neoplasm"
    DRUG = "drug"
    PCS_TABLES = "pcs-tables"

    @property
    def label(self) -> str:
        return BOOKS[self].label

    @property
    def spec(self) -> BookSpec:
        return BOOKS[self]


@dataclass(frozen=True)
class BookSpec:
    label: str  # "Neoplasm Table"
    route: str  # how a coder gets there, shown beside each prompt
    needs: tuple[Kind, ...]  # the code sets the prompts come from (and are checked against)


BOOKS: dict[DrillBook, BookSpec] = {
    DrillBook.CM_INDEX: BookSpec(
        "ICD-10-CM Alphabetic Index", "Alphabetic Index → Tabular List",
        (Kind.CM_INDEX, Kind.CM_TABULAR)),
    DrillBook.CM_EINDEX: BookSpec(
        "ICD-10-CM External Cause Index", "External Cause Index → Tabular List",
        (Kind.CM_EINDEX, Kind.CM_TABULAR)),
    DrillBook.NEOPLASM: BookSpec(
        "ICD-10-CM Neoplasm Table", "Neoplasm Table → Tabular List",
        (Kind.CM_NEOPLASM, Kind.CM_TABULAR)),
    DrillBook.DRUG: BookSpec(
        "ICD-10-CM Table of Drugs and Chemicals", "Table of Drugs → Tabular List (7th character)",
        (Kind.CM_DRUG, Kind.CM_TABULAR)),
    DrillBook.PCS_TABLES: BookSpec(
        "ICD-10-PCS Tables", "PCS Tables: section, body system, operation, then the row",
        (Kind.PCS_TABLES,)),
}

# Index kinds whose terms carry the prompts of each CM book.
TERM_KINDS: dict[DrillBook, Kind] = {
    DrillBook.CM_INDEX: Kind.CM_INDEX,
    DrillBook.CM_EINDEX: Kind.CM_EINDEX,
    DrillBook.NEOPLASM: Kind.CM_NEOPLASM,
    DrillBook.DRUG: Kind.CM_DRUG,
}


@dataclass(frozen=True)
class DrillPrompt:
    """One look-up: the statement shown and the one code that answers it."""

    book: DrillBook
    statement: str  # "Poisoning by acetaminophen, accidental (unintentional), initial encounter"
    answer: str  # the complete code as reported ("T39.1X1A", "0DTJ4ZZ")
    source: str  # where in the book it came from ("Acetaminophen" term 12, table 0DT)
    hint: str = ""  # what the book prints there, shown after answering ("T39.1X1-")


class Verdict(StrEnum):
    CORRECT = "correct"
    INCOMPLETE = "incomplete"  # right code, a character short (7th character, placeholder)
    WRONG = "wrong"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class DrillAnswer:
    prompt: DrillPrompt
    given: str
    verdict: Verdict
    seconds: float

    @property
    def correct(self) -> bool:
        return self.verdict is Verdict.CORRECT


@dataclass(frozen=True)
class DrillSummary:
    """A finished (or stopped) drill set: what a plan task records against its session."""

    book: DrillBook
    planned: int
    answered: int  # look-ups attempted (skips count: the time was spent)
    correct: int
    seconds: float  # total time on look-ups
    run_id: int | None = None
    link: int | None = None  # the plan task run this set was started for, if any

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answered if self.answered else None

    @property
    def seconds_per_lookup(self) -> float | None:
        return self.seconds / self.answered if self.answered else None


@dataclass(frozen=True)
class BookStats:
    """Everything drilled in one book: what need, readiness and the dashboard read."""

    book: DrillBook
    answered: int
    correct: int
    median_seconds: float | None  # of correct look-ups: speed that counts is speed that is right
    recent_median_seconds: float | None  # the last 20 correct look-ups

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answered if self.answered else None
