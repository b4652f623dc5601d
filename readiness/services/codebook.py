"""The code book service: the installed code sets plus the user's bookmarks and history.

Heavy work (building the bundled books, importing or downloading a release file) happens in
``build_default`` / ``import_file``, which touch only the code-set folder and so may run on
a worker thread; the caller then calls :meth:`reload` on the GUI thread.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from readiness.codebook import bundled, download, editions, importer, manifest
from readiness.codebook.importer import ImportResult, Pending, discard
from readiness.codebook.library import CodeBook, IndexPage, Resolved, TabularPage
from readiness.codebook.manifest import ReleaseFile
from readiness.codebook.model import (
    CodeSetInfo,
    IndexTerm,
    Kind,
    PcsDefinition,
    PcsTable,
    SearchHit,
    TabularEntry,
)
from readiness.codebook.pcs import PcsChecker
from readiness.codebook.search import SearchResult
from readiness.core.bank.models import CodeRef
from readiness.core.clock import Clock
from readiness.core.codes import CodeInfo
from readiness.core.progress import Progress
from readiness.storage.codebook import CodebookRepository, Place

# The page types the UI reads are re-exported: the UI reaches the code sets only through
# this module, never ``readiness.codebook.library`` or ``.store`` (tests/test_layers.py).
__all__ = ["CodebookService", "ImportResult", "IndexPage", "Pending", "Place", "ReleaseFile",
           "Resolved", "SearchResult", "TabularPage"]


class CodebookService:
    def __init__(self, repo: CodebookRepository, clock: Clock, codesets_dir: Path) -> None:
        self._repo = repo
        self._clock = clock
        self.codesets_dir = codesets_dir
        self._book: CodeBook | None = None
        self._listeners: list[Callable[[], None]] = []
        self.building = False  # a first-use build is running (so a second view waits for it)
        # Titles and statuses already looked up; emptied whenever the installed sets change.
        self._titles: dict[CodeRef, str] = {}
        self._infos: dict[CodeRef, CodeInfo] = {}

    # -- code sets -------------------------------------------------------------------
    @property
    def book(self) -> CodeBook:
        if self._book is None:
            self._book = CodeBook(self.codesets_dir)
        return self._book

    def missing(self) -> list[str]:
        """What the first-use build would build now (empty: nothing to do)."""
        return [k.label for k in self.book.default_steps()]

    def needs_build(self) -> bool:
        return bool(self.missing())

    def build_missing(self, progress: Progress | None = None) -> list[Pending]:
        """The first-use build, the one place it happens: build the next group of bundled
        books that are missing or out of date (the Tabular List first, then the shipped
        PCS, index, table and HCPCS files) beside the installed ones.  Worker-thread safe,
        reports progress and stops at ``progress.check()`` when cancelled; :meth:`install`
        the result on the GUI thread and ask again while :meth:`needs_build` says so
        (``readiness.ui.codebook.first_use`` does both)."""
        return self.prepare_default(progress) if self.book.needs_default_build() else []

    def prepare_default(self, progress: Progress | None = None) -> list[Pending]:
        """Worker-thread safe: builds the next group of bundled books that are missing or
        stale (the ICD-10-CM Tabular List first, then the shipped PCS, index, table and
        HCPCS files) beside the installed sets; :meth:`install` the result on the GUI
        thread and start again while :meth:`needs_build` says so."""
        return self.book.prepare_default(progress)

    def prepare_import(self, path: Path, expect: Kind | None = None,
                       progress: Progress | None = None
                       ) -> tuple[list[ImportResult], list[Pending]]:
        """Worker-thread safe: recognises and builds every part of ``path``."""
        return self.book.prepare_import(path, expect, progress)

    def install(self, pending: list[Pending]) -> None:
        """On the thread that uses the book: swap the built sets in and tell the views."""
        self.book.install(pending)
        self._changed()

    def discard(self, pending: list[Pending]) -> None:
        discard(pending)

    def build_default(self, progress: Progress | None = None) -> None:
        """Build and install every bundled book in one go (scripts, tests)."""
        self.book.build_default(progress)
        self._changed()

    def import_file(self, path: Path, expect: Kind | None = None,
                    progress: Progress | None = None) -> list[ImportResult]:
        """Import and install in one go (scripts, tests)."""
        results, pending = self.prepare_import(path, expect, progress)
        self.install(pending)
        return results

    # -- official files on request (Code sets > Get official files...) -------------------------
    def release_files(self) -> list[ReleaseFile]:
        """The CDC/CMS files the manifest lists, newest fiscal year first."""
        files = manifest.load_manifest()
        return [f for year in manifest.by_year(files).values() for f in year]

    def prepare_download(self, entry: ReleaseFile, progress: Progress | None = None
                         ) -> tuple[list[ImportResult], list[Pending]]:
        """Worker-thread safe: download ``entry`` to a temporary file, check it and build
        it like an import; :meth:`install` the result.  Nothing installed changes here,
        and the download is deleted whatever happens."""
        with tempfile.TemporaryDirectory(prefix="codebook-download-") as tmp:
            target = Path(tmp) / Path(entry.file_name).name
            download.fetch(entry, target, progress)
            return self.book.prepare_import(target, None, progress)

    def shrinking(self, results: list[ImportResult]) -> list[str]:
        """What an install of ``results`` would replace with far fewer codes or terms
        (asked about first: a partial or wrong file must not silently replace a book)."""
        return editions.shrinking(self.installed(), results)

    def edition_notes(self, exam_date: date | None = None) -> list[str]:
        """Books older than the exam year's edition, and a note when editions differ."""
        return editions.notes(self.installed(), exam_date or self._clock.now().date())

    def edition_line(self, kind: Kind, exam_date: date | None = None) -> str:
        """'Edition: ICD-10-CM FY2025 — older than the 2026 edition the exam uses; …' for the
        book in view ('' when it is not installed)."""
        info = next((i for i in self.installed() if i.kind == kind), None)
        if info is None:
            return ""
        required = editions.required_year(exam_date or self._clock.now().date())
        if not editions.older_than(info, required):
            return f"Edition: {info.edition}."
        return (f"Edition: {info.edition} — older than the {required} edition the exam uses; "
                f"{editions.GET_CURRENT}.")

    def is_shipped(self, kind: Kind) -> bool:
        """Whether a copy of this book comes with the app (removing it brings that back)."""
        if kind == Kind.CM_TABULAR:
            return importer.bundled_tabular() is not None
        return any(b.kind == kind for b in bundled.SHIPPED)

    def remove(self, kind: Kind) -> None:
        self.book.remove(kind)
        self._changed()

    def installed(self) -> list[CodeSetInfo]:
        return self.book.installed()

    def reload(self) -> None:
        self.book.reload()
        self._changed()

    def on_changed(self, callback: Callable[[], None]) -> None:
        self._listeners.append(callback)

    def forget(self, callback: Callable[[], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def _changed(self) -> None:
        self._titles = {}
        self._infos = {}
        for callback in list(self._listeners):
            callback()

    # -- search as coders type -----------------------------------------------------------
    def find(self, query: str, limit: int = 40, exact: bool = False) -> SearchResult:
        """Hits with how the words were read (spelling, abbreviations, partial matches);
        ``exact`` searches the words as typed (see ``readiness.codebook.search``)."""
        return self.book.find(query, limit=limit, exact=exact)

    # -- reading the books (what the code-book browser shows) ------------------------------
    def search(self, query: str, limit: int = 40) -> list[SearchHit]:
        return self.book.search(query, limit=limit)

    def has(self, kind: Kind) -> bool:
        return self.book.has(kind)

    def edition(self, kind: Kind) -> str | None:
        return self.book.edition(kind)

    def cm_chapters(self) -> list[TabularEntry]:
        return self.book.cm_chapters()

    def cm_children(self, key: str) -> list[TabularEntry]:
        return self.book.cm_children(key)

    def cm_page(self, key: str) -> TabularPage | None:
        return self.book.cm_page(key)

    def cm_resolve(self, text: str) -> Resolved | None:
        return self.book.cm_resolve(text)

    def cm_entry(self, key: str) -> TabularEntry | None:
        tab = self.book.tabular
        return tab.entry(key) if tab is not None else None

    def cm_exists(self, code: str) -> bool:
        """Whether the installed Tabular List prints ``code`` (links only to what exists)."""
        return self.cm_entry(code) is not None

    def index_kinds(self) -> list[Kind]:
        return self.book.index_kinds()

    def index_letters(self, kind: Kind) -> list[str]:
        store = self.book.store(kind)
        return store.letters() if store is not None else []

    def main_terms(self, kind: Kind, letter: str) -> list[IndexTerm]:
        store = self.book.store(kind)
        return store.main_terms(letter) if store is not None else []

    def index_page(self, kind: Kind, term_id: int) -> IndexPage | None:
        return self.book.index_page(kind, term_id)

    def resolve_see(self, kind: Kind, text: str, table: str = "") -> tuple[Kind, int] | None:
        return self.book.resolve_see(kind, text, table)

    def pcs_checker(self) -> PcsChecker | None:
        return self.book.pcs_checker()

    def pcs_table(self, prefix: str) -> PcsTable | None:
        return self.book.pcs_table(prefix)

    def pcs_tables(self) -> list[PcsTable] | None:
        """Every installed PCS table in code order; None when the tables are not installed."""
        checker = self.book.pcs_checker()
        if checker is None:
            return None
        tables = (checker.table(prefix) for prefix in checker.prefixes)
        return [t for t in tables if t is not None]

    def pcs_definition(self, section: str, pos: int, title: str) -> PcsDefinition | None:
        return self.book.pcs_definition(section, pos, title)

    def pcs_long_title(self, code: str) -> str:
        return self.book.pcs_long_title(code)

    def list_entry(self, kind: Kind, code: str) -> tuple[TabularEntry, str] | None:
        """A code of an imported list (CPT, HCPCS) with the list's edition."""
        store = self.book.store(kind)
        entry = store.entry(code) if store is not None else None
        return (entry, store.edition) if entry is not None and store is not None else None

    # -- titles for other features (the practice exam) ---------------------------------------
    def titles(self, refs: Iterable[CodeRef]) -> dict[CodeRef, str]:
        """Official titles of ``refs`` from the installed code sets (see
        :meth:`CodeBook.titles`); codes without one are left out.  Looked up in one batch
        for whatever is not cached yet."""
        wanted = list(dict.fromkeys(refs))
        missing = [r for r in wanted if r not in self._titles]
        if missing:
            found = self.book.titles(missing)
            for ref in missing:
                self._titles[ref] = found.get(ref, "")
        return {r: self._titles[r] for r in wanted if self._titles[r]}

    def describe(self, ref: CodeRef) -> CodeInfo:
        """Billable / header / invalid / unavailable, with the title (cached)."""
        info = self._infos.get(ref)
        if info is None:
            if len(self._infos) > 5000:  # every code ever typed: keep it bounded
                self._infos = {}
            info = self._infos[ref] = self.book.describe(ref)
        return info

    def warm(self) -> None:
        """Load what the first look-up would load (the PCS tables, the books'
        vocabularies for the word search), in idle time."""
        self.book.pcs_checker()
        self.book.warm_search()

    def search_warm_steps(self) -> list[Callable[[], None]]:
        """What the first word search would load, in small steps for idle time."""
        return self.book.search_warm_steps()

    def close(self) -> None:
        self._titles = {}
        self._infos = {}
        if self._book is not None:
            self._book.close()
            self._book = None

    # -- bookmarks and history ---------------------------------------------------------
    def bookmarks(self) -> list[Place]:
        return self._repo.bookmarks()

    def is_bookmarked(self, target: str) -> bool:
        return self._repo.is_bookmarked(target)

    def toggle_bookmark(self, target: str, label: str) -> bool:
        """Bookmark the place, or remove the bookmark; returns whether it is now bookmarked."""
        if self._repo.is_bookmarked(target):
            self._repo.remove_bookmark(target)
            return False
        self._repo.add_bookmark(target, label, self._clock.now())
        return True

    def remove_bookmark(self, target: str) -> None:
        self._repo.remove_bookmark(target)

    def record_visit(self, target: str, label: str) -> None:
        self._repo.record_visit(target, label, self._clock.now())

    def recent(self, limit: int = 30) -> list[Place]:
        return self._repo.recent(limit)
