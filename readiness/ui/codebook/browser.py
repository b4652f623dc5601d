"""The electronic code book: one search box, the books, history, bookmarks, the PCS builder.

Used as the Code book page and inside the separate code-book window the exam opens.  It is
put together from components, each with one job: the left-hand :class:`NavigationPane`
(lists of places), the right-hand :class:`PageView` (the page shown), :class:`History`
(back/forward) and :class:`CodeSetsController` (first-use build, import, remove).  This
module wires them to the tool bar and the keyboard and decides what "open a place" means.
Everything it shows comes from ``workspace.codebook`` (the service); it holds no SQL.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from readiness.codebook import render
from readiness.codebook.model import Kind, SearchHit
from readiness.core import settings as prefs
from readiness.ui.codebook.codesets import CodeSetsController, StatusLine
from readiness.ui.codebook.history import History
from readiness.ui.codebook.navigator import SAVED_TAB, NavigationPane
from readiness.ui.codebook.pageview import PageView
from readiness.ui.codebook.search_notice import SearchNotice
from readiness.ui.codebook.search_runner import SearchRunner, exact_target
from readiness.ui.codebook.widgets import SearchBox, tool_button
from readiness.ui.context import UiContext


class CodeBookBrowser(QWidget):
    navigated = Signal(str)  # the target now shown

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.workspace.codebook
        self.setAccessibleName("Code book")
        self.history = History()
        self.current = ""
        self.current_code = ""
        self.current_label = ""
        self._hits: list[SearchHit] = []
        self._search_note = ""
        self._edition_text = ""
        self._warmed = False  # the books' vocabularies are read when the box is first focused
        self.zoom = ctx.workspace.settings.get(prefs.CODEBOOK_ZOOM)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addLayout(self._tool_bar())
        self.search_notice = SearchNotice()
        outer.addWidget(self.search_notice)
        self.nav = NavigationPane(self.service)
        self.nav.exam_date_of = lambda: ctx.workspace.appointment.get().exam_date
        self.page = PageView(self.service)
        self.page.palette_from = self
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.page)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([320, 800])
        outer.addWidget(self.splitter, 1)
        self.status_line = StatusLine()
        outer.addWidget(self.status_line)
        self.sets = CodeSetsController(ctx, self, self.status_line, self.page.sets_view)
        self.searcher = SearchRunner(self.run_search, self._preview_code, self.search.text,
                                     self)
        self._expose_parts()

        self._connect()
        self._shortcuts()
        self.service.on_changed(self._sets_changed)
        self.destroyed.connect(functools.partial(self.service.forget, self._sets_changed))
        self._apply_zoom()
        self._sets_changed()
        self.sets.maybe_build()

    def _tool_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.back_button = tool_button("\u2190", "Back (Alt+Left)", "Back")
        self.forward_button = tool_button("\u2192", "Forward (Alt+Right)", "Forward")
        self.search = SearchBox()
        self.search.setAccessibleName("Search codes and terms")
        self.search.setPlaceholderText("Code (E11.9, S72001A, 0DT) or words (fracture femur)…"
                                       "   Ctrl+L")
        self.search.setClearButtonEnabled(True)
        self.bookmark_button = tool_button("\u2606", "Bookmark this page (Ctrl+D)", "Bookmark")
        self.bookmark_button.setCheckable(True)
        self.copy_button = tool_button("Copy code", "Copy the code shown (Ctrl+Shift+C)",
                                 "Copy code")
        self.zoom_out_button = tool_button("A\u2212", "Smaller text (Ctrl+-)", "Zoom out")
        self.zoom_in_button = tool_button("A+", "Larger text (Ctrl++)", "Zoom in")
        self.builder_button = tool_button("PCS builder", "ICD-10-PCS code builder (Ctrl+B)",
                                    "PCS code builder")
        self.sets_button = tool_button("Code sets", "Installed code sets, import", "Code sets")
        bar.addWidget(self.back_button)
        bar.addWidget(self.forward_button)
        bar.addWidget(self.search, 1)
        for b in (self.bookmark_button, self.copy_button, self.zoom_out_button,
                  self.zoom_in_button, self.builder_button, self.sets_button):
            bar.addWidget(b)
        return bar

    def _expose_parts(self) -> None:
        """The parts tests, the exam window and the other code-book features reach for."""
        nav, page = self.nav, self.page
        self.tabs = nav
        self.results, self.tabular_tree, self.bookmarks, self.recent = (
            nav.results, nav.tabular_tree, nav.bookmarks, nav.recent)
        self.index_kind, self.index_letter, self.index_terms = (
            nav.index_kind, nav.index_letter, nav.index_terms)
        self.index_notice, self.pcs_notice, self.pcs_list = (
            nav.index_notice, nav.pcs_notice, nav.pcs_list)
        self.index_edition = nav.index_edition
        self.doc, self.builder, self.sets_view, self.views, self.banner = (
            page.doc, page.builder, page.sets_view, page.views, page.banner)
        self.status, self.progress = self.status_line.status, self.status_line.progress

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.back)
        self.forward_button.clicked.connect(self.forward)
        self.search.textChanged.connect(self.searcher.text_changed)
        self.search_notice.search_exact.connect(lambda q: self.run_search(q, exact=True))
        self.search.returnPressed.connect(self.open_first_result)
        self.search.down_pressed.connect(self._down_to_results)
        self.search.focused.connect(self._warm_search)
        self.results.escape_pressed.connect(self.search.setFocus)
        self.bookmark_button.clicked.connect(self.toggle_bookmark)
        self.copy_button.clicked.connect(self.copy_code)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.builder_button.clicked.connect(self.open_builder)
        self.sets_button.clicked.connect(self.show_sets)
        self.nav.target_activated.connect(self._activate)
        self.bookmarks.delete_pressed.connect(self._delete_bookmark)
        self.page.link_clicked.connect(self.open_target)
        self.page.message.connect(self.status.setText)
        self.builder.code_changed.connect(self._builder_changed)
        self.builder.show_table.connect(lambda prefix: self.open_target(f"pcs:{prefix}"))

    def _shortcuts(self) -> None:
        def add(keys: str, slot: object) -> None:
            sc = QShortcut(QKeySequence(keys), self)
            # The whole window while the code book shows: Ctrl+L works with focus in the
            # sidebar too (a hidden page's shortcuts never fire).
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)

        add("Ctrl+L", self.focus_search)
        add("Ctrl+F", self.page.find_in_page)
        add("Alt+Left", self.back)
        add("Alt+Right", self.forward)
        add("Ctrl+D", self.toggle_bookmark)
        add("Ctrl+Shift+C", self.copy_code)
        add("Ctrl++", self.zoom_in)
        add("Ctrl+=", self.zoom_in)
        add("Ctrl+-", self.zoom_out)
        add("Ctrl+0", self.zoom_reset)
        add("Ctrl+B", self.open_builder)
        for n in range(5):
            add(f"Alt+{n + 1}", functools.partial(self.nav.show_tab, n))

    # -- code sets -------------------------------------------------------------------------
    def _sets_changed(self) -> None:
        self.sets_view.show_sets(self.service.installed())
        notes = self.service.edition_notes(self.ctx.workspace.appointment.get().exam_date)
        self.sets_view.show_notes(notes)
        edition = self.service.edition(Kind.CM_TABULAR)
        parts = [edition or "ICD-10-CM not installed yet"]
        pcs = self.service.edition(Kind.PCS_TABLES)
        if pcs:
            parts.append(pcs)
        if notes:
            parts.append("some books are older editions (see Code sets)")
        self._edition_text = " · ".join(parts)
        self.status.setText(self._edition_text)
        self.nav.refill()
        if self.search.text():
            self.run_search(self.search.text())
        self._warmed = False
        if self.current:
            self.open_target(self.current, record=False)
        elif edition:
            chapters = self.service.cm_chapters()
            if chapters:
                self.open_target(f"cm:{chapters[0].key}", visit=False)

    def show_sets(self) -> None:
        self.page.show_sets()

    def _activate(self, target: str) -> None:
        if target == "sets:":
            self.show_sets()
        else:
            self.open_target(target)

    def _delete_bookmark(self) -> None:
        target = self.bookmarks.current_target()
        if not target:
            return
        self.service.remove_bookmark(target)
        self.nav.fill_bookmarks()
        self._update_bookmark_button()

    # -- search ----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def run_search(self, text: str, exact: bool = False) -> None:
        """Show the results for ``text`` now (typing reaches here through
        :class:`SearchRunner`); ``exact`` takes the words as typed (no spelling fixes).
        The page of a complete code typed follows after a pause (:meth:`_preview_code`)."""
        self.searcher.searched(text)
        result = self.service.find(text, limit=60, exact=exact) if text.strip() else None
        self._hits = result.hits if result is not None else []
        self.search_notice.show_result(result)
        self.nav.show_hits(self._hits)
        if text.strip():
            self.nav.setCurrentWidget(self.results)
        page = exact_target(self._hits[0], text) if self._hits else None
        self.searcher.want_preview(page is not None and page != self.current)
        if self._hits:
            self._search_note = ""
        elif text.strip():
            self._search_note = f"No matches for “{text.strip()}” in the installed code sets."
        else:
            self._search_note = ""
        if self._search_note or self.status.text().startswith("No matches"):
            self.status.setText(self._search_note or self._edition_text)

    def _preview_code(self) -> None:
        """A complete code typed: its page, without Enter (one history entry however
        many codes are previewed while typing)."""
        page = (exact_target(self._hits[0], self.search.text()) if self._hits
                else None)
        if page is not None and page != self.current:
            self.open_target(page, visit=False, preview=True)

    def _down_to_results(self) -> None:
        self.searcher.flush()
        self.nav.focus_results()

    def _warm_search(self) -> None:
        if not self._warmed:
            self._warmed = True
            self.searcher.warm(self.service.search_warm_steps())

    def open_first_result(self) -> None:
        self.searcher.flush()
        self.searcher.cancel_preview()
        row = max(self.results.current_row(), 0)
        target = self.results.target(row)
        if target:
            if target == self.current and self.history.preview_top:
                self.history.preview_top = False  # the previewed page becomes a real visit
                self.service.record_visit(target, self.current_label)
            else:
                self.open_target(target)
            return
        compact = "".join(self.search.text().split()).upper()
        if (len(compact) == 7 and not compact[0].isalpha()) or (
                len(compact) == 7 and compact[:1] in "BCDFGHX" and compact[1:2].isdigit()):
            self.open_target(f"build:{compact}")

    # -- history ---------------------------------------------------------------------------
    def back(self) -> None:
        target = self.history.back()
        if target is not None:
            self.open_target(target, record=False)

    def forward(self) -> None:
        target = self.history.forward()
        if target is not None:
            self.open_target(target, record=False)

    # -- pages -------------------------------------------------------------------------------
    def open_target(self, target: str, record: bool = True, visit: bool = True,
                    preview: bool = False) -> bool:
        """Show a place; ``record`` adds it to back/forward, ``visit`` to the recent list.

        A ``preview`` (the page a code jumps to while it is being typed) replaces the
        previous preview in the history instead of piling up one entry per keystroke."""
        shown = self.page.display(target)
        if shown is None:
            return False
        self.current = target
        self.current_code, self.current_label = shown.code, shown.label
        self.nav.follow(target, shown.label)
        if record:
            self.history.record(target, preview)
            if not target.startswith("build:") and visit:
                self.service.record_visit(target, self.current_label)
                if self.nav.currentIndex() == SAVED_TAB:
                    self.nav.fill_recent()
        self.back_button.setEnabled(self.history.can_go_back)
        self.forward_button.setEnabled(self.history.can_go_forward)
        self._update_bookmark_button()
        self.navigated.emit(target)
        return True

    def open_builder(self) -> None:
        self.open_target(f"build:{self.builder.code()}")

    def _builder_changed(self, code: str) -> None:
        if self.views.currentWidget() is self.builder:
            self.current_code = code
            self.current = f"build:{code}"
            self.history.replace_current(self.current, "build:")

    # -- the public face used by the exam window -----------------------------------------------
    def show_code(self, system: str, code: str) -> bool:
        code = code.strip()
        if system == "icd10cm":
            return self.open_target(f"cm:{code.upper()}")
        if system == "icd10pcs":
            return self.open_target(f"build:{code.upper()}")
        kind = Kind.CPT if system == "cpt" else Kind.HCPCS
        return self.open_target(f"list:{kind.value}:{code.upper()}")

    # -- bookmarks, copy, zoom ---------------------------------------------------------------
    def toggle_bookmark(self) -> None:
        if not self.current:
            return
        self.service.toggle_bookmark(self.current, self.current_label or self.current)
        self.nav.fill_bookmarks()
        self._update_bookmark_button()

    def _update_bookmark_button(self) -> None:
        on = bool(self.current) and self.service.is_bookmarked(self.current)
        self.bookmark_button.setChecked(on)
        self.bookmark_button.setText("\u2605" if on else "\u2606")

    def copy_code(self) -> None:
        if self.current_code:
            QGuiApplication.clipboard().setText(self.current_code)
            self.status.setText(f"Copied {self.current_code}")

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom + 10)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom - 10)

    def zoom_reset(self) -> None:
        self.set_zoom(100)

    def set_zoom(self, percent: int) -> None:
        self.zoom = prefs.CODEBOOK_ZOOM.clamp(percent)
        self.ctx.workspace.settings.set(prefs.CODEBOOK_ZOOM, self.zoom)
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        base = QGuiApplication.font().pointSizeF()
        if base <= 0:
            base = 10.0
        font = QFont(self.doc.font())
        font.setPointSizeF(base * self.zoom / 100)
        self.page.set_text_font(font)
        if self.current:
            self.open_target(self.current, record=False)

    def theme(self) -> render.Theme:
        return self.page.theme()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.current:
            # Re-render in the new colours; a hidden page does it when next shown (no store
            # reads for a page nobody sees, nor for one closed with the app).
            if self.isVisible():
                self.open_target(self.current, record=False)
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if getattr(self, "_stale", False) and self.current:
            self._stale = False
            self.open_target(self.current, record=False)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.service.forget(self._sets_changed)
        super().closeEvent(event)

    def detach(self) -> None:
        self.service.forget(self._sets_changed)
