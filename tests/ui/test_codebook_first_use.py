"""First use: the Tabular is built first, then the shipped books, each in the background."""

from __future__ import annotations

import lzma
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from readiness.codebook import bundled, importer, parallel_build
from readiness.codebook.model import Kind
from readiness.ui.codebook.page import CodeBookPage
from readiness.ui.context import UiContext

FIXTURES = Path(__file__).resolve().parents[1] / "codebook" / "fixtures"


# cost 0: small books, built in the task's thread; 1.5 each: enough work for the worker
# processes (readiness/codebook/parallel_build.py), started from the task runner's thread
@pytest.mark.parametrize("cost", [0.0, 1.5], ids=["in-thread", "side-by-side"])
def test_first_use_builds_the_tabular_then_the_shipped_books(
        qtbot: QtBot, ctx: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        cost: float) -> None:
    src = tmp_path / "icd10c-tabular-April-1-2026.xml"
    src.write_bytes((FIXTURES / "tabular-mini.xml").read_bytes())
    monkeypatch.setattr(importer, "bundled_tabular", lambda: src)
    monkeypatch.setattr(importer, "BUNDLED_TABULAR_SHA256", importer.sha256_file(src))
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    books = []
    for kind, name in ((Kind.PCS_TABLES, "pcs-tables-mini.xml"),
                       (Kind.CM_DRUG, "drug-mini.xml")):
        (shipped / f"{name}.xz").write_bytes(lzma.compress((FIXTURES / name).read_bytes()))
        books.append(bundled.ShippedBook(kind, f"{name}.xz", cost))
    monkeypatch.setattr(bundled, "SHIPPED", tuple(books))
    monkeypatch.setattr(parallel_build, "workers_for", lambda jobs: 2)  # even on one core
    side_by_side = []
    real_run = parallel_build.run_parallel
    monkeypatch.setattr(parallel_build, "run_parallel",
                        lambda *a, **k: side_by_side.append(1) or real_run(*a, **k))
    monkeypatch.setattr(bundled, "shipped_path", lambda b: shipped / b.file)
    started: list[str] = []
    ctx.tasks.started.connect(lambda handle: started.append(handle.label))

    page = CodeBookPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    service = ctx.workspace.codebook
    qtbot.waitUntil(lambda: not service.needs_build() and not service.building, timeout=30000)
    assert started == ["Building the code books", "Building the code books"]
    assert {i.kind for i in service.installed()} == {Kind.CM_TABULAR, Kind.PCS_TABLES,
                                                     Kind.CM_DRUG}
    b = page.browser
    qtbot.waitUntil(lambda: not b.progress.isVisible(), timeout=30000)
    assert b.pcs_list.count() > 1 and not b.pcs_notice.isVisibleTo(b)
    assert b.index_kind.findData(Kind.CM_DRUG.value) >= 0
    assert b.tabular_tree.topLevelItemCount() > 0
    assert side_by_side == ([1] if cost else [])


def test_index_tab_shows_the_edition_of_the_book_in_view(qtbot: QtBot, ctx: UiContext,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "bundled_tabular", lambda: None)
    service = ctx.workspace.codebook
    for name in ("eindex-mini.xml", "drug-mini.xml"):
        service.import_file(FIXTURES / name)
    page = CodeBookPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    b = page.browser
    b.tabs.setCurrentIndex(b.tabs.indexOf(b.index_kind.parentWidget()))
    b.index_kind.setCurrentIndex(b.index_kind.findData(Kind.CM_DRUG.value))
    edition = next(i.edition for i in service.installed() if i.kind == Kind.CM_DRUG)
    assert b.index_edition.isVisibleTo(b)
    assert b.index_edition.text().startswith(f"Edition: {edition}")
