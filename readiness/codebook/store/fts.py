"""Full-text search queries and the spelling vocabulary of one code-set file."""

from __future__ import annotations

import sqlite3
from bisect import bisect_left
from collections.abc import Iterable

from readiness.codebook.model import INDEX_KINDS, Kind
from readiness.codebook.store.text import fts_query


class SearchReads:
    """The search part of :class:`~readiness.codebook.store.CodeSetStore`."""

    conn: sqlite3.Connection
    kind: Kind
    _vocab: bool | None
    _words: dict[str, int] | None
    _sorted: list[str]

    def search(self, tokens: list[str], limit: int) -> list[tuple[int, str, str, str]]:
        """(rowid, text, ref, kind) of documents containing every token, best static rank first."""
        if not tokens:
            return []
        return self.search_match(fts_query(tokens), limit)

    def search_match(self, expression: str, limit: int) -> list[tuple[int, str, str, str]]:
        """(rowid, text, ref, kind) of documents matching an FTS5 expression, best static
        rank first (an expression FTS5 cannot parse matches nothing)."""
        try:
            return self.conn.execute(
                "SELECT rowid, text, ref, kind FROM fts WHERE fts MATCH ? ORDER BY rowid LIMIT ?",
                (expression, limit),
            ).fetchall()
        except sqlite3.OperationalError:
            return []

    def search_rows(self, expression: str, limit: int
                    ) -> list[tuple[int, str, str, str, object]]:
        """(rowid, text, ref, kind, extra) like :meth:`search_match`, in one query with
        what the ranking needs of each line: for the Tabular List whether its entry is
        reportable (1, 0, or None for a line of no entry), for an index the code its
        term gives; None for other books."""
        if self.kind == Kind.CM_TABULAR:
            sql = ("SELECT f.rowid, f.text, f.ref, f.kind, "
                   "(SELECT e.billable OR e.needs_seventh FROM entry e WHERE e.key = f.ref) "
                   "FROM fts f WHERE fts MATCH ? ORDER BY f.rowid LIMIT ?")
        elif self.kind in INDEX_KINDS:
            sql = ("SELECT f.rowid, f.text, f.ref, f.kind, "
                   "(SELECT CASE WHEN t.code != '' THEN t.code ELSE t.codes END FROM term t "
                   "WHERE t.id = CAST(f.ref AS INTEGER)) "
                   "FROM fts f WHERE fts MATCH ? ORDER BY f.rowid LIMIT ?")
        else:
            sql = ("SELECT rowid, text, ref, kind, NULL FROM fts WHERE fts MATCH ? "
                   "ORDER BY rowid LIMIT ?")
        try:
            return self.conn.execute(sql, (expression, limit)).fetchall()
        except sqlite3.OperationalError:
            return []

    @property
    def has_vocabulary(self) -> bool:
        """Whether the file carries the spelling vocabulary (built by schema 7 and later)."""
        if self._vocab is None:
            self._vocab = self.conn.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('vocab', 'spell')"
            ).fetchone()[0] == 2
        return self._vocab

    def _vocabulary(self) -> tuple[dict[str, int], list[str]]:
        """The file's words with their frequency and in sorted order, read once (a few
        thousand words per book, ~10 ms for all of them): every query word is looked up
        in each book, and a dictionary look-up is a hundred times cheaper than a query."""
        if self._words is None:
            rows = self.conn.execute("SELECT word, n FROM vocab ORDER BY word").fetchall() \
                if self.has_vocabulary else []
            self._words = {str(w): int(n) for w, n in rows}
            self._sorted = [str(w) for w, _n in rows]
        return self._words, self._sorted

    def load_vocabulary(self) -> None:
        """Read the vocabulary now (in idle time, before the first keystroke needs it)."""
        self._vocabulary()

    def _prefix_range(self, prefix: str) -> tuple[list[str], int, int]:
        ordered = self._vocabulary()[1]
        lo = bisect_left(ordered, prefix)
        return ordered, lo, bisect_left(ordered, prefix + "\uffff", lo)

    def knows_prefix(self, prefix: str) -> bool:
        """Whether some word of the searchable text starts with ``prefix``."""
        if not self.has_vocabulary:
            return True  # an old file cannot say: never "correct" against it
        _ordered, lo, hi = self._prefix_range(prefix)
        return hi > lo

    def words_with_prefix(self, prefix: str, longer_by: int) -> list[str]:
        """The words of the searchable text that start with ``prefix`` and are at most
        ``longer_by`` letters longer ("fracture" -> fracture, fractured, fractures)."""
        if not self.has_vocabulary:
            return []
        ordered, lo, hi = self._prefix_range(prefix)
        most = len(prefix) + longer_by
        return [w for w in ordered[lo:hi] if len(w) <= most]

    def knows_word(self, word: str) -> bool:
        """Whether ``word`` is a whole word of the searchable text."""
        if not self.has_vocabulary:
            return True
        return word in self._vocabulary()[0]

    def word_count(self, word: str) -> int:
        """How many times ``word`` occurs in the searchable text (0 for an old file)."""
        return self._vocabulary()[0].get(word, 0)

    def spelling_candidates(self, keys: Iterable[str]) -> list[tuple[str, int]]:
        """(word, frequency) of the book words sharing a deletion-index entry with a key."""
        wanted = list(dict.fromkeys(keys))
        if not wanted or not self.has_vocabulary:
            return []
        marks = ",".join("?" * len(wanted))
        return self.conn.execute(
            f"SELECT DISTINCT s.word, v.n FROM spell s JOIN vocab v ON v.word = s.word "
            f"WHERE s.del IN ({marks})", wanted).fetchall()

    def term_codes(self, ids: Iterable[int]) -> dict[int, str]:
        """The code each index term gives (its code, else the PCS codes it names)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        return {int(i): str(c or cs) for i, c, cs in self.conn.execute(
            f"SELECT id, code, codes FROM term WHERE id IN ({marks})", wanted)}

    def billable_keys(self, keys: Iterable[str]) -> set[str]:
        """The keys among ``keys`` that are reportable leaves or need only a 7th character."""
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return set()
        marks = ",".join("?" * len(wanted))
        return {k for (k,) in self.conn.execute(
            f"SELECT key FROM entry WHERE key IN ({marks}) AND (billable OR needs_seventh)",
            wanted)}
