"""Back and forward through the places the code book showed (no Qt: plain bookkeeping)."""

from __future__ import annotations


class History:
    """A browser's history list with one twist: a *preview* (the page a code jumps to
    while it is still being typed) replaces the previous preview instead of piling up
    one entry per keystroke."""

    def __init__(self) -> None:
        self._places: list[str] = []
        self._pos = -1
        self.preview_top = False  # the newest entry is a preview, not yet a real visit

    def record(self, target: str, preview: bool = False) -> None:
        if preview and self.preview_top and self._pos == len(self._places) - 1:
            self._places[self._pos] = target
        elif not (self._pos >= 0 and self._places[self._pos] == target):
            del self._places[self._pos + 1:]
            self._places.append(target)
            self._pos = len(self._places) - 1
        self.preview_top = preview

    def replace_current(self, target: str, when_prefix: str) -> None:
        """Rewrite the current entry (the builder's code changed as the user chose)."""
        if 0 <= self._pos < len(self._places) and \
                self._places[self._pos].startswith(when_prefix):
            self._places[self._pos] = target

    def back(self) -> str | None:
        if self._pos > 0:
            self._pos -= 1
            return self._places[self._pos]
        return None

    def forward(self) -> str | None:
        if self._pos + 1 < len(self._places):
            self._pos += 1
            return self._places[self._pos]
        return None

    @property
    def can_go_back(self) -> bool:
        return self._pos > 0

    @property
    def can_go_forward(self) -> bool:
        return self._pos + 1 < len(self._places)
