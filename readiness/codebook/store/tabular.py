"""Reading the Tabular List: entries, their notes and 7th characters."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from readiness.codebook.model import Kind, Note, SeventhChar, TabularEntry


class TabularReads:
    """The tabular part of :class:`~readiness.codebook.store.CodeSetStore`."""

    conn: sqlite3.Connection
    kind: Kind

    _ENTRY_COLS = "key, kind, title, parent, depth, billable, needs_seventh, seventh_from, seq"

    @staticmethod
    def _entry(row: tuple[object, ...]) -> TabularEntry:
        key, kind, title, parent, depth, billable, needs7, s_from, seq = row
        return TabularEntry(str(key), str(kind), str(title), parent if parent is None
                            else str(parent), int(str(depth)), bool(billable), bool(needs7),
                            None if s_from is None else str(s_from), int(str(seq)))

    def entry(self, key: str) -> TabularEntry | None:
        row = self.conn.execute(f"SELECT {self._ENTRY_COLS} FROM entry WHERE key = ?",
                                (key,)).fetchone()
        return self._entry(row) if row else None

    def titles(self, keys: Iterable[str]) -> dict[str, str]:
        """The titles of the entries among ``keys`` (one query per 500 keys)."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            found.update(self.conn.execute(
                f"SELECT key, title FROM entry WHERE key IN ({marks}) "
                "AND kind NOT IN ('chapter', 'block')", chunk).fetchall())
        return found

    def entries_with_prefix(self, prefix: str, limit: int = 50) -> list[TabularEntry]:
        """Codes whose key starts with ``prefix`` (an index range scan), in book order."""
        hi = prefix + "\uffff"
        rows = self.conn.execute(
            f"SELECT {self._ENTRY_COLS} FROM entry WHERE key >= ? AND key < ? "
            "AND kind NOT IN ('chapter', 'block') ORDER BY key LIMIT ?",
            (prefix, hi, limit),
        ).fetchall()
        return [self._entry(r) for r in rows]

    def children(self, key: str | None) -> list[TabularEntry]:
        if key is None:
            rows = self.conn.execute(
                f"SELECT {self._ENTRY_COLS} FROM entry WHERE parent IS NULL ORDER BY seq"
            ).fetchall()
        else:
            rows = self.conn.execute(
                f"SELECT {self._ENTRY_COLS} FROM entry WHERE parent = ? ORDER BY seq", (key,)
            ).fetchall()
        return [self._entry(r) for r in rows]

    def subtree(self, key: str) -> list[TabularEntry]:
        """The entry and all its descendants in book order."""
        rows = self.conn.execute(
            f"""WITH RECURSIVE sub(k) AS (SELECT ? UNION ALL
                SELECT e.key FROM entry e JOIN sub ON e.parent = sub.k)
                SELECT {self._ENTRY_COLS} FROM entry WHERE key IN (SELECT k FROM sub)
                ORDER BY seq""",
            (key,),
        ).fetchall()
        return [self._entry(r) for r in rows]

    def ancestors(self, key: str) -> list[TabularEntry]:
        """Chapter first, down to the entry's parent."""
        out: list[TabularEntry] = []
        current = self.entry(key)
        while current is not None and current.parent is not None:
            current = self.entry(current.parent)
            if current is not None:
                out.append(current)
        return list(reversed(out))

    def notes(self, key: str) -> list[Note]:
        rows = self.conn.execute("SELECT kind, text FROM note WHERE key = ? ORDER BY seq",
                                 (key,)).fetchall()
        return [Note(k, t) for k, t in rows]

    def notes_for(self, keys: list[str]) -> dict[str, list[Note]]:
        out: dict[str, list[Note]] = {k: [] for k in keys}
        if not keys:
            return out
        marks = ",".join("?" * len(keys))
        for key, kind, text in self.conn.execute(
            f"SELECT key, kind, text FROM note WHERE key IN ({marks}) ORDER BY seq", keys
        ):
            out[key].append(Note(kind, text))
        return out

    def seventh(self, key: str) -> list[SeventhChar]:
        rows = self.conn.execute("SELECT char, text FROM seventh WHERE key = ? ORDER BY seq",
                                 (key,)).fetchall()
        return [SeventhChar(c, t) for c, t in rows]

    def count_entries(self) -> dict[str, int]:
        return {k: n for k, n in self.conn.execute(
            "SELECT kind, COUNT(*) FROM entry GROUP BY kind")}

    def iter_entries(self) -> Iterator[TabularEntry]:
        for row in self.conn.execute(f"SELECT {self._ENTRY_COLS} FROM entry ORDER BY seq"):
            yield self._entry(row)
