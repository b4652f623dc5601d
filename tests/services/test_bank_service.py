from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from readiness.core.bank.loader import load_bank_file
from readiness.core.bank.models import CodeRef, CodeSystem
from readiness.core.codes import CodeStatus
from readiness.core.errors import ImportFailed, UserError
from readiness.core.progress import Progress
from readiness.services.bank import BankService, write_text_atomic
from readiness.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bank"


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    folder = tmp_path / "shipped"
    folder.mkdir()
    (folder / "good.json").write_text((FIXTURES / "good.json").read_text(encoding="utf-8"))
    return folder


@pytest.fixture
def service(tmp_path: Path, shipped: Path) -> BankService:
    return BankService(tmp_path / "home", shipped_dir=shipped)


def test_import_gift_then_all_includes_it(service: BankService, tmp_path: Path) -> None:
    before = service.all()
    report = service.import_file(FIXTURES / "sample.gift", "coding-knowledge")
    assert report.name == "sample" and report.imported == 4 and report.format == "GIFT"
    assert "Skipped 6:" in report.summary()
    bank = service.all()
    assert len(bank.items) == len(before.items) + 4
    stored = service.folder / "sample.json"
    assert stored.is_file()
    assert [i.source_file for i in bank.items[-4:]] == ["sample.json"] * 4
    assert [b.name for b in service.imported()] == ["sample"]
    info = service.imported()[0]
    assert (info.items, info.scenarios, info.title, info.shipped) == (4, 0, "sample.gift", False)
    assert [(s.name, s.items, s.scenarios, s.shipped) for s in service.shipped()] == [
        ("good", 2, 1, True)
    ]
    assert not list(service.folder.glob(".*"))  # no temp files left behind


def test_same_file_twice_gets_a_new_name(service: BankService) -> None:
    service.import_file(FIXTURES / "sample-moodle.xml", "regulatory-compliance")
    second = service.import_file(FIXTURES / "sample-moodle.xml", "regulatory-compliance")
    assert second.name == "sample-moodle-2"
    ids = [i.id for i in service.all().items]
    assert len(ids) == len(set(ids))
    assert "sample-moodle-2-0001" in ids


def test_bank_json_with_clashing_ids_is_refused(service: BankService) -> None:
    with pytest.raises(ImportFailed, match=r"the id 'fx-0001' is already used by good\.json"):
        service.import_file(FIXTURES / "good.json", "coding-knowledge")
    assert service.imported() == []


def test_bank_json_breaking_the_rules_is_refused(service: BankService, tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "good.json").read_text())
    for item in data["items"]:
        item["id"] = "other-" + item["id"]
    data["items"][0]["options"].pop()
    data["scenarios"] = []
    bad = tmp_path / "colleague.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(ImportFailed, match="exactly 4 options, this one has 3"):
        service.import_file(bad, "coding-knowledge")
    assert service.imported() == []


def test_bank_json_import_keeps_title(service: BankService, tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "good.json").read_text())
    for item in data["items"]:
        item["id"] = "other-" + item["id"]
    data["scenarios"] = []
    path = tmp_path / "Colleague Bank.json"
    path.write_text(json.dumps(data))
    report = service.import_file(path, "coding-knowledge")
    assert report.name == "colleague-bank"
    assert report.title == data["title"]
    assert service.imported()[0].title == data["title"]


def test_failed_import_writes_nothing(service: BankService, tmp_path: Path) -> None:
    broken = tmp_path / "broken.gift"
    broken.write_text("Q1 {=a ~b ~c ~d}\n\nQ2 {=a ~b\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"broken\.gift: line 3"):
        service.import_file(broken, "coding-knowledge")
    assert service.imported() == []


def test_not_utf8_and_missing(service: BankService, tmp_path: Path) -> None:
    latin = tmp_path / "latin.gift"
    latin.write_bytes(b"Q1 {=a ~b ~c ~d}\n\nCaf\xe9 {=a ~b ~c ~d}\n")
    with pytest.raises(ImportFailed, match=r"latin\.gift: line 3: not UTF-8 text"):
        service.import_file(latin, "coding-knowledge")
    with pytest.raises(ImportFailed, match="cannot read the file"):
        service.import_file(tmp_path / "nope.gift", "coding-knowledge")


def test_remove(service: BankService) -> None:
    service.import_file(FIXTURES / "sample.gift", "coding-knowledge")
    count = len(service.all().items)
    service.remove("sample")
    assert service.imported() == []
    assert len(service.all().items) == count - 4
    with pytest.raises(UserError, match="no imported bank is called 'sample'"):
        service.remove("sample")
    with pytest.raises(UserError):
        service.remove("../shipped/good")


def test_corrupt_imported_file_is_listed_not_fatal(service: BankService) -> None:
    service.folder.mkdir(parents=True)
    (service.folder / "edited.json").write_text("{ not json")
    assert len(service.all().items) == 2
    (info,) = service.imported()
    assert info.name == "edited" and "not valid JSON" in info.error


def test_write_text_atomic_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.json"
    write_text_atomic(target, "one")
    write_text_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["b.json"]


def test_workspace_has_the_bank(workspace: Workspace) -> None:
    assert workspace.bank.folder == workspace.home / "banks"
    assert workspace.bank.imported() == []


class _Validator:
    """Knows two codes; everything else does not exist (ICD-10-CM) or is not installed."""

    def status(self, ref: CodeRef) -> CodeStatus:
        if ref.system != "icd10cm":
            return CodeStatus.UNAVAILABLE
        return {"E11.9": CodeStatus.BILLABLE, "E11": CodeStatus.HEADER}.get(
            ref.code, CodeStatus.INVALID
        )

    def edition(self, system: CodeSystem) -> str | None:
        return "ICD-10-CM test" if system == "icd10cm" else None


def test_check_runs_every_file_through_the_validator(tmp_path: Path, shipped: Path) -> None:
    seen: list[Path] = []

    def factory(folder: Path, progress: Progress | None) -> _Validator:
        seen.append(folder)
        return _Validator()

    service = BankService(tmp_path / "home", shipped_dir=shipped, validator_factory=factory)
    service.import_file(FIXTURES / "sample.gift", "coding-knowledge")
    report = service.check()
    assert seen == [tmp_path / "home" / "codesets"]
    assert report.files == 2 and report.items == 6
    assert {p.item_id for p in report.problems} == {"fx-0001", "fx-sc-01"}
    assert all("is not a code in ICD-10-CM test" in p.message for p in report.problems)


def test_export_one_bank_or_all(service: BankService, tmp_path: Path) -> None:
    service.import_file(FIXTURES / "sample.gift", "coding-knowledge")
    one = tmp_path / "one.json"
    assert service.export(one, "sample") == (4, 0)
    assert load_bank_file(one).items == tuple(
        replace(i, source_file="one.json") for i in service.all().items[-4:]
    )
    both = tmp_path / "both.json"
    assert service.export(both) == (6, 1)
    assert json.loads(both.read_text())["title"] == "CCS Readiness questions"
    with pytest.raises(UserError, match="no readable bank is called 'nope'"):
        service.export(tmp_path / "x.json", "nope")
