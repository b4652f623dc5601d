"""Words as the search index sees them: tokens, joined compound forms, FTS5 queries."""

from __future__ import annotations

import re
import unicodedata

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
