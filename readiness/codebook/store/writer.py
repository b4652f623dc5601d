"""Write one code-set database from scratch (the builders' only way in)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from readiness.codebook.model import (
    IndexTerm,
    Kind,
    Note,
    PcsDefinition,
    PcsTable,
    SeventhChar,
    SourceFile,
    TabularEntry,
)
from readiness.codebook.store.pcs_tables import axis_json
from readiness.codebook.store.schema import SCHEMA, SCHEMA_VERSION
from readiness.codebook.store.text import SPELL_MIN, deletions, joined_forms


@dataclass(frozen=True)
class FtsDoc:
    rank: tuple[object, ...]
    text: str
    ref: str
    kind: str


class StoreWriter:
    """Writes one code-set database from scratch (used by the builders only)."""

    def __init__(self, path: Path) -> None:
        if path.exists():
            path.unlink()
        self.path = path
        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        self.conn.executescript(SCHEMA)
        self.conn.execute("BEGIN")
        self._docs: list[FtsDoc] = []
        self._terms: list[tuple[object, ...]] = []
        self._note_seq = 0

    # -- content -----------------------------------------------------------------
    def add_entry(self, e: TabularEntry, notes: Iterable[Note] = (),
                  seventh: Iterable[SeventhChar] = ()) -> None:
        self.conn.execute(
            "INSERT INTO entry VALUES (?,?,?,?,?,?,?,?,?)",
            (e.seq, e.key, e.kind, e.title, e.parent, e.depth, int(e.billable),
             int(e.needs_seventh), e.seventh_from),
        )
        rows = []
        for n in notes:
            self._note_seq += 1
            rows.append((e.key, self._note_seq, n.kind, n.text))
        if rows:
            self.conn.executemany("INSERT INTO note VALUES (?,?,?,?)", rows)
        srows = [(e.key, s.char, s.text, i) for i, s in enumerate(seventh)]
        if srows:
            self.conn.executemany("INSERT INTO seventh VALUES (?,?,?,?)", srows)

    def add_plain_entries(self, entries: Iterable[TabularEntry]) -> None:
        """Entries without notes or 7th characters in one statement (the 80,000 rows of the
        PCS order file: one execute per row was a third of that build)."""
        self.conn.executemany(
            "INSERT INTO entry VALUES (?,?,?,?,?,?,?,?,?)",
            ((e.seq, e.key, e.kind, e.title, e.parent, e.depth, int(e.billable),
              int(e.needs_seventh), e.seventh_from) for e in entries))

    def add_entries(self, rows: Iterable[tuple[TabularEntry, tuple[Note, ...],
                                               tuple[SeventhChar, ...]]]) -> None:
        for e, notes, seventh in rows:
            self.add_entry(e, notes, seventh)

    def add_term(self, t: IndexTerm) -> None:
        # Gathered and written in batches: one execute per term was a fifth of the
        # PCS Index build (32,000 terms).
        self._terms.append(
            (t.id, t.parent, t.main, t.level, t.letter, t.title, t.nemod, t.tail, t.code,
             t.manif, t.see, t.see_also, t.see_cat, t.subcat, t.use, t.codes,
             json.dumps(list(t.cells)), t.path, int(t.has_children)))
        if len(self._terms) >= 5000:
            self._flush_terms()

    def _flush_terms(self) -> None:
        if self._terms:
            self.conn.executemany(
                "INSERT INTO term VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self._terms)
            self._terms = []

    def set_headings(self, headings: dict[int, str]) -> None:
        self.conn.executemany("INSERT INTO heading VALUES (?,?)", sorted(headings.items()))

    def add_pcs_table(self, table: PcsTable) -> None:
        heads = [axis_json(a) for a in table.heads]
        rows = [[axis_json(a) for a in r.axes] for r in table.rows]
        self.conn.execute("INSERT INTO pcs_table VALUES (?,?,?,?)",
                          (table.prefix, table.seq, json.dumps(heads), json.dumps(rows)))

    def add_pcs_definition(self, d: PcsDefinition) -> None:
        self.conn.execute(
            "INSERT INTO pcs_def (section, pos, axis_title, title, definition, explanation,"
            " includes) VALUES (?,?,?,?,?,?,?)",
            (d.section, d.pos, d.axis_title, d.title, d.definition, d.explanation,
             json.dumps(list(d.includes))),
        )

    def add_doc(self, rank: tuple[object, ...], text: str, ref: str, kind: str) -> None:
        self._docs.append(FtsDoc(rank, text, ref, kind))

    # -- finish ------------------------------------------------------------------
    def finish(self, kind: Kind, edition: str, sources: Iterable[SourceFile],
               counts: dict[str, int], built_at: str, extra: dict[str, str] | None = None) -> None:
        self._flush_terms()
        self._docs.sort(key=lambda d: d.rank)
        # No merging while the documents go in: 'optimize' below merges once, at the end.
        self.conn.execute("INSERT INTO fts(fts, rank) VALUES ('automerge', 0)")
        self.conn.executemany(
            "INSERT INTO fts (rowid, text, alt, ref, kind) VALUES (?,?,?,?,?)",
            ((i + 1, d.text, joined_forms(d.text), d.ref, d.kind)
             for i, d in enumerate(self._docs)),
        )
        self._write_vocabulary()
        meta = {
            "schema_version": str(SCHEMA_VERSION),
            "kind": kind.value,
            "edition": edition,
            "sources": json.dumps([s.__dict__ for s in sources]),
            "counts": json.dumps(counts),
            "built_at": built_at,
            **(extra or {}),
        }
        self.conn.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        self.conn.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        self.conn.commit()
        self.conn.execute("ANALYZE")
        self.conn.commit()
        self.conn.close()

    def _write_vocabulary(self) -> None:
        """Every word of the searchable text with its frequency, and a deletion index of
        the words (each with one letter left out) for spelling suggestions: a misspelt
        query word and a book word within two edits share an entry (symspell's idea),
        so a suggestion costs one indexed look-up instead of a scan of the vocabulary."""
        # FTS5 already tokenised every line (text and joined forms): read its terms
        # back instead of tokenising 80,000 PCS titles again in Python
        self.conn.execute("CREATE VIRTUAL TABLE temp.fts_terms USING fts5vocab(main, fts, row)")
        self.conn.execute("INSERT INTO vocab SELECT term, cnt FROM temp.fts_terms")
        self.conn.execute("DROP TABLE temp.fts_terms")
        words = [w for (w,) in self.conn.execute("SELECT word FROM vocab")]
        rows: set[tuple[str, str]] = set()
        for w in words:
            if len(w) >= SPELL_MIN and w.isalpha():
                rows.add((w, w))
                rows.update((x, w) for x in deletions(w))
        self.conn.executemany("INSERT INTO spell VALUES (?,?)", sorted(rows))
        self.conn.execute("CREATE INDEX spell_del ON spell(del)")

    def abort(self) -> None:
        try:
            self.conn.close()
        finally:
            self.path.unlink(missing_ok=True)
