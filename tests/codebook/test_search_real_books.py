"""Search over the official books in ../shared/data/cms (skipped when absent): the curated
abbreviations reach their codes, the 150+ query set meets its hit@5 goal, and the
cases issue 11 names behave."""

from __future__ import annotations

import json
import lzma
import shutil
from pathlib import Path

import pytest
from cbhelpers import SHARED

from readiness.codebook import importer
from readiness.codebook.library import CodeBook
from readiness.codebook.model import Kind
from readiness.codebook.search import evaluate
from readiness.codebook.search.synonyms import SYNONYMS_FILE
from readiness.codebook.validator import CodeBookValidator
from readiness.resources import resource_path

pytestmark = pytest.mark.slow

QUERIES = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "search_queries.json"
BOOKS = (
    "icd10cm-fy2025-lf/icd-10-cm-eindex-2025.xml.xz",
    "icd10cm-fy2025-lf/icd-10-cm-neoplasm-2025.xml.xz",
    "icd10cm-fy2025-lf/icd-10-cm-drug-2025.xml.xz",
    "icd10pcs/icd10pcs_tables_2026.xml.xz",
    "icd10pcs/icd10pcs_index_2025.xml.xz",
    "icd10pcs/2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip",
)


@pytest.fixture(scope="module")
def books(full_cm: CodeBookValidator, tmp_path_factory: pytest.TempPathFactory) -> CodeBook:
    """Every official book in ../shared, beside a copy of the session's tabular list."""
    missing = [rel for rel in BOOKS if not (SHARED / rel).exists()]
    if missing:
        pytest.skip(f"real CMS files not available: {missing}")
    tmp = tmp_path_factory.mktemp("search-books")
    sets = tmp / "sets"
    sets.mkdir()
    tab = importer.db_path(full_cm.book.dir, Kind.CM_TABULAR)
    shutil.copy(tab, importer.db_path(sets, Kind.CM_TABULAR))
    for rel in BOOKS:
        path = SHARED / rel
        if path.suffix == ".xz":
            out = tmp / path.name[:-3]
            with lzma.open(path) as src, out.open("wb") as dst:
                shutil.copyfileobj(src, dst)
            path = out
        importer.import_file(path, sets)
    book = CodeBook(sets)
    yield book
    book.close()


def codes(book: CodeBook, query: str, n: int = 5) -> list[str]:
    return [evaluate.hit_code(h) for h in book.search(query, 10)[:n]]


def test_every_curated_term_reaches_its_code_in_the_official_books(books: CodeBook) -> None:
    data = json.loads(resource_path(*SYNONYMS_FILE).read_text(encoding="utf-8"))
    entries = data["entries"]
    assert len(entries) >= 300
    wrong_target, missed = [], []
    for e in entries:
        code = e["code"]
        if not code:
            continue
        if not evaluate.target_exists(books, code):
            wrong_target.append(code)
            continue
        for say in e["say"]:
            if code not in codes(books, say):
                missed.append((say, code))
    assert wrong_target == []
    assert missed == []


def test_query_set_hit_at_5_meets_the_goal(books: CodeBook) -> None:
    cases = evaluate.load(QUERIES)
    assert len(cases) >= 150
    assert {c.kind for c in cases} >= {"code", "abbreviation", "lay", "misspelling", "eponym",
                                       "phrase", "pcs", "index"}
    unknown = [(c.q, w) for c in cases for w in c.want if not evaluate.target_exists(books, w)]
    assert unknown == []
    score = evaluate.score(books, cases)
    assert score.rate >= 0.95, score.misses


def test_everyday_codes_rank_near_the_top(books: CodeBook) -> None:
    assert "I10" in codes(books, "hypertension", 3)
    assert "E11.9" in codes(books, "diabetes", 3)
    assert "J18.9" in codes(books, "pneumonia", 3)


@pytest.mark.parametrize(("typed", "meant", "code"), [
    ("diabetis", "diabetes", "E11.9"),
    ("pnuemonia", "pneumonia", "J18.9"),
    ("cellulitus", "cellulitis", "L03.90"),
])
def test_misspellings_are_corrected_against_the_books(books: CodeBook, typed: str, meant: str,
                                                      code: str) -> None:
    result = books.find(typed)
    assert result.corrected == meant
    assert code in [evaluate.hit_code(h) for h in result.hits[:5]]
    assert not books.find(typed, exact=True).corrected  # the original is one click away


def test_hyphenated_book_words_match_joined_queries(books: CodeBook) -> None:
    assert codes(books, "gastroesophageal reflux")[0] == "K21.9"  # book: "Gastro-esophageal"
    assert codes(books, "gastro-esophageal reflux disease")[0] == "K21.9"


def test_pcs_procedure_names_and_index_lines(books: CodeBook) -> None:
    assert codes(books, "laparoscopic cholecystectomy")[0] == "0FT44ZZ"
    drug = books.search("acetaminophen")[0]
    assert (drug.source, drug.text) == (Kind.CM_DRUG, "Acetaminophen")
    ladder = books.search("fall from ladder", 10)
    path = next(h for h in ladder if h.source == Kind.CM_EINDEX)
    assert path.text == "Fall, falling, from, off, out of, ladder"  # shown with its path
    assert path.code == "W11"


def test_no_line_with_every_word_shows_the_best_partial_matches(books: CodeBook) -> None:
    result = books.find("Kawasaki disease")
    assert result.partial and result.missing == ("disease",)
    assert result.hits[0].ref == "M30.3"  # "Mucocutaneous lymph node syndrome [Kawasaki]"
