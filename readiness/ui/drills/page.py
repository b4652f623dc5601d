"""The Code-book drills page: choose a book and a number of look-ups, drill, see the figures.

Drawing prompts reads the code-set files (the PCS tables take a moment to load the
first time), so it runs on the task runner; the set is recorded as started back on
the GUI thread, which owns the user database.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from readiness.core.drills.models import DrillAnswer, DrillBook, DrillPrompt, DrillSummary
from readiness.core.drills.stats import speed_verdict
from readiness.core.errors import UserError
from readiness.services.drills import MAX_COUNT, TARGET_RANGE
from readiness.ui.context import UiContext
from readiness.ui.drills.books_model import DrillBooksModel
from readiness.ui.drills.run_view import DrillRunView
from readiness.ui.heading import page_title


def _text(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(name)
    return label


def _answer_line(a: DrillAnswer) -> str:
    mark = "✓" if a.correct else "✗"
    yours = "" if a.correct else f"  (you: {a.given or 'skipped'})"
    return f"{mark} {a.prompt.answer}  {a.prompt.statement}{yours}  {a.seconds:.0f} s"


class DrillsPage(QWidget):
    navigate_requested = Signal(str)  # "codebook" when a book must be installed first
    drill_finished = Signal(object)  # DrillSummary: what a plan task records

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.workspace.drills
        self.setAccessibleName("Code-book drills")
        self.preparing = False
        layout = QVBoxLayout(self)
        layout.addWidget(page_title("Code-book drills"))
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.setup = self._build_setup()
        self.run_view = DrillRunView(ctx)
        self.result = self._build_result()
        for w in (self.setup, self.run_view, self.result):
            self.stack.addWidget(w)
        self.run_view.finished.connect(self._finished)
        # A book installed (or the first-use Tabular build finishing) makes it drillable.
        codebook = ctx.workspace.codebook
        codebook.on_changed(self.refresh)
        self.destroyed.connect(functools.partial(codebook.forget, self.refresh))
        self.refresh()

    # -- construction --------------------------------------------------------------------
    def _build_setup(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        intro = _text("About drills")
        intro.setText("Timed look-ups in the official books: each prompt is a diagnosis or "
                      "procedure taken from the installed index, tables or PCS tables. Find "
                      "it in the code book beside the prompt and type the complete code.")
        v.addWidget(intro)
        self.model = DrillBooksModel()
        self.table = QTableView()
        self.table.setAccessibleName("Drill books")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setAccessibleName("Drill book columns")
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Five books: the table is as tall as its rows, not the page.
        self.table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        v.addWidget(self.table)
        self.notice = _text("Book not installed")
        self.sets_button = QPushButton("Open the &code sets…")
        self.sets_button.setAccessibleName("Open the code sets")
        row = QHBoxLayout()
        row.addWidget(self.notice, 1)
        row.addWidget(self.sets_button)
        v.addLayout(row)
        form = QFormLayout()
        self.count = QSpinBox()
        self.count.setRange(1, MAX_COUNT)
        self.count.setValue(10)
        self.count.setAccessibleName("Look-ups in the set")
        self.start_button = QPushButton("&Start the drill")
        self.start_button.setAccessibleName("Start the drill")
        start_row = QHBoxLayout()
        start_row.addWidget(self.count)
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)
        form.addRow("&Look-ups:", start_row)
        self.target = QSpinBox()
        self.target.setRange(*TARGET_RANGE)
        self.target.setSuffix(" s per look-up")
        self.target.setAccessibleName("Look-up speed target")
        self.target_button = QPushButton("Save &target")
        self.target_button.setAccessibleName("Save the speed target")
        target_row = QHBoxLayout()
        target_row.addWidget(self.target)
        target_row.addWidget(self.target_button)
        target_row.addStretch(1)
        form.addRow("Speed &target:", target_row)
        v.addLayout(form)
        self.speed = _text("Look-up speed")
        v.addWidget(self.speed)
        self.status = _text("Drill status")
        v.addWidget(self.status)
        v.addStretch(1)
        for label in box.findChildren(QLabel):
            if label.buddy() is None and label.text().endswith(":"):
                label.setBuddy(self.count if "Look" in label.text() else self.target)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.start_button.clicked.connect(self.start_selected)
        self.sets_button.clicked.connect(lambda: self.navigate_requested.emit("codebook"))
        self.target_button.clicked.connect(self.save_target)
        return box

    def _build_result(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        self.result_text = _text("Drill results")
        self.result_text.setStyleSheet("font-size: 13pt;")
        self.result_list = _text("Look-ups in the set")
        self.again_button = QPushButton("&Another set")
        self.again_button.setAccessibleName("Another drill set")
        self.back_button = QPushButton("&Back to the books")
        self.back_button.setAccessibleName("Back to the drill books")
        self.plan_button = QPushButton("Back to the study &plan")
        self.plan_button.setAccessibleName("Back to the study plan")
        self.plan_button.hide()  # shown after a set a plan task started
        row = QHBoxLayout()
        row.addWidget(self.plan_button)
        row.addWidget(self.again_button)
        row.addWidget(self.back_button)
        row.addStretch(1)
        v.addWidget(self.result_text)
        v.addWidget(self.result_list)
        v.addLayout(row)
        v.addStretch(1)
        self.again_button.clicked.connect(self.start_selected)
        self.back_button.clicked.connect(self.show_books)
        self.plan_button.clicked.connect(lambda: self.navigate_requested.emit("plan"))
        return box

    # -- the books -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        if self.stack.currentWidget() is self.setup:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        current = self.selected_book()
        self.model.set_rows(self.service.books())
        row = self.model.row_of(current) if current is not None else -1
        if row < 0:  # first visit: the first book that can be drilled
            ready = [i for i in range(self.model.rowCount())
                     if (status := self.model.status(i)) is not None and status.ready]
            row = ready[0] if ready else 0
        self.table.selectRow(row)
        target = self.service.target_seconds()
        self.target.setValue(target)
        stats = self.service.drill_accuracy_by_book()
        lines = [f"{s.book.label}: {speed_verdict(s.recent_median_seconds, target)}"
                 for s in stats.values()]
        self.speed.setText("\n".join(lines) if lines else
                           "No drills yet: your look-up speed appears here after a set.")
        self._selected()

    def selected_book(self) -> DrillBook | None:
        status = self.model.status(self.table.currentIndex().row())
        return status.book if status is not None else None

    def select_book(self, book: DrillBook) -> None:
        self.table.selectRow(self.model.row_of(book))

    def _selected(self) -> None:
        status = self.model.status(self.table.currentIndex().row())
        ready = status is not None and status.ready
        self.start_button.setEnabled(ready and not self.preparing)
        missing = status.missing if status is not None else ()
        self.notice.setVisible(bool(missing))
        self.sets_button.setVisible(bool(missing))
        if status is not None and missing:
            self.notice.setText(f"The {status.label} drill needs {', '.join(missing)}, which "
                                "is not installed. Add it with Code sets on the Code book page.")

    def save_target(self) -> None:
        try:
            self.service.set_target_seconds(self.target.value())
        except UserError as exc:
            self.ctx.dialogs.show_error(self, exc, "Could not save the target")
            return
        self.refresh()
        self.status.setText(f"Target saved: {self.target.value()} s per look-up.")

    # -- a set -----------------------------------------------------------------------------
    def open_drill(self, book: DrillBook, count: int, link: int | None = None) -> bool:
        """Start ``count`` look-ups in ``book`` (what a plan task's Start calls); ``link``
        is the plan task run the set records against.  False: a set is running."""
        if self.run_view.run is not None:
            self.status.setText("A drill set is already running: finish or stop it first.")
            return False
        self.show_books()
        self.select_book(book)
        self.count.setValue(max(1, min(count, MAX_COUNT)))
        self._start(link)
        return True

    def start_selected(self) -> None:
        self._start(None)

    def _start(self, link: int | None) -> None:
        book = self.selected_book()
        if book is None or self.preparing:
            return
        count = self.count.value()
        try:
            self.service.check_installed(book)
        except UserError as exc:
            self.stack.setCurrentWidget(self.setup)
            self._selected()
            self.status.setText(str(exc))
            return
        self.preparing = True
        self.start_button.setEnabled(False)
        self.status.setText(f"Drawing {count} look-ups from the {book.label}…")

        def work(_progress: object) -> list[DrillPrompt]:
            return self.service.prepare(book, count)

        self.ctx.tasks.run(work, lambda prompts: self._begin(book, prompts, link), self._failed,
                           label=f"Preparing a {book.label} drill", owner=self)

    def _begin(self, book: DrillBook, prompts: list[DrillPrompt], link: int | None) -> None:
        self.preparing = False
        try:
            run = self.service.begin(book, prompts, link)
        except UserError as exc:
            self._failed(exc)
            return
        self.status.setText("")
        self.stack.setCurrentWidget(self.run_view)
        self.run_view.begin(run)

    def _failed(self, exc: UserError) -> None:  # a bug goes to the crash dialog (the runner)
        self.preparing = False
        self.show_books()
        self.status.setText(str(exc))
        self.ctx.dialogs.show_error(self, exc, "Could not start the drill")

    def _finished(self, summary: DrillSummary) -> None:
        target = self.service.target_seconds()
        if summary.answered == 0:
            self.result_text.setText("The set was stopped before any look-up.")
        else:
            per = summary.seconds_per_lookup or 0.0
            self.result_text.setText(
                f"{summary.correct} of {summary.answered} correct "
                f"({summary.accuracy or 0:.0%}) · {per:.0f} s per look-up "
                f"(target {target} s)")
        recorded = summary.link is not None and summary.answered > 0
        if recorded:
            self.result_text.setText(self.result_text.text()
                                     + "\nRecorded against your study plan session.")
        self.plan_button.setVisible(summary.link is not None)
        answers = self.run_view.last_answers
        self.result_list.setText("\n".join(_answer_line(a) for a in answers))
        self.stack.setCurrentWidget(self.result)
        self.again_button.setFocus()
        self.drill_finished.emit(summary)

    def show_books(self) -> None:
        self.stack.setCurrentWidget(self.setup)
        self.refresh()
