"""The code book, driven like a coder drives it: search, follow links, build PCS codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from readiness.codebook import importer
from readiness.codebook.model import Kind
from readiness.ui.codebook.browser import CodeBookBrowser
from readiness.ui.codebook.page import CodeBookPage
from readiness.ui.codebook.window import CodeBookWindow
from readiness.ui.context import UiContext
from readiness.ui.dialogs import ScriptedDialogs

FIXTURES = Path(__file__).resolve().parents[1] / "codebook" / "fixtures"
ALL = ("tabular-mini.xml", "index-mini.xml", "eindex-mini.xml", "neoplasm-mini.xml",
       "drug-mini.xml", "pcs-tables-mini.xml", "pcs-index-mini.xml", "pcs-definitions-mini.xml",
       "cpt-mini.csv", "icd10pcs_order_2026.txt")


@pytest.fixture
def installed(ctx: UiContext) -> UiContext:
    for name in ALL:
        importer.import_file(FIXTURES / name, ctx.workspace.codesets_dir)
    ctx.workspace.codebook.reload()
    return ctx


_PAGES: list[CodeBookPage] = []


def make_page(qtbot: QtBot, ctx: UiContext) -> CodeBookPage:
    page = CodeBookPage(ctx)
    qtbot.addWidget(page)
    _PAGES.append(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


@pytest.fixture(autouse=True)
def _forget_pages() -> None:
    yield
    _PAGES.clear()


def shown(view: QTextBrowser) -> str:
    """The page as the user reads it: one line per paragraph, single spaces."""
    return "\n".join(" ".join(line.replace("\xa0", " ").split())
                     for line in view.toPlainText().splitlines())


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).replace("&nbsp;", " ").split())


def type_in(qtbot: QtBot, b: CodeBookBrowser, text: str) -> None:
    """Type into the search box as the user does, then wait for the results to show (the
    search runs on the event loop after the key, never inside it)."""
    qtbot.keyClicks(b.search, text)
    qtbot.waitUntil(b.searcher.settled)


def clear_search(qtbot: QtBot, b: CodeBookBrowser) -> None:
    b.search.clear()
    qtbot.waitUntil(b.searcher.settled)


def click_link(qtbot: QtBot, view: QTextBrowser, text: str) -> None:
    """Click, with the mouse, the first link whose text is ``text`` in a rich-text view."""
    doc = view.document()
    cursor = doc.find(text)
    while not cursor.isNull():
        probe = QTextCursor(cursor)
        probe.setPosition(cursor.selectionStart() + 1)
        if probe.charFormat().isAnchor():
            break
        cursor = doc.find(text, cursor)
    assert not cursor.isNull(), f"no link {text!r} on the page"
    view.setTextCursor(probe)
    view.ensureCursorVisible()
    rect = view.cursorRect(probe)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_search_index_tabular_note_link(qtbot: QtBot, installed: UiContext) -> None:
    page = make_page(qtbot, installed)
    b = page.browser
    b.search.setFocus()
    type_in(qtbot, b, "diab type")
    texts = b.results.texts()
    assert texts[0] == "Diabetes, diabetic, type 2"
    qtbot.keyClick(b.search, Qt.Key.Key_Return)
    assert b.current.startswith("idx:icd10cm-index:")
    text = shown(b.doc)
    assert "Diabetes, diabetic (mellitus) (sugar) E11.9" in text
    assert "– type 2 E11.9" in text and "– – – hyperglycemia E11.65" in text

    click_link(qtbot, b.doc, "E11.9")
    assert b.current == "cm:E11.9"
    assert "E11.9" in b.banner.text() and "billable" in b.banner.text()
    text = shown(b.doc)
    assert "Use additional code: code to identify control using insulin (Z79.4)" in text
    assert "Excludes2: gestational diabetes (O24.4-)" in text
    assert "E11 Type 2 diabetes mellitus header – not billable" in text

    click_link(qtbot, b.doc, "Z79.4")
    assert b.current == "cm:Z79.4"
    assert "Long term (current) use of insulin" in b.banner.text()

    qtbot.mouseClick(b.back_button, Qt.MouseButton.LeftButton)
    assert b.current == "cm:E11.9"
    qtbot.keyClick(b, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert b.current == "cm:Z79.4"


def test_codes_with_and_without_dot_and_seventh_character(qtbot: QtBot,
                                                           installed: UiContext) -> None:
    page = make_page(qtbot, installed)
    b = page.browser
    type_in(qtbot, b, "s72001a")
    assert b.results.text(0) == ("S72.001A Fracture of unspecified part of neck of right "
                                        "femur, initial encounter for closed fracture")
    qtbot.keyClick(b.search, Qt.Key.Key_Return)
    assert b.current == "cm:S72.001A"
    assert "7th character <b>A</b> from S72" in b.banner.text()
    text = shown(b.doc)
    assert "7th characters for S72" in text and "sequela" in text
    assert "S72.001 Fracture of unspecified part of neck of right femur 7th character " \
           "required" in text
    qtbot.mouseClick(b.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "S72.001A"
    # a prefix lists the codes under it
    clear_search(qtbot, b)
    type_in(qtbot, b, "S7200")
    assert [t.split()[0] for t in b.results.texts()[:3]] == [
        "S72.00", "S72.001", "S72.002"]


def test_keyboard_only(qtbot: QtBot, installed: UiContext) -> None:
    page = make_page(qtbot, installed)
    b = page.browser
    b.doc.setFocus()
    qtbot.keyClick(b, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert b.search.hasFocus()
    type_in(qtbot, b, "cholera")
    qtbot.keyClick(b.search, Qt.Key.Key_Down)
    assert b.results.hasFocus()
    qtbot.keyClick(b.results, Qt.Key.Key_Down)
    second = b.results.current_row()
    assert b.results.text(second) == "Cholera, classical"  # the index first: term, subterm
    qtbot.keyClick(b.results, Qt.Key.Key_Return)
    assert b.current == b.results.target(second)
    assert b.current.startswith("idx:icd10cm-index:")
    qtbot.keyClick(b.results, Qt.Key.Key_Escape)
    assert b.search.hasFocus()
    qtbot.keyClick(b, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert b.bookmark_button.isChecked()
    assert b.bookmarks.count() == 1
    zoom = b.zoom
    qtbot.keyClick(b, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert b.zoom == zoom + 10
    assert installed.workspace.settings.get("codebook.zoom") == zoom + 10


def test_bookmarks_persist_and_open(qtbot: QtBot, installed: UiContext) -> None:
    page = make_page(qtbot, installed)
    b = page.browser
    assert b.open_target("cm:A41.9")
    qtbot.mouseClick(b.bookmark_button, Qt.MouseButton.LeftButton)
    again = make_page(qtbot, installed).browser
    assert again.bookmarks.count() == 1
    assert again.bookmarks.text(0).startswith("A41.9 Sepsis, unspecified organism")
    again.tabs.setCurrentIndex(4)
    assert again.recent.text(0).startswith("A41.9 Sepsis")  # recently opened, kept
    rect = again.bookmarks.row_rect(0)
    qtbot.mouseClick(again.bookmarks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert again.current == "cm:A41.9"
    again.bookmarks.set_current_row(0)
    again.bookmarks.setFocus()
    qtbot.keyClick(again.bookmarks, Qt.Key.Key_Delete)
    assert again.bookmarks.count() == 0
    assert installed.workspace.codebook.bookmarks() == []


def test_see_references_navigate_and_tables_are_grids(qtbot: QtBot,
                                                      installed: UiContext) -> None:
    page = make_page(qtbot, installed)
    b = page.browser
    store = installed.workspace.codebook.book.store(Kind.CM_INDEX)
    hip = store.find_child(store.find_main_term("Fracture, traumatic").id, "hip")
    assert b.open_target(f"idx:icd10cm-index:{hip.id}")
    assert "– hip see Fracture, femur, neck" in shown(b.doc)
    click_link(qtbot, b.doc, "Fracture, femur, neck")
    neck = store.find_child(store.find_child(store.find_main_term(
        "Fracture, traumatic").id, "femur, femoral").id, "neck")
    assert b.current == f"idx:icd10cm-index:{neck.id}"
    # the Index tab lists the Neoplasm Table with its column headings
    b.tabs.setCurrentIndex(2)
    b.index_kind.setCurrentIndex(b.index_kind.findText("ICD-10-CM Neoplasm Table"))
    rect = b.index_terms.row_rect(0)
    qtbot.mouseClick(b.index_terms.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    text = shown(b.doc)
    assert "Malignant Primary" in text and "Unspecified Behavior" in text
    assert "C50.9-" in text
    # codes missing from the installed tabular list are printed, not linked
    with pytest.raises(AssertionError, match=re.escape("no link 'C80.1'")):
        click_link(qtbot, b.doc, "C80.1")


def test_pcs_builder_builds_and_refuses(qtbot: QtBot, installed: UiContext) -> None:
    page = make_page(qtbot, installed)
    b = page.browser
    qtbot.mouseClick(b.builder_button, Qt.MouseButton.LeftButton)
    builder = b.builder
    assert b.views.currentWidget() is builder
    for pos, key in enumerate("0DTJ4ZZ"):
        combo = builder.combos[pos]
        assert combo.isEnabled()
        offered = [combo.itemData(i) for i in range(1, combo.count())]
        if pos == 4:
            assert offered == ["0", "4"]  # the appendix row allows open or laparoscopic
        combo.setFocus()
        qtbot.keyClicks(combo, key)
    assert builder.code() == "0DTJ4ZZ"
    assert plain(builder.result.text()) == (
        "0DTJ4ZZ — Resection of Appendix, Percutaneous Endoscopic Approach (valid)")
    defs = builder.definitions.toPlainText()
    assert "Cutting out or off, without replacement, all of a body part" in defs
    assert "Approach: Percutaneous Endoscopic" in defs
    # a typed code: the colon can only be resected open
    builder.code_edit.clear()
    qtbot.keyClicks(builder.code_edit, "0dtk4zz")
    assert builder.code_edit.text() == "0DTK4ZZ"
    assert plain(builder.result.text()) == "0DTK4ZZ is not a valid code."
    assert plain(builder.problem.text()).startswith(
        "\u26a0 Character 5 (approach) '4' is not valid in table 0DT (Resection, "
        "Gastrointestinal System) with body part K (Colon); allowed: 0")
    assert not builder.combos[5].isEnabled()
    assert [builder.combos[4].itemData(i) for i in range(1, builder.combos[4].count())] == ["0"]
    # from the builder to the table, the colon's rows marked
    qtbot.mouseClick(builder.table_button, Qt.MouseButton.LeftButton)
    assert b.current == "pcs:0DTK"
    text = shown(b.doc)
    assert "Operation T Resection" in text and "K Colon" in text


def test_failed_import_shows_message_and_keeps_sets(qtbot: QtBot, installed: UiContext,
                                                    tmp_path: Path) -> None:
    dialogs = installed.dialogs
    assert isinstance(dialogs, ScriptedDialogs)
    page = make_page(qtbot, installed)
    b = page.browser
    qtbot.mouseClick(b.sets_button, Qt.MouseButton.LeftButton)
    assert b.sets_view.table.rowCount() == len(ALL)
    broken = tmp_path / "icd10pcs_tables_2027.xml"
    broken.write_text("<ICD10PCS.tabular><pcsTable></ICD10PCS.tabular>")
    dialogs.open_files.append(broken)
    qtbot.mouseClick(b.sets_view.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: installed.tasks.idle, timeout=10000)
    [error] = dialogs.texts("error")
    assert error.startswith("icd10pcs_tables_2027.xml: the file is not well-formed XML")
    assert installed.workspace.codebook.book.pcs_check("0DTJ4ZZ").valid  # type: ignore[union-attr]


def test_import_of_the_wrong_file_says_which_it_is(qtbot: QtBot, installed: UiContext) -> None:
    dialogs = installed.dialogs
    assert isinstance(dialogs, ScriptedDialogs)
    b = make_page(qtbot, installed).browser
    b.show_sets()
    b.sets_view.expect.setCurrentIndex(b.sets_view.expect.findText("ICD-10-PCS Tables"))
    dialogs.open_files.append(FIXTURES / "pcs-index-mini.xml")
    qtbot.mouseClick(b.sets_view.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: installed.tasks.idle, timeout=10000)
    assert dialogs.texts("error") == [
        "pcs-index-mini.xml: this is the ICD-10-PCS Index, not the ICD-10-PCS Tables"]
    # the right file goes in, and the browser says what was installed
    b.sets_view.expect.setCurrentIndex(0)
    dialogs.open_files.append(FIXTURES / "drug-mini.csv")
    qtbot.mouseClick(b.sets_view.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: installed.tasks.idle, timeout=10000)
    [message] = dialogs.texts("inform")
    assert message.startswith("ICD-10-CM Table of Drugs and Chemicals: ICD-10-CM")
    assert message.endswith("(2 main terms, 5 terms)")


def test_first_use_builds_in_background(qtbot: QtBot, ctx: UiContext, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "icd10c-tabular-April-1-2026.xml"
    source.write_bytes((FIXTURES / "tabular-mini.xml").read_bytes())
    monkeypatch.setattr(importer, "bundled_tabular", lambda: source)
    # the fixture stands in for the verified bundled file
    monkeypatch.setattr(importer, "BUNDLED_TABULAR_SHA256", importer.sha256_file(source))
    started: list[str] = []
    ctx.tasks.started.connect(lambda handle: started.append(handle.label))
    page = CodeBookPage(ctx)  # the build starts on a worker; the page is usable at once
    qtbot.addWidget(page)
    b = page.browser
    assert started == ["Building the code books"]
    assert "first use" in b.status.text()
    assert b.progress.isVisibleTo(b)
    assert b.search.isEnabled()
    page.show()
    qtbot.waitUntil(lambda: ctx.tasks.idle, timeout=20000)
    qtbot.waitUntil(lambda: "FY2026, April 1 2026 update" in b.status.text())
    type_in(qtbot, b, "E119")
    assert b.results.text(0).startswith("E11.9 Type 2 diabetes")


def test_window_for_the_exam(qtbot: QtBot, installed: UiContext) -> None:
    window = CodeBookWindow(installed)
    qtbot.addWidget(window)
    assert window.show_code("icd10pcs", "0DTJ4ZZ")
    qtbot.waitExposed(window)
    assert window.browser.views.currentWidget() is window.browser.builder
    assert window.show_code("icd10cm", "E11.9")
    assert window.windowTitle().startswith("E11.9 Type 2 diabetes mellitus without")
    assert not window.show_code("icd10cm", "E11.99")
    assert window.show_code("cpt", "99213")
    window.close()


def test_no_match_is_said(qtbot: QtBot, installed: UiContext) -> None:
    b = make_page(qtbot, installed).browser
    type_in(qtbot, b, "zzyzx")
    assert b.results.count() == 0
    assert b.status.text() == "No matches for “zzyzx” in the installed code sets."
    clear_search(qtbot, b)
    assert b.status.text().startswith("ICD-10-CM FY2026")
    assert not b.index_notice.isVisibleTo(b)  # the Alphabetic Index fixture is installed


def test_dark_palette_renders_dark_page(qtbot: QtBot, installed: UiContext) -> None:
    from PySide6.QtGui import QColor, QPalette

    from readiness.codebook.render import Theme

    b = make_page(qtbot, installed).browser
    assert b.open_target("cm:E11.9")
    assert Theme().focus_bg in b.doc.toHtml()
    dark = QPalette(b.palette())
    for role, color in ((QPalette.ColorRole.Base, "#171717"), (QPalette.ColorRole.Text, "#e8eaed"),
                        (QPalette.ColorRole.Window, "#202124")):
        dark.setColor(role, QColor(color))
    b.setPalette(dark)
    qtbot.waitUntil(lambda: Theme.dark().focus_bg in b.doc.toHtml())
    assert b.current == "cm:E11.9"


def test_cancelled_first_build_says_so(qtbot: QtBot, ctx: UiContext, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from readiness.core.errors import Cancelled

    source = tmp_path / "icd10c-tabular-April-1-2026.xml"
    source.write_bytes((FIXTURES / "tabular-mini.xml").read_bytes())
    monkeypatch.setattr(importer, "bundled_tabular", lambda: source)
    # the fixture stands in for the verified bundled file
    monkeypatch.setattr(importer, "BUNDLED_TABULAR_SHA256", importer.sha256_file(source))

    def cancelled(*_args: object) -> None:
        raise Cancelled()

    monkeypatch.setattr(ctx.workspace.codebook, "prepare_default", cancelled)
    page = CodeBookPage(ctx)
    qtbot.addWidget(page)
    b = page.browser
    qtbot.waitUntil(lambda: ctx.tasks.idle, timeout=10000)
    assert b.status.text().startswith("Building the code books was cancelled")
    assert not b.progress.isVisibleTo(b)
    assert not ctx.workspace.codebook.building


def test_typing_a_code_jumps_to_it(qtbot: QtBot, installed: UiContext) -> None:
    b = make_page(qtbot, installed).browser
    start = b.current
    type_in(qtbot, b, "e119")
    qtbot.waitUntil(lambda: b.current == "cm:E11.9")  # no Enter needed, after a pause
    assert b.search.hasFocus()  # typing goes on in the box
    clear_search(qtbot, b)
    type_in(qtbot, b, "0DTJ4ZZ")
    qtbot.waitUntil(lambda: b.current == "build:0DTJ4ZZ")
    qtbot.keyClick(b.search, Qt.Key.Key_Return)
    # one history entry for everything previewed while typing, then back to the start
    qtbot.mouseClick(b.back_button, Qt.MouseButton.LeftButton)
    assert b.current == start


def test_tabular_tree_chapter_block_category(qtbot: QtBot, installed: UiContext) -> None:
    b = make_page(qtbot, installed).browser
    qtbot.keyClick(b, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    tree = b.tabular_tree
    assert tree.hasFocus()
    chapters = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert chapters[0] == "1. Certain infectious and parasitic diseases (A00-B99)"
    chapter19 = tree.topLevelItem(chapters.index(
        "19. Injury, poisoning and certain other consequences of external causes (S00-T88)"))
    tree.setCurrentItem(chapter19)
    qtbot.keyClick(tree, Qt.Key.Key_Right)  # expand, as with the keyboard
    block = chapter19.child(0)
    assert block.text(0) == "Injuries to the hip and thigh (S70-S79)"
    tree.setCurrentItem(block)
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    category = block.child(0)
    assert category.text(0) == "S72  Fracture of femur"
    tree.setCurrentItem(category)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert b.current == "cm:S72"
    assert "S72 Fracture of femur header – not billable" in shown(b.doc)


def test_pcs_index_to_table_to_builder(qtbot: QtBot, installed: UiContext) -> None:
    b = make_page(qtbot, installed).browser
    type_in(qtbot, b, "appendectomy")
    assert b.results.text(0) == "Appendectomy"
    qtbot.keyClick(b.search, Qt.Key.Key_Return)
    assert "Appendectomy see Resection, Appendix 0DTJ" in shown(b.doc)
    click_link(qtbot, b.doc, "0DTJ")
    assert b.current == "pcs:0DTJ"
    text = shown(b.doc)
    assert "Operation T Resection" in text
    assert "Cutting out or off, without replacement, all of a body part" in text
    assert "Body Part (character 4)" in text and "J Appendix" in text
    click_link(qtbot, b.doc, "Build a code from row 1")
    assert b.current == "build:0DTJ"
    assert b.builder.combos[4].isEnabled() and not b.builder.combos[5].isEnabled()


def test_every_control_has_an_accessible_name(qtbot: QtBot, installed: UiContext) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QLineEdit,
        QTextEdit,
        QWidget,
    )

    page = make_page(qtbot, installed)
    b = page.browser
    for view in (b.doc, b.builder, b.sets_view):  # every view of the right-hand stack
        b.views.setCurrentWidget(view)
        for tab in range(b.tabs.count()):
            b.tabs.setCurrentIndex(tab)
            controls = (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QTextEdit)
            nameless = [type(w).__name__ for w in page.findChildren(QWidget)
                        if isinstance(w, controls) and w.isVisibleTo(page)
                        and not w.accessibleName()]
            assert nameless == [], (view, tab)


def test_search_says_how_the_words_were_read(qtbot: QtBot, installed: UiContext) -> None:
    b = make_page(qtbot, installed).browser
    type_in(qtbot, b, "cholerra")
    assert b.search_notice.isVisible()
    assert "Showing results for <b><i>cholera</i></b>" in b.search_notice.text()
    assert b.results.text(0).lower().startswith("cholera")
    # the original query is one click away
    b.search_notice.linkActivated.emit("search-exact")
    assert b.results.count() == 0
    assert not b.search_notice.isVisible()
    assert b.search.text() == "cholerra"
    clear_search(qtbot, b)
    type_in(qtbot, b, "cholera zebra")
    assert "best partial matches (not found: “zebra”)" in b.search_notice.text()
    clear_search(qtbot, b)
    type_in(qtbot, b, "DM2")
    assert "read as" in b.search_notice.text()
    assert b.results.target(0) == "cm:E11.9"
    clear_search(qtbot, b)
    assert not b.search_notice.isVisible()


def test_index_tab_follows_the_index_page_in_view(qtbot: QtBot, installed: UiContext) -> None:
    # Seen on the shipped books: an External Cause page open while the Index tab's book
    # list still said "Neoplasm Table" and listed neoplasm terms.
    page = make_page(qtbot, installed)
    b = page.browser
    b.tabs.setCurrentIndex(2)
    b.index_kind.setCurrentIndex(b.index_kind.findText("ICD-10-CM Neoplasm Table"))
    store = installed.workspace.codebook.book.store(Kind.CM_INDEX)
    fracture = store.find_main_term("Fracture, traumatic")
    hip = store.find_child(fracture.id, "hip")
    assert b.open_target(f"idx:icd10cm-index:{hip.id}")
    assert b.index_kind.currentData() == Kind.CM_INDEX.value
    assert b.index_letter.currentData() == "F"
    listed = [b.index_terms.model().index(r, 0).data()
              for r in range(b.index_terms.model().rowCount())]
    assert any(str(text).startswith("Fracture") for text in listed)
