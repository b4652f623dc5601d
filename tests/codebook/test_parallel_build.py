"""The shipped books built side by side in worker processes: the same databases as one
by one, all or none, Cancel reaches the workers, an expected failure keeps its place."""

from __future__ import annotations

import lzma
import sqlite3
from pathlib import Path

import pytest
from cbhelpers import FIXTURES

from readiness.codebook import bundled, parallel_build
from readiness.codebook.model import Kind
from readiness.core.errors import Cancelled, ImportFailed

MINI = {
    Kind.PCS_TABLES: "pcs-tables-mini.xml",
    Kind.CM_EINDEX: "eindex-mini.xml",
    Kind.PCS_ORDER: "icd10pcs_order_2026.txt",
}


@pytest.fixture
def books(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[bundled.ShippedBook]:
    folder = tmp_path / "resources"
    folder.mkdir()
    out = []
    for kind, name in MINI.items():
        (folder / f"{name}.xz").write_bytes(lzma.compress((FIXTURES / name).read_bytes()))
        out.append(bundled.ShippedBook(kind, f"{name}.xz", cost=1.0))
    monkeypatch.setattr(bundled, "shipped_path", lambda b: folder / b.file)
    monkeypatch.setattr(parallel_build, "workers_for", lambda jobs: 2)  # even on one core
    return out


def _content(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        tables = [t for (t,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'fts%' "
            "AND name NOT LIKE 'sqlite%' AND name != 'meta'")]
        out = {t: sorted(conn.execute(f"SELECT * FROM {t}"), key=repr) for t in tables}
        out["fts"] = list(conn.execute("SELECT rowid, text, alt, ref, kind FROM fts"))
        out["meta"] = sorted(conn.execute("SELECT * FROM meta WHERE key != 'built_at'"))
        return out
    finally:
        conn.close()


def test_side_by_side_builds_the_same_books_in_order(tmp_path: Path,
                                                     books: list[bundled.ShippedBook]) -> None:
    seen: list[tuple[int, int, str]] = []

    class Recorder:
        def report(self, done: int, total: int, message: str = "") -> None:
            seen.append((done, total, message))

        def check(self) -> None:
            pass

    together = bundled.prepare(tmp_path / "a", books, Recorder(), parallel=True)
    alone = bundled.prepare(tmp_path / "b", books, parallel=False)
    assert [p.kind for p in together] == [b.kind for b in books]
    for p, q in zip(together, alone, strict=True):
        assert p.partial.parent == tmp_path / "a"
        assert _content(p.partial) == _content(q.partial)
    assert seen[-1] == (3000, 3000, "Building the code books side by side (3 of 3 done)")
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)


def test_cancel_stops_the_workers_and_leaves_nothing(tmp_path: Path,
                                                     books: list[bundled.ShippedBook]) -> None:
    class CancelAtOnce:
        def report(self, done: int, total: int, message: str = "") -> None:
            pass

        def check(self) -> None:
            raise Cancelled()

    sets = tmp_path / "sets"
    with pytest.raises(Cancelled):
        bundled.prepare(sets, books, CancelAtOnce(), parallel=True)
    assert list(sets.iterdir()) == []


def test_a_broken_book_fails_named_and_leaves_nothing(tmp_path: Path,
                                                      books: list[bundled.ShippedBook]) -> None:
    broken = bundled.shipped_path(books[1])
    broken.write_bytes(lzma.compress(b"<ICD10CM.index><title>cut"))
    sets = tmp_path / "sets"
    with pytest.raises(ImportFailed) as err:
        bundled.prepare(sets, books, parallel=True)
    assert err.value.where is not None and "eindex-mini.xml" in err.value.where
    assert list(sets.iterdir()) == []


def test_small_work_stays_in_this_thread(tmp_path: Path, books: list[bundled.ShippedBook],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def no_processes(*args: object, **kwargs: object) -> None:
        raise AssertionError("started worker processes for a small build")

    monkeypatch.setattr(parallel_build, "run_parallel", no_processes)
    small = [bundled.ShippedBook(b.kind, b.file) for b in books]  # unmeasured: small
    assert len(bundled.prepare(tmp_path / "sets", small)) == 3


def test_the_real_books_are_worth_side_by_side() -> None:
    assert sum(b.cost for b in bundled.SHIPPED_ALL) >= bundled.PARALLEL_MIN_COST
