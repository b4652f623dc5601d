"""The code book's lists are item models: each passes Qt's model tester, filled and empty,
and the browser's history is plain bookkeeping tested without a widget."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from readiness.codebook import importer
from readiness.ui.codebook.browser import CodeBookBrowser
from readiness.ui.codebook.history import History
from readiness.ui.codebook.models import ROLE_HTML, ROLE_TARGET, PlacesModel, Row
from readiness.ui.context import UiContext

FIXTURES = Path(__file__).resolve().parents[1] / "codebook" / "fixtures"


@pytest.fixture
def browser(qtbot: QtBot, ctx: UiContext) -> CodeBookBrowser:
    for name in ("tabular-mini.xml", "index-mini.xml", "neoplasm-mini.xml",
                 "pcs-tables-mini.xml"):
        importer.import_file(FIXTURES / name, ctx.workspace.codesets_dir)
    ctx.workspace.codebook.reload()
    b = CodeBookBrowser(ctx)
    qtbot.addWidget(b)
    return b


def test_places_model_roles(qtmodeltester: ModelTester) -> None:
    model = PlacesModel()
    qtmodeltester.check(model)
    model.set_rows([Row("E11.9 Type 2", "cm:E11.9", "<b>E11.9</b> Type 2", "tip"),
                    Row("Bookmark", "cm:A41.9")])
    qtmodeltester.check(model)
    first, second = model.index(0, 0), model.index(1, 0)
    assert first.data() == "E11.9 Type 2" and first.data(ROLE_TARGET) == "cm:E11.9"
    assert first.data(ROLE_HTML) == "<b>E11.9</b> Type 2"
    assert first.data(Qt.ItemDataRole.ToolTipRole) == "tip"
    assert second.data(ROLE_HTML) is None and second.data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.rowCount(first) == 0  # a flat list: no row has children


def test_result_index_pcs_and_bookmark_lists_pass_the_model_tester(
        qtbot: QtBot, browser: CodeBookBrowser, qtmodeltester: ModelTester) -> None:
    qtbot.keyClicks(browser.search, "diab")
    qtbot.waitUntil(browser.searcher.settled)
    assert browser.results.count() > 0
    qtmodeltester.check(browser.results.model())
    browser.open_target("cm:E11.9")
    browser.toggle_bookmark()
    assert browser.bookmarks.texts()[0].startswith("E11.9")
    for view in (browser.bookmarks, browser.recent, browser.index_terms, browser.pcs_list):
        assert view.count() > 0, view.accessibleName()
        qtmodeltester.check(view.model())
    browser.search.clear()
    qtbot.waitUntil(browser.searcher.settled)
    assert browser.results.count() == 0
    qtmodeltester.check(browser.results.model())


def test_clicking_a_row_opens_its_place(qtbot: QtBot, browser: CodeBookBrowser) -> None:
    browser.show()
    qtbot.waitExposed(browser)
    browser.tabs.setCurrentIndex(3)
    assert browser.pcs_list.texts()[0].startswith("0DT")
    qtbot.mouseClick(browser.pcs_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=browser.pcs_list.row_rect(0).center())
    assert browser.current == browser.pcs_list.target(0)


def test_history_back_forward_and_previews() -> None:
    h = History()
    h.record("cm:A")
    h.record("cm:E1", preview=True)
    h.record("cm:E11", preview=True)  # typing on replaces the preview
    assert (h.can_go_back, h.can_go_forward) == (True, False)
    assert h.back() == "cm:A" and h.back() is None
    assert h.forward() == "cm:E11" and h.forward() is None
    h.record("cm:E11")  # the same place again is not a new entry
    h.record("build:0DT")
    h.replace_current("build:0DTJ", "build:")
    h.replace_current("cm:X", "cm:")  # only the builder's own entry is rewritten
    assert h.back() == "cm:E11" and h.forward() == "build:0DTJ"
