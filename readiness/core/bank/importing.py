"""Turn questions read from other formats (GIFT, Moodle XML) into bank items.

The format parsers (:mod:`.gift`, :mod:`.moodle`) only read their syntax into
:class:`~.source.SourceQuestion` records; the rules that map those onto the bank
format live here, once, so both formats behave the same:

- True/false becomes a two-option item with options ``True`` and ``False``.
- Multiple choice with one fully right answer (100 %) becomes a single best
  answer item: it must have exactly four options.  Several answers with a
  positive weight become a multiple-response item (two or three keys among four
  to six options); when the stem does not say how many to select, ``(Select
  two.)`` is appended, as the bank format requires.  Partial-credit answers in
  a single-answer question count as wrong: the bank has no partial credit.
- Per-answer feedback becomes the option's ``why``; general feedback becomes
  the rationale.  Where the source has none, a note says so.
- The category becomes a tag ``category:<path>``, Moodle tags stay tags, and
  every imported item carries the tag ``imported``.  Items take the domain the
  user chose and the task ``Imported question``.

A question the bank cannot represent is *skipped* with its reason; a file the
parser cannot read is an :class:`~readiness.core.errors.ImportFailed` naming
the line or the question, and nothing is imported (all or nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from readiness.core.bank.check_items import IMPORTED_TAG, stated_select_counts
from readiness.core.bank.gift import parse_gift
from readiness.core.bank.limits import check_size, loads_limited
from readiness.core.bank.loader import parse_bank_data
from readiness.core.bank.models import Bank, Difficulty, MultipleChoiceItem, Option
from readiness.core.bank.moodle import parse_moodle_xml
from readiness.core.bank.source import (
    ParsedSource,
    Skipped,
    SourceQuestion,
)
from readiness.core.errors import ImportFailed, UserError

SourceFormat = Literal["gift", "moodle-xml", "bank-json"]
FORMAT_NAMES: dict[SourceFormat, str] = {
    "gift": "GIFT",
    "moodle-xml": "Moodle XML",
    "bank-json": "CCS Readiness bank (JSON)",
}
IMPORTED_TASK = "Imported question"
NO_FEEDBACK = "The imported file gives no feedback for this option."
NO_RATIONALE = "The imported file gives no general feedback for this question."
_NUMBER_WORDS = {2: "two", 3: "three"}


@dataclass(frozen=True)
class ImportResult:
    bank: Bank
    skipped: tuple[Skipped, ...]
    format: SourceFormat

    @property
    def count(self) -> int:
        return len(self.bank.items) + len(self.bank.scenarios)


def slug(text: str, limit: int = 40) -> str:
    value = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-")
    return value if len(value) >= 3 else f"imp-{value}".strip("-") if value else "imported"


# -- mapping -------------------------------------------------------------------------------


def _why(feedback: str) -> str:
    return feedback.strip() or NO_FEEDBACK


def _tags(q: SourceQuestion) -> tuple[str, ...]:
    tags = [IMPORTED_TAG]
    if q.category:
        tags.append(f"category:{q.category}")
    tags.extend(t for t in q.tags if t and t not in tags)
    return tuple(tags)


def _map_question(
    q: SourceQuestion, item_id: str, domain: str, difficulty: Difficulty, source_file: str
) -> MultipleChoiceItem | Skipped:
    def skip(reason: str) -> Skipped:
        return Skipped(q.where, q.name, reason)

    stem = q.text.strip()
    if not stem:
        return skip("the question has no text")
    answers = [a for a in q.answers if a.text.strip()]
    if len(answers) != len(q.answers):
        return skip("an answer has no text")
    if q.kind == "truefalse":
        truth = {a.text.strip().lower(): a for a in answers}
        if set(truth) != {"true", "false"}:
            return skip("a true/false question needs exactly the answers true and false")
        right = [k for k, a in truth.items() if a.fraction >= 100]
        if len(right) != 1:
            return skip("exactly one of true and false must be worth 100%")
        options: tuple[Option, ...] = (
            Option("True", rationale=_why(truth["true"].feedback)),
            Option("False", rationale=_why(truth["false"].feedback)),
        )
        key: tuple[int, ...] = (0,) if right == ["true"] else (1,)
    else:
        texts = [" ".join(a.text.casefold().split()) for a in answers]
        if len(set(texts)) != len(texts):
            return skip("two answers have the same text")
        full = [i for i, a in enumerate(answers) if a.fraction >= 100]
        positive = [i for i, a in enumerate(answers) if a.fraction > 0]
        single = q.single if q.single is not None else len(positive) <= 1
        if not single and full == positive and len(full) == 1:
            single = True  # a checkbox question with one right answer: single best answer
        if single:
            if len(full) != 1:
                return skip(
                    "a single-answer question needs exactly one answer worth 100% "
                    f"(this one has {len(full)})"
                )
            key = (full[0],)
            if len(answers) != 4:
                return skip(
                    "a single best answer item has exactly 4 options; this question has "
                    f"{len(answers)}"
                )
        else:
            if not 2 <= len(positive) <= 3:
                return skip(
                    "a multiple-response item has 2 or 3 right answers; this question has "
                    f"{len(positive)} with a positive weight"
                )
            if not 4 <= len(answers) <= 6:
                return skip(
                    f"a multiple-response item has 4 to 6 options; this question has {len(answers)}"
                )
            key = tuple(positive)
            if len(key) not in stated_select_counts(stem):
                stem = f"{stem} (Select {_NUMBER_WORDS[len(key)]}.)"
        options = tuple(Option(a.text.strip(), rationale=_why(a.feedback)) for a in answers)
    return MultipleChoiceItem(
        id=item_id,
        domain=domain,
        task=IMPORTED_TASK,
        difficulty=difficulty,
        stem=stem,
        options=options,
        key=key,
        rationale=q.general_feedback.strip() or NO_RATIONALE,
        references=(),
        tags=_tags(q),
        source_file=source_file,
    )


def source_to_bank(
    parsed: ParsedSource,
    *,
    domain: str,
    id_prefix: str,
    difficulty: Difficulty = "medium",
    source_file: str = "",
) -> tuple[Bank, tuple[Skipped, ...]]:
    items: list[MultipleChoiceItem] = []
    skipped = list(parsed.skipped)
    for q in parsed.questions:
        result = _map_question(
            q, f"{id_prefix}-{len(items) + 1:04d}", domain, difficulty, source_file
        )
        if isinstance(result, Skipped):
            skipped.append(result)
        else:
            items.append(result)
    return Bank(items=tuple(items), files=(source_file,)), tuple(skipped)


# -- entry point ---------------------------------------------------------------------------


def detect_format(file_name: str, text: str) -> SourceFormat:
    suffix = PurePath(file_name).suffix.lower()
    if suffix == ".xml":
        return "moodle-xml"
    if suffix == ".json":
        return "bank-json"
    if suffix in (".gift", ".txt"):
        return "gift"
    head = text.lstrip("\ufeff \t\r\n")[:200]
    if head.startswith("<"):
        return "moodle-xml"
    if head.startswith("{") and "ccs-readiness-bank" in text[:2000]:
        return "bank-json"
    return "gift"


def import_text(
    text: str,
    *,
    file_name: str,
    domain: str,
    id_prefix: str | None = None,
    difficulty: Difficulty = "medium",
    fmt: SourceFormat | None = None,
) -> ImportResult:
    """Read a whole file's text; raise ImportFailed (naming file and line/question) or succeed."""
    fmt = fmt or detect_format(file_name, text)
    prefix = id_prefix or slug(PurePath(file_name).stem)
    if fmt == "bank-json":
        data = loads_limited(text, file_name)
        try:
            bank = parse_bank_data(data, where=file_name)
        except UserError as exc:
            raise ImportFailed(exc.message, where=file_name) from None
        if not bank.items and not bank.scenarios:
            raise ImportFailed("the file holds no questions", where=file_name)
        check_size(len(bank.items) + len(bank.scenarios), file_name)
        return ImportResult(bank, (), fmt)
    parsed = parse_gift(text, file_name) if fmt == "gift" else parse_moodle_xml(text, file_name)
    check_size(len(parsed.questions), file_name)
    bank, skipped = source_to_bank(
        parsed, domain=domain, id_prefix=prefix, difficulty=difficulty, source_file=file_name
    )
    if not bank.items:
        reasons = "; ".join(str(s) for s in skipped[:3]) or "the file holds no questions"
        raise ImportFailed(f"no question could be imported: {reasons}", where=file_name)
    return ImportResult(bank, skipped, fmt)


