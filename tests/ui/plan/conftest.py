"""Plan GUI tests open the exam driver from a task; like the exam tests, they do not
build the bundled 74,000-code ICD-10-CM list on a worker (it would outlive the test)."""

from __future__ import annotations

import pytest

from readiness.codebook import importer


@pytest.fixture(autouse=True)
def _no_bundled_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "bundled_tabular", lambda: None)
