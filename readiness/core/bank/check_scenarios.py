"""Scenario rules of ``bank check`` (docs/bank-format.md, rules 10 and 11): pick lists,
answers, POA indicators, the service name and optional answers.  A mixin of the checker
in :mod:`readiness.core.bank.check`, which declares what it uses here."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from readiness.core.bank.models import CodeRef, Scenario
from readiness.core.bank.titles import SERVICES

if TYPE_CHECKING:
    from readiness.core.bank.check import CheckReport


class ScenarioChecks:
    report: CheckReport
    scenarios: list[Scenario]

    def problem(self, file: str, item_id: str, message: str) -> None: ...
    def claim_id(self, file: str, owner: str, entry_id: str) -> None: ...
    def check_code(self, file: str, owner: str, ref: CodeRef, *, answer: bool,
                   what: str) -> None: ...

    def check_scenario(self, file: str, sc: Scenario) -> None:
        rep = self.report
        rep.scenarios += 1
        rep.by_setting[sc.setting] += 1
        self.claim_id(file, sc.id, sc.id)
        self.scenarios.append(sc)
        if sc.service not in SERVICES:
            self.problem(file, sc.id, f"service {sc.service!r} is not one of the neutral "
                         f"service names ({', '.join(SERVICES)})")
        inpatient = sc.setting == "inpatient"
        for q in sc.questions:
            self.claim_id(file, sc.id, q.id)
            where = f"question {q.id}"
            if q.style == "pick-one" and len(q.answers) != 1:
                self.problem(
                    file,
                    sc.id,
                    f"{where}: a pick-one question has one answer, not {len(q.answers)}",
                )
            if q.style == "enter":
                if q.choices:
                    self.problem(file, sc.id, f"{where}: an 'enter' question has no pick list")
            else:
                choice_set = set(q.choices)
                if len(choice_set) != len(q.choices):
                    dup = [str(c) for c, n in Counter(q.choices).items() if n > 1]
                    self.problem(file, sc.id, f"{where}: the pick list repeats {', '.join(dup)}")
                missing = [str(a.code) for a in q.answers if a.code not in choice_set]
                if missing:
                    self.problem(
                        file,
                        sc.id,
                        f"{where}: the pick list lacks the answer(s) {', '.join(missing)}",
                    )
                if len(choice_set) <= len(q.answers):
                    self.problem(
                        file,
                        sc.id,
                        f"{where}: the pick list needs at least one wrong choice "
                        "besides the answers",
                    )
                for ref in q.choices:
                    if ref not in {a.code for a in q.answers}:
                        self.check_code(file, sc.id, ref, answer=False, what=f"{where} choice")
            if all(a.optional for a in q.answers):
                self.problem(file, sc.id, f"{where}: every answer is optional; "
                             "at least one must be required")
            elif q.sequenced and q.answers[0].optional:
                self.problem(file, sc.id, f"{where}: the first answer of a sequenced question "
                             "(the principal / first-listed code) cannot be optional")
            seen_codes: set[CodeRef] = set()
            for position, answer in enumerate(q.answers, start=1):
                what = f"{where} answer {position}"
                for ref in (answer.code, *answer.alternatives):
                    if ref in seen_codes:
                        self.problem(file, sc.id, f"{what}: {ref} is listed more than once")
                    seen_codes.add(ref)
                self.check_code(file, sc.id, answer.code, answer=True, what=what)
                for alt in answer.alternatives:
                    self.check_code(file, sc.id, alt, answer=True, what=f"{what} alternative")
                is_dx = answer.code.system == "icd10cm"
                if inpatient and is_dx and answer.poa is None:
                    self.problem(
                        file,
                        sc.id,
                        f"{what}: inpatient diagnosis {answer.code.code} needs a POA indicator "
                        "(Y, N, U, W or 1)",
                    )
                elif answer.poa is not None and not (inpatient and is_dx):
                    self.problem(
                        file,
                        sc.id,
                        f"{what}: POA applies to inpatient ICD-10-CM diagnoses only, "
                        f"not to {answer.code}",
                    )
