"""The schema every code-set file shares (most tables stay empty for a given kind)."""

# 7: notes under a 7th character are rows of their own, not part of its text
# 8: the search index grew a column of joined word forms and a spelling vocabulary.
SCHEMA_VERSION = 8

SCHEMA = """
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
