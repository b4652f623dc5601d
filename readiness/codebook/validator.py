"""The code validator other features use (the bank checker, the exam's answer entry)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from readiness.codebook.library import CodeBook
from readiness.codebook.model import Kind
from readiness.core.bank.models import CodeRef, CodeSystem
from readiness.core.codes import CodeStatus
from readiness.core.progress import Progress

_KIND: dict[CodeSystem, Kind] = {
    "icd10cm": Kind.CM_TABULAR,
    "icd10pcs": Kind.PCS_TABLES,
    "cpt": Kind.CPT,
    "hcpcs": Kind.HCPCS,
}


class CodeBookValidator:
    """BILLABLE / HEADER / INVALID per code, UNAVAILABLE when no code set is installed."""

    def __init__(self, book: CodeBook) -> None:
        self.book = book

    def status(self, ref: CodeRef) -> CodeStatus:
        return self.book.status(ref)

    def edition(self, system: CodeSystem) -> str | None:
        return self.book.edition(_KIND[system])

    def titles(self, refs: Iterable[CodeRef]) -> dict[CodeRef, str]:
        """Official titles (the bank check's leak rule compares prompts with them)."""
        return self.book.titles(refs)


def open_validator(codesets_dir: Path, progress: Progress | None = None) -> CodeBookValidator:
    """Open the installed code sets, building the bundled ICD-10-CM list first if needed."""
    book = CodeBook(codesets_dir)
    if book.needs_default_build():
        book.build_default(progress)
        book.reload()
    return CodeBookValidator(book)
