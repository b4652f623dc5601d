"""The code book's search box while the user types (issue 11): a key never waits for the
search, a burst of keys is one search, the page of a code typed waits for a pause or
Enter, and every result row names its real book."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from readiness.codebook import importer
from readiness.ui.codebook.browser import CodeBookBrowser
from readiness.ui.codebook.models import ROLE_HTML
from readiness.ui.codebook.page import CodeBookPage
from readiness.ui.context import UiContext

FIXTURES = Path(__file__).resolve().parents[1] / "codebook" / "fixtures"
BOOKS = ("tabular-mini.xml", "index-mini.xml", "eindex-mini.xml", "neoplasm-mini.xml",
         "drug-mini.xml", "pcs-tables-mini.xml", "pcs-index-mini.xml",
         "icd10pcs_order_2026.txt")


@pytest.fixture
def browser(qtbot: QtBot, ctx: UiContext, tmp_path: Path) -> CodeBookBrowser:
    for name in BOOKS:
        importer.import_file(FIXTURES / name, ctx.workspace.codesets_dir)
    hcpcs = tmp_path / "hcpcs.csv"
    hcpcs.write_text('code,description\nJ1885,"Injection, ketorolac tromethamine, per 15 mg"\n',
                     encoding="utf-8")
    importer.import_file(hcpcs, ctx.workspace.codesets_dir)
    ctx.workspace.codebook.reload()
    page = CodeBookPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page.browser.search.setFocus()
    yield page.browser  # (the page stays referenced until the test ends)
    page.close()


def book_lines(b: CodeBookBrowser) -> list[str]:
    """The small line under each result row, as drawn."""
    model = b.results.model()
    out = []
    for n in range(model.rowCount()):
        html = str(model.index(n, 0).data(ROLE_HTML))
        small = re.search(r"<small>(.*)</small>", html)
        out.append(small.group(1).replace("&#x27;", "'") if small else "")
    return out


def test_a_key_returns_before_the_search_runs(qtbot: QtBot, browser: CodeBookBrowser) -> None:
    b = browser
    qtbot.keyClicks(b.search, "diab")
    assert b.results.count() == 0  # the key press only started the timer
    assert not b.searcher.settled()
    qtbot.waitUntil(b.searcher.settled)
    assert b.results.text(0).startswith("Diabetes")


def test_a_burst_of_keys_is_one_search(qtbot: QtBot, browser: CodeBookBrowser,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    b = browser
    asked: list[str] = []
    find = b.service.find
    monkeypatch.setattr(b.service, "find", lambda q, **kw: asked.append(q) or find(q, **kw))
    qtbot.keyClicks(b.search, "cholera")  # seven keys, no event loop turn between them
    qtbot.waitUntil(b.searcher.settled)
    assert asked == ["cholera"]
    assert b.results.text(0).lower().startswith("cholera")


def test_enter_opens_the_code_typed_without_waiting_for_the_pause(
        qtbot: QtBot, browser: CodeBookBrowser) -> None:
    b = browser
    qtbot.keyClicks(b.search, "e119")
    qtbot.keyClick(b.search, Qt.Key.Key_Return)  # the search runs now, then its page opens
    assert b.current == "cm:E11.9"
    assert not b.searcher.preview_timer.isActive()


def test_the_page_of_a_code_typed_follows_a_pause(qtbot: QtBot,
                                                 browser: CodeBookBrowser) -> None:
    b = browser
    start = b.current
    qtbot.keyClicks(b.search, "0DTJ4ZZ")
    qtbot.waitUntil(b.searcher.settled)
    assert b.current == start  # not laid out with the results of the keystroke
    qtbot.waitUntil(lambda: b.current == "build:0DTJ4ZZ")


@pytest.mark.parametrize(("query", "line"), [
    ("diabetes", "ICD-10-CM Alphabetic Index · E11.9"),
    ("bitten dolphin", "ICD-10-CM External Cause Index · W56.01"),
    ("neoplasm skin", "ICD-10-CM Neoplasm Table"),
    ("acetaminophen", "ICD-10-CM Table of Drugs and Chemicals"),
    ("type 2 diabetes mellitus without", "ICD-10-CM Tabular List · E11.9"),
    ("appendectomy", "ICD-10-PCS Index · 0DTJ"),
    ("resection appendix", "ICD-10-PCS Tables · table 0DT"),
    ("ketorolac", "HCPCS Level II code list · J1885"),
])
def test_each_row_names_its_real_book(qtbot: QtBot, browser: CodeBookBrowser, query: str,
                                      line: str) -> None:
    qtbot.keyClicks(browser.search, query)
    qtbot.waitUntil(browser.searcher.settled)
    lines = book_lines(browser)
    assert line in lines, lines
    assert not any(x.startswith("Tabular") for x in lines)


def test_the_original_spelling_is_one_click_away(qtbot: QtBot,
                                                 browser: CodeBookBrowser) -> None:
    b = browser
    qtbot.keyClicks(b.search, "cholerra")
    qtbot.waitUntil(b.searcher.settled)
    notice = b.search_notice
    assert notice.isVisible() and "Showing results for" in notice.text()
    assert b.results.text(0).lower().startswith("cholera")
    # the link, reached as a keyboard user reaches it (Tab to it, Enter)
    notice.setFocus()
    qtbot.keyClick(notice, Qt.Key.Key_Tab)
    with qtbot.waitSignal(notice.search_exact):
        qtbot.keyClick(notice, Qt.Key.Key_Return)
    assert b.search.text() == "cholerra"
    assert not notice.isVisible()  # taken as typed: nothing corrected
    assert b.results.count() == 0
