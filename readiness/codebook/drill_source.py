"""The installed code book as a source of drill prompts (core.drills.generate.DrillSource).

Completion of a CM code is checked against the Tabular List, so a prompt's answer is
always a code the exam would accept as reported.
"""

from __future__ import annotations

from readiness.codebook.cm_tabular import seventh_char_codes
from readiness.codebook.library import CodeBook
from readiness.codebook.model import IndexTerm, Kind, PcsTable
from readiness.core.drills.generate import pcs_code_count, term_choices
from readiness.core.drills.models import BOOKS, TERM_KINDS, DrillBook


class BookDrillSource:
    def __init__(self, book: CodeBook) -> None:
        self.book = book
        self._tables: dict[str, PcsTable | None] = {}
        self._prefixes: list[str] | None = None
        self._completed: dict[str, tuple[str, bool] | None] = {}

    def missing(self, drill: DrillBook) -> list[Kind]:
        """The code sets a drill book needs that are not installed."""
        return [k for k in BOOKS[drill].needs if not self.book.has(k)]

    def term_span(self, kind: Kind) -> tuple[int, int] | None:
        store = self.book.store(kind)
        return store.term_span() if store is not None else None

    def coded_term_from(self, kind: Kind, term_id: int) -> IndexTerm | None:
        store = self.book.store(kind)
        return store.coded_term_from(term_id) if store is not None else None

    def same_path(self, kind: Kind, term: IndexTerm) -> list[IndexTerm]:
        store = self.book.store(kind)
        return store.terms_at_path(term) if store is not None else [term]

    def complete(self, code: str) -> tuple[str, bool] | None:
        if code not in self._completed:
            self._completed[code] = self._complete(code)
        return self._completed[code]

    def _complete(self, code: str) -> tuple[str, bool] | None:
        resolved = self.book.cm_resolve(code)
        if resolved is None or not resolved.entry.is_code:
            return None
        if resolved.billable:
            return resolved.code, False
        entry = resolved.entry
        if entry.needs_seventh and any(s.char == "A" for s in self.book.seventh_for(entry)):
            return seventh_char_codes(entry.key, ["A"])[0], True
        return None  # a heading: the statement cannot say which code below it

    def pcs_prefixes(self) -> list[str]:
        if self._prefixes is None:
            store = self.book.store(Kind.PCS_TABLES)
            self._prefixes = store.pcs_prefixes() if store is not None else []
        return self._prefixes

    def pcs_table(self, prefix: str) -> PcsTable | None:
        if prefix not in self._tables:
            self._tables[prefix] = self.book.pcs_table(prefix)
        return self._tables[prefix]

    def pool_size(self, drill: DrillBook) -> int:
        """About how many look-ups the book holds: valid codes (PCS), or the statements
        its coded lines give (index books; an upper bound, as a code the Tabular List
        does not report is left out when drawn)."""
        if drill is DrillBook.PCS_TABLES:
            store = self.book.store(Kind.PCS_TABLES)
            if store is None:
                return 0
            return pcs_code_count(store.pcs_tables())
        store = self.book.store(TERM_KINDS[drill])
        if store is None:
            return 0
        return sum(len(term_choices(drill, t)) for t in store.iter_coded_terms())
