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
