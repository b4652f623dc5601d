"""How well one searchable line answers the query: the order of the result list.

Exact phrase and title start first; index lines before tabular and PCS lines (the
Guidelines, I.B.1, start coding in the index); billable codes before headers; short
lines before long ones.  A line that misses query words (partial matches) sinks by a
large step per missing word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from readiness.codebook.store import joined_forms, query_tokens

BASE = {"index": 16.0, "subterm": 10.0, "title": 8.0, "inclusion": 5.0, "includes": 4.0,
        "pcs": 4.0,
        "pcstitle": 3.0}
INDEX_FIRST = 15.0  # an index line holding every word, over tabular lines alike
MISSING_WORD = 40.0
BILLABLE = 6.0
HEADER = -30.0  # a category that needs more characters: its reportable codes go first
HEADING = -4.0  # a chapter or block: a place to browse, not a code to report


@dataclass(frozen=True)
class Query:
    terms: tuple[tuple[str, ...], ...]  # per query word, the prefixes it stands for

    @property
    def flat(self) -> tuple[str, ...]:
        return tuple(t[0] for t in self.terms)

    @cached_property
    def starts(self) -> tuple[tuple[str, ...], ...]:
        """Per word, " prefix" for each spelling: a word of a line starts with it."""
        return tuple(tuple(" " + v for v in t) for t in self.terms)

    @cached_property
    def wholes(self) -> tuple[tuple[str, ...], ...]:
        """Per word, " word " for each spelling: a whole word of a line."""
        return tuple(tuple(" " + v + " " for v in t) for t in self.terms)


def score(text: str, doc_kind: str, q: Query, billable: bool | None) -> tuple[float, int]:
    """(score, number of query words the line contains).  Runs for every candidate of
    every keystroke, so the word tests are substring tests on one joined string."""
    names, hay = line_words(text)
    terms, starts = q.terms, q.starts
    k = len(terms)
    found = _count(starts, hay)
    if found < k and ("-" in text or "'" in text or "/" in text or "\u2019" in text):
        names, hay = line_words(text, joined=True)  # "gastroesophageal"
        found = _count(starts, hay)
    s = BASE.get(doc_kind, 0.0) - MISSING_WORD * (k - found) - 1.2 * len(names)
    if found == k and doc_kind in ("index", "subterm"):
        s += INDEX_FIRST
    s += 4.0 * _count(q.wholes, hay)
    if len(names) >= k and all(names[i].startswith(terms[i]) for i in range(k)):
        # the whole line (a header's title matched whole still sends the reader on to
        # its codes, so it counts as a start only), or its start
        s += 60.0 if len(names) == k and billable is not False else 25.0
    elif 1 < k <= found and _contains_run(names, terms):
        s += 10.0
    if names and names[0].startswith(terms[0]):
        s += 15.0
    if billable is True:
        s += BILLABLE
    elif billable is False:
        s += HEADER
    elif billable is None and doc_kind == "title":
        s += HEADING
    return s, found


_KEEP = 20000  # lines whose words are remembered (a line's words never change)
_seen: dict[tuple[str, bool], tuple[list[str], str]] = {}


def line_words(text: str, joined: bool = False) -> tuple[list[str], str]:
    """A line's words and " word word ... " for substring tests, remembered: typing a
    query one letter at a time scores mostly the same lines again."""
    key = (text, joined)
    got = _seen.get(key)
    if got is None:
        names = query_tokens(text)
        if joined:
            names = names + query_tokens(joined_forms(text))
        if len(_seen) >= _KEEP:
            _seen.clear()
        got = _seen[key] = (names, " " + " ".join(names) + " ")
    return got


def _count(needles: tuple[tuple[str, ...], ...], hay: str) -> int:
    """How many query words have some spelling in ``hay``."""
    n = 0
    for spellings in needles:
        for v in spellings:
            if v in hay:
                n += 1
                break
    return n


def _contains_run(names: list[str], terms: tuple[tuple[str, ...], ...]) -> bool:
    k = len(terms)
    first = terms[0]
    return any(names[i].startswith(first)
               and all(names[i + j].startswith(terms[j]) for j in range(1, k))
               for i in range(len(names) - k + 1))
