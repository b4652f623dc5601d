"""The coder-aware search on the small fixture books: normalisation, curated terms,
spelling, partial matches, ranking and labels.  (The official books: test_search_real_books.)"""

from __future__ import annotations

import json

import pytest

from readiness.codebook.library import CodeBook
from readiness.codebook.model import Kind, SearchHit
from readiness.codebook.search import normalize
from readiness.codebook.search.labels import label as hit_book
from readiness.codebook.search.spelling import edit_distance
from readiness.codebook.search.synonyms import SYNONYMS_FILE, Synonyms, curated, parse
from readiness.resources import resource_path


@pytest.mark.parametrize(("typed", "words"), [
    ("Alzheimer's disease", ["alzheimers", "disease"]),
    ("CKD3", ["ckd", "3"]),
    ("type II diabetes", ["type", "2", "diabetes"]),
    ("2nd degree burn", ["second", "degree", "burn"]),
    ("Ménière’s", ["menieres"]),
])
def test_query_words_are_normalised_as_coders_type_them(typed: str, words: list[str]) -> None:
    assert normalize.words(typed) == words


def test_plurals_also_find_the_singular() -> None:
    assert normalize.variants("injuries") == ("injuries", "injury")
    assert normalize.variants("fractures") == ("fractures", "fracture")
    assert normalize.variants("abscesses") == ("abscesses", "abscess")
    assert normalize.variants("mellitus") == ("mellitus",)
    assert normalize.content(["fracture", "of", "the", "femur"]) == ["fracture", "femur"]


def test_edit_distance_counts_a_swap_once() -> None:
    assert edit_distance("pnuemonia", "pneumonia") == 1
    assert edit_distance("diabetis", "diabetes") == 1
    assert edit_distance("cellulitus", "cellulitis") == 1
    assert edit_distance("asthma", "fracture") > 2


def test_the_curated_list_is_well_formed_and_unambiguous() -> None:
    data = json.loads(resource_path(*SYNONYMS_FILE).read_text(encoding="utf-8"))
    assert len(data["entries"]) >= 300
    entries = parse(data)
    first: dict[tuple[str, ...], str] = {}
    clashes = []
    for e in entries:
        if e.say in first and first[e.say] != e.code:
            clashes.append((e.say, first[e.say], e.code))
        first.setdefault(e.say, e.code)
    assert clashes == []  # one phrase, one everyday code
    for needed in ("chf", "copd", "ami", "nstemi", "uti", "ckd", "dvt", "gerd", "htn", "afib"):
        assert curated().get((needed,)) is not None, needed
    assert curated().get(("heart", "attack")) is not None
    assert curated().get(("high", "blood", "pressure")) is not None


def test_a_bad_synonyms_document_says_which_entry() -> None:
    with pytest.raises(ValueError, match="entry 2"):
        parse({"entries": [{"say": ["x"], "means": "y"}, {"say": "not a list", "means": "z"}]})


def test_abbreviation_reaches_its_everyday_code(book: CodeBook) -> None:
    result = book.find("DM2")
    assert result.hits[0].ref == "E11.9"
    assert result.meanings  # "dm 2: type 2 diabetes mellitus without complications"


def test_a_misspelling_is_corrected_against_the_installed_books(book: CodeBook) -> None:
    result = book.find("cholerra")
    assert result.corrected == "cholera"
    assert result.hits[0].text.lower().startswith("cholera")
    as_typed = book.find("cholerra", exact=True)
    assert as_typed.corrected == "" and as_typed.hits == []


def test_partial_matches_instead_of_nothing(book: CodeBook) -> None:
    result = book.find("cholera zebra")
    assert result.partial
    assert result.missing == ("zebra",)
    assert result.hits and result.hits[0].text.lower().startswith("cholera")


def test_billable_codes_rank_before_their_headers(book: CodeBook) -> None:
    refs = [h.ref for h in book.search("fracture of unspecified part of neck of femur", 10)]
    assert refs.index("S72.001") < refs.index("S72.00")


def test_curated_list_survives_glue_words() -> None:
    syn = Synonyms(parse({"entries": [{"say": ["water on lung"], "means": "pleural effusion",
                                       "code": "J90"}]}))
    assert syn.get(("water", "on", "the", "lung")) is not None
    expanded = syn.expand(["water", "lung", "left"])
    assert expanded.tokens == ["pleural", "effusion", "left"]


def test_every_hit_is_labelled_with_its_real_book() -> None:
    hcpcs = SearchHit("title", Kind.HCPCS, "J1100", "Injection, dexamethasone", "J1100", 1.0)
    assert hit_book(hcpcs) == "HCPCS Level II code list · J1100"
    cm = SearchHit("title", Kind.CM_TABULAR, "E11.9", "Type 2 …", "E11.9", 1.0)
    assert hit_book(cm) == "ICD-10-CM Tabular List · E11.9"
    drug = SearchHit("index", Kind.CM_DRUG, "29", "Acetaminophen", "", 1.0, code="")
    assert hit_book(drug) == "ICD-10-CM Table of Drugs and Chemicals"
    fall = SearchHit("subterm", Kind.CM_EINDEX, "9", "Fall, falling, from, ladder", "", 1.0,
                     code="W11")
    assert hit_book(fall) == "ICD-10-CM External Cause Index · W11"


def test_includes_notes_are_searchable(book: CodeBook) -> None:
    [hit] = [h for h in book.search("communicable transmissible") if h.kind == "includes"]
    assert (hit.ref, hit.detail) == ("chapter:1", "Chapter 1")
    assert hit_book(hit) == "ICD-10-CM Tabular List · Includes note at Chapter 1"


def test_a_code_set_built_before_the_vocabulary_is_still_searched(tmp_path) -> None:
    import sqlite3

    from cbhelpers import build_fixture_book

    from readiness.codebook import importer

    folder = tmp_path / "sets"
    build_fixture_book(folder).close()
    path = importer.db_path(folder, Kind.CM_TABULAR)
    with sqlite3.connect(path) as conn:  # what a schema-7 file lacks
        conn.execute("DROP TABLE vocab")
        conn.execute("DROP TABLE spell")
    old = CodeBook(folder)
    try:
        assert any(h.ref == "A00.9" for h in old.search("cholera unspec"))
        assert old.find("cholerra").corrected == ""  # no vocabulary: nothing to correct to
    finally:
        old.close()


def test_inclusion_terms_are_searchable(book: CodeBook) -> None:
    [hit] = book.search("septicemia")  # printed only as an inclusion term under A41.9
    assert (hit.kind, hit.ref, hit.text) == ("inclusion", "A41.9", "Septicemia NOS")


def test_index_lines_come_before_tabular_lines(book: CodeBook) -> None:
    hits = book.search("sepsis")
    kinds = [h.source for h in hits]
    assert kinds[0] == Kind.CM_INDEX  # coding starts in the index (Guidelines I.B.1)
    assert kinds.index(Kind.CM_INDEX) < kinds.index(Kind.CM_TABULAR)


def test_a_title_starting_with_the_words_comes_before_one_containing_them(
        book: CodeBook) -> None:
    titles = [h.text for h in book.search("sepsis") if h.source == Kind.CM_TABULAR]
    assert titles.index("Sepsis, unspecified organism") < titles.index("Other sepsis")


def test_the_exact_phrase_comes_first(book: CodeBook) -> None:
    hits = book.search("classical cholera")
    assert hits[0].text == "Classical cholera"  # the line is the query itself
    assert "Cholera, classical" in [h.text for h in hits]  # the index path follows
    assert book.search("other sepsis")[0].text == "Other sepsis"
