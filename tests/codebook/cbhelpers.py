"""Fixtures for the code-set tests: small CMS-schema files, and the real files if present."""

from __future__ import annotations

import lzma
import shutil
from pathlib import Path

import pytest

from readiness.codebook.library import CodeBook
from readiness.codebook.validator import CodeBookValidator, open_validator

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cms"

ALL_FIXTURES = (
    "tabular-mini.xml",
    "index-mini.xml",
    "eindex-mini.xml",
    "neoplasm-mini.xml",
    "drug-mini.xml",
    "pcs-tables-mini.xml",
    "pcs-index-mini.xml",
    "pcs-definitions-mini.xml",
    "cpt-mini.csv",
    "icd10pcs_order_2026.txt",
)


def build_fixture_book(folder: Path) -> CodeBook:
    book = CodeBook(folder)
    for name in ALL_FIXTURES:
        book.import_file(FIXTURES / name)
    book.reload()
    return book


@pytest.fixture
def book(tmp_path: Path) -> CodeBook:
    b = build_fixture_book(tmp_path / "codesets")
    yield b
    b.close()


def shared_file(relative: str, tmp: Path) -> Path:
    """A real CMS file from ../shared/data/cms (decompressed if stored as .xz), or skip."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"real CMS file not available: {relative}")
    if path.suffix == ".xz":
        out = tmp / path.name[:-3]
        if not out.exists():
            with lzma.open(path) as src, out.open("wb") as dst:
                shutil.copyfileobj(src, dst)
        return out
    return path


@pytest.fixture(scope="session")
def full_cm(tmp_path_factory: pytest.TempPathFactory) -> CodeBookValidator:
    """The bundled FY2026 ICD-10-CM tabular list, built once per test session."""
    folder = tmp_path_factory.mktemp("full-cm")
    validator = open_validator(folder)
    yield validator
    validator.book.close()
