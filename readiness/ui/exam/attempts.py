"""The practice-exam page's attempts: the unfinished one (resume, put aside, damaged) and
the finished ones (history table, trend values, open, delete).

A mixin of :class:`~readiness.ui.exam.page.ExamPage`; the attributes it uses are declared.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from readiness.core.blueprint import Blueprint
from readiness.core.errors import StorageEnvironmentError, UserError
from readiness.core.exam.rules import clock_text
from readiness.core.when import DEFAULT_STYLE, DateStyle
from readiness.services.exams import AttemptSummary, DamagedAttempt, ExamRun, ExamService
from readiness.ui.context import UiContext
from readiness.ui.exam.driver import ExamWindow
from readiness.ui.exam.results import ResultsView
from readiness.ui.exam.start_boxes import ResumeBox
from readiness.ui.exam.trend import TrendPlot
from readiness.ui.faults import StoragePresenter


class AttemptActions:
    ctx: UiContext
    exams: ExamService
    window_: ExamWindow | None
    resume_box: ResumeBox
    resume_label: QLabel
    history_table: QTableWidget
    open_button: QPushButton
    delete_button: QPushButton
    results: ResultsView
    stack: QStackedWidget
    _blueprints: dict[str, Blueprint]
    _trend: TrendPlot | None
    _trend_values: tuple[list[float], float]
    _offered: bool

    @property
    def _me(self) -> QWidget:
        """The page, as the parent of its dialogs."""
        return cast(QWidget, self)

    def refresh(self) -> None: ...  # the page's
    def blueprint(self) -> Blueprint: ...  # type: ignore[empty-body]
    def _driver_open(self) -> bool: ...  # type: ignore[empty-body]
    def open_driver(self, run: ExamRun) -> ExamWindow: ...  # type: ignore[empty-body]

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
            self.ctx.dialogs.show_error(self._me, error)
            return
        self.results.show_review(review)
        self.stack.setCurrentWidget(self.results)

    def delete_selected(self) -> None:
        item = self.history_table.item(self.history_table.currentRow(), 0)
        if item is None:
            return
        title = self.history_table.item(item.row(), 1)
        if self.ctx.dialogs.confirm(self._me, "Delete attempt?",
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
                self._me, error, "resuming the attempt (it is kept as it was)", force=True)
            return None
        except UserError as error:
            self.ctx.dialogs.show_error(self._me, error)
            self.refresh()
            return None
        self.resume_box.hide()
        return self.open_driver(run)

    def offer_damaged(self, attempt_id: int, why: str) -> None:
        """A damaged attempt cannot be resumed: keep a copy if wanted, then put it aside.

        Asked once; it is then no longer offered, so a damaged row cannot break every start.
        """
        if self.ctx.dialogs.confirm(self._me, "Unfinished attempt is damaged",
            f"An unfinished practice exam cannot be resumed: {why}.\n\nThe rest of your data "
            "is fine. Save a copy of what is stored for this attempt to a file (to keep it or "
            "to send it with a report) before it is put aside?",
        ):
            target = self.ctx.dialogs.save_file(self._me, "Save the damaged attempt",
                                                f"damaged-attempt-{attempt_id}.json",
                                                "JSON files (*.json)")
            if target is not None:
                try:
                    self.exams.export_raw(attempt_id, target)
                except OSError as error:
                    self.ctx.dialogs.show_error(
                        self._me, UserError(error.strerror or str(error), where=str(target)))
                    return  # not put aside: the candidate asked for a copy first
        self.exams.abandon(attempt_id)
        self.refresh()

    def discard_latest(self) -> None:
        if self._pending is None:
            return
        if self.ctx.dialogs.confirm(self._me, "Put the attempt aside?",
            "The attempt will no longer be offered for resuming. Its answers stay in your "
            "data but are not scored.",
        ):
            self.exams.abandon(self._pending.id)
            self.refresh()

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
        if self.ctx.dialogs.confirm(self._me, "Resume practice exam?",
                                    resume_text(self._pending, self.ctx.workspace.date_style)
                                    + "\n\nResume it now?"):
            return self.resume_latest()
        return None



def resume_text(attempt: AttemptSummary, style: DateStyle = DEFAULT_STYLE) -> str:
    if attempt.damaged:
        return f"{attempt.title}: this unfinished attempt is damaged and cannot be resumed."
    started = style.stamp(attempt.started_at)
    remaining = attempt.remaining_s
    time = (f"{clock_text(remaining)} remaining" if remaining is not None
            else f"{clock_text(attempt.elapsed_s)} used, untimed")
    return (f"{attempt.title}, started {started}: {time}. Answers, flags, strike-outs and "
            "highlights are kept.")
