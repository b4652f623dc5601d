"""Measure the search against a set of realistic queries (the benchmark and the tests).

A query set is JSON: ``{"queries": [{"q": "CHF", "want": ["I50.9"], "kind": "..."}]}``.
A target is a code as the book keys it ("I50.9", "S72.001A", "0FT44ZZ", "0DT"), a code
prefix with ``*`` ("S52.53*"), or an index line ``index:<book>:<line start>``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from readiness.codebook.library import CodeBook
from readiness.codebook.model import INDEX_KINDS, Kind, SearchHit
from readiness.codebook.store import query_tokens


@dataclass(frozen=True)
class Case:
    q: str
    want: tuple[str, ...]
    kind: str


@dataclass(frozen=True)
class Score:
    cases: int
    hits: int
    misses: tuple[tuple[str, tuple[str, ...]], ...]  # (query, codes it showed)

    @property
    def rate(self) -> float:
        return self.hits / self.cases if self.cases else 0.0


def load(path: Path) -> list[Case]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Case(str(c["q"]), tuple(str(w) for w in c["want"]), str(c.get("kind", "")))
            for c in data["queries"]]


def hit_code(hit: SearchHit) -> str:
    return (hit.code or hit.ref) if hit.kind not in ("index", "subterm") or hit.code else ""


def matches(hit: SearchHit, want: str) -> bool:
    if want.startswith("index:"):
        _, book, line = want.split(":", 2)
        return hit.source.value == book and hit.text.lower().startswith(line.lower())
    code = hit_code(hit)
    if not code:
        return False
    if want.endswith("*"):
        return code.startswith(want[:-1])
    return code == want


def score(book: CodeBook, cases: list[Case], k: int = 5) -> Score:
    hits = 0
    misses: list[tuple[str, tuple[str, ...]]] = []
    for c in cases:
        top = book.search(c.q, max(k, 10))[:k]
        if any(matches(h, w) for h in top for w in c.want):
            hits += 1
        else:
            misses.append((c.q, tuple(hit_code(h) or h.text[:30] for h in top)))
    return Score(len(cases), hits, tuple(misses))


def target_exists(book: CodeBook, want: str) -> bool:
    """Whether a target names something in the installed books."""
    if want.startswith("index:"):
        _, book_name, line = want.split(":", 2)
        kind = Kind(book_name)
        store = book.store(kind)
        if store is None or kind not in INDEX_KINDS:
            return False
        rows = store.search(query_tokens(line), 200)
        return any(text.lower().startswith(line.lower()) for _r, text, _ref, _k in rows)
    code = want.rstrip("*")
    tab = book.tabular
    if tab is not None and (tab.entry(code) is not None or book.cm_resolve(code) is not None
                            or (want.endswith("*") and tab.entries_with_prefix(code, 1))):
        return True
    checker = book.pcs_checker()
    if checker is not None and code[:1].isdigit():
        if len(code) == 7:
            return checker.check(code).valid
        return any(p.startswith(code[:3]) for p in checker.prefixes)
    return False
