"""The code book the exam opens sits beside the exam window, inside 1366×768 and 1440×900
screens, without covering Next, Flag or the clock (real windows, offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.exam_bank import make_bank
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from readiness.codebook import importer
from readiness.ui.exam.driver import ExamWindow, place_beside
from readiness.ui.exam.page import ExamPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FIXTURES = Path(__file__).resolve().parents[2] / "codebook" / "fixtures"


@pytest.fixture
def window(qtbot, ctx):
    for name in ("tabular-mini.xml", "index-mini.xml", "pcs-tables-mini.xml"):
        importer.import_file(FIXTURES / name, ctx.workspace.codesets_dir)
    ctx.workspace.codebook.reload()
    ctx.workspace.exams.set_bank(make_bank(per_domain=1, scenarios=1, multiple_every=2))
    page = ExamPage(ctx)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    exam = page.window_
    assert exam is not None
    qtbot.addWidget(exam)
    qtbot.waitExposed(exam)
    yield exam
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ExamWindow):
            widget.shutdown()


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("area", [pytest.param(QRect(0, 0, 1366, 728), id="1366x768"),
                                  pytest.param(QRect(0, 0, 1440, 860), id="1440x900")])
def test_code_book_beside_the_exam(qtbot, window, area) -> None:
    qtbot.mouseClick(window.codebook_button, Qt.MouseButton.LeftButton)
    book = window.codebook
    assert book is not None and book.isVisible()
    qtbot.addWidget(book)  # closed and deleted with the test, not left to later ones
    place_beside(window, book, area)
    qtbot.waitUntil(lambda: book.geometry().right() <= area.right())
    exam_rect, book_rect = window.frameGeometry(), book.frameGeometry()
    for r in (exam_rect, book_rect):
        assert area.contains(r), (r, area)
    assert not exam_rect.intersects(book_rect)
    # neither window was pushed wider than its place by its own minimum size
    assert window.width() >= window.minimumSizeHint().width()
    assert book.width() >= book.minimumSizeHint().width()
    for control in (window.next_button, window.flag_button, window.time_label):
        assert control.isVisible()
        where = global_rect(control)
        assert exam_rect.contains(where) and not book_rect.intersects(where), control


def test_long_book_text_does_not_widen_the_code_book(qtbot, window) -> None:
    """What the shipped books put in the code book (the editions line, the PCS builder's
    longest values) wraps or scrolls: the window still fits beside the exam at 1366 px,
    with room for the window manager's borders (8 px a side, both windows)."""
    qtbot.mouseClick(window.codebook_button, Qt.MouseButton.LeftButton)
    book = window.codebook
    assert book is not None
    qtbot.addWidget(book)
    browser = book.browser
    browser.status_line.idle("ICD-10-CM FY2026, April 1 2026 update · ICD-10-PCS FY2026 · "
                             "HCPCS Level II October 2025 (CMS quarterly file) · some books "
                             "are older editions (see Code sets)")
    for combo in browser.builder.combos:
        combo.addItem("Introduction of Nutritional Substance into Peripheral Vein, "
                      "Percutaneous Approach (long value)")
    exam_min = max(window.minimumSizeHint().width(), 794)  # 794: the exam with the real bank
    assert book.minimumSizeHint().width() + exam_min + 4 * 8 <= 1366, (
        book.minimumSizeHint().width(), exam_min)
