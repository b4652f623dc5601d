"""What the checks found reaches the card (PDF and print) and the checklist items."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize

from readiness.core.appointment import ExamAppointment
from readiness.core.checklist.findings import NO_PROBLEMS
from readiness.ui.checklist.card import card_printer, print_card, write_card_pdf
from readiness.ui.checklist.page import ChecklistPage
from readiness.ui.context import UiContext

APPT = ExamAppointment(exam_date=date(2026, 6, 10), exam_time=time(9, 0),
                       timezone="America/Chicago", center_name="Pearson VUE Midtown",
                       center_address="100 Lake St, Chicago IL")
BRING_ITEMS = ("primary-id", "secondary-id", "confirmation", "books-edition")


@pytest.fixture
def page(qtbot, ctx: UiContext) -> ChecklistPage:
    ctx.workspace.appointment.save(APPT)
    widget = ChecklistPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    return widget


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return [re.sub(r"\s+", " ", unicodedata.normalize("NFKC", p.extract_text()))
            for p in reader.pages]


def enter_problems(qtbot, page: ChecklistPage) -> None:
    """A candidate in the final week: names that differ, one book a year too old."""
    names = page.names
    qtbot.keyClicks(names.edits["att"], "Mary-Jane Smith Jr.")
    qtbot.keyClicks(names.edits["primary-id"], "Mary Jane Smith")
    qtbot.keyClicks(names.edits["secondary-id"], "Mary-Jane Smith Jr.")
    for book_id, spin in page.books.years.items():
        spin.setValue(2025 if book_id == "cpt" else 2026)


def all_clean(qtbot, page: ChecklistPage) -> None:
    names = page.names
    for role in ("att", "primary-id", "secondary-id"):
        qtbot.keyClicks(names.edits[role], "Mary-Jane Smith Jr.")
    for spin in page.books.years.values():
        spin.setValue(2026)
    for item_id in BRING_ITEMS:
        page.service.set_checked(item_id, True)
    page.refresh()


def test_name_and_edition_problems_are_on_the_pdf_card(qtbot, page, dialogs, tmp_path):
    enter_problems(qtbot, page)
    target = tmp_path / "card.pdf"
    dialogs.save_files.append(target)
    qtbot.mouseClick(page.card_button, Qt.MouseButton.LeftButton)
    pages = pdf_pages(target)
    assert len(pages) == 1
    text = pages[0]
    assert "Open problems" in text
    assert "Primary ID: Hyphen or space: ATT has 'Mary-Jane', ID has 'Mary Jane'" in text
    assert "Primary ID: Suffix: ATT has 'Jr.', ID has nothing" in text
    assert "Have the ATT carry the same suffix as your IDs" in text  # the advice comes along
    assert "Secondary ID:" not in text  # that one matches
    assert "CPT (Professional edition): 2025 edition, 2026 required" in text
    assert "Get the 2026 book before exam day" in text
    assert "Not checked yet: Primary ID" in text  # an unchecked must-bring item
    assert NO_PROBLEMS not in text


def test_the_matching_checklist_items_show_the_problems(qtbot, page):
    enter_problems(qtbot, page)
    page.service.set_checked("names-match", True)  # checking it off does not fix a name
    page.refresh()
    names_item = page.items.tree_item("names-match")
    books_item = page.items.tree_item("books-edition")
    route_item = page.items.tree_item("route")
    assert names_item is not None and books_item is not None and route_item is not None
    assert "⚠ Open problem: Primary ID: Hyphen or space" in names_item.text(0)
    assert "Suffix" in names_item.text(0)
    assert "CPT (Professional edition): 2025 edition" in books_item.text(0)
    assert "Open problem" not in route_item.text(0)
    assert names_item.icon(0).cacheKey() == page.items._warning_icon.cacheKey()
    assert route_item.icon(0).cacheKey() != page.items._warning_icon.cacheKey()
    page.items.select("names-match")  # the advice is in the selected item's box
    advice = page.items.problems.text()
    assert "Have the ATT carry the same suffix as your IDs" in advice
    assert page.items.problems.isVisibleTo(page.items)
    assert "open problems" in page.summary.text()


def test_hiding_an_item_does_not_hide_its_problem_from_the_card(qtbot, page):
    enter_problems(qtbot, page)
    page.service.set_hidden("names-match", True)
    assert any(p.startswith("Primary ID: Suffix") for p in page.service.card().problems)


def test_a_card_with_no_problems_says_so(qtbot, page, tmp_path):
    all_clean(qtbot, page)
    assert page.service.findings() == []
    assert "open problem" not in page.summary.text()
    target = tmp_path / "clean.pdf"
    write_card_pdf(page.service.card(), target)
    (text,) = pdf_pages(target)
    assert "No problems found: the names on your IDs match the ATT" in text
    assert "Open problems" not in text


def test_print_goes_through_the_print_dialog_to_a_file(qtbot, page, dialogs, tmp_path):
    enter_problems(qtbot, page)
    target = tmp_path / "printed.pdf"
    dialogs.print_files.append(target)  # the user picks "Print to file" in the dialog
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert dialogs.last()[:2] == ("print", "Print exam-day card")
    pages = pdf_pages(target)
    assert len(pages) == 1
    assert "LEAVE BY 07:45 CDT" in pages[0]
    assert "CPT (Professional edition): 2025 edition, 2026 required" in pages[0]


def test_cancelled_print_writes_nothing(qtbot, page, dialogs, tmp_path):
    dialogs.print_files.append(None)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert dialogs.texts("error") == []
    assert list(tmp_path.glob("*.pdf")) == []


@pytest.mark.parametrize("size", [QPageSize.PageSizeId.Letter, QPageSize.PageSizeId.A4])
def test_a_long_card_fits_one_page_at_letter_and_a4(qtbot, page, tmp_path, size):
    enter_problems(qtbot, page)
    for n in range(12):  # a candidate who added many items of their own
        page.service.add("week", f"My own reminder number {n} with a longer text to wrap")
    card = page.service.card()
    card = replace(card, notes=(*card.notes, *(f"Note {n}" for n in range(6))))
    pdf = tmp_path / "card.pdf"
    write_card_pdf(card, pdf, size)
    assert len(pdf_pages(pdf)) == 1
    printer = card_printer()
    printer.setPageSize(QPageSize(size))
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    print_card(card, printer)
    pages = pdf_pages(printed)
    assert len(pages) == 1
    assert "My own reminder number 11" in pages[0]
