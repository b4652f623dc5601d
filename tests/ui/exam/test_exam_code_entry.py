"""Scenario screens give nothing away: a neutral title, as many code fields as wanted, and
bank text shown literally (never as markup)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fixtures.exam_bank import make_bank
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from readiness.core.bank.models import Document, Option
from readiness.ui.exam.driver import ExamWindow
from readiness.ui.exam.page import ExamPage
from readiness.ui.exam.scenario import ScenarioView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

GIVEAWAY = "E. coli sepsis from acute pyelonephritis with AKI"
MARKUP = "<b>x</b><img src=file:///etc/passwd>"


def bank_with(title: str = GIVEAWAY, markup: bool = False):  # type: ignore[no-untyped-def]
    bank = make_bank(per_domain=1, scenarios=1, multiple_every=2)
    sc = replace(bank.scenarios[0], id="sc-ip-04", title=title, service="Cardiology")
    if markup:
        q = sc.questions[0]
        sc = replace(sc, documents=(Document(MARKUP, f"Record {MARKUP}"),),
                     questions=(replace(q, prompt=f"Prompt {MARKUP}"), *sc.questions[1:]))
        items = tuple(replace(i, stem=f"Stem {MARKUP}",
                              options=(Option(f"Option {MARKUP}", rationale="r"),
                                       *i.options[1:]))
                      for i in bank.items)
        bank = replace(bank, items=items)
    return replace(bank, scenarios=(sc,))


@pytest.fixture
def page(qtbot, ctx):  # type: ignore[no-untyped-def]
    page = ExamPage(ctx)
    qtbot.addWidget(page)
    yield page
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ExamWindow):
            widget.shutdown()


def start(qtbot, page) -> ExamWindow:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    window = page.window_
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    return window


def visible_texts(root: QWidget) -> list[str]:
    """Every text a candidate can see in the window: labels, buttons, fields, records."""
    out = [root.windowTitle()]
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            out.append(widget.text())
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            out.append(widget.toPlainText())
        out.append(widget.toolTip())
    return out


def scenario_position(window: ExamWindow) -> int:
    return next(p for p, e in enumerate(window.run.form.entries) if e.kind == "scenario")


def test_a_full_mock_never_shows_the_descriptive_title(qtbot, page, ctx):  # type: ignore[no-untyped-def]
    ctx.workspace.exams.set_bank(bank_with())
    window = start(qtbot, page)
    assert window.run.spec.exam_rules  # the default start: a full mock
    seen_neutral = False
    for position in range(len(window.run)):
        window.jump_to(position)
        texts = visible_texts(window)
        assert not any(GIVEAWAY in t for t in texts), position
        seen_neutral |= any("Inpatient · Cardiology · Record IP-04" in t for t in texts)
    window.show_review()
    assert not any(GIVEAWAY in t for t in visible_texts(window))
    assert seen_neutral
    # The results and review name the case.
    ctx.dialogs.confirms.append(True)
    qtbot.mouseClick(window.end_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.results


def test_code_entry_starts_with_one_field_and_grows_and_shrinks(qtbot, page, ctx):  # type: ignore[no-untyped-def]
    ctx.workspace.exams.set_bank(bank_with())
    window = start(qtbot, page)
    window.jump_to(scenario_position(window))
    view = window.content.currentWidget()
    assert isinstance(view, ScenarioView)
    pcs = view.blocks[2]
    assert pcs.entry is not None and len(pcs.fields) == 1
    # Nothing in the question hints at how many codes the key has.
    hint = " ".join(visible_texts(pcs))
    assert "6" not in hint and "one code" not in hint.lower()
    for n in range(4):  # Add code, by mouse; each new field gets the focus
        qtbot.mouseClick(pcs.entry.add_button, Qt.MouseButton.LeftButton)
        assert len(pcs.fields) == n + 2
    for field, code in zip(pcs.fields, ("0BJ08ZZ", "0DTJ4ZZ", "", "5A1955Z", "30233N1"),
                           strict=True):
        qtbot.keyClicks(field, code)
    position = window.position
    saved = window.run.response(position).codes[pcs.question.id]
    assert saved == ("0BJ08ZZ", "0DTJ4ZZ", "5A1955Z", "30233N1")
    # Remove by keyboard: focus the second field's Remove button and press Space.
    remove = pcs.entry.rows[1].remove
    remove.setFocus()
    assert remove.focusPolicy() & Qt.FocusPolicy.TabFocus
    qtbot.keyClick(remove, Qt.Key.Key_Space)
    assert len(pcs.fields) == 4
    assert window.run.response(position).codes[pcs.question.id] == (
        "0BJ08ZZ", "5A1955Z", "30233N1")
    assert [r.label.text() for r in pcs.entry.rows] == ["Code 1", "Code 2", "Code 3", "Code 4"]
    # Return in the last filled field adds the next one.
    qtbot.keyClick(pcs.fields[-1], Qt.Key.Key_Return)
    assert len(pcs.fields) == 5 and window.focusWidget() is pcs.fields[-1]


def test_resume_after_restart_restores_the_added_fields(qtbot, page, ctx, dialogs):  # type: ignore[no-untyped-def]
    ctx.workspace.exams.set_bank(bank_with())
    window = start(qtbot, page)
    window.jump_to(scenario_position(window))
    pcs = window.content.currentWidget().blocks[2]
    codes = ["0BJ08ZZ", "0DTJ4ZZ", "5A1955Z", "30233N1", "0W9G3ZZ", "B2111ZZ", "4A023N7"]
    for n, code in enumerate(codes):
        if n:
            pcs.entry.add_field()
        qtbot.keyClicks(pcs.fields[n], code)
    dialogs.confirms.append(True)
    window.close()
    again = ExamPage(ctx)
    qtbot.addWidget(again)
    dialogs.confirms.append(True)
    resumed = again.offer_resume()
    assert resumed is not None
    qtbot.addWidget(resumed)
    resumed.jump_to(scenario_position(resumed))
    block = resumed.content.currentWidget().blocks[2]
    assert [f.text() for f in block.fields] == codes


def test_imported_markup_shows_literally(qtbot, page, ctx):  # type: ignore[no-untyped-def]
    ctx.workspace.exams.set_bank(bank_with(title=MARKUP, markup=True))
    window = start(qtbot, page)
    item_at = next(p for p, e in enumerate(window.run.form.entries) if e.kind != "scenario")
    window.jump_to(item_at)
    assert window.stem.toPlainText() == f"Stem {MARKUP}"
    assert window.options[0].text.text() == f"Option {MARKUP}"
    assert window.options[0].text.textFormat() == Qt.TextFormat.PlainText
    window.jump_to(scenario_position(window))
    view = window.content.currentWidget()
    assert MARKUP.upper() in view.record.toPlainText()
    assert f"Record {MARKUP}" in view.record.toPlainText()
    prompts = [w for w in view.findChildren(QLabel) if w.text() == f"1. Prompt {MARKUP}"]
    assert prompts and prompts[0].textFormat() == Qt.TextFormat.PlainText
    assert view.record.document().toHtml().count("<img") == 0


def test_added_fields_with_long_problems_keep_their_height(qtbot, page, ctx):  # type: ignore[no-untyped-def]
    """Seen on the PNG: rows added after the screen was built squeezed their fields and
    lost the second line of a wrapped format message."""
    ctx.workspace.exams.set_bank(bank_with())
    window = start(qtbot, page)
    window.resize(1366, 768)
    window.jump_to(scenario_position(window))
    pcs = window.content.currentWidget().blocks[2]
    for n in range(4):
        if n:
            qtbot.mouseClick(pcs.entry.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(pcs.fields[n], "0BJ0OZZ")  # the letter O: a long format message
    for _ in range(3):
        QApplication.processEvents()
    for field, problem in zip(pcs.fields, pcs.problems, strict=True):
        assert problem.isVisible() and "letter O" in problem.text()
        assert field.height() >= field.sizeHint().height()
        assert problem.height() >= problem.heightForWidth(problem.width())
    tops = [f.mapTo(window, f.rect().topLeft()).y() for f in pcs.fields]
    assert tops == sorted(tops) and len(set(tops)) == 4  # no two rows on top of each other
