"""The exam driver: one item per screen, as at the test center.

Everything the candidate does goes straight to the :class:`ExamRun`, which
saves it before returning; the screens are always drawn from the saved state.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from readiness.core import settings as prefs
from readiness.core.bank.models import CodeRef, MultipleChoiceItem, Scenario
from readiness.core.codes import SYSTEM_NAMES
from readiness.core.errors import StorageEnvironmentError
from readiness.core.exam.scoring import EntryResult
from readiness.core.exam.session import EndReason, Response
from readiness.services.exams import ExamRun, Review
from readiness.ui.codebook.first_use import ensure_code_sets
from readiness.ui.context import UiContext
from readiness.ui.exam.codes import CodeHelp
from readiness.ui.exam.placement import Frame, Rect, side_by_side
from readiness.ui.exam.saving import SaveGuard
from readiness.ui.exam.scenario import ScenarioView
from readiness.ui.exam.widgets import CalculatorDialog, MarkableText, OptionRow
from readiness.ui.faults import StoragePresenter

log = logging.getLogger(__name__)

MAX_OPTIONS = 6
WARN_AT_S = 30 * 60
SHOW_CLOCK_AT_S = 5 * 60

HIGH_CONTRAST = """
QWidget#examWindow, QWidget#examWindow QWidget { background-color: #000000; color: #ffffff; }
QWidget#examWindow QPushButton, QWidget#examWindow QToolButton, QWidget#examWindow QComboBox,
QWidget#examWindow QLineEdit {
    border: 2px solid #ffff00; padding: 4px 8px; color: #ffffff; background-color: #000000; }
QWidget#examWindow QPushButton:focus, QWidget#examWindow QToolButton:focus,
QWidget#examWindow QLineEdit:focus { border: 3px solid #00ffff; }
QWidget#examWindow QToolButton:checked { background-color: #ffff00; color: #000000; }
QWidget#examWindow QTextEdit, QWidget#examWindow QListWidget { border: 1px solid #ffffff; }
QWidget#examWindow QLabel#examProblem { color: #ff8080; }
QWidget#examWindow QPushButton:checked { background-color: #ffff00; color: #000000; }
QWidget#examWindow QPushButton:disabled, QWidget#examWindow QToolButton:disabled {
    border: 2px dashed #808080; color: #808080; }
QWidget#examWindow QRadioButton::indicator, QWidget#examWindow QCheckBox::indicator {
    width: 14px; height: 14px; border: 2px solid #ffffff; background-color: #000000; }
