"""The shipped bank passes ``python -m readiness.bank check`` against the real code book.

This is the CI gate on the bank content.  The bundled FY2026 ICD-10-CM code set
is built once for the module (a few seconds), and the FY2026 PCS tables the app
ships (``readiness/resources/codesets/``) are imported beside it, so every PCS
code is checked against them: nothing is "not verifiable" in CI.
"""

from __future__ import annotations

import io
import lzma
import os
import subprocess
import sys
from pathlib import Path

import pytest

from readiness.bank.cli import main
from readiness.core.bank.loader import shipped_bank_dir
from readiness.core.codes import CodeValidator

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "fixtures" / "bank"
PCS_TABLES = REPO / "readiness" / "resources" / "codesets" / "icd10pcs_tables_2026.xml.xz"


@pytest.fixture(scope="module")
def codesets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from readiness.codebook.library import CodeBook
    from readiness.codebook.validator import open_validator

    folder = tmp_path_factory.mktemp("codesets")
    open_validator(folder)
    xml = folder.parent / "icd10pcs_tables_2026.xml"
    xml.write_bytes(lzma.decompress(PCS_TABLES.read_bytes()))
    CodeBook(folder).import_file(xml)
    return folder


@pytest.fixture(scope="module")
def validator(codesets: Path) -> CodeValidator:
    from readiness.codebook.validator import open_validator

    return open_validator(codesets)


def check_in_process(path: str, validator: CodeValidator) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = main(["check", path], validator_factory=lambda _d: validator, out=out, err=io.StringIO())
    return code, out.getvalue().splitlines()


def bank_check(*args: str, codesets: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "READINESS_HOME": str(codesets.parent / "home")}
    return subprocess.run(
        [sys.executable, "-m", "readiness.bank", "check", "--codesets", str(codesets), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=300,
        check=False,
    )


def test_shipped_bank_passes(codesets: Path) -> None:
    if not any(shipped_bank_dir().glob("*.json")):
        pytest.skip("no shipped bank files on this branch yet")
    result = bank_check(codesets=codesets)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert lines[-1].startswith("bank check: ") and lines[-1].endswith("; 0 problems")
    assert len(lines) == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bad-code.json", "fx-0001: option 1: E11.99 is not a code in ICD-10-CM FY2026"),
        ("duplicate-id.json", "fx-0001: duplicate id 'fx-0001' (first used in "),
        ("key-not-among-options.json", "fx-0001: key 4 is not among the options"),
        (
            "non-billable-answer.json",
            "fx-sc-01: question fx-sc-01-pdx answer 1: J18 is not billable in ICD-10-CM FY2026",
        ),
    ],
)
def test_bad_fixtures_fail_with_a_precise_message(
    validator: CodeValidator, name: str, expected: str
) -> None:
    path = str(FIXTURES / name)
    code, lines = check_in_process(path, validator)
    assert code == 1
    assert lines[0].startswith(f"{path}: {expected}"), lines
    assert lines[-1].endswith("; 1 problem") and len(lines) == 2


def test_good_fixture_passes_with_the_real_code_book(validator: CodeValidator) -> None:
    code, lines = check_in_process(str(FIXTURES / "good.json"), validator)
    assert code == 0, lines
    assert "not verifiable" not in lines[-1]  # the PCS code is checked against the tables


def test_every_shipped_pcs_code_is_checked_against_the_tables(validator: CodeValidator) -> None:
    if not any(shipped_bank_dir().glob("*.json")):
        pytest.skip("no shipped bank files on this branch yet")
    _code, lines = check_in_process(str(shipped_bank_dir()), validator)
    assert "not verifiable" not in lines[-1], lines[-1]


def test_python_m_readiness_bank_runs(codesets: Path) -> None:
    result = bank_check("tests/fixtures/bank/key-not-among-options.json", codesets=codesets)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "tests/fixtures/bank/key-not-among-options.json: fx-0001: key 4 is not among the "
        "options (there are 4, numbered 0-3)"
    )
