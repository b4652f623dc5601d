"""Content checks for bank files: everything ``python -m readiness.bank check`` reports.

The loader only accepts files that match the JSON Schema; this module goes
further and *collects* every problem instead of stopping at the first one, so
an author sees all of them at once, each as ``file: item-id: problem``:

- the JSON Schema, per item where the failing value sits inside an item;
- ids unique across every file checked (items, scenarios and scenario questions);
- single best answer: exactly four options (or a True/False pair), one key;
  multiple response: two or three keys among four to six options, and the stem
  states how many to select;
- options distinct, every key among the options;
- the task is one of the blueprint tasks of the item's domain (imported items,
  tagged ``imported``, are exempt: their source files have no task);
- every ICD-10-CM code exists in the installed FY2026 code set, and codes that
  are answers (keyed options, scenario answers and their alternatives) are
  billable; ICD-10-PCS codes are checked against the PCS tables when a PCS code
  set is installed (otherwise they are counted as unchecked); CPT and HCPCS
  codes are checked for form only, since no CPT code set ships with the app;
- scenarios: pick lists contain every answer, answers are not repeated,
  inpatient ICD-10-CM answers carry a POA indicator and nothing else does.

Existence checks go through a :class:`~readiness.core.codes.CodeValidator`
passed in by the caller, so tests use a fake one and the CLI the code book's.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness.core.bank.check_items import (
    IMPORTED_TAG,
    ItemChecks,
    is_true_false,
    item_kind,
    stated_select_counts,
)
from readiness.core.bank.check_scenarios import ScenarioChecks
from readiness.core.bank.cues import CueReport
from readiness.core.bank.leaks import leaks
from readiness.core.bank.loader import parse_item, parse_scenario, schema_errors
from readiness.core.bank.models import (
    Bank,
    CodeRef,
    Scenario,
)
from readiness.core.blueprint import Blueprint
from readiness.core.codes import SYSTEM_NAMES, CodeStatus, CodeValidator, format_problem, normalize
from readiness.core.progress import Progress

# Re-exported: importers, tests and older callers import these from here.
__all__ = ["IMPORTED_TAG", "BankChecker", "CheckReport", "Problem", "bank_files",
           "blueprint_tasks", "check_bank", "check_files", "is_true_false", "item_kind",
           "stated_select_counts"]


@dataclass(frozen=True)
class Problem:
    file: str
    item_id: str  # "" when the problem is about the whole file
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}: {self.item_id}: {self.message}"
            if self.item_id
            else (f"{self.file}: {self.message}")
        )


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    items: int = 0
    scenarios: int = 0
    by_domain: Counter[str] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)
    by_setting: Counter[str] = field(default_factory=Counter)
    codes_checked: int = 0
    unchecked: Counter[str] = field(default_factory=Counter)  # system -> codes not verifiable
    files: int = 0
    # Test-wise cues (key longest, absolute words, key position): readiness.core.bank.cues.
    cues: CueReport = field(default_factory=CueReport)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line: counts per domain, item type and scenario setting, then problems."""

        def counts(counter: Counter[str]) -> str:
            return ", ".join(f"{k} {v}" for k, v in sorted(counter.items())) or "none"

        parts = [
            f"bank check: {_plural(self.items, 'item')}, {_plural(self.scenarios, 'scenario')}",
            counts(self.by_domain),
            counts(self.by_kind),
            counts(self.by_setting),
        ]
        if self.cues.single_items:
            parts.append(self.cues.summary())
        if self.unchecked:
            parts.append(
                "not verifiable here: "
                + ", ".join(f"{SYSTEM_NAMES[k]} {v}" for k, v in sorted(self.unchecked.items()))  # type: ignore[index]
            )
        noun = "problem" if len(self.problems) == 1 else "problems"
        parts.append(f"{len(self.problems)} {noun}")
        return "; ".join(parts)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class _Checker(ItemChecks, ScenarioChecks):
    def __init__(
        self,
        validator: CodeValidator,
        tasks: Mapping[str, Iterable[str]] | None,
        report: CheckReport,
    ) -> None:
        self.validator = validator
        self.tasks = {k: set(v) for k, v in tasks.items()} if tasks is not None else None
        self.report = report
        self.seen: dict[str, str] = {}
        self._status_cache: dict[CodeRef, CodeStatus] = {}
        self.scenarios: list[Scenario] = []  # for the leak check, which needs every title

    def finish(self) -> None:
        """Whole-bank checks: cues over all items, leaks with one batch of code titles."""
        for message in self.report.cues.failures():
            self.problem("(whole bank)", "", message)
        titles_of = getattr(self.validator, "titles", None)
        if titles_of is None or not self.scenarios:
            return
        wanted = [r for sc in self.scenarios for q in sc.questions for a in q.answers
                  for r in (a.code, *a.alternatives)]
        titles = titles_of(wanted)
        for sc in self.scenarios:
            for message in leaks(sc, titles):
                self.problem(sc.source_file, sc.id, message)

    def problem(self, file: str, item_id: str, message: str) -> None:
        self.report.problems.append(Problem(file, item_id, message))

    # -- ids ---------------------------------------------------------------------------
    def claim_id(self, file: str, owner: str, entry_id: str) -> None:
        if entry_id in self.seen:
            self.problem(
                file, owner, f"duplicate id {entry_id!r} (first used in {self.seen[entry_id]})"
            )
        else:
            self.seen[entry_id] = file

    # -- codes -------------------------------------------------------------------------
    def status(self, ref: CodeRef) -> CodeStatus:
        if ref not in self._status_cache:
            self._status_cache[ref] = self.validator.status(ref)
        return self._status_cache[ref]

    def check_code(self, file: str, owner: str, ref: CodeRef, *, answer: bool, what: str) -> None:
        fault = format_problem(ref.system, ref.code)
        if fault:
            self.problem(file, owner, f"{what}: {fault}")
            return
        if normalize(ref.system, ref.code) != ref.code:
            self.problem(
                file,
                owner,
                f"{what}: write {ref} as {ref.system}:{normalize(ref.system, ref.code)}",
            )
            return
        if ref.system not in ("icd10cm", "icd10pcs"):
            return  # CPT / HCPCS: form only (no code set ships with the app)
        status = self.status(ref)
        name = SYSTEM_NAMES[ref.system]
        edition = self.validator.edition(ref.system) or name
        if status is CodeStatus.UNAVAILABLE:
            self.report.unchecked[ref.system] += 1
            return
        self.report.codes_checked += 1
        if status is CodeStatus.INVALID:
            self.problem(file, owner, f"{what}: {ref.code} is not a code in {edition}")
        elif status is CodeStatus.HEADER and answer:
            self.problem(
                file,
                owner,
                f"{what}: {ref.code} is not billable in {edition} (a category that needs more "
                "characters); an answer must be a complete, reportable code",
            )


