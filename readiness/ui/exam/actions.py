"""What the candidate does on a question screen: move, choose, strike, flag, highlight,
type codes, check an answer (tutor mode), open the review screen.

A mixin of :class:`~readiness.ui.exam.driver.ExamWindow` (its own module so the driver
stays small); the attributes it uses are declared here.  Each action saves through the
run first and then draws what was saved; the rules are the core's (``rules``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QStackedWidget, QWidget

from readiness.core.bank.models import CodeRef, MultipleChoiceItem, Scenario
from readiness.core.exam import rules
from readiness.services.codebook import CodebookService
from readiness.services.exams import ExamRun
from readiness.ui.exam.item_view import ItemView
from readiness.ui.exam.review_screen import ReviewScreen
from readiness.ui.exam.saving import SaveGuard
from readiness.ui.exam.scenario import ScenarioView
from readiness.ui.exam.texts import feedback_text
from readiness.ui.exam.widgets import MarkableText


class AnswerActions:
    run: ExamRun
    saving: SaveGuard
    tools: rules.Tools
    strict: bool
    codes_service: CodebookService
    pages: QStackedWidget
    question_page: QWidget
    review_page: ReviewScreen
    review_list: QListWidget
    content: QStackedWidget
    mc_view: ItemView
    stem: MarkableText
    select_hint: QLabel
    feedback: QLabel
    flag_button: QPushButton
    prev_button: QPushButton
    next_button: QPushButton
    _feedback_for: int | None

    def show_position(self, position: int, save: bool = True) -> None: ...  # the driver's
    def _show_flag(self, response: Any) -> None: ...

    @property
    def position(self) -> int:
        return self.run.position

    def _on_question(self) -> bool:
        return self.pages.currentWidget() is self.question_page and not self.run.finished

    def _item(self, index: int) -> MultipleChoiceItem | None:
        content = self.run.content(self.position) if self._on_question() else None
        if isinstance(content, MultipleChoiceItem) and index < len(content.options):
            return content
        return None

    def next(self) -> None:
        if self._on_question() and self.position < len(self.run) - 1:
            self.show_position(self.position + 1)

    def previous(self) -> None:
        if self._on_question() and self.position > 0:
            self.show_position(self.position - 1)

    def choose(self, index: int) -> None:
        item = self._item(index)
        if item is None:
            return
        picked = rules.pick(self.run.response(self.position).selected, index, item.select)
        if picked.chosen is None:  # as at the center: clear one before choosing another
            self.mc_view.show_item(item, self.run.response(self.position), self.strict)
            self.select_hint.setText(picked.message)
            return
        chosen = set(picked.chosen)
        saved = self.saving.attempt(f"your answer to question {self.position + 1}",
                                    lambda: self.run.select(self.position, chosen))
        if saved is None:
            return
        self.mc_view.show_item(item, saved, self.strict)
        if self.run.spec.tutor and rules.complete(saved.selected, item.select):
            self.show_feedback()

    def strike(self, index: int) -> None:
        item = self._item(index) if self.tools.strike else None
        if item is None:
            return
        struck = self.saving.attempt(f"the strike-out on question {self.position + 1}",
                                     lambda: self.run.toggle_strike(self.position, index))
        if struck is not None:
            self.mc_view.show_item(item, struck, self.strict)

    def _save_codes(self, question_id: str, codes: list[str]) -> None:
        if self.run.finished:
            return
        self.saving.attempt(f"the codes you typed on question {self.position + 1}",
                            lambda: self.run.set_codes(self.position, question_id, codes))

    def toggle_flag(self) -> None:
        if self._on_question():
            flagged = self.saving.attempt(f"the flag on question {self.position + 1}",
                                          lambda: self.run.toggle_flag(self.position))
            if flagged is not None:
                self._show_flag(flagged)

    def _markable(self) -> MarkableText:
        view = self.content.currentWidget()
        return view.record if isinstance(view, ScenarioView) else self.stem

    def toggle_highlight(self) -> None:
        if not self.tools.highlight or not self._on_question():
            return
        text = self._markable()
        selected = text.selection_range()
        if selected is None:
            return
        start, end = selected
        on = not text.inside_highlight(start, end)
        response = self.saving.attempt(
            f"the highlight on question {self.position + 1}",
            lambda: self.run.highlight(self.position, start, end, on=on))
        if response is None:
            return
        text.set_ranges(response.highlights)
        text.clear_selection()

    def clear_highlights(self) -> None:
        if self._on_question():
            cleared = self.saving.attempt(f"clearing the highlights on question "
                                          f"{self.position + 1}",
                                          lambda: self.run.clear_highlights(self.position))
            if cleared is not None:
                self._markable().set_ranges(cleared.highlights)

    def show_feedback(self) -> None:
        if self.run.spec.exam_rules:
            return
        result = self.run.feedback(self.position)
        content = self.run.content(self.position)
        titles: Mapping[CodeRef, str] = {}
        if isinstance(content, Scenario):  # the key with its titles, as the review shows it
            titles = self.codes_service.titles(
                a.code for q in content.questions for a in q.answers)
        self.feedback.setText(feedback_text(content, result, titles))
        self.feedback.show()
        self._feedback_for = self.position

    def show_review(self) -> None:
        if self.run.finished:
            return
        self.fill_review()
        self.pages.setCurrentWidget(self.review_page)
        # Previous / Next do nothing here: say so instead of offering dead buttons.
        self.prev_button.setEnabled(False)
        self.next_button.setEnabled(False)
        self.review_list.setFocus()

    def fill_review(self) -> None:
        self.review_page.fill()

    def jump_to(self, position: int) -> None:
        self.show_position(position)
