"""One line under the code book's search box saying how the words were read: a spelling
corrected (with the original one click away), an abbreviation spelt out, or partial
matches shown because no line of the books holds every word."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from readiness.codebook import render
from readiness.services.codebook import SearchResult

EXACT_LINK = "search-exact"


def notice_html(result: SearchResult) -> str:
    """The notice for ``result`` as rich text, or "" when the words were taken as typed."""
    parts: list[str] = []
    if result.corrected:
        parts.append(f"Showing results for <b><i>{render.esc(result.corrected)}</i></b>. "
                     f"<a href=\"{EXACT_LINK}\">Search instead for "
                     f"{render.esc(result.query.strip())}</a>")
    for meaning in result.meanings:
        said, _, means = meaning.partition(": ")
        parts.append(f"“{render.esc(said)}” read as “{render.esc(means)}”.")
    if result.partial and result.hits:
        missing = ", ".join(f"“{render.esc(w)}”" for w in result.missing)
        parts.append("No entry has every word; showing the best partial matches"
                     + (f" (not found: {missing})." if missing else "."))
    return " ".join(parts)


class SearchNotice(QLabel):
    """Hidden unless there is something to say about the last search."""

    search_exact = Signal(str)  # the original query, to be searched without corrections

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchNotice")
        self.setAccessibleName("How the search was read")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self._query = ""
        self.linkActivated.connect(self._link)
        self.hide()

    def show_result(self, result: SearchResult | None) -> None:
        html = notice_html(result) if result is not None else ""
        self._query = result.query if result is not None else ""
        if html != self.text():
            self.setText(html)
        self.setVisible(bool(html))

    def _link(self, href: str) -> None:
        if href == EXACT_LINK:
            self.search_exact.emit(self._query)
