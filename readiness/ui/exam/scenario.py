"""A scenario screen: the medical record on the left, its questions on the right.

The candidate sees the scenario's neutral title (setting, service, record number; see
:mod:`readiness.core.bank.titles`), never the descriptive one, which names the answer and
appears only in results and review.  Every text from a bank (prompts, document titles,
records, code titles) is shown as plain text, never as markup: an imported bank is not
trusted to hold HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from readiness.core.bank.models import CodeRef, Scenario, ScenarioQuestion
from readiness.core.bank.titles import neutral_title
from readiness.core.codes import SYSTEM_NAMES
from readiness.core.exam.scoring import parse_given, question_systems
from readiness.core.exam.session import Response
from readiness.ui.exam.code_entry import CodeEntryList
from readiness.ui.exam.codes import CodeHelp
from readiness.ui.exam.widgets import ClickLabel, MarkableText


def plain_label(text: str = "", name: str = "") -> QLabel:
    """A word-wrapped label that never interprets its text as rich text."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    if name:
        label.setAccessibleName(name)
    return label


class QuestionBlock(QWidget):
    """One scenario question: pick one, pick many, or codes typed into fields.

    Pick lists show each code with its official title (when the setting is on and the code
    set knows it); a typed code gets the encoder's line under its field (its title, or why
    it cannot be reported) unless exam rules allow the format check only.
    """

    def __init__(self, question: ScenarioQuestion, number: int,
                 save: Callable[[str, list[str]], None], codes: CodeHelp | None = None,
                 titles: Mapping[CodeRef, str] | None = None) -> None:
        super().__init__()
        self.question = question
        self._save = save
        self._systems = question_systems(question)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addWidget(plain_label(f"{number}. {question.prompt}", f"Question {number}"))
        self.buttons: list[QCheckBox | QRadioButton] = []
        self.choice_titles: list[ClickLabel] = []
        self.entry: CodeEntryList | None = None
        if question.style in ("pick-one", "pick-many"):
            layout.addLayout(self._build_choices(number))
            self.set_titles(titles or {})
        else:
            systems = " or ".join(SYSTEM_NAMES[s] for s in self._systems)
            order = (" Put the principal or first-listed code first." if question.sequenced
                     else "")
            layout.addWidget(plain_label(
                f"Type {systems} codes, one per field; add as many fields as you need.{order}"))
            self.entry = CodeEntryList(question, number,
                                       lambda texts: save(question.id, texts), codes)
            layout.addWidget(self.entry)

    def _build_choices(self, number: int) -> QGridLayout:
        question = self.question
        group = QButtonGroup(self)
        group.setExclusive(question.style == "pick-one")
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        for row_index, ref in enumerate(question.choices):
            button: QCheckBox | QRadioButton = (
                QRadioButton(ref.code) if question.style == "pick-one" else QCheckBox(ref.code))
            button.setAccessibleName(f"Question {number}: {ref.code}")
            button.setProperty("code", str(ref))
            group.addButton(button)
            button.toggled.connect(self._picked)
            # As wide as its text, so a click anywhere on the button hits it.
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            title = ClickLabel()
            title.setWordWrap(True)
            title.setTextFormat(Qt.TextFormat.PlainText)
            title.setObjectName("examCodeTitle")
            title.setAccessibleName(f"Question {number}: {ref.code} title")
            title.clicked.connect(button.click)
            title.setContentsMargins(0, 1, 0, 0)  # its first line on the code's line
            grid.addWidget(button, row_index, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(title, row_index, 1, Qt.AlignmentFlag.AlignTop)
            self.buttons.append(button)
            self.choice_titles.append(title)
        self._group = group
        return grid

    # The typed-code rows, for tests and the driver (empty for pick lists).
    @property
    def fields(self) -> list[QLineEdit]:
        return [r.field for r in self.entry.rows] if self.entry else []

    @property
    def problems(self) -> list[QLabel]:
        return [r.problem for r in self.entry.rows] if self.entry else []

    @property
    def infos(self) -> list[QLabel]:
        return [r.info for r in self.entry.rows] if self.entry else []

    def set_titles(self, titles: Mapping[CodeRef, str]) -> None:
        """Each choice's official title beside its code (the bare code set name if none)."""
        mixed = len(self._systems) > 1
        for ref, button, label in zip(self.question.choices, self.buttons, self.choice_titles,
                                      strict=True):
            title = titles.get(ref, "")
            system = SYSTEM_NAMES[ref.system]
            text = (f"{title}  ({system})" if mixed else title) if title else f"({system})"
            if label.text() != text:
                label.setText(text)
                button.setAccessibleDescription(title)

    def refresh_codes(self, titles: Mapping[CodeRef, str]) -> None:
        """The installed code sets changed: show the new titles, look typed codes up again."""
        if self.choice_titles:
            self.set_titles(titles)
        if self.entry is not None:
            self.entry.refresh()

    def _picked(self) -> None:
        codes = [str(b.property("code")) for b in self.buttons if b.isChecked()]
        self._save(self.question.id, codes)

    def show_codes(self, codes: tuple[str, ...]) -> None:
        if self.entry is not None:
            self.entry.show_codes(codes)
            return
        wanted = set()
        for text in codes:
            ref = parse_given(text, self._systems)
            wanted.add(str(ref) if ref else text)
        for button in self.buttons:
            button.blockSignals(True)
            button.setChecked(str(button.property("code")) in wanted)
            button.blockSignals(False)


class ScenarioView(QWidget):
    """The medical record on the left, the questions on the right."""

    def __init__(self, scenario: Scenario, save: Callable[[str, list[str]], None],
                 codes: CodeHelp | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.codes = codes
        self.heading = neutral_title(scenario)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.record = MarkableText(f"Medical record: {self.heading}")
        cursor = QTextCursor(self.record.document())
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        plain = QTextCharFormat()
        for n, document in enumerate(scenario.documents):  # insertText: never markup
            if n:
                cursor.insertText("\n\n", plain)
            cursor.insertText(document.title.upper(), bold)
            cursor.insertText("\n" + document.text, plain)
        self.record.moveCursor(QTextCursor.MoveOperation.Start)
        splitter.addWidget(self.record)
        questions = QWidget()
        questions.setAccessibleName("Scenario questions")
        column = QVBoxLayout(questions)
        self.title = plain_label(self.heading, "Scenario heading")
        self.title.setStyleSheet("font-weight: 600;")
        column.addWidget(self.title)
        # The titles of every choice on this screen, in one batch.
        titles = codes.titles(self.choices()) if codes is not None else {}
        self.blocks = [QuestionBlock(q, n, save, codes, titles)
                       for n, q in enumerate(scenario.questions, 1)]
        for block in self.blocks:
            column.addWidget(block)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(questions)
        scroll.setAccessibleName("Scenario questions area")
        splitter.addWidget(scroll)
        splitter.setSizes([520, 480])
        layout.addWidget(splitter)

    def choices(self) -> list[CodeRef]:
        return [ref for q in self.scenario.questions for ref in q.choices]

    def refresh_codes(self) -> None:
        """The installed code sets changed (first build done, an import): look up again."""
        if self.codes is None:
            return
        titles = self.codes.titles(self.choices())
        for block in self.blocks:
            block.refresh_codes(titles)

    def show_response(self, response: Response) -> None:
        for block in self.blocks:
            block.show_codes(tuple(response.codes.get(block.question.id, ())))
        self.record.set_ranges(response.highlights)
