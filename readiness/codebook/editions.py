"""Which edition each installed book is, against the edition the exam uses (no Qt).

AHIMA's rule (``readiness/resources/checklists/rules.json``): an exam on or after the
cut-over day of a year uses that year's books.  A book older than that says so, with
the way to get the current one; books from different editions get one visible note,
since a coder reading an FY2025 index beside an FY2026 tabular list must know it.
"""

from __future__ import annotations

import re
from datetime import date

from readiness.codebook.importer import ImportResult
from readiness.codebook.model import CodeSetInfo, Kind
from readiness.core.checklist.rules import EditionRule, shipped_rules

GET_CURRENT = "Code sets → Get official files… downloads the current one"  # "ones" in lists

# The count that says how much of a book there is (the first one present wins).
_SIZE_KEYS = ("billable", "codes", "terms", "tables", "definitions")
SHRINK_RATIO = 0.5  # "far fewer": less than half of what is installed


def edition_year(info: CodeSetInfo) -> int | None:
    """The fiscal year of an ICD-10 book ('FY2025'), the calendar year of HCPCS."""
    if info.kind == Kind.CPT:
        return None
    m = re.search(r"FY(\d{4})", info.edition)
    if m is None and info.kind == Kind.HCPCS:
        m = re.search(r"(20\d\d)", info.edition)
    return int(m.group(1)) if m else None


def required_year(exam_date: date, rule: EditionRule | None = None) -> int:
    return (rule or shipped_rules().edition).required_year(exam_date)


def older_than(info: CodeSetInfo, required: int) -> str:
    """'' when current, else the sentence shown beside the book."""
    year = edition_year(info)
    if year is None or year >= required:
        return ""
    return (f"{info.kind.label} is the {year} edition, older than the {required} edition "
            f"the exam uses; {GET_CURRENT}.")


def mixed_note(infos: list[CodeSetInfo]) -> str:
    """One sentence when the installed ICD-10 books come from different editions."""
    years: dict[int, list[str]] = {}
    for info in infos:
        year = edition_year(info)
        if year is not None and info.kind not in (Kind.CPT, Kind.HCPCS):
            years.setdefault(year, []).append(info.kind.label.replace("ICD-10-", ""))
    if len(years) < 2:
        return ""
    parts = [f"FY{y}: {', '.join(sorted(labels))}" for y, labels in sorted(years.items(),
                                                                           reverse=True)]
    return "The installed books come from different editions — " + "; ".join(parts) + "."


def notes(infos: list[CodeSetInfo], exam_date: date, rule: EditionRule | None = None
          ) -> list[str]:
    """The mixed-edition note, then one line naming every book older than the exam's."""
    required = required_year(exam_date, rule)
    ordered = sorted(infos, key=lambda i: list(Kind).index(i.kind))
    older = [f"{i.kind.label} ({edition_year(i)})" for i in ordered if older_than(i, required)]
    out = [mixed_note(infos)]
    if older:
        out.append(f"Older than the {required} edition the exam uses: " + ", ".join(older)
                   + f". {GET_CURRENT[0].upper()}{GET_CURRENT[1:]}s.")
    return [n for n in out if n]


def size_of(counts: dict[str, int]) -> tuple[str, int] | None:
    for key in _SIZE_KEYS:
        if key in counts:
            return key, counts[key]
    return None


def shrinking(installed: list[CodeSetInfo], results: list[ImportResult]) -> list[str]:
    """A sentence per book the import would replace with far fewer codes or terms."""
    by_kind = {i.kind: i for i in installed}
    out = []
    for r in results:
        old = by_kind.get(r.kind)
        new_size, old_size = size_of(r.counts), size_of(old.counts) if old else None
        if old is None or new_size is None or old_size is None or new_size[0] != old_size[0]:
            continue
        what, before = old_size
        after = new_size[1]
        if after < before * SHRINK_RATIO:
            out.append(f"The {r.kind.label} in {r.name} has {after:,} {what.replace('_', ' ')}; "
                       f"the installed one ({old.edition}) has {before:,}.")
    return out
