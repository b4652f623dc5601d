"""Code titles for the practice exam: official titles only, from the installed sets only."""

from __future__ import annotations

from pathlib import Path

import pytest
from cbhelpers import FIXTURES

from readiness.codebook.library import CodeBook
from readiness.codebook.model import Kind
from readiness.core.bank.models import CodeRef
from readiness.core.clock import FakeClock
from readiness.core.codes import CodeStatus
from readiness.paths import AppPaths
from readiness.workspace import Workspace


def cm(code: str) -> CodeRef:
    return CodeRef("icd10cm", code)


def pcs(code: str) -> CodeRef:
    return CodeRef("icd10pcs", code)


def book_of(folder: Path, *names: str) -> CodeBook:
    book = CodeBook(folder)
    for name in names:
        book.import_file(FIXTURES / name)
    book.reload()
    return book


def test_titles_of_icd10cm_codes_as_the_tabular_list_prints_them(book: CodeBook) -> None:
    titles = book.titles([cm("E11.9"), cm("E11"), cm("A41.9"), cm("U07.1"), cm("S72.001A"),
                          cm("W56.01XA"), cm("J44.1"), cm("S72.001Z")])
    assert titles == {
        cm("E11.9"): "Type 2 diabetes mellitus without complications",
        cm("E11"): "Type 2 diabetes mellitus",  # a heading has its title too
        cm("A41.9"): "Sepsis, unspecified organism",
        cm("U07.1"): "COVID-19",
        # 7th characters: the leaf's title and the character's meaning, placeholder X too.
        cm("S72.001A"): "Fracture of unspecified part of neck of right femur, initial "
                        "encounter for closed fracture",
        cm("W56.01XA"): "Bitten by dolphin, initial encounter",
    }  # J44.1 is not in the fixture set, S72.001Z has no such 7th character


def test_codes_are_matched_however_they_are_written(book: CodeBook) -> None:
    assert book.titles([cm("e119"), cm("E11.9")]) == {
        cm("e119"): "Type 2 diabetes mellitus without complications",
        cm("E11.9"): "Type 2 diabetes mellitus without complications",
    }


def test_pcs_titles_from_the_order_file_else_composed_from_the_tables(book: CodeBook) -> None:
    titles = book.titles([pcs("0DTJ4ZZ"), pcs("0BJ08ZZ"), pcs("0DTJ4ZX"), pcs("0DTJ")])
    assert titles == {
        pcs("0DTJ4ZZ"): "Resection of Appendix, Percutaneous Endoscopic Approach",  # order file
        pcs("0BJ08ZZ"): "Inspection of Tracheobronchial Tree, Via Natural or Artificial "
                        "Opening Endoscopic",  # not in the order fixture: the table labels
    }


def test_no_pcs_titles_without_a_pcs_set(tmp_path: Path) -> None:
    book = book_of(tmp_path / "cs", "tabular-mini.xml")
    try:
        assert book.titles([pcs("0DTJ4ZZ"), cm("E11.9")]) == {
            cm("E11.9"): "Type 2 diabetes mellitus without complications"}
        assert book.describe(pcs("0DTJ4ZZ")).status is CodeStatus.UNAVAILABLE
    finally:
        book.close()


def test_cpt_titles_only_from_the_users_own_list(tmp_path: Path) -> None:
    book = book_of(tmp_path / "cs", "tabular-mini.xml")
    try:
        refs = [CodeRef("cpt", "99213"), CodeRef("hcpcs", "J1885")]
        assert book.titles(refs) == {}  # nothing bundled ever supplies a CPT descriptor
        book.import_file(FIXTURES / "cpt-mini.csv")
        book.reload()
        assert book.titles(refs) == {CodeRef("cpt", "99213"): "my own descriptor one"}
    finally:
        book.close()


def test_describe_gives_the_validator_status_and_the_title(book: CodeBook) -> None:
    info = book.describe(cm("E11.9"))
    assert (info.status, info.title) == (CodeStatus.BILLABLE,
                                          "Type 2 diabetes mellitus without complications")
    info = book.describe(cm("E11"))
    assert (info.status, info.title) == (CodeStatus.HEADER, "Type 2 diabetes mellitus")
    assert book.describe(cm("E11.99")).status is CodeStatus.INVALID
    assert book.describe(cm("E11.99")).title == ""
    assert book.describe(pcs("0DTJ4ZX")).status is CodeStatus.INVALID
    assert book.describe(CodeRef("cpt", "99215")).status is CodeStatus.INVALID


def test_nothing_installed_gives_no_titles(tmp_path: Path) -> None:
    book = CodeBook(tmp_path / "empty")
    assert book.titles([cm("E11.9"), pcs("0DTJ4ZZ"), CodeRef("cpt", "99213")]) == {}
    assert book.describe(cm("E11.9")).status is CodeStatus.UNAVAILABLE


@pytest.fixture
def ws(paths: AppPaths, fake_clock: FakeClock) -> Workspace:
    workspace, _ = Workspace.open(paths, fake_clock, take_backup=False)
    yield workspace
    workspace.close()


def test_service_caches_and_forgets_when_the_sets_change(ws: Workspace,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    service = ws.codebook
    refs = [cm("E11.9"), cm("A41.9"), pcs("0DTJ4ZZ")]
    assert service.titles(refs) == {}  # nothing installed yet: bare codes
    service.import_file(FIXTURES / "tabular-mini.xml")
    assert service.titles(refs) == {cm("E11.9"): "Type 2 diabetes mellitus without "
                                                 "complications",
                                    cm("A41.9"): "Sepsis, unspecified organism"}
    calls: list[list[CodeRef]] = []
    real = service.book.titles

    def counted(wanted):  # type: ignore[no-untyped-def]
        calls.append(list(wanted))
        return real(wanted)

    monkeypatch.setattr(service.book, "titles", counted)
    service.titles(refs)
    service.titles([cm("E11.9"), cm("U07.1")])
    assert calls == [[cm("U07.1")]]  # one batch, only for what is not cached
    assert service.describe(cm("E11")).status is CodeStatus.HEADER
    service.import_file(FIXTURES / "pcs-tables-mini.xml")  # a new set: the cache is emptied
    assert service.titles([pcs("0DTJ4ZZ")]) == {
        pcs("0DTJ4ZZ"): "Resection of Appendix, Percutaneous Endoscopic Approach"}
    service.remove(Kind.PCS_TABLES)
    assert service.titles([pcs("0DTJ4ZZ")]) == {}
    assert service.describe(pcs("0DTJ4ZZ")).status is CodeStatus.UNAVAILABLE
