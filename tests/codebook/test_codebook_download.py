"""Get official files…: download, check and import, against a local HTTP server.

A ``ThreadingHTTPServer`` on 127.0.0.1 serves fixture zips; each case is a path of it:
success, 404, an HTML page instead of the zip, a truncated body, a slow body the
user cancels, and redirects (to the zip, and to an HTML page).  No sleeps: the slow
body waits on an Event the test sets.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from cbhelpers import FIXTURES
from helpers.release_server import ZIP, Server

from readiness.codebook import download, importer
from readiness.codebook.manifest import Member, ReleaseFile, load_manifest
from readiness.codebook.model import Kind
from readiness.core.errors import Cancelled
from readiness.workspace import Workspace

PAGE = "https://www.cms.gov/medicare/coding-billing/icd-10-codes"


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.close()


def entry(server: Server, path: str, **changes: object) -> ReleaseFile:
    base = ReleaseFile(
        id="pcs-test", fiscal_year=2026, publisher="CMS", holds="ICD-10-PCS FY2026 tables",
        file_name="2026-icd-10-pcs-code-tables-and-index.zip", url=server.url(path), page=PAGE,
        size=len(ZIP), size_exact=False, sha256=None,
        members=(Member(r"icd10pcs_tables_2026\.xml$", "ICD10PCS.tabular"),
                 Member(r"icd10pcs_index_2026\.xml$", "ICD10PCS.index")),
        confirmed=True)
    return replace(base, **changes)  # type: ignore[arg-type]


class Recorder:
    def __init__(self, cancel_when: threading.Event | None = None) -> None:
        self.reports: list[tuple[int, int, str]] = []
        self.cancel_when = cancel_when

    def report(self, done: int, total: int, message: str = "") -> None:
        self.reports.append((done, total, message))

    def check(self) -> None:
        if self.cancel_when is not None and self.cancel_when.is_set():
            raise Cancelled()


def test_success_downloads_checks_and_imports_through_the_service(
        server: Server, workspace: Workspace) -> None:
    service = workspace.codebook
    progress = Recorder()
    results, pending = service.prepare_download(entry(server, "/files/release.zip",
                                                      sha256=hashlib.sha256(ZIP).hexdigest(),
                                                      size_exact=True), progress)
    assert {r.kind for r in results} == {Kind.PCS_TABLES, Kind.PCS_INDEX}
    assert not service.book.has(Kind.PCS_TABLES)  # nothing installed before install()
    service.install(pending)
    assert service.book.has(Kind.PCS_TABLES) and service.book.has(Kind.PCS_INDEX)
    assert any(m == "Downloading 2026-icd-10-pcs-code-tables-and-index.zip"
               for _d, _t, m in progress.reports)
    assert progress.reports[0][1] == len(ZIP)
    sources = {s.name for i in service.installed() for s in i.sources}
    assert "2026-icd-10-pcs-code-tables-and-index.zip" in sources


def test_redirect_to_the_file_is_followed(server: Server, workspace: Workspace) -> None:
    results, pending = workspace.codebook.prepare_download(entry(server, "/files/moved.zip"))
    workspace.codebook.discard(pending)
    assert {r.kind for r in results} == {Kind.PCS_TABLES, Kind.PCS_INDEX}
    assert server.requests == ["/files/moved.zip", "/files/release.zip"]


@pytest.mark.parametrize("path,problem", [
    ("/files/missing.zip", "the server answered 404"),
    ("/files/page.zip", "returned a web page, not the file"),
    ("/files/moved-to-page.zip", "returned a web page, not the file"),
    ("/files/page-as-zip.zip", "a web page arrived instead of the file"),
    # http.client either reports the short body or raises IncompleteRead: both say so
    ("/files/truncated.zip", r"stopped after \d+ of 1,\d{3} bytes|was cut off"),
    ("/files/not-a-release.zip", "has root element <ICD10PCS[.]definitions>, not "
                                 "<ICD10PCS[.]tabular>"),
])
def test_bad_answers_say_what_and_where_and_change_nothing(
        server: Server, workspace: Workspace, path: str, problem: str) -> None:
    service = workspace.codebook
    service.import_file(FIXTURES / "pcs-tables-mini.xml")
    before = importer.db_path(service.codesets_dir, Kind.PCS_TABLES).read_bytes()
    with pytest.raises(download.DownloadFailed) as err:
        service.prepare_download(entry(server, path))
    message = str(err.value)
    assert re.search(problem, message), message
    assert err.value.where == "2026-icd-10-pcs-code-tables-and-index.zip"
    assert PAGE in message and "Nothing was changed" in message
    assert importer.db_path(service.codesets_dir, Kind.PCS_TABLES).read_bytes() == before
    assert sorted(p.name for p in service.codesets_dir.iterdir()) == ["icd10pcs-tables.sqlite3"]


def test_wrong_checksum_or_size_is_refused(server: Server, tmp_path: Path) -> None:
    with pytest.raises(download.DownloadFailed, match="SHA-256 checksum is not the official"):
        download.fetch(entry(server, "/files/release.zip", sha256="0" * 64), tmp_path / "a.zip")
    with pytest.raises(download.DownloadFailed, match="the official file is 99 bytes"):
        download.fetch(entry(server, "/files/release.zip", size=99, size_exact=True),
                       tmp_path / "a.zip")
    assert list(tmp_path.iterdir()) == []


def test_missing_member_is_named(server: Server, tmp_path: Path) -> None:
    e = entry(server, "/files/release.zip",
              members=(Member(r"icd10pcs_definitions_2026\.xml$", "ICD10PCS.definitions"),))
    with pytest.raises(download.DownloadFailed, match="lacks the expected member"):
        download.fetch(e, tmp_path / "a.zip")


def test_no_network_is_a_clear_message(tmp_path: Path) -> None:
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens on this port now
    e = ReleaseFile("x", 2026, "CMS", "x", "x.zip", f"http://127.0.0.1:{port}/x.zip", PAGE,
                    None, False, None, (), True)
    with pytest.raises(download.DownloadFailed, match=r"could not reach 127\.0\.0\.1") as err:
        download.fetch(e, tmp_path / "x.zip", timeout=5)
    assert "check the network connection" in str(err.value) and PAGE in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_slow_download_cancels_and_leaves_nothing(server: Server, workspace: Workspace) -> None:
    # the server stalls after 1 KiB; the user cancels as soon as those bytes show
    cancel = threading.Event()
    cancel.set()
    progress = Recorder(cancel_when=cancel)
    with pytest.raises(Cancelled):
        workspace.codebook.prepare_download(entry(server, "/files/slow.zip"), progress)
    assert progress.reports and progress.reports[0][0] == 1024
    assert workspace.codebook.installed() == []
    assert not list(workspace.codebook.codesets_dir.glob("*"))


def test_nothing_is_requested_without_a_click(server: Server, workspace: Workspace) -> None:
    files = workspace.codebook.release_files()
    assert files and server.requests == []


def test_shipped_manifest_lists_each_fiscal_year() -> None:
    files = load_manifest()
    years = {f.fiscal_year for f in files}
    assert {2025, 2026} <= years
    april = next(f for f in files if f.file_name == "icd10cm-April-1-2026-XML.zip")
    assert april.url == ("https://ftp.cdc.gov/pub/Health_Statistics/NCHS/Publications/ICD10CM/"
                         "2026-update/icd10cm-April-1-2026-XML.zip")
    assert {m.root for m in april.members} == {"ICD10CM.tabular", "ICD10CM.index"}
    for f in files:
        assert f.url.startswith("https://") and f.page.startswith("https://")
        assert f.members
    assert [f.fiscal_year for f in files] == sorted((f.fiscal_year for f in files), reverse=True)
