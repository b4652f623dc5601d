"""The official titles of codes, from whichever installed sets know them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from readiness.codebook.model import Kind
from readiness.core.bank.models import CodeRef
from readiness.core.codes import format_problem, normalize

if TYPE_CHECKING:
    from readiness.codebook.library import CodeBook


def code_titles(book: CodeBook, refs: Iterable[CodeRef]) -> dict[CodeRef, str]:
    """The official titles of the codes the installed sets know, in one query per set.

    ICD-10-CM from the tabular list (a code with a 7th character gets its heading's
    title and the character's meaning, as the book prints it); ICD-10-PCS from CMS's
    order file, else composed from the tables; CPT and HCPCS only from a list the user
    imported (nothing else ever supplies a CPT descriptor).  Codes no installed set
    knows are left out.
    """
    by_system: dict[str, dict[str, list[CodeRef]]] = {}
    for ref in refs:
        code = normalize(ref.system, ref.code)
        by_system.setdefault(ref.system, {}).setdefault(code, []).append(ref)
    out: dict[CodeRef, str] = {}
    for system, codes in by_system.items():
        found: dict[str, str] = {}
        if system == "icd10cm":
            tab = book.tabular
            if tab is not None:
                found = tab.titles(codes)
                for code in codes:
                    if code not in found and len(code.replace(".", "")) == 7:
                        resolved = book.cm_resolve(code)
                        if resolved is not None:
                            found[code] = resolved.title
        elif system == "icd10pcs":
            order = book.store(Kind.PCS_ORDER)
            if order is not None:
                found = order.titles(codes)
            if len(found) < len(codes) and book.has(Kind.PCS_TABLES):
                for code in codes:
                    if code not in found and not format_problem("icd10pcs", code):
                        check = book.pcs_check(code)
                        if check is not None and check.valid and check.title:
                            found[code] = check.title
        else:
            listed = book.store(Kind.CPT if system == "cpt" else Kind.HCPCS)
            if listed is not None:
                found = listed.titles(codes)
        for code, title in found.items():
            for ref in codes.get(code, ()):
                out[ref] = title
    return out
