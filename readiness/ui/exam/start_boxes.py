"""The boxes of the practice-exam start page: unfinished attempt, blueprint, mode, practice
options, start controls and history.  Widgets only; :class:`ExamPage` connects them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readiness.core.blueprint import Blueprint
from readiness.core.exam.forms import ITEM_KINDS, ItemKind, Mode

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


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button


def _spin(low: int, high: int, value: int, name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setAccessibleName(name)
    spin.setMaximumWidth(110)
    return spin


class ResumeBox(QGroupBox):
    def __init__(self) -> None:
        super().__init__("Unfinished attempt")
        self.setAccessibleName("Unfinished attempt")
        row = QHBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Unfinished attempt details")
        self.resume_button = _button("&Resume", "Resume the unfinished attempt")
        self.discard_button = _button("Put aside", "Put the unfinished attempt aside")
        row.addWidget(self.label, 1)
        row.addWidget(self.resume_button)
        row.addWidget(self.discard_button)


class BlueprintBox(QGroupBox):
    def __init__(self) -> None:
        super().__init__("Blueprint")
        box = QVBoxLayout(self)
        row = QHBoxLayout()
        label = QLabel("&Exam format:")
        self.combo = QComboBox()
        self.combo.setAccessibleName("Exam format (blueprint)")
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(16)
        label.setBuddy(self.combo)
        self.copy_button = _button("Edit a copy…", "Copy this blueprint to edit it")
        row.addWidget(label)
        row.addWidget(self.combo, 1)
        row.addWidget(self.copy_button)
        box.addLayout(row)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setAccessibleName("Blueprint description")
        box.addWidget(self.info)
        self.domain_table = QTableWidget(0, 2)
        self.domain_table.setAccessibleName("Domains and weights")
        self.domain_table.setHorizontalHeaderLabels(["Domain", "Weight"])
        self.domain_table.verticalHeader().hide()
        self.domain_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.domain_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.domain_table.setMaximumHeight(190)
        box.addWidget(self.domain_table)
        self.sources_label = QLabel()
        self.sources_label.setWordWrap(True)
        self.sources_label.setAccessibleName("Where the numbers come from")
        self.sources_label.setStyleSheet("color: palette(placeholder-text); font-size: 9pt;")
        box.addWidget(self.sources_label)

    def show_blueprint(self, bp: Blueprint) -> None:
        """The description, the domains and weights (estimates marked), the sources."""
        mc, sc = bp.multiple_choice, bp.scenarios
        mc_text = f"{mc.min}–{mc.max}" if mc.min != mc.max else str(mc.max)
        sc_text = f"{sc.min}–{sc.max}" if sc.min != sc.max else str(sc.max)
        pretest = f", {bp.pretest_items} of them unscored pretest" if bp.pretest_items else ""
        self.info.setText(
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


class ModeBox(QGroupBox):
    """A radio button per mode with its help line; ``layout_`` takes the review panel."""

    def __init__(self) -> None:
        super().__init__("Mode")
        self.layout_ = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.buttons: dict[Mode, QRadioButton] = {}
        for mode in Mode:
            button = QRadioButton(mode.title)
            button.setAccessibleName(mode.title)
            button.setAccessibleDescription(MODE_HELP[mode])
            help_label = QLabel(MODE_HELP[mode])
            help_label.setWordWrap(True)
            help_label.setContentsMargins(24, 0, 0, 4)
            help_label.setStyleSheet("color: palette(placeholder-text);")
            self.group.addButton(button)
            self.buttons[mode] = button
            self.layout_.addWidget(button)
            self.layout_.addWidget(help_label)


class OptionsBox(QGroupBox):
    """Custom, scenario and retry options; the domain boxes follow the blueprint."""

    def __init__(self) -> None:
        super().__init__("Practice options")
        grid = QGridLayout(self)
        grid.addWidget(QLabel("Domains:"), 0, 0, Qt.AlignmentFlag.AlignTop)
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
        self.count_spin = _spin(1, 200, 20, "Number of multiple-choice items")
        count_label = QLabel("&Multiple-choice items:")
        count_label.setBuddy(self.count_spin)
        grid.addWidget(count_label, 2, 0)
        grid.addWidget(self.count_spin, 2, 1)
        self.scenario_spin = _spin(0, 20, 2, "Number of scenarios")
        scenario_label = QLabel("S&cenarios:")
        scenario_label.setBuddy(self.scenario_spin)
        grid.addWidget(scenario_label, 3, 0)
        grid.addWidget(self.scenario_spin, 3, 1)
        timed_row = QHBoxLayout()
        self.timed_check = QCheckBox("&Timed:")
        self.timed_check.setAccessibleName("Timed")
        self.minutes_spin = _spin(1, 600, 45, "Time limit in minutes")
        self.minutes_spin.setMaximumWidth(16_777_215)
        self.minutes_spin.setSuffix(" min")
        timed_row.addWidget(self.timed_check)
        timed_row.addWidget(self.minutes_spin)
        timed_row.addStretch(1)
        grid.addLayout(timed_row, 4, 1)
        self.tutor_check = QCheckBox("T&utor mode: answer and rationale after each item")
        self.tutor_check.setAccessibleName("Tutor mode")
        grid.addWidget(self.tutor_check, 5, 1)


class StartControls(QWidget):
    """Strict driver, code titles, the seed and Start, and the bank's counts."""

    def __init__(self, strict: bool, code_titles: bool) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.strict_check = QCheckBox("Strict driver: no strike-out or highlights")
        self.strict_check.setAccessibleName("Strict driver")
        self.strict_check.setChecked(strict)
        self.code_titles_check = QCheckBox("Show code titles in pick lists")
        self.code_titles_check.setAccessibleName("Show code titles in pick lists")
        self.code_titles_check.setToolTip(
            "Show each code's official title beside it in scenario pick lists, as the code "
            "book shows it (titles come from the installed code sets). Clear it to practise "
            "with codes only; strict and full-mock exams follow it too.")
        self.code_titles_check.setChecked(code_titles)
        self.seed_edit = QLineEdit()
        self.seed_edit.setPlaceholderText("random")
        self.seed_edit.setMaximumWidth(110)
        self.seed_edit.setAccessibleName("Form seed (blank for random)")
        seed_label = QLabel("Seed:")
        seed_label.setBuddy(self.seed_edit)
        self.start_button = _button("&Start", "Start")
        self.start_button.setDefault(True)
        column.addWidget(self.strict_check)
        column.addWidget(self.code_titles_check)
        start_row = QHBoxLayout()
        start_row.addStretch(1)
        start_row.addWidget(seed_label)
        start_row.addWidget(self.seed_edit)
        start_row.addWidget(self.start_button)
        column.addLayout(start_row)
        self.bank_label = QLabel()
        self.bank_label.setWordWrap(True)
        self.bank_label.setAccessibleName("Question bank")
        column.addWidget(self.bank_label)


