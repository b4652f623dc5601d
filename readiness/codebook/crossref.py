"""Following the indexes' cross-references ("see", "see also") to the term they name.

A reference names a path of terms, comma by comma: "Accident, transport, truck occupant".
The book's own term lines are not that tidy: a title may hold commas ("Neoplasm,
neoplastic", "fire, flames"), modifiers in parentheses may sit between its words ("truck
(heavy transport vehicle) occupant"), it may end in NEC or NOS, and a reference may end
with a qualifier the reader applies ("..., by type of vehicle").  So every level is matched
on words, and the path that names the most of the reference wins (book order breaks ties).

ICD-10-PCS Index references name an operation and a body system and give the table
("see Excision, Lower Bones 0QB"); body systems are not subterms, so such a reference lands
on the operation's first subterm that leads into the table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from readiness.codebook.model import IndexTerm

_PAREN = re.compile(r"\([^)]*\)")
_TOKEN = re.compile(r"[a-z0-9]+")
# What the reader applies after the place is found: "by type of vehicle", "or the
# specified metal"; in the PCS Index a character value ("Excision with qualifier
# Diagnostic", "Occlusion using Extraluminal Device"), which is no subterm.
_QUALIFIER = re.compile(r"\s*\b(?:by (?:type|site|specific|specified|body|histology|kind|"
                        r"object)\b.*|or the specified .*|with (?:qualifier|device) .*|"
                        r"using .*)$", re.IGNORECASE)
_FILLER = frozenset({"nec", "nos"})


_ENDINGS = ("ists", "ist", "ers", "er", "ing", "es", "s", "e")


def _norm(token: str) -> str:
    """Forms of one word meet: "Dye(s)" / "Dyes" / "Dye", "cycle" / "cyclist"."""
    for ending in _ENDINGS:
        if len(token) - len(ending) >= 4 and token.endswith(ending):
            return token[:-len(ending)]
    return token


def words(text: str, keep_parenthesised: bool = False) -> tuple[str, ...]:
    """The words that identify ``text``: lower case, NEC/NOS and (by default) the
    nonessential modifiers in parentheses left out."""
    text = text.lower().replace("(s)", "").replace("'s", "")
    if not keep_parenthesised:
        text = _PAREN.sub(" ", text)
    return tuple(_norm(t) for t in _TOKEN.findall(text) if t not in _FILLER)


def reference_parts(text: str) -> list[tuple[str, ...]]:
    """The levels a reference names, each as its words; qualifiers the reader applies
    ("by type of vehicle", "or the specified metal") are dropped."""
    out: list[tuple[str, ...]] = []
    for raw in re.split(r",|\.\s", text):  # "War operations. fire": a comma mistyped
        stripped = _QUALIFIER.sub("", raw).strip()
        if stripped != raw.strip():  # "firearm by type": the word before still counts
            if stripped:
                out.append(words(stripped))
            break
        w = words(stripped)
        if w:
            out.append(w)
    return [p for p in out if p]


_LINKING = frozenset({"of", "with", "using", "qualifier", "device", "and"})


def split_first(parts: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]] | None:
    """The same reference with its first part read as two levels: "Carbon tetrachloride"
    is "Carbon, tetrachloride" in the Drug Table, "Introduction of Nutritional Substance"
    is "Introduction of substance in or on, ..., Nutritional Substance" in the PCS Index."""
    if not parts or len(parts[0]) < 2:
        return None
    rest = tuple(w for w in parts[0][1:] if w not in _LINKING)
    return [parts[0][:1], *([rest] if rest else []), *parts[1:]]


@dataclass(frozen=True)
class TermWords:
    """A term line as matching sees it."""

    pieces: tuple[tuple[str, ...], ...]  # the title's comma pieces ("fire", "flames")
    core: tuple[str, ...]  # title and tail without modifiers ("truck occupant")
    full: frozenset[str]  # every word, modifiers included

    @classmethod
    def of(cls, term: IndexTerm) -> TermWords:
        line = f"{term.title} {term.tail}"
        pieces = tuple(p for p in (words(x) for x in term.title.split(",")) if p)
        return cls(pieces, words(line), frozenset(words(f"{line} {term.nemod}", True)))


def match(term: IndexTerm, parts: Sequence[tuple[str, ...]]) -> tuple[int, int]:
    """(how many leading ``parts`` the term names, how well: 3 exact … 1 loose)."""
    if not parts:
        return 0, 0
    tw = TermWords.of(term)
    n = len(tw.pieces)
    if n > 1 and tuple(parts[:n]) == tw.pieces:
        return n, 3
    first = parts[0]
    if first == tw.core or first in tw.pieces:
        return 1, 3
    if set(first) <= tw.full:  # "Complication of or following": the modifiers' words too
        return 1, 2 if tw.core and first[0] == tw.core[0] else 1
    return 0, 0


@dataclass(frozen=True)
class Landing:
    term_id: int
    named: int  # how many parts of the reference the path names
    quality: int


Terms = Callable[[int], list[IndexTerm]]


def walk(candidates: Sequence[IndexTerm], parts: Sequence[tuple[str, ...]],
         children: Terms, subtree: Terms | None = None, depth: int = 0) -> Landing | None:
    """The best path from ``candidates`` down through ``children`` naming ``parts``.

    When no child names the next part, a deeper subterm may (the reference skipped a
    level the book has: "aircraft, occupant, helicopter" under "occupant, powered")."""
    best: Landing | None = None
    for term in candidates:
        used, quality = match(term, parts)
        if not used:
            continue
        here = Landing(term.id, used, quality)
        if used < len(parts) and term.has_children and depth < 12:
            below = walk(children(term.id), parts[used:], children, subtree, depth + 1)
            if below is None and subtree is not None:
                deeper = subtree(term.id)[1:]
                below = walk([t for t in deeper if t.level > term.level + 1],
                             parts[used:], children, None, depth + 1)
            if below is not None:
                here = Landing(below.term_id, used + below.named,
                               min(quality, below.quality))
        if best is None or (here.named, here.quality) > (best.named, best.quality):
            best = here
        if best.named == len(parts) and best.quality == 3:
            break  # the first exact, complete path in book order
    return best


def into_table(subtree: list[IndexTerm], top: int, table: str) -> int | None:
    """The subterm of ``top`` (a PCS operation) whose codes lead into ``table`` ("0QB")."""
    parent = {t.id: t.parent for t in subtree}
    for t in subtree:
        codes = f"{t.code} {t.codes}".split()
        if t.id != top and any(c.startswith(table) for c in codes):
            node = t.id
            while parent.get(node) not in (top, None):
                node = parent[node]  # type: ignore[assignment]
            return node
    return None
