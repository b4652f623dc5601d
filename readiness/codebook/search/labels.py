"""Which book a search hit comes from, named as the coder knows it.

Every hit names its real book first ("ICD-10-CM Neoplasm Table", "HCPCS Level II code
list", never "Tabular" for a code list), then where in it ("· E11.9", "· inclusion term
at S72.001").  The PCS order file only gives the long titles of the codes the PCS Tables
build, so its hits are labelled with the Tables.
"""

from __future__ import annotations

from readiness.codebook.model import KIND_LABELS, Kind, SearchHit


def book_of(hit: SearchHit) -> Kind:
    """The book a coder would open for ``hit``."""
    return Kind.PCS_TABLES if hit.source == Kind.PCS_ORDER else hit.source


def label(hit: SearchHit) -> str:
    """"<book> · <where>" for the line under a hit in the result list."""
    book = KIND_LABELS[book_of(hit)]
    where = _where(hit)
    return f"{book} · {where}" if where else book


def _where(hit: SearchHit) -> str:
    kind, detail = hit.kind, hit.detail
    if kind in ("index", "subterm"):
        return hit.code
    if hit.source in (Kind.CPT, Kind.HCPCS):
        return "" if kind == "code" else hit.ref
    if kind == "title":
        return detail
    if kind == "inclusion":
        return f"inclusion term at {detail}"
    if kind == "includes":
        return f"Includes note at {detail}"
    if kind == "pcstitle":
        return f"{hit.ref} (CMS long title)"
    if kind == "pcs":
        # "ICD-10-PCS table 0DT", "ICD-10-PCS code (valid)", or why a code is not valid
        where = detail.removeprefix("ICD-10-PCS ")
        return {"table": f"table {hit.ref[:3]}", "code (valid)": "valid code"}.get(where, where)
    if kind == "code":  # a CM code typed: its title is the line itself
        return detail if detail.startswith("placeholder") or " is not in " in detail else ""
    return detail
