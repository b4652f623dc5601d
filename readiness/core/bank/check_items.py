"""Multiple-choice rules of ``bank check`` (docs/bank-format.md, rules 3-7): option and key
counts, the stated number to select, distinct options, blueprint tasks, option codes; the
item's cues are counted for the whole-bank limits.  A mixin of the checker in
:mod:`readiness.core.bank.check`, which declares what it uses here."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from readiness.core.bank.models import CodeRef, MultipleChoiceItem

if TYPE_CHECKING:
    from readiness.core.bank.check import CheckReport

IMPORTED_TAG = "imported"
TRUE_FALSE = ("True", "False")

_NUMBER_WORDS = {
    1: ("one", "1"),
    2: ("two", "2"),
    3: ("three", "3"),
    4: ("four", "4"),
    5: ("five", "5"),
    6: ("six", "6"),
}
_WORD_TO_NUMBER = {word: n for n, words in _NUMBER_WORDS.items() for word in words}
# "Select two", "choose 3", "(select 2)", "Which TWO of the following", "mark three answers"
_SELECT_PHRASE = re.compile(
    r"\b(?:select|choose|pick|mark|identify|which)\s+(?:the\s+)?(one|two|three|four|five|six|[1-6])\b",
    re.IGNORECASE,
)


def item_kind(item: MultipleChoiceItem) -> str:
    if is_true_false(item):
        return "true-false"
    return item.kind


def is_true_false(item: MultipleChoiceItem) -> bool:
    return tuple(o.text for o in item.options) == TRUE_FALSE and len(item.key) == 1


def stated_select_counts(stem: str) -> set[int]:
    """The numbers of answers the stem asks for ("select two" -> {2})."""
    return {_WORD_TO_NUMBER[m.group(1).lower()] for m in _SELECT_PHRASE.finditer(stem)}


def _option_identity(text: str) -> str:
    return " ".join(text.casefold().split())


class ItemChecks:
    report: CheckReport
    tasks: dict[str, set[str]] | None

    def problem(self, file: str, item_id: str, message: str) -> None: ...
    def claim_id(self, file: str, owner: str, entry_id: str) -> None: ...
    def check_code(self, file: str, owner: str, ref: CodeRef, *, answer: bool,
                   what: str) -> None: ...

    def check_item(self, file: str, item: MultipleChoiceItem) -> None:
        rep = self.report
        rep.items += 1
        rep.by_domain[item.domain] += 1
        rep.by_kind[item_kind(item)] += 1
        self.claim_id(file, item.id, item.id)
        n_options, n_keys = len(item.options), len(item.key)
        for k in item.key:
            if k >= n_options:
                self.problem(
                    file,
                    item.id,
                    f"key {k} is not among the options "
                    f"(there are {n_options}, numbered 0-{n_options - 1})",
                )
        if n_keys == 1:
            if n_options == 2:
                if not is_true_false(item):
                    self.problem(
                        file,
                        item.id,
                        "a two-option item must be True/False with options exactly 'True', 'False'",
                    )
            elif n_options != 4:
                self.problem(
                    file,
                    item.id,
                    f"a single best answer item has exactly 4 options, this one has {n_options}",
                )
        else:
            if not 4 <= n_options <= 6:
                self.problem(
                    file,
                    item.id,
                    f"a multiple-response item has 4 to 6 options, this one has {n_options}",
                )
            stated = stated_select_counts(item.stem)
            if n_keys not in stated:
                self.problem(
                    file,
                    item.id,
                    "the stem must state the number to select "
                    f"(e.g. 'Select {_NUMBER_WORDS[n_keys][0]}.'), "
                    f"the key has {n_keys}",
                )
            elif stated - {n_keys}:
                self.problem(
                    file,
                    item.id,
                    f"the stem asks for {sorted(stated)} answers but the key has {n_keys}",
                )
        rep.cues.add(item)
        texts: dict[str, int] = {}
        for index, option in enumerate(item.options):
            ident = _option_identity(option.text)
            if ident in texts:
                self.problem(
                    file, item.id, f"options {texts[ident]} and {index} have the same text"
                )
            texts.setdefault(ident, index)
            keyed = index in item.key
            for ref in option.codes:
                self.check_code(file, item.id, ref, answer=keyed, what=f"option {index}")
        if self.tasks is not None and IMPORTED_TAG not in item.tags:
            allowed = self.tasks.get(item.domain)
            if allowed is not None and item.task not in allowed:
                self.problem(
                    file,
                    item.id,
                    f"task {item.task!r} is not a task of domain {item.domain} in the blueprint "
                    f"(one of: {'; '.join(sorted(allowed))})",
                )
