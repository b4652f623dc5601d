"""The practice-exam page: choose a mode and a blueprint, resume, see results and history."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readiness.core import settings as prefs
from readiness.core.bank.models import Bank
from readiness.core.blueprint import Blueprint
from readiness.core.errors import StorageEnvironmentError, UserError
from readiness.core.exam.forms import ITEM_KINDS, FormSpec, ItemKind, Mode, full_mock_spec
from readiness.core.when import DEFAULT_STYLE, DateStyle
from readiness.services.exams import AttemptSummary, DamagedAttempt, ExamRun, Review
from readiness.ui.context import UiContext
from readiness.ui.exam.driver import ExamWindow, bring_to_front, clock_text
from readiness.ui.exam.results import ResultsView
from readiness.ui.exam.review_panel import ReviewDuePanel
from readiness.ui.faults import StoragePresenter
from readiness.ui.heading import page_title

KIND_NAMES: dict[ItemKind, str] = {
    "single": "Single best answer",
    "multiple": "Multiple response (select 2)",
    "scenario": "Medical-record scenarios",
}
MODE_HELP = {
    Mode.FULL: "Timed, exam rules: no feedback until the end, no pause.",
    Mode.CUSTOM: "Choose domains, item types and count; timed or untimed; tutor mode.",
    Mode.SCENARIOS: "Medical-record scenarios only, codes typed or picked.",
    Mode.RETRY: "The items you missed or flagged in earlier attempts.",
    Mode.REVIEW: "Questions you answered before, due again (misses soonest); untimed, tutor mode.",
}


class TrendPlot(QWidget):
    """Weighted score per finished attempt, with the estimated passing line."""

    def __init__(self) -> None:
        super().__init__()
        import pyqtgraph as pg  # deferred: only this page pays for it

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        from readiness.ui.axes import PercentAxis  # with pyqtgraph, deferred

        self.plot = pg.PlotWidget(background=self.palette().base().color(),
                                  axisItems={"left": PercentAxis()})
        self.plot.setAccessibleName("Score trend")
        self.plot.setMinimumHeight(160)
        self.plot.setYRange(0, 100)
        self.plot.setLabel("left", "Weighted score")
        self.plot.setLabel("bottom", "Attempt")
        self.plot.showGrid(x=False, y=True, alpha=0.3)
        self.cut = pg.InfiniteLine(pos=70, angle=0,
                                   pen=pg.mkPen("#c0392b", style=Qt.PenStyle.DashLine),
                                   label="≈ pass (estimate)",
                                   labelOpts={"position": 0.85, "color": "#c0392b"})
        self.plot.addItem(self.cut)
        self.curve = self.plot.plot([], [], pen=pg.mkPen("#2e86de", width=2), symbol="o",
                                    symbolBrush="#2e86de")
        layout.addWidget(self.plot)
        self.points: list[float] = []
        self.plot.setXRange(0.5, 5.5)
        self.plot.getAxis("bottom").setTickSpacing(major=1, minor=1)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light / dark switched while open
            self.plot.setBackground(self.palette().base().color())

    def set_points(self, values: list[float], cut_percent: float) -> None:
        self.points = values
        self.cut.setValue(cut_percent)
        self.curve.setData(list(range(1, len(values) + 1)), values)
        if values:
            self.plot.setXRange(0.5, max(len(values), 2) + 0.5)


class ExamPage(QWidget):
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
        title = page_title("Practice exam")
        outer.addWidget(title)

        self.resume_box = QGroupBox("Unfinished attempt")
        self.resume_box.setAccessibleName("Unfinished attempt")
        resume_row = QHBoxLayout(self.resume_box)
        self.resume_label = QLabel()
        self.resume_label.setWordWrap(True)
        self.resume_label.setAccessibleName("Unfinished attempt details")
        self.resume_button = QPushButton("&Resume")
        self.resume_button.setAccessibleName("Resume the unfinished attempt")
        self.resume_button.clicked.connect(self.resume_latest)
        self.discard_button = QPushButton("Put aside")
        self.discard_button.setAccessibleName("Put the unfinished attempt aside")
        self.discard_button.clicked.connect(self.discard_latest)
        resume_row.addWidget(self.resume_label, 1)
        resume_row.addWidget(self.resume_button)
        resume_row.addWidget(self.discard_button)
        outer.addWidget(self.resume_box)

        # Side by side when the page is wide enough, one above the other when not
        # (see _fit_columns): a clipped right column cannot be scrolled to.
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        outer.addLayout(self.columns, 1)
        left = QVBoxLayout()
        self.columns.addLayout(left, 1)
        right = QVBoxLayout()
        self.columns.addLayout(right, 1)
        self._left_column, self._right_column = left, right

        # Blueprint
        bp_box = QGroupBox("Blueprint")
        bp = QVBoxLayout(bp_box)
        row = QHBoxLayout()
        label = QLabel("&Exam format:")
        self.blueprint_combo = QComboBox()
        self.blueprint_combo.setAccessibleName("Exam format (blueprint)")
        self.blueprint_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.blueprint_combo.setMinimumContentsLength(16)
        label.setBuddy(self.blueprint_combo)
        self.blueprint_combo.currentIndexChanged.connect(self._show_blueprint)
        self.copy_button = QPushButton("Edit a copy…")
        self.copy_button.setAccessibleName("Copy this blueprint to edit it")
        self.copy_button.clicked.connect(self.copy_blueprint)
        row.addWidget(label)
        row.addWidget(self.blueprint_combo, 1)
        row.addWidget(self.copy_button)
        bp.addLayout(row)
        self.blueprint_info = QLabel()
        self.blueprint_info.setWordWrap(True)
        self.blueprint_info.setAccessibleName("Blueprint description")
        bp.addWidget(self.blueprint_info)
        self.domain_table = QTableWidget(0, 2)
        self.domain_table.setAccessibleName("Domains and weights")
        self.domain_table.setHorizontalHeaderLabels(["Domain", "Weight"])
        self.domain_table.verticalHeader().hide()
        self.domain_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.domain_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.domain_table.setMaximumHeight(190)
        bp.addWidget(self.domain_table)
        self.sources_label = QLabel()
        self.sources_label.setWordWrap(True)
        self.sources_label.setAccessibleName("Where the numbers come from")
        self.sources_label.setStyleSheet("color: palette(placeholder-text); font-size: 9pt;")
        bp.addWidget(self.sources_label)
        right.addWidget(bp_box)

        # Mode
        mode_box = QGroupBox("Mode")
        modes = QVBoxLayout(mode_box)
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[Mode, QRadioButton] = {}
        for mode in Mode:
            button = QRadioButton(mode.title)
            button.setAccessibleName(mode.title)
            button.setAccessibleDescription(MODE_HELP[mode])
            help_label = QLabel(MODE_HELP[mode])
            help_label.setWordWrap(True)
            help_label.setContentsMargins(24, 0, 0, 4)
            help_label.setStyleSheet("color: palette(placeholder-text);")
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            modes.addWidget(button)
            modes.addWidget(help_label)
            button.toggled.connect(self._mode_changed)
        self.review_panel = ReviewDuePanel(self.ctx.workspace.review,  # under its radio (last)
                                           self.ctx.workspace.date_style)
        modes.addWidget(self.review_panel)
        self.mode_buttons[Mode.FULL].setChecked(True)
        left.addWidget(mode_box)

        # Options for custom / scenarios / retry
        self.options_box = QGroupBox("Practice options")
        grid = QGridLayout(self.options_box)
        grid.addWidget(QLabel("Domains:"), 0, 0, Qt.AlignmentFlag.AlignTop)
        self.domain_checks: dict[str, QCheckBox] = {}
        self.domain_column = QVBoxLayout()
        grid.addLayout(self.domain_column, 0, 1)
        grid.addWidget(QLabel("Item types:"), 1, 0, Qt.AlignmentFlag.AlignTop)
        kinds = QVBoxLayout()
        self.kind_checks: dict[ItemKind, QCheckBox] = {}
        for kind in ITEM_KINDS:
            check = QCheckBox(KIND_NAMES[kind])
            check.setAccessibleName(KIND_NAMES[kind])
            check.setChecked(kind != "scenario")
            self.kind_checks[kind] = check
            kinds.addWidget(check)
        grid.addLayout(kinds, 1, 1)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, 200)
        self.count_spin.setValue(20)
        self.count_spin.setAccessibleName("Number of multiple-choice items")
        self.count_spin.setMaximumWidth(110)
        count_label = QLabel("&Multiple-choice items:")
        count_label.setBuddy(self.count_spin)
        grid.addWidget(count_label, 2, 0)
        grid.addWidget(self.count_spin, 2, 1)
        self.scenario_spin = QSpinBox()
        self.scenario_spin.setRange(0, 20)
        self.scenario_spin.setValue(2)
        self.scenario_spin.setAccessibleName("Number of scenarios")
        self.scenario_spin.setMaximumWidth(110)
        scenario_label = QLabel("S&cenarios:")
        scenario_label.setBuddy(self.scenario_spin)
        grid.addWidget(scenario_label, 3, 0)
        grid.addWidget(self.scenario_spin, 3, 1)
        timed_row = QHBoxLayout()
        self.timed_check = QCheckBox("&Timed:")
        self.timed_check.setAccessibleName("Timed")
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(1, 600)
        self.minutes_spin.setValue(45)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setAccessibleName("Time limit in minutes")
        timed_row.addWidget(self.timed_check)
        timed_row.addWidget(self.minutes_spin)
        timed_row.addStretch(1)
        grid.addLayout(timed_row, 4, 1)
        self.tutor_check = QCheckBox("T&utor mode: answer and rationale after each item")
        self.tutor_check.setAccessibleName("Tutor mode")
        grid.addWidget(self.tutor_check, 5, 1)
        left.addWidget(self.options_box)

        start_row = QHBoxLayout()
        self.strict_check = QCheckBox("Strict driver: no strike-out or highlights")
        self.strict_check.setAccessibleName("Strict driver")
        self.strict_check.setChecked(self.ctx.workspace.settings.get(prefs.EXAM_STRICT))
        self.strict_check.toggled.connect(
            lambda on: self.ctx.workspace.settings.set(prefs.EXAM_STRICT, bool(on)))
        self.code_titles_check = QCheckBox("Show code titles in pick lists")
        self.code_titles_check.setAccessibleName("Show code titles in pick lists")
        self.code_titles_check.setToolTip(
            "Show each code's official title beside it in scenario pick lists, as the code "
            "book shows it (titles come from the installed code sets). Clear it to practise "
            "with codes only; strict and full-mock exams follow it too.")
        self.code_titles_check.setChecked(
            self.ctx.workspace.settings.get(prefs.EXAM_CODE_TITLES))
        self.code_titles_check.toggled.connect(
            lambda on: self.ctx.workspace.settings.set(prefs.EXAM_CODE_TITLES, bool(on)))
        self.seed_edit = QLineEdit()
        self.seed_edit.setPlaceholderText("random")
        self.seed_edit.setMaximumWidth(110)
        self.seed_edit.setAccessibleName("Form seed (blank for random)")
        seed_label = QLabel("Seed:")
        seed_label.setBuddy(self.seed_edit)
        self.start_button = QPushButton("&Start")
        self.start_button.setAccessibleName("Start")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_selected)
        left.addWidget(self.strict_check)
        left.addWidget(self.code_titles_check)
        start_row.addStretch(1)
        start_row.addWidget(seed_label)
        start_row.addWidget(self.seed_edit)
        start_row.addWidget(self.start_button)
        left.addLayout(start_row)
        self.bank_label = QLabel()
        self.bank_label.setWordWrap(True)
        self.bank_label.setAccessibleName("Question bank")
        left.addWidget(self.bank_label)
        left.addStretch(1)

        # History
        history_box = QGroupBox("History")
        history = QVBoxLayout(history_box)
        # The chart (pyqtgraph, ~0.5 s to import) is built once the page is on screen.
        self._history_layout = history
        self._trend: TrendPlot | None = None
        self._trend_values: tuple[list[float], float] = ([], 70.0)
        self.trend_placeholder = QLabel("")
        self.trend_placeholder.setMinimumHeight(160)
        history.addWidget(self.trend_placeholder)
        self.history_table = QTableWidget(0, 4)
        self.history_table.setAccessibleName("Finished attempts")
        self.history_table.setHorizontalHeaderLabels(["Finished", "Attempt", "Score",
                                                      "Scaled (est.)"])
        self.history_table.verticalHeader().hide()
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.history_table.cellActivated.connect(lambda row, _col: self.open_history(row))
        history.addWidget(self.history_table, 1)
        self.open_button = QPushButton("Open results")
        self.open_button.setAccessibleName("Open the results of the selected attempt")
        self.open_button.clicked.connect(lambda: self.open_history(
            self.history_table.currentRow()))
        self.delete_button = QPushButton("Delete attempt…")
        self.delete_button.setAccessibleName("Delete the selected attempt")
        self.delete_button.clicked.connect(self.delete_selected)
        history_buttons = QHBoxLayout()
        history_buttons.addWidget(self.open_button)
        history_buttons.addWidget(self.delete_button)
        history_buttons.addStretch(1)
        history.addLayout(history_buttons)
        right.addWidget(history_box, 1)
        return scroll

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
        mc, sc = bp.multiple_choice, bp.scenarios
        mc_text = f"{mc.min}–{mc.max}" if mc.min != mc.max else str(mc.max)
        sc_text = f"{sc.min}–{sc.max}" if sc.min != sc.max else str(sc.max)
        pretest = f", {bp.pretest_items} of them unscored pretest" if bp.pretest_items else ""
        self.blueprint_info.setText(
            f"{bp.description}\nMock: {bp.time_limit_minutes} minutes, {mc.default} "
            f"multiple-choice items (exam: {mc_text}{pretest}) and {sc.default} scenarios "
            f"(exam: {sc_text}). Passing scaled score {bp.passing_scaled_score}."
        )
        self.domain_table.setRowCount(len(bp.domains))
        for row, domain in enumerate(bp.domains):
            self.domain_table.setItem(row, 0, QTableWidgetItem(domain.name))
            weight = QTableWidgetItem(f"{domain.weight:.0%}"
                                      + ("  ESTIMATE" if domain.estimate else ""))
            if domain.estimate:
                weight.setToolTip("Not AHIMA's published number; see the source below.")
            self.domain_table.setItem(row, 1, weight)
        self.domain_table.resizeColumnToContents(1)
        self.sources_label.setText("Sources: " + " · ".join(bp.sources.values())
                                   + " · " + bp.scale.source)
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

    def _refresh_resume(self) -> None:
        pending = self.exams.unfinished()
        self._pending: AttemptSummary | None = pending[0] if pending else None
        self.resume_box.setVisible(self._pending is not None)
        if self._pending is not None:
            self.resume_label.setText(resume_text(self._pending, self.ctx.workspace.date_style)
                                      + (f" ({len(pending) - 1} older unfinished attempt(s) "
                                         "also kept.)" if len(pending) > 1 else ""))

    def _refresh_history(self) -> None:
        history = self.exams.history()
        self.history_table.setRowCount(len(history))
        self._history = history
        for row, attempt in enumerate(reversed(history)):
            when = self.ctx.workspace.date_style.stamp(attempt.finished_at or attempt.started_at)
            score = (f"{attempt.weighted_percent:.0f}%" if attempt.weighted_percent is not None
                     else "—")
            scaled = str(attempt.scaled_estimate) if attempt.scaled_estimate is not None else "—"
            for col, text in enumerate((when, attempt.title, score, scaled)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, attempt.id)
                self.history_table.setItem(row, col, item)
        self.history_table.resizeColumnToContents(0)
        cut = 70.0
        if self._blueprints:
            cut = 100.0 * self.blueprint().scale.cut_fraction
        self._trend_values = ([a.weighted_percent for a in history
                               if a.weighted_percent is not None], cut)
        if self._trend is not None:
            self._trend.set_points(*self._trend_values)
        self.open_button.setEnabled(bool(history))
        self.delete_button.setEnabled(bool(history))

    def open_history(self, row: int) -> None:
        item = self.history_table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        try:
            review = self.exams.review(int(item.data(Qt.ItemDataRole.UserRole)))
        except UserError as error:
            self.ctx.dialogs.show_error(self, error)
            return
        self.results.show_review(review)
        self.stack.setCurrentWidget(self.results)

    def delete_selected(self) -> None:
        item = self.history_table.item(self.history_table.currentRow(), 0)
        if item is None:
            return
        title = self.history_table.item(item.row(), 1)
        if self.ctx.dialogs.confirm(
            self, "Delete attempt?",
            f"Delete {title.text() if title else 'this attempt'} finished "
            f"{item.text()} with all its answers? It leaves the history and the trend.",
        ):
            self.exams.delete(int(item.data(Qt.ItemDataRole.UserRole)))
            self.refresh()

    def resume_latest(self) -> ExamWindow | None:
        if self._pending is None or self._driver_open():
            return None
        try:
            run = self.exams.resume(self._pending.id)
        except DamagedAttempt as error:
            self.offer_damaged(self._pending.id, error.message)
            return None
        except StorageEnvironmentError as error:  # read-only data, a full disk
            StoragePresenter(self.ctx.dialogs).present(
                self, error, "resuming the attempt (it is kept as it was)", force=True)
            return None
        except UserError as error:
            self.ctx.dialogs.show_error(self, error)
            self.refresh()
            return None
        self.resume_box.hide()
        return self.open_driver(run)

    def offer_damaged(self, attempt_id: int, why: str) -> None:
        """A damaged attempt cannot be resumed: keep a copy if wanted, then put it aside.

        Asked once; it is then no longer offered, so a damaged row cannot break every start.
        """
        if self.ctx.dialogs.confirm(
            self, "Unfinished attempt is damaged",
            f"An unfinished practice exam cannot be resumed: {why}.\n\nThe rest of your data "
            "is fine. Save a copy of what is stored for this attempt to a file (to keep it or "
            "to send it with a report) before it is put aside?",
        ):
            target = self.ctx.dialogs.save_file(self, "Save the damaged attempt",
                                                f"damaged-attempt-{attempt_id}.json",
                                                "JSON files (*.json)")
            if target is not None:
                try:
                    self.exams.export_raw(attempt_id, target)
                except OSError as error:
                    self.ctx.dialogs.show_error(
                        self, UserError(error.strerror or str(error), where=str(target)))
                    return  # not put aside: the candidate asked for a copy first
        self.exams.abandon(attempt_id)
        self.refresh()

    def discard_latest(self) -> None:
        if self._pending is None:
            return
        if self.ctx.dialogs.confirm(
            self, "Put the attempt aside?",
            "The attempt will no longer be offered for resuming. Its answers stay in your "
            "data but are not scored.",
        ):
            self.exams.abandon(self._pending.id)
            self.refresh()

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

    # -- resume offer at start -----------------------------------------------------------------
    def offer_resume(self) -> ExamWindow | None:
        """Ask once whether to resume the newest unfinished attempt."""
        self._offered = True
        self._refresh_resume()
        if self._pending is None or self.window_ is not None:
            return None
        if self.ctx.workspace.read_only:
            return None  # resuming needs saving; Resume on the page explains why not
        if self._pending.damaged:
            self.offer_damaged(self._pending.id, self._pending.damaged)
            return None
        if self.ctx.dialogs.confirm(self, "Resume practice exam?",
                                    resume_text(self._pending, self.ctx.workspace.date_style)
                                    + "\n\nResume it now?"):
            return self.resume_latest()
        return None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Two columns if both fit beside each other in the visible width, else stacked."""
        scroll = self.start_view
        assert isinstance(scroll, QScrollArea)
        body = scroll.widget()
        layout = body.layout() if body is not None else None
        margins = layout.contentsMargins() if layout is not None else None
        spare = scroll.width() - (margins.left() + margins.right() if margins else 0)
        spare -= scroll.verticalScrollBar().sizeHint().width()
        needed = (self._left_column.minimumSize().width()
                  + self._right_column.minimumSize().width() + self.columns.spacing())
        direction = (QBoxLayout.Direction.LeftToRight if spare >= needed
                     else QBoxLayout.Direction.TopToBottom)
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_columns()
        QTimer.singleShot(0, self._build_trend)
        if not self._offered:
            self._offered = True
            QTimer.singleShot(0, self.offer_resume)


def resume_text(attempt: AttemptSummary, style: DateStyle = DEFAULT_STYLE) -> str:
    if attempt.damaged:
        return f"{attempt.title}: this unfinished attempt is damaged and cannot be resumed."
    started = style.stamp(attempt.started_at)
    remaining = attempt.remaining_s
    time = (f"{clock_text(remaining)} remaining" if remaining is not None
            else f"{clock_text(attempt.elapsed_s)} used, untimed")
    return (f"{attempt.title}, started {started}: {time}. Answers, flags, strike-outs and "
            "highlights are kept.")
