"""Edition notes (older than the exam's edition, mixed editions) and the shrink check."""

from __future__ import annotations

from datetime import date

from readiness.codebook import editions
from readiness.codebook.importer import ImportResult
from readiness.codebook.model import CodeSetInfo, Kind


def info(kind: Kind, edition: str, **counts: int) -> CodeSetInfo:
    return CodeSetInfo(kind, edition, (), "", counts)


SHIPPED = [
    info(Kind.CM_TABULAR, "ICD-10-CM FY2026, April 1 2026 update", billable=74719),
    info(Kind.PCS_TABLES, "ICD-10-PCS FY2026", tables=914),
    info(Kind.CM_DRUG, "ICD-10-CM FY2025", terms=7428),
    info(Kind.PCS_INDEX, "ICD-10-PCS FY2025", terms=24484),
    info(Kind.HCPCS, "HCPCS Level II October 2025 (CMS quarterly file)", codes=8463),
]


def test_older_books_say_so_with_the_way_to_the_current_one() -> None:
    notes = editions.notes(SHIPPED, date(2026, 12, 1))  # on/after May 1 2026: 2026 books
    assert notes[0] == ("The installed books come from different editions — FY2026: CM "
                        "Tabular List, PCS Tables; FY2025: CM Table of Drugs and Chemicals, "
                        "PCS Index.")
    assert notes[1] == ("Older than the 2026 edition the exam uses: ICD-10-CM Table of Drugs "
                        "and Chemicals (2025), ICD-10-PCS Index (2025), HCPCS Level II code "
                        "list (2025). Code sets → Get official files… downloads the current "
                        "ones.")
    assert len(notes) == 2
    drug = SHIPPED[2]
    assert editions.older_than(drug, 2026) == (
        "ICD-10-CM Table of Drugs and Chemicals is the 2025 edition, older than the 2026 "
        "edition the exam uses; Code sets → Get official files… downloads the current one.")


def test_before_the_cutover_the_previous_year_is_current() -> None:
    notes = editions.notes(SHIPPED, date(2026, 4, 30))  # needs the 2025 books
    assert len(notes) == 1 and notes[0].startswith("The installed books come from different")


def test_one_edition_has_no_mixed_note() -> None:
    assert editions.mixed_note(SHIPPED[:2]) == ""


def test_far_fewer_codes_is_reported_before_replacing() -> None:
    small = ImportResult(Kind.PCS_TABLES, "ICD-10-PCS FY2026", "tables-part.xml", {"tables": 12})
    same = ImportResult(Kind.CM_DRUG, "ICD-10-CM FY2026", "drug.xml", {"terms": 7500})
    new = ImportResult(Kind.CM_EINDEX, "ICD-10-CM FY2026", "eindex.xml", {"terms": 10})
    assert editions.shrinking(SHIPPED, [small, same, new]) == [
        "The ICD-10-PCS Tables in tables-part.xml has 12 tables; the installed one "
        "(ICD-10-PCS FY2026) has 914."]