def _index_of(path: str, section: str) -> int | None:
    parts = path.split("/")
    if len(parts) >= 2 and parts[0] == section and parts[1].isdigit():
        return int(parts[1])
    return None


def check_data(
    data: Any,
    file: str,
    checker: _Checker,
) -> None:
    """Check one decoded bank file, adding its problems and counts to the checker's report."""
    checker.report.files += 1
    errors = schema_errors(data)
    bad_items: set[int] = set()
    bad_scenarios: set[int] = set()
    for error in errors:
        path, _, message = error.partition(": ")
        item_index = _index_of(path, "items")
        scenario_index = _index_of(path, "scenarios")
        owner = ""
        if item_index is not None:
            bad_items.add(item_index)
            owner = _raw_id(data, "items", item_index)
        elif scenario_index is not None:
            bad_scenarios.add(scenario_index)
            owner = _raw_id(data, "scenarios", scenario_index)
        checker.problem(file, owner, f"format: {path}: {message}")
    structural = any(
        _index_of(e.partition(": ")[0], "items") is None
        and _index_of(e.partition(": ")[0], "scenarios") is None
        for e in errors
    )
    if structural or not isinstance(data, dict):
        return
    for index, raw in enumerate(data.get("items", [])):
        if index not in bad_items:
            checker.check_item(file, parse_item(raw, file))
    for index, raw in enumerate(data.get("scenarios", [])):
        if index not in bad_scenarios:
            checker.check_scenario(file, parse_scenario(raw, file))


def _raw_id(data: Any, section: str, index: int) -> str:
    try:
        value = data[section][index]["id"]
    except (KeyError, IndexError, TypeError):
        return f"{section}[{index}]"
    return value if isinstance(value, str) else f"{section}[{index}]"


class BankChecker:
    """Checks several files as one bank (ids must be unique across all of them)."""

    def __init__(
        self, validator: CodeValidator, tasks: Mapping[str, Iterable[str]] | None = None
    ) -> None:
        self.report = CheckReport()
        self._checker = _Checker(validator, tasks, self.report)

    def add_data(self, data: Any, file: str) -> None:
        check_data(data, file, self._checker)

    def add_problem(self, file: str, message: str) -> None:
        self._checker.problem(file, "", message)

    def finish(self) -> None:
        self._checker.finish()

    def add_bank(self, bank: Bank) -> None:
        """Check already-loaded models (imports, tests): everything but the JSON Schema."""
        for item in bank.items:
            self._checker.check_item(item.source_file, item)
        for sc in bank.scenarios:
            self._checker.check_scenario(sc.source_file, sc)


def check_bank(
    bank: Bank, validator: CodeValidator, tasks: Mapping[str, Iterable[str]] | None = None
) -> CheckReport:
    """Per-item checks only (imports): the whole-bank cue and leak checks are for authors
    and run in :func:`check_files` (an imported quiz is not refused for its cues)."""
    checker = BankChecker(validator, tasks)
    checker.add_bank(bank)
    return checker.report


def bank_files(paths: Iterable[Path]) -> list[Path]:
    """The bank files named: a folder stands for its ``*.json`` files, sorted."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(path.glob("*.json")))
        else:
            out.append(path)
    return out


def check_files(
    paths: Iterable[Path],
    validator: CodeValidator,
    tasks: Mapping[str, Iterable[str]] | None = None,
    progress: Progress | None = None,
) -> CheckReport:
    """Read and check every bank file named (folders: their ``*.json``) as one bank."""
    checker = BankChecker(validator, tasks)
    files = bank_files(paths)
    for done, path in enumerate(files):
        if progress is not None:
            progress.check()
            progress.report(done, len(files), path.name)
        name = str(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            checker.add_problem(name, f"cannot read: {exc}")
            continue
        except json.JSONDecodeError as exc:
            checker.add_problem(
                name, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
            )
            continue
        checker.add_data(data, name)
    if not files:
        checker.add_problem(", ".join(str(p) for p in paths) or "(no path)", "no bank files found")
    checker.finish()
    return checker.report


def blueprint_tasks(blueprints: Iterable[Blueprint]) -> dict[str, set[str]]:
    """Domain id -> the tasks any of the blueprints lists for it."""
    tasks: dict[str, set[str]] = {}
    for blueprint in blueprints:
        for domain in blueprint.domains:
            tasks.setdefault(domain.id, set()).update(domain.tasks)
    return tasks
