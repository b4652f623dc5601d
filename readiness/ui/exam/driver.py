"""The exam driver: one item per screen, as at the test center.

Everything the candidate does goes straight to the :class:`ExamRun`, which saves it
before returning; the screens are always drawn from the saved state.  The rules (clock,
pick limits, strict mode) are the core's (:mod:`readiness.core.exam.rules`); the screens
are their own widgets (item_view, scenario, review_screen, chrome).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from readiness.core import settings as prefs
from readiness.core.bank.models import Scenario
from readiness.core.errors import StorageEnvironmentError
from readiness.core.exam import rules
from readiness.core.exam.session import EndReason, Response
from readiness.services.exams import ExamRun, Review
from readiness.ui.codebook.first_use import ensure_code_sets
from readiness.ui.context import UiContext
from readiness.ui.exam.actions import AnswerActions
from readiness.ui.exam.chrome import Footer, Header, ToolRow
from readiness.ui.exam.clock_actions import ClockActions
from readiness.ui.exam.codes import CodeHelp
from readiness.ui.exam.helpers import ExamHelpers, apply_look
from readiness.ui.exam.item_view import MAX_OPTIONS, ItemView
from readiness.ui.exam.review_screen import ReviewScreen
from readiness.ui.exam.saving import SaveGuard
from readiness.ui.exam.scenario import ScenarioView
from readiness.ui.exam.texts import clock_text, code_label, feedback_text
from readiness.ui.exam.windows import bring_to_front, codebook_window_class, place_beside
from readiness.ui.faults import StoragePresenter

# Re-exported: results, the page and tests import them from here.
__all__ = ["ExamWindow", "ScenarioView", "bring_to_front", "clock_text", "code_label",
           "feedback_text", "place_beside"]

log = logging.getLogger(__name__)


class ExamWindow(AnswerActions, ClockActions, QWidget):
    """The driver.  ``finished`` carries the review when the attempt ends."""

    finished = Signal(object)
    left = Signal()

    def __init__(self, ctx: UiContext, run: ExamRun, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.run = run
        self.settings = ctx.workspace.settings
        self.strict = self.settings.get(prefs.EXAM_STRICT)
        self.tools = rules.Tools.for_mode(self.strict)
        # Titles in pick lists follow the setting (in every mode); the encoder line under
        # typed codes is off under exam rules, where the center's fields check format only.
        self.codes_service = ctx.workspace.codebook
        self.code_help = CodeHelp(self.codes_service,
                                  pick_titles=self.settings.get(prefs.EXAM_CODE_TITLES),
                                  encoder=not run.spec.exam_rules)
        self.codes_service.on_changed(self._codes_changed)
        self.setObjectName("examWindow")
        self.setWindowTitle(f"{run.title} — CCS Readiness")
        self.setAccessibleName("Exam driver")
        self._scenario_views: dict[str, ScenarioView] = {}
        self._warned = rules.already_warned(run.remaining())
        self._closing_done = False
        self._feedback_for: int | None = None
        self._submit_again_at: float | None = None
        self.helpers = ExamHelpers(ctx, self)
        self._build()
        self._shortcuts()
        apply_look(self, self.settings)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.resize(1200, 820)
        self.show_position(run.position, save=False)
        self.tick()
        # Build the scenario screens while the candidate reads the first item, so moving
        # to a scenario later costs no more than any other item.
        QTimer.singleShot(0, self._prebuild_scenarios)
        # First use of the code sets: build the bundled ICD-10-CM list in the background;
        # titles fill in when it is installed (see _codes_changed).
        QTimer.singleShot(0, self._ensure_code_sets)

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = header = Header(self.run.title, self.run.spec.time_limit_s is not None)
        self.title_label, self.counter_label = header.title_label, header.counter_label
        self.time_label, self.hide_time_button = header.time_label, header.hide_time_button
        self.hide_time_button.clicked.connect(self.toggle_clock)
        outer.addWidget(self.header)
        # Failed saves: one banner for the clock, Retry for answers (see exam/saving.py).
        self.save_banner = QLabel()
        self.save_banner.setObjectName("examSaveBanner")
        self.save_banner.setAccessibleName("Saving problem")
        self.save_banner.setWordWrap(True)
        self.save_banner.setStyleSheet("QLabel#examSaveBanner { background: #fff3cd; "
                                       "color: #3d2e00; padding: 6px; font-weight: 600; }")
        self.save_banner.hide()
        outer.addWidget(self.save_banner)
        self.saving = SaveGuard(StoragePresenter(self.ctx.dialogs), self, self.save_banner,
                                self._redraw, self.run.service.clock.monotonic)
        self.pages = QStackedWidget()
        self.pages.setAccessibleName("Exam screen")
        outer.addWidget(self.pages, 1)
        self.question_page = self._build_question_page()
        self.review_page = ReviewScreen(self.run)
        self.review_page.jump.connect(self.show_position)
        self.review_page.back.connect(lambda: self.show_position(self.run.position, save=False))
        self.review_filter, self.review_list = self.review_page.filter, self.review_page.list
        self.review_summary = self.review_page.summary
        self.review_go, self.review_back = self.review_page.go_button, self.review_page.back_button
        self.pause_page = QLabel("Paused. The clock is stopped.\nPress Resume to continue.")
        self.pause_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pause_page.setAccessibleName("Paused")
        for page in (self.question_page, self.review_page, self.pause_page):
            self.pages.addWidget(page)
        outer.addWidget(self._build_footer())

    def _build_question_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        bar = ToolRow(self.tools.highlight, codebook_window_class() is not None,
                      self.settings.get(prefs.EXAM_HIGH_CONTRAST))
        self.tool_row = bar
        self.flag_button, self.highlight_button = bar.flag_button, bar.highlight_button
        self.clear_highlight_button = bar.clear_highlight_button
        self.calculator_button, self.codebook_button = bar.calculator_button, bar.codebook_button
        self.zoom_out_button, self.zoom_in_button = bar.zoom_out_button, bar.zoom_in_button
        self.contrast_button = bar.contrast_button
        for button, slot in ((bar.flag_button, self.toggle_flag),
                             (bar.highlight_button, self.toggle_highlight),
                             (bar.clear_highlight_button, self.clear_highlights),
                             (bar.calculator_button, self.open_calculator),
                             (bar.codebook_button, self.open_codebook),
                             (bar.zoom_out_button, lambda: self.zoom(-10)),
                             (bar.zoom_in_button, lambda: self.zoom(10)),
                             (bar.contrast_button, self.toggle_contrast)):
            button.clicked.connect(slot)
        layout.addWidget(bar)
        self.content = QStackedWidget()
        self.content.setObjectName("examContent")
        layout.addWidget(self.content, 1)
        self.mc_view = ItemView()
        self.mc_view.chosen.connect(self.choose)
        self.mc_view.strike_toggled.connect(self.strike)
        self.stem, self.select_hint = self.mc_view.stem, self.mc_view.select_hint
        self.options = self.mc_view.options
        self.content.addWidget(self.mc_view)
        self.feedback = QLabel()
        self.feedback.setObjectName("examFeedback")
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setAccessibleName("Answer and rationale")
        self.feedback.hide()
        self.check_button = QPushButton("Check answer")
        self.check_button.setAccessibleName("Check answer")
        self.check_button.clicked.connect(self.show_feedback)
        self.check_button.setVisible(self.run.spec.tutor)
        layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.feedback)
        return page

    def _build_footer(self) -> Footer:
        footer = Footer(self.run.spec.can_pause)
        self.end_button, self.pause_button = footer.end_button, footer.pause_button
        self.prev_button, self.next_button = footer.prev_button, footer.next_button
        self.review_button = footer.review_button
        for button, slot in ((footer.end_button, self.end_exam),
                             (footer.pause_button, self.toggle_pause),
                             (footer.prev_button, self.previous),
                             (footer.review_button, self.show_review),
                             (footer.next_button, self.next)):
            button.clicked.connect(slot)
        return footer

    def _shortcuts(self) -> None:
        def add(keys: str, slot: Callable[[], object]) -> QShortcut:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)
            return shortcut

        for keys, slot in (("Alt+N", self.next), ("Alt+P", self.previous),
                           ("Ctrl+F", self.toggle_flag), ("Ctrl+R", self.show_review),
                           ("Ctrl+E", self.end_exam), ("Ctrl+K", self.open_calculator),
                           ("Ctrl++", lambda: self.zoom(10)), ("Ctrl+=", lambda: self.zoom(10)),
                           ("Ctrl+-", lambda: self.zoom(-10))):
            add(keys, slot)
        if self.tools.highlight:
            add("Ctrl+H", self.toggle_highlight)
        if self.codebook_button.isVisibleTo(self):
            add("Ctrl+B", self.open_codebook)
        self.option_keys: list[QShortcut] = []
        for index in range(MAX_OPTIONS):
            self.option_keys.append(add(chr(65 + index), partial(self.choose, index)))
            self.option_keys.append(add(str(index + 1), partial(self.choose, index)))
            if self.tools.strike:
                self.option_keys.append(add(f"Alt+{index + 1}", partial(self.strike, index)))

    # -- showing ----------------------------------------------------------------------------
    @property
    def calculator(self) -> QWidget | None:
        return self.helpers.calculator

    @property
    def codebook(self) -> QWidget | None:
        return self.helpers.codebook

    def show_position(self, position: int, save: bool = True) -> None:
        """Draw one item; ``save`` records the move (and marks it visited)."""
        if save:
            moved = self.saving.attempt(f"the move to question {position + 1}",
                                        lambda: self.run.go(position))
            if moved is None:
                return  # the screen stays where the store is
            response = moved
        else:
            response = self.run.response(position)
        self.counter_label.setText(f"Question {position + 1} of {len(self.run)}")
        content = self.run.content(position)
        scenario = isinstance(content, Scenario)
        if self.option_keys and self.option_keys[0].isEnabled() == scenario:
            for shortcut in self.option_keys:
                shortcut.setEnabled(not scenario)
        if isinstance(content, Scenario):
            view = self._scenario_view(content)
            view.show_response(response)
            self.content.setCurrentWidget(view)
        else:
            self.mc_view.show_item(content, response, self.strict)
            self.content.setCurrentWidget(self.mc_view)
        self._show_flag(response)
        self.prev_button.setEnabled(position > 0)
        self.next_button.setEnabled(position < len(self.run) - 1)
        if not self.feedback.isHidden():
            self.feedback.hide()
        self._feedback_for = None
        self.pages.setCurrentWidget(self.question_page)

    def _scenario_view(self, scenario: Scenario) -> ScenarioView:
        view = self._scenario_views.get(scenario.id)
        if view is None:
            view = ScenarioView(scenario, self._save_codes, self.code_help)
            self._scenario_views[scenario.id] = view
            self.content.addWidget(view)
        return view

    def _ensure_code_sets(self) -> None:
        if not self._closing_done:
            ensure_code_sets(self.ctx)

    def _codes_changed(self) -> None:
        for view in self._scenario_views.values():
            view.refresh_codes()

    def _prebuild_scenarios(self) -> None:
        current = self.content.currentWidget()
        focus = QApplication.focusWidget()
        built = False
        for position, entry in enumerate(self.run.form.entries):
            if entry.kind == "scenario" and entry.ref not in self._scenario_views:
                content = self.run.content(position)
                if isinstance(content, Scenario):
                    # Show it once, unpainted, so its layout and the record's text layout
                    # are done now rather than when the candidate reaches it.
                    self.content.setCurrentWidget(self._scenario_view(content))
                    QApplication.sendPostedEvents()
                    built = True
        if built and current is not None:
            self.content.setCurrentWidget(current)
            if focus is not None and focus.isVisible():
                focus.setFocus()
        if self._scenario_views and self.code_help.encoder:
            self.codes_service.warm()  # the first typed PCS code then answers at once

    def _show_flag(self, response: Response) -> None:
        self.flag_button.blockSignals(True)
        self.flag_button.setChecked(response.flagged)
        self.flag_button.blockSignals(False)
        self.flag_button.setText("Flagged ⚑" if response.flagged else "Flag for review")

    # -- helpers and look -------------------------------------------------------------------
    def open_calculator(self) -> None:
        self.helpers.open_calculator()

    def open_codebook(self) -> None:
        self.helpers.open_codebook()

    def zoom(self, step: int) -> None:
        value = prefs.EXAM_ZOOM.clamp(self.settings.get(prefs.EXAM_ZOOM) + step)
        self.settings.set(prefs.EXAM_ZOOM, value)
        apply_look(self, self.settings)
        self.stem.fit_height()

    def toggle_contrast(self) -> None:
        self.settings.set(prefs.EXAM_HIGH_CONTRAST, self.contrast_button.isChecked())
        apply_look(self, self.settings)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
                and self.isVisible()):  # a closed driver (its store may be closed) skips it
            apply_look(self, self.settings)  # light / dark switched while the exam is open

    # -- ending --------------------------------------------------------------------------------
    def end_exam(self) -> None:
        if self.run.finished:
            return
        session = self.run.session
        text = (f"You have {session.unanswered_count} unanswered and "
                f"{session.flagged_count} flagged question(s).\n\n"
                "End the exam now? You cannot change your answers afterwards.")
        if self.ctx.dialogs.confirm(self, "End exam", text):
            self._submit(EndReason.SUBMITTED)

    def _submit(self, reason: EndReason) -> None:
        self.timer.stop()
        finished = self.saving.attempt(
            "the end of your exam (it is still open, with every saved answer)",
            lambda: self.run.finish(reason))
        if finished is None:
            # Not submitted: keep the exam going; at time-up try again in a while, not
            # every second.
            self._submit_again_at = self.saving.monotonic() + 30.0
            self.timer.start()
            return
        review: Review = finished
        if reason is EndReason.TIME_UP:
            self.ctx.dialogs.inform(self, "Time is up",
                                    "The time is up. Your exam was submitted.")
        self._closing_done = True
        self.finished.emit(review)
        self.close()

    def shutdown(self) -> None:
        """Stop the clock updates and close without asking (the app is quitting)."""
        if self._closing_done:
            return
        self.timer.stop()
        if not self.run.finished:
            self._last_checkpoint()
        self._closing_done = True
        self.close()

    def _last_checkpoint(self) -> None:
        """The clock at closing; a failure costs at most the seconds since the last save."""
        try:
            self.run.checkpoint()
        except StorageEnvironmentError as error:
            log.warning("exam clock not saved at closing: %s", error)

    def _redraw(self) -> None:
        """After a failed save: show what the store holds."""
        if self.pages.currentWidget() is self.review_page:
            self.fill_review()
        elif self.pages.currentWidget() is self.question_page and not self.run.finished:
            self.show_position(self.run.position, save=False)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing_done or self.run.finished:
            self._close_helpers()
            event.accept()
            return
        if self.ctx.dialogs.confirm(
            self, "Leave the exam?",
            "Everything you have done is saved. You can resume this attempt from the "
            "Practice exam page with the same time remaining (the clock stops while the "
            "exam is closed, and the interruption is noted in the results).",
        ):
            self.timer.stop()
            self._last_checkpoint()
            self._closing_done = True
            self._close_helpers()
            self.left.emit()
            event.accept()
        else:
            event.ignore()

    def _close_helpers(self) -> None:
        self.codes_service.forget(self._codes_changed)
        self.helpers.close()
