"""Read bank files (JSON, schemas ``readiness/resources/bank/schema/bank-v{1,2}.schema.json``).

Version 1 and version 2 files are both read; a version 1 scenario gets its setting's
neutral default service and no optional answers (see docs/bank-format.md).

Structural problems are reported by the JSON Schema with the JSON path of the
offending value; the loader then turns the checked data into dataclasses.
Code validity against the code sets is a separate step (``bank check``), since
it needs a code book.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from readiness.core.bank.limits import loads_limited
from readiness.core.bank.models import (
    Bank,
    CodeRef,
    Document,
    MultipleChoiceItem,
    Option,
    Scenario,
    ScenarioAnswer,
    ScenarioQuestion,
)
from readiness.core.bank.titles import default_service
from readiness.core.errors import UserError
from readiness.resources import resource_path

VERSIONS = (1, 2)
CURRENT_VERSION = 2


def schema_path(version: int = CURRENT_VERSION) -> tuple[str, str, str]:
    return ("bank", "schema", f"bank-v{version}.schema.json")


@cache
def bank_schema(version: int = CURRENT_VERSION) -> dict[str, Any]:
    text = resource_path(*schema_path(version)).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _schema_validator(version: int) -> Any:
    import jsonschema  # deferred: only bank loading pays for it

    return jsonschema.Draft202012Validator(bank_schema(version))


def file_version(data: object) -> int:
    """The schema version a decoded file is checked against: its own when known, else the
    current one (whose schema then reports what is wrong with ``version``)."""
    version = data.get("version") if isinstance(data, dict) else None
    return version if isinstance(version, int) and version in VERSIONS else CURRENT_VERSION


def _document_order(error: Any) -> list[tuple[int, int, str]]:
    return [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in error.absolute_path]


def schema_errors(data: object) -> list[str]:
    """Every schema violation as 'path: message', in document order."""
    version = data.get("version") if isinstance(data, dict) else None
    if isinstance(data, dict) and "version" in data and (
            version not in VERSIONS or isinstance(version, bool)):
        return [f"version: {version!r} is not a bank format version this app reads "
                f"(it reads {' and '.join(map(str, VERSIONS))}); a newer app may read it"]
    errors = sorted(_schema_validator(file_version(data)).iter_errors(data),
                    key=_document_order)
    out = []
    for error in errors:
        path = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        out.append(f"{path}: {error.message}")
    return out


def _describe_item(data: dict[str, Any], path: str) -> str:
    return f"{path} ({data['id']})" if isinstance(data, dict) and "id" in data else path


def parse_bank_data(data: object, where: str, validate: bool = True) -> Bank:
    """The bank in ``data``.  ``validate=False`` skips the JSON Schema (the shipped files,
    which ``bank check`` validates in CI: 2 s for the 1.7 MB issue-12 bank at every start,
    holding the GIL on the worker that reads it); a file that is not a bank then still
    fails with a message, never with a KeyError."""
    if validate:
        problems = schema_errors(data)
        if problems:
            shown = "; ".join(problems[:5])
            more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
            raise UserError(f"does not match the bank format: {shown}{more}", where=where)
    if not isinstance(data, dict):
        raise UserError("does not match the bank format: not a JSON object", where=where)
    try:
        items = tuple(parse_item(raw, where) for raw in data["items"])
        scenarios = tuple(parse_scenario(raw, where) for raw in data["scenarios"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UserError(f"does not match the bank format ({type(exc).__name__}: {exc}); "
                        "python -m readiness.bank check names the problem", where=where) from None
    for item in items:
        if any(k >= len(item.options) for k in item.key):
            raise UserError(f"item {item.id}: a key points past the last option", where=where)
    return Bank(items=items, scenarios=scenarios, files=(where,))


def _codes(values: Iterable[str]) -> tuple[CodeRef, ...]:
    return tuple(CodeRef.parse(v) for v in values)


def parse_item(raw: dict[str, Any], where: str) -> MultipleChoiceItem:
    return MultipleChoiceItem(
        id=raw["id"],
        domain=raw["domain"],
        task=raw["task"],
        difficulty=raw["difficulty"],
        stem=raw["stem"],
        options=tuple(
            Option(text=o["text"], codes=_codes(o.get("codes", ())), rationale=o["why"])
            for o in raw["options"]
        ),
        key=tuple(raw["key"]),
        rationale=raw["rationale"],
        references=tuple(raw["references"]),
        tags=tuple(raw.get("tags", ())),
        source_file=where,
    )


def parse_scenario(raw: dict[str, Any], where: str) -> Scenario:
    return Scenario(
        id=raw["id"],
        title=raw["title"],
        setting=raw["setting"],
        service=raw.get("service") or default_service(raw["setting"]),
        sex=raw.get("sex"),
        domain=raw["domain"],
        difficulty=raw["difficulty"],
        documents=tuple(Document(d["title"], d["text"]) for d in raw["documents"]),
        questions=tuple(
            ScenarioQuestion(
                id=q["id"],
                prompt=q["prompt"],
                style=q["style"],
                answers=tuple(
                    ScenarioAnswer(
                        code=CodeRef.parse(a["code"]),
                        poa=a.get("poa"),
                        alternatives=_codes(a.get("alternatives", ())),
                        optional=bool(a.get("optional", False)),
                    )
                    for a in q["answers"]
                ),
                sequenced=q["sequenced"],
                choices=_codes(q.get("choices", ())),
                rationale=q["rationale"],
            )
            for q in raw["questions"]
        ),
        references=tuple(raw["references"]),
        tags=tuple(raw.get("tags", ())),
        source_file=where,
    )


def load_bank_file(path: Path, validate: bool = True) -> Bank:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read: {exc}", where=str(path)) from None
    try:
        data = loads_limited(text, str(path))
    except UserError as exc:
        raise UserError(exc.message, where=str(path)) from None
    return parse_bank_data(data, where=path.name, validate=validate)


def merge_banks(banks: Iterable[Bank]) -> Bank:
    """One bank from several; a duplicate id anywhere is an error naming both files."""
    items: list[MultipleChoiceItem] = []
    scenarios: list[Scenario] = []
    files: list[str] = []
    seen: dict[str, str] = {}
    for bank in banks:
        files.extend(bank.files)
        entries: list[MultipleChoiceItem | Scenario] = [*bank.items, *bank.scenarios]
        for entry in entries:
            if entry.id in seen:
                raise UserError(
                    f"duplicate id {entry.id!r} (also in {seen[entry.id]})", where=entry.source_file
                )
            seen[entry.id] = entry.source_file
        items.extend(bank.items)
        scenarios.extend(bank.scenarios)
    return Bank(items=tuple(items), scenarios=tuple(scenarios), files=tuple(files))


def load_bank_dir(folder: Path, validate: bool = True) -> Bank:
    return merge_banks(load_bank_file(p, validate) for p in sorted(folder.glob("*.json")))


def shipped_bank_dir() -> Path:
    return resource_path("bank", "items")
