"""Find in page (Ctrl+F): the words on a long code-book page (a category with all its
notes, a main term of the index), as in a browser.  Enter finds the next match,
Shift+Enter the previous one, Escape closes; the count says how many there are."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextBrowser, QToolButton, QWidget


class FindBar(QWidget):
    def __init__(self, view: QTextBrowser) -> None:
        super().__init__()
        self.view = view
        self.setAccessibleName("Find in page")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        self.edit = _FindEdit(self)
        self.edit.setAccessibleName("Find in page text")
        self.edit.setPlaceholderText("Find in page")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setAccessibleName("Matches on the page")
        self.previous_button = self._button("\u2191", "Previous match (Shift+Enter)",
                                            "Previous match")
        self.next_button = self._button("\u2193", "Next match (Enter)", "Next match")
        self.close_button = self._button("\u2715", "Close (Escape)", "Close find")
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        for b in (self.previous_button, self.next_button, self.close_button):
            layout.addWidget(b)
        self.edit.textChanged.connect(self._typed)
        self.previous_button.clicked.connect(lambda: self.find_match(backward=True))
        self.next_button.clicked.connect(lambda: self.find_match())
        self.close_button.clicked.connect(self.close_bar)
        self.hide()

    def _button(self, text: str, tip: str, name: str) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(name)
        return b

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()
        if self.edit.text():
            self._update_count()

    def close_bar(self) -> None:
        self.hide()
        self.view.setFocus()

    def _typed(self, _text: str) -> None:
        cursor = self.view.textCursor()
        cursor.setPosition(cursor.selectionStart())  # typing on refines the same match
        self.view.setTextCursor(cursor)
        self.find_match()

    def find_match(self, backward: bool = False) -> bool:
        """Select the next (or previous) match, wrapping around the page."""
        text = self.edit.text()
        if not text:
            self.count.setText("")
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.view.find(text, flags)
        if not found:  # wrap around: from the other end of the page
            cursor = self.view.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End if backward
                                else QTextCursor.MoveOperation.Start)
            self.view.setTextCursor(cursor)
            found = self.view.find(text, flags)
        self._update_count()
        return found

    def _update_count(self) -> None:
        text = self.edit.text()
        doc = self.view.document()
        total, cursor = 0, doc.find(text)
        current = self.view.textCursor().selectionStart()
        index = 0
        while not cursor.isNull():
            total += 1
            if cursor.selectionStart() == current:
                index = total
            cursor = doc.find(text, cursor)
        self.count.setText(f"{index} of {total}" if total else "No matches")


class _FindEdit(QLineEdit):
    def __init__(self, bar: FindBar) -> None:
        super().__init__()
        self.bar = bar

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.bar.find_match(backward=shift)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.bar.close_bar()
            return
        super().keyPressEvent(event)
