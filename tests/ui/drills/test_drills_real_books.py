"""Drills on the official books from ../shared/data/cms (skipped when they are absent):
every drawn answer is a reportable code, and a look-up runs end to end through the page."""

from __future__ import annotations

import lzma
import random
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from readiness.codebook import importer
from readiness.codebook.drill_source import BookDrillSource
from readiness.codebook.library import CodeBook
from readiness.core.bank.models import CodeRef
from readiness.core.clock import FakeClock
from readiness.core.codes import CodeStatus
from readiness.core.drills.generate import draw
from readiness.core.drills.models import DrillBook
from readiness.ui.context import UiContext
from readiness.ui.drills.page import DrillsPage

pytestmark = pytest.mark.slow

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "cms"
FILES = {
    DrillBook.CM_EINDEX: "icd10cm-fy2025-lf/icd-10-cm-eindex-2025.xml.xz",
    DrillBook.NEOPLASM: "icd10cm-fy2025-lf/icd-10-cm-neoplasm-2025.xml.xz",
    DrillBook.DRUG: "icd10cm-fy2025-lf/icd-10-cm-drug-2025.xml.xz",
    DrillBook.PCS_TABLES: "icd10pcs/icd10pcs_tables_2026.xml.xz",
}


@pytest.fixture(scope="module")
def real_sets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled FY2026 tabular list plus the official index, tables and PCS files."""
    missing = [rel for rel in FILES.values() if not (SHARED / rel).exists()]
    if missing:
        pytest.skip(f"official CMS files not available: {missing}")
    tmp = tmp_path_factory.mktemp("drill-books")
    sets = tmp / "sets"
    book = CodeBook(sets)
    book.build_default()
    book.close()
    for rel in FILES.values():
        src = SHARED / rel
        out = tmp / src.name[:-3]
        with lzma.open(src) as a, out.open("wb") as b:
            shutil.copyfileobj(a, b)
        importer.import_file(out, sets)
    return sets


@pytest.fixture(scope="module")
def real_book(real_sets: Path) -> CodeBook:
    book = CodeBook(real_sets)
    yield book
    book.close()


@pytest.mark.parametrize("drill", list(FILES))
def test_every_drawn_answer_is_a_reportable_code(real_book: CodeBook, drill: DrillBook) -> None:
    source = BookDrillSource(real_book)
    prompts = draw(drill, source, 100, random.Random(2026))
    assert len(prompts) == 100, "the book should hold far more than 100 look-ups"
    assert len({p.statement for p in prompts}) == 100
    system = "icd10pcs" if drill is DrillBook.PCS_TABLES else "icd10cm"
    for p in prompts:
        assert real_book.status(CodeRef(system, p.answer)) is CodeStatus.BILLABLE, p
    assert source.pool_size(drill) > 1000  # thousands of prompts, not a fixed list


def test_the_drug_table_drill_needs_the_seventh_character(real_book: CodeBook) -> None:
    prompts = draw(DrillBook.DRUG, BookDrillSource(real_book), 20, random.Random(1))
    for p in prompts:
        assert p.statement.endswith(", initial encounter")
        assert p.answer.endswith("A") and p.answer != p.hint


@pytest.fixture
def real_ctx(ctx: UiContext, real_sets: Path) -> UiContext:
    for db in real_sets.glob("*.sqlite3"):
        shutil.copy(db, ctx.workspace.codesets_dir / db.name)
    ctx.workspace.codebook.reload()
    return ctx


@pytest.mark.parametrize("drill", [DrillBook.NEOPLASM, DrillBook.PCS_TABLES])
def test_one_look_up_in_the_real_book_through_the_widgets(
        qtbot: QtBot, real_ctx: UiContext, fake_clock: FakeClock, drill: DrillBook) -> None:
    page = DrillsPage(real_ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    page.select_book(drill)
    page.count.setValue(1)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.run_view.run is not None, timeout=20000)
    view = page.run_view
    run = view.run
    assert run is not None
    prompt = run.prompts[0]
    assert view.statement.text() == prompt.statement
    # The candidate looks the code up in the real book beside the prompt...
    book = real_ctx.workspace.codebook.book
    if drill is DrillBook.PCS_TABLES:
        view.browser.open_target(f"pcs:{prompt.answer[:3]}")
        assert prompt.answer[:3] in view.browser.current
    else:
        view.browser.open_target(f"cm:{prompt.answer}")
        assert book.cm_resolve(prompt.answer) is not None
    fake_clock.advance(33)
    qtbot.keyClicks(view.answer_edit, prompt.answer)
    qtbot.keyClick(view.answer_edit, Qt.Key.Key_Return)
    assert view.feedback.text() == f"Correct: {prompt.answer} (33 s)."
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert page.result_text.text() == "1 of 1 correct (100%) · 33 s per look-up (target 60 s)"
    stats = real_ctx.workspace.drills.drill_accuracy_by_book()[drill]
    assert (stats.answered, stats.correct) == (1, 1)
