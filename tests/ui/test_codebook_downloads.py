"""Code sets → Get official files…, driven through the real widgets and a local server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.release_server import ZIP, Server
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from readiness.codebook import importer
from readiness.codebook.manifest import Member, ReleaseFile
from readiness.codebook.model import Kind
from readiness.ui.codebook.downloads import OfficialFilesDialog
from readiness.ui.codebook.page import CodeBookPage
from readiness.ui.context import UiContext

FIXTURES = Path(__file__).resolve().parents[1] / "codebook" / "fixtures"
PAGE = "https://www.cms.gov/medicare/coding-billing/icd-10-codes"


_PAGES: list[CodeBookPage] = []


@pytest.fixture(autouse=True)
def _no_first_use_build(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(importer, "bundled_tabular", lambda: None)
    yield
    _PAGES.clear()


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.close()


def release(server: Server, path: str, year: int = 2026) -> ReleaseFile:
    return ReleaseFile(f"pcs{path}", year, "CMS", "ICD-10-PCS FY2026 Tables and Index",
                       "2026-icd-10-pcs-code-tables-and-index.zip", server.url(path), PAGE,
                       len(ZIP), False, None,
                       (Member(r"icd10pcs_tables_2026\.xml$", "ICD10PCS.tabular"),), True)


def open_dialog(qtbot: QtBot, ctx: UiContext) -> OfficialFilesDialog:
    page = CodeBookPage(ctx)
    qtbot.addWidget(page)
    _PAGES.append(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    page.browser.show_sets()
    sets = page.browser.sets_view
    assert sets.download_button.isVisible()
    assert sets.download_button.text() == "&Get official files…"
    qtbot.mouseClick(sets.download_button, Qt.MouseButton.LeftButton)
    dialogs = page.findChildren(OfficialFilesDialog)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.waitExposed(dialog)
    return dialog


def test_lists_the_shipped_manifest_by_fiscal_year(qtbot: QtBot, ctx: UiContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    tree = dialog.tree
    years = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert years == ["FY2026", "FY2025"]
    fy2026 = tree.topLevelItem(0)
    files = [fy2026.child(i).text(0) for i in range(fy2026.childCount())]
    assert "CDC/NCHS: icd10cm-April-1-2026-XML.zip" in files
    assert dialog.selected() is not None
    assert dialog.selected().file_name == "icd10cm-April-1-2026-XML.zip"  # type: ignore[union-attr]
    assert "ftp.cdc.gov" in dialog.status.text()
    dialog.grab().save(str(Path(ctx.workspace.paths.home) / "official-files.png"))


def test_download_imports_and_the_pcs_tab_fills(qtbot: QtBot, ctx: UiContext, server: Server,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    service = ctx.workspace.codebook
    monkeypatch.setattr(service, "release_files", lambda: [release(server, "/files/release.zip")])
    dialog = open_dialog(qtbot, ctx)
    assert server.requests == []  # listing files asks nothing of the network
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.handle is None, timeout=20000)
    assert dialog.status.text().startswith("Imported 2026-icd-10-pcs-code-tables-and-index.zip")
    assert "ICD-10-PCS Tables" in dialog.status.text()
    assert service.book.has(Kind.PCS_TABLES)
    browser = _PAGES[-1].browser
    assert browser.pcs_list.count() > 1 and not browser.pcs_notice.isVisibleTo(browser)


def test_a_404_is_shown_with_the_page_and_nothing_changes(
        qtbot: QtBot, ctx: UiContext, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    service = ctx.workspace.codebook
    monkeypatch.setattr(service, "release_files", lambda: [release(server, "/files/missing.zip")])
    dialog = open_dialog(qtbot, ctx)
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.handle is None, timeout=20000)
    assert "the server answered 404" in dialog.status.text()
    assert PAGE in dialog.status.text()
    assert service.installed() == []
    assert dialog.download_button.isEnabled() and not dialog.progress.isVisible()


def test_cancel_stops_a_slow_download(qtbot: QtBot, ctx: UiContext, server: Server,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    service = ctx.workspace.codebook
    monkeypatch.setattr(service, "release_files", lambda: [release(server, "/files/slow.zip")])
    dialog = open_dialog(qtbot, ctx)
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible() and dialog.cancel_button.isEnabled()
    qtbot.waitUntil(server.started_slow.is_set, timeout=20000)
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=20000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Cancelling…"
    # the worker notices Cancel at the next bytes (or the 30 s read timeout of a stall)
    server.release.set()
    qtbot.waitUntil(lambda: dialog.handle is None, timeout=20000)
    assert "cancelled; nothing was changed" in dialog.status.text()
    assert service.installed() == []


def test_a_much_smaller_set_asks_before_replacing(qtbot: QtBot, ctx: UiContext,
                                                  dialogs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The order file is installed; a copy cut to its first lines must not silently win."""
    service = ctx.workspace.codebook
    full = FIXTURES / "icd10pcs_order_2026.txt"
    service.import_file(full)
    small = tmp_path / "icd10pcs_order_2026.txt"
    small.write_bytes(b"".join(full.read_bytes().splitlines(keepends=True)[:2]))
    before = importer.db_path(service.codesets_dir, Kind.PCS_ORDER).read_bytes()
    page = CodeBookPage(ctx)
    qtbot.addWidget(page)
    _PAGES.append(page)
    dialogs.confirms.append(False)
    page.browser.sets.import_path(small)
    qtbot.waitUntil(lambda: any(c[0] == "confirm" for c in dialogs.calls), timeout=20000)
    title, question = next((c[1], c[2]) for c in dialogs.calls if c[0] == "confirm")
    assert title == "Replace with a much smaller code set?"
    assert question.startswith("The ICD-10-PCS Order File (long titles) in "
                               "icd10pcs_order_2026.txt has 1 codes; the installed one")
    qtbot.waitUntil(lambda: "was not installed" in page.browser.status.text(), timeout=20000)
    assert importer.db_path(service.codesets_dir, Kind.PCS_ORDER).read_bytes() == before
    assert not list(service.codesets_dir.glob("*.building-*"))
