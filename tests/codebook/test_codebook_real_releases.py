"""Issue 11's book bullets on the real files (skipped when ../shared is absent): the
download path with CMS's own release zip served from 127.0.0.1 through the shipped
manifest's entry, and the editions and notes of the books shipped as package data."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cbhelpers import FIXTURES, SHARED

from readiness.codebook import importer
from readiness.codebook.manifest import load_manifest
from readiness.codebook.model import Kind
from readiness.core.bank.models import CodeRef
from readiness.core.codes import CodeStatus
from readiness.workspace import Workspace

pytestmark = pytest.mark.slow
ORDER_ZIP = "2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def cms_server() -> Iterator[str]:
    """CMS's folder of PCS files, served as it is from 127.0.0.1."""
    folder = SHARED / "icd10pcs"
    if not (folder / ORDER_ZIP).is_file():
        pytest.skip(f"{ORDER_ZIP} not present in {folder}")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_the_real_order_zip_downloads_through_the_shipped_manifest(
        cms_server: str, workspace: Workspace) -> None:
    """The manifest's exact size, SHA-256 and member pattern are those of CMS's file."""
    [official] = [f for f in load_manifest() if f.file_name == ORDER_ZIP]
    assert official.size_exact and official.sha256
    local = replace(official, url=cms_server + ORDER_ZIP)
    service = workspace.codebook
    results, pending = service.prepare_download(local)
    assert [r.kind for r in results] == [Kind.PCS_ORDER]
    assert results[0].counts["codes"] > 78_000
    service.install(pending)
    assert service.pcs_long_title("0DTJ4ZZ") == (
        "Resection of Appendix, Percutaneous Endoscopic Approach")
    assert not list(service.codesets_dir.glob("*.building-*"))


def test_a_404_from_the_real_folder_names_the_official_page(
        cms_server: str, workspace: Workspace) -> None:
    from readiness.codebook.download import DownloadFailed

    [official] = [f for f in load_manifest() if f.file_name == ORDER_ZIP]
    with pytest.raises(DownloadFailed) as err:
        workspace.codebook.prepare_download(replace(official, url=cms_server + "gone.zip"))
    assert official.page in str(err.value) and "Nothing was changed" in str(err.value)
    assert workspace.codebook.installed() == []


@pytest.mark.shipped_books
def test_shipped_books_show_their_editions_and_what_is_older(
        workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh install: each shipped book names its edition; for an exam in December 2026
    the FY2025 books say they are older, with the way to the current ones, and one note
    says the books come from different editions."""
    monkeypatch.setattr(importer, "bundled_tabular", lambda: None)  # shipped books alone
    service = workspace.codebook
    service.build_default()
    editions = {i.kind: i.edition for i in service.installed()}
    assert editions == {
        Kind.PCS_TABLES: "ICD-10-PCS FY2026",
        Kind.PCS_DEFINITIONS: "ICD-10-PCS FY2026",
        Kind.PCS_ORDER: "ICD-10-PCS FY2026",
        Kind.PCS_INDEX: "ICD-10-PCS FY2025",
        Kind.CM_EINDEX: "ICD-10-CM FY2025",
        Kind.CM_NEOPLASM: "ICD-10-CM FY2025",
        Kind.CM_DRUG: "ICD-10-CM FY2025",
        Kind.HCPCS: "HCPCS Level II October 2025 (CMS quarterly file)",
    }, editions
    notes = service.edition_notes(date(2026, 12, 1))
    assert notes[0].startswith("The installed books come from different editions — FY2026: ")
    assert "; FY2025: " in notes[0]
    older = notes[1]
    for label in ("External Cause", "Neoplasm", "Drugs", "ICD-10-PCS Index"):
        assert label in older, (label, older)
    assert "ICD-10-PCS Tables" not in older
    assert older.endswith("Code sets → Get official files… downloads the current ones.")
    assert "older than" in service.edition_line(Kind.CM_DRUG, date(2026, 12, 1))
    # Before May 1 2026 the FY2025 books are the exam's: only the mixed-editions note.
    assert len(service.edition_notes(date(2026, 4, 30))) == 1
    # Replacing the real PCS Tables (79,115 codes) with a 7-code file is asked about first.
    results, pending = service.prepare_import(FIXTURES / "pcs-tables-mini.xml")
    try:
        [warning] = service.shrinking(results)
        assert warning.endswith("the installed one (ICD-10-PCS FY2026) has 79,115."), warning
    finally:
        service.discard(pending)
    assert service.describe(CodeRef("icd10pcs", "0DTJ4ZZ")).status is CodeStatus.BILLABLE