QWidget#examWindow QRadioButton::indicator { border-radius: 9px; }
QWidget#examWindow QRadioButton::indicator:checked,
QWidget#examWindow QCheckBox::indicator:checked { background-color: #ffff00; }
"""
NORMAL = """
QFrame#examHeader { background-color: #1f3a5f; }
QFrame#examHeader QLabel { color: #ffffff; font-weight: 600; }
QFrame#examHeader QPushButton { padding: 2px 10px; }
QLabel#examFeedback { border: 1px solid palette(mid); padding: 6px; }
"""


def code_label(ref_text: str) -> str:
    system, _, code = ref_text.partition(":")
    return f"{code}  ({SYSTEM_NAMES.get(system, system)})"  # type: ignore[call-overload]


def codebook_window_class() -> Any | None:
    """The code book window from its branch, or None when it is not part of this build."""
    try:
        module = importlib.import_module("readiness.ui.codebook.window")
    except ImportError:
        return None
    return getattr(module, "CodeBookWindow", None)


class ExamWindow(QWidget):
    """The driver.  ``finished`` carries the review when the attempt ends."""

    finished = Signal(object)
    left = Signal()

    def __init__(self, ctx: UiContext, run: ExamRun, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.run = run
        self.settings = ctx.workspace.settings
        self.strict = self.settings.get(prefs.EXAM_STRICT)
        # Titles in pick lists follow the setting (in every mode); the encoder line under
        # typed codes is off under exam rules, where the center's fields check format only.
        self.codes_service = ctx.workspace.codebook
        self.code_help = CodeHelp(
            self.codes_service,
            pick_titles=self.settings.get(prefs.EXAM_CODE_TITLES),
            encoder=not run.spec.exam_rules,
        )
        self.codes_service.on_changed(self._codes_changed)
        self.setObjectName("examWindow")
        self.setWindowTitle(f"{run.title} — CCS Readiness")
        self.setAccessibleName("Exam driver")
        self._scenario_views: dict[str, ScenarioView] = {}
        self._warned = (run.remaining() or WARN_AT_S + 1) <= WARN_AT_S
        self._closing_done = False
        self._feedback_for: int | None = None
        self.calculator: CalculatorDialog | None = None
        self.codebook: QWidget | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_header())
        # Failed saves: one banner for the clock, Retry for answers (see exam/saving.py).
        self.save_banner = QLabel()
        self.save_banner.setObjectName("examSaveBanner")
        self.save_banner.setAccessibleName("Saving problem")
        self.save_banner.setWordWrap(True)
        self.save_banner.setStyleSheet("QLabel#examSaveBanner { background: #fff3cd; "
                                       "color: #3d2e00; padding: 6px; font-weight: 600; }")
        self.save_banner.hide()
        outer.addWidget(self.save_banner)
        self.saving = SaveGuard(StoragePresenter(ctx.dialogs), self, self.save_banner,
                                self._redraw, run.service.clock.monotonic)
        self._submit_again_at: float | None = None
        self.pages = QStackedWidget()
        self.pages.setAccessibleName("Exam screen")
        outer.addWidget(self.pages, 1)
        self.question_page = self._build_question_page()
        self.review_page = self._build_review_page()
        self.pause_page = QLabel("Paused. The clock is stopped.\nPress Resume to continue.")
        self.pause_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pause_page.setAccessibleName("Paused")
        for page in (self.question_page, self.review_page, self.pause_page):
            self.pages.addWidget(page)
        outer.addWidget(self._build_footer())
        self._shortcuts()
        self._apply_look()

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
    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("examHeader")
        row = QHBoxLayout(header)
        self.title_label = QLabel(self.run.title)
        self.title_label.setAccessibleName("Exam title")
        self.counter_label = QLabel()
        self.counter_label.setAccessibleName("Question number")
        self.time_label = QLabel()
        self.time_label.setAccessibleName("Time remaining")
        self.hide_time_button = QPushButton("Hide time")
        self.hide_time_button.setAccessibleName("Hide or show the time remaining")
        self.hide_time_button.clicked.connect(self.toggle_clock)
        row.addWidget(self.title_label, 1)
        row.addWidget(self.counter_label)
        row.addSpacing(24)
        row.addWidget(self.time_label)
        row.addWidget(self.hide_time_button)
        if self.run.spec.time_limit_s is None:
            self.hide_time_button.hide()
        return header

    def _build_question_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        tools = QHBoxLayout()
        self.flag_button = QPushButton("Flag for review")
        self.flag_button.setCheckable(True)
        self.flag_button.setAccessibleName("Flag for review")
        self.flag_button.setToolTip("Flag this question for review (Ctrl+F)")
        self.flag_button.clicked.connect(self.toggle_flag)
        self.highlight_button = QPushButton("Highlight")
        self.highlight_button.setAccessibleName("Highlight the selected text")
        self.highlight_button.setToolTip("Highlight the selected text, or remove it (Ctrl+H)")
        self.highlight_button.clicked.connect(self.toggle_highlight)
        self.clear_highlight_button = QPushButton("Clear highlights")
        self.clear_highlight_button.setAccessibleName("Clear highlights")
        self.clear_highlight_button.clicked.connect(self.clear_highlights)
        self.highlight_button.setVisible(not self.strict)
        self.clear_highlight_button.setVisible(not self.strict)
        self.calculator_button = QPushButton("Calculator")
        self.calculator_button.setAccessibleName("Calculator")
        self.calculator_button.clicked.connect(self.open_calculator)
        self.codebook_button = QPushButton("Code book")
        self.codebook_button.setAccessibleName("Open the code book")
        self.codebook_button.setToolTip("Open the code book beside the exam (Ctrl+B)")
        self.codebook_button.clicked.connect(self.open_codebook)
        self.codebook_button.setVisible(codebook_window_class() is not None)
        self.zoom_out_button = QPushButton("A−")
        self.zoom_out_button.setAccessibleName("Smaller text")
        self.zoom_out_button.clicked.connect(lambda: self.zoom(-10))
        self.zoom_in_button = QPushButton("A+")
        self.zoom_in_button.setAccessibleName("Larger text")
        self.zoom_in_button.clicked.connect(lambda: self.zoom(10))
        self.contrast_button = QPushButton("High contrast")
        self.contrast_button.setCheckable(True)
        self.contrast_button.setAccessibleName("High contrast")
        self.contrast_button.setChecked(self.settings.get(prefs.EXAM_HIGH_CONTRAST))
        self.contrast_button.clicked.connect(self.toggle_contrast)
        for widget in (self.flag_button, self.highlight_button, self.clear_highlight_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        for widget in (self.calculator_button, self.codebook_button, self.zoom_out_button,
                       self.zoom_in_button, self.contrast_button):
            tools.addWidget(widget)
        layout.addLayout(tools)

        self.content = QStackedWidget()
        self.content.setObjectName("examContent")
        layout.addWidget(self.content, 1)
        # Multiple-choice screen: built once, refilled per item.
        self.mc_view = QWidget()
        mc = QVBoxLayout(self.mc_view)
        self.stem = MarkableText("Question text", auto_fit=True)
        self.stem.setMinimumHeight(120)
        mc.addWidget(self.stem, 2)
        self.select_hint = QLabel()
        self.select_hint.setAccessibleName("How many to select")
        mc.addWidget(self.select_hint)
        self.options: list[OptionRow] = []
        for index in range(MAX_OPTIONS):
            row = OptionRow(index)
            row.chosen.connect(self.choose)
            row.strike_toggled.connect(self.strike)
            mc.addWidget(row)
            self.options.append(row)
        mc.addStretch(1)
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

    def _build_review_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        heading = QLabel("Review")
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        row = QHBoxLayout()
        label = QLabel("&Show:")
        self.review_filter = QComboBox()
        self.review_filter.addItem("All questions", "all")
        self.review_filter.addItem("Unanswered", "unanswered")
        self.review_filter.addItem("Flagged", "flagged")
        self.review_filter.setAccessibleName("Show which questions")
        label.setBuddy(self.review_filter)
        self.review_filter.currentIndexChanged.connect(self.fill_review)
        self.review_summary = QLabel()
        self.review_summary.setAccessibleName("Review summary")
        row.addWidget(label)
        row.addWidget(self.review_filter)
        row.addSpacing(16)
        row.addWidget(self.review_summary, 1)
        layout.addLayout(row)
        self.review_list = QListWidget()
        self.review_list.setAccessibleName("Questions to review")
        # Columns that wrap, like the test center's review grid.
        self.review_list.setFlow(QListView.Flow.TopToBottom)
        self.review_list.setWrapping(True)
        self.review_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.review_list.setSpacing(2)
        self.review_list.itemActivated.connect(self._review_jump)
        layout.addWidget(self.review_list, 1)
        buttons = QHBoxLayout()
        self.review_go = QPushButton("Go to question")
        self.review_go.setAccessibleName("Go to the selected question")
        self.review_go.clicked.connect(
            lambda: self._review_jump(self.review_list.currentItem()))
        self.review_back = QPushButton("Return to question")
        self.review_back.setAccessibleName("Return to the current question")
        self.review_back.clicked.connect(lambda: self.show_position(self.run.position, save=False))
        buttons.addWidget(self.review_go)
        buttons.addWidget(self.review_back)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _build_footer(self) -> QFrame:
        footer = QFrame()
        footer.setObjectName("examFooter")
        row = QHBoxLayout(footer)
        self.end_button = QPushButton("End exam")
        self.end_button.setAccessibleName("End exam")
        self.end_button.clicked.connect(self.end_exam)
        self.pause_button = QPushButton("Pause")
        self.pause_button.setAccessibleName("Pause or resume the clock")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.pause_button.setVisible(self.run.spec.can_pause)
        self.prev_button = QPushButton("◀ Previous")
        self.prev_button.setAccessibleName("Previous question")
        self.prev_button.setToolTip("Previous question (Alt+P)")
        self.prev_button.clicked.connect(self.previous)
        self.review_button = QPushButton("Review")
        self.review_button.setAccessibleName("Review screen")
        self.review_button.setToolTip("All, unanswered and flagged questions (Ctrl+R)")
        self.review_button.clicked.connect(self.show_review)
        self.next_button = QPushButton("Next ▶")
        self.next_button.setAccessibleName("Next question")
        self.next_button.setToolTip("Next question (Alt+N)")
        self.next_button.clicked.connect(self.next)
        row.addWidget(self.end_button)
        row.addWidget(self.pause_button)
        row.addStretch(1)
        for widget in (self.prev_button, self.review_button, self.next_button):
            row.addWidget(widget)
        return footer

    def _shortcuts(self) -> None:
        def add(keys: str, slot: Callable[[], object]) -> QShortcut:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)
            return shortcut

        add("Alt+N", self.next)
        add("Alt+P", self.previous)
        add("Ctrl+F", self.toggle_flag)
        add("Ctrl+R", self.show_review)
        add("Ctrl+E", self.end_exam)
        add("Ctrl+K", self.open_calculator)
        add("Ctrl++", lambda: self.zoom(10))
        add("Ctrl+=", lambda: self.zoom(10))
        add("Ctrl+-", lambda: self.zoom(-10))
        if not self.strict:
            add("Ctrl+H", self.toggle_highlight)
        if self.codebook_button.isVisibleTo(self):
            add("Ctrl+B", self.open_codebook)
        self.option_keys: list[QShortcut] = []
        for index in range(MAX_OPTIONS):
            letter = chr(65 + index)
            self.option_keys.append(add(letter, partial(self.choose, index)))
            self.option_keys.append(add(str(index + 1), partial(self.choose, index)))
            if not self.strict:
                self.option_keys.append(add(f"Alt+{index + 1}", partial(self.strike, index)))

    # -- showing ----------------------------------------------------------------------------
    @property
    def position(self) -> int:
        return self.run.position

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
        entry = self.run.form.entries[position]
        self.counter_label.setText(f"Question {position + 1} of {len(self.run)}")
        content = self.run.content(position)
        scenario = entry.kind == "scenario"
        if self.option_keys and self.option_keys[0].isEnabled() == scenario:
            for shortcut in self.option_keys:
                shortcut.setEnabled(not scenario)
        if isinstance(content, Scenario):
            view = self._scenario_view(content)
            view.show_response(response)
            self.content.setCurrentWidget(view)
        else:
            self._show_item(content, response)
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

    def _show_item(self, item: MultipleChoiceItem, response: Response) -> None:
        if self.stem.toPlainText() != item.stem:
            self.stem.setPlainText(item.stem)
            self.stem.fit_height()
        self.stem.set_ranges(response.highlights)
        multiple = item.select > 1
        self.select_hint.setText(f"Select {item.select}." if multiple else "Select one.")
        for index, row in enumerate(self.options):
            if index < len(item.options):
                row.show_option(item.options[index].text, multiple, index in response.selected,
                                index in response.struck, self.strict)
                if row.isHidden():
                    row.show()
            elif not row.isHidden():
                row.hide()

    def _show_flag(self, response: Response) -> None:
        self.flag_button.blockSignals(True)
        self.flag_button.setChecked(response.flagged)
        self.flag_button.blockSignals(False)
        self.flag_button.setText("Flagged ⚑" if response.flagged else "Flag for review")

    # -- actions ------------------------------------------------------------------------------
    def _on_question(self) -> bool:
        return self.pages.currentWidget() is self.question_page and not self.run.finished

    def next(self) -> None:
        if self._on_question() and self.position < len(self.run) - 1:
            self.show_position(self.position + 1)

    def previous(self) -> None:
        if self._on_question() and self.position > 0:
            self.show_position(self.position - 1)

    def choose(self, index: int) -> None:
        if not self._on_question():
            return
        content = self.run.content(self.position)
        if not isinstance(content, MultipleChoiceItem) or index >= len(content.options):
            return
        current = set(self.run.response(self.position).selected)
        chosen = {index} if content.select == 1 else current ^ {index}
        if len(chosen) > content.select:  # as at the center: clear one before choosing another
            self._show_item(content, self.run.response(self.position))
            self.select_hint.setText(f"Select {content.select}. You have chosen "
                                     f"{content.select}: clear one to choose another.")
            return
        saved = self.saving.attempt(f"your answer to question {self.position + 1}",
                                    lambda: self.run.select(self.position, chosen))
        if saved is None:
            return
        response = saved
        self._show_item(content, response)
        if self.run.spec.tutor and len(response.selected) == content.select:
            self.show_feedback()

    def strike(self, index: int) -> None:
        if self.strict or not self._on_question():
            return
        content = self.run.content(self.position)
        if not isinstance(content, MultipleChoiceItem) or index >= len(content.options):
            return
        struck = self.saving.attempt(f"the strike-out on question {self.position + 1}",
                                     lambda: self.run.toggle_strike(self.position, index))
        if struck is not None:
            self._show_item(content, struck)

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
        if self.strict or not self._on_question():
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
        result: EntryResult = self.run.feedback(self.position)
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
        which = str(self.review_filter.currentData())
        self.review_list.clear()
        for position in self.run.session.positions(which):
            response = self.run.response(position)
            entry = self.run.form.entries[position]
            status = "Answered" if response.answered else "Unanswered"
            kind = "Scenario" if entry.kind == "scenario" else "Question"
            text = f"{position + 1:>3}. {kind} — {status}" + ("  ⚑ Flagged" if response.flagged
                                                              else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, position)
            self.review_list.addItem(item)
        if self.review_list.count():
            self.review_list.setCurrentRow(0)
        self.review_summary.setText(
            f"{len(self.run)} questions · {self.run.session.unanswered_count} unanswered · "
            f"{self.run.session.flagged_count} flagged"
        )

    def _review_jump(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_position(int(item.data(Qt.ItemDataRole.UserRole)))

    def jump_to(self, position: int) -> None:
        self.show_position(position)

    def open_calculator(self) -> None:
        if self.calculator is None:
            self.calculator = CalculatorDialog(self)
        self.calculator.show()
        bring_to_front(self.calculator)
        self.calculator.display.setFocus()

    def open_codebook(self) -> None:
        cls = codebook_window_class()
        if cls is None:
            return
        if self.codebook is None:
            self.codebook = cls(self.ctx)
            assert self.codebook is not None
            place_beside(self, self.codebook)
        assert self.codebook is not None
        self.codebook.show()
        bring_to_front(self.codebook)

    def zoom(self, step: int) -> None:
        value = prefs.EXAM_ZOOM.clamp(self.settings.get(prefs.EXAM_ZOOM) + step)
        self.settings.set(prefs.EXAM_ZOOM, value)
        self._apply_look()
        self.stem.fit_height()

    def toggle_contrast(self) -> None:
        self.settings.set(prefs.EXAM_HIGH_CONTRAST, self.contrast_button.isChecked())
        self._apply_look()

    def _apply_look(self) -> None:
        zoom = self.settings.get(prefs.EXAM_ZOOM)
        high = self.settings.get(prefs.EXAM_HIGH_CONTRAST)
        # Style sheets stop ordinary font propagation, so the size is a style rule too.
        size = max(8.0, QApplication.font().pointSizeF()) * zoom / 100.0
        # Problems (format, header, invalid code) in a red that reads on the palette.
        # (The application's palette: this window's own is reset by its style sheet.)
        dark = QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        problem = f"\nQLabel#examProblem {{ color: {'#ff8a80' if dark else '#b00020'}; }}"
        sheet = ((HIGH_CONTRAST if high else NORMAL + problem)
                 + f"\nQWidget#examWindow, QWidget#examWindow QWidget "
                 f"{{ font-size: {size:.1f}pt; }}"
                 f"\nQWidget#examWindow QLabel#pageTitle "
                 f"{{ font-size: {size * 1.6:.1f}pt; font-weight: 600; }}")
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
                and self.isVisible()):  # a closed driver (its store may be closed) skips it
            self._apply_look()  # light / dark switched while the exam is open

    def toggle_clock(self) -> None:
        self.saving.attempt("hiding or showing the clock",
                            lambda: self.run.set_clock_hidden(not self.run.clock_hidden))
        self.tick()

    def toggle_pause(self) -> None:
        if not self.run.spec.can_pause:
            return
        if self.run.paused:
            self.saving.attempt("resuming the clock", self.run.unpause)
            if self.run.paused:
                return
            self.pause_button.setText("Pause")
            self.show_position(self.run.position, save=False)
        else:
            self.saving.attempt("pausing the clock", self.run.pause)
            if not self.run.paused:
                return
            self.pause_button.setText("Resume")
            self.pages.setCurrentWidget(self.pause_page)
            self.prev_button.setEnabled(False)
            self.next_button.setEnabled(False)

    def tick(self) -> None:
        """Once a second: save the clock, update it, warn, and submit at zero."""
        if self.run.finished:
            return
        self.saving.checkpoint(self.run.checkpoint)  # a failure: one banner, not a dialog
        remaining = self.run.remaining()
        if remaining is None:
            self.time_label.setText(f"Time used {clock_text(self.run.elapsed())}")
            return
        if self.run.clock_hidden and remaining <= SHOW_CLOCK_AT_S:
            self.saving.checkpoint(lambda: self.run.set_clock_hidden(False))
        hidden = self.run.clock_hidden
        self.time_label.setText("Time hidden" if hidden
                                else f"Time remaining {clock_text(remaining)}")
        self.hide_time_button.setText("Show time" if hidden else "Hide time")
        if remaining <= 0:
            again = self._submit_again_at
            if again is None or self.saving.monotonic() >= again:
                self._submit(EndReason.TIME_UP)
            return
        if not self._warned and remaining <= WARN_AT_S:
            self._warned = True
            self.ctx.dialogs.inform(self, "30 minutes left",
                                    "You have 30 minutes left. The exam ends by itself at zero "
                                    "and what you have answered is scored.")

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
        for helper in (self.calculator, self.codebook):
            if helper is not None:
                helper.close()


def place_beside(driver: QWidget, other: QWidget, available: QRect | None = None) -> None:
    """The exam on the left, ``other`` (the code book) on the right, both with their frames
    inside the screen's free area and neither under the other (placement.side_by_side).
    Halves did not do: the exam's minimum width is more than half of 1366 px, so it grew
    under the code book, which ran off the screen.  Too small a screen: left alone."""
    area = available if available is not None else driver.screen().availableGeometry()
    outer, inner = driver.frameGeometry(), driver.geometry()  # the window manager's frame
    frame = Frame(inner.left() - outer.left(), inner.top() - outer.top(),
                  outer.right() - inner.right(), outer.bottom() - inner.bottom())
    rects = side_by_side(Rect(area.x(), area.y(), area.width(), area.height()),
                         driver.minimumSizeHint().width(), other.minimumSizeHint().width(),
                         frame)
    if rects is None:
        return
    if driver.isMaximized() or driver.isFullScreen():
        driver.showNormal()
    for window, r in zip((driver, other), rects, strict=True):
        window.setGeometry(r.x, r.y, r.w, r.h)


def bring_to_front(window: QWidget) -> None:
    # The offscreen platform (tests, CI) cannot raise windows and warns if asked.
    if QGuiApplication.platformName() != "offscreen":
        window.raise_()
        window.activateWindow()


def clock_text(seconds: float) -> str:
    whole = int(seconds + 0.999) if seconds > 0 else 0
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def feedback_text(content: MultipleChoiceItem | Scenario, result: EntryResult,
                  titles: Mapping[CodeRef, str] | None = None) -> str:
    verdict = {"correct": "Correct.", "partial": "Partly correct.", "incorrect": "Incorrect.",
               "unanswered": "Not answered yet.", "unscored": ""}[result.status]
    lines = [f"{verdict} ({result.earned:g} of {result.possible:g} points)"]
    if isinstance(content, MultipleChoiceItem):
        keys = ", ".join(chr(65 + k) for k in content.key)
        lines.append(f"Answer: {keys}")
        lines.append(content.rationale)
        if content.references:
            lines.append("Reference: " + "; ".join(content.references))
    else:
        for question, score in zip(content.questions, result.questions, strict=False):
            key = ", ".join(a.code.code + (f" ({titles[a.code]})" if titles and a.code in titles
                                           else "") for a in question.answers)
            lines.append(f"{question.prompt} Key: {key} ({score.earned:g} of "
                         f"{score.possible:g}). {question.rationale}")
    return "\n".join(lines)
