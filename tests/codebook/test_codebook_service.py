"""Bookmarks and history persist in the user database (migration 6)."""

from __future__ import annotations

from cbhelpers import FIXTURES

from readiness.codebook.model import Kind
from readiness.core.clock import FakeClock
from readiness.paths import AppPaths
from readiness.storage.db import Database
from readiness.storage.migrations import latest_version
from readiness.workspace import Workspace


def test_bookmarks_survive_a_restart(paths: AppPaths, fake_clock: FakeClock) -> None:
    ws, _ = Workspace.open(paths, fake_clock, take_backup=False)
    assert ws.codebook.toggle_bookmark("cm:S72.001A", "S72.001A Fracture of ...") is True
    assert ws.codebook.toggle_bookmark("pcs:0DT", "0DT Resection") is True
    assert ws.codebook.toggle_bookmark("pcs:0DT", "0DT Resection") is False
    ws.codebook.record_visit("cm:E11.9", "E11.9")
    fake_clock.advance(5)
    ws.codebook.record_visit("cm:I10", "I10")
    ws.codebook.record_visit("cm:E11.9", "E11.9")
    ws.close()

    again, _ = Workspace.open(paths, fake_clock, take_backup=False)
    try:
        assert [b.target for b in again.codebook.bookmarks()] == ["cm:S72.001A"]
        assert again.codebook.is_bookmarked("cm:S72.001A")
        assert [p.target for p in again.codebook.recent()] == ["cm:E11.9", "cm:I10"]
        assert Database.open(paths.database).scalar("PRAGMA user_version") == latest_version()
    finally:
        again.close()


def test_service_imports_and_notifies(workspace: Workspace) -> None:
    seen: list[int] = []
    workspace.codebook.on_changed(lambda: seen.append(1))
    results, pending = workspace.codebook.prepare_import(FIXTURES / "pcs-tables-mini.xml")
    assert [r.kind for r in results] == [Kind.PCS_TABLES]
    assert not (workspace.codesets_dir / "icd10pcs-tables.sqlite3").exists()  # not yet
    assert seen == []
    workspace.codebook.install(pending)
    assert (workspace.codesets_dir / "icd10pcs-tables.sqlite3").exists()
    assert seen == [1]
    workspace.codebook.reload()
    assert seen == [1, 1]
    assert [i.kind for i in workspace.codebook.installed()] == [Kind.PCS_TABLES]
    workspace.codebook.remove(Kind.PCS_TABLES)
    assert workspace.codebook.installed() == []
