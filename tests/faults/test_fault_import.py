"""Case 7 of issue 15: question files that are not what they seem.  Each import ends with
one clear message, and nothing is written."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from readiness.core.bank.importing import import_text
from readiness.core.bank.limits import MAX_QUESTIONS_PER_FILE
from readiness.core.errors import ImportFailed
from readiness.services.bank import read_source_text

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero")
GOOD = "::Q1:: Which is right? {=yes ~no ~maybe ~never}\n"


def bank_cli(*args: str, limit_memory: bool = False) -> subprocess.CompletedProcess[str]:
    def cap() -> None:  # the old reader filled memory from /dev/zero: fail fast instead
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run([sys.executable, "-m", "readiness.bank", *args],
                          capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, PYTHONPATH=str(REPO)),
                          preexec_fn=cap if limit_memory else None)


def test_a_fifo_is_refused_at_once_instead_of_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "questions.gift"
    os.mkfifo(fifo)
    result = bank_cli("import", str(fifo), "--out", str(tmp_path / "out.json"),
                      "--domain", "coding-knowledge")
    assert result.returncode == 1
    assert "not a regular file (a pipe (FIFO))" in result.stderr
    assert not (tmp_path / "out.json").exists()


def test_dev_zero_is_refused_before_reading(tmp_path: Path) -> None:
    # In a child with a memory cap: the old reader read /dev/zero until memory ran out.
    result = bank_cli("import", "/dev/zero", "--out", str(tmp_path / "out.json"),
                      "--domain", "coding-knowledge", limit_memory=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "not a regular file (a device)" in result.stderr


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match=r"not a regular file \(a folder\)"):
        read_source_text(tmp_path)


def test_deeply_nested_json_is_a_message_not_a_recursion_error() -> None:
    text = '{"format": "ccs-readiness-bank", "items": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with pytest.raises(ImportFailed, match="nest more than"):
        import_text(text, file_name="deep.json", domain="coding-knowledge")


def test_out_at_a_folder_or_nowhere_is_one_clear_line(tmp_path: Path) -> None:
    source = tmp_path / "q.gift"
    source.write_text(GOOD, encoding="utf-8")
    for target, why in ((tmp_path, "it is a folder"),
                        (source / "out.json", "is a file, not a folder")):
        result = bank_cli("import", str(source), "--out", str(target),
                          "--domain", "coding-knowledge")
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: cannot write --out")
        assert why in lines[0]


def test_unsupported_gift_types_are_skipped_and_listed() -> None:
    text = GOOD + "\n::SA:: Two plus two is {=four =4}\n\n::Num:: Pi? {#3.14:0.01}\n"
    result = import_text(text, file_name="mixed.gift", domain="coding-knowledge")
    assert result.count == 1
    reasons = [str(s) for s in result.skipped]
    assert any("short-answer questions are not supported" in r for r in reasons)
    assert any("numerical questions are not supported" in r for r in reasons)


def test_a_huge_bank_is_refused_so_start_up_stays_fast() -> None:
    count = MAX_QUESTIONS_PER_FILE + 1
    text = "\n".join(f"::Q{n}:: Which is right {n}? {{=yes ~no ~maybe ~never}}\n"
                     for n in range(count))
    with pytest.raises(ImportFailed, match=f"holds {count} questions"):
        import_text(text, file_name="huge.gift", domain="coding-knowledge")
