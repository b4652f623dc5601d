"""The code book: every installed code set behind one facade (no Qt).

``CodeBook`` opens the code-set databases found in its folder and answers what the
browser and the validator ask: code look-ups (with 7th characters and placeholder X),
tabular pages with their notes, index pages, cross-references, PCS tables and the
ranked search over everything installed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from readiness.codebook import bundled, importer
from readiness.codebook.cm_tabular import allowed_seventh
from readiness.codebook.code_hits import CM_CODE, code_query_hits
from readiness.codebook.code_titles import code_titles
from readiness.codebook.model import (
    INDEX_KINDS,
    CodeSetInfo,
    Kind,
    PcsCheck,
    PcsDefinition,
    PcsTable,
    SearchHit,
    SeventhChar,
    TabularEntry,
)
from readiness.codebook.pages import IndexPage, TabularPage, index_page, tabular_page
from readiness.codebook.pcs import PcsChecker
from readiness.codebook.search import SearchResult, TextSearch
from readiness.codebook.search.synonyms import curated
from readiness.codebook.see_refs import resolve_see
from readiness.codebook.store import CodeSetStore
from readiness.core.bank.models import CodeRef
from readiness.core.codes import CodeInfo, CodeStatus, format_problem, normalize
from readiness.core.errors import UserError
from readiness.core.progress import NullProgress, Progress


@dataclass(frozen=True)
class Resolved:
    """A CM code as typed, resolved to its tabular entry (and 7th character, if any)."""

    code: str  # the complete code as it is reported ("S72.001A")
    entry: TabularEntry  # the tabular entry that prints it ("S72.001")
    seventh: SeventhChar | None
    title: str

    @property
    def billable(self) -> bool:
        return self.entry.billable or self.seventh is not None



class CodeBook:
    def __init__(self, codesets_dir: Path) -> None:
        self.dir = codesets_dir
        self._stores: dict[Kind, CodeSetStore] = {}
        self._checker: PcsChecker | None = None
        self._tables: dict[str, PcsTable] = {}
        self._text: TextSearch | None = None
        importer.remove_stale_partials(codesets_dir)
        self.reload()

    # -- lifecycle -------------------------------------------------------------------------
    def reload(self) -> None:
        self.close()
        if not self.dir.exists():
            return
        for kind in Kind:
            path = importer.db_path(self.dir, kind)
            if path.exists():
                try:
                    self._stores[kind] = CodeSetStore(path)
                except Exception:  # a damaged file is treated as absent (rebuilt on demand)
                    continue

    def close(self) -> None:
        for s in self._stores.values():
            s.close()
        self._stores = {}
        self._checker = None
        self._tables = {}
        self._text = None

    def store(self, kind: Kind) -> CodeSetStore | None:
        return self._stores.get(kind)

    def installed(self) -> list[CodeSetInfo]:
        return [s.info for s in self._stores.values()]

    def has(self, kind: Kind) -> bool:
        return kind in self._stores

    def edition(self, kind: Kind) -> str | None:
        s = self._stores.get(kind)
        return s.edition if s else None

    def needs_default_build(self) -> bool:
        """Whether a first-use build is due: the bundled Tabular List or a shipped book
        (PCS, the CM indexes and tables, HCPCS) is missing or out of date."""
        return bool(self.default_steps())

    def default_steps(self) -> list[Kind]:
        """The bundled books a first-use build would build now, in build order."""
        tabular = [Kind.CM_TABULAR] if self._tabular_stale() else []
        return tabular + [b.kind for b in bundled.stale(self.dir)]

    def _tabular_stale(self) -> bool:
        source = importer.bundled_tabular()
        return source is not None and not importer.default_is_current(self.dir, source)

    def prepare_default(self, progress: Progress | None = None) -> list[importer.Pending]:
        """Build the next group of bundled books that are missing or stale, beside the
        installed sets (safe on a worker thread); :meth:`install` it on the owning thread,
        then ask :meth:`needs_default_build` again.

        The Tabular List comes alone first, so the book (and the exam's code titles) is
        there as soon as today; the shipped PCS, index-family and HCPCS books follow as
        the second group.  A failure or Cancel leaves no partial file behind.  A Tabular
        the build refuses (an upgraded package: its checksum) does not keep the other
        books out; it is raised when nothing else is left to build."""
        progress = progress or NullProgress()
        refused: UserError | None = None
        if self._tabular_stale():
            source = importer.bundled_tabular()
            assert source is not None
            step = bundled.ScaledProgress(progress, 0, 1, "Building the ICD-10-CM Tabular List")
            try:
                return [importer.prepare_default(self.dir, source, step)]
            except UserError as exc:
                refused = exc
        books = bundled.stale(self.dir)
        if refused is not None and not books:
            raise refused
        return bundled.prepare(self.dir, books, progress)

    def build_default(self, progress: Progress | None = None) -> None:
        """Build and install every bundled book, group by group (one thread)."""
        while self.needs_default_build():
            pending = self.prepare_default(progress)
            self.install(pending)
            if not pending:
                break  # nothing more can be built (never loop on a book that keeps failing)

    def prepare_import(self, path: Path, expect: Kind | None = None,
                       progress: Progress | None = None
                       ) -> tuple[list[importer.ImportResult], list[importer.Pending]]:
        """Build an import beside the installed sets (safe on a worker thread)."""
        return importer.prepare_import(path, self.dir, expect, progress)

    def install(self, pending: list[importer.Pending]) -> None:
        """Swap built databases in: close the old files first, then reopen everything."""
        self.close()
        try:
            importer.install(pending)
        finally:
            self.reload()

    def import_file(self, path: Path, expect: Kind | None = None,
                    progress: Progress | None = None) -> list[importer.ImportResult]:
        """Import and install in one go (scripts, tests)."""
        results, pending = self.prepare_import(path, expect, progress)
        self.install(pending)
        return results

    def remove(self, kind: Kind) -> None:
        s = self._stores.pop(kind, None)
        if s is not None:
            s.close()
        importer.remove(self.dir, kind)
        self._checker = None
        self._text = None

    # -- ICD-10-CM tabular ----------------------------------------------------------------------
    @property
    def tabular(self) -> CodeSetStore | None:
        return self._stores.get(Kind.CM_TABULAR)

    def cm_resolve(self, text: str) -> Resolved | None:
        tab = self.tabular
        if tab is None:
            return None
        code = normalize("icd10cm", text)
        e = tab.entry(code)
        if e is not None:
            return Resolved(code, e, None, e.title)
        bare = code.replace(".", "")
        if len(bare) != 7:
            return None
        base6, char = bare[:6], bare[6]
        cand = base6
        while len(cand) >= 3:
            key = cand if len(cand) == 3 else f"{cand[:3]}.{cand[3:]}"
            e = tab.entry(key)
            if e is not None:
                if e.needs_seventh and e.seventh_from:
                    for s in self.seventh_for(e):
                        if s.char == char:
                            return Resolved(code, e, s, f"{e.title}, {s.text}")
                return None
            if not cand.endswith("X"):
                return None
            cand = cand[:-1]
        return None

    def seventh_for(self, entry: TabularEntry) -> list[SeventhChar]:
        """The 7th characters valid for a leaf that needs one (exceptions applied)."""
        tab = self.tabular
        if tab is None or not entry.seventh_from:
            return []
        return allowed_seventh(entry.key, tab.seventh(entry.seventh_from),
                               tab.notes(entry.seventh_from))

    def placeholder_fix(self, text: str) -> Resolved | None:
        """'W56.01A' typed without its placeholder: the complete code 'W56.01XA'."""
        bare = normalize("icd10cm", text).replace(".", "")
        if not 4 <= len(bare) < 7:
            return None
        padded = bare[:-1].ljust(6, "X") + bare[-1]
        r = self.cm_resolve(padded)
        return r if r is not None and r.seventh is not None else None

    def cm_status(self, text: str) -> CodeStatus:
        if self.tabular is None:
            return CodeStatus.UNAVAILABLE
        # Existence in the tabular list decides (the generic shape check in core.codes
        # leaves out the U codes of chapter 22, e.g. U07.1 COVID-19).
        if not CM_CODE.match(re.sub(r"\s+", "", text).upper()):
            return CodeStatus.INVALID
        r = self.cm_resolve(text)
        if r is None or not r.entry.is_code:
            return CodeStatus.INVALID
        return CodeStatus.BILLABLE if r.billable else CodeStatus.HEADER

    def cm_chapters(self) -> list[TabularEntry]:
        return self.tabular.children(None) if self.tabular else []

    def cm_children(self, key: str) -> list[TabularEntry]:
        return self.tabular.children(key) if self.tabular else []

    def cm_page(self, key: str) -> TabularPage | None:
        tab = self.tabular
        if tab is None:
            return None
        resolved = self.cm_resolve(key) if not key.startswith("chapter:") else None
        entry = resolved.entry if resolved else tab.entry(key)
        if entry is None:
            return None
        return tabular_page(tab, entry, resolved.code if resolved else entry.key)

    # -- indexes (pages.py, see_refs.py) ---------------------------------------------------
    def index_kinds(self) -> list[Kind]:
        return [k for k in INDEX_KINDS if k in self._stores]

    def index_page(self, kind: Kind, term_id: int) -> IndexPage | None:
        s = self._stores.get(kind)
        return index_page(s, kind, term_id) if s is not None else None

    def resolve_see(self, kind: Kind, text: str, table: str = "") -> tuple[Kind, int] | None:
        """The term a 'see'/'see also' reference names: 'Accident, transport, aircraft'
        (see :mod:`readiness.codebook.crossref`); ``table`` is the PCS table the reference
        gives ("0QB").

        Looks in the same index first, then the other CM indexes (the book's 'see' may send
        the reader from the Neoplasm Table to the main index and back)."""
        return resolve_see(self._stores, kind, text, table)

    # -- ICD-10-PCS ------------------------------------------------------------------------
    def pcs_checker(self) -> PcsChecker | None:
        s = self._stores.get(Kind.PCS_TABLES)
        if s is None:
            return None
        if self._checker is None:
            self._tables = {t.prefix: t for t in s.pcs_tables()}
            self._checker = PcsChecker(list(self._tables), self._tables.get)
        return self._checker

    def pcs_check(self, code: str) -> PcsCheck | None:
        """Check a PCS code; a valid one carries CMS's long title when the order file is
        installed, else a title composed from the table labels."""
        checker = self.pcs_checker()
        if checker is None:
            return None
        res = checker.check(code)
        if res.valid:
            official = self.pcs_long_title(res.code)
            if official:
                from dataclasses import replace

                res = replace(res, title=official)
        return res

    def pcs_long_title(self, code: str) -> str:
        s = self._stores.get(Kind.PCS_ORDER)
        e = s.entry(code) if s else None
        return e.title if e is not None else ""

    def pcs_table(self, prefix: str) -> PcsTable | None:
        checker = self.pcs_checker()
        return checker.table(prefix[:3]) if checker else None

    def pcs_definition(self, section: str, pos: int, title: str) -> PcsDefinition | None:
        s = self._stores.get(Kind.PCS_DEFINITIONS)
        return s.pcs_definition(section, pos, title) if s else None

    # -- validation ------------------------------------------------------------------------
    def status(self, ref: CodeRef) -> CodeStatus:
        if ref.system == "icd10cm":
            return self.cm_status(ref.code)
        if ref.system == "icd10pcs":
            checker = self.pcs_checker()
            if checker is None:
                return CodeStatus.UNAVAILABLE
            code = normalize("icd10pcs", ref.code)
            if format_problem("icd10pcs", code):
                return CodeStatus.INVALID
            return CodeStatus.BILLABLE if checker.check(code).valid else CodeStatus.INVALID
        kind = Kind.CPT if ref.system == "cpt" else Kind.HCPCS
        s = self._stores.get(kind)
        if s is None:
            return CodeStatus.UNAVAILABLE
        code = normalize(ref.system, ref.code)
        return CodeStatus.BILLABLE if s.entry(code) is not None else CodeStatus.INVALID

    # -- titles ----------------------------------------------------------------------------
    def titles(self, refs: Iterable[CodeRef]) -> dict[CodeRef, str]:
        """The official titles of the codes the installed sets know, in one query per set
        (:func:`readiness.codebook.code_titles.code_titles` says which set gives which)."""
        return code_titles(self, refs)

    def describe(self, ref: CodeRef) -> CodeInfo:
        """Status and title of one code, as an encoder shows it beside a typed code."""
        status = self.status(ref)
        title = ""
        if status in (CodeStatus.BILLABLE, CodeStatus.HEADER):
            title = self.titles([ref]).get(ref, "")
        return CodeInfo(ref, status, title)

    # -- search ----------------------------------------------------------------------------
    def search(self, query: str, limit: int = 40) -> list[SearchHit]:
        """The hits of :meth:`find`."""
        return self.find(query, limit).hits

    def _code_hits(self, q: str, limit: int) -> list[SearchHit]:
        """Hits for a query typed as a code or code prefix (none for words)."""
        return code_query_hits(self, q, limit)

    def find(self, query: str, limit: int = 40, exact: bool = False) -> SearchResult:
        """Search by code or words; the result says how the words were understood
        (spelling corrected, abbreviations spelt out, partial matches).  ``exact`` searches
        the words as typed, without spelling corrections."""
        q = query.strip()
        code_hits = self._code_hits(q, limit) if q else []
        if code_hits:
            return SearchResult(code_hits, query)
        return self.text_search().run(q, limit, exact)

    def text_search(self) -> TextSearch:
        """The word search over the books open now (made on first use)."""
        if self._text is None:
            self._text = TextSearch(self._stores, curated())
        return self._text

    def warm_search(self) -> None:
        """Load what the first word search would load (each book's vocabulary)."""
        for step in self.search_warm_steps():
            step()

    def search_warm_steps(self) -> list[Callable[[], None]]:
        """:meth:`warm_search` in small steps (the curated list, then one book's
        vocabulary each), for a caller that runs them in idle time; a step for a book
        closed meanwhile does nothing."""
        def vocabulary(kind: Kind) -> None:
            s = self._stores.get(kind)
            if s is not None:
                s.load_vocabulary()

        def search() -> None:
            self.text_search()  # reads the curated abbreviations and lay terms

        return [search, *(functools.partial(vocabulary, k) for k in self._stores)]
