"""The optional scenario field ``sex`` (F or M), used by the MS-DRG grouper."""

from __future__ import annotations

import copy
import json

from readiness.core.bank.export import scenario_to_data
from readiness.core.bank.loader import parse_bank_data, schema_errors, shipped_bank_dir


def _inpatient_file() -> dict:
    path = shipped_bank_dir() / "sc-inpatient.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_shipped_inpatient_scenario_states_the_patients_sex() -> None:
    bank = parse_bank_data(_inpatient_file(), "sc-inpatient.json")
    sexes = {s.id: s.sex for s in bank.scenarios}
    assert len(sexes) == 9
    assert set(sexes.values()) <= {"F", "M"}
    assert sexes["sc-ip-09"] == "F"  # an obstetric admission


def test_sex_is_optional_and_round_trips() -> None:
    data = _inpatient_file()
    for raw in data["scenarios"]:
        raw.pop("sex")
    assert schema_errors(data) == []
    bank = parse_bank_data(data, "x.json")
    assert all(s.sex is None for s in bank.scenarios)
    assert "sex" not in scenario_to_data(bank.scenarios[0])


def test_sex_other_than_f_or_m_is_refused() -> None:
    data = copy.deepcopy(_inpatient_file())
    data["scenarios"][0]["sex"] = "X"
    assert schema_errors(data)
