"""The practice-exam page: choose a mode and a blueprint, resume, see results and history."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QFrame,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from readiness.core import settings as prefs
from readiness.core.bank.models import Bank
from readiness.core.blueprint import Blueprint
from readiness.core.errors import UserError
from readiness.core.exam.forms import FormSpec, Mode, full_mock_spec
from readiness.services.exams import ExamRun, Review
from readiness.ui.context import UiContext
from readiness.ui.exam.attempts import AttemptActions, resume_text
from readiness.ui.exam.driver import ExamWindow, bring_to_front
from readiness.ui.exam.results import ResultsView
from readiness.ui.exam.review_panel import ReviewDuePanel
from readiness.ui.exam.start_boxes import (
    BlueprintBox,
    HistoryBox,
    ModeBox,
    OptionsBox,
    ResumeBox,
    StartControls,
    fit_columns,
)
from readiness.ui.exam.trend import TrendPlot
from readiness.ui.heading import page_title

__all__ = ["ExamPage", "resume_text"]  # resume_text: tests and older callers


class ExamPage(AttemptActions, QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.exams = ctx.workspace.exams
        self.window_: ExamWindow | None = None
        self._offered = False
        self._bank_loaded = False
        self.setAccessibleName("Practice exam")
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.start_view = self._build_start()
        self.results = ResultsView(ctx.workspace.codebook, ctx.tasks)
        self.results.back.connect(self.show_start)
        self.results.retry.connect(self.start_retry)
        self.stack.addWidget(self.start_view)
        self.stack.addWidget(self.results)
        self.refresh()

    # -- building ------------------------------------------------------------------------------
    def _build_start(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        scroll.setWidget(body)
        outer = QVBoxLayout(body)
        outer.addWidget(page_title("Practice exam"))
        self.resume_box = ResumeBox()
        self.resume_label = self.resume_box.label
        self.resume_button, self.discard_button = (self.resume_box.resume_button,
                                                   self.resume_box.discard_button)
        self.resume_button.clicked.connect(self.resume_latest)
        self.discard_button.clicked.connect(self.discard_latest)
        outer.addWidget(self.resume_box)
        # Side by side when the page is wide enough, one above the other when not
        # (see _fit_columns): a clipped right column cannot be scrolled to.
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        outer.addLayout(self.columns, 1)
        left, right = QVBoxLayout(), QVBoxLayout()
        self.columns.addLayout(left, 1)
        self.columns.addLayout(right, 1)
        self._left_column, self._right_column = left, right
        right.addWidget(self._build_blueprint_box())
        left.addWidget(self._build_mode_box())
        left.addWidget(self._build_options_box())
        left.addWidget(self._build_start_controls())
        left.addStretch(1)
        right.addWidget(self._build_history_box(), 1)
        return scroll

    def _build_blueprint_box(self) -> BlueprintBox:
        box = self.blueprint_box = BlueprintBox()
        self.blueprint_combo, self.copy_button = box.combo, box.copy_button
        self.blueprint_info, self.domain_table = box.info, box.domain_table
        self.sources_label = box.sources_label
        self.blueprint_combo.currentIndexChanged.connect(self._show_blueprint)
        self.copy_button.clicked.connect(self.copy_blueprint)
        return box

    def _build_mode_box(self) -> ModeBox:
        box = ModeBox()
        self.mode_group, self.mode_buttons = box.group, box.buttons
        for button in self.mode_buttons.values():
            button.toggled.connect(self._mode_changed)
        self.review_panel = ReviewDuePanel(self.ctx.workspace.review,  # under its radio (last)
                                           self.ctx.workspace.date_style)
        box.layout_.addWidget(self.review_panel)
        self.mode_buttons[Mode.FULL].setChecked(True)
        return box

    def _build_options_box(self) -> OptionsBox:
        box = self.options_box = OptionsBox()
        self.domain_checks: dict[str, QCheckBox] = {}
        self.domain_column, self.kind_checks = box.domain_column, box.kind_checks
        self.count_spin, self.scenario_spin = box.count_spin, box.scenario_spin
        self.timed_check, self.minutes_spin = box.timed_check, box.minutes_spin
        self.tutor_check = box.tutor_check
        return box

    def _build_start_controls(self) -> StartControls:
        settings = self.ctx.workspace.settings
        box = StartControls(settings.get(prefs.EXAM_STRICT), settings.get(prefs.EXAM_CODE_TITLES))
        self.strict_check, self.code_titles_check = box.strict_check, box.code_titles_check
        self.seed_edit, self.start_button = box.seed_edit, box.start_button
        self.bank_label = box.bank_label
        self.strict_check.toggled.connect(
            lambda on: settings.set(prefs.EXAM_STRICT, bool(on)))
        self.code_titles_check.toggled.connect(
            lambda on: settings.set(prefs.EXAM_CODE_TITLES, bool(on)))
        self.start_button.clicked.connect(self.start_selected)
        return box

    def _build_history_box(self) -> HistoryBox:
        box = HistoryBox()
        # The chart (pyqtgraph, ~0.5 s to import) is built once the page is on screen.
        self._history_layout = box.layout_
        self._trend: TrendPlot | None = None
        self._trend_values: tuple[list[float], float] = ([], 70.0)
        self.trend_placeholder = box.trend_placeholder
        self.history_table = box.table
        self.open_button, self.delete_button = box.open_button, box.delete_button
        self.history_table.cellActivated.connect(lambda row, _col: self.open_history(row))
        self.open_button.clicked.connect(lambda: self.open_history(
            self.history_table.currentRow()))
        self.delete_button.clicked.connect(self.delete_selected)
        return box

    def _set_tab_order(self) -> None:
        """Tab follows the page as read: mode and options, Start, then blueprint and history.

        Called again whenever the domain check boxes are rebuilt: new widgets would
        otherwise join the end of the chain, after the history buttons.
        """
        chain: list[QWidget] = [
            self.resume_button, self.discard_button, *self.mode_buttons.values(),
            *self.domain_checks.values(), *self.kind_checks.values(), self.count_spin,
            self.scenario_spin, self.timed_check, self.minutes_spin, self.tutor_check,
            self.strict_check, self.seed_edit, self.start_button, self.blueprint_combo,
            self.copy_button, self.domain_table, self.history_table, self.open_button,
            self.delete_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- state ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.blueprint_combo.currentData()
        self.blueprint_combo.blockSignals(True)
        self.blueprint_combo.clear()
        self._blueprints: dict[str, Blueprint] = {}
        for blueprint in self.exams.blueprints():
            self._blueprints[blueprint.id] = blueprint
            badge = " · estimated weights" if blueprint.any_estimate else ""
            self.blueprint_combo.addItem(f"{blueprint.title}{badge}", blueprint.id)
        default = current or "ccs-candidate-guide"
        index = self.blueprint_combo.findData(default)
        self.blueprint_combo.setCurrentIndex(max(index, 0))
        self.blueprint_combo.blockSignals(False)
        self._show_blueprint()
        self._mode_changed()
        self._refresh_resume()
        self._refresh_history()
        self.review_panel.refresh(check_bank=self._bank_loaded)  # the first time: not read yet
        if not self._bank_loaded:
            # First time: read the bank on a worker so the page appears at once.
            self._bank_loaded = True
            self.bank_label.setText("Reading the question bank…")
            self.ctx.tasks.run(lambda _progress: self.exams.bank(), self._show_bank,
                               self._bank_failed, label="Reading the question bank",
                               owner=self)
            return
        try:
            self._show_bank(self.exams.bank())
        except UserError as error:
            self._bank_failed(error)

    @property
    def trend(self) -> TrendPlot:
        if self._trend is None:
            self._trend = TrendPlot()
            index = self._history_layout.indexOf(self.trend_placeholder)
            self._history_layout.insertWidget(index, self._trend)
            self.trend_placeholder.hide()
            self._trend.set_points(*self._trend_values)
        return self._trend

    def _build_trend(self) -> None:
        if shiboken6.isValid(self):
            self.trend  # noqa: B018 - builds the chart

    def _show_bank(self, bank: Bank) -> None:
        self.bank_label.setText(
            f"Question bank: {len(bank.items)} multiple-choice items and "
            f"{len(bank.scenarios)} scenarios."
            + (" A mock exam uses what the bank holds and says so when it has fewer."
               if len(bank.items) < 105 else "")
            + ("\nBlueprint files skipped: " + "; ".join(self.exams.blueprint_problems)
               if self.exams.blueprint_problems else "")
        )

    def _bank_failed(self, error: UserError) -> None:
        self.bank_label.setText(f"The question bank cannot be read: {error}")

    def blueprint(self) -> Blueprint:
        return self._blueprints[str(self.blueprint_combo.currentData())]

    def _show_blueprint(self) -> None:
        if not self._blueprints:
            return
        bp = self.blueprint()
        self.blueprint_box.show_blueprint(bp)
        # Domain check boxes follow the blueprint.
        if tuple(self.domain_checks) == bp.domain_ids:
            for domain in bp.domains:
                self.domain_checks[domain.id].setText(domain.name)
            self._mode_changed()
            return
        for check in self.domain_checks.values():
            self.domain_column.removeWidget(check)
            check.hide()
            check.deleteLater()
        self.domain_checks = {}
        for domain in bp.domains:
            check = QCheckBox(domain.name)
            check.setAccessibleName(f"Domain {domain.name}")
            check.setChecked(True)
            self.domain_checks[domain.id] = check
            self.domain_column.addWidget(check)
        self._set_tab_order()
        self._mode_changed()

    def mode(self) -> Mode:
        for mode, button in self.mode_buttons.items():
            if button.isChecked():
                return mode
        return Mode.FULL

    def _mode_changed(self) -> None:
        if not hasattr(self, "options_box"):
            return
        mode = self.mode()
        self.options_box.setEnabled(mode not in (Mode.FULL, Mode.REVIEW))
        self.review_panel.set_active(mode is Mode.REVIEW)
        custom = mode is Mode.CUSTOM
        for check in (*self.domain_checks.values(), *self.kind_checks.values()):
            check.setEnabled(custom)
        self.count_spin.setEnabled(custom)
        self.scenario_spin.setEnabled(mode in (Mode.CUSTOM, Mode.SCENARIOS))

    def _seed(self) -> int:
        text = self.seed_edit.text().strip()
        if not text:
            return self.exams.new_seed()
        if not text.isdigit():
            raise UserError("the seed must be a whole number (or blank for a random form)",
                            where="Seed")
        return int(text)

    def build_spec(self) -> FormSpec:
        bp = self.blueprint()
        mode = self.mode()
        seed = self._seed()
        if mode is Mode.FULL:
            return full_mock_spec(bp, seed)
        if mode is Mode.REVIEW:
            return self.review_panel.spec(bp.id, seed)
        limit = self.minutes_spin.value() * 60.0 if self.timed_check.isChecked() else None
        tutor = self.tutor_check.isChecked()
        if mode is Mode.RETRY:
            spec = self.exams.retry_spec(bp.id, seed)
            return replace(spec, time_limit_s=limit, tutor=tutor)
        if mode is Mode.SCENARIOS:
            return FormSpec(mode=mode, blueprint_id=bp.id, seed=seed,
                            scenarios=self.scenario_spin.value(), kinds=("scenario",),
                            time_limit_s=limit, tutor=tutor)
        domains = tuple(d for d, c in self.domain_checks.items() if c.isChecked())
        kinds = tuple(k for k, c in self.kind_checks.items() if c.isChecked())
        if not domains:
            raise UserError("choose at least one domain", where="Custom practice")
        if not kinds:
            raise UserError("choose at least one item type", where="Custom practice")
        return FormSpec(mode=mode, blueprint_id=bp.id, seed=seed,
                        multiple_choice=self.count_spin.value(),
                        scenarios=self.scenario_spin.value(), domains=domains, kinds=kinds,
                        time_limit_s=limit, tutor=tutor)

    # -- actions -------------------------------------------------------------------------------
    def _driver_open(self) -> bool:
        """One attempt at a time: an open driver is brought forward instead."""
        if self.window_ is not None and self.window_.isVisible():
            bring_to_front(self.window_)
            self.ctx.dialogs.inform(self, "An exam is open",
                                    "Finish or leave the open attempt first.")
            return True
        return False

    def start_selected(self) -> ExamWindow | None:
        if self._driver_open():
            return None
        try:
            run = self.exams.start(self.build_spec())
        except UserError as error:
            self.ctx.dialogs.show_error(self, error, "Cannot start")
            return None
        if run.form.notes:
            self.ctx.dialogs.inform(self, "About this form", "\n".join(run.form.notes))
        return self.open_driver(run)

    def start_retry(self) -> None:
        self.mode_buttons[Mode.RETRY].setChecked(True)
        self.show_start()
        self.start_selected()

    def open_driver(self, run: ExamRun) -> ExamWindow:
        window = ExamWindow(self.ctx, run)
        window.finished.connect(self.show_results)
        window.left.connect(self.refresh)
        self.window_ = window
        window.show()
        bring_to_front(window)
        return window

    def show_results(self, review: Review) -> None:
        self.window_ = None
        self.refresh()
        self.results.show_review(review)
        self.stack.setCurrentWidget(self.results)

    def show_start(self) -> None:
        self.refresh()
        self.stack.setCurrentWidget(self.start_view)

    def copy_blueprint(self) -> None:
        try:
            path = self.exams.copy_blueprint(self.blueprint().id)
        except (UserError, OSError) as error:
            self.ctx.dialogs.show_error(self, UserError(str(error), where="blueprint copy"))
            return
        self.refresh()
        index = self.blueprint_combo.findData(path.stem)
        if index >= 0:
            self.blueprint_combo.setCurrentIndex(index)
        self.ctx.dialogs.inform(
            self, "Blueprint copied",
            f"Your copy is {path}.\nEdit it with any text editor (see "
            "readiness/resources/blueprints/README.md for the fields); it appears in this list "
            "the next time the page refreshes.",
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        assert isinstance(self.start_view, QScrollArea)
        fit_columns(self.start_view, self.columns, self._left_column, self._right_column)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_columns()
        QTimer.singleShot(0, self._build_trend)
        if not self._offered:
            self._offered = True
            QTimer.singleShot(0, self.offer_resume)
