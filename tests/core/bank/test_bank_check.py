from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, ClassVar

import pytest
from bank_fakes import FakeValidator
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.core.bank.check import (
    BankChecker,
    blueprint_tasks,
    check_files,
    stated_select_counts,
)
from readiness.core.bank.models import CodeRef
from readiness.core.blueprint import load_blueprints
from readiness.resources import resource_path


def tasks() -> dict[str, set[str]]:
    return blueprint_tasks(load_blueprints(resource_path("blueprints")))


def good() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (Path(__file__).parents[2] / "fixtures/bank/good.json").read_text()
    )
    return data


def problems_of(data: dict[str, Any], validator: FakeValidator | None = None) -> list[str]:
    checker = BankChecker(validator or FakeValidator(), tasks())
    checker.add_data(data, "x.json")
    return [str(p) for p in checker.report.problems]


def test_good_fixture_passes_with_counts(fixtures: Path, validator: FakeValidator) -> None:
    report = check_files([fixtures / "good.json"], validator, tasks())
    assert report.problems == []
    assert report.summary() == (
        "bank check: 2 items, 1 scenario; coding-knowledge 1, provider-queries 1; "
        "multiple 1, single 1; inpatient 1; "
        "key is the one longest option in 0 of 1 items with one longest option (0%); "
        "absolute words in 0% of distractors, 0% of keys; key at A/B/C/D 100%/0%/0%/0%; "
        "0 problems"
    )
    assert report.codes_checked > 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bad-code.json", "fx-0001: option 1: E11.99 is not a code in ICD-10-CM FY2026"),
        ("duplicate-id.json", "fx-0001: duplicate id 'fx-0001' (first used in "),
        (
            "key-not-among-options.json",
            "fx-0001: key 4 is not among the options (there are 4, numbered 0-3)",
        ),
        (
            "non-billable-answer.json",
            "fx-sc-01: question fx-sc-01-pdx answer 1: J18 is not billable in ICD-10-CM FY2026",
        ),
    ],
)
def test_bad_fixtures_fail_precisely(
    fixtures: Path, validator: FakeValidator, name: str, expected: str
) -> None:
    report = check_files([fixtures / name], validator, tasks())
    assert len(report.problems) == 1, report.problems
    line = str(report.problems[0])
    assert line.startswith(f"{fixtures / name}: {expected}"), line
    assert report.summary().endswith("; 1 problem")


def test_duplicate_ids_across_files(fixtures: Path, validator: FakeValidator) -> None:
    report = check_files([fixtures / "good.json", fixtures / "good.json"], validator, tasks())
    # every item, scenario and scenario question id of the second copy is a duplicate
    assert len(report.problems) == 2 + 1 + 3
    assert all("duplicate id" in p.message for p in report.problems)


def test_folder_means_its_json_files(
    tmp_path: Path, fixtures: Path, validator: FakeValidator
) -> None:
    (tmp_path / "a.json").write_text((fixtures / "good.json").read_text())
    (tmp_path / "notes.txt").write_text("not a bank")
    report = check_files([tmp_path], validator, tasks())
    assert report.files == 1 and report.ok


def test_unreadable_and_invalid_json(tmp_path: Path, validator: FakeValidator) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "ccs-readiness-bank",\n  "items": [,]}')
    report = check_files([bad], validator)
    assert [str(p) for p in report.problems] == [
        f"{bad}: not valid JSON (line 2, column 13: Expecting value)"
    ]
    empty = check_files([tmp_path / "nothing"], validator)
    assert not empty.ok


def test_schema_problems_name_the_item_and_other_items_still_checked() -> None:
    data = good()
    del data["items"][0]["rationale"]
    data["items"][1]["options"][2]["codes"] = ["icd10cm:E11.99"]
    problems = problems_of(data)
    assert problems[0] == "x.json: fx-0001: format: items/0: 'rationale' is a required property"
    assert problems[1] == "x.json: fx-0002: option 2: E11.99 is not a code in ICD-10-CM FY2026"
    assert len(problems) == 2


def test_top_level_schema_problem() -> None:
    data = good()
    data["format"] = "something-else"
    assert problems_of(data) == ["x.json: format: format: 'ccs-readiness-bank' was expected"]


def test_single_answer_needs_four_options() -> None:
    data = good()
    data["items"][0]["options"].append({"text": "E13.9", "why": "Wrong: other specified diabetes."})
    assert problems_of(data) == [
        "x.json: fx-0001: a single best answer item has exactly 4 options, this one has 5"
    ]


