"""The code book's right-hand side: the page (Tabular, index, PCS table, list code), the PCS
builder and the code-sets view, under a banner naming the code shown.

``display`` renders one place and says what it was (:class:`Shown`); the browser keeps the
history.  Links clicked on a page come out as ``link_clicked`` with "see" references
already resolved to the term they name.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QFont, QPalette, QTextOption
from PySide6.QtWidgets import QLabel, QStackedWidget, QTextBrowser, QVBoxLayout, QWidget

from readiness.codebook import render
from readiness.codebook.model import Kind
from readiness.services.codebook import CodebookService, Resolved
from readiness.ui.appearance import is_high_contrast
from readiness.ui.codebook.findbar import FindBar
from readiness.ui.codebook.pcs_builder import PcsBuilder
from readiness.ui.codebook.widgets import CodeSetsView


@dataclass(frozen=True)
class Shown:
    """What a place turned out to be: the code it shows (for Copy) and its label."""

    code: str
    label: str


class PageView(QWidget):
    link_clicked = Signal(str)  # a place to open, from a link on the page
    message = Signal(str)  # why a link or a place could not be shown

    def __init__(self, service: CodebookService) -> None:
        super().__init__()
        self.service = service
        # Whose palette picks the page colours: the browser sets itself, because it hears
        # of a palette change before its children have the new palette.
        self.palette_from: QWidget = self
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.views = QStackedWidget()
        self.doc = QTextBrowser()
        self.doc.setAccessibleName("Code book page")
        self.doc.setOpenLinks(False)
        self.doc.setOpenExternalLinks(False)
        # Break lines between words only: the default also breaks inside a word that does
        # not fit, and narrow grid columns read "Malignan t".
        self.doc.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.find_bar = FindBar(self.doc)
        self.builder = PcsBuilder(service)
        self.sets_view = CodeSetsView()
        self.views.addWidget(self.doc)
        self.views.addWidget(self.builder)
        self.views.addWidget(self.sets_view)
        self.banner = QLabel()
        self.banner.setAccessibleName("Code shown")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setContentsMargins(6, 4, 6, 4)
        self.banner.hide()
        layout.addWidget(self.banner)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.views, 1)
        self.doc.anchorClicked.connect(self._link)

    def theme(self) -> render.Theme:
        palette = self.palette_from.palette()
        if is_high_contrast(palette):
            return render.Theme.high_contrast()
        return render.Theme.dark() if palette.color(
            QPalette.ColorRole.Base).lightness() < 128 else render.Theme()

    def set_text_font(self, font: QFont) -> None:
        self.doc.setFont(font)
        self.doc.document().setDefaultFont(font)
        self.builder.definitions.setFont(font)

    def display(self, target: str) -> Shown | None:
        """Render ``target``; None (and a ``message``) when it is not installed."""
        scheme, args = render.parse_link(target)
        if scheme == "cm":
            return self._show_cm(args[0])
        if scheme == "idx":
            return self._show_index(Kind(args[0]), int(args[1]))
        if scheme == "pcs":
            return self._show_pcs_table(args[0])
        if scheme == "build":
            return self.show_builder(args[0])
        if scheme == "list":
            kind_value, _, code = args[0].partition(":")
            return self._show_list_code(Kind(kind_value), code)
        return None

    def find_in_page(self) -> None:
        if self.views.currentWidget() is self.doc:  # (the builder has no text to search)
            self.find_bar.open_bar()

    def show_sets(self) -> None:
        self.views.setCurrentWidget(self.sets_view)
        self.sets_view.table.setFocus()

    def _page(self, html: str, banner: str = "") -> None:
        self.banner.setText(banner)
        self.banner.setVisible(bool(banner))
        self.doc.setHtml(html)
        self.views.setCurrentWidget(self.doc)

    def _link(self, url: QUrl) -> None:
        target = url.toString()
        scheme, args = render.parse_link(target)
        if scheme == "see":
            found = self.service.resolve_see(Kind(args[0]), args[1], args[2])
            if found is None:
                self.message.emit(f"“{args[1]}” is not in the installed indexes.")
                return
            target = f"idx:{found[0].value}:{found[1]}"
        self.link_clicked.emit(target)

    # -- the kinds of page ---------------------------------------------------------------
    def _show_cm(self, key: str) -> Shown | None:
        page = self.service.cm_page(key)
        if page is None:
            self.message.emit(f"{key} is not in the installed ICD-10-CM code set.")
            return None
        focus_entry_key = key
        resolved = self.service.cm_resolve(key) if not key.startswith("chapter:") else None
        theme = self.theme()
        if resolved is not None and resolved.entry.is_code:
            focus_entry_key = resolved.entry.key
            banner = self._code_banner(resolved, theme)
            shown = Shown(resolved.code, f"{resolved.code} {resolved.title}")
        else:
            if resolved is not None:
                focus_entry_key = resolved.entry.key
            entry = self.service.cm_entry(focus_entry_key)
            banner = ""
            shown = Shown("", entry.title if entry else key)
        seventh = {k: [(s.char, s.text) for s in v] for k, v in page.seventh.items()}
        html = render.tabular_html(list(page.trail), list(page.entries), page.notes, seventh,
                                   focus_entry_key, "", theme, self.service.cm_exists)
        self._page(html, banner)
        self.doc.scrollToAnchor(focus_entry_key)
        return shown

    @staticmethod
    def _code_banner(resolved: Resolved, theme: render.Theme) -> str:
        if resolved.seventh is not None:
            status = (f"<span style='color:{theme.billable}'><b>\u2714 billable</b></span>"
                      f" — 7th character <b>{render.esc(resolved.seventh.char)}</b> from "
                      f"{render.esc(resolved.entry.seventh_from or '')}")
        else:
            status = render.status_badge(resolved.entry).replace(
                'class="bill"', f"style='color:{theme.billable}; font-weight:bold'").replace(
                'class="sev"', f"style='color:{theme.seventh}; font-weight:bold'").replace(
                'class="head"', f"style='color:{theme.header}'")
        return (f"<span style='font-size:large'><b>{render.esc(resolved.code)}</b></span>"
                f"&nbsp; {render.esc(resolved.title)}&nbsp;&nbsp; {status}")

    def _show_index(self, kind: Kind, term_id: int) -> Shown | None:
        page = self.service.index_page(kind, term_id)
        if page is None:
            return None
        focus = next((t for t in page.terms if t.id == term_id), None)
        code = focus.code.split()[0].rstrip("-.") if focus and focus.code else ""
        html = render.index_html(list(page.terms), term_id, page.headings, self.theme(),
                                 self.service.cm_exists, kind.label)
        self._page(html)
        if page.terms and page.terms[0].id != term_id:
            self.doc.scrollToAnchor(f"t{term_id}")  # a main term is read from the top
        return Shown(code, f"{focus.path if focus else ''} ({kind.label})")

    def _show_pcs_table(self, prefix: str) -> Shown | None:
        table = self.service.pcs_table(prefix)
        if table is None:
            self.message.emit(f"No ICD-10-PCS table {prefix[:3]} is installed.")
            return None
        op = table.operation.labels[0][1]
        definition = self.service.pcs_definition(table.prefix[0], 3, op)
        self._page(render.pcs_table_html(table, prefix[3:4], self.theme(), definition))
        return Shown("", f"{table.prefix} {op}, {table.body_system.labels[0][1]} "
                         "(ICD-10-PCS table)")

    def show_builder(self, code: str) -> Shown:
        self.builder.set_code(code)
        self.banner.setText("")
        self.banner.hide()
        self.views.setCurrentWidget(self.builder)
        built = self.builder.code()
        return Shown(built, f"{built} (PCS builder)")

    def _show_list_code(self, kind: Kind, code: str) -> Shown | None:
        found = self.service.list_entry(kind, code)
        if found is None:
            return None
        entry, edition = found
        self._page(f"<h2>{render.esc(code)}</h2><p>{render.esc(entry.title)}</p>"
                   f"<p><i>{render.esc(edition)}</i></p>")
        return Shown(code, f"{code} ({kind.label})")
