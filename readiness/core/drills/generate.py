"""Drill prompts drawn from the official books, never from the question bank.

The books are large (tens of thousands of index lines, 79,000 PCS codes), so prompts
are drawn, not listed: a random position in the book, the next line there that carries
a code, and a statement built from that line.  A line is used only when it gives one
code that is reportable as it stands (or with the initial-encounter 7th character),
so every prompt has exactly one right answer:

* index terms (Alphabetic / External Cause Index): the term's path is the statement;
  cross-references (see, see also), dual codes (a manifestation in brackets) and
  incomplete codes ("S72.00-", which need characters the statement cannot decide)
  are left out;
* Neoplasm Table: a site and a column ("Benign neoplasm of bone, jaw");
* Table of Drugs: a substance and a column, initial encounter, so the 7th character
  must be added from the Tabular List as on the exam;
* PCS Tables: one value of each axis of a table row, as a procedure statement.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from readiness.codebook.model import IndexTerm, Kind, PcsAxis, PcsRow, PcsTable
from readiness.core.drills.models import TERM_KINDS, DrillBook, DrillPrompt

# Neoplasm Table columns 2..7 (CMS's layout; the headings only name them).
NEOPLASM_PHRASES: tuple[str, ...] = (
    "Malignant neoplasm (primary) of {site}",
    "Secondary malignant neoplasm of {site}",
    "Carcinoma in situ of {site}",
    "Benign neoplasm of {site}",
    "Neoplasm of uncertain behavior of {site}",
    "Neoplasm of unspecified behavior of {site}",
)
# Table of Drugs and Chemicals columns 2..7.
DRUG_PHRASES: tuple[str, ...] = (
    "Poisoning by {s}, accidental (unintentional)",
    "Poisoning by {s}, intentional self-harm",
    "Poisoning by {s}, assault",
    "Poisoning by {s}, undetermined",
    "Adverse effect of {s}",
    "Underdosing of {s}",
)
_NEOPLASM_MAIN = re.compile(r"^Neoplasm, neoplastic,?\s*", re.IGNORECASE)
# "Diabetes, type 2, with, hyperglycemia" reads "... with hyperglycemia".
_CONNECTOR = re.compile(r", (with|without|in|due to|from|following|by|of|to|during), ")
# How many random positions to try per wanted prompt before giving up on a thin book.
_TRIES_PER_PROMPT = 40


class DrillSource(Protocol):
    """What generation needs from the installed code book (see codebook.drill_source)."""

    def term_span(self, kind: Kind) -> tuple[int, int] | None:
        """Lowest and highest term id of an index, or None when it is not installed."""
        ...

    def coded_term_from(self, kind: Kind, term_id: int) -> IndexTerm | None:
        """The first term at or after ``term_id`` that carries a code or table cells."""
        ...

    def same_path(self, kind: Kind, term: IndexTerm) -> list[IndexTerm]:
        """Every term printed under the same path as ``term`` (itself included)."""
        ...

    def complete(self, code: str) -> tuple[str, bool] | None:
        """The reportable form of a CM code and whether a 7th character ("A", initial
        encounter) was added; None when the code is not reportable as printed."""
        ...

    def pcs_prefixes(self) -> list[str]: ...

    def pcs_table(self, prefix: str) -> PcsTable | None: ...


@dataclass(frozen=True)
class _Choice:
    statement: str
    code: str  # as the book prints it


def _readable_path(path: str) -> str:
    return _CONNECTOR.sub(lambda m: f", {m.group(1)} ", path)


def term_choices(book: DrillBook, term: IndexTerm) -> list[_Choice]:
    """The statements one index line can give, with the code the book prints for each."""
    if book in (DrillBook.CM_INDEX, DrillBook.CM_EINDEX):
        if not term.code or term.manif or term.see or term.use or "-" in term.code:
            return []
        return [_Choice(_readable_path(term.path) + term.tail, term.code)]
    phrases = NEOPLASM_PHRASES if book is DrillBook.NEOPLASM else DRUG_PHRASES
    if book is DrillBook.NEOPLASM:
        subject = _NEOPLASM_MAIN.sub("", term.path) or term.path
    else:
        subject = term.path
    out = []
    for col, cell in enumerate(term.cells[: len(phrases)]):
        cell = cell.strip()
        if not cell or "-" in cell:  # "--": no such code; "C44.20-": site needs more
            continue
        if book is DrillBook.NEOPLASM:
            out.append(_Choice(phrases[col].format(site=subject), cell))
        else:
            out.append(_Choice(phrases[col].format(s=subject), cell))
    return out


def prompt_from_term(book: DrillBook, term: IndexTerm, choice: _Choice,
                     complete: Callable[[str], tuple[str, bool] | None]) -> DrillPrompt | None:
    done = complete(choice.code)
    if done is None:
        return None
    answer, added_seventh = done
    statement = choice.statement + (", initial encounter" if added_seventh else "")
    return DrillPrompt(book, statement, answer, f"{term.kind.value}:{term.id}", choice.code)


_NO_VALUE = {"no device", "no qualifier", "none"}


def pcs_statement(table: PcsTable, picks: tuple[tuple[PcsAxis, str, str], ...]) -> str:
    """A procedure statement from one value of each axis of a row.

    Medical and Surgical reads like an operative note ("Resection of Appendix,
    Percutaneous Endoscopic approach"); the other sections name each axis, since their
    axes (contrast, modality, equipment...) have no such sentence form."""
    section, system, operation = (h.labels[0][1] for h in table.heads)
    values = {axis.pos: label for axis, _value, label in picks}
    if table.prefix.startswith("0") and len(picks) == 4:
        text = f"{operation} of {values[4]}, {values[5]} approach"
        extras = [values[p] for p in (6, 7) if values[p].lower() not in _NO_VALUE]
        if extras:
            text += ", " + ", ".join(extras)
        return f"{text} ({system})"
    parts = [f"{axis.title}: {label}" for axis, _value, label in picks
             if label.lower() not in _NO_VALUE]
    return f"{section}, {system}, {operation}. " + "; ".join(parts)


def prompt_from_pcs(table: PcsTable, row: PcsRow, rng: random.Random) -> DrillPrompt | None:
    picks: list[tuple[PcsAxis, str, str]] = []
    for axis in row.axes:
        if not axis.labels:
            return None
        value, label = rng.choice(axis.labels)
        picks.append((axis, value, label))
    code = table.prefix + "".join(value for _axis, value, _label in picks)
    if len(code) != 7:
        return None
    return DrillPrompt(DrillBook.PCS_TABLES, pcs_statement(table, tuple(picks)), code,
                       f"table:{table.prefix}", table.prefix)


def draw(book: DrillBook, source: DrillSource, count: int,
         rng: random.Random | None = None) -> list[DrillPrompt]:
    """Up to ``count`` different prompts from ``book`` (fewer only if the book is thin)."""
    rng = rng or random.Random()
    if book is DrillBook.PCS_TABLES:
        return _draw_pcs(source, count, rng)
    kind = TERM_KINDS[book]
    span = source.term_span(kind)
    if span is None:
        return []
    lo, hi = span
    out: dict[str, DrillPrompt] = {}
    for _ in range(count * _TRIES_PER_PROMPT):
        if len(out) >= count:
            break
        term = source.coded_term_from(kind, rng.randint(lo, hi))
        if term is None:
            continue
        choices = term_choices(book, term)
        if not choices:
            continue
        choice = rng.choice(choices)
        if not _unambiguous(book, kind, term, choice, source):
            continue
        prompt = prompt_from_term(book, term, choice, source.complete)
        if prompt is not None and prompt.statement not in out:
            out[prompt.statement] = prompt
    return list(out.values())


def _unambiguous(book: DrillBook, kind: Kind, term: IndexTerm, choice: _Choice,
                 source: DrillSource) -> bool:
    """No other line under the same path gives the same statement a different code
    (the Drug table prints "2,4,5-T" twice, with T60.1- and T60.3-)."""
    for other in source.same_path(kind, term):
        if other.id == term.id:
            continue
        for alt in term_choices(book, other):
            if alt.statement == choice.statement and alt.code != choice.code:
                return False
    return True


def _draw_pcs(source: DrillSource, count: int, rng: random.Random) -> list[DrillPrompt]:
    prefixes = source.pcs_prefixes()
    if not prefixes:
        return []
    out: dict[str, DrillPrompt] = {}
    for _ in range(count * _TRIES_PER_PROMPT):
        if len(out) >= count:
            break
        table = source.pcs_table(rng.choice(prefixes))
        if table is None or not table.rows:
            continue
        prompt = prompt_from_pcs(table, rng.choice(table.rows), rng)
        if prompt is not None and prompt.answer not in out:
            out[prompt.answer] = prompt
    return list(out.values())


def pcs_code_count(tables: list[PcsTable]) -> int:
    """How many PCS prompts the tables can give: every valid code is one."""
    return sum(row.count() for table in tables for row in table.rows)
