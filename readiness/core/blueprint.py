"""Exam blueprints: the shape of a form and the weight of each content domain.

Blueprints are data (``readiness/resources/blueprints/*.json``) because AHIMA changes the
numbers; every number carries the source it came from, and weights that are
not published are flagged ``estimate`` so the UI can say so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from readiness.core.errors import UserError

BLUEPRINT_FORMAT = "ccs-readiness-blueprint"


@dataclass(frozen=True)
class CountRange:
    min: int
    max: int
    default: int


@dataclass(frozen=True)
class Domain:
    id: str
    name: str
    weight: float
    estimate: bool
    tasks: tuple[str, ...]


@dataclass(frozen=True)
class ScaledScore:
    """The reporting scale and the raw fraction assumed to sit at the passing score.

    AHIMA publishes the scale (passing 300) but not the raw-to-scaled conversion,
    so ``cut_fraction`` is an estimate and every scaled score built on it is too.
    """

    minimum: int = 100
    maximum: int = 400
    passing: int = 300
    cut_fraction: float = 0.70
    estimate: bool = True
    source: str = (
        "Estimate: AHIMA reports CCS results on a scaled score with 300 to pass but does "
        "not publish the conversion; 70% raw is assumed to sit at 300."
    )


@dataclass(frozen=True)
class Blueprint:
    id: str
    title: str
    description: str
    time_limit_minutes: int
    multiple_choice: CountRange
    scenarios: CountRange
    pretest_items: int
    passing_scaled_score: int
    domains: tuple[Domain, ...]
    sources: dict[str, str]
    scale: ScaledScore = ScaledScore()
    path: str = ""  # file the blueprint was read from ("" for built-in data)

    def domain(self, domain_id: str) -> Domain:
        for domain in self.domains:
            if domain.id == domain_id:
                return domain
        raise KeyError(domain_id)

    @property
    def domain_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.domains)

    @property
    def any_estimate(self) -> bool:
        return any(d.estimate for d in self.domains)


def _count(data: object, where: str) -> CountRange:
    if not isinstance(data, dict):
        raise UserError("expected an object with min, max and default", where=where)
    try:
        low, high, default = int(data["min"]), int(data["max"]), int(data["default"])
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(f"missing or non-numeric {exc}", where=where) from None
    if not 0 <= low <= default <= high:
        raise UserError(
            f"need 0 <= min <= default <= max, got {low}, {default}, {high}", where=where
        )
    return CountRange(low, high, default)


def _scale(data: object, passing: int, where: str) -> ScaledScore:
    if data is None:
        return ScaledScore(passing=passing)
    if not isinstance(data, dict):
        raise UserError("expected an object", where=where)
    default = ScaledScore(passing=passing)
    try:
        scale = ScaledScore(
            minimum=int(data.get("min", default.minimum)),
            maximum=int(data.get("max", default.maximum)),
            passing=passing,
            cut_fraction=float(data.get("cut_fraction", default.cut_fraction)),
            estimate=bool(data.get("estimate", True)),
            source=str(data.get("source", default.source)),
        )
    except (TypeError, ValueError) as exc:
        raise UserError(f"bad value: {exc}", where=where) from None
    if not scale.minimum < scale.passing < scale.maximum:
        raise UserError("need min < passing_scaled_score < max", where=where)
    if not 0.0 < scale.cut_fraction < 1.0:
        raise UserError("cut_fraction must be between 0 and 1", where=where)
    return scale


def parse_blueprint(data: object, where: str = "blueprint") -> Blueprint:
    """Build a Blueprint from decoded JSON, naming the first problem found."""
    if not isinstance(data, dict) or data.get("format") != BLUEPRINT_FORMAT:
        raise UserError(f"not a blueprint file (format must be {BLUEPRINT_FORMAT!r})", where=where)
    try:
        domains = tuple(
            Domain(
                id=str(d["id"]),
                name=str(d["name"]),
                weight=float(d["weight"]),
                estimate=bool(d.get("estimate", False)),
                tasks=tuple(str(t) for t in d.get("tasks", ())),
            )
            for d in data["domains"]
        )
        blueprint = Blueprint(
            id=str(data["id"]),
            title=str(data["title"]),
            description=str(data.get("description", "")),
            time_limit_minutes=int(data["time_limit_minutes"]),
            multiple_choice=_count(data["multiple_choice"], f"{where}: multiple_choice"),
            scenarios=_count(data["scenarios"], f"{where}: scenarios"),
            pretest_items=int(data.get("pretest_items", 0)),
            passing_scaled_score=int(data.get("passing_scaled_score", 300)),
            domains=domains,
            sources={k: str(v) for k, v in data.items() if k.endswith("_source")},
            scale=_scale(data.get("scaled_score"), int(data.get("passing_scaled_score", 300)),
                         f"{where}: scaled_score"),
        )
    except KeyError as exc:
        raise UserError(f"missing field {exc.args[0]!r}", where=where) from None
    except (TypeError, ValueError) as exc:
        raise UserError(f"bad value: {exc}", where=where) from None
    if not domains:
        raise UserError("no domains", where=where)
    if len({d.id for d in domains}) != len(domains):
        raise UserError("duplicate domain id", where=where)
    if any(d.weight <= 0 for d in domains) or abs(sum(d.weight for d in domains) - 1.0) > 0.005:
        raise UserError("domain weights must be positive and add up to 1", where=where)
    if blueprint.time_limit_minutes <= 0:
        raise UserError("time_limit_minutes must be positive", where=where)
    return blueprint


def load_blueprint(path: Path) -> Blueprint:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read: {exc}", where=str(path)) from None
    except json.JSONDecodeError as exc:
        raise UserError(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
                        where=str(path)) from None
    return replace(parse_blueprint(data, where=path.name), path=str(path))


def load_blueprints(folder: Path) -> list[Blueprint]:
    return [load_blueprint(p) for p in sorted(folder.glob("*.json"))]
