"""One drill set on screen: the statement, the timer and the answer box beside the code book.

The candidate finds the code in the real browser on the right and types it on the left.
The timer only shows time; the seconds that count come from the run's monotonic clock.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from readiness.core.drills.models import DrillAnswer, DrillSummary, Verdict
from readiness.core.drills.session import DrillRun, feedback
from readiness.core.errors import UserError
from readiness.ui.codebook.browser import CodeBookBrowser
from readiness.ui.context import UiContext


def _wrapping(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(name)
    return label


class DrillRunView(QWidget):
    finished = Signal(object)  # DrillSummary, after the set is saved as ended

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.workspace.drills
        self.run: DrillRun | None = None
        self.last_answers: list[DrillAnswer] = []  # of the set that ended last
        self.setAccessibleName("Drill in progress")

        panel = QWidget()
        panel.setMinimumWidth(260)
        left = QVBoxLayout(panel)
        left.setContentsMargins(0, 0, 8, 0)
        self.book_label = _wrapping("Drill book")
        self.book_label.setStyleSheet("font-weight: 600;")
        self.progress_label = _wrapping("Look-up number")
        self.statement = _wrapping("Find the code for")
        self.statement.setObjectName("drillStatement")
        self.statement.setStyleSheet("font-size: 14pt;")
        self.statement.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.route = _wrapping("Where to look")
        self.route.setStyleSheet("color: palette(placeholder-text);")
        self.timer_label = _wrapping("Time on this look-up")
        self.answer_edit = QLineEdit()
        self.answer_edit.setAccessibleName("Your code")
        self.answer_edit.setPlaceholderText("Type the complete code, then Enter")
        self.submit_button = QPushButton("&Check")
        self.submit_button.setAccessibleName("Check the code")
        self.skip_button = QPushButton("S&kip")
        self.skip_button.setAccessibleName("Skip this look-up")
        self.next_button = QPushButton("&Next look-up")
        self.next_button.setAccessibleName("Next look-up")
        self.stop_button = QPushButton("&Stop the set")
        self.stop_button.setAccessibleName("Stop the drill set")
        self.feedback = _wrapping("Result of the look-up")
        self.feedback.setObjectName("drillFeedback")
        buttons = QHBoxLayout()
        for b in (self.submit_button, self.skip_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        prompt_title = QLabel("Find the code for:")
        prompt_title.setBuddy(self.answer_edit)
        for w in (self.book_label, self.progress_label, prompt_title, self.statement,
                  self.route, self.timer_label, self.answer_edit):
            left.addWidget(w)
        left.addLayout(buttons)
        left.addWidget(self.feedback)
        left.addWidget(self.next_button)
        left.addStretch(1)
        left.addWidget(self.stop_button)

        self.browser = CodeBookBrowser(ctx)
        splitter = QSplitter()
        splitter.addWidget(panel)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([300, 950])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)
        self.answer_edit.returnPressed.connect(self.submit)
        self.submit_button.clicked.connect(self.submit)
        self.skip_button.clicked.connect(self.skip)
        self.next_button.clicked.connect(self.next_prompt)
        self.next_button.installEventFilter(self)
        self.stop_button.clicked.connect(self.stop)

    # -- flow -------------------------------------------------------------------------
    def begin(self, run: DrillRun) -> None:
        self.run = run
        self.book_label.setText(f"{run.book.label} drill")
        self.route.setText(f"Look in: {run.book.spec.route}")
        target = self.service.opening_target(run.book)
        if target is not None:  # the book opened at its first page, as on the desk
            self.browser.open_target(target, record=False)
        self._show_prompt()

    def _show_prompt(self) -> None:
        run = self.run
        assert run is not None
        prompt = run.show()
        if prompt is None:
            self._end()
            return
        self.progress_label.setText(f"Look-up {run.position + 1} of {len(run.prompts)}")
        self.statement.setText(prompt.statement)
        self.feedback.setText("")
        self.answer_edit.clear()
        self._answering(True)
        self._tick()
        self.ticker.start()
        self.answer_edit.setFocus()

    def _answering(self, on: bool) -> None:
        self.answer_edit.setEnabled(on)
        self.submit_button.setEnabled(on)
        self.skip_button.setEnabled(on)
        self.next_button.setVisible(not on)

    def _tick(self) -> None:
        if self.run is not None:
            self.timer_label.setText(f"Time: {self.run.elapsed():.0f} s")

    def submit(self) -> None:
        if not self.answer_edit.text().strip():
            self.feedback.setText("Type the code you found, or Skip.")
            return
        self._record(self.answer_edit.text())

    def skip(self) -> None:
        self._record("")

    def _record(self, given: str) -> None:
        run = self.run
        if run is None or run.current is None or not self.answer_edit.isEnabled():
            return
        try:
            result = self.service.answer(run, given)
        except UserError as exc:  # not saved: the screen stays on the look-up
            self.ctx.dialogs.show_error(self, exc, "Could not save the answer")
            return
        self.ticker.stop()
        self.timer_label.setText(f"Time: {result.seconds:.0f} s")
        self.feedback.setText(feedback(result))
        self.feedback.setProperty("verdict", result.verdict.value)
        self.feedback.setStyleSheet("font-weight: 600;" if result.verdict is Verdict.CORRECT
                                    else "")
        self._answering(False)
        self.next_button.setText("&Next look-up" if not run.finished else "&See the results")
        self.next_button.setFocus()

    def next_prompt(self) -> None:
        if self.run is None:
            return
        if self.run.finished:
            self._end()
        else:
            self._show_prompt()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter on "Next" (where the verdict puts the focus) goes on, so a whole set runs
        # from the keyboard; a push button outside a dialog ignores Enter by itself.
        if (watched is self.next_button and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.next_button.click()
            return True
        return super().eventFilter(watched, event)

    def stop(self) -> None:
        if self.run is not None:
            self._end()

    def _end(self) -> None:
        run = self.run
        if run is None:
            return
        self.ticker.stop()
        self.run = None
        self.last_answers = list(run.answers)
        try:
            summary: DrillSummary = self.service.finish(run)
        except UserError as exc:
            self.ctx.dialogs.show_error(self, exc, "Could not save the drill set")
            return
        self.finished.emit(summary)
