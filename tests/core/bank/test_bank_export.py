from __future__ import annotations

import json
from pathlib import Path

from bank_strategies import WHERE, banks
from hypothesis import given, settings

from readiness.core.bank.export import bank_to_data, dumps_bank
from readiness.core.bank.loader import parse_bank_data, schema_errors, shipped_bank_dir
from readiness.core.bank.models import Bank


@settings(max_examples=40, deadline=None)
@given(banks())
def test_export_then_load_gives_the_same_bank(bank: Bank) -> None:
    text = dumps_bank(bank, title="Generated", author="hypothesis", license="CC0")
    data = json.loads(text)
    assert schema_errors(data) == []
    assert parse_bank_data(data, WHERE) == bank


def test_fixture_file_round_trips_exactly(fixtures_v2: Path) -> None:
    original = json.loads((fixtures_v2 / "good.json").read_text(encoding="utf-8"))
    bank = parse_bank_data(original, "good.json")
    again = bank_to_data(
        bank, title=original["title"], author=original["author"], license=original["license"]
    )
    assert again == original


def test_shipped_bank_round_trips() -> None:
    folder = shipped_bank_dir()
    for path in sorted(folder.glob("*.json")):
        original = json.loads(path.read_text(encoding="utf-8"))
        bank = parse_bank_data(original, path.name)
        data = bank_to_data(bank)
        assert parse_bank_data(data, path.name) == bank


def test_version_1_file_reads_as_its_version_2_migration(fixtures: Path, fixtures_v2: Path) -> None:
    """A v1 scenario gets its setting's neutral service; nothing else changes."""
    v1 = parse_bank_data(json.loads((fixtures / "good.json").read_text(encoding="utf-8")), "x")
    v2 = parse_bank_data(json.loads((fixtures_v2 / "good.json").read_text(encoding="utf-8")), "x")
    assert v1 == v2
    assert v1.scenarios[0].service == "Internal medicine"
    assert not any(a.optional for s in v1.scenarios for q in s.questions for a in q.answers)


def test_version_2_features_are_refused_in_version_1(fixtures: Path) -> None:
    data = json.loads((fixtures / "good.json").read_text(encoding="utf-8"))
    data["scenarios"][0]["questions"][0]["answers"][0]["optional"] = True
    data["scenarios"][0]["setting"] = "observation"
    problems = schema_errors(data)
    assert any("optional" in p for p in problems) and any("observation" in p for p in problems)
    data["version"] = 2
    data["scenarios"][0]["service"] = "Observation"
    assert schema_errors(data) == []


def test_a_version_this_app_cannot_read_is_named(fixtures: Path) -> None:
    data = json.loads((fixtures / "good.json").read_text(encoding="utf-8"))
    data["version"] = 3
    assert schema_errors(data) == [
        "version: 3 is not a bank format version this app reads (it reads 1 and 2); "
        "a newer app may read it"]


def test_version_2_scenario_needs_a_service(fixtures_v2: Path) -> None:
    data = json.loads((fixtures_v2 / "good.json").read_text(encoding="utf-8"))
    del data["scenarios"][0]["service"]
    assert schema_errors(data) == ["scenarios/0: 'service' is a required property"]


def test_shipped_bank_reads_the_same_without_the_schema() -> None:
    """The app skips the JSON Schema for the shipped files (CI's bank check validates them):
    the bank read is the same."""
    from readiness.core.bank.loader import load_bank_dir

    assert load_bank_dir(shipped_bank_dir(), validate=False) == load_bank_dir(shipped_bank_dir())


def test_a_broken_file_read_without_the_schema_still_fails_with_a_message() -> None:
    import pytest

    from readiness.core.errors import UserError

    for broken in ({"format": "ccs-readiness-bank", "version": 2, "items": [{"id": "x"}],
                    "scenarios": []}, [], {"items": 3, "scenarios": []}):
        with pytest.raises(UserError, match="does not match the bank format"):
            parse_bank_data(broken, "x.json", validate=False)