def test_true_false_pair_is_accepted_and_other_pairs_are_not() -> None:
    data = good()
    data["items"][0]["options"] = [{"text": "True", "why": "a"}, {"text": "False", "why": "b"}]
    assert problems_of(data) == []
    data["items"][0]["options"][0]["text"] = "Yes"
    assert problems_of(data) == [
        "x.json: fx-0001: a two-option item must be True/False with options exactly 'True', 'False'"
    ]


def test_multiple_response_stem_states_the_count() -> None:
    data = good()
    data["items"][1]["stem"] = "Which features make a query compliant?"
    assert problems_of(data) == [
        "x.json: fx-0002: the stem must state the number to select (e.g. 'Select two.'), "
        "the key has 2"
    ]
    data["items"][1]["stem"] = "Which features make a query compliant? Select 2. (Choose three.)"
    assert problems_of(data) == [
        "x.json: fx-0002: the stem asks for [2, 3] answers but the key has 2"
    ]


@pytest.mark.parametrize(
    ("stem", "counts"),
    [
        ("Select two.", {2}),
        ("Which THREE of the following apply?", {3}),
        ("(select 2)", {2}),
        ("Choose the two best answers.", {2}),
        ("Which code is reported?", set()),
        ("Select all that apply.", set()),
    ],
)
def test_stated_select_counts(stem: str, counts: set[int]) -> None:
    assert stated_select_counts(stem) == counts


def test_options_must_be_distinct() -> None:
    data = good()
    data["items"][1]["options"][3]["text"] = "It mentions the  REIMBURSEMENT effect of each answer"
    data["items"][0]["options"][3]["codes"] = ["icd10cm:E11.9"]  # same codes, other text: fine
    assert problems_of(data) == [
        "x.json: fx-0002: options 2 and 3 have the same text",
    ]


def test_header_code_is_fine_as_a_distractor_but_not_as_key() -> None:
    data = good()
    assert problems_of(data) == []  # option 3 of fx-0001 is the header E11
    data["items"][0]["key"] = [3]
    assert problems_of(data) == [
        "x.json: fx-0001: option 3: E11 is not billable in ICD-10-CM FY2026 (a category that "
        "needs more characters); an answer must be a complete, reportable code"
    ]


def test_malformed_and_unnormalised_codes() -> None:
    data = good()
    data["items"][0]["options"][1]["codes"] = ["icd10cm:E109"]
    data["items"][1]["options"][0]["codes"] = ["cpt:9921"]
    data["items"][1]["options"][1]["codes"] = ["icd10pcs:0BJ08ZO"]
    assert problems_of(data) == [
        "x.json: fx-0001: option 1: write icd10cm:E109 as icd10cm:E10.9",
        "x.json: fx-0002: option 0: '9921' is not a CPT code: five digits, "
        "or four digits and F or T",
        "x.json: fx-0002: option 1: '0BJ08ZO': character 7 is the letter O, which ICD-10-PCS "
        "never uses (it would be confused with 1 and 0)",
    ]


def test_cpt_and_hcpcs_checked_for_form_only() -> None:
    data = good()
    data["items"][1]["options"][0]["codes"] = ["cpt:99223", "hcpcs:J1885"]
    validator = FakeValidator()
    assert problems_of(data, validator) == []
    assert not any(r.system in ("cpt", "hcpcs") for r in validator.asked)


def test_pcs_unchecked_without_pcs_code_set(fixtures: Path) -> None:
    report = check_files([fixtures / "good.json"], FakeValidator(pcs=False), tasks())
    assert report.ok
    assert report.unchecked["icd10pcs"] == 2
    assert "not verifiable here: ICD-10-PCS 2" in report.summary()


def test_invalid_pcs_code_reported() -> None:
    data = good()
    data["scenarios"][0]["questions"][2]["answers"][0]["code"] = "icd10pcs:0BJ07ZZ"
    assert problems_of(data) == [
        "x.json: fx-sc-01: question fx-sc-01-pcs answer 1: 0BJ07ZZ is not a code in "
        "ICD-10-PCS FY2026"
    ]


def test_task_must_belong_to_the_domain() -> None:
    data = good()
    data["items"][0]["task"] = "Write compliant, non-leading queries"
    (problem,) = problems_of(data)
    assert problem.startswith(
        "x.json: fx-0001: task 'Write compliant, non-leading queries' is not a task of domain "
        "coding-knowledge in the blueprint (one of: "
    )
    data["items"][0]["tags"].append("imported")
    assert problems_of(data) == []


