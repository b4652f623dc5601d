"""The score stored when an attempt finishes always equals the score its review shows,
whatever codes were typed (blank fields, repeats, optional codes, junk, any order)."""

from __future__ import annotations

from dataclasses import replace

from fixtures.exam_bank import make_bank
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.core.bank.models import Bank, CodeRef, ScenarioAnswer
from readiness.core.exam.forms import FormSpec, Mode
from readiness.workspace import Workspace

pcs = lambda c: CodeRef("icd10pcs", c)  # noqa: E731


def bank_with_optional() -> Bank:
    bank = make_bank(per_domain=1, scenarios=1)
    sc = bank.scenarios[0]
    typed = replace(sc.questions[2], sequenced=True, answers=(
        ScenarioAnswer(pcs("0BJ08ZZ"), alternatives=(pcs("0BJ04ZZ"),)),
        ScenarioAnswer(pcs("0DTJ4ZZ")),
        ScenarioAnswer(pcs("5A1955Z"), optional=True),
    ))
    return replace(bank, scenarios=(replace(sc, questions=(*sc.questions[:2], typed)),))


TYPED = st.lists(st.sampled_from(
    ["0BJ08ZZ", "0bj04zz", "0DTJ4ZZ", "5A1955Z", "", "  ", "0W9G3ZZ", "ZZZ", "0BJ0OZZ"]),
    max_size=9)
PICKED = st.lists(st.sampled_from(
    ["icd10cm:J44.1", "icd10cm:J44.0", "icd10cm:E11.9", "icd10cm:I10", "icd10cm:R05.9"]),
    max_size=4, unique=True)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=TYPED, pdx=PICKED, sdx=PICKED, selected=st.lists(st.integers(0, 3), max_size=2))
def test_stored_score_equals_the_review(workspace: Workspace, typed: list[str],
                                        pdx: list[str], sdx: list[str],
                                        selected: list[int]) -> None:
    exams = workspace.exams
    exams.set_bank(bank_with_optional())
    spec = FormSpec(mode=Mode.CUSTOM, blueprint_id="ccs-candidate-guide", seed=3,
                    multiple_choice=5, scenarios=1)
    run = exams.start(spec)
    for position, entry in enumerate(run.form.entries):
        if entry.kind == "scenario":
            sc = run.content(position)
            ids = [q.id for q in sc.questions]  # type: ignore[union-attr]
            run.set_codes(position, ids[0], pdx[:1])
            run.set_codes(position, ids[1], sdx)
            run.set_codes(position, ids[2], typed)
        elif selected:
            run.select(position, set(selected[:1]))
    review = run.finish()
    stored = exams.review(run.attempt_id).summary
    assert (stored.earned, stored.possible) == (review.result.earned, review.result.possible)
    assert review.result.earned == sum(e.earned for e in review.result.entries
                                       if not e.entry.pretest)
    scenario = next(e for e in review.result.entries if e.entry.kind == "scenario")
    assert scenario.earned == sum(q.earned for q in scenario.questions)
    # The optional code never costs a point and never earns one.
    typed_score = scenario.questions[2]
    assert typed_score.possible == 3  # two required codes and the sequencing point
    assert "icd10pcs:5A1955Z" not in typed_score.extra + typed_score.missing
