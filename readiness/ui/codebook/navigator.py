"""The code book's left-hand pane: search results, the Tabular tree, the indexes, the PCS
tables, bookmarks and recently opened places.  It only lists places; opening one is the
browser's job (``target_activated``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readiness.codebook.model import KIND_LABELS, Kind, SearchHit
from readiness.services.codebook import CodebookService
from readiness.ui.codebook.models import (
    ROLE_LOADED,
    ROLE_TARGET,
    BookmarksList,
    PlacesList,
    ResultsList,
    Row,
)
from readiness.ui.codebook.widgets import HtmlDelegate, hit_html, hit_target

RESULTS_TAB, TABULAR_TAB, INDEX_TAB, PCS_TAB, SAVED_TAB = range(5)


def _column() -> tuple[QWidget, QVBoxLayout]:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    return box, layout


class NavigationPane(QTabWidget):
    target_activated = Signal(str)  # a place the user opened from one of the lists

    def __init__(self, service: CodebookService) -> None:
        super().__init__()
        self.service = service
        # the exam date decides which edition is current (the browser hands it in)
        self.exam_date_of: Callable[[], date | None] = lambda: None
        self.setAccessibleName("Code book navigation")
        self.results = ResultsList("Search results")
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.setUniformItemSizes(False)
        # Lay rows out a screenful at a time: the first results show at once on each
        # keystroke, the rest follow in the next event-loop turns.
        self.results.setLayoutMode(QListView.LayoutMode.Batched)
        self.results.setBatchSize(15)
        # The scroll bar stays: appearing with the first results it narrowed every row,
        # and each row's wrapped text was laid out again at the new width (~25 ms).
        self.results.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.tabular_tree = QTreeWidget()
        self.tabular_tree.setAccessibleName("Tabular List chapters")
        self.tabular_tree.setHeaderHidden(True)
        self.addTab(self.results, "&Results")
        self.addTab(self.tabular_tree, "&Tabular")
        self.addTab(self._index_box(), "&Index")
        self.addTab(self._pcs_box(), "&PCS")
        self.addTab(self._saved_box(), "Book&marks")
        self.setUsesScrollButtons(False)
        for view in (self.results, self.index_terms, self.pcs_list, self.bookmarks,
                     self.recent):
            view.target_activated.connect(self.target_activated)
        self.tabular_tree.itemExpanded.connect(self._expand_tree)
        self.tabular_tree.itemActivated.connect(self._tree_item)
        self.tabular_tree.itemClicked.connect(self._tree_item)
        self.index_kind.currentIndexChanged.connect(self._fill_letters)
        self.index_letter.currentIndexChanged.connect(self._fill_terms)
        self.currentChanged.connect(self._tab_changed)

    def _index_box(self) -> QWidget:
        box, layout = _column()
        self.index_kind = QComboBox()
        self.index_kind.setAccessibleName("Which index or table")
        self.index_letter = QComboBox()
        self.index_letter.setAccessibleName("Index letter")
        for combo, chars in ((self.index_kind, 10), (self.index_letter, 2)):
            # a long book name must not set the pane's width (the exam's code book is narrow)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(chars)
        self.index_terms = PlacesList("Main terms")
        row = QHBoxLayout()
        row.addWidget(self.index_kind, 1)
        row.addWidget(self.index_letter)
        layout.addLayout(row)
        self.index_edition = QLabel()
        self.index_edition.setWordWrap(True)
        self.index_edition.setAccessibleName("Edition of this index or table")
        layout.addWidget(self.index_edition)
        self.index_notice = QLabel(
            "The ICD-10-CM Alphabetic Index is not installed (it is not shipped). Code sets → "
            "Get official files… downloads it from CDC, or import icd10cm-index-<year>.xml "
            "(in CDC's “Table and Index” zip) with Code sets.")
        self.index_notice.setWordWrap(True)
        self.index_notice.setAccessibleName("Alphabetic Index not installed")
        layout.addWidget(self.index_notice)
        layout.addWidget(self.index_terms, 1)
        return box

    def _pcs_box(self) -> QWidget:
        box, layout = _column()
        self.pcs_notice = QLabel("The ICD-10-PCS tables are not installed. Import "
                                 "icd10pcs_tables_<year>.xml (or CMS's zip) with Code sets.")
        self.pcs_notice.setWordWrap(True)
        self.pcs_notice.setAccessibleName("ICD-10-PCS tables not installed")
        self.pcs_list = PlacesList("ICD-10-PCS tables")
        layout.addWidget(self.pcs_notice)
        layout.addWidget(self.pcs_list, 1)
        return box

    def _saved_box(self) -> QWidget:
        box, layout = _column()
        self.bookmarks = BookmarksList("Bookmarks")
        self.recent = PlacesList("Recently opened")
        bookmarks_label = QLabel("Bookmarks (Ctrl+D adds, Delete removes)")
        bookmarks_label.setWordWrap(True)  # it must not set the pane's width
        bookmarks_label.setBuddy(self.bookmarks)
        bookmarks_label.setAccessibleName("Bookmarks heading")
        recent_label = QLabel("Recently opened")
        recent_label.setBuddy(self.recent)
        recent_label.setAccessibleName("Recently opened heading")
        layout.addWidget(bookmarks_label)
        layout.addWidget(self.bookmarks, 2)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent, 1)
        return box

    # -- filling the lists -------------------------------------------------------------
    def refill(self) -> None:
        """Everything, after the installed code sets changed."""
        self._fill_tree()
        self._fill_index_kinds()
        self._fill_pcs()
        self.fill_bookmarks()

    def show_hits(self, hits: list[SearchHit]) -> None:
        # No current row is set here: that scrolls to it, which lays out every row at
        # once instead of a screenful per turn (Enter and Down start at the first row).
        self.results.set_rows(Row(h.text, hit_target(h), hit_html(h), h.text) for h in hits)

    def fill_bookmarks(self) -> None:
        self.bookmarks.set_rows(Row(p.label, p.target) for p in self.service.bookmarks())
        self.fill_recent()

    def fill_recent(self) -> None:
        self.recent.set_rows(Row(p.label, p.target) for p in self.service.recent(40))

    def _fill_tree(self) -> None:
        self.tabular_tree.clear()
        for ch in self.service.cm_chapters():
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
        for child in self.service.cm_children(key):
            label = child.title if child.kind == "block" else f"{child.key}  {child.title}"
            node = QTreeWidgetItem([label])
            node.setData(0, ROLE_TARGET, f"cm:{child.key}")
            node.setToolTip(0, label)
            if not child.billable and not child.needs_seventh:
                node.addChild(QTreeWidgetItem(["…"]))
            font = QFont(self.tabular_tree.font())
            font.setBold(child.billable or child.needs_seventh)
            node.setFont(0, font)
            item.addChild(node)

    def _tree_item(self, item: QTreeWidgetItem) -> None:
        target = item.data(0, ROLE_TARGET)
        if target:
            self.target_activated.emit(str(target))

    def _fill_index_kinds(self) -> None:
        self.index_notice.setVisible(not self.service.has(Kind.CM_INDEX))
        self.index_kind.blockSignals(True)
        self.index_kind.clear()
        for kind in self.service.index_kinds():
            self.index_kind.addItem(KIND_LABELS[kind], kind.value)
        self.index_kind.blockSignals(False)
        self._fill_letters()

    def _fill_letters(self) -> None:
        self.index_letter.blockSignals(True)
        self.index_letter.clear()
        value = self.index_kind.currentData()
        self._show_index_edition(Kind(value) if value else None)
        if value:
            for letter in self.service.index_letters(Kind(value)):
                self.index_letter.addItem(letter, letter)
        self.index_letter.blockSignals(False)
        self._fill_terms()

    def follow(self, target: str, label: str) -> None:
        """Keep the Index tab on the book and letter of the index page in view (it went on
        listing the Neoplasm Table while an External Cause page was open)."""
        if not target.startswith("idx:"):
            return
        book = self.index_kind.findData(target.split(":")[1])
        if book >= 0 and book != self.index_kind.currentIndex():
            self.index_kind.setCurrentIndex(book)  # refills the letters and terms
        letter = next((c.upper() for c in label if c.isalpha()), None)
        row = self.index_letter.findData(letter) if letter else -1
        if row >= 0 and row != self.index_letter.currentIndex():
            self.index_letter.setCurrentIndex(row)

    def _show_index_edition(self, kind: Kind | None) -> None:
        """Each book shows its edition: the indexes may be a year older than the Tabular."""
        line = self.service.edition_line(kind, self.exam_date_of()) if kind is not None else ""
        self.index_edition.setText(line)
        self.index_edition.setVisible(bool(line))

    def _fill_terms(self) -> None:
        value = self.index_kind.currentData()
        letter = self.index_letter.currentData()
        if not value or letter is None:
            self.index_terms.set_rows([])
            return
        terms = self.service.main_terms(Kind(value), str(letter))
        self.index_terms.set_rows(Row(t.full_title, f"idx:{value}:{t.id}") for t in terms)

    def _fill_pcs(self) -> None:
        tables = self.service.pcs_tables()
        self.pcs_notice.setVisible(tables is None)
        if tables is None:  # a wrapping notice, not a list row cut off at the pane's edge
            self.pcs_list.set_rows([Row("Open Code sets…", "sets:")])
            return
        self.pcs_list.set_rows(
            Row(f"{t.prefix}  {t.operation.labels[0][1]} — {t.body_system.labels[0][1]}",
                f"pcs:{t.prefix}") for t in tables)

    def set_compact(self, on: bool) -> None:
        """Beside the exam the pane is narrow: tabs scroll (whole names, never "R…")
        instead of setting its width."""
        self.setUsesScrollButtons(on)
        self.tabBar().setElideMode(Qt.TextElideMode.ElideNone)

    # -- tabs --------------------------------------------------------------------------
    def _tab_changed(self, n: int) -> None:
        if n == SAVED_TAB:
            self.fill_recent()

    def show_tab(self, n: int) -> None:
        """Alt+1…5: the tab, with the keyboard in its list."""
        self.setCurrentIndex(n)
        if n == SAVED_TAB:
            self.fill_recent()
        widget = self.currentWidget()
        if widget is not None:
            target = {INDEX_TAB: self.index_terms, PCS_TAB: self.pcs_list,
                      SAVED_TAB: self.bookmarks}.get(n, widget)
            target.setFocus()

    def focus_results(self) -> None:
        if self.results.count():
            self.setCurrentWidget(self.results)
            self.results.setFocus()
            if self.results.current_row() < 0:
                self.results.set_current_row(0)
