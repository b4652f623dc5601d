"""The code-set store: one SQLite file per installed part of the code books.

This module is the only place that speaks SQL to a code-set database.  Every file has
the same schema (most tables stay empty for a given kind); a file is written once by
:class:`StoreWriter` into a temporary path and then moved into place, and afterwards
only read through :class:`CodeSetStore`.

Full-text search uses FTS5.  Documents are inserted in a fixed quality order (shorter,
higher-level text first), so the rowid order *is* the static rank: a query asks for
``ORDER BY rowid LIMIT n`` and FTS5 stops after n matches instead of scoring them all.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from readiness.codebook.model import (
    INDEX_KINDS,
    CodeSetInfo,
    IndexTerm,
    Kind,
    Note,
    PcsAxis,
    PcsDefinition,
    PcsRow,
    PcsTable,
    SeventhChar,
    SourceFile,
    TabularEntry,
)

# 7: notes under a 7th character are rows of their own, not part of its text
# 8: the search index grew a column of joined word forms and a spelling vocabulary.
SCHEMA_VERSION = 8

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entry (
    seq INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    parent TEXT,
    depth INTEGER NOT NULL,
    billable INTEGER NOT NULL,
    needs_seventh INTEGER NOT NULL,
    seventh_from TEXT
);
CREATE INDEX entry_parent ON entry(parent, seq);
CREATE TABLE note (key TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX note_key ON note(key, seq);
CREATE TABLE seventh (key TEXT NOT NULL, char TEXT NOT NULL, text TEXT NOT NULL,
                      seq INTEGER NOT NULL);
CREATE INDEX seventh_key ON seventh(key, seq);
CREATE TABLE term (
    id INTEGER PRIMARY KEY,
    parent INTEGER,
    main INTEGER NOT NULL,
    level INTEGER NOT NULL,
    letter TEXT NOT NULL,
    title TEXT NOT NULL,
    nemod TEXT NOT NULL,
    tail TEXT NOT NULL,
    code TEXT NOT NULL,
    manif TEXT NOT NULL,
    see TEXT NOT NULL,
    see_also TEXT NOT NULL,
    see_cat TEXT NOT NULL,
    subcat TEXT NOT NULL,
    use TEXT NOT NULL,
    codes TEXT NOT NULL,
    cells TEXT NOT NULL,
    path TEXT NOT NULL,
    has_children INTEGER NOT NULL
);
CREATE INDEX term_parent ON term(parent, id);
CREATE INDEX term_main_title ON term(level, title COLLATE NOCASE);
CREATE INDEX term_letter ON term(letter, level, id);
CREATE INDEX term_main ON term(main);
CREATE TABLE heading (col INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE pcs_table (prefix TEXT PRIMARY KEY, seq INTEGER NOT NULL, heads TEXT NOT NULL,
                        rows TEXT NOT NULL);
CREATE TABLE pcs_def (
    id INTEGER PRIMARY KEY,
    section TEXT NOT NULL,
    pos INTEGER NOT NULL,
    axis_title TEXT NOT NULL,
    title TEXT NOT NULL,
    definition TEXT NOT NULL,
    explanation TEXT NOT NULL,
    includes TEXT NOT NULL
);
CREATE INDEX pcs_def_title ON pcs_def(section, pos, title COLLATE NOCASE);
CREATE VIRTUAL TABLE fts USING fts5(
    text, alt, ref UNINDEXED, kind UNINDEXED,
    prefix = '2 3', tokenize = "unicode61 remove_diacritics 2"
);
CREATE TABLE vocab (word TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE spell (del TEXT NOT NULL, word TEXT NOT NULL);
"""

_TOKEN = re.compile(r"[0-9A-Za-z\u00c0-\uffff]+")
# Words the book prints with a hyphen, apostrophe or slash inside ("Gastro-esophageal",
# "Alzheimer's"), which coders type joined ("gastroesophageal", "alzheimers").
_JOINED = re.compile(r"[0-9A-Za-z\u00c0-\uffff]+(?:['\u2019/-][0-9A-Za-z\u00c0-\uffff]+)+")
SPELL_MIN = 4  # shorter words are too often abbreviations to be "corrected"


