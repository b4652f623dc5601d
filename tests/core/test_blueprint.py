from __future__ import annotations

import json
from pathlib import Path

import pytest

from readiness.core.blueprint import load_blueprints, parse_blueprint
from readiness.core.errors import UserError
from readiness.resources import resource_path


def shipped() -> dict[str, object]:
    path = resource_path("blueprints", "ccs-candidate-guide.json")
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_shipped_blueprints_load_with_sources_and_estimates() -> None:
    blueprints = {b.id: b for b in load_blueprints(resource_path("blueprints"))}
    guide = blueprints["ccs-candidate-guide"]
    assert guide.time_limit_minutes == 240
    assert (guide.multiple_choice.min, guide.multiple_choice.max) == (97, 105)
    assert (guide.scenarios.min, guide.scenarios.max) == (6, 8)
    assert guide.any_estimate and "weights_source" in guide.sources
    published = blueprints["ccs-2025-published"]
    assert published.pretest_items == 10
    assert published.multiple_choice.default + published.scenarios.default == 107
    assert [d.name for d in guide.domains] == [
        "Coding Knowledge and Skills", "Coding Documentation", "Provider Queries",
        "Regulatory Compliance", "Information Technologies"]


def test_weights_must_add_up() -> None:
    data = shipped()
    data["domains"][0]["weight"] = 0.9  # type: ignore[index]
    with pytest.raises(UserError, match="add up to 1"):
        parse_blueprint(data, "x.json")


def test_missing_field_is_named() -> None:
    data = shipped()
    del data["time_limit_minutes"]
    with pytest.raises(UserError, match="time_limit_minutes"):
        parse_blueprint(data, "x.json")


def test_not_a_blueprint(tmp_path: Path) -> None:
    from readiness.core.blueprint import load_blueprint

    bad = tmp_path / "b.json"
    bad.write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(UserError, match="not a blueprint"):
        load_blueprint(bad)
    bad.write_text("{oops", encoding="utf-8")
    with pytest.raises(UserError, match="line 1"):
        load_blueprint(bad)
