"""The word search over every installed book (code look-ups stay in ``CodeBook``).

One query goes through: normalisation (``normalize``), abbreviations and lay terms
(``synonyms``), spelling (``spelling``), an all-words search in each book's FTS5 index,
partial matches when no line has every word, then one ranking (``ranking``).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from readiness.codebook.model import INDEX_KINDS, Kind, SearchHit
from readiness.codebook.search import normalize, ranking, spelling
from readiness.codebook.search.synonyms import Synonym, Synonyms
from readiness.codebook.store import CodeSetStore

TARGET_BOOST = 300.0  # the everyday code a curated abbreviation or term stands for
# Lines read from each book per query, best static rank (shortest) first: enough for the
# ranking to find the best among them, few enough to score within a keystroke.
_PER_BOOK = {Kind.CM_TABULAR: 30, Kind.PCS_ORDER: 20}
_DEFAULT_PER_BOOK = 12
_PARTIAL_PER_BOOK = 25
_ANSWERS = 128  # remembered answers


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    query: str  # as typed
    corrected: str = ""  # the words searched instead when some were misspelt ("diabetes")
    partial: bool = False  # no line holds every word: the best partial matches
    meanings: tuple[str, ...] = ()  # "CHF: congestive heart failure"
    missing: tuple[str, ...] = field(default=())  # words no line had (partial matches)


@dataclass
class _Cand:
    score: float
    found: int
    doc_kind: str
    source: Kind
    ref: str
    text: str
    code: str
    literal: bool = False  # found by the words as typed, not by their curated meaning


class TextSearch:
    def __init__(self, stores: Mapping[Kind, CodeSetStore], synonyms: Synonyms) -> None:
        self.stores = {k: s for k, s in stores.items() if k != Kind.PCS_DEFINITIONS
                       and not (k == Kind.PCS_ORDER and Kind.PCS_TABLES not in stores)}
        self.synonyms = synonyms
        # what the installed books say about single words never changes while they are
        # open: remember it (these are look-ups, not search results)
        self._freq: dict[str, int] = {}
        self._book_word: dict[str, bool] = {}
        self._spelt: dict[str, str | None] = {}
        self._atom_cache: dict[tuple[Kind, str], tuple[str, ...]] = {}
        # the last answers: typing back over a query ("diab|etes", backspace, again)
        # asks the same questions again
        self._answers: OrderedDict[tuple[str, int, bool], SearchResult] = OrderedDict()

    def warm(self) -> None:
        """Read each book's vocabulary now (idle time) instead of on the first keystroke."""
        for store in self.stores.values():
            store.load_vocabulary()

    def run(self, query: str, limit: int = 40, exact: bool = False) -> SearchResult:
        """Search ``query``; ``exact`` searches the words as typed (no spelling fixes),
        for "search instead for …".  The last answers are remembered (the books are
        read-only while open)."""
        key = (query, limit, exact)
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = self._run(query, limit, exact)
            if len(self._answers) > _ANSWERS:
                self._answers.popitem(last=False)
        else:
            self._answers.move_to_end(key)
        return replace(answer, hits=list(answer.hits))  # the caller's own list

    def forget_answers(self) -> None:
        """Drop the remembered answers (benchmarks time the search itself)."""
        self._answers.clear()

    def _run(self, query: str, limit: int, exact: bool) -> SearchResult:
        typed = normalize.words(query)
        if not typed:
            return SearchResult([], query)
        fixed = typed if exact else self._correct(typed)
        corrected = " ".join(fixed) if fixed != typed else ""
        literal = normalize.content(fixed)
        # A curated phrase that is the whole query stands for its everyday code; inside a
        # longer query only an abbreviation is spelt out ("acute CHF"), never a plain
        # book word ("fall" in "fall from ladder").
        whole = self.synonyms.get(tuple(fixed)) or self.synonyms.get(tuple(literal))
        expansion = self.synonyms.expand(literal, keep=self._all_book_words)
        used = [whole] if whole is not None else expansion.used
        tokens = list(whole.means) if whole is not None else expansion.tokens
        q = _query(normalize.content(tokens))
        # a curated meaning is written in the words of its code's own books
        cands = self._gather(q, q, books=_family(whole.code) if whole is not None else None)
        if used and literal != list(q.flat) and self._all_book_words(tuple(literal)):
            # the abbreviation as the book prints it too ("NSTEMI", "COVID-19")
            lit = _query(literal)
            for c in self._gather(lit, lit, whole=True):
                c.literal = True
                cands.append(c)
        partial = False
        missing: tuple[str, ...] = ()
        if not cands and len(q.terms) > 1 and query[-1:].isalnum():
            # the last word is still being typed ("major depressive disorder re"): as a
            # prefix (2- and 3-letter prefixes have their own FTS5 index); one letter
            # ("... colon o") is too short to say anything yet: the other words alone
            if len(q.terms[-1][0]) > 1:
                cands = self._gather(q, q, last_prefix=True)
            else:
                cands = self._gather(q, ranking.Query(q.terms[:-1]))
                partial, missing = bool(cands), (q.terms[-1][0],) if cands else ()
        if not cands and len(q.terms) > 1:
            partial = True
            cands, missing = self._partial(q)
        if whole is not None:
            self._boost(cands, whole, literal)
        hits = _best(cands, limit, q)
        # "CHF: congestive heart failure" says how an abbreviation was read; a term the
        # book uses as typed ("hypertension") needs no explaining
        # said as typed when it is the whole query ("CHF", not "chf"), else as the list
        # spells it
        meanings = tuple(f"{query.strip() if s is whole else s.label}: {' '.join(s.means)}"
                         for s in used if not set(s.say) <= set(s.means))
        return SearchResult(hits, query, corrected, partial, meanings, missing)

    # -- steps -------------------------------------------------------------------------
    def _partial(self, q: ranking.Query) -> tuple[list[_Cand], tuple[str, ...]]:
        """No line has every word: leave out the book's commonest word first ("disease"
        in "Kawasaki disease"), up to three tries, then any word at all."""
        order = sorted(range(len(q.terms)), key=lambda i: -self._frequency(q.terms[i][0]))
        for i in order[:3]:
            sub = ranking.Query(q.terms[:i] + q.terms[i + 1:])
            cands = self._gather(q, sub, per_book=_PARTIAL_PER_BOOK)
            if cands:
                return cands, (q.terms[i][0],)
        cands = self._gather(q, q, every=False, per_book=_PARTIAL_PER_BOOK)
        seen = {t for c in cands for t in _words_in(c.text, q)}
        return cands, tuple(t[0] for t in q.terms if t[0] not in seen)

    def _expression(self, kind: Kind, store: CodeSetStore, q: ranking.Query,
                    every: bool, whole: bool = False, last_prefix: bool = False) -> str:
        parts: list[str] = []
        last = len(q.terms) - 1
        for n, term in enumerate(q.terms):
            if whole:  # the words as the book prints them, each exactly ("pe", "nstemi")
                atoms = [f'"{v}"' for v in term if store.knows_word(v)]
            elif last_prefix and n == last:
                atoms = [f'"{v}"*' for v in _shortest(term) if store.knows_prefix(v)]
            else:
                atoms = [a for v in _shortest(term) for a in self._atoms(kind, store, v)]
            if not atoms:
                if every:
                    return ""
                continue
            parts.append(atoms[0] if len(atoms) == 1 else "(" + " OR ".join(atoms) + ")")
        return (" AND " if every else " OR ").join(parts)

    def _atoms(self, kind: Kind, store: CodeSetStore, word: str) -> tuple[str, ...]:
        """How one query word is matched in one book.  A complete word of the book is
        matched as itself and its near forms ("fracture": fractures, fractured), each
        as a whole term: FTS5 then walks the documents incrementally, where a prefix
        query over a common word ("right"* in 79,000 PCS titles) first merges every
        matching document.  A partial word ("fract") is matched as a prefix; a
        one-letter word whole ("type 1", "hepatitis a"); a word the book lacks, not
        at all (the book is skipped)."""
        key = (kind, word)
        atoms = self._atom_cache.get(key)
        if atoms is None:
            if not store.has_vocabulary:  # a file built before schema 8: plain prefixes
                atoms = (f'"{word}"' if len(word) == 1 else f'"{word}"*',)
            elif len(word) == 1 or word.isdigit():
                atoms = (f'"{word}"',) if store.knows_word(word) else ()
            elif store.knows_word(word):
                atoms = tuple(f'"{w}"' for w in store.words_with_prefix(word, 3))
            elif store.knows_prefix(word):
                atoms = (f'"{word}"*',)
            else:
                atoms = ()
            self._atom_cache[key] = atoms
        return atoms

    def _frequency(self, word: str) -> int:
        n = self._freq.get(word)
        if n is None:
            n = self._freq[word] = sum(s.word_count(word) for s in self.stores.values())
        return n

    def _all_book_words(self, phrase: tuple[str, ...]) -> bool:
        return all(self._is_book_word(w) for w in phrase)

    def _is_book_word(self, word: str) -> bool:
        known = self._book_word.get(word)
        if known is None:
            known = self._book_word[word] = any(s.knows_word(word)
                                                for s in self.stores.values())
        return known

    def _correct(self, tokens: list[str]) -> list[str]:
        books = list(self.stores.values())
        fixed = list(tokens)
        for i, t in enumerate(tokens):
            if t in self.synonyms.words:
                continue  # "copd", "afib": the curated list knows them
            if t not in self._spelt:
                self._spelt[t] = spelling.correct(t, books)
            better = self._spelt[t]
            if better is not None:
                fixed[i] = better
        return fixed

    def _gather(self, q: ranking.Query, match: ranking.Query, every: bool = True,
                per_book: int | None = None, books: frozenset[Kind] | None = None,
                whole: bool = False, last_prefix: bool = False) -> list[_Cand]:
        """Candidates from every book (or those in ``books``): lines with every word of
        ``match`` (or, with ``every`` False, any of them; with ``whole``, each word
        exactly rather than as a prefix), each scored against ``q``."""
        out: list[_Cand] = []
        for kind, store in self.stores.items():
            if books is not None and kind not in books:
                continue
            expression = self._expression(kind, store, match, every, whole, last_prefix)
            if not expression:
                continue  # some word is in no line of this book: skip the query
            n = per_book or _PER_BOOK.get(kind, _DEFAULT_PER_BOOK)
            rows = store.search_rows(expression, n)
            tabular, index = kind == Kind.CM_TABULAR, kind in INDEX_KINDS
            listed = kind in (Kind.CPT, Kind.HCPCS, Kind.PCS_ORDER)
            for _rowid, text, ref, doc_kind, extra in rows:
                flag: bool | None = None
                if tabular:
                    flag = True if extra else (None if _is_heading(ref) else False)
                elif listed:
                    flag = True
                sc, found = ranking.score(text, doc_kind, q, flag)
                code = (str(extra) if extra else "") if index else ref
                out.append(_Cand(sc, found, doc_kind, kind, ref, text, code))
        return out

    def _boost(self, cands: list[_Cand], syn: Synonym, literal: list[str]) -> None:
        """The everyday code of a curated term goes first, fetched if the words alone
        did not reach it (its title is shown, so the reader sees why) -- after an index
        main term that is the query itself ("Appendectomy" in the PCS Index): coding
        starts in the index (Guidelines I.B.1)."""
        for c in cands:
            if c.literal and c.doc_kind == "index" and \
                    normalize.content(normalize.words(c.text)) == literal:
                c.score += 2 * TARGET_BOOST
        if not syn.code:
            return
        hit = False
        for c in cands:
            if c.code == syn.code:
                # the line with the reader's own words ("Septicemia NOS") shows why
                c.score += TARGET_BOOST + (100.0 if c.literal else 0.0)
                hit = True
        if not hit:
            extra = self._target(syn.code)
            if extra is not None:
                cands.append(extra)

    def _target(self, code: str) -> _Cand | None:
        tab = self.stores.get(Kind.CM_TABULAR)
        e = tab.entry(code) if tab is not None else None
        if e is not None:
            return _Cand(TARGET_BOOST, 0, "title", Kind.CM_TABULAR, e.key, e.title, e.key)
        order = self.stores.get(Kind.PCS_ORDER)
        e = order.entry(code) if order is not None else None
        if e is not None:
            return _Cand(TARGET_BOOST, 0, "pcstitle", Kind.PCS_ORDER, e.key, e.title, e.key)
        return None


