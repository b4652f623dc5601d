import pytest
from fixtures.exam_bank import make_bank, make_scenario
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.core.bank.models import CodeRef, ScenarioAnswer, ScenarioQuestion
from readiness.core.exam.forms import Form, FormEntry, FormSpec, Mode
from readiness.core.exam.scoring import (
    entry_problem,
    parse_given,
    scaled_estimate,
    score_attempt,
    score_question,
)
from readiness.core.exam.session import Response

cm = lambda c: CodeRef("icd10cm", c)  # noqa: E731


def sequenced_enter(*codes, alternatives=()):
    answers = [ScenarioAnswer(cm(c)) for c in codes]
    if alternatives:
        answers[0] = ScenarioAnswer(cm(codes[0]), alternatives=tuple(cm(a) for a in alternatives))
    return ScenarioQuestion(
        id="q", prompt="Enter the diagnosis codes, principal first.", style="enter",
        answers=tuple(answers), sequenced=True, rationale="r",
    )


def test_typed_codes_are_normalised_and_matched():
    q = sequenced_enter("J44.1", "E11.9")
    s = score_question(q, ["j441", "E11.9"])
    assert (s.earned, s.possible, s.sequencing_ok) == (3, 3, True)
    assert s.extra == ()


def test_sequencing_point_is_lost_when_the_principal_is_not_first():
    s = score_question(sequenced_enter("J44.1", "E11.9"), ["E11.9", "J44.1"])
    assert (s.earned, s.possible, s.sequencing_ok) == (2, 3, False)


def test_missing_and_extra_codes():
    s = score_question(sequenced_enter("J44.1", "E11.9"), ["J44.1", "I10", "ZZZ"])
    assert s.missing == ("icd10cm:E11.9",)
    assert s.extra == ("icd10cm:I10", "ZZZ")
    assert s.earned == 0  # 1 code + 1 sequencing - 2 extras


def test_extras_never_push_a_question_below_zero():
    s = score_question(sequenced_enter("J44.1"), ["I10", "R05.9", "E11.9"])
    assert s.earned == 0


def test_alternatives_and_duplicates():
    q = sequenced_enter("J44.1", alternatives=("J44.0",))
    s = score_question(q, ["J44.0", "J44.0"])
    assert s.earned == s.possible == 2
    assert s.extra == ()


def test_pick_one_has_no_sequencing_point():
    q = make_scenario("sc-x").questions[0]
    assert score_question(q, ["icd10cm:J44.1"]).possible == 1
    assert score_question(q, ["icd10cm:J18.9"]).earned == 0


def test_pick_many_scores_per_code():
    q = make_scenario("sc-x").questions[1]
    assert score_question(q, ["icd10cm:E11.9"]).earned == 1
    assert score_question(q, ["icd10cm:E11.9", "icd10cm:I10"]).earned == 2
    assert score_question(q, ["icd10cm:E11.9", "icd10cm:I10", "icd10cm:R05.9"]).earned == 1


def test_entry_format_checks():
    q = make_scenario("sc-x").questions[2]  # PCS
    assert entry_problem(q, "0BJ08ZZ") is None
    assert "7 characters" in entry_problem(q, "0BJ08Z")
    assert "letter O" in entry_problem(q, "0BJ0OZZ")
    assert entry_problem(q, "") is None
    assert parse_given("icd10cm:j441", ()) == cm("J44.1")
    assert parse_given("nonsense", ("icd10cm",)) is None


def test_scaled_estimate_is_linear_around_the_cut(blueprint):
    assert scaled_estimate(70.0, blueprint) == 300
    assert scaled_estimate(100.0, blueprint) == 400
    assert scaled_estimate(0.0, blueprint) == 100
    assert scaled_estimate(35.0, blueprint) == 200
    assert scaled_estimate(85.0, blueprint) == 350


