"""One first-use build of the code sets, whoever needs them first (exam or code book)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from readiness.codebook import importer
from readiness.ui.codebook.first_use import ensure_code_sets
from readiness.ui.codebook.page import CodeBookPage
from readiness.ui.context import UiContext

FIXTURES = Path(__file__).resolve().parents[1] / "codebook" / "fixtures"


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    source = tmp_path / "icd10c-tabular-April-1-2026.xml"
    source.write_bytes((FIXTURES / "tabular-mini.xml").read_bytes())
    monkeypatch.setattr(importer, "bundled_tabular", lambda: source)
    monkeypatch.setattr(importer, "BUNDLED_TABULAR_SHA256", importer.sha256_file(source))
    return source


def test_the_exam_and_the_code_book_share_one_build(
        qtbot: QtBot, ctx: UiContext, bundled: Path) -> None:
    started: list[str] = []
    ctx.tasks.started.connect(lambda handle: started.append(handle.label))
    first = ensure_code_sets(ctx)  # the exam driver asked first
    assert first is not None and ctx.workspace.codebook.building
    page = CodeBookPage(ctx)  # then the code book opens: it follows the same job
    qtbot.addWidget(page)
    assert page.browser.sets.build_handle is first
    assert ensure_code_sets(ctx) is first
    assert started == ["Building the code books"]
    qtbot.waitUntil(lambda: ctx.tasks.idle, timeout=20000)
    assert not ctx.workspace.codebook.building
    assert not ctx.workspace.codebook.needs_build()
    assert not page.browser.progress.isVisibleTo(page.browser)
    assert ensure_code_sets(ctx) is None  # nothing missing any more


def test_service_builds_what_is_missing(ctx: UiContext, bundled: Path) -> None:
    service = ctx.workspace.codebook
    assert service.missing() == ["ICD-10-CM Tabular List"]
    service.install(service.build_missing())
    assert service.missing() == []
    assert service.build_missing() == []
