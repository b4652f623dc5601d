"""The importer also reads .xz and .gz files, and CMS's HCPCS workbook (xlsx)."""

from __future__ import annotations

import gzip
import lzma
import zipfile
from pathlib import Path

import openpyxl
import pytest
from cbhelpers import FIXTURES

from readiness.codebook import importer
from readiness.codebook.library import CodeBook
from readiness.codebook.model import Kind
from readiness.core.bank.models import CodeRef
from readiness.core.codes import CodeStatus
from readiness.core.errors import ImportFailed


@pytest.mark.parametrize("suffix,pack", [(".xz", lzma.compress), (".gz", gzip.compress)])
def test_compressed_xml_imports_as_the_file_inside(tmp_path: Path, suffix: str, pack) -> None:
    src = tmp_path / f"pcs-tables-mini.xml{suffix}"
    src.write_bytes(pack((FIXTURES / "pcs-tables-mini.xml").read_bytes()))
    results = importer.import_file(src, tmp_path / "sets")
    assert [r.kind for r in results] == [Kind.PCS_TABLES]
    assert results[0].name == "pcs-tables-mini.xml"


def test_compressed_zip_is_opened_too(tmp_path: Path) -> None:
    raw = tmp_path / "release.zip"
    with zipfile.ZipFile(raw, "w") as zf:
        zf.write(FIXTURES / "eindex-mini.xml", "eindex.xml")
    src = tmp_path / "release.zip.gz"
    src.write_bytes(gzip.compress(raw.read_bytes()))
    assert [r.kind for r in importer.import_file(src, tmp_path / "sets")] == [Kind.CM_EINDEX]


def test_cut_short_xz_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    sets = tmp_path / "sets"
    importer.import_file(FIXTURES / "pcs-tables-mini.xml", sets)
    before = importer.db_path(sets, Kind.PCS_TABLES).read_bytes()
    data = lzma.compress((FIXTURES / "pcs-tables-mini.xml").read_bytes())
    src = tmp_path / "tables.xml.xz"
    src.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFailed, match="damaged or cut short") as err:
        importer.import_file(src, sets)
    assert err.value.where == "tables.xml.xz"
    assert importer.db_path(sets, Kind.PCS_TABLES).read_bytes() == before
    assert not list(sets.glob("*.building-*"))


def _hcpcs_workbook(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "HCPC2025_OCT_ANWEB"
    ws.append(["HCPC", "SEQNUM", "RECID", "LONG DESCRIPTION", "SHORT DESCRIPTION"])
    for code, recid, desc in rows:
        ws.append([code, "0010", recid, desc, desc[:28]])
    wb.save(path)
    return path


def test_hcpcs_workbook_keeps_level_ii_codes_only(tmp_path: Path) -> None:
    src = _hcpcs_workbook(tmp_path / "HCPC2025_OCT_ANWEB.xlsx", [
        ("   A1", "7", "Dressing for one wound"),  # a modifier: not a code
        ("A0021", "3", "Ambulance service, outside state per mile, transport"),
        ("J0131", "3", "Injection, acetaminophen, not otherwise specified,   10 mg"),
        ("99213", "3", "a Level I code never belongs here"),
    ])
    assert importer.recognise(src, src.name).kind is Kind.HCPCS
    results = importer.import_file(src, tmp_path / "sets")
    assert results[0].edition == "HCPCS Level II October 2025 (CMS quarterly file)"
    assert results[0].counts == {"codes": 2}
    book = CodeBook(tmp_path / "sets")
    try:
        info = book.describe(CodeRef("hcpcs", "J0131"))
        assert info.status is CodeStatus.BILLABLE
        assert info.title == "Injection, acetaminophen, not otherwise specified, 10 mg"
        assert book.status(CodeRef("hcpcs", "99213")) is CodeStatus.INVALID
    finally:
        book.close()


def test_a_workbook_that_is_not_cms_hcpcs_is_named(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Name", "Score"])
    wb.save(tmp_path / "grades.xlsx")
    with pytest.raises(ImportFailed, match="HCPC, RECID and LONG DESCRIPTION") as err:
        importer.import_file(tmp_path / "grades.xlsx", tmp_path / "sets")
    assert err.value.where == "grades.xlsx"


def test_cms_zip_with_txt_and_xlsx_reads_one_hcpcs_list(tmp_path: Path) -> None:
    book = _hcpcs_workbook(tmp_path / "w.xlsx", [("A0021", "3", "Ambulance service")])
    line = "A0021".ljust(10) + "3" + "Ambulance service".ljust(80)
    src = tmp_path / "october-2025-alpha-numeric-hcpcs-file.zip"
    with zipfile.ZipFile(src, "w") as zf:
        zf.write(book, "HCPC2025_OCT_ANWEB_v2.xlsx")
        zf.writestr("HCPC2025_OCT_ANWEB_v2.txt", (line.ljust(320) + "\r\n") * 2)
        zf.writestr("HCPC2025_OCT_ANWEB_Transreport_v2.txt", "not a code list\r\n")
    results = importer.import_file(src, tmp_path / "sets")
    assert [(r.kind, r.name.endswith(".txt")) for r in results] == [(Kind.HCPCS, True)]
    assert results[0].edition == "HCPCS Level II October 2025 (CMS quarterly file)"
