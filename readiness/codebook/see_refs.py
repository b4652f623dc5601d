"""Follow an index's 'see' and 'see also' references to the term they name."""

from __future__ import annotations

from collections.abc import Mapping

from readiness.codebook import crossref
from readiness.codebook.model import INDEX_KINDS, Kind
from readiness.codebook.store import CodeSetStore

_OTHER_BOOKS: tuple[tuple[str, Kind], ...] = (
    ("table of drugs and chemicals", Kind.CM_DRUG),
    ("table of drugs and biologicals", Kind.CM_DRUG),  # (as the External Cause Index has it)
    ("index to diseases and injuries", Kind.CM_INDEX),
    ("index to diseases", Kind.CM_INDEX),
    ("index to disease", Kind.CM_INDEX),
    ("external cause of injuries index", Kind.CM_EINDEX),
    ("external cause index", Kind.CM_EINDEX),
    ("neoplasm table", Kind.CM_NEOPLASM),
)



def resolve_see(stores: Mapping[Kind, CodeSetStore], kind: Kind, text: str, table: str = ""
                ) -> tuple[Kind, int] | None:
    """The term a 'see'/'see also' reference names: 'Accident, transport, aircraft'
    (see :mod:`readiness.codebook.crossref`); ``table`` is the PCS table the reference
    gives ("0QB").

    Looks in the same index first, then the other CM indexes (the book's 'see' may send
    the reader from the Neoplasm Table to the main index and back)."""
    text = text.strip().rstrip(".")
    for prefix, book in _OTHER_BOOKS:
        if text.lower().startswith(prefix):
            rest = text[len(prefix):].lstrip(" ,")
            s = stores.get(book)
            if s is None:
                return None
            if not crossref.reference_parts(rest):
                first = s.main_terms(limit=1)
                return (book, first[0].id) if first else None
            kind, text = book, rest
            break
    parts = crossref.reference_parts(text)
    if not parts:
        return None
    # CM references stay in the CM books, PCS ones in the PCS Index
    open_kinds = [k for k in INDEX_KINDS if k in stores]
    order = [kind] + [k for k in open_kinds if k not in (kind, Kind.PCS_INDEX)]
    if kind == Kind.PCS_INDEX:
        order = [kind]
    if kind == Kind.PCS_INDEX and table:  # "Division, Ear, Nose, Sinus 098"
        op = _land(stores, order, parts[:1])
        s = stores.get(kind)
        if op is not None and s is not None:
            inside = crossref.into_table(s.term_subtree(op[1].term_id), op[1].term_id,
                                         table)
            if inside is not None:
                return kind, inside
    best = _land(stores, order, parts)
    split = crossref.split_first(parts)
    if split is not None and (best is None or best[1].named < len(parts)):
        other = _land(stores, order, split)
        if other is not None and (best is None or other[1].named == len(split)):
            best, parts = other, split
    if best is None:
        return None
    k, landing = best
    if table and landing.named < len(parts):  # "Excision, Lower Bones": into 0QB
        s = stores[k]
        inside = crossref.into_table(s.term_subtree(landing.term_id), landing.term_id,
                                     table)
        if inside is not None:
            return k, inside
    return k, landing.term_id

def _land(stores: Mapping[Kind, CodeSetStore], order: list[Kind], parts: list[tuple[str, ...]]
          ) -> tuple[Kind, crossref.Landing] | None:
    best: tuple[Kind, crossref.Landing] | None = None
    for k in order:
        s = stores.get(k)
        if s is None:
            continue
        found = crossref.walk(s.main_terms_with_first_word(parts[0][0]), parts,
                              s.term_children, s.term_subtree)
        if found is not None and (best is None or found.named > best[1].named):
            best = (k, found)
        if best is not None and best[1].named == len(parts):
            break
    return best
