from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from bank_fakes import FakeValidator

from readiness.bank.cli import default_codesets_dir, main
from readiness.core.bank.loader import load_bank_file


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), validator_factory=lambda _dir: FakeValidator(), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_check_good_fixture(fixtures: Path) -> None:
    code, out, _ = run("check", str(fixtures / "good.json"))
    assert code == 0
    assert out == (
        "bank check: 2 items, 1 scenario; coding-knowledge 1, provider-queries 1; "
        "multiple 1, single 1; inpatient 1; "
        "key is the one longest option in 0 of 1 items with one longest option (0%); "
        "absolute words in 0% of distractors, 0% of keys; key at A/B/C/D 100%/0%/0%/0%; "
        "0 problems\n"
    )


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("bad-code.json", "fx-0001: option 1: E11.99 is not a code in ICD-10-CM FY2026"),
        ("duplicate-id.json", "fx-0001: duplicate id 'fx-0001'"),
        ("key-not-among-options.json", "fx-0001: key 4 is not among the options"),
        (
            "non-billable-answer.json",
            "fx-sc-01: question fx-sc-01-pdx answer 1: J18 is not billable",
        ),
    ],
)
def test_check_bad_fixtures_exit_1(fixtures: Path, name: str, fragment: str) -> None:
    code, out, _ = run("check", str(fixtures / name))
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith(f"{fixtures / name}: {fragment}")
    assert lines[-1].endswith("; 1 problem")


def test_check_folder_and_codesets_option(fixtures: Path, tmp_path: Path) -> None:
    seen: list[Path] = []

    def factory(folder: Path) -> FakeValidator:
        seen.append(folder)
        return FakeValidator()

    out = io.StringIO()
    code = main(
        ["check", str(fixtures), "--codesets", str(tmp_path)],
        validator_factory=factory,
        out=out,
        err=io.StringIO(),
    )
    assert code == 1 and seen == [tmp_path]
    assert "bank check: 10 items, 5 scenarios" in out.getvalue()


def test_default_codesets_follow_readiness_home(home: Path) -> None:
    assert default_codesets_dir() == home / "codesets"


def test_import_and_export(fixtures: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "moodle.json"
    code, out, _ = run(
        "import",
        str(fixtures / "sample-moodle.xml"),
        "--domain",
        "regulatory-compliance",
        "--out",
        str(target),
    )
    assert code == 0
    assert out.splitlines()[0] == (
        f"imported 3 question(s) from {fixtures / 'sample-moodle.xml'} (Moodle XML) into {target}"
    )
    assert "skipped sample-moodle.xml: question 4 (Dot position): short-answer" in out
    bank = load_bank_file(target)
    assert {i.domain for i in bank.items} == {"regulatory-compliance"}

    merged = tmp_path / "merged.json"
    code, _, _ = run(
        "export", str(target), str(fixtures / "good.json"), "--out", str(merged), "--title", "Both"
    )
    assert code == 0
    data = json.loads(merged.read_text(encoding="utf-8"))
    assert data["title"] == "Both" and len(data["items"]) == 5 and len(data["scenarios"]) == 1
    code, out, _ = run("check", str(merged))
    assert code == 0, out


def test_import_error_goes_to_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "bad.gift"
    bad.write_text("Q {=a ~b", encoding="utf-8")
    code, out, err = run(
        "import", str(bad), "--domain", "coding-knowledge", "--out", str(tmp_path / "x.json")
    )
    assert code == 1 and out == ""
    assert err == "error: bad.gift: line 1: the answers opened with '{' are never closed with '}'\n"
    assert not (tmp_path / "x.json").exists()


@pytest.mark.parametrize("version", [1, 2])
def test_export_to_stdout_writes_version_2(fixtures: Path, fixtures_v2: Path,
                                           version: int) -> None:
    """A version 1 file exports as the same bank in version 2 (service from the setting);
    a version 2 file round-trips."""
    code, out, _ = run(
        "export",
        str((fixtures if version == 1 else fixtures_v2) / "good.json"),
        "--out",
        "-",
        "--title",
        "Check fixture: a small bank with no problems",
        "--author",
        "CCS Readiness tests",
        "--license",
        "CC BY 4.0, original work",
    )
    assert code == 0
    assert json.loads(out) == json.loads((fixtures_v2 / "good.json").read_text(encoding="utf-8"))


def test_export_refuses_duplicates(fixtures: Path) -> None:
    code, _, err = run("export", str(fixtures / "duplicate-id.json"), "--out", "-")
    assert code == 1 and "duplicate id 'fx-0001'" in err
