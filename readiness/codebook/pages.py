"""What the book shows around one entry: tabular pages and index pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from readiness.codebook.model import IndexTerm, Kind, Note, SeventhChar, TabularEntry
from readiness.codebook.store import CodeSetStore

_PAGE_TERMS = 400  # a main term with more subterms is shown one level-1 subterm at a time


@dataclass(frozen=True)
class TabularPage:
    """What the book shows around one entry: its chapter and block headings with their
    notes, then the whole category (or the block's / chapter's list) with every note."""

    focus: str
    trail: tuple[TabularEntry, ...]  # chapter, block, category... above the listing
    entries: tuple[TabularEntry, ...]
    notes: dict[str, list[Note]] = field(default_factory=dict)
    seventh: dict[str, list[SeventhChar]] = field(default_factory=dict)


@dataclass(frozen=True)
class IndexPage:
    kind: Kind
    focus: int
    terms: tuple[IndexTerm, ...]  # the main term and all its subterms
    headings: dict[int, str]



def tabular_page(tab: CodeSetStore, entry: TabularEntry, focus: str) -> TabularPage:
    """The page around ``entry``; ``focus`` is the code shown highlighted (the code as
    typed, with its 7th character)."""
    trail = tab.ancestors(entry.key)
    if entry.kind in ("chapter", "block"):
        listing = [entry, *tab.children(entry.key)]
        heads = list(trail)
    else:
        category = next((a for a in trail if a.kind == "category"), entry)
        heads = [a for a in trail if a.kind in ("chapter", "block")]
        listing = tab.subtree(category.key)
    keys = [e.key for e in heads] + [e.key for e in listing]
    notes = tab.notes_for(keys)
    if entry.kind in ("chapter", "block"):
        for child in listing[1:]:
            notes[child.key] = []  # a listing of headings shows titles only
    seventh = {e.key: tab.seventh(e.key) for e in listing if e.is_code}
    seventh = {k: v for k, v in seventh.items() if v}
    return TabularPage(focus, tuple(heads), tuple(listing), notes, seventh)


def index_page(s: CodeSetStore, kind: Kind, term_id: int) -> IndexPage | None:
    """The page of one index term: its main term with every subterm, or (for a main term
    with very many) the level-1 subterm it sits under."""
    t = s.term(term_id)
    if t is None:
        return None
    main = s.term(t.main)
    assert main is not None
    if s.term_count_under(main.id) <= _PAGE_TERMS:
        terms = s.term_subtree(main.id)
    elif t.level == 0:
        terms = [main, *s.term_children(main.id)]
    else:
        top = t
        while top.level > 1 and top.parent is not None:
            parent = s.term(top.parent)
            if parent is None:
                break
            top = parent
        terms = [main, *s.term_subtree(top.id)]
    return IndexPage(kind, term_id, tuple(terms), s.headings())
