from __future__ import annotations

from pathlib import Path

import pytest
from bank_fakes import FakeValidator

from readiness.core.bank.check import check_bank
from readiness.core.bank.importing import detect_format, import_text, slug
from readiness.core.errors import ImportFailed


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("a.gift", "", "gift"),
        ("a.TXT", "", "gift"),
        ("a.xml", "", "moodle-xml"),
        ("a.json", "", "bank-json"),
        ("download", '  <?xml version="1.0"?><quiz/>', "moodle-xml"),
        ("download", '{"format": "ccs-readiness-bank"}', "bank-json"),
        ("download", "Q {=a ~b}", "gift"),
    ],
)
def test_detect_format(name: str, text: str, fmt: str) -> None:
    assert detect_format(name, text) == fmt


def test_our_format_keeps_ids_and_domains(fixtures: Path) -> None:
    text = (fixtures / "good.json").read_text(encoding="utf-8")
    result = import_text(text, file_name="good.json", domain="information-technologies")
    assert [i.id for i in result.bank.items] == ["fx-0001", "fx-0002"]
    assert result.bank.items[1].domain == "provider-queries"
    assert result.skipped == ()


def test_our_format_errors() -> None:
    with pytest.raises(ImportFailed, match=r"b.json: not valid JSON \(line 1, column 2"):
        import_text("{,}", file_name="b.json", domain="coding-knowledge")
    with pytest.raises(ImportFailed, match=r"b\.json: does not match the bank format"):
        import_text('{"format": "x"}', file_name="b.json", domain="coding-knowledge")


def test_imported_items_pass_the_check(fixtures: Path) -> None:
    for name in ("sample.gift", "sample-moodle.xml"):
        text = (fixtures / name).read_text(encoding="utf-8")
        bank = import_text(text, file_name=name, domain="coding-knowledge").bank
        report = check_bank(bank, FakeValidator())
        assert report.ok, [str(p) for p in report.problems]


def test_slug() -> None:
    assert slug("My Colleague's Bank (2025)") == "my-colleague-s-bank-2025"
    assert slug("Ü") == "imported"
    assert slug("ab") == "imp-ab"
