"""Small widgets of the exam driver: option rows, highlightable text, calculator."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from readiness.core.errors import InvalidInput
from readiness.core.exam.calculator import evaluate

HIGHLIGHT = QColor("#ffe45c")
HIGHLIGHT_TEXT = QColor("#000000")


class ClickLabel(QLabel):
    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class OptionRow(QWidget):
    """One answer option: a radio button or check box, its text, and a strike-out toggle."""

    chosen = Signal(int)
    strike_toggled = Signal(int)

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        letter = chr(65 + index)
        self.letter = letter
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.radio = QRadioButton(f"{letter}.")
        self.radio.setAutoExclusive(False)
        self.check = QCheckBox(f"{letter}.")
        # One width for every letter, so the option texts line up (B. is wider than A.).
        widest = max(QRadioButton("W.").sizeHint().width(), QCheckBox("W.").sizeHint().width())
        for button in (self.radio, self.check):
            button.setMinimumWidth(widest)
            button.setAccessibleName(f"Option {letter}")
            button.clicked.connect(self._clicked)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.text = ClickLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleName(f"Option {letter} text")
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.text.clicked.connect(lambda: self.chosen.emit(self.index))
        layout.addWidget(self.text, 1)
        self.strike = QToolButton()
        self.strike.setText("Strike")
        self.strike.setCheckable(True)
        self.strike.setAccessibleName(f"Strike out option {letter}")
        self.strike.setToolTip(f"Strike out option {letter} (Alt+{index + 1})")
        self.strike.clicked.connect(lambda: self.strike_toggled.emit(self.index))
        layout.addWidget(self.strike, 0, Qt.AlignmentFlag.AlignTop)
        self._struck = False
        self._multiple = False
        self.check.setVisible(False)

    def _clicked(self) -> None:
        self.chosen.emit(self.index)

    @property
    def button(self) -> QAbstractButton:
        return self.check if self.check.isVisible() else self.radio

    def show_option(self, text: str, multiple: bool, selected: bool, struck: bool,
                    strict: bool) -> None:
        if multiple != self._multiple:  # visibility changes relayout; only on change
            self._multiple = multiple
            self.radio.setVisible(not multiple)
            self.check.setVisible(multiple)
        for button in (self.radio, self.check):
            button.blockSignals(True)
            button.setChecked(selected)
            button.blockSignals(False)
        self.text.setText(text)
        if self.strike.isHidden() != strict:
            self.strike.setVisible(not strict)
        self.strike.blockSignals(True)
        self.strike.setChecked(struck)
        self.strike.blockSignals(False)
        if struck != self._struck:  # style sheets are costly to re-apply; only on change
            self._struck = struck
            self.text.setStyleSheet(
                "color: palette(mid); text-decoration: line-through;" if struck else "")
        state = "struck out" if struck else ("selected" if selected else "")
        self.text.setAccessibleDescription(state)


class MarkableText(QTextEdit):
    """Read-only text the candidate can select and highlight (stem or medical record)."""

    def __init__(self, name: str, auto_fit: bool = False) -> None:
        super().__init__()
        self.auto_fit = auto_fit
        self.setReadOnly(True)
        self.setAccessibleName(name)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._ranges: tuple[tuple[int, int], ...] = ()

    def set_ranges(self, ranges: tuple[tuple[int, int], ...]) -> None:
        self._ranges = ranges
        selections = []
        length = max(0, self.document().characterCount() - 1)
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        fmt.setForeground(HIGHLIGHT_TEXT)
        for start, end in ranges:
            cursor = QTextCursor(self.document())
            cursor.setPosition(min(start, length))
            cursor.setPosition(min(end, length), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.auto_fit and event.size().width() != event.oldSize().width():
            self.fit_height()

    def fit_height(self) -> None:
        """As tall as the text (within limits), so the options sit right below it."""
        self.ensurePolished()
        document = self.document()
        if document.defaultFont() != self.font():  # each of these relayouts the text
            document.setDefaultFont(self.font())
        width = max(200, self.viewport().width())
        if document.textWidth() != width:
            document.setTextWidth(width)
        height = max(70, min(int(document.size().height()) + 2 * self.frameWidth() + 12, 420))
        if height != self.height():
            self.setFixedHeight(height)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def selection_range(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return cursor.selectionStart(), cursor.selectionEnd()

    def inside_highlight(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self._ranges)


class CalculatorDialog(QDialog):
    """A basic four-function calculator, as the test center's on-screen one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Calculator")
        self.setAccessibleName("Calculator")
        layout = QVBoxLayout(self)
        self.display = QLineEdit()
        self.display.setAccessibleName("Calculator expression")
        self.display.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.display.returnPressed.connect(self.calculate)
        layout.addWidget(self.display)
        self.message = QLabel("")
        self.message.setAccessibleName("Calculator message")
        layout.addWidget(self.message)
        grid = QGridLayout()
        keys = ["7", "8", "9", "÷", "4", "5", "6", "×", "1", "2", "3", "-",
                "0", ".", "%", "+", "(", ")", "C", "="]
        for n, key in enumerate(keys):
            button = QPushButton(key)
            button.setAccessibleName({"C": "Clear", "=": "Equals", "÷": "Divide",
                                      "×": "Multiply", "-": "Minus", "+": "Plus",
                                      "%": "Remainder"}.get(key, key))
            button.setAutoDefault(False)  # Return means "=", not the focused key
            button.clicked.connect(partial(self.press, key))
            grid.addWidget(button, n // 4, n % 4)
        layout.addLayout(grid)
        QShortcut(QKeySequence("Escape"), self, self.close)

    def press(self, key: str) -> None:
        if key == "=":
            self.calculate()
        elif key == "C":
            self.display.clear()
            self.message.clear()
        else:
            self.display.insert(key)
        self.display.setFocus()

    def calculate(self) -> None:
        try:
            self.display.setText(evaluate(self.display.text()))
            self.message.clear()
        except InvalidInput as error:
            self.message.setText(error.message)
