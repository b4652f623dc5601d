"""Hypothesis strategies for banks that match the bank-v2 schema."""

from __future__ import annotations

from hypothesis import strategies as st

from readiness.core.bank.models import (
    SETTINGS,
    Bank,
    CodeRef,
    Document,
    MultipleChoiceItem,
    Option,
    Scenario,
    ScenarioAnswer,
    ScenarioQuestion,
)
from readiness.core.bank.titles import SERVICES

DOMAINS = (
    "coding-knowledge",
    "coding-documentation",
    "provider-queries",
    "regulatory-compliance",
    "information-technologies",
)
WHERE = "generated.json"

texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
difficulties = st.sampled_from(("easy", "medium", "hard"))
code_refs = st.one_of(
    st.from_regex(r"\A[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?\Z").map(
        lambda c: CodeRef("icd10cm", c)
    ),
    st.from_regex(r"\A[0-9A-HJ-NP-Z]{7}\Z").map(lambda c: CodeRef("icd10pcs", c)),
    st.from_regex(r"\A[0-9]{5}\Z").map(lambda c: CodeRef("cpt", c)),
    st.from_regex(r"\A[A-V][0-9]{4}\Z").map(lambda c: CodeRef("hcpcs", c)),
)
code_tuples = st.lists(code_refs, max_size=3).map(tuple)
str_tuples = st.lists(texts, max_size=3).map(tuple)


@st.composite
def items(draw: st.DrawFn, item_id: str) -> MultipleChoiceItem:
    options = draw(
        st.lists(
            st.builds(Option, text=texts, codes=code_tuples, rationale=texts),
            min_size=2,
            max_size=6,
        )
    )
    key = draw(st.lists(st.integers(0, len(options) - 1), min_size=1, max_size=3, unique=True))
    return MultipleChoiceItem(
        id=item_id,
        domain=draw(st.sampled_from(DOMAINS)),
        task=draw(texts),
        difficulty=draw(difficulties),
        stem=draw(texts),
        options=tuple(options),
        key=tuple(key),
        rationale=draw(texts),
        references=draw(str_tuples),
        tags=draw(str_tuples),
        source_file=WHERE,
    )


answers = st.builds(
    ScenarioAnswer,
    code=code_refs,
    poa=st.sampled_from((None, "Y", "N", "U", "W", "1")),
    alternatives=code_tuples,
    optional=st.booleans(),
)


@st.composite
def scenarios(draw: st.DrawFn, scenario_id: str, question_ids: list[str]) -> Scenario:
    questions = tuple(
        ScenarioQuestion(
            id=qid,
            prompt=draw(texts),
            style=draw(st.sampled_from(("pick-one", "pick-many", "enter"))),
            answers=tuple(draw(st.lists(answers, min_size=1, max_size=3))),
            sequenced=draw(st.booleans()),
            choices=draw(code_tuples),
            rationale=draw(texts),
        )
        for qid in question_ids
    )
    return Scenario(
        id=scenario_id,
        title=draw(texts),
        setting=draw(st.sampled_from(SETTINGS)),
        service=draw(st.sampled_from(SERVICES)),
        sex=draw(st.sampled_from((None, "F", "M"))),
        domain=draw(st.sampled_from(DOMAINS)),
        difficulty=draw(difficulties),
        documents=tuple(draw(st.lists(st.builds(Document, texts, texts), min_size=1, max_size=2))),
        questions=questions,
        references=draw(str_tuples),
        tags=draw(str_tuples),
        source_file=WHERE,
    )


@st.composite
def banks(draw: st.DrawFn) -> Bank:
    ids = draw(st.lists(st.from_regex(r"\A[a-z0-9][a-z0-9-]{2,12}\Z"), unique=True, max_size=16))
    n_items = draw(st.integers(0, len(ids)))
    item_list = [draw(items(i)) for i in ids[:n_items]]
    rest = ids[n_items:]
    scenario_list = []
    while rest:
        take = draw(st.integers(1, min(3, len(rest))))
        head, *question_ids = rest[: take + 1] if len(rest) > 1 else [rest[0]]
        rest = rest[take + 1 :]
        if not question_ids:
            question_ids = [f"{head}-q"]
        scenario_list.append(draw(scenarios(head, question_ids)))
    return Bank(items=tuple(item_list), scenarios=tuple(scenario_list), files=(WHERE,))
