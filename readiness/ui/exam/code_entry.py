"""Typed-code entry as at an encoder: one empty field, "Add code", a remove button per field.

The number of fields never depends on the key (a fixed six told a candidate the answer had
at most six codes, and three keys needed eight to ten): the candidate adds as many as
wanted.  Each field shows its format problem, else the encoder's line (the code's title),
under it.  Fields are plain text; nothing typed is ever read as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from readiness.core.bank.models import ScenarioQuestion
from readiness.core.exam.scoring import entry_problem, parse_given, question_systems
from readiness.ui.exam.codes import CodeHelp, encoder_line

LABEL_WIDTH = 150


def show_problem(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    if label.isHidden() == bool(message):
        label.setVisible(bool(message))


def _line_label(name: str, object_name: str) -> QLabel:
    label = QLabel("")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setObjectName(object_name)
    label.setAccessibleName(name)
    label.hide()
    return label


@dataclass
class CodeRow:
    line: QHBoxLayout  # label, field, Remove; the problem and info lines sit under it
    label: QLabel
    field: QLineEdit
    remove: QPushButton
    problem: QLabel
    info: QLabel
    unders: list[QHBoxLayout]
    shown: str | None = None


class CodeEntryList(QWidget):
    """The typed-code fields of one question; ``changed`` gets every field's text."""

    def __init__(self, question: ScenarioQuestion, number: int,
                 changed: Callable[[list[str]], None], codes: CodeHelp | None = None) -> None:
        super().__init__()
        self.question = question
        self.number = number
        self._changed = changed
        self._codes = codes
        self._systems = question_systems(question)
        self.rows: list[CodeRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows_layout)
        self.add_button = QPushButton("&Add code")
        self.add_button.setAccessibleName(f"Question {number}, add a code field")
        self.add_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.add_button.clicked.connect(self.add_field)
        add_row = QHBoxLayout()
        add_row.setContentsMargins(LABEL_WIDTH + 6, 0, 0, 0)
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        layout.addLayout(add_row)
        self._append_row()

    # -- rows ---------------------------------------------------------------------------
    def _label_text(self, n: int) -> str:
        if n == 0:
            return "Principal / first-listed" if self.question.sequenced else "Code 1"
        return f"Code {n + 1}"

    def _append_row(self) -> CodeRow:
        # Straight into the list's own layout, not inside a box widget per row: a box hid
        # its word-wrapped problem line's height from the scroll area, which then squeezed
        # the fields (seen on the PNG of a scenario with four format problems).
        line = QHBoxLayout()
        label = QLabel()
        label.setMinimumWidth(LABEL_WIDTH)
        field = QLineEdit()
        field.setMaxLength(12)
        field.setFixedWidth(130)
        label.setBuddy(field)
        remove = QPushButton("Remove")
        remove.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        line.addWidget(label)
        line.addWidget(field)
        line.addWidget(remove)
        line.addStretch(1)
        problem = _line_label("", "examProblem")
        info = _line_label("", "examCodeInfo")
        self._rows_layout.addLayout(line)
        unders = []
        for under in (problem, info):  # indented by a spacer: margins broke the wrap height
            indent = QHBoxLayout()
            indent.addSpacing(LABEL_WIDTH + 6)
            indent.addWidget(under, 1)
            self._rows_layout.addLayout(indent)
            unders.append(indent)
        for widget in (label, field, remove):
            widget.show()  # now, not queued: the new field takes the focus at once
        row = CodeRow(line, label, field, remove, problem, info, unders)
        field.textEdited.connect(self._typed)
        field.returnPressed.connect(lambda: self._return_in(row))
        remove.clicked.connect(lambda: self.remove_field(self.rows.index(row)))
        self.rows.append(row)
        self._renumber()
        return row

    def _drop_row(self, row: CodeRow) -> None:
        for widget in (row.label, row.field, row.remove, row.problem, row.info):
            widget.hide()
            widget.deleteLater()
        for layout in (row.line, *row.unders):
            self._rows_layout.removeItem(layout)
            layout.deleteLater()

    def _renumber(self) -> None:
        for n, row in enumerate(self.rows):
            text = self._label_text(n)
            row.label.setText(text)
            row.field.setAccessibleName(f"Question {self.number}, {text}")
            row.remove.setAccessibleName(f"Question {self.number}, remove {text}")
            row.problem.setAccessibleName(f"Question {self.number}, code {n + 1} format")
            row.info.setAccessibleName(f"Question {self.number}, code {n + 1} title")
            row.remove.setEnabled(len(self.rows) > 1 or bool(row.field.text()))

    def add_field(self) -> QLineEdit:
        """One more empty field, focused (the candidate's "Add code")."""
        row = self._append_row()
        row.field.setFocus(Qt.FocusReason.OtherFocusReason)
        return row.field

    def remove_field(self, index: int) -> None:
        """Drop field ``index`` (the last one left is emptied instead) and save."""
        if len(self.rows) == 1:
            self.rows[0].field.clear()
            self._show(0, "")
        else:
            self._drop_row(self.rows.pop(index))
            self.rows[min(index, len(self.rows) - 1)].field.setFocus(
                Qt.FocusReason.OtherFocusReason)
        self._renumber()
        self._changed(self.texts())

    def _return_in(self, row: CodeRow) -> None:
        """Return in the last filled field adds the next one, as encoders do."""
        if row is self.rows[-1] and row.field.text().strip():
            self.add_field()

    def texts(self) -> list[str]:
        return [row.field.text() for row in self.rows]

    # -- showing ------------------------------------------------------------------------
    def _typed(self) -> None:
        for n, row in enumerate(self.rows):
            self._show(n, row.field.text())
        self._renumber()
        self._changed(self.texts())

    def _show(self, n: int, text: str, force: bool = False) -> None:
        """The format problem, else (outside exam rules) the encoder's line for the code."""
        row = self.rows[n]
        if text == row.shown and not force:
            return
        row.shown = text
        problem = entry_problem(self.question, text)
        line = ""
        if problem is None and text.strip() and self._codes is not None:
            ref = parse_given(text, self._systems)
            info = self._codes.describe(ref) if ref is not None else None
            if info is not None:
                line, bad = encoder_line(info, self._codes.building)
                if bad:
                    problem, line = line, ""
        show_problem(row.problem, problem)
        show_problem(row.info, line)

    def refresh(self) -> None:
        for n, row in enumerate(self.rows):
            self._show(n, row.field.text(), force=True)

    def show_codes(self, codes: tuple[str, ...]) -> None:
        """The saved codes, one per field, or one empty field when there are none (blank
        fields are not saved: coming back to the screen shows the codes given)."""
        wanted = max(1, len(codes))
        while len(self.rows) < wanted:
            self._append_row()
        while len(self.rows) > wanted:
            self._drop_row(self.rows.pop())
        for n, row in enumerate(self.rows):
            text = codes[n] if n < len(codes) else ""
            if row.field.text() != text:
                row.field.setText(text)
            self._show(n, text)
        self._renumber()
