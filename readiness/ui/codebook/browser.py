"""The electronic code book: one search box, the books, history, bookmarks, the PCS builder.

Used as the Code book page and inside the separate code-book window the exam opens.
Everything it shows comes from ``workspace.codebook`` (the service); it holds no SQL.
"""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readiness.codebook import render
from readiness.codebook.importer import ImportResult, Pending
from readiness.codebook.library import CodeBook
from readiness.codebook.model import KIND_LABELS, Kind, SearchHit
from readiness.core import settings as prefs
from readiness.core.errors import UserError
from readiness.core.progress import Progress
from readiness.ui.codebook.downloads import OfficialFilesDialog, install_confirmed, result_lines
from readiness.ui.codebook.pcs_builder import PcsBuilder
from readiness.ui.codebook.widgets import (
    ROLE_HTML,
    ROLE_LOADED,
    ROLE_TARGET,
    BookmarksList,
    CodeSetsView,
    HtmlDelegate,
    ResultsList,
    SearchBox,
    hit_html,
    hit_target,
)
from readiness.ui.context import UiContext
from readiness.ui.tasks import TaskHandle


class CodeBookBrowser(QWidget):
    navigated = Signal(str)  # the target now shown

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.workspace.codebook
        self.setAccessibleName("Code book")
        self._history: list[str] = []
        self._pos = -1
        self.current = ""
        self.current_code = ""
        self.current_label = ""
        self._hits: list[SearchHit] = []
        self._search_note = ""
        self._edition_text = ""
        self.official_files: OfficialFilesDialog | None = None
        self._preview_top = False
        self.zoom = ctx.workspace.settings.get(prefs.CODEBOOK_ZOOM)
        self.build_handle: object | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        self.back_button = self._tool("\u2190", "Back (Alt+Left)", "Back")
        self.forward_button = self._tool("\u2192", "Forward (Alt+Right)", "Forward")
        self.search = SearchBox()
        self.search.setAccessibleName("Search codes and terms")
        self.search.setPlaceholderText("Code (E11.9, S72001A, 0DT) or words (fracture femur)…"
                                       "   Ctrl+L")
        self.search.setClearButtonEnabled(True)
        self.bookmark_button = self._tool("\u2606", "Bookmark this page (Ctrl+D)", "Bookmark")
        self.bookmark_button.setCheckable(True)
        self.copy_button = self._tool("Copy code", "Copy the code shown (Ctrl+Shift+C)",
                                      "Copy code")
        self.zoom_out_button = self._tool("A\u2212", "Smaller text (Ctrl+-)", "Zoom out")
        self.zoom_in_button = self._tool("A+", "Larger text (Ctrl++)", "Zoom in")
        self.builder_button = self._tool("PCS builder", "ICD-10-PCS code builder (Ctrl+B)",
                                         "PCS code builder")
        self.sets_button = self._tool("Code sets", "Installed code sets, import", "Code sets")
        bar.addWidget(self.back_button)
        bar.addWidget(self.forward_button)
        bar.addWidget(self.search, 1)
        for b in (self.bookmark_button, self.copy_button, self.zoom_out_button,
                  self.zoom_in_button, self.builder_button, self.sets_button):
            bar.addWidget(b)
        outer.addLayout(bar)

        self.splitter = QSplitter()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Code book navigation")
        self.results = ResultsList()
        self.results.setAccessibleName("Search results")
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.tabular_tree = QTreeWidget()
        self.tabular_tree.setAccessibleName("Tabular List chapters")
        self.tabular_tree.setHeaderHidden(True)
        index_box = QWidget()
        index_layout = QVBoxLayout(index_box)
        index_layout.setContentsMargins(0, 0, 0, 0)
        self.index_kind = QComboBox()
        self.index_kind.setAccessibleName("Which index or table")
        self.index_letter = QComboBox()
        self.index_letter.setAccessibleName("Index letter")
        self.index_terms = QListWidget()
        self.index_terms.setAccessibleName("Main terms")
        row = QHBoxLayout()
        row.addWidget(self.index_kind, 1)
        row.addWidget(self.index_letter)
        index_layout.addLayout(row)
        self.index_edition = QLabel()
        self.index_edition.setWordWrap(True)
        self.index_edition.setAccessibleName("Edition of this index or table")
        index_layout.addWidget(self.index_edition)
        self.index_notice = QLabel(
            "The ICD-10-CM Alphabetic Index is not installed (it is not shipped). Code sets → "
            "Get official files… downloads it from CDC, or import icd10cm-index-<year>.xml "
            "(in CDC's “Table and Index” zip) with Code sets.")
        self.index_notice.setWordWrap(True)
        self.index_notice.setAccessibleName("Alphabetic Index not installed")
        index_layout.addWidget(self.index_notice)
        index_layout.addWidget(self.index_terms, 1)
        pcs_box = QWidget()
        pcs_layout = QVBoxLayout(pcs_box)
        pcs_layout.setContentsMargins(0, 0, 0, 0)
        self.pcs_notice = QLabel("The ICD-10-PCS tables are not installed. Import "
                                 "icd10pcs_tables_<year>.xml (or CMS's zip) with Code sets.")
        self.pcs_notice.setWordWrap(True)
        self.pcs_notice.setAccessibleName("ICD-10-PCS tables not installed")
        self.pcs_list = QListWidget()
        self.pcs_list.setAccessibleName("ICD-10-PCS tables")
        pcs_layout.addWidget(self.pcs_notice)
        pcs_layout.addWidget(self.pcs_list, 1)
        self.bookmarks = BookmarksList()
        self.bookmarks.setAccessibleName("Bookmarks")
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recently opened")
        saved = QWidget()
        saved_layout = QVBoxLayout(saved)
        saved_layout.setContentsMargins(0, 0, 0, 0)
        bookmarks_label = QLabel("Bookmarks (Ctrl+D adds, Delete removes)")
        bookmarks_label.setBuddy(self.bookmarks)
        bookmarks_label.setAccessibleName("Bookmarks heading")
        recent_label = QLabel("Recently opened")
        recent_label.setBuddy(self.recent)
        recent_label.setAccessibleName("Recently opened heading")
        saved_layout.addWidget(bookmarks_label)
        saved_layout.addWidget(self.bookmarks, 2)
        saved_layout.addWidget(recent_label)
        saved_layout.addWidget(self.recent, 1)
        self.tabs.addTab(self.results, "&Results")
        self.tabs.addTab(self.tabular_tree, "&Tabular")
        self.tabs.addTab(index_box, "&Index")
        self.tabs.addTab(pcs_box, "&PCS")
        self.tabs.addTab(saved, "Book&marks")
        self.tabs.setUsesScrollButtons(False)
        for view in (self.pcs_list, self.bookmarks, self.recent, self.index_terms):
            # Long titles wrap in the narrow pane instead of scrolling it sideways.
            view.setWordWrap(True)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.views = QStackedWidget()
        self.doc = QTextBrowser()
        self.doc.setAccessibleName("Code book page")
        self.doc.setOpenLinks(False)
        self.doc.setOpenExternalLinks(False)
        self.builder = PcsBuilder(self.service.book)
        self.sets_view = CodeSetsView()
        self.views.addWidget(self.doc)
        self.views.addWidget(self.builder)
        self.views.addWidget(self.sets_view)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel()
        self.banner.setAccessibleName("Code shown")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setContentsMargins(6, 4, 6, 4)
        self.banner.hide()
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.views, 1)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([320, 800])
        outer.addWidget(self.splitter, 1)

        status = QHBoxLayout()
        self.status = QLabel()
        self.status.setAccessibleName("Code book status")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Code set build progress")
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        status.addWidget(self.status, 1)
        status.addWidget(self.progress)
        outer.addLayout(status)

        self._connect()
        self._shortcuts()
        self.service.on_changed(self._sets_changed)
        self.destroyed.connect(functools.partial(self.service.forget, self._sets_changed))
        self._apply_zoom()
        self._sets_changed()
        self._maybe_build()

    # -- construction helpers ------------------------------------------------------------
    def _tool(self, text: str, tip: str, name: str) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(name)
        b.setAutoRaise(False)
        return b

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.back)
        self.forward_button.clicked.connect(self.forward)
        self.search.textChanged.connect(self.run_search)
        self.search.returnPressed.connect(self.open_first_result)
        self.search.down_pressed.connect(self._focus_results)
        self.results.itemActivated.connect(self._activate_item)
        self.results.itemClicked.connect(self._activate_item)
        self.results.escape_pressed.connect(self.search.setFocus)
        self.bookmark_button.clicked.connect(self.toggle_bookmark)
        self.copy_button.clicked.connect(self.copy_code)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.builder_button.clicked.connect(self.open_builder)
        self.sets_button.clicked.connect(self.show_sets)
        self.doc.anchorClicked.connect(self._link)
        self.tabular_tree.itemExpanded.connect(self._expand_tree)
        self.tabular_tree.itemActivated.connect(self._activate_item)
        self.tabular_tree.itemClicked.connect(self._activate_item)
        self.index_kind.currentIndexChanged.connect(self._fill_letters)
        self.index_letter.currentIndexChanged.connect(self._fill_terms)
        self.index_terms.itemActivated.connect(self._activate_item)
        self.index_terms.itemClicked.connect(self._activate_item)
        self.pcs_list.itemActivated.connect(self._activate_item)
        self.pcs_list.itemClicked.connect(self._activate_item)
        self.bookmarks.itemActivated.connect(self._activate_item)
        self.bookmarks.itemClicked.connect(self._activate_item)
        self.bookmarks.delete_pressed.connect(self._delete_bookmark)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.recent.itemActivated.connect(self._activate_item)
        self.recent.itemClicked.connect(self._activate_item)
        self.builder.code_changed.connect(self._builder_changed)
        self.builder.show_table.connect(self._open_pcs)
        self.sets_view.import_requested.connect(self.import_file)
        self.sets_view.download_requested.connect(self.get_official_files)
        self.sets_view.remove_requested.connect(self._remove_set)

    def _shortcuts(self) -> None:
        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut

        def add(keys: str | QKeySequence.StandardKey, slot: object) -> None:
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(ctx)
            sc.activated.connect(slot)

        add("Ctrl+L", self.focus_search)
        add("Ctrl+F", self.focus_search)
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
            add(f"Alt+{n + 1}", functools.partial(self._show_tab, n))

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom + 10)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom - 10)

    def zoom_reset(self) -> None:
        self.set_zoom(100)

    def open_builder(self) -> None:
        self.open_target(f"build:{self.builder.code()}")

    def _tab_changed(self, n: int) -> None:
        if n == 4:
            self._fill_recent()

    def _show_tab(self, n: int) -> None:
        self.tabs.setCurrentIndex(n)
        if n == 4:
            self._fill_recent()
        widget = self.tabs.currentWidget()
        if widget is not None:
            target = {2: self.index_terms, 3: self.pcs_list, 4: self.bookmarks}.get(n, widget)
            target.setFocus()

    # -- code sets -------------------------------------------------------------------------
    @property
    def book(self) -> CodeBook:
        return self.service.book

    def _sets_changed(self) -> None:
        self.builder.book = self.service.book
        infos = self.service.installed()
        self.sets_view.show_sets(infos)
        notes = self.service.edition_notes(self.ctx.workspace.appointment.get().exam_date)
        self.sets_view.show_notes(notes)
        edition = self.book.edition(Kind.CM_TABULAR)
        parts = [edition or "ICD-10-CM not installed yet"]
        pcs = self.book.edition(Kind.PCS_TABLES)
        if pcs:
            parts.append(pcs)
        if notes:
            parts.append("some books are older editions (see Code sets)")
        self._edition_text = " · ".join(parts)
        self.status.setText(self._edition_text)
        self._fill_tree()
        self._fill_index_kinds()
        self._fill_pcs()
        self._fill_bookmarks()
        if self.search.text():
            self.run_search(self.search.text())
        if self.current:
            self.open_target(self.current, record=False)
        elif edition:
            chapters = self.book.cm_chapters()
            if chapters:
                self.open_target(f"cm:{chapters[0].key}", visit=False)

    def _maybe_build(self) -> None:
        if self.service.building:
            self.status.setText("Building the code books (first use only)…")
            return
        if not self.service.needs_build():
            return
        self.service.building = True
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText("Building the code books (first use only)…")

        def done(pending: list[Pending]) -> None:
            self.service.building = False
            self.progress.hide()
            self.service.install(pending)
            if pending:
                self._maybe_build()  # the Tabular came first; now the other books

        def failed(exc: BaseException) -> None:
            self.service.building = False
            self.progress.hide()
            if isinstance(exc, UserError):
                self.ctx.dialogs.show_error(self, exc, "Could not build the code book")
                self.status.setText(str(exc))
            else:
                raise exc

        handle = self.ctx.tasks.run(self.service.prepare_default, done, failed,
                                    label="Building the code books")
        handle.progressed.connect(self._build_progress)
        handle.ended.connect(functools.partial(self._build_ended, handle))
        self.build_handle = handle

    def _build_ended(self, handle: TaskHandle[list[Pending]]) -> None:
        if handle.cancelled:
            self.service.building = False
            self.progress.hide()
            self.status.setText("Building the code books was cancelled; it starts "
                                "again the next time the code book opens.")

    def _build_progress(self, done: int, total: int, message: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        if message:
            self.progress.setFormat(f"{message} %p%")

    def show_sets(self) -> None:
        self.views.setCurrentWidget(self.sets_view)
        self.sets_view.table.setFocus()

    def import_file(self) -> None:
        path = self.ctx.dialogs.open_file(
            self, "Import a code set file",
            "Code set files (*.zip *.xml *.csv *.txt);;All files (*)")
        if path is None:
            return
        value = self.sets_view.expect.currentData()
        self.import_path(path, Kind(value) if value else None)

    def import_path(self, path: Path, expect: Kind | None = None) -> None:
        self.status.setText(f"Importing {path.name}…")
        self.progress.setRange(0, 0)
        self.progress.show()

        def work(progress: Progress) -> tuple[list[ImportResult], list[Pending]]:
            return self.service.prepare_import(path, expect, progress)

        def done(built: tuple[list[ImportResult], list[Pending]]) -> None:
            self.progress.hide()
            if not install_confirmed(self.ctx, self, self.service, built):
                self.status.setText(f"{path.name} was not installed; the installed code sets "
                                    "are unchanged.")
                return
            self.ctx.dialogs.inform(self, "Code set imported", result_lines(built[0]))

        def failed(exc: BaseException) -> None:
            self.progress.hide()
            self.status.setText("Import failed; the installed code sets are unchanged.")
            if isinstance(exc, UserError):
                self.ctx.dialogs.show_error(self, exc, "Could not import the file")
            else:
                raise exc

        handle = self.ctx.tasks.run(work, done, failed, label=f"Importing {path.name}")
        handle.ended.connect(functools.partial(self._import_ended, handle, path))

    def get_official_files(self) -> None:
        # One dialog per browser, kept: a download still running when it was closed
        # reports back into it, and opening it again shows how that went.
        if self.official_files is None:
            self.official_files = OfficialFilesDialog(self.ctx, self)
        self.official_files.open()

    def _import_ended(self, handle: TaskHandle[tuple[list[ImportResult], list[Pending]]],
                      path: Path) -> None:
        if handle.cancelled:
            self.progress.hide()
            self.status.setText(f"Import of {path.name} cancelled; the installed code sets are "
                                "unchanged.")

    def _remove_set(self, kind_value: str) -> None:
        kind = Kind(kind_value)
        again = (" The copy that comes with CCS Readiness is built again in its place."
                 if self.service.is_shipped(kind) else "")
        if not self.ctx.dialogs.confirm(self, "Remove code set",
                                        f"Remove the installed {kind.label}?{again}"):
            return
        self.service.remove(kind)
        self._maybe_build()  # removing the bundled tabular list brings the bundled one back

    # -- navigation panes ----------------------------------------------------------------
    def _fill_tree(self) -> None:
        self.tabular_tree.clear()
        for ch in self.book.cm_chapters():
            item = QTreeWidgetItem([f"{ch.key.split(':', 1)[1]}. {ch.title}"])
            item.setData(0, ROLE_TARGET, f"cm:{ch.key}")
            item.setToolTip(0, ch.title)
            item.addChild(QTreeWidgetItem(["…"]))
            self.tabular_tree.addTopLevelItem(item)

    def _expand_tree(self, item: QTreeWidgetItem) -> None:
        if item.data(0, ROLE_LOADED):
            return
        item.setData(0, ROLE_LOADED, True)
        item.takeChildren()
        key = str(item.data(0, ROLE_TARGET))[3:]
        for child in self.book.cm_children(key):
            label = child.title if child.kind == "block" else f"{child.key}  {child.title}"
            node = QTreeWidgetItem([label])
            node.setData(0, ROLE_TARGET, f"cm:{child.key}")
            node.setToolTip(0, label)
            if not child.billable and not child.needs_seventh:
                node.addChild(QTreeWidgetItem(["…"]))
            self.tabular_tree_font(node, child.billable or child.needs_seventh)
            item.addChild(node)

    def tabular_tree_font(self, node: QTreeWidgetItem, leaf: bool) -> None:
        font = QFont(self.tabular_tree.font())
        font.setBold(leaf)
        node.setFont(0, font)

    def _fill_index_kinds(self) -> None:
        self.index_notice.setVisible(not self.book.has(Kind.CM_INDEX))
        self.index_kind.blockSignals(True)
        self.index_kind.clear()
        for kind in self.book.index_kinds():
            self.index_kind.addItem(KIND_LABELS[kind], kind.value)
        self.index_kind.blockSignals(False)
        self._fill_letters()

    def _fill_letters(self) -> None:
        self.index_letter.blockSignals(True)
        self.index_letter.clear()
        value = self.index_kind.currentData()
        self._show_index_edition(Kind(value) if value else None)
        if value:
            store = self.book.store(Kind(value))
            if store is not None:
                for letter in store.letters():
                    self.index_letter.addItem(letter, letter)
        self.index_letter.blockSignals(False)
        self._fill_terms()

    def _show_index_edition(self, kind: Kind | None) -> None:
        """Each book shows its edition: the indexes may be a year older than the Tabular."""
        exam = self.ctx.workspace.appointment.get().exam_date
        line = self.service.edition_line(kind, exam) if kind is not None else ""
        self.index_edition.setText(line)
        self.index_edition.setVisible(bool(line))

    def _fill_terms(self) -> None:
        self.index_terms.clear()
        value = self.index_kind.currentData()
        letter = self.index_letter.currentData()
        if not value or letter is None:
            return
        store = self.book.store(Kind(value))
        if store is None:
            return
        for t in store.main_terms(str(letter)):
            item = QListWidgetItem(t.full_title)
            item.setData(ROLE_TARGET, f"idx:{value}:{t.id}")
            self.index_terms.addItem(item)

    def _fill_pcs(self) -> None:
        self.pcs_list.clear()
        checker = self.book.pcs_checker()
        self.pcs_notice.setVisible(checker is None)
        if checker is None:  # a wrapping notice, not a list row cut off at the pane's edge
            item = QListWidgetItem("Open Code sets…")
            item.setData(ROLE_TARGET, "sets:")
            self.pcs_list.addItem(item)
            return
        for prefix in checker.prefixes:
            t = checker.table(prefix)
            if t is None:
                continue
            item = QListWidgetItem(f"{prefix}  {t.operation.labels[0][1]} — "
                                   f"{t.body_system.labels[0][1]}")
            item.setData(ROLE_TARGET, f"pcs:{prefix}")
            self.pcs_list.addItem(item)

    def _fill_bookmarks(self) -> None:
        self.bookmarks.clear()
        for place in self.service.bookmarks():
            item = QListWidgetItem(place.label)
            item.setData(ROLE_TARGET, place.target)
            self.bookmarks.addItem(item)
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent.clear()
        for place in self.service.recent(40):
            item = QListWidgetItem(place.label)
            item.setData(ROLE_TARGET, place.target)
            self.recent.addItem(item)

    def _activate_item(self, item: QListWidgetItem | QTreeWidgetItem) -> None:
        target = item.data(0, ROLE_TARGET) if isinstance(item, QTreeWidgetItem) \
            else item.data(ROLE_TARGET)
        if target == "sets:":
            self.show_sets()
        elif target:
            self.open_target(str(target))

    def _delete_bookmark(self) -> None:
        item = self.bookmarks.currentItem()
        if item is None:
            return
        self.service.remove_bookmark(str(item.data(ROLE_TARGET)))
        self._fill_bookmarks()
        self._update_bookmark_button()

    # -- search ----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def run_search(self, text: str) -> None:
        self._hits = self.book.search(text, limit=60) if text.strip() else []
        self.results.clear()
        for hit in self._hits:
            item = QListWidgetItem(hit.text)
            item.setData(ROLE_HTML, hit_html(hit))
            item.setData(ROLE_TARGET, hit_target(hit))
            item.setToolTip(hit.text)
            self.results.addItem(item)
        if text.strip():
            self.tabs.setCurrentWidget(self.results)
        if self._hits:
            self.results.setCurrentRow(0)
            self._search_note = ""
            exact = self._exact_target(text)
            if exact is not None and exact != self.current:
                self.open_target(exact, visit=False, preview=True)  # a code jumps to its page
        elif text.strip():
            self._search_note = f"No matches for “{text.strip()}” in the installed code sets."
        else:
            self._search_note = ""
        if self._search_note or self.status.text().startswith("No matches"):
            self.status.setText(self._search_note or self._edition_text)

    def _exact_target(self, text: str) -> str | None:
        """The page of the code typed, when the query is a complete code or PCS table."""
        hit = self._hits[0]
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

    def open_first_result(self) -> None:
        item = self.results.currentItem() or self.results.item(0)
        if item is not None:
            target = str(item.data(ROLE_TARGET))
            if target == self.current and self._preview_top:
                self._preview_top = False  # the previewed page becomes a real visit
                self.service.record_visit(target, self.current_label)
            else:
                self.open_target(target)
            return
        compact = "".join(self.search.text().split()).upper()
        if (len(compact) == 7 and not compact[0].isalpha()) or (
                len(compact) == 7 and compact[:1] in "BCDFGHX" and compact[1:2].isdigit()):
            self.open_target(f"build:{compact}")

    def _focus_results(self) -> None:
        if self.results.count():
            self.tabs.setCurrentWidget(self.results)
            self.results.setFocus()
            if self.results.currentRow() < 0:
                self.results.setCurrentRow(0)

    # -- history ---------------------------------------------------------------------------
    def back(self) -> None:
        if self._pos > 0:
            self._pos -= 1
            self.open_target(self._history[self._pos], record=False)

    def forward(self) -> None:
        if self._pos + 1 < len(self._history):
            self._pos += 1
            self.open_target(self._history[self._pos], record=False)

    def _push(self, target: str) -> None:
        if self._pos >= 0 and self._history[self._pos] == target:
            return
        del self._history[self._pos + 1:]
        self._history.append(target)
        self._pos = len(self._history) - 1

    def _update_history_buttons(self) -> None:
        self.back_button.setEnabled(self._pos > 0)
        self.forward_button.setEnabled(self._pos + 1 < len(self._history))

    # -- pages -------------------------------------------------------------------------------
    def theme(self) -> render.Theme:
        return render.Theme.dark() if self.palette().color(
            QPalette.ColorRole.Base).lightness() < 128 else render.Theme()

    def _exists(self, code: str) -> bool:
        tab = self.book.tabular
        return tab is not None and tab.entry(code) is not None

    def _link(self, url: QUrl) -> None:
        target = url.toString()
        scheme, args = render.parse_link(target)
        if scheme == "see":
            found = self.book.resolve_see(Kind(args[0]), args[1])
            if found is None:
                self.status.setText(f"“{args[1]}” is not in the installed indexes.")
                return
            target = f"idx:{found[0].value}:{found[1]}"
        self.open_target(target)

    def open_target(self, target: str, record: bool = True, visit: bool = True,
                    preview: bool = False) -> bool:
        """Show a place; ``record`` adds it to back/forward, ``visit`` to the recent list.

        A ``preview`` (the page a code jumps to while it is being typed) replaces the
        previous preview in the history instead of piling up one entry per keystroke."""
        scheme, args = render.parse_link(target)
        shown = False
        if scheme == "cm":
            shown = self._show_cm(args[0])
        elif scheme == "idx":
            shown = self._show_index(Kind(args[0]), int(args[1]))
        elif scheme == "pcs":
            shown = self._show_pcs_table(args[0])
        elif scheme == "build":
            shown = self._show_builder(args[0])
        elif scheme == "list":
            kind_value, _, code = args[0].partition(":")
            shown = self._show_list_code(Kind(kind_value), code)
        if not shown:
            return False
        self.current = target
        if record:
            if preview and self._preview_top and self._pos == len(self._history) - 1:
                self._history[self._pos] = target
            else:
                self._push(target)
            self._preview_top = preview
            if scheme != "build" and visit:
                self.service.record_visit(target, self.current_label)
                if self.tabs.currentIndex() == 4:
                    self._fill_recent()
        self._update_history_buttons()
        self._update_bookmark_button()
        self.navigated.emit(target)
        return True

    def _show_cm(self, key: str) -> bool:
        book = self.book
        page = book.cm_page(key)
        if page is None:
            self.status.setText(f"{key} is not in the installed ICD-10-CM code set.")
            return False
        focus_entry_key = key
        banner = ""
        resolved = book.cm_resolve(key) if not key.startswith("chapter:") else None
        theme = self.theme()
        if resolved is not None and resolved.entry.is_code:
            focus_entry_key = resolved.entry.key
            if resolved.seventh is not None:
                status = (f"<span style='color:{theme.billable}'><b>\u2714 billable</b></span>"
                          f" — 7th character <b>{render.esc(resolved.seventh.char)}</b> from "
                          f"{render.esc(resolved.entry.seventh_from or '')}")
            else:
                status = render.status_badge(resolved.entry).replace(
                    'class="bill"', f"style='color:{theme.billable}; font-weight:bold'").replace(
                    'class="sev"', f"style='color:{theme.seventh}; font-weight:bold'").replace(
                    'class="head"', f"style='color:{theme.header}'")
            banner = (f"<span style='font-size:large'><b>{render.esc(resolved.code)}</b></span>"
                      f"&nbsp; {render.esc(resolved.title)}&nbsp;&nbsp; {status}")
            self.current_code = resolved.code
            self.current_label = f"{resolved.code} {resolved.title}"
        else:
            if resolved is not None:
                focus_entry_key = resolved.entry.key
            entry = book.tabular.entry(focus_entry_key) if book.tabular else None
            self.current_code = ""
            self.current_label = entry.title if entry else key
        seventh = {k: [(s.char, s.text) for s in v] for k, v in page.seventh.items()}
        html = render.tabular_html(list(page.trail), list(page.entries), page.notes, seventh,
                                   focus_entry_key, "", theme, self._exists)
        self._set_banner(banner)
        self.doc.setHtml(html)
        self.views.setCurrentWidget(self.doc)
        self.doc.scrollToAnchor(focus_entry_key)
        return True

    def _set_banner(self, html: str) -> None:
        self.banner.setText(html)
        self.banner.setVisible(bool(html))

    def _show_index(self, kind: Kind, term_id: int) -> bool:
        page = self.book.index_page(kind, term_id)
        if page is None:
            return False
        focus = next((t for t in page.terms if t.id == term_id), None)
        self.current_label = f"{focus.path if focus else ''} ({kind.label})"
        self.current_code = (focus.code.split()[0].rstrip("-.") if focus and focus.code
                             else "")
        html = render.index_html(list(page.terms), term_id, page.headings, self.theme(),
                                 self._exists, kind.label)
        self._set_banner("")
        self.doc.setHtml(html)
        self.views.setCurrentWidget(self.doc)
        if page.terms and page.terms[0].id != term_id:
            self.doc.scrollToAnchor(f"t{term_id}")  # a main term is read from the top
        return True

    def _show_pcs_table(self, prefix: str) -> bool:
        table = self.book.pcs_table(prefix)
        if table is None:
            self.status.setText(f"No ICD-10-PCS table {prefix[:3]} is installed.")
            return False
        op = table.operation.labels[0][1]
        definition = self.book.pcs_definition(table.prefix[0], 3, op)
        body_part = prefix[3:4]
        self._set_banner("")
        self.doc.setHtml(render.pcs_table_html(table, body_part, self.theme(), definition))
        self.views.setCurrentWidget(self.doc)
        self.current_code = ""
        self.current_label = (f"{table.prefix} {op}, {table.body_system.labels[0][1]} "
                              "(ICD-10-PCS table)")
        return True

    def _show_builder(self, code: str) -> bool:
        self.builder.set_code(code)
        self._set_banner("")
        self.views.setCurrentWidget(self.builder)
        self.current_code = self.builder.code()
        self.current_label = f"{self.current_code} (PCS builder)"
        return True

    def _open_pcs(self, prefix: str) -> None:
        self.open_target(f"pcs:{prefix}")

    def _builder_changed(self, code: str) -> None:
        if self.views.currentWidget() is self.builder:
            self.current_code = code
            self.current = f"build:{code}"
            if 0 <= self._pos < len(self._history) and \
                    self._history[self._pos].startswith("build:"):
                self._history[self._pos] = self.current

    def _show_list_code(self, kind: Kind, code: str) -> bool:
        store = self.book.store(kind)
        entry = store.entry(code) if store else None
        if entry is None:
            return False
        self._set_banner("")
        self.doc.setHtml(f"<h2>{render.esc(code)}</h2><p>{render.esc(entry.title)}</p>"
                         f"<p><i>{render.esc(store.edition if store else '')}</i></p>")
        self.views.setCurrentWidget(self.doc)
        self.current_code = code
        self.current_label = f"{code} ({kind.label})"
        return True

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
        self._fill_bookmarks()
        self._update_bookmark_button()

    def _update_bookmark_button(self) -> None:
        on = bool(self.current) and self.service.is_bookmarked(self.current)
        self.bookmark_button.setChecked(on)
        self.bookmark_button.setText("\u2605" if on else "\u2606")

    def copy_code(self) -> None:
        if self.current_code:
            QGuiApplication.clipboard().setText(self.current_code)
            self.status.setText(f"Copied {self.current_code}")

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
        self.doc.setFont(font)
        self.doc.document().setDefaultFont(font)
        self.builder.definitions.setFont(font)
        if self.current:
            self.open_target(self.current, record=False)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.current:
            self.open_target(self.current, record=False)  # re-render in the new colours

    def closeEvent(self, event: QCloseEvent) -> None:
        self.service.forget(self._sets_changed)
        super().closeEvent(event)

    def detach(self) -> None:
        self.service.forget(self._sets_changed)
