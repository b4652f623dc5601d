"""Reading an index or table: terms, subterms, main terms, the terms drills pick from."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from readiness.codebook.model import IndexTerm, Kind


class IndexReads:
    """The index part of :class:`~readiness.codebook.store.CodeSetStore`."""

    conn: sqlite3.Connection
    kind: Kind
    _headings: dict[int, str] | None

    _TERM_COLS = ("id, parent, main, level, letter, title, nemod, tail, code, manif, see, "
                  "see_also, see_cat, subcat, use, codes, cells, path, has_children")

    def _term(self, row: tuple[object, ...]) -> IndexTerm:
        (tid, parent, main, level, letter, title, nemod, tail, code, manif, see, see_also,
         see_cat, subcat, use, codes, cells, path, has_children) = row
        return IndexTerm(
            int(str(tid)), self.kind, None if parent is None else int(str(parent)),
            int(str(main)), int(str(level)), str(letter), str(title), str(nemod), str(tail),
            str(code), str(manif), str(see), str(see_also), str(see_cat), str(subcat),
            str(use), str(codes), tuple(json.loads(str(cells))), str(path), bool(has_children),
        )

    def term(self, term_id: int) -> IndexTerm | None:
        row = self.conn.execute(f"SELECT {self._TERM_COLS} FROM term WHERE id = ?",
                                (term_id,)).fetchone()
        return self._term(row) if row else None

    def term_children(self, term_id: int) -> list[IndexTerm]:
        rows = self.conn.execute(
            f"SELECT {self._TERM_COLS} FROM term WHERE parent = ? ORDER BY id", (term_id,)
        ).fetchall()
        return [self._term(r) for r in rows]

    def term_subtree(self, term_id: int) -> list[IndexTerm]:
        """The term and every subterm beneath it, in book order (ids are book order)."""
        t = self.term(term_id)
        if t is None:
            return []
        nxt = self.conn.execute(
            "SELECT MIN(id) FROM term WHERE id > ? AND level <= ?", (term_id, t.level)
        ).fetchone()[0]
        hi = nxt if nxt is not None else 1 << 62
        rows = self.conn.execute(
            f"SELECT {self._TERM_COLS} FROM term WHERE id >= ? AND id < ? ORDER BY id",
            (term_id, hi),
        ).fetchall()
        return [self._term(r) for r in rows]

    def term_count_under(self, main_id: int) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM term WHERE main = ?",
                                     (main_id,)).fetchone()[0])

    def letters(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT letter FROM term WHERE level = 0 GROUP BY letter ORDER BY MIN(id)")]

    def main_terms(self, letter: str | None = None, limit: int = 100000) -> list[IndexTerm]:
        if letter is None:
            rows = self.conn.execute(
                f"SELECT {self._TERM_COLS} FROM term WHERE level = 0 ORDER BY id LIMIT ?",
                (limit,)).fetchall()
        else:
            rows = self.conn.execute(
                f"SELECT {self._TERM_COLS} FROM term WHERE letter = ? AND level = 0 "
                "ORDER BY id LIMIT ?", (letter, limit)).fetchall()
        return [self._term(r) for r in rows]

    def find_main_term(self, title: str) -> IndexTerm | None:
        row = self.conn.execute(
            f"SELECT {self._TERM_COLS} FROM term WHERE level = 0 AND title = ? COLLATE NOCASE "
            "ORDER BY id LIMIT 1", (title.strip(),)).fetchone()
        return self._term(row) if row else None

    def main_terms_starting(self, word: str, limit: int = 20) -> list[IndexTerm]:
        """Main terms titled ``word`` or ``word, ...`` / ``word (...)``."""
        w = word.strip()
        rows = self.conn.execute(
            f"SELECT {self._TERM_COLS} FROM term WHERE level = 0 AND (title = ? COLLATE NOCASE"
            " OR title LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\') ORDER BY id LIMIT ?",
            (w, _like(w) + ",%", _like(w) + " (%", limit)).fetchall()
        return [self._term(r) for r in rows]

    def main_terms_with_first_word(self, word: str, limit: int = 400) -> list[IndexTerm]:
        """Main terms whose title starts with ``word`` (any ending: "Dye NEC", "Dye(s)",
        "Gastric"), for cross-references that the caller matches word by word."""
        rows = self.conn.execute(
            f"SELECT {self._TERM_COLS} FROM term WHERE level = 0 AND title LIKE ? ESCAPE '\\'"
            " ORDER BY id LIMIT ?", (_like(word.strip()) + "%", limit)).fetchall()
        return [self._term(r) for r in rows]

    def find_child(self, parent: int, title: str) -> IndexTerm | None:
        row = self.conn.execute(
            f"SELECT {self._TERM_COLS} FROM term WHERE parent = ? AND title = ? COLLATE NOCASE "
            "ORDER BY id LIMIT 1", (parent, title.strip())).fetchone()
        return self._term(row) if row else None

    def term_count(self, level: int | None = None) -> int:
        if level is None:
            return int(self.conn.execute("SELECT COUNT(*) FROM term").fetchone()[0])
        return int(self.conn.execute("SELECT COUNT(*) FROM term WHERE level = ?",
                                     (level,)).fetchone()[0])

    # -- drills (readiness.codebook.drill_source) --------------------------------------------
    _CODED = "(code != '' OR cells != '[]')"

    def term_span(self) -> tuple[int, int] | None:
        """The lowest and highest term id (ids are book order), or None for no terms."""
        lo, hi = self.conn.execute("SELECT MIN(id), MAX(id) FROM term").fetchone()
        return None if lo is None else (int(lo), int(hi))

    def coded_term_from(self, term_id: int) -> IndexTerm | None:
        """The first term at or after ``term_id`` that prints a code or table cells
        (wrapping to the start of the book), found along the primary key."""
        for sql in (f"SELECT {self._TERM_COLS} FROM term WHERE id >= ? AND {self._CODED} "
                    "ORDER BY id LIMIT 1",
                    f"SELECT {self._TERM_COLS} FROM term WHERE id < ? AND {self._CODED} "
                    "ORDER BY id LIMIT 1"):
            row = self.conn.execute(sql, (term_id,)).fetchone()
            if row:
                return self._term(row)
        return None

    def terms_at_path(self, term: IndexTerm) -> list[IndexTerm]:
        """Every term printed under the same path as ``term`` (the Drug table lists some
        substances twice), found through the (level, title) index."""
        rows = self.conn.execute(
            f"SELECT {self._TERM_COLS} FROM term WHERE level = ? AND title = ? COLLATE NOCASE "
            "AND path = ? ORDER BY id", (term.level, term.title, term.path)).fetchall()
        return [self._term(r) for r in rows]

    def coded_term_count(self) -> int:
        return int(self.conn.execute(
            f"SELECT COUNT(*) FROM term WHERE {self._CODED}").fetchone()[0])

    def iter_coded_terms(self) -> Iterator[IndexTerm]:
        """Every term that prints a code or cells, in book order (benchmarks, counts)."""
        for row in self.conn.execute(
                f"SELECT {self._TERM_COLS} FROM term WHERE {self._CODED} ORDER BY id"):
            yield self._term(row)

    def headings(self) -> dict[int, str]:
        if self._headings is None:
            self._headings = dict(self.conn.execute("SELECT col, text FROM heading"))
        return self._headings


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