def test_scenario_rules() -> None:
    data = good()
    sc = copy.deepcopy(data["scenarios"][0])
    q_pdx, q_sdx, q_pcs = sc["questions"]
    q_pdx["answers"].append({"code": "icd10cm:N17.9", "poa": "N"})
    q_pdx["choices"] = ["icd10cm:J18.9", "icd10cm:J18.1", "icd10cm:E87.1"]
    q_sdx["choices"] = ["icd10cm:N17.9", "icd10cm:N17.9"]
    del q_sdx["answers"][0]["poa"]
    q_pcs["choices"] = ["icd10pcs:0BJ08ZZ"]
    q_pcs["answers"][0]["poa"] = "Y"
    q_pcs["answers"][0]["alternatives"] = ["icd10pcs:0BJ08ZZ"]
    data["scenarios"][0] = sc
    assert problems_of(data) == [
        "x.json: fx-sc-01: question fx-sc-01-pdx: a pick-one question has one answer, not 2",
        "x.json: fx-sc-01: question fx-sc-01-pdx: the pick list lacks the answer(s) icd10cm:N17.9",
        "x.json: fx-sc-01: question fx-sc-01-sdx: the pick list repeats icd10cm:N17.9",
        "x.json: fx-sc-01: question fx-sc-01-sdx: the pick list needs at least one wrong choice "
        "besides the answers",
        "x.json: fx-sc-01: question fx-sc-01-sdx answer 1: inpatient diagnosis N17.9 needs a POA "
        "indicator (Y, N, U, W or 1)",
        "x.json: fx-sc-01: question fx-sc-01-pcs: an 'enter' question has no pick list",
        "x.json: fx-sc-01: question fx-sc-01-pcs answer 1: icd10pcs:0BJ08ZZ is listed "
        "more than once",
        "x.json: fx-sc-01: question fx-sc-01-pcs answer 1: POA applies to inpatient ICD-10-CM "
        "diagnoses only, not to icd10pcs:0BJ08ZZ",
    ]


def test_poa_outside_inpatient_is_a_problem() -> None:
    data = good()
    data["scenarios"][0]["setting"] = "emergency"
    problems = problems_of(data)
    assert len(problems) == 2
    assert all("POA applies to inpatient ICD-10-CM diagnoses only" in p for p in problems)


def test_validator_asked_once_per_code(fixtures: Path) -> None:
    validator = FakeValidator()
    check_files([fixtures / "good.json", fixtures / "good.json"], validator)
    assert len(validator.asked) == len(set(validator.asked))


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 9) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out.extend(_paths(child, (*prefix, index)))
    return out


@settings(max_examples=80, deadline=None)
@given(data=st.data(), replacement=_json_values, delete=st.booleans())
def test_check_reports_rather_than_crashes_on_damaged_files(
    data: st.DataObject, replacement: Any, delete: bool
) -> None:
    bank = good()
    path = data.draw(st.sampled_from(_paths(bank)[1:]))
    parent = bank
    for key in path[:-1]:
        parent = parent[key]
    if delete and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    checker = BankChecker(FakeValidator(), tasks())
    checker.add_data(bank, "x.json")  # must not raise, whatever the damage
    assert all(isinstance(p.message, str) for p in checker.report.problems)


def single_item_bank(count: int, key_longest: int, absolute: int = 0,
                     position: int | None = None) -> dict[str, Any]:
    """A bank of plain single-answer items, keys spread over A-D (or all at ``position``);
    the first `key_longest` have the one longest option as key, every other item has one
    longest distractor; the first ``absolute`` have "always" in every distractor."""
    base = next(i for i in good()["items"] if len(i["key"]) == 1)
    items = []
    for n in range(count):
        item = copy.deepcopy(base)
        item["id"] = f"cue-{n:04d}"
        key = n % 4 if position is None else position
        item["key"] = [key]
        for index, option in enumerate(item["options"]):
            option["codes"] = []
            option["text"] = f"Option {index} of item {n}"
            if index != key and n < absolute:
                option["text"] += " always"
        longer = key if n < key_longest else (key + 1) % 4
        item["options"][longer]["text"] += " with a much longer explanation"
        items.append(item)
    data = good()
    data["items"], data["scenarios"] = items, []
    return data


@pytest.mark.parametrize(("longest", "flagged"), [(15, True), (14, False), (10, False)])
def test_bank_where_the_key_is_usually_longest_is_flagged(
        tmp_path: Path, validator: FakeValidator, longest: int, flagged: bool) -> None:
    """Limit 30 %: 15 of 48 (31 %) fails, 14 of 48 (29 %) passes."""
    path = tmp_path / "cue.json"
    path.write_text(json.dumps(single_item_bank(48, longest)), encoding="utf-8")
    report = check_files([path], validator, tasks())
    assert (f"key is the one longest option in {longest} of 48 items with one longest option"
            in report.summary())
    messages = [str(p) for p in report.problems]
    assert any("picking the longest answer" in m for m in messages) is flagged
    assert len(messages) == int(flagged)


