"""Start-up hook: when an exam attempt was left unfinished, open the practice-exam
page, which offers to resume it (once per run of the app)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readiness.ui.main_window import MainWindow


def offer_resume_at_start(window: MainWindow) -> None:
    if not window.isVisible():  # started hidden (tests, second instance): nobody to ask
        return
    if window.ctx.workspace.read_only:  # resuming needs saving; the banner says why not
        return
    if window.ctx.workspace.exams.unfinished():
        window.show_page("exam")  # its first showEvent asks whether to resume
