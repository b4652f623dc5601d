"""The coverage matrix: what the bank must cover, and how many mocks it can fill.

The cells are data (``readiness/resources/bank/coverage.json``, docs/bank-format.md
"Coverage").  A cell is satisfied by *keyed codes* (codes on the key options of
multiple-choice items, scenario answers and their alternatives) falling in one of its
code ranges or patterns, or by *tags*.  Blueprint tasks are cells too, added from the
blueprints: each task needs ``blueprint_tasks.min`` items.

"Full mocks without repeat" assembles full mock forms with the real rules
(:func:`readiness.core.exam.forms.assemble_form`) from what earlier forms left, until a
form falls short of the blueprint (fewer items or scenarios than it asks for, or a
domain below its weight).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from readiness.core.bank.models import Bank, CodeRef, MultipleChoiceItem, Scenario
from readiness.core.blueprint import Blueprint
from readiness.core.errors import UserError
from readiness.core.exam.forms import assemble_form, full_mock_spec

COVERAGE_FORMAT = "ccs-readiness-coverage"


@dataclass(frozen=True)
class CodeRule:
    system: str
    low: str = ""
    high: str = ""
    pattern: re.Pattern[str] | None = None

    def matches(self, ref: CodeRef) -> bool:
        if ref.system != self.system:
            return False
        if self.pattern is not None:
            return self.pattern.search(ref.code) is not None
        if self.system == "icd10cm":
            category = ref.code.replace(".", "")[:3]
            return self.low <= category <= self.high
        return len(ref.code) == len(self.low) and self.low <= ref.code <= self.high


@dataclass(frozen=True)
class Cell:
    id: str
    group: str
    label: str
    codes: tuple[CodeRule, ...] = ()
    tags: tuple[str, ...] = ()
    minimum: int = 1
    domain: str = ""  # blueprint-task cells: the items' domain and task
    task: str = ""

    def covers(self, entry: MultipleChoiceItem | Scenario) -> bool:
        if self.task:
            return isinstance(entry, MultipleChoiceItem) and (
                entry.domain, entry.task) == (self.domain, self.task)
        if self.tags and any(t in entry.tags for t in self.tags):
            return True
        return any(rule.matches(ref) for ref in keyed_codes(entry) for rule in self.codes)


@dataclass(frozen=True)
class Matrix:
    cells: tuple[Cell, ...]
    mock_goal: int = 5


@dataclass
class CellCount:
    cell: Cell
    ids: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return len(self.ids) >= self.cell.minimum


@dataclass
class CoverageReport:
    counts: list[CellCount]
    mocks: dict[str, int]  # blueprint id -> full mocks without repeat
    mock_goal: int

    @property
    def short(self) -> list[CellCount]:
        return [c for c in self.counts if not c.ok]

    @property
    def mocks_short(self) -> dict[str, int]:
        return {b: n for b, n in self.mocks.items() if n < self.mock_goal}

    @property
    def ok(self) -> bool:
        return not self.short and not self.mocks_short

    def lines(self) -> list[str]:
        """cell, count / minimum, the ids, one line per cell; then the mock figures."""
        out = []
        for count in self.counts:
            mark = "ok   " if count.ok else "SHORT"
            ids = " ".join(count.ids) or "-"
            out.append(f"{mark} {count.cell.group}: {count.cell.label}: "
                       f"{len(count.ids)}/{count.cell.minimum}: {ids}")
        for blueprint, n in self.mocks.items():
            mark = "ok   " if n >= self.mock_goal else "SHORT"
            out.append(f"{mark} full mocks without repeating an item or scenario, "
                       f"{blueprint}: {n} (goal {self.mock_goal})")
        return out

    def summary(self) -> str:
        mocks = ", ".join(f"{b} {n}" for b, n in self.mocks.items())
        return (f"bank coverage: {len(self.counts) - len(self.short)} of {len(self.counts)} "
                f"cells covered, {len(self.short)} short; full mocks without repeat: {mocks} "
                f"(goal {self.mock_goal})")


def keyed_codes(entry: MultipleChoiceItem | Scenario) -> list[CodeRef]:
    if isinstance(entry, MultipleChoiceItem):
        return [ref for k in entry.key if k < len(entry.options)
                for ref in entry.options[k].codes]
    return [ref for q in entry.questions for a in q.answers for ref in (a.code, *a.alternatives)]


def _rule(raw: dict[str, Any], where: str) -> CodeRule:
    system = raw.get("system")
    if system not in ("icd10cm", "icd10pcs", "cpt", "hcpcs"):
        raise UserError(f"a code rule needs a system (icd10cm, icd10pcs, cpt, hcpcs): {raw}",
                        where=where)
    if "pattern" in raw:
        try:
            return CodeRule(system, pattern=re.compile(str(raw["pattern"])))
        except re.error as exc:
            raise UserError(f"bad pattern {raw['pattern']!r}: {exc}", where=where) from None
    if not isinstance(raw.get("from"), str) or not isinstance(raw.get("to"), str):
        raise UserError(f"a code rule needs 'from' and 'to' (or 'pattern'): {raw}", where=where)
    return CodeRule(system, raw["from"], raw["to"])


def parse_matrix(data: object, blueprints: Iterable[Blueprint], where: str) -> Matrix:
    if not isinstance(data, dict) or data.get("format") != COVERAGE_FORMAT:
        raise UserError(f"not a coverage file (format {COVERAGE_FORMAT!r})", where=where)
    cells: list[Cell] = []
    for raw in data.get("cells", []):
        try:
            cells.append(Cell(
                id=str(raw["id"]), group=str(raw["group"]), label=str(raw["label"]),
                codes=tuple(_rule(r, where) for r in raw.get("codes", [])),
                tags=tuple(str(t) for t in raw.get("tags", [])),
                minimum=int(raw.get("min", 1))))
        except (KeyError, TypeError, ValueError) as exc:
            raise UserError(f"cell {raw!r}: {exc}", where=where) from None
        if not cells[-1].codes and not cells[-1].tags:
            raise UserError(f"cell {cells[-1].id} names no codes and no tags", where=where)
    task_min = int(data.get("blueprint_tasks", {}).get("min", 0))
    if task_min:
        seen: set[tuple[str, str]] = set()
        for blueprint in blueprints:
            for domain in blueprint.domains:
                for task in domain.tasks:
                    if (domain.id, task) not in seen:
                        seen.add((domain.id, task))
                        cells.append(Cell(f"task:{domain.id}:{task}", "Blueprint tasks",
                                          f"{domain.name}: {task}", minimum=task_min,
                                          domain=domain.id, task=task))
    goal = int(data.get("mocks_without_repeat", {}).get("goal", 5))
    return Matrix(tuple(cells), goal)


def load_matrix(text: str, blueprints: Iterable[Blueprint], where: str) -> Matrix:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"not valid JSON (line {exc.lineno}: {exc.msg})", where=where) from None
    return parse_matrix(data, blueprints, where)


def mocks_without_repeat(bank: Bank, blueprint: Blueprint, limit: int = 50) -> int:
    """How many full mocks of ``blueprint`` the bank fills, none sharing an item or scenario."""
    left = bank
    for count in range(limit):
        try:
            form = assemble_form(left, blueprint, full_mock_spec(blueprint, seed=count))
        except UserError:
            return count
        if form.notes:  # a shortfall: fewer items or scenarios, or a domain under weight
            return count
        used = {e.ref for e in form.entries}
        left = replace(left, items=tuple(i for i in left.items if i.id not in used),
                       scenarios=tuple(s for s in left.scenarios if s.id not in used))
    return limit


def coverage(bank: Bank, matrix: Matrix, blueprints: Sequence[Blueprint]) -> CoverageReport:
    entries: list[MultipleChoiceItem | Scenario] = [*bank.items, *bank.scenarios]
    counts = [CellCount(cell, [e.id for e in entries if cell.covers(e)])
              for cell in matrix.cells]
    mocks = {b.id: mocks_without_repeat(bank, b) for b in blueprints}
    return CoverageReport(counts, mocks, matrix.mock_goal)
