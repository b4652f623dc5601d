"""The neutral heading a candidate sees, and the words the leak rule compares."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fixtures.exam_bank import make_scenario

from readiness.core.bank.leaks import significant_words
from readiness.core.bank.titles import SERVICES, default_service, neutral_title, record_number


@pytest.mark.parametrize(("scenario_id", "number"), [
    ("sc-ip-04", "IP-04"), ("sc-op-20", "OP-20"), ("sc-ed-3", "ED-3")])
def test_shipped_ids_give_their_record_number(scenario_id: str, number: str) -> None:
    assert record_number(scenario_id) == number


def test_other_ids_get_a_hash_that_names_nothing() -> None:
    number = record_number("sepsis-with-aki-case")
    assert number.startswith("R-") and len(number) == 6 and "SEPSIS" not in number
    assert number == record_number("sepsis-with-aki-case")  # stable across runs


def test_neutral_title_joins_setting_service_and_record() -> None:
    sc = replace(make_scenario("sc-ip-04"), service="Cardiology")
    assert neutral_title(sc) == "Inpatient · Cardiology · Record IP-04"
    ed = replace(sc, id="sc-ed-01", setting="emergency", service="Emergency department")
    assert neutral_title(ed) == "Emergency department · Record ED-01"  # not said twice
    v1 = replace(sc, service="")
    assert neutral_title(v1) == "Inpatient · Internal medicine · Record IP-04"


def test_every_setting_has_a_listed_default_service() -> None:
    for setting in ("inpatient", "outpatient-surgery", "emergency", "clinic", "observation",
                    "interventional"):
        assert default_service(setting) in SERVICES


def test_significant_words_skip_short_stop_and_record_words() -> None:
    assert significant_words("Progress note, hospital day 2: acute pneumonias") == {
        "acute", "pneumonia"}
    assert significant_words("Other specified fracture, initial encounter") == {"fracture"}
    assert significant_words("Cardiology consult") == set()  # a service name
