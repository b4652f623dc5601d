"""Where the shipped data files (blueprints, bank, checklist template) live.

In a checkout they sit in ``resources/`` beside the package; an installed wheel
carries the same tree as the package ``readiness.resources`` (see pyproject.toml).
"""

from __future__ import annotations

from importlib import resources as importlib_resources
from pathlib import Path


def resources_dir() -> Path:
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    return Path(str(importlib_resources.files("readiness.resources")))


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
