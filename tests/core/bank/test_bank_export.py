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


def test_fixture_file_round_trips_exactly(fixtures: Path) -> None:
    original = json.loads((fixtures / "good.json").read_text(encoding="utf-8"))
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
