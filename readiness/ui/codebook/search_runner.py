"""When the code book's search runs while the user types: never inside the key press.

A key only (re)starts a timer on the GUI thread.  After a pause in typing the search runs
on the next turn of the event loop, so the typed character is painted first and the
results follow within the same frame or the next; while keys come faster than
``QUIET_MS`` apart (a fast typist, a held key, a paste) they are coalesced into one search
after the last of them.  The code page a complete code jumps to is heavier to lay out than
the result list, so it waits for a longer pause (``PREVIEW_MS``) or for Enter.  Everything
stays on the GUI thread: one search costs about a millisecond, and the code-set
connections are not shared with a worker.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QObject, QTimer

from readiness.codebook.model import Kind, SearchHit
from readiness.ui.codebook.widgets import hit_target

QUIET_MS = 40  # keys closer together than this are one burst: search after the last
PREVIEW_MS = 350  # a pause this long shows the page of a complete code typed


class SearchRunner(QObject):
    def __init__(self, run: Callable[[str], None], preview: Callable[[], None],
                 text: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run, self._preview, self._text = run, preview, text
        self._searched = ""  # the text the shown results are for (none: an empty box)
        self._since = QElapsedTimer()  # time since the last key
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.flush)
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_MS)
        self.preview_timer.timeout.connect(self._preview)
        self._warm: list[Callable[[], None]] = []
        self._warm_timer = QTimer(self)
        self._warm_timer.setInterval(0)
        self._warm_timer.timeout.connect(self._warm_step)

    def text_changed(self, _text: str) -> None:
        """The box changed: search soon (at once after a pause, else after the burst)."""
        self.preview_timer.stop()
        burst = self._since.isValid() and self._since.elapsed() < QUIET_MS
        self._since.start()
        self.timer.start(QUIET_MS if burst else 0)

    def flush(self) -> None:
        """Show the results for what the box says now, if they are not shown yet
        (Enter, Down and the timer call this)."""
        self.timer.stop()
        text = self._text()
        if text == self._searched:
            return
        self._searched = text
        self._run(text)

    def searched(self, text: str) -> None:
        """The results on screen are now for ``text`` (searched some other way)."""
        self._searched = text

    def settled(self) -> bool:
        """Whether the results shown are those of the text in the box."""
        return not self.timer.isActive() and self._searched == self._text()

    def want_preview(self, on: bool) -> None:
        if on:
            self.preview_timer.start()
        else:
            self.preview_timer.stop()

    def cancel_preview(self) -> None:
        self.preview_timer.stop()

    # -- idle-time loading -------------------------------------------------------------
    def warm(self, steps: list[Callable[[], None]]) -> None:
        """Run ``steps`` one per turn of the event loop (each a few milliseconds), so
        the first search finds what it needs loaded without one long pause."""
        self._warm = list(steps)
        if self._warm:
            self._warm_timer.start()

    def warming(self) -> bool:
        return self._warm_timer.isActive()

    def _warm_step(self) -> None:
        if self._warm:
            self._warm.pop(0)()
        if not self._warm:
            self._warm_timer.stop()


def exact_target(hit: SearchHit, text: str) -> str | None:
    """The page of the code typed, when the first hit is that complete code or PCS
    table (a code typed is a place to go, not a search)."""
    compact = "".join(text.split()).upper()
    if hit.kind == "code" and hit.source == Kind.CM_TABULAR and \
            hit.ref.replace(".", "") == compact.replace(".", "") and \
            not hit.detail.startswith("placeholder"):
        return hit_target(hit)
    if hit.kind == "pcs" and hit.ref == compact and len(compact) in (3, 7):
        return hit_target(hit)
    if hit.source in (Kind.CPT, Kind.HCPCS) and hit.ref == compact:
        return hit_target(hit)
    return None
