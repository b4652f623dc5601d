"""Models -> bank files (the inverse of :mod:`readiness.core.bank.loader`).

``parse_bank_data(bank_to_data(bank))`` gives back an equal bank (apart from
``source_file``, which records where a model was read from), and the data
always matches the JSON Schema when the models came from a valid file.
"""

from __future__ import annotations

import json
from typing import Any

from readiness.core.bank.models import (
    Bank,
    MultipleChoiceItem,
    Scenario,
    ScenarioAnswer,
    ScenarioQuestion,
)
from readiness.core.bank.titles import default_service

BANK_FORMAT = "ccs-readiness-bank"
BANK_VERSION = 2


def item_to_data(item: MultipleChoiceItem) -> dict[str, Any]:
    options: list[dict[str, Any]] = []
    for option in item.options:
        entry: dict[str, Any] = {"text": option.text}
        if option.codes:
            entry["codes"] = [str(c) for c in option.codes]
        entry["why"] = option.rationale
        options.append(entry)
    return {
        "id": item.id,
        "domain": item.domain,
        "task": item.task,
        "difficulty": item.difficulty,
        "stem": item.stem,
        "options": options,
        "key": list(item.key),
        "rationale": item.rationale,
        "references": list(item.references),
        "tags": list(item.tags),
    }


def _answer(answer: ScenarioAnswer) -> dict[str, Any]:
    out: dict[str, Any] = {"code": str(answer.code)}
    if answer.poa is not None:
        out["poa"] = answer.poa
    if answer.alternatives:
        out["alternatives"] = [str(c) for c in answer.alternatives]
    if answer.optional:
        out["optional"] = True
    return out


def _question(question: ScenarioQuestion) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": question.id,
        "prompt": question.prompt,
        "style": question.style,
        "answers": [_answer(a) for a in question.answers],
        "sequenced": question.sequenced,
    }
    if question.choices:
        out["choices"] = [str(c) for c in question.choices]
    out["rationale"] = question.rationale
    return out


def scenario_to_data(scenario: Scenario) -> dict[str, Any]:
    out: dict[str, Any] = {"id": scenario.id, "title": scenario.title,
                           "setting": scenario.setting,
                           "service": scenario.service or default_service(scenario.setting)}
    if scenario.sex:
        out["sex"] = scenario.sex
    out.update({
        "domain": scenario.domain,
        "difficulty": scenario.difficulty,
        "documents": [{"title": d.title, "text": d.text} for d in scenario.documents],
        "questions": [_question(q) for q in scenario.questions],
        "references": list(scenario.references),
        "tags": list(scenario.tags),
    })
    return out


def bank_to_data(
    bank: Bank, *, title: str = "", author: str = "", license: str = ""
) -> dict[str, Any]:
    data: dict[str, Any] = {"format": BANK_FORMAT, "version": BANK_VERSION}
    if title:
        data["title"] = title
    if author:
        data["author"] = author
    if license:
        data["license"] = license
    data["items"] = [item_to_data(i) for i in bank.items]
    data["scenarios"] = [scenario_to_data(s) for s in bank.scenarios]
    return data


def dumps_bank(bank: Bank, *, title: str = "", author: str = "", license: str = "") -> str:
    """The bank file text: UTF-8 JSON, two-space indent, non-ASCII kept, newline at the end."""
    data = bank_to_data(bank, title=title, author=author, license=license)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