class HistoryBox(QGroupBox):
    """The trend chart's place (built once the page is on screen) and the attempts."""

    def __init__(self) -> None:
        super().__init__("History")
        self.layout_ = QVBoxLayout(self)
        self.trend_placeholder = QLabel("")
        self.trend_placeholder.setMinimumHeight(160)
        self.layout_.addWidget(self.trend_placeholder)
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName("Finished attempts")
        self.table.setHorizontalHeaderLabels(["Finished", "Attempt", "Score", "Scaled (est.)"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.layout_.addWidget(self.table, 1)
        self.open_button = _button("Open results", "Open the results of the selected attempt")
        self.delete_button = _button("Delete attempt…", "Delete the selected attempt")
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)


def fit_columns(scroll: QScrollArea, columns: QBoxLayout, left: QLayout, right: QLayout) -> None:
    """Two columns if both fit beside each other in the visible width, else stacked."""
    body = scroll.widget()
    layout = body.layout() if body is not None else None
    margins = layout.contentsMargins() if layout is not None else None
    spare = scroll.width() - (margins.left() + margins.right() if margins else 0)
    spare -= scroll.verticalScrollBar().sizeHint().width()
    needed = left.minimumSize().width() + right.minimumSize().width() + columns.spacing()
    direction = (QBoxLayout.Direction.LeftToRight if spare >= needed
                 else QBoxLayout.Direction.TopToBottom)
    if columns.direction() != direction:
        columns.setDirection(direction)
