"""Command line for question banks (no Qt).

    python -m readiness.bank check [PATH ...] [--codesets DIR]
    python -m readiness.bank coverage [PATH ...] [--matrix FILE]
    python -m readiness.bank import FILE --domain D --out OUT.json [--format F] [--difficulty L]
    python -m readiness.bank export PATH ... --out OUT.json [--title T] [--author A] [--license L]

``check`` prints one ``file: item-id: problem`` line per problem, then a summary
line of counts per domain, item type and scenario setting; it exits 1 when
anything is wrong.  Codes are checked against the code sets in the same folder
the app uses (``--codesets`` to choose another); the bundled FY2026 ICD-10-CM
list is built there on first use.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from readiness.core.bank.check import blueprint_tasks, check_files
from readiness.core.bank.export import dumps_bank
from readiness.core.bank.importing import FORMAT_NAMES, SourceFormat, import_text
from readiness.core.bank.loader import load_bank_file, merge_banks, shipped_bank_dir
from readiness.core.blueprint import load_blueprints
from readiness.core.codes import CodeValidator
from readiness.core.errors import UserError
from readiness.resources import resource_path

DOMAINS = (
    "coding-knowledge",
    "coding-documentation",
    "provider-queries",
    "regulatory-compliance",
    "information-technologies",
)
ValidatorFactory = Callable[[Path], CodeValidator]


class _StderrProgress:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.last = ""

    def report(self, done: int, total: int, message: str = "") -> None:
        if message and message != self.last:
            self.last = message
            print(f"bank check: {message}", file=self.stream)

    def check(self) -> None:
        pass


def default_codesets_dir() -> Path:
    from readiness.paths import HOME_ENV, AppPaths

    home = os.environ.get(HOME_ENV)
    if home:
        return AppPaths(Path(home)).codesets
    import platformdirs

    from readiness.paths import APP_NAME

    return AppPaths(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))).codesets


def codebook_validator(codesets: Path, err: TextIO) -> CodeValidator:
    from readiness.codebook.validator import open_validator

    codesets.mkdir(parents=True, exist_ok=True)
    return open_validator(codesets, progress=_StderrProgress(err))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m readiness.bank", description="Check, import and export question banks."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate bank files (default: the shipped bank)")
    check.add_argument("paths", nargs="*", type=Path, help="bank files or folders of *.json")
    check.add_argument("--codesets", type=Path, help="folder of code-set databases")

    cov = sub.add_parser("coverage", help="print the coverage matrix and mocks without repeat")
    cov.add_argument("paths", nargs="*", type=Path, help="bank files or folders of *.json")
    cov.add_argument("--matrix", type=Path, help="coverage file (default: the shipped one)")

    imp = sub.add_parser("import", help="convert GIFT, Moodle XML or bank JSON to a bank file")
    imp.add_argument("file", type=Path)
    imp.add_argument("--domain", required=True, choices=DOMAINS, help="domain of the questions")
    imp.add_argument("--out", required=True, type=Path, help="bank JSON file to write")
    imp.add_argument("--format", choices=sorted(FORMAT_NAMES), help="default: from the file")
    imp.add_argument("--difficulty", default="medium", choices=("easy", "medium", "hard"))
    imp.add_argument("--title", default="", help="title of the new bank file")

    exp = sub.add_parser("export", help="merge bank files into one bank file")
    exp.add_argument("paths", nargs="+", type=Path, help="bank files or folders of *.json")
    exp.add_argument("--out", required=True, type=Path, help="file to write ('-' for stdout)")
    exp.add_argument("--title", default="")
    exp.add_argument("--author", default="")
    exp.add_argument("--license", default="")
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    validator_factory: ValidatorFactory | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args, validator_factory, out, err)
        if args.command == "coverage":
            return _coverage(args, out)
        if args.command == "import":
            return _import(args, out, err)
        return _export(args, out)
    except UserError as exc:
        print(f"error: {exc}", file=err)
        return 1


def _check(
    args: argparse.Namespace,
    validator_factory: ValidatorFactory | None,
    out: TextIO,
    err: TextIO,
) -> int:
    paths = args.paths or [shipped_bank_dir()]
    codesets = args.codesets or default_codesets_dir()
    if validator_factory is not None:
        validator = validator_factory(codesets)
    else:
        validator = codebook_validator(codesets, err)
    tasks = blueprint_tasks(load_blueprints(resource_path("blueprints")))
    report = check_files(paths, validator, tasks)
    for problem in report.problems:
        print(problem, file=out)
    print(report.summary(), file=out)
    return 0 if report.ok else 1


def _coverage(args: argparse.Namespace, out: TextIO) -> int:
    """One line per cell (ok / SHORT, count / minimum, the ids), the mock figures, a summary;
    exit 1 when a cell is short or a blueprint fills fewer mocks than the goal."""
    from readiness.core.bank.check import bank_files
    from readiness.core.bank.coverage import coverage, load_matrix

    files = bank_files(args.paths or [shipped_bank_dir()])
    if not files:
        raise UserError("no bank files found", where=", ".join(map(str, args.paths)))
    bank = merge_banks(load_bank_file(p) for p in files)
    blueprints = load_blueprints(resource_path("blueprints"))
    matrix_path = args.matrix or resource_path("bank", "coverage.json")
    try:
        text = matrix_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror or exc}", where=str(matrix_path)) from None
    report = coverage(bank, load_matrix(text, blueprints, str(matrix_path)), blueprints)
    for line in report.lines():
        print(line, file=out)
    print(report.summary(), file=out)
    return 0 if report.ok else 1


def _import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from readiness.services.bank import read_source_text, write_text_atomic

    text = read_source_text(args.file)
    fmt: SourceFormat | None = args.format
    result = import_text(
        text,
        file_name=args.file.name,
        domain=args.domain,
        difficulty=args.difficulty,
        fmt=fmt,
    )
    title = args.title or f"Imported from {args.file.name}"
    try:
        write_text_atomic(args.out, dumps_bank(result.bank, title=title))
    except OSError as exc:
        # One clear line, not a traceback: a folder, a missing or unwritable place.
        print(f"error: cannot write --out {args.out}: {_why_not_written(args.out, exc)}",
              file=err)
        return 1
    print(
        f"imported {result.count} question(s) from {args.file} ({FORMAT_NAMES[result.format]}) "
        f"into {args.out}",
        file=out,
    )
    for skipped in result.skipped:
        print(f"skipped {args.file.name}: {skipped}", file=out)
    return 0


def _why_not_written(target: Path, exc: OSError) -> str:
    if target.is_dir():
        return "it is a folder; give a file name such as bank.json"
    for parent in target.parents:
        if parent.exists() and not parent.is_dir():
            return f"{parent} is a file, not a folder"
    return exc.strerror or str(exc)


def _export(args: argparse.Namespace, out: TextIO) -> int:
    from readiness.core.bank.check import bank_files
    from readiness.services.bank import write_text_atomic

    files = bank_files(args.paths)
    if not files:
        raise UserError("no bank files found", where=", ".join(map(str, args.paths)))
    bank = merge_banks(load_bank_file(p) for p in files)
    text = dumps_bank(bank, title=args.title, author=args.author, license=args.license)
    if str(args.out) == "-":
        out.write(text)
    else:
        write_text_atomic(args.out, text)
        print(
            f"exported {len(bank.items)} items and {len(bank.scenarios)} scenarios to {args.out}",
            file=sys.stderr,
        )
    return 0