@pytest.mark.parametrize(("absolute", "flagged"), [(3, True), (2, False)])
def test_absolute_words_only_in_distractors_are_flagged(
        tmp_path: Path, validator: FakeValidator, absolute: int, flagged: bool) -> None:
    """48 items, 144 distractors: 3 items x 3 = 9 (6.2 %) fails the 5-point gap, 6 passes."""
    path = tmp_path / "cue.json"
    path.write_text(json.dumps(single_item_bank(48, 0, absolute)), encoding="utf-8")
    messages = [str(p) for p in check_files([path], validator, tasks()).problems]
    assert any("by avoiding them" in m for m in messages) is flagged
    if flagged:
        assert "cue-0000" in messages[0]


def test_keys_piled_on_one_letter_are_flagged(tmp_path: Path, validator: FakeValidator) -> None:
    path = tmp_path / "cue.json"
    path.write_text(json.dumps(single_item_bank(48, 0, position=2)), encoding="utf-8")
    messages = [str(p) for p in check_files([path], validator, tasks()).problems]
    assert any("the key is at C in 100%" in m for m in messages)
    assert any("the key is at A in 0%" in m for m in messages)


class TitledValidator(FakeValidator):
    """Knows the titles of the fixture's scenario codes, as the code book does."""

    TITLES: ClassVar[dict[str, str]] = {"icd10cm:J18.9": "Pneumonia, unspecified organism",
              "icd10cm:N17.9": "Acute kidney failure, unspecified"}

    def titles(self, refs: Any) -> dict[CodeRef, str]:
        return {r: self.TITLES[str(r)] for r in refs if str(r) in self.TITLES}


def scenario_problems(change: Any, validator: FakeValidator | None = None) -> list[str]:
    data = good()
    change(data["scenarios"][0])
    checker = BankChecker(validator or TitledValidator(), tasks())
    checker.add_data(data, "x.json")
    checker.finish()
    return [str(p) for p in checker.report.problems]


def test_neutral_scenario_text_passes_the_leak_rule() -> None:
    assert scenario_problems(lambda sc: None) == []


@pytest.mark.parametrize(("where", "text", "word"), [
    ("prompt", "Select the principal diagnosis for the pneumonia.", "'pneumonia' (J18.9)"),
    ("document", "Nephrology consult: kidney failure", "'failure' (N17.9); 'kidney' (N17.9)"),
    ("prompt", "Enter the codes for the pneumonias.", "'pneumonia' (J18.9)"),
])
def test_candidate_text_naming_a_keyed_code_fails(where: str, text: str, word: str) -> None:
    def change(sc: Any) -> None:
        if where == "prompt":
            sc["questions"][0]["prompt"] = text
        else:
            sc["documents"][0]["title"] = text

    problems = scenario_problems(change)
    assert len(problems) == 1 and "names the answer" in problems[0]
    assert word in problems[0] and "fx-sc-01" in problems[0]


def test_record_words_and_service_names_are_not_leaks() -> None:
    """'Discharge summary, hospital day 2' and the service list never count."""
    def change(sc: Any) -> None:
        sc["documents"][0]["title"] = "Discharge summary, hospital day 2 (Pulmonology)"

    assert scenario_problems(change) == []


def test_leaks_are_skipped_without_titles() -> None:
    def change(sc: Any) -> None:
        sc["questions"][0]["prompt"] = "Select the pneumonia code."

    assert scenario_problems(change, FakeValidator()) == []


def test_service_must_be_a_neutral_name() -> None:
    def change(sc: Any) -> None:
        sc["service"] = "Sepsis unit"

    data = good()
    data["version"] = 2
    change(data["scenarios"][0])
    checker = BankChecker(TitledValidator(), tasks())
    checker.add_data(data, "x.json")
    assert ["x.json: fx-sc-01: service 'Sepsis unit' is not one of" in str(p)
            for p in checker.report.problems] == [True]


@pytest.mark.parametrize(("optional", "message"), [
    ([0], "the first answer of a sequenced question"),
    ([0, 1], "every answer is optional"),
])
def test_optional_answers_must_leave_a_required_principal(optional: list[int],
                                                         message: str) -> None:
    data = good()
    data["version"] = 2
    data["scenarios"][0]["service"] = "Internal medicine"
    q = data["scenarios"][0]["questions"][0]
    q["answers"] = [{"code": "icd10cm:J18.9", "poa": "Y"}, {"code": "icd10cm:N17.9", "poa": "N"}]
    q["style"] = "pick-many"
    q["choices"] = ["icd10cm:J18.9", "icd10cm:N17.9", "icd10cm:J18.1"]
    for i in optional:
        q["answers"][i]["optional"] = True
    checker = BankChecker(TitledValidator(), tasks())
    checker.add_data(data, "x.json")
    assert [message in str(p) for p in checker.report.problems] == [True]
