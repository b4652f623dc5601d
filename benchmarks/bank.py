"""Bank check and import speed.

Times ``bank check`` of the shipped bank (or the paths given as arguments; the
test fixtures when there is no shipped bank) against the real code book, with
the bundled code sets (ICD-10-CM, the PCS tables ...) built first in a temporary
folder (timed separately), ``bank coverage`` (the matrix and the mocks without
repeat), and the import of generated GIFT and Moodle XML files of 1,000
questions each.  Prints one JSON object as its last line.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from readiness.core.bank.check import blueprint_tasks, check_files
from readiness.core.bank.gift import escape
from readiness.core.bank.importing import import_text
from readiness.core.bank.loader import shipped_bank_dir
from readiness.core.blueprint import load_blueprints
from readiness.resources import resource_path

QUESTIONS = 1000
FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "bank"


def gift_file(n: int) -> str:
    blocks = ["$CATEGORY: $course$/top/Benchmark"]
    for i in range(n):
        blocks.append(
            f"::Q{i}::{escape(f'Question {i}: which option {{is}} right?')} {{\n"
            f"=Right answer {i}#Because {escape('a=b')}.\n~Wrong {i} a#No.\n~Wrong {i} b#No.\n"
            f"~Wrong {i} c#No.\n####General feedback {i}.}}"
        )
    return "\n\n".join(blocks) + "\n"


def moodle_file(n: int) -> str:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    for i in range(n):
        answers = "".join(
            f'<answer fraction="{100 if k == 0 else 0}" format="html"><text><![CDATA[<p>Option '
            f"{i}-{k}</p>]]></text><feedback><text>Feedback {k}</text></feedback></answer>"
            for k in range(4)
        )
        parts.append(
            f'<question type="multichoice"><name><text>Q{i}</text></name>'
            f'<questiontext format="html"><text><![CDATA[<p>Question <b>{i}</b>?</p>]]></text>'
            f"</questiontext><single>true</single>{answers}</question>"
        )
    parts.append("</quiz>")
    return "\n".join(parts)


def timed(work):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = work()
    return value, time.perf_counter() - start


def main() -> None:
    from readiness.codebook.validator import open_validator

    if len(sys.argv) > 1:
        paths = [Path(arg) for arg in sys.argv[1:]]
    elif any(shipped_bank_dir().glob("*.json")):
        paths = [shipped_bank_dir()]
    else:
        paths = [FIXTURES / "good.json"]
    tasks = blueprint_tasks(load_blueprints(resource_path("blueprints")))
    with tempfile.TemporaryDirectory() as folder:
        validator, build_s = timed(lambda: open_validator(Path(folder)))
        report, check_s = timed(lambda: check_files(paths, validator, tasks))
        _, recheck_s = timed(lambda: check_files(paths, open_validator(Path(folder)), tasks))
    from readiness.core.bank.check import bank_files
    from readiness.core.bank.coverage import coverage, load_matrix
    from readiness.core.bank.loader import load_bank_file, merge_banks

    blueprints = load_blueprints(resource_path("blueprints"))
    bank = merge_banks(load_bank_file(p) for p in bank_files(paths))
    matrix = load_matrix(resource_path("bank", "coverage.json").read_text(encoding="utf-8"),
                         blueprints, "coverage.json")
    cover, coverage_s = timed(lambda: coverage(bank, matrix, blueprints))
    gift = gift_file(QUESTIONS)
    moodle = moodle_file(QUESTIONS)
    gift_result, gift_s = timed(
        lambda: import_text(gift, file_name="bench.gift", domain="coding-knowledge")
    )
    moodle_result, moodle_s = timed(
        lambda: import_text(moodle, file_name="bench.xml", domain="coding-knowledge")
    )
    assert len(gift_result.bank.items) == QUESTIONS and len(moodle_result.bank.items) == QUESTIONS
    print(report.summary())
    print(json.dumps({
        "bank_items": report.items,
        "bank_scenarios": report.scenarios,
        "bank_problems": len(report.problems),
        "codes_checked": report.codes_checked,
        "codes_not_verifiable": sum(report.unchecked.values()),
        "coverage_s": round(coverage_s, 3),
        "coverage_cells_short": len(cover.short),
        "mocks_without_repeat": cover.mocks,
        "cm_build_s": round(build_s, 3),
        "check_s": round(check_s, 3),
        "check_with_built_codesets_s": round(recheck_s, 3),
        "gift_import_1000_s": round(gift_s, 3),
        "moodle_import_1000_s": round(moodle_s, 3),
    }))


if __name__ == "__main__":
    main()
