"""The coverage matrix and the mocks-without-repeat figure, on small banks built here."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from fixtures.exam_bank import make_bank, make_item, make_scenario

from readiness.bank.cli import main
from readiness.core.bank.coverage import coverage, load_matrix, mocks_without_repeat, parse_matrix
from readiness.core.bank.export import dumps_bank
from readiness.core.bank.models import Bank, CodeRef, MultipleChoiceItem, Option
from readiness.core.blueprint import load_blueprints
from readiness.core.errors import UserError
from readiness.core.exam.forms import allocate
from readiness.resources import resource_path

BLUEPRINTS = load_blueprints(resource_path("blueprints"))


def keyed(item_id: str, *codes: str, tags: tuple[str, ...] = ()) -> MultipleChoiceItem:
    """An item whose key option carries ``codes`` (``system:code``) and a wrong option
    that carries codes too (which must not count)."""
    item = make_item(item_id, "coding-knowledge")
    options = list(item.options)
    options[1] = replace(options[1], codes=tuple(CodeRef.parse(c) for c in codes))
    options[0] = Option("wrong", codes=(CodeRef.parse("icd10cm:H10.9"),), rationale="r")
    return replace(item, options=tuple(options), tags=tags)


MATRIX = {
    "format": "ccs-readiness-coverage", "version": 1,
    "cells": [
        {"id": "eye", "group": "CM", "label": "Eye", "codes": [
            {"system": "icd10cm", "from": "H00", "to": "H59"}]},
        {"id": "ob", "group": "CM", "label": "OB", "codes": [
            {"system": "icd10cm", "from": "O00", "to": "O9A"}]},
        {"id": "map", "group": "PCS", "label": "Map", "codes": [
            {"system": "icd10pcs", "pattern": "^0.K"}]},
        {"id": "ed", "group": "CPT", "label": "ED E/M", "codes": [
            {"system": "cpt", "from": "99281", "to": "99285"}]},
        {"id": "m25", "group": "Tags", "label": "Modifier 25", "tags": ["modifier-25"], "min": 2},
    ],
}


def counts(bank: Bank, matrix: dict[str, object] = MATRIX) -> dict[str, list[str]]:
    report = coverage(bank, parse_matrix(matrix, [], "m.json"), [])
    return {c.cell.id: c.ids for c in report.counts}


def test_cells_count_keyed_codes_and_tags_only() -> None:
    bank = Bank(items=(
        keyed("ck-1", "icd10cm:O9A.111"),           # O9A sorts after O99: chapter 15
        keyed("ck-2", "icd10pcs:0DK08ZZ"),            # hypothetical shape; pattern only
        keyed("ck-3", "cpt:99285", tags=("modifier-25",)),
        keyed("ck-4", "cpt:992850"),                  # not five characters: no match
    ), scenarios=(make_scenario("sc-ip-01"),))
    got = counts(bank)
    assert got == {"eye": [], "ob": ["ck-1"], "map": ["ck-2"], "ed": ["ck-3"], "m25": ["ck-3"]}


def test_scenario_answers_and_alternatives_are_keyed_codes() -> None:
    sc = make_scenario("sc-ip-01")
    q = sc.questions[2]
    answer = replace(q.answers[0], alternatives=(CodeRef("icd10pcs", "0WKJ0ZZ"),))
    sc = replace(sc, questions=(*sc.questions[:2], replace(q, answers=(answer,))))
    assert counts(Bank(scenarios=(sc,)))["map"] == ["sc-ip-01"]


def test_report_lines_name_short_cells_and_the_minimum() -> None:
    bank = Bank(items=(keyed("ck-3", "cpt:99285", tags=("modifier-25",)),))
    report = coverage(bank, parse_matrix(MATRIX, [], "m.json"), [])
    lines = report.lines()
    assert "ok    CPT: ED E/M: 1/1: ck-3" in lines
    assert "SHORT Tags: Modifier 25: 1/2: ck-3" in lines
    assert "SHORT CM: Eye: 0/1: -" in lines
    assert not report.ok


def test_blueprint_tasks_become_cells_with_their_minimum() -> None:
    data = {**MATRIX, "blueprint_tasks": {"min": 10}}
    matrix = parse_matrix(data, BLUEPRINTS, "m.json")
    tasks = [c for c in matrix.cells if c.group == "Blueprint tasks"]
    domains = {d.id: d.tasks for b in BLUEPRINTS for d in b.domains}
    assert len(tasks) == sum(len(set(t)) for t in domains.values())
    assert all(c.minimum == 10 for c in tasks)
    item = replace(make_item("ck-9", "coding-knowledge"), task=tasks[0].task)
    assert [c.id for c in matrix.cells if c.covers(item)] == [tasks[0].id]


@pytest.mark.parametrize(("change", "message"), [
    ({"format": "x"}, "not a coverage file"),
    ({"cells": [{"id": "a", "group": "g", "label": "l"}]}, "names no codes and no tags"),
    ({"cells": [{"id": "a", "group": "g", "label": "l", "codes": [{"system": "x"}]}]},
     "needs a system"),
    ({"cells": [{"id": "a", "group": "g", "label": "l",
                 "codes": [{"system": "cpt", "pattern": "("}]}]}, "bad pattern"),
])
def test_a_bad_matrix_is_named(change: dict[str, object], message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_matrix({**MATRIX, **change}, [], "m.json")


def test_shipped_matrix_loads_and_names_every_required_cell() -> None:
    matrix = load_matrix(resource_path("bank", "coverage.json").read_text(encoding="utf-8"),
                         BLUEPRINTS, "coverage.json")
    ids = {c.id for c in matrix.cells}
    assert {f"cm-chapter-{n:02d}" for n in range(1, 23)} <= ids
    assert len([i for i in ids if i.startswith("pcs-root-")]) == 31
    assert {"tag-modifier-25", "tag-cc-mcc", "tag-hipaa-security", "cpt-em-telehealth",
            "cpt-surgery-auditory", "pcs-section-x"} <= ids
    assert matrix.mock_goal == 5


@pytest.fixture
def published():  # type: ignore[no-untyped-def]
    return next(b for b in BLUEPRINTS if b.id == "ccs-2025-published")


def test_mocks_without_repeat_follow_the_form_rules(published) -> None:  # type: ignore[no-untyped-def]
    """A mock takes 99 MC by weight and 8 scenarios: a bank of exactly three mocks' worth
    fills three, and one scenario fewer fills two."""
    weights = {d.id: d.weight for d in published.domains}
    bank = make_bank(per_domain=200, scenarios=24)
    # Trim each domain to exactly three mocks' worth, so the fourth falls short.
    alloc = allocate(99, weights, {d: 10_000 for d in weights})
    items = []
    for domain, n in alloc.items():
        items.extend([i for i in bank.items if i.domain == domain][: 3 * n])
    bank = replace(bank, items=tuple(items))
    assert mocks_without_repeat(bank, published) == 3
    fewer = replace(bank, scenarios=bank.scenarios[:-1])
    assert mocks_without_repeat(fewer, published) == 2


def test_cli_coverage_prints_the_matrix_and_exits_1_on_a_short_cell(tmp_path: Path) -> None:
    bank_file = tmp_path / "bank.json"
    bank_file.write_text(dumps_bank(Bank(items=(keyed("ck-0001", "icd10cm:H10.33"),))),
                         encoding="utf-8")
    matrix = tmp_path / "m.json"
    small = {**MATRIX, "cells": MATRIX["cells"][:1], "mocks_without_repeat": {"goal": 0}}
    matrix.write_text(json.dumps(small), encoding="utf-8")
    out = io.StringIO()
    code = main(["coverage", str(bank_file), "--matrix", str(matrix)], out=out,
                err=io.StringIO())
    lines = out.getvalue().splitlines()
    assert code == 0, lines
    assert lines[0] == "ok    CM: Eye: 1/1: ck-0001"
    assert lines[-1].startswith("bank coverage: 1 of 1 cells covered, 0 short")
    small["cells"] = MATRIX["cells"][:2]
    matrix.write_text(json.dumps(small), encoding="utf-8")
    out = io.StringIO()
    assert main(["coverage", str(bank_file), "--matrix", str(matrix)], out=out,
                err=io.StringIO()) == 1
    assert "SHORT CM: OB: 0/1: -" in out.getvalue()
