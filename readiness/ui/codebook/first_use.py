"""The first-use build of the code sets, started from wherever they are first needed.

The code book page and the exam driver both need the bundled code sets; whichever
opens first starts the one build (``CodebookService.build_missing``) through the
task runner, and the other attaches to the same job (its progress, its end)
instead of starting a second.  Installing the result tells every view through the
service; an expected failure leaves the views with what is installed (they say
"only the format is checked") and is on ``handle.failure`` for a view that shows
messages; a bug reaches the crash dialog like any other job's.
"""

from __future__ import annotations

from readiness.codebook.importer import Pending
from readiness.core.errors import UserError
from readiness.ui.context import UiContext
from readiness.ui.tasks import TaskHandle

JOB = "codesets-first-use"
LABEL = "Building the code books"


def ensure_code_sets(ctx: UiContext) -> TaskHandle[list[Pending]] | None:
    """The running first-use build (started now if something is missing), or None."""
    running = ctx.tasks.find(JOB)
    if running is not None:
        return running
    service = ctx.workspace.codebook
    if not service.needs_build():
        return None
    service.building = True

    def finish() -> None:
        service.building = False

    installed: list[Pending] = []

    def done(pending: list[Pending]) -> None:
        finish()
        service.install(pending)
        installed.extend(pending)

    def failed(_error: UserError) -> None:
        finish()
        service.reload()  # tell the views: no titles are coming

    handle = ctx.tasks.run(service.build_missing, done, failed, label=LABEL, key=JOB)

    def ended() -> None:
        # Cancelled (the user, or the app closing), or a bug already on its way to the crash
        # dialog: nothing was installed, so the views keep what they show.  No reload here:
        # at shutdown the store may be closed by the time the cancellation arrives.
        finish()
        if not handle.cancelled and handle.failure is None and installed:
            # The build comes in groups (the Tabular alone first, so the book is there as
            # soon as before; then the shipped books): start the next one.
            ensure_code_sets(ctx)

    handle.ended.connect(ended)
    return handle
