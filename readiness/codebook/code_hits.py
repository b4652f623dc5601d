"""Search hits for a query typed as a code or the start of one (none for words).

ICD-10-CM codes and prefixes (with the 7th character and placeholder X resolved,
or the nearest heading offered), ICD-10-PCS codes and tables, CPT and HCPCS codes
from an imported list.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from readiness.codebook.model import Kind, SearchHit
from readiness.core.codes import normalize

if TYPE_CHECKING:
    from readiness.codebook.library import CodeBook

# A code or the start of one: "E1", "E11.9", "QA0" (core.codes.CM_CATEGORY; QA0 is FY2026's)
CM_CODE = re.compile(r"^(?:[A-Z][0-9][0-9A-Z]?|Q[A-Z][0-9A-Z]?)(?:\.?[0-9A-Z]{0,4})$")
_PCS_PART = re.compile(r"^[0-9A-HJ-NP-Z]{1,7}$")
_CPT_PART = re.compile(r"^[0-9]{4}[0-9FTU]$")
_HCPCS_PART = re.compile(r"^[A-V][0-9]{4}$")


def code_query_hits(book: CodeBook, q: str, limit: int) -> list[SearchHit]:
    """Hits for a query typed as a code or code prefix (none for words)."""
    hits: list[SearchHit] = []
    compact = re.sub(r"\s+", "", q).upper()
    if CM_CODE.match(compact) and book.tabular is not None:
        hits.extend(_cm_code_hits(book, compact, limit))
    if (_PCS_PART.match(compact) and compact[0].isdigit()) or (
        _PCS_PART.match(compact) and len(compact) >= 3 and compact[0] in "BCDFGHX"
        and compact[1].isdigit()
    ):
        hits.extend(_pcs_code_hits(book, compact, limit))
    for kind in (Kind.CPT, Kind.HCPCS):
        s = book.store(kind)
        if s is not None and (compact.isdigit() or _HCPCS_PART.match(compact)
                              or (compact[:1].isalpha() and compact[1:].isdigit())):
            for e in s.entries_with_prefix(compact, limit):
                hits.append(SearchHit("code", kind, e.key, f"{e.key} {e.title}", e.title,
                                      1000 - len(e.key), ((0, len(compact)),)))
    hits.sort(key=lambda h: -h.score)  # stable: book order within a score
    return hits[:limit]


def _cm_code_hits(book: CodeBook, compact: str, limit: int) -> list[SearchHit]:
    tab = book.tabular
    assert tab is not None
    code = normalize("icd10cm", compact)
    out: list[SearchHit] = []
    r = book.cm_resolve(code)
    if r is not None and r.code != r.entry.key:
        out.append(SearchHit("code", Kind.CM_TABULAR, r.code, f"{r.code} {r.title}", r.title,
                             2000, ((0, len(r.code)),)))
    elif r is None:
        fixed = book.placeholder_fix(code)
        if fixed is not None:
            out.append(SearchHit("code", Kind.CM_TABULAR, fixed.code,
                                 f"{fixed.code} {fixed.title}",
                                 f"placeholder X added: {code} is not a valid code",
                                 1900, ((0, len(fixed.code)),)))
    for e in tab.entries_with_prefix(code, limit):
        out.append(SearchHit("code", Kind.CM_TABULAR, e.key, f"{e.key} {e.title}", e.title,
                             1000 - len(e.key), ((0, len(code)),)))
    if not out and len(code) > 3:
        # not a code: offer the nearest heading it would fall under
        bare = code.replace(".", "")
        for n in range(len(bare) - 1, 2, -1):
            key = bare[:3] if n == 3 else f"{bare[:3]}.{bare[3:n]}"
            near = tab.entry(key)
            if near is not None:
                why = (f"{code} is not in ICD-10-CM: 7th character {bare[6]} is not valid "
                       f"for {near.key}" if near.needs_seventh and len(bare) == 7 else
                       f"{code} is not in ICD-10-CM; the nearest heading is {near.key}")
                out.append(SearchHit("code", Kind.CM_TABULAR, near.key,
                                     f"{near.key} {near.title}", why, 500,
                                     ((0, len(near.key)),)))
                break
    return out

def _pcs_code_hits(book: CodeBook, compact: str, limit: int) -> list[SearchHit]:
    checker = book.pcs_checker()
    if checker is None:
        return []
    out: list[SearchHit] = []
    if len(compact) == 7:
        res = book.pcs_check(compact) or checker.check(compact)
        if res.valid:
            out.append(SearchHit("pcs", Kind.PCS_TABLES, compact, f"{compact} {res.title}",
                                 "ICD-10-PCS code (valid)", 2000, ((0, 7),)))
            return out
        if res.bad_position is not None and res.bad_position > 3:
            out.append(SearchHit("pcs", Kind.PCS_TABLES, compact,
                                 f"{compact} is not a valid ICD-10-PCS code",
                                 res.reason[:1].upper() + res.reason[1:], 1900, ()))
    if len(compact) >= 3:
        t = checker.table(compact[:3])
        if t is not None:
            text = (f"{t.prefix} {t.operation.labels[0][1]}, {t.body_system.labels[0][1]} "
                    f"({t.section.labels[0][1]})")
            out.append(SearchHit("pcs", Kind.PCS_TABLES, compact, text, "ICD-10-PCS table",
                                 1500, ((0, 3),)))
    else:
        for p in checker.prefixes:
            if p.startswith(compact):
                t = checker.table(p)
                assert t is not None
                text = f"{p} {t.operation.labels[0][1]}, {t.body_system.labels[0][1]}"
                out.append(SearchHit("pcs", Kind.PCS_TABLES, p, text, "ICD-10-PCS table",
                                     1000, ((0, len(compact)),)))
                if len(out) >= limit:
                    break
    return out

