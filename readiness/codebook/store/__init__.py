"""The code-set store: one SQLite file per installed part of the code books.

This package is the only place that speaks SQL to a code-set database.  Every file has
the same schema (most tables stay empty for a given kind); a file is written once by
:class:`StoreWriter` into a temporary path and then moved into place, and afterwards
only read through :class:`CodeSetStore`.

Full-text search uses FTS5.  Documents are inserted in a fixed quality order (shorter,
higher-level text first), so the rowid order *is* the static rank: a query asks for
``ORDER BY rowid LIMIT n`` and FTS5 stops after n matches instead of scoring them all.

The parts: :mod:`.schema` (the DDL), :mod:`.text` (tokens), :mod:`.writer` (building a
file), and the reads, one mixin per part of the book (:mod:`.tabular`,
:mod:`.index_terms`, :mod:`.pcs_tables`, :mod:`.fts`) joined in :class:`CodeSetStore`.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from readiness.codebook.model import CodeSetInfo, Kind, SourceFile
from readiness.codebook.store.fts import SearchReads
from readiness.codebook.store.index_terms import IndexReads
from readiness.codebook.store.pcs_tables import PcsReads
from readiness.codebook.store.schema import SCHEMA_VERSION
from readiness.codebook.store.tabular import TabularReads
from readiness.codebook.store.text import (
    SPELL_MIN,
    deletions,
    fts_query,
    joined_forms,
    query_tokens,
)
from readiness.codebook.store.writer import FtsDoc, StoreWriter

__all__ = [
    "SCHEMA_VERSION", "SPELL_MIN", "CodeSetStore", "FtsDoc", "StoreWriter", "deletions",
    "fts_query", "joined_forms", "query_tokens", "read_meta",
]


def read_meta(path: Path) -> dict[str, str] | None:
    """The meta table of a code-set file, or None if it is missing or unreadable."""
    if not path.exists():
        return None
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            return dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return None


class CodeSetStore(TabularReads, IndexReads, PcsReads, SearchReads):
    """Read-only access to one code-set database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.conn.execute("PRAGMA query_only=ON")
        self.conn.execute("PRAGMA cache_size=-16000")
        self.meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        self.kind = Kind(self.meta["kind"])
        self._headings: dict[int, str] | None = None
        self._vocab: bool | None = None
        self._words: dict[str, int] | None = None
        self._sorted: list[str] = []

    def close(self) -> None:
        self.conn.close()

    @property
    def info(self) -> CodeSetInfo:
        sources = tuple(SourceFile(**s) for s in json.loads(self.meta.get("sources", "[]")))
        return CodeSetInfo(self.kind, self.meta.get("edition", ""), sources,
                           self.meta.get("built_at", ""),
                           json.loads(self.meta.get("counts", "{}")))

    @property
    def edition(self) -> str:
        return self.meta.get("edition", "")
