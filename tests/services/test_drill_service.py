"""The drill service over the fixture code book and the user database."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.codebook import importer
from readiness.core.clock import FakeClock
from readiness.core.drills.models import DrillBook, DrillSummary, Verdict
from readiness.core.errors import UserError
from readiness.paths import AppPaths
from readiness.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "codebook" / "fixtures"


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    for name in ("tabular-mini.xml", "index-mini.xml", "pcs-tables-mini.xml"):
        importer.import_file(FIXTURES / name, workspace.codesets_dir)
    workspace.codebook.reload()
    return workspace


def test_a_set_is_drawn_timed_saved_and_reported(ws: Workspace, fake_clock: FakeClock) -> None:
    finished: list[DrillSummary] = []
    ws.drills.finish_hooks.append(finished.append)
    run = ws.drills.start(DrillBook.PCS_TABLES, 3, seed=5)
    assert len(run.prompts) == 3
    run.show()
    fake_clock.advance(25)
    right = ws.drills.answer(run, run.prompts[0].answer)
    run.show()
    fake_clock.advance(70)
    wrong = ws.drills.answer(run, "0DT")
    assert (right.verdict, wrong.verdict) == (Verdict.CORRECT, Verdict.INCOMPLETE)
    summary = ws.drills.finish(run)  # stopped after two of three
    assert finished == [summary]
    assert (summary.planned, summary.answered, summary.correct, summary.seconds) == (3, 2, 1, 95)
    stats = ws.drills.drill_accuracy_by_book()
    assert set(stats) == {DrillBook.PCS_TABLES}
    assert stats[DrillBook.PCS_TABLES].accuracy == 0.5
    assert stats[DrillBook.PCS_TABLES].median_seconds == 25
    [row] = ws.drills.recent_runs()
    assert (row.book, row.planned, row.answered, row.correct) == (DrillBook.PCS_TABLES, 3, 2, 1)
    assert row.finished_at is not None


def test_answers_survive_a_restart(ws: Workspace, paths: AppPaths) -> None:
    run = ws.drills.start(DrillBook.CM_INDEX, 2, seed=1)
    run.show()
    ws.drills.answer(run, run.prompts[0].answer)
    ws.close()
    again, _ = Workspace.open(paths, FakeClock(), take_backup=False)
    try:
        assert again.drills.drill_accuracy_by_book()[DrillBook.CM_INDEX].correct == 1
    finally:
        again.close()


def test_a_book_that_is_not_installed_says_which_code_set_to_add(ws: Workspace) -> None:
    status = {s.book: s for s in ws.drills.books()}
    assert status[DrillBook.PCS_TABLES].ready and status[DrillBook.CM_INDEX].ready
    assert status[DrillBook.NEOPLASM].missing == ("ICD-10-CM Neoplasm Table",)
    with pytest.raises(UserError, match=r"Neoplasm Table.*Code sets"):
        ws.drills.start(DrillBook.NEOPLASM, 10)
    assert ws.drills.recent_runs() == []  # nothing recorded


def test_bad_count_and_target_are_refused_and_change_nothing(ws: Workspace) -> None:
    with pytest.raises(UserError, match="1 to 100"):
        ws.drills.start(DrillBook.PCS_TABLES, 0)
    assert ws.drills.target_seconds() == 60
    with pytest.raises(UserError, match="5 to 600 seconds"):
        ws.drills.set_target_seconds(2)
    ws.drills.set_target_seconds(45)
    assert ws.drills.target_seconds() == 45
