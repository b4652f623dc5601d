from __future__ import annotations

from pathlib import Path

import pytest
from bank_fakes import FakeValidator

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "bank"


@pytest.fixture
def validator() -> FakeValidator:
    return FakeValidator()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def fixtures_v2() -> Path:
    """Version 2 bank files (kept apart: checking the v1 folder must not see them)."""
    return FIXTURES.parent / "bank-v2"
