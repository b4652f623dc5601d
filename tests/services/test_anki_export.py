"""Anki export, checked by reading the package back: a zip holding an SQLite collection."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from fixtures.exam_bank import make_bank

from readiness.core.errors import UserError
from readiness.core.exam.forms import FormSpec, full_mock_spec
from readiness.workspace import Workspace


def read_package(path: Path, tmp: Path) -> tuple[list[tuple[str, list[str], str]], set[str]]:
    """(guid, fields, tags) of every note, and the deck names, from an .apkg."""
    with zipfile.ZipFile(path) as zf:
        assert "collection.anki2" in zf.namelist()
        zf.extract("collection.anki2", tmp)
    conn = sqlite3.connect(tmp / "collection.anki2")
    try:
        notes = [(g, f.split("\x1f"), t.strip()) for g, f, t in
                 conn.execute("SELECT guid, flds, tags FROM notes ORDER BY sfld")]
        decks = {d["name"] for d in json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
                 .values()}
    finally:
        conn.close()
    return notes, decks


@pytest.fixture
def practised(workspace: Workspace) -> Workspace:
    """One finished set: two items answered wrong, one flagged though right, one right."""
    exams = workspace.exams
    exams.set_bank(make_bank(per_domain=6, scenarios=2))
    base = full_mock_spec(exams.blueprint("ccs-candidate-guide"), seed=11)
    run = exams.start(FormSpec(**{**base.__dict__, "multiple_choice": 4, "scenarios": 0,
                                  "time_limit_s": 600.0}))
    for p in range(len(run)):
        item = run.content(p)
        right = item.key  # type: ignore[union-attr]
        wrong = tuple(i for i in range(len(item.options)) if i not in right)[:len(right)]  # type: ignore[union-attr]
        run.select(p, wrong if p < 2 else right)
    run.toggle_flag(2)
    run.finish()
    return workspace


def test_missed_and_flagged_items_export_a_deck_per_domain(practised: Workspace,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "ccs.apkg"
    cards = practised.anki.cards()
    assert len(cards) == 3  # two missed, one flagged; the fourth was right and unflagged
    result = practised.anki.export(out)
    assert result.notes == 3
    notes, decks = read_package(out, tmp_path)
    names = practised.planner.domain_names()
    expected_decks = {f"CCS Readiness::{names[c.domain]}" for c in cards}
    assert expected_decks <= decks and set(result.decks) == expected_decks
    bank = practised.exams.bank()
    by_ref = {fields[2]: (guid, fields) for guid, fields, _tags in notes}
    for card in cards:
        _guid, (front, back, _ref) = by_ref[card.ref]
        item = bank.item(card.ref)
        assert item.stem.splitlines()[0][:30] in front
        assert "Answer:" in back and item.rationale.splitlines()[0][:30] in back
        for reference in item.references:
            assert reference in back


def test_re_exporting_keeps_every_note_guid(practised: Workspace, tmp_path: Path) -> None:
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    practised.anki.export(first)
    practised.anki.export(second)
    a, _ = read_package(first, tmp_path / "a")
    b, _ = read_package(second, tmp_path / "b")
    assert [n[0] for n in a] == [n[0] for n in b]
    assert len({n[0] for n in a}) == 3


def test_nothing_to_export_says_so_and_writes_nothing(workspace: Workspace,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "empty.apkg"
    with pytest.raises(UserError, match="no missed or flagged questions yet"):
        workspace.anki.export(out)
    assert not out.exists()
