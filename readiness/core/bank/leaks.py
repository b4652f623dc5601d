"""Candidate-facing scenario text that names the answer (``bank check``, docs/bank-format.md).

During an exam the candidate sees a scenario's question prompts, its document titles and
its service; none of them may name a keyed diagnosis or procedure.  The rule: a
*significant word* of the official title of any keyed code (answers and their
alternatives, optional ones too) must not appear in that text.  Significant: five letters
or more (shorter words are mostly joiners: "with", "of", "due", "left"), not a stop word
of code titles ("unspecified", "encounter", "approach" ...), not a word every record uses
("diagnosis", "procedure", "report" ...) and not a word of the allowed service names
(the list is neutral by construction: a "Newborn" service may hold P-codes that say
"newborn").  Plural "s" is dropped so "fractures" meets "fracture".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from readiness.core.bank.models import CodeRef, Scenario
from readiness.core.bank.titles import SERVICES

MIN_LETTERS = 5

# Words of code titles that say nothing about the case.
TITLE_STOP_WORDS = frozenset(str.split("""
    other unspecified specified without elsewhere classified encounter initial subsequent
    sequela sequelae approach external percutaneous endoscopic natural opening open via
    device devices qualifier using right left bilateral multiple single first second third
    fourth portion region complicating complication complications condition conditions
    history current status level degree total partial associated involving involvement
    affecting category categories organism caused due type stage episode following
    patient patients person persons injury trimester weeks unknown except cause causes
    place occurrence activity activities
"""))
# Words any record or prompt uses ("Select the principal diagnosis", "Operative report").
RECORD_WORDS = frozenset(str.split("""
    select enter principal additional diagnosis diagnoses procedure procedures report
    reports reported reporting codes coded coding first listed order sequence sequenced
    history physical progress discharge summary operative emergency department record
    records pathology nursing medication administration hospital admission admitting
    consult consultation clinic office visit encounter service services provider
    physician surgeon surgery surgical notes excerpt triage assessment intake instructions
    addendum follow postpartum labor delivery assistant rooming medical should these those
    there their which would could about after before during admitted including question
    modifiers rationale discussed performed reports listed apply select others
"""))
SERVICE_WORDS = frozenset(w for s in SERVICES for w in re.findall(r"[a-z]+", s.casefold()))
IGNORED = TITLE_STOP_WORDS | RECORD_WORDS | SERVICE_WORDS

_WORD = re.compile(r"[A-Za-z]+")


def _stem(word: str) -> str:
    word = word.casefold()
    if len(word) > MIN_LETTERS and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def significant_words(text: str) -> set[str]:
    """The words of ``text`` the leak rule compares (lower case, plural 's' dropped)."""
    out = set()
    for raw in _WORD.findall(text):
        if len(raw) < MIN_LETTERS:
            continue
        word = _stem(raw)
        if word not in IGNORED and raw.casefold() not in IGNORED:
            out.add(word)
    return out


def keyed_codes(scenario: Scenario) -> list[CodeRef]:
    return [ref for q in scenario.questions for a in q.answers
            for ref in (a.code, *a.alternatives)]


def candidate_texts(scenario: Scenario) -> Iterable[tuple[str, str]]:
    """(where, text) of everything the candidate reads about the case besides the record."""
    yield "service", scenario.service
    for index, document in enumerate(scenario.documents, start=1):
        yield f"document {index} title", document.title
    for question in scenario.questions:
        yield f"question {question.id} prompt", question.prompt


def leaks(scenario: Scenario, titles: Mapping[CodeRef, str]) -> list[str]:
    """One message per candidate-facing text that shares significant words with the
    title of a keyed code (codes without a known title are skipped)."""
    code_words: dict[str, list[str]] = {}
    for ref in keyed_codes(scenario):
        for word in significant_words(titles.get(ref, "")):
            code_words.setdefault(word, [])
            if ref.code not in code_words[word]:
                code_words[word].append(ref.code)
    out = []
    for where, text in candidate_texts(scenario):
        shared = sorted(significant_words(text) & code_words.keys())
        if shared:
            named = "; ".join(f"{w!r} ({', '.join(code_words[w])})" for w in shared)
            out.append(f"{where} {text!r} names the answer: {named} from the keyed code "
                       "titles; use a neutral wording (docs/bank-format.md, 'No giveaways')")
    return out
