"""The exam clock on screen: each tick's text, the reveal at five minutes, the warning at
30 minutes and the submission at zero (all decided by ``rules.clock_state``), hide / show
and pause.  A mixin of :class:`~readiness.ui.exam.driver.ExamWindow`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget

from readiness.core.exam import rules
from readiness.core.exam.session import EndReason
from readiness.services.exams import ExamRun
from readiness.ui.context import UiContext
from readiness.ui.exam.saving import SaveGuard


class ClockActions:
    ctx: UiContext
    run: ExamRun
    saving: SaveGuard
    time_label: QLabel
    hide_time_button: QPushButton
    pause_button: QPushButton
    prev_button: QPushButton
    next_button: QPushButton
    pages: QStackedWidget
    pause_page: QLabel
    _warned: bool
    _submit_again_at: float | None

    def show_position(self, position: int, save: bool = True) -> None: ...  # the driver's
    def _submit(self, reason: EndReason) -> None: ...

    def toggle_clock(self) -> None:
        self.saving.attempt("hiding or showing the clock",
                            lambda: self.run.set_clock_hidden(not self.run.clock_hidden))
        self.tick()

    def toggle_pause(self) -> None:
        if not self.run.spec.can_pause:
            return
        if self.run.paused:
            self.saving.attempt("resuming the clock", self.run.unpause)
            if self.run.paused:
                return
            self.pause_button.setText("Pause")
            self.show_position(self.run.position, save=False)
        else:
            self.saving.attempt("pausing the clock", self.run.pause)
            if not self.run.paused:
                return
            self.pause_button.setText("Resume")
            self.pages.setCurrentWidget(self.pause_page)
            self.prev_button.setEnabled(False)
            self.next_button.setEnabled(False)

    def tick(self) -> None:
        """Once a second: save the clock, then show, reveal, warn or submit as the core
        rules say (rules.clock_state)."""
        if self.run.finished:
            return
        self.saving.checkpoint(self.run.checkpoint)  # a failure: one banner, not a dialog
        state = rules.clock_state(self.run.remaining(), self.run.elapsed(),
                                  self.run.clock_hidden, self._warned)
        if state.reveal:
            self.saving.checkpoint(lambda: self.run.set_clock_hidden(False))
        self.time_label.setText("Time hidden" if self.run.clock_hidden and not state.reveal
                                else state.text)
        self.hide_time_button.setText("Show time" if self.run.clock_hidden else "Hide time")
        if state.time_up:
            again = self._submit_again_at
            if again is None or self.saving.monotonic() >= again:
                self._submit(EndReason.TIME_UP)
        elif state.warn:
            self._warned = True
            self.ctx.dialogs.inform(self.pause_page.window(), "30 minutes left",
                                    "You have 30 minutes left. The exam ends by itself at zero "
                                    "and what you have answered is scored.")