def joined_forms(text: str) -> str:
    """The joined spellings of the compound words in ``text`` (space separated)."""
    if "-" not in text and "'" not in text and "/" not in text and "\u2019" not in text:
        return ""  # most lines: skip the regular expression
    return " ".join(re.sub(r"['\u2019/-]", "", m.group(0)) for m in _JOINED.finditer(text))


def deletions(word: str) -> set[str]:
    """``word`` with one letter left out, every way."""
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def query_tokens(text: str) -> list[str]:
    """The words of a search query as FTS5 sees them (letters and digits, lower case,
    accents removed as the tokenizer's remove_diacritics does)."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(c))
    return _TOKEN.findall(text.lower())


def fts_query(tokens: list[str]) -> str:
    """An FTS5 MATCH expression: every word must appear, each as a word prefix.

    A one-character word matches whole ("type 1", "hepatitis a"): as a prefix it would
    match most of the book and tell the reader nothing."""
    return " AND ".join(f'"{t}"' if len(t) == 1 else f'"{t}"*' for t in tokens)


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
        self.conn.executescript(_SCHEMA)
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
        heads = [_axis_json(a) for a in table.heads]
        rows = [[_axis_json(a) for a in r.axes] for r in table.rows]
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


def _axis_json(a: PcsAxis) -> dict[str, object]:
    return {"pos": a.pos, "title": a.title, "labels": [list(x) for x in a.labels],
            "definition": a.definition}


def _axis_from(d: dict[str, object]) -> PcsAxis:
    labels = d["labels"]
    assert isinstance(labels, list)
    return PcsAxis(
        pos=int(str(d["pos"])),
        title=str(d["title"]),
        labels=tuple((str(v), str(lab)) for v, lab in labels),
        definition=str(d.get("definition", "")),
    )


def read_meta(path: Path) -> dict[str, str] | None:
    """The meta table of a code-set file, or None if it is missing or unreadable."""
    if not path.exists():
        return None
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            return dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return None


class CodeSetStore:
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

    # -- tabular -------------------------------------------------------------------
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

    # -- index -----------------------------------------------------------------------
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

    # -- ICD-10-PCS ------------------------------------------------------------------------
    def pcs_table(self, prefix: str) -> PcsTable | None:
        row = self.conn.execute("SELECT prefix, seq, heads, rows FROM pcs_table WHERE prefix = ?",
                                (prefix,)).fetchone()
        return _table_from(row) if row else None

    def pcs_tables(self) -> list[PcsTable]:
        return [_table_from(r) for r in self.conn.execute(
            "SELECT prefix, seq, heads, rows FROM pcs_table ORDER BY seq")]

    def pcs_prefixes(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT prefix FROM pcs_table ORDER BY seq")]

    def pcs_definition(self, section: str, pos: int, title: str) -> PcsDefinition | None:
        row = self.conn.execute(
            "SELECT section, pos, axis_title, title, definition, explanation, includes "
            "FROM pcs_def WHERE section = ? AND pos = ? AND title = ? COLLATE NOCASE LIMIT 1",
            (section, pos, title)).fetchone()
        if row is None:
            return None
        s, p, at, t, d, e, inc = row
        return PcsDefinition(s, p, at, t, d, e, tuple(json.loads(inc)))

    def pcs_definition_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM pcs_def").fetchone()[0])

    # -- search ----------------------------------------------------------------------------
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


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _table_from(row: tuple[str, int, str, str]) -> PcsTable:
    prefix, seq, heads, rows = row
    return PcsTable(
        prefix=prefix,
        heads=tuple(_axis_from(a) for a in json.loads(heads)),
        rows=tuple(PcsRow(tuple(_axis_from(a) for a in r)) for r in json.loads(rows)),
        seq=seq,
    )