def test_score_attempt_per_domain_pretest_and_status(blueprint):
    bank = make_bank(per_domain=3, scenarios=1)
    entries = (
        FormEntry("ck-0000", "single", "coding-knowledge"),
        FormEntry("ck-0001", "single", "coding-knowledge"),
        FormEntry("ck-0002", "multiple", "coding-knowledge"),
        FormEntry("pq-0000", "single", "provider-queries", pretest=True),
        FormEntry("cd-0000", "single", "coding-documentation"),
        FormEntry("sc-000", "scenario", "coding-knowledge"),
    )
    form = Form(FormSpec(Mode.FULL, blueprint.id, 1, time_limit_s=3600.0), entries)
    responses = {
        0: Response(selected=(1,)),  # correct
        1: Response(selected=(0,), flagged=True),  # wrong
        2: Response(selected=(0,)),  # half of a multiple response: wrong
        3: Response(selected=(1,)),  # pretest: not counted
        # 4 unanswered
        5: Response(codes={"sc-000-pdx": ("icd10cm:J44.1",), "sc-000-sdx": ("icd10cm:I10",),
                           "sc-000-pcs": ("0BJ08ZZ",)}),
    }
    result = score_attempt(bank, blueprint, form, responses, elapsed_s=1200.0)
    statuses = [e.status for e in result.entries]
    assert statuses == ["correct", "incorrect", "incorrect", "unscored", "unanswered", "partial"]
    assert result.earned == 1 + 3  # scenario: pdx 1 + sdx 1 of 2 + pcs 1
    assert result.possible == 4 + 4
    ck = result.domains[0]
    assert (ck.earned, ck.possible) == (4, 7)
    cd = next(d for d in result.domains if d.domain_id == "coding-documentation")
    assert cd.percent == 0
    pq = next(d for d in result.domains if d.domain_id == "provider-queries")
    assert pq.percent is None
    # weighted: (0.48 * 57.14 + 0.20 * 0) / 0.68
    assert result.weighted_percent == pytest.approx(0.48 * 400 / 7 / 0.68)
    assert result.flagged == 1
    assert result.passed_estimate is False
    assert result.weights_are_estimates


def test_items_removed_from_the_bank_are_skipped(blueprint):
    form = Form(FormSpec(Mode.CUSTOM, blueprint.id, 1), (FormEntry("gone", "single", "x"),))
    result = score_attempt(make_bank(), blueprint, form, {}, 0.0)
    assert result.entries == () and result.percent is None and result.scaled_estimate is None


codes_pool = ["J44.1", "E11.9", "I10", "R05.9", "Z87.891", "N18.3", "xx"]


@settings(max_examples=150, deadline=None)
@given(
    key=st.lists(st.sampled_from(codes_pool[:-1]), min_size=1, max_size=4, unique=True),
    given_codes=st.lists(st.sampled_from(codes_pool), max_size=7),
    sequenced=st.booleans(),
)
def test_question_score_bounds(key, given_codes, sequenced):
    q = ScenarioQuestion(id="q", prompt="p", style="enter",
                         answers=tuple(ScenarioAnswer(cm(c)) for c in key),
                         sequenced=sequenced, rationale="r")
    s = score_question(q, given_codes)
    assert 0 <= s.earned <= s.possible
    assert s.possible == len(key) + (1 if sequenced else 0)
    assert len(s.matched) + len(s.missing) == len(key)
    # The key itself, in order, always earns every point; reversed loses only sequencing.
    full = score_question(q, key)
    assert full.earned == full.possible
    if sequenced and len(key) > 1:
        assert score_question(q, key[::-1]).earned == full.possible - 1


def with_optional(required, optional, sequenced=False):
    answers = [ScenarioAnswer(cm(c)) for c in required]
    answers += [ScenarioAnswer(cm(c), optional=True) for c in optional]
    return ScenarioQuestion(id="q", prompt="Enter the codes.", style="enter",
                            answers=tuple(answers), sequenced=sequenced, rationale="r")


def test_a_missing_optional_code_costs_nothing():
    s = score_question(with_optional(["I50.33", "I13.0"], ["Z91.110"]), ["I50.33", "I13.0"])
    assert (s.earned, s.possible) == (2, 2)
    assert s.missing == () and s.extra == () and s.optional == ()


def test_an_entered_optional_code_is_not_an_extra_and_earns_nothing():
    s = score_question(with_optional(["I50.33", "I13.0"], ["Z91.110"]),
                       ["I13.0", "Z91.110", "I50.33"])
    assert (s.earned, s.possible) == (2, 2)
    assert s.optional == ("icd10cm:Z91.110",) and s.extra == ()


def test_sequencing_counts_the_first_required_code():
    q = with_optional(["I50.33", "I13.0"], ["Z91.110"], sequenced=True)
    assert score_question(q, ["I50.33", "Z91.110", "I13.0"]).earned == 3
    assert score_question(q, ["Z91.110", "I50.33", "I13.0"]).sequencing_ok is False


def test_blank_fields_are_not_answers():
    s = score_question(with_optional(["I50.33"], []), ["", "I50.33", "   "])
    assert (s.earned, s.extra) == (1, ())
