"""The books shipped as package data: first-use build, staleness, user imports kept."""

from __future__ import annotations

import lzma
from pathlib import Path

import pytest
from cbhelpers import FIXTURES

from readiness.codebook import bundled, importer
from readiness.codebook.library import CodeBook
from readiness.codebook.model import Kind
from readiness.codebook.store import read_meta
from readiness.core.bank.models import CodeRef
from readiness.core.codes import CodeStatus
from readiness.core.errors import Cancelled, UserError
from readiness.core.progress import CancelAfter
from readiness.resources import resource_path
from readiness.workspace import Workspace

MINI = {
    Kind.PCS_TABLES: "pcs-tables-mini.xml",
    Kind.CM_EINDEX: "eindex-mini.xml",
    Kind.PCS_ORDER: "icd10pcs_order_2026.txt",
}


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[Kind, Path]:
    """Small shipped books (xz, as the real ones) in place of the package data."""
    folder = tmp_path / "resources"
    folder.mkdir()
    files = {}
    for kind, name in MINI.items():
        files[kind] = folder / f"{name}.xz"
        files[kind].write_bytes(lzma.compress((FIXTURES / name).read_bytes()))
    monkeypatch.setattr(importer, "bundled_tabular", lambda: None)
    monkeypatch.setattr(bundled, "SHIPPED", tuple(bundled.ShippedBook(k, p.name)
                                                  for k, p in files.items()))
    monkeypatch.setattr(bundled, "shipped_path", lambda b: folder / b.file)
    return files


def test_fresh_folder_builds_every_shipped_book_once(tmp_path: Path,
                                                     shipped: dict[Kind, Path]) -> None:
    book = CodeBook(tmp_path / "sets")
    assert book.needs_default_build()
    seen: list[str] = []

    class Recorder:
        def report(self, done: int, total: int, message: str = "") -> None:
            assert 0 <= done <= total
            seen.append(message)

        def check(self) -> None:
            pass

    book.install(book.prepare_default(Recorder()))
    assert {i.kind for i in book.installed()} == set(MINI)
    assert "Building the ICD-10-PCS Tables (1 of 3)" in seen
    assert not book.needs_default_build()
    meta = read_meta(importer.db_path(tmp_path / "sets", Kind.CM_EINDEX))
    assert meta is not None and meta["origin"] == "bundled"
    book.close()


def test_a_newer_shipped_file_rebuilds_and_a_user_import_is_kept(
        tmp_path: Path, shipped: dict[Kind, Path]) -> None:
    sets = tmp_path / "sets"
    book = CodeBook(sets)
    book.build_default()
    book.import_file(FIXTURES / "eindex-mini.xml")  # the user's own copy
    shipped[Kind.PCS_TABLES].write_bytes(
        lzma.compress((FIXTURES / "pcs-tables-mini.xml").read_bytes() + b"\n"))
    assert [b.kind for b in bundled.stale(sets)] == [Kind.PCS_TABLES]
    book.build_default()
    assert bundled.stale(sets) == []
    meta = read_meta(importer.db_path(sets, Kind.CM_EINDEX))
    assert meta is not None and meta.get("origin") != "bundled"
    book.close()


def test_cancelled_first_use_build_leaves_nothing(tmp_path: Path,
                                                  shipped: dict[Kind, Path]) -> None:
    sets = tmp_path / "sets"
    book = CodeBook(sets)

    class CancelAtSecondBook(CancelAfter):
        def report(self, done: int, total: int, message: str = "") -> None:
            if "(2 of 3)" in message:
                self.remaining = 0

    with pytest.raises(Cancelled):
        book.prepare_default(CancelAtSecondBook(10_000))
    assert book.installed() == []
    assert list(sets.iterdir()) == []


def test_every_shipped_file_is_package_data_named_in_provenance() -> None:
    provenance = resource_path("codesets", "PROVENANCE.md").read_text(encoding="utf-8")
    for book in bundled.SHIPPED_ALL:
        path = bundled.shipped_path(book)
        assert path.is_file(), path
        assert f"`{book.file}`" in provenance
        assert importer.sha256_file(path) in provenance
        assert path.stat().st_size < 2_000_000  # shipped compressed


@pytest.mark.slow
@pytest.mark.shipped_books
def test_fresh_install_has_every_book(paths, fake_clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Nothing imported: the first-use build alone makes every shipped book usable."""
    monkeypatch.setattr(importer, "bundled_tabular", lambda: None)  # the Tabular has its own tests
    ws, _ = Workspace.open(paths, fake_clock, take_backup=False)
    try:
        service = ws.codebook
        assert service.needs_build()
        service.build_default()
        assert not service.needs_build()
        pcs = service.describe(CodeRef("icd10pcs", "0DTJ4ZZ"))
        assert pcs.status is CodeStatus.BILLABLE
        assert pcs.title == "Resection of Appendix, Percutaneous Endoscopic Approach"
        hcpcs = service.describe(CodeRef("hcpcs", "J0131"))
        assert hcpcs.status is CodeStatus.BILLABLE and "acetaminophen" in hcpcs.title.lower()
        book = service.book
        drug = [h for h in book.search("acetaminophen") if h.source == Kind.CM_DRUG]
        assert drug and drug[0].text == "Acetaminophen"
        assert any(h.source == Kind.CM_NEOPLASM for h in book.search("neoplasm breast"))
        assert any(h.source == Kind.CM_EINDEX for h in book.search("fall from ladder"))
        assert any(h.source == Kind.PCS_INDEX for h in book.search("appendectomy"))
        editions = {i.kind: i.edition for i in service.installed()}
        assert editions[Kind.PCS_TABLES] == "ICD-10-PCS FY2026"
        assert editions[Kind.CM_DRUG] == "ICD-10-CM FY2025"
        assert editions[Kind.HCPCS] == "HCPCS Level II October 2025 (CMS quarterly file)"
    finally:
        ws.close()


def test_a_refused_tabular_does_not_keep_the_other_books_out(
        tmp_path: Path, shipped: dict[Kind, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "icd10c-tabular-April-1-2026.xml"
    src.write_bytes((FIXTURES / "tabular-mini.xml").read_bytes())  # not the pinned file
    monkeypatch.setattr(importer, "bundled_tabular", lambda: src)
    book = CodeBook(tmp_path / "sets")
    with pytest.raises(UserError, match="not the file this version"):
        book.build_default()  # the shipped books first, then the refusal is said
    assert {i.kind for i in book.installed()} == set(MINI)  # no Tabular, the rest built
    with pytest.raises(UserError):
        book.prepare_default()  # nothing else left: the refusal, not an empty build
    book.close()


def test_the_tabular_comes_alone_first_then_the_shipped_books(
        tmp_path: Path, shipped: dict[Kind, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The first group is the Tabular alone, so the book is there as soon as before."""
    src = tmp_path / "icd10c-tabular-April-1-2026.xml"
    src.write_bytes((FIXTURES / "tabular-mini.xml").read_bytes())
    monkeypatch.setattr(importer, "bundled_tabular", lambda: src)
    monkeypatch.setattr(importer, "BUNDLED_TABULAR_SHA256", importer.sha256_file(src))
    book = CodeBook(tmp_path / "sets")
    first = book.prepare_default()
    assert [p.kind for p in first] == [Kind.CM_TABULAR]
    book.install(first)
    assert book.needs_default_build()
    second = book.prepare_default()
    assert [p.kind for p in second] == list(MINI)
    book.install(second)
    assert not book.needs_default_build()
    book.close()
