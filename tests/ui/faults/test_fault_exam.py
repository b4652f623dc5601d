"""Case 3 of issue 15: the disk fills up during an exam.  The screen never runs ahead of
the store: a failed move or answer is not shown as done, says what was not saved and
offers Retry; the clock's save fails into one banner with back-off; the stored score
equals the review's."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from fixtures.exam_bank import make_bank
from helpers.faults import fill_disk, free_disk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from readiness.core.bank.models import MultipleChoiceItem
from readiness.ui.dialogs import ScriptedDialogs
from readiness.ui.exam.driver import ExamWindow
from readiness.ui.exam.page import ExamPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@dataclass
class DiskDialogs(ScriptedDialogs):
    """Answers "Try again?" with the next scripted answer, freeing the disk first if asked."""

    free_before_retry: list[object] = field(default_factory=list)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = super().confirm(parent, title, text)
        if answer and self.free_before_retry:
            free_disk(self.free_before_retry.pop())  # type: ignore[arg-type]
        return answer


@pytest.fixture
def dialogs() -> DiskDialogs:
    return DiskDialogs()


@pytest.fixture
def window(qtbot, ctx):
    ctx.workspace.exams.set_bank(make_bank(per_domain=1, scenarios=1, multiple_every=99))
    page = ExamPage(ctx)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.window_ is not None
    page.window_.timer.stop()  # the test calls tick() itself
    yield page.window_
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ExamWindow):
            widget.shutdown()


def first_single_choice(window: ExamWindow) -> int:
    return next(p for p in range(len(window.run))
                if isinstance(window.run.content(p), MultipleChoiceItem))


def test_a_failed_next_leaves_screen_and_store_on_the_same_question(qtbot, window, ctx,
                                                                    dialogs):
    run, repo = window.run, ctx.workspace.exams.repo
    assert window.counter_label.text() == "Question 1 of 6"
    fill_disk(ctx.workspace.db.connection)
    dialogs.confirms.append(False)  # "Try again now?" — no
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    asked = dialogs.texts("confirm")[-1]
    assert "Not saved: the move to question 2" in asked
    assert "Free some space" in asked
    assert "nothing is lost" not in asked
    assert window.counter_label.text() == "Question 1 of 6"
    assert run.position == 0
    assert repo.get(run.attempt_id).position == 0
    # The next click lands where the screen is, not on a phantom question 2.
    free_disk(ctx.workspace.db.connection)
    qtbot.mouseClick(window.options[1].button, Qt.MouseButton.LeftButton)
    assert run.response(0).selected == (1,)
    assert run.response(1).selected == ()


def test_a_failed_answer_is_not_shown_and_retry_saves_it(qtbot, window, ctx, dialogs):
    run, repo = window.run, ctx.workspace.exams.repo
    position = first_single_choice(window)
    window.jump_to(position)
    db = ctx.workspace.db.connection
    fill_disk(db)
    dialogs.confirms.append(False)
    qtbot.mouseClick(window.options[2].button, Qt.MouseButton.LeftButton)
    assert f"Not saved: your answer to question {position + 1}" in dialogs.texts("confirm")[-1]
    assert not window.options[2].button.isChecked()
    assert run.response(position).selected == ()
    assert repo.responses(run.attempt_id)[position].get("s") is None
    # Retry after freeing space: the answer is saved and only then shown.
    dialogs.confirms.append(True)
    dialogs.free_before_retry.append(db)
    qtbot.mouseClick(window.options[2].button, Qt.MouseButton.LeftButton)
    assert window.options[2].button.isChecked()
    assert repo.responses(run.attempt_id)[position]["s"] == [2]


def test_clock_save_failures_show_one_banner_and_back_off(qtbot, window, ctx, dialogs,
                                                          fake_clock):
    db = ctx.workspace.db.connection
    window.tick()
    assert window.save_banner.isHidden()
    # The clock save rewrites one number in place, which max_page_count cannot make fail
    # (on a real full disk the WAL append does); query_only fails every write the way a
    # disk remounted read-only does: an environment error all the same.
    db.execute("PRAGMA query_only = 1")
    calls = len(dialogs.calls)
    window.tick()
    assert not window.save_banner.isHidden()
    assert "exam clock could not be saved" in window.save_banner.text()
    assert window.saving.failures == 1
    for _ in range(3):  # once a second: no new try before the back-off, and no dialog ever
        fake_clock.advance(0.5)
        window.tick()
    assert window.saving.failures == 1
    fake_clock.advance(1.0)
    window.tick()
    assert window.saving.failures == 2
    assert len(dialogs.calls) == calls
    db.execute("PRAGMA query_only = 0")
    fake_clock.advance(10)
    window.tick()
    assert window.save_banner.isHidden()


def test_stored_score_equals_the_review_after_a_failed_answer(qtbot, window, ctx, dialogs):
    run, repo = window.run, ctx.workspace.exams.repo
    position = first_single_choice(window)
    window.jump_to(position)
    content = run.content(position)
    assert isinstance(content, MultipleChoiceItem)
    db = ctx.workspace.db.connection
    fill_disk(db)
    dialogs.confirms.append(False)
    qtbot.mouseClick(window.options[content.key[0]].button, Qt.MouseButton.LeftButton)
    free_disk(db)
    reviews = []
    window.finished.connect(reviews.append)
    dialogs.confirms.append(True)
    qtbot.mouseClick(window.end_button, Qt.MouseButton.LeftButton)
    assert reviews, dialogs.calls
    stored = repo.get(run.attempt_id)
    assert stored.earned == reviews[0].result.earned == 0
