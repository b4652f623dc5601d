"""The official books shipped as package data (``readiness/resources/codesets/``).

Each is CMS's or CDC's public-domain release file, kept compressed as shipped
(see PROVENANCE.md there).  On first use each is built into its own code-set
database beside the ICD-10-CM Tabular List; the database records where it came
from (``origin = bundled``) and the SHA-256 of the shipped file, so an upgrade
that ships a newer file rebuilds it, and a book the user imported is never
replaced by the shipped one.
"""

from __future__ import annotations

import tempfile
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from readiness.codebook import importer, parallel_build
from readiness.codebook.model import Kind, SourceFile
from readiness.codebook.store import SCHEMA_VERSION, read_meta
from readiness.core.errors import ImportFailed
from readiness.core.progress import NullProgress, Progress
from readiness.resources import resource_path


@dataclass(frozen=True)
class ShippedBook:
    kind: Kind
    file: str  # under readiness/resources/codesets/
    # Its build's CPU seconds, measured (benchmarks/codebook_build.py): the order and the
    # progress bar of the parallel build, and whether there is enough work for one.
    cost: float = 0.0


# The books a coder opens first come first in a sequential build; the parallel build
# starts the costliest first (so the last to finish is a short one).
SHIPPED_ALL: tuple[ShippedBook, ...] = (
    ShippedBook(Kind.PCS_TABLES, "icd10pcs_tables_2026.xml.xz", 0.6),
    ShippedBook(Kind.PCS_DEFINITIONS, "icd10pcs_definitions_2026.xml.xz", 0.05),
    ShippedBook(Kind.CM_NEOPLASM, "icd-10-cm-neoplasm-2025.xml.xz", 0.2),
    ShippedBook(Kind.CM_DRUG, "icd-10-cm-drug-2025.xml.xz", 0.9),
    ShippedBook(Kind.CM_EINDEX, "icd-10-cm-eindex-2025.xml.xz", 0.5),
    ShippedBook(Kind.PCS_INDEX, "icd10pcs_index_2025.xml.xz", 1.5),
    ShippedBook(Kind.PCS_ORDER, "icd10pcs_order_2026.txt.xz", 2.3),
    ShippedBook(Kind.HCPCS, "HCPC2025_OCT_ANWEB.xlsx", 0.6),
)
# Below this much work (CPU seconds) the books build in the calling thread: starting a
# process (an interpreter and the importer's modules) costs about half a second.
PARALLEL_MIN_COST = 2.0
# What the first-use build looks at (the test suite empties it: tens of seconds per test).
SHIPPED = SHIPPED_ALL


def shipped_path(book: ShippedBook) -> Path:
    return resource_path("codesets", book.file)


def _stamp(path: Path) -> str:
    # The content, not the file time: a reinstall of the same wheel must not rebuild.
    return f"{path.name}:{importer.sha256_file(path)}"


def stale(codesets_dir: Path) -> list[ShippedBook]:
    """The shipped books whose database is missing, out of date or from an older schema.

    A book the user imported (origin not 'bundled') is kept as it is."""
    out = []
    for book in SHIPPED:
        source = shipped_path(book)
        if not source.is_file():
            continue  # a trimmed build without this book: nothing to do
        meta = read_meta(importer.db_path(codesets_dir, book.kind))
        if meta and meta.get("schema_version") == str(SCHEMA_VERSION):
            if meta.get("origin") != "bundled":
                continue
            if meta.get("source_stamp") == _stamp(source):
                continue
        out.append(book)
    return out


class ScaledProgress:
    """Progress of one book mapped into the whole first-use build (n books)."""

    SCALE = 1000

    def __init__(self, outer: Progress, index: int, count: int, label: str) -> None:
        self.outer, self.index, self.count, self.label = outer, index, count, label

    def report(self, done: int, total: int, message: str = "") -> None:
        part = int(self.SCALE * done / total) if total else 0
        self.outer.report(self.index * self.SCALE + min(part, self.SCALE),
                          self.count * self.SCALE, self.label)

    def check(self) -> None:
        self.outer.check()


def prepare(codesets_dir: Path, books: list[ShippedBook], progress: Progress | None = None,
            first: int = 0, count: int | None = None,
            parallel: bool | None = None) -> list[importer.Pending]:
    """Build ``books`` beside the installed sets (worker-thread safe); all or none.

    The results replace the installed files only through :func:`importer.install`.
    ``first``/``count`` place these steps in a larger build's progress bar.  The books
    build side by side in worker processes when there is enough work for it (``parallel``
    None) and more than one core; a pool that cannot start falls back to this thread."""
    progress = progress or NullProgress()
    count = len(books) if count is None else count
    codesets_dir.mkdir(parents=True, exist_ok=True)
    workers = parallel_build.workers_for(len(books))
    if parallel is None:
        parallel = sum(b.cost for b in books) >= PARALLEL_MIN_COST
    if parallel and workers > 1:
        try:
            return _prepare_parallel(codesets_dir, books, progress, first, count, workers)
        except (BrokenProcessPool, OSError):
            pass  # no processes here (a sandbox, a worker killed): build them one by one
    built: list[importer.Pending] = []
    try:
        for i, book in enumerate(books, start=first):
            label = f"Building the {book.kind.label} ({i + 1} of {count})"
            step = ScaledProgress(progress, i, count, label)
            step.report(0, 1)
            step.check()
            built.append(_prepare_one(codesets_dir, book, shipped_path(book), step))
        progress.check()
    except BaseException:
        importer.discard(built)
        raise
    return built


def _prepare_parallel(codesets_dir: Path, books: list[ShippedBook], progress: Progress,
                      first: int, count: int, workers: int) -> list[importer.Pending]:
    order = sorted(range(len(books)), key=lambda i: -books[i].cost)
    jobs: list[parallel_build.Job] = [
        partial(_prepare_one, codesets_dir, books[i], shipped_path(books[i])) for i in order]

    def label(done: int) -> str:
        return f"Building the code books side by side ({done} of {len(books)} done)"

    step = _Span(progress, first, len(books), count)
    built = parallel_build.run_parallel(jobs, step, [books[i].cost for i in order], label,
                                        workers)
    by_book = dict(zip(order, built, strict=True))
    return [by_book[i] for i in range(len(books))]


class _Span:
    """Progress of ``n`` steps built together, from step ``first`` of a ``count``-step bar."""

    def __init__(self, outer: Progress, first: int, n: int, count: int) -> None:
        self.outer, self.first, self.n, self.count = outer, first, n, count

    def report(self, done: int, total: int, message: str = "") -> None:
        scale = ScaledProgress.SCALE
        part = int(self.n * scale * done / total) if total else 0
        self.outer.report(self.first * scale + part, self.count * scale, message)

    def check(self) -> None:
        self.outer.check()


def _prepare_one(codesets_dir: Path, book: ShippedBook, source: Path,
                 progress: Progress) -> importer.Pending:
    final = importer.db_path(codesets_dir, book.kind)
    partial_file = importer.partial_path(final)
    with tempfile.TemporaryDirectory(prefix="codebook-shipped-") as tmpdir:
        found = importer.gather(source, Path(tmpdir), book.kind)
        rec = found[0]
        if rec.kind != book.kind:  # pragma: no cover - gather checked it
            raise ImportFailed(f"the shipped file is the {rec.kind.label}", where=source.name)
        sources = [SourceFile(source.name, importer.sha256_file(source), source.stat().st_size)]
        importer.build(rec, partial_file, sources, progress,
                       extra={"origin": "bundled", "source_stamp": _stamp(source)})
    return importer.Pending(book.kind, partial_file, final)