_PCS_BOOKS = frozenset({Kind.PCS_TABLES, Kind.PCS_INDEX, Kind.PCS_ORDER})
_CM_BOOKS = frozenset({Kind.CM_TABULAR, Kind.CM_INDEX, Kind.CM_EINDEX, Kind.CM_NEOPLASM,
                       Kind.CM_DRUG})


def _family(code: str) -> frozenset[Kind] | None:
    """The books a curated code lives in: PCS for a 7-character code without a dot,
    ICD-10-CM for a CM code; None (every book) when it names none."""
    if not code:
        return None
    return _PCS_BOOKS if len(code) == 7 and "." not in code else _CM_BOOKS


def _is_heading(ref: str) -> bool:
    return ref.startswith("chapter:") or "-" in ref


def _query(tokens: list[str]) -> ranking.Query:
    return ranking.Query(tuple(normalize.variants(t) for t in tokens))


def _shortest(term: tuple[str, ...]) -> list[str]:
    """The variants not already covered by a shorter one as prefix."""
    return [v for v in term if not any(o != v and v.startswith(o) and len(o) > 1
                                       for o in term)]


def _words_in(text: str, q: ranking.Query) -> set[str]:
    hay = ranking.line_words(text, joined=True)[1]
    return {t[0] for t in q.terms if any(" " + v in hay for v in t)}


