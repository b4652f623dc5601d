"""MS-DRG impact of inpatient coding, with the real drgpy grouper (v43.1, FY2026)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given as for_all
from hypothesis import settings
from hypothesis import strategies as st

from readiness.core.bank.loader import load_bank_dir, shipped_bank_dir
from readiness.core.bank.models import (
    CodeRef,
    Document,
    Scenario,
    ScenarioAnswer,
    ScenarioQuestion,
)
from readiness.core.exam.drg import (
    GROUPER_VERSION,
    CodeSet,
    drg_impact,
    given_codes,
    group,
    grouper,
    key_codes,
)


@pytest.fixture(scope="module", autouse=True)
def engine():
    """Load the grouper once (it is cached for the whole process)."""
    return grouper()


def _answers(system: str, codes: Sequence[str]) -> tuple[ScenarioAnswer, ...]:
    return tuple(
        ScenarioAnswer(CodeRef(system, c), poa="Y" if system == "icd10cm" else None)  # type: ignore[arg-type]
        for c in codes
    )


def case(pdx: str, sdx: Sequence[str] = (), pcs: Sequence[str] = (), *, sex: str | None = None,
         setting: str = "inpatient") -> Scenario:
    questions = [
        ScenarioQuestion("t-pdx", "Select the principal diagnosis.", "pick-one",
                         _answers("icd10cm", [pdx]), True,
                         choices=(CodeRef("icd10cm", pdx),)),
        ScenarioQuestion("t-sdx", "Enter the other diagnoses.", "enter",
                         _answers("icd10cm", sdx), False),
    ]
    if pcs:
        questions.append(ScenarioQuestion("t-pcs", "Enter the procedures.", "enter",
                                          _answers("icd10pcs", pcs), False))
    return Scenario("t", "Test case", setting, "coding-knowledge", "hard",  # type: ignore[arg-type]
                    (Document("Record", "..."),), tuple(questions), sex=sex)  # type: ignore[arg-type]


def given(pdx: str | None, sdx: Sequence[str] = (), pcs: Sequence[str] = ()) -> dict:
    return {"t-pdx": [f"icd10cm:{pdx}"] if pdx else [], "t-sdx": list(sdx), "t-pcs": list(pcs)}


def test_the_grouper_is_the_fy2026_version(engine) -> None:
    assert GROUPER_VERSION == "v43.1"
    assert engine.version == "v43.1"


# -- constructed cases ------------------------------------------------------------------------
def test_heart_failure_missed_mcc_gives_the_cc_drg() -> None:
    scenario = case("I11.0", ["I50.23", "N17.9"])
    impact = drg_impact(scenario, given("I11.0", ["I50.9", "N17.9"]))
    assert impact is not None and impact.yours is not None
    assert (impact.key.drg, impact.key.title) == ("291", "Heart Failure and Shock with MCC")
    assert (impact.yours.drg, impact.yours.title) == ("292", "Heart Failure and Shock with CC")
    assert impact.key.severity == "MCC" and impact.yours.severity == "CC"
    assert impact.key.mdc == "05" and impact.key.partition == "medical"
    assert not impact.matches
    assert impact.differences == ("You missed the MCC I50.23.",)
    assert impact.headline == ("Your codes group to MS-DRG 292 Heart Failure and Shock with CC; "
                               "the key groups to MS-DRG 291 Heart Failure and Shock with MCC.")


def test_heart_failure_without_any_cc_groups_lowest() -> None:
    impact = drg_impact(case("I11.0", ["I50.23"]), given("I11.0", ["I50.9"]))
    assert impact is not None and impact.yours is not None
    assert impact.yours.drg == "293" and impact.yours.severity is None


def test_extra_mcc_is_named() -> None:
    impact = drg_impact(case("I11.0", ["I50.9"]), given("I11.0", ["I50.9", "J96.01"]))
    assert impact is not None and impact.yours is not None
    assert (impact.key.drg, impact.yours.drg) == ("293", "291")
    assert impact.differences == ("Your extra code J96.01 is an MCC not in the key.",)


def test_same_codes_same_drg() -> None:
    scenario = case("I11.0", ["I50.23", "N17.9"])
    impact = drg_impact(scenario, given("I11.0", ["N17.9", "I50.23"]))
    assert impact is not None and impact.matches
    assert impact.differences == () and impact.notes == ()
    assert impact.headline == ("Your codes group to the same MS-DRG as the key: "
                               "MS-DRG 291 Heart Failure and Shock with MCC.")


def test_sepsis_r65_20_is_excluded_by_the_sepsis_principal_diagnosis() -> None:
    """R65.20 is an MCC, but on the CC exclusion list of A41.9: with or without it, 872."""
    with_r65 = group(CodeSet(("A41.9", "R65.20"), ()))
    without = group(CodeSet(("A41.9",), ()))
    assert with_r65.drg == without.drg == "872"
    r65 = with_r65.secondary_code("R65.20")
    assert r65 is not None and r65.level == "MCC"
    assert r65.excluded_by_principal and not r65.counts
    assert with_r65.severity is None and with_r65.mdc == "18"
    # The candidate who leaves R65.20 out lands in the same DRG; the review says why.
    impact = drg_impact(case("A41.9", ["R65.20"]), given("A41.9"))
    assert impact is not None and impact.matches
    assert impact.notes == ("In the key, R65.20 is an MCC that does not count: the principal "
                            "diagnosis A41.9 excludes it (CC exclusion list).",)


def test_sepsis_with_an_mcc_that_counts() -> None:
    impact = drg_impact(case("A41.9", ["R65.20", "G93.41"]), given("A41.9", ["R65.20"]))
    assert impact is not None and impact.yours is not None
    assert (impact.key.drg, impact.yours.drg) == ("871", "872")
    assert impact.differences == ("You missed the MCC G93.41.",)


def test_sepsis_drg_does_not_split_on_cc() -> None:
    impact = drg_impact(case("A41.9", ["N17.9"]), given("A41.9"))
    assert impact is not None and impact.matches
    assert impact.differences == ()
    assert impact.notes == ("You missed the CC N17.9.",
                            "MS-DRG 872 does not split on this CC/MCC level.")


def test_sepsis_as_secondary_with_another_principal_diagnosis() -> None:
    impact = drg_impact(case("A41.9", ["R65.20", "J18.9"]),
                        given("J18.9", ["A41.9", "R65.20"]))
    assert impact is not None and impact.yours is not None
    assert impact.key.drg == "871"  # J18.9 is an MCC as a secondary diagnosis
    assert impact.yours.drg == "193"
    assert impact.yours.mdc == "04"
    assert impact.differences[0] == ("Your principal diagnosis J18.9 is not the key's A41.9; "
                                     "it puts the case in MDC 04 Respiratory System.")
    assert impact.notes == ("R65.20 counts as an MCC with your principal diagnosis, but not in "
                            "the key: the principal diagnosis A41.9 excludes it (CC exclusion "
                            "list). It does not change the CC/MCC level here.",)


def test_missing_or_procedure_turns_a_surgical_case_medical() -> None:
    scenario = case("S72.031A", ["D62"], ["0SRR019"], sex="F")
    impact = drg_impact(scenario, given("S72.031A", ["D62"]))
    assert impact is not None and impact.yours is not None
    assert impact.key.drg == "522" and impact.key.partition == "surgical"
    assert impact.yours.drg == "536" and impact.yours.partition == "medical"
    assert impact.key.mdc == impact.yours.mdc == "08"
    assert impact.differences == ("You missed the operating-room procedure 0SRR019, so your "
                                  "case groups to a medical MS-DRG.",)


def test_extra_or_procedure_makes_the_case_surgical() -> None:
    scenario = case("S72.031A", ["D62"], ["30233N1"])  # transfusion: not an O.R. procedure
    impact = drg_impact(scenario, given("S72.031A", ["D62"], ["30233N1", "0SRR019"]))
    assert impact is not None and impact.yours is not None
    assert impact.yours.drg == "522" and impact.key.drg == "536"
    assert impact.differences == ("Your extra code 0SRR019 is an operating-room procedure that "
                                  "makes your case surgical.",)


def test_a_procedure_decides_only_when_it_moves_the_drg() -> None:
    """NSTEMI with a stent: the stent (O.R.) decides; the catheter measurement does not."""
    scenario = case("I21.4", ["I25.10"], ["027034Z", "4A023N7", "B2111ZZ"], sex="M")
    impact = drg_impact(scenario, given("I21.4", ["I25.10"], ["B2111ZZ"]))
    assert impact is not None and impact.yours is not None
    assert impact.key.drg == "322" and impact.key.partition == "surgical"
    assert impact.yours.drg == "282" and impact.yours.mdc == "05"
    assert impact.differences == ("You missed the operating-room procedure 027034Z, so your "
                                  "case groups to a medical MS-DRG.",)
    assert impact.notes == ("You missed the non-O.R. procedure 4A023N7; it does not change "
                            "the MS-DRG here.",)


def test_cc_excluded_by_the_principal_diagnosis() -> None:
    """I5A (non-ischemic myocardial injury) is a CC, but I13.0 excludes it."""
    g = group(CodeSet(("I13.0", "I5A"), ()), "M")
    i5a = g.secondary_code("I5A")
    assert i5a is not None and i5a.level == "CC" and i5a.excluded_by_principal
    assert g.drg == "293" and g.severity is None
    impact = drg_impact(case("I13.0", ["N18.32"]), given("I13.0", ["N18.32", "I5A"]))
    assert impact is not None and impact.matches
    assert impact.notes == ("Your extra code I5A is a CC, but it does not count: the principal "
                            "diagnosis I13.0 excludes it (CC exclusion list).",)


def test_hospital_acquired_condition_not_present_on_admission_does_not_count() -> None:
    """A stage 3 pressure ulcer (an MCC and a HAC) counts only when present on admission."""
    poa_n = group(CodeSet(("J18.9", "L89.153"), (), {"L89.153": "N"}))
    poa_y = group(CodeSet(("J18.9", "L89.153"), (), {"L89.153": "Y"}))
    assert (poa_y.drg, poa_y.severity) == ("193", "MCC")
    assert (poa_n.drg, poa_n.severity) == ("195", None)
    ulcer = poa_n.secondary_code("L89.153")
    assert ulcer is not None and ulcer.excluded_not_poa and not ulcer.counts


def test_mcc_excluded_for_the_drg_family() -> None:
    """The AMI DRGs 280-282 take an AMI code as principal OR secondary; it is then no MCC."""
    g = group(CodeSet(("I24.9", "I21.01"), ()), "M")
    ami = g.secondary_code("I21.01")
    assert g.drg == "282" and ami is not None and ami.level == "MCC"
    assert ami.excluded_for_drg and not ami.excluded_by_principal and not ami.counts
    impact = drg_impact(case("I24.9", ["I21.01"]), given("I24.9"))
    assert impact is not None and impact.yours is not None
    assert impact.key.drg == "282" and impact.yours.drg == "311"
    assert impact.differences == ("You missed I21.01, which by itself moves the case to another "
                                  "MS-DRG.",)
    assert impact.notes == ("In the key, I21.01 is an MCC that does not count: MS-DRG 282 "
                            "excludes it.",)


def test_no_principal_diagnosis_cannot_be_grouped() -> None:
    impact = drg_impact(case("I11.0", ["I50.23"]), given(None, ["I11.0", "I50.23"]))
    assert impact is not None and impact.yours is None and not impact.matches
    assert impact.headline.startswith("You gave no principal diagnosis")


def test_malformed_and_typed_codes() -> None:
    scenario = case("I11.0", ["I50.23"])
    codes = given_codes(scenario, {"t-pdx": ["icd10cm:I11.0"], "t-sdx": ["i5023", "nonsense"]})
    assert codes.diagnoses == ("I11.0", "I50.23")


def test_not_inpatient_gives_nothing() -> None:
    assert drg_impact(case("I11.0", setting="clinic"), given("I11.0")) is None


# -- the shipped inpatient scenarios ----------------------------------------------------------
EXPECTED = {  # scenario: (MDC, partition) of the key's MS-DRG
    "sc-ip-01": ("18", "medical"),  # sepsis
    "sc-ip-02": ("05", "medical"),  # heart failure
    "sc-ip-03": ("04", "medical"),  # respiratory failure
    "sc-ip-04": ("05", "surgical"),  # coronary stent
    "sc-ip-05": ("08", "surgical"),  # hip replacement for fracture
    "sc-ip-06": ("10", "medical"),  # diabetes
    "sc-ip-07": ("06", "medical"),  # GI hemorrhage
    "sc-ip-08": ("04", "medical"),  # aspiration pneumonia
    "sc-ip-09": ("14", "medical"),  # vaginal delivery (805-807 are medical DRGs)
    "sc-ip-10": ("06", "surgical"),  # sigmoid resection for diverticulitis (330)
    "sc-ip-11": ("08", "surgical"),  # knee replacement revision (467)
    "sc-ip-12": ("05", "surgical"),  # CABG with catheterization (234)
    "sc-ip-13": ("14", "surgical"),  # cesarean with sterilization (784)
    "sc-ip-14": ("15", "medical"),  # newborn with significant problems (794)
    "sc-ip-15": ("20", "medical"),  # alcohol dependence with rehabilitation therapy (895)
    "sc-ip-16": ("19", "medical"),  # major depression groups to Psychoses (885)
    "sc-ip-17": ("18", "medical"),  # septic shock, ventilation > 96 hours (870)
    "sc-ip-18": ("01", "surgical"),  # thrombectomy for an acute stroke (024)
    "sc-ip-19": ("04", "medical"),  # COVID-19 pneumonia (177)
    "sc-ip-20": ("11", "surgical"),  # kidney transplant with hemodialysis (650)
    "sc-ip-21": ("09", "surgical"),  # breast procedure with flap (581)
    "sc-ip-22": ("07", "surgical"),  # laparoscopic cholecystectomy (419)
    "sc-ip-23": ("21", "surgical"),  # hand procedure for an injury (906)
    "sc-ip-24": ("08", "surgical"),  # combined anterior/posterior fusion (402)
    "sc-ip-25": ("05", "surgical"),  # permanent pacemaker (243)
    "sc-ip-26": ("05", "surgical"),  # ablation, intracardiac procedure (274)
    "sc-ip-27": ("06", "surgical"),  # paraesophageal hernia repair (328)
}


@pytest.fixture(scope="module")
def inpatient() -> list[Scenario]:
    bank = load_bank_dir(shipped_bank_dir())
    return [s for s in bank.scenarios if s.setting == "inpatient"]


def test_every_shipped_inpatient_key_groups_plausibly(inpatient: list[Scenario]) -> None:
    assert {s.id for s in inpatient} == set(EXPECTED)
    for scenario in inpatient:
        keyed = key_codes(scenario)
        perfect = {q.id: [str(a.code) for a in q.answers] for q in scenario.questions}
        impact = drg_impact(scenario, perfect)
        assert impact is not None and impact.yours is not None, scenario.id
        assert impact.matches and impact.differences == (), scenario.id
        assert impact.key.principal == keyed.diagnoses[0]
        assert impact.sex_stated
        mdc, partition = EXPECTED[scenario.id]
        assert (impact.key.mdc, impact.key.partition) == (mdc, partition), (
            scenario.id, impact.key.label)


def test_shipped_keys_named_drgs(inpatient: list[Scenario]) -> None:
    drgs = {s.id: drg_impact(s, {}).key.drg for s in inpatient}  # type: ignore[union-attr]
    assert drgs["sc-ip-01"] == "871"  # G93.41 is an MCC; R65.20 excluded by A41.51
    assert drgs["sc-ip-02"] == "291"  # I50.33 is an MCC
    assert drgs["sc-ip-05"] == "522"  # hip replacement for a hip fracture
    assert drgs["sc-ip-07"] == "378"  # GI hemorrhage with CC (D62)


# -- properties over the shipped inpatient scenarios ------------------------------------------
_SHIPPED = [s for s in load_bank_dir(shipped_bank_dir()).scenarios if s.setting == "inpatient"]


@st.composite
def candidate_answers(draw: st.DrawFn) -> tuple[Scenario, dict[str, list[str]]]:
    """A shipped inpatient scenario and codes a candidate could give: some of the key, some of
    the pick lists, in any order, the principal-diagnosis question sometimes wrong."""
    scenario = draw(st.sampled_from(_SHIPPED))
    given: dict[str, list[str]] = {}
    for question in scenario.questions:
        pool = sorted({str(a.code) for a in question.answers} | {str(c) for c in question.choices})
        if question.style == "pick-one":
            given[question.id] = [draw(st.sampled_from(pool))]
        else:
            given[question.id] = draw(st.lists(st.sampled_from(pool), unique=True))
    return scenario, given


@settings(max_examples=60, deadline=None)
@for_all(candidate_answers())
def test_the_explanation_is_there_exactly_when_the_drgs_differ(case_: tuple) -> None:
    scenario, answers = case_
    impact = drg_impact(scenario, answers)
    assert impact is not None and impact.yours is not None
    assert impact.matches == (impact.yours.drg == impact.key.drg)
    assert bool(impact.differences) == (not impact.matches)
    assert impact.key.title and impact.yours.title
    named = " ".join(impact.differences + impact.notes)
    assert "$" not in named and "weight" not in named.lower()


@settings(max_examples=30, deadline=None)
@for_all(st.sampled_from(_SHIPPED), st.randoms(use_true_random=False))
def test_the_key_in_any_order_groups_like_the_key(scenario: Scenario, rnd) -> None:
    answers = {}
    for question in scenario.questions:
        codes = [str(a.code) for a in question.answers]
        if question is not scenario.questions[0]:
            rnd.shuffle(codes)
        answers[question.id] = codes
    impact = drg_impact(scenario, answers)
    assert impact is not None and impact.matches and impact.differences == ()
