"""Every search hit names its real book (issue 11): the line under each result says which
of the books a coder would open, for every book the search reads, and never "Tabular" for
a code list.  Driven through the word and code search over the fixture books."""

from __future__ import annotations

from pathlib import Path

import pytest
from cbhelpers import build_fixture_book

from readiness.codebook.library import CodeBook
from readiness.codebook.model import KIND_LABELS, Kind, SearchHit
from readiness.codebook.search.labels import book_of, label

HCPCS_CSV = ('code,description\nJ1885,"Injection, ketorolac tromethamine, per 15 mg"\n'
             'A0428,"Ambulance service, basic life support, non-emergency transport"\n')


@pytest.fixture
def every_book(tmp_path: Path) -> CodeBook:
    book = build_fixture_book(tmp_path / "codesets")
    hcpcs = tmp_path / "hcpcs.csv"
    hcpcs.write_text(HCPCS_CSV, encoding="utf-8")
    book.import_file(hcpcs, expect=Kind.HCPCS)
    yield book
    book.close()


# (query, the book one of its hits must come from, what that hit's label must say)
PER_BOOK = [
    ("diabetes", Kind.CM_INDEX, "ICD-10-CM Alphabetic Index · E11.9"),
    ("bitten dolphin", Kind.CM_EINDEX, "ICD-10-CM External Cause Index · W56.01"),
    ("neoplasm skin", Kind.CM_NEOPLASM, "ICD-10-CM Neoplasm Table"),
    ("acetaminophen", Kind.CM_DRUG, "ICD-10-CM Table of Drugs and Chemicals"),
    ("type 2 diabetes mellitus without", Kind.CM_TABULAR, "ICD-10-CM Tabular List · E11.9"),
    ("appendectomy", Kind.PCS_INDEX, "ICD-10-PCS Index · 0DTJ"),
    ("resection appendix", Kind.PCS_TABLES, "ICD-10-PCS Tables · table 0DT"),
    ("resection of appendix open", Kind.PCS_TABLES, "ICD-10-PCS Tables · 0DTJ0ZZ (CMS long title)"),
    ("0DTJ4ZZ", Kind.PCS_TABLES, "ICD-10-PCS Tables · valid code"),
    ("ketorolac", Kind.HCPCS, "HCPCS Level II code list · J1885"),
    ("J1885", Kind.HCPCS, "HCPCS Level II code list"),
    ("99213", Kind.CPT, "CPT code list (your licensed copy)"),
]


@pytest.mark.parametrize(("query", "book", "line"), PER_BOOK)
def test_each_book_is_named_under_its_hits(every_book: CodeBook, query: str, book: Kind,
                                          line: str) -> None:
    hits = every_book.search(query, 40)
    assert hits, query
    labels = [label(h) for h in hits if book_of(h) == book]
    assert line in labels, (query, [label(h) for h in hits])


def test_every_hit_starts_with_the_name_of_its_book(every_book: CodeBook) -> None:
    seen: set[Kind] = set()
    for query, _book, _line in PER_BOOK:
        for h in every_book.search(query, 40):
            assert label(h).startswith(KIND_LABELS[book_of(h)]), (query, h)
            assert "Tabular" not in label(h) or h.source == Kind.CM_TABULAR, (query, h)
            seen.add(book_of(h))
    # every book the search reads was seen (the PCS order file is labelled as the Tables)
    assert seen == set(Kind) - {Kind.PCS_DEFINITIONS, Kind.PCS_ORDER}


def test_labels_of_hand_made_hits() -> None:
    hcpcs = SearchHit("title", Kind.HCPCS, "J1100", "Injection, dexamethasone", "J1100", 1.0)
    assert label(hcpcs) == "HCPCS Level II code list · J1100"
    cm = SearchHit("inclusion", Kind.CM_TABULAR, "S72.001", "Fracture of hip NOS", "S72.001",
                   1.0)
    assert label(cm) == "ICD-10-CM Tabular List · inclusion term at S72.001"
    order = SearchHit("pcstitle", Kind.PCS_ORDER, "0DTJ4ZZ", "Resection of Appendix, …",
                      "ICD-10-PCS code 0DTJ4ZZ", 1.0)
    assert label(order) == "ICD-10-PCS Tables · 0DTJ4ZZ (CMS long title)"
    fall = SearchHit("subterm", Kind.CM_EINDEX, "9", "Fall, falling, from, ladder", "", 1.0,
                     code="W11")
    assert label(fall) == "ICD-10-CM External Cause Index · W11"