def _best(cands: list[_Cand], limit: int, q: ranking.Query) -> list[SearchHit]:
    cands.sort(key=lambda c: -c.score)  # stable: static rank within a score
    seen: set[tuple[Kind, str]] = set()
    out: list[SearchHit] = []
    for c in cands:
        key = (c.source, c.ref)
        if key in seen:
            continue
        seen.add(key)
        out.append(SearchHit(c.doc_kind, c.source, c.ref, c.text, _detail(c), c.score,
                             _spans(c.text, q), c.code))
        if len(out) >= limit:
            break
    return out


def _detail(c: _Cand) -> str:
    if c.doc_kind in ("index", "subterm"):
        return c.source.label
    if c.doc_kind in ("title", "inclusion", "includes"):
        return c.ref if not c.ref.startswith("chapter:") else "Chapter " + c.ref[8:]
    if c.doc_kind == "pcs":
        return f"ICD-10-PCS table {c.ref[:3]}"
    return f"ICD-10-PCS code {c.ref}"


def _spans(text: str, q: ranking.Query) -> tuple[tuple[int, int], ...]:
    """Where the query words (as prefixes) occur in ``text``, for highlighting."""
    if not q.terms:
        return ()
    return tuple(m.span() for m in _highlighter(tuple(v for t in q.terms for v in t))
                 .finditer(text))


@lru_cache(maxsize=64)
def _highlighter(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """One expression for every word of a line that starts with a query word (the
    longest prefix first: the match then runs to the end of the word either way).
    ``\\w``, not a range up to U+FFFF: such a class costs ~13 ms to compile, and a new
    query is compiled on every keystroke."""
    alts = "|".join(re.escape(p) for p in sorted(set(prefixes), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})\w*", re.IGNORECASE)
