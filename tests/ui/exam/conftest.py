"""Exam GUI tests do not build the bundled 74,000-code ICD-10-CM list on a worker unless a
test installs code sets itself (the fixture sets in tests/codebook/fixtures)."""

from __future__ import annotations

import pytest

from readiness.codebook import importer


@pytest.fixture(autouse=True)
def _no_bundled_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "bundled_tabular", lambda: None)
