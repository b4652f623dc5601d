"""Recognise official code-set files, build their databases, install them atomically.

A file (or a CMS/CDC zip) is first *recognised* from its content, not its name: the root
element of the XML and its title or column headings.  Each recognised part is built into a
temporary database beside its final place; only when every part of the import has built
do the temporaries replace the installed files (``os.replace``).  A failure at any point

The parts: :mod:`~readiness.codebook.archive` (compressed files and zips, with limits),
:mod:`~readiness.codebook.recognition` (what each file is) and
:mod:`~readiness.codebook.builders` (one database per book).  This module installs them.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from readiness.codebook.archive import (
    MAX_MEMBER_BYTES,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    MAX_ZIP_ENTRIES,
    gather,
)
from readiness.codebook.builders import build, build_cm_tabular, edition, now_stamp
from readiness.codebook.model import Kind, SourceFile
from readiness.codebook.recognition import Recognised, recognise
from readiness.codebook.store import StoreWriter, read_meta
from readiness.core.errors import UserError
from readiness.core.progress import NullProgress, Progress

__all__ = [
    "BUNDLED_TABULAR_SHA256", "MAX_MEMBER_BYTES", "MAX_RATIO", "MAX_TOTAL_BYTES",
    "MAX_ZIP_ENTRIES", "ImportResult", "Pending", "Recognised", "build", "build_default",
    "bundled_tabular", "db_path", "default_is_current", "discard", "gather", "import_file",
    "install", "partial_path", "prepare_default", "prepare_import", "recognise", "remove",
    "remove_stale_partials", "sha256_file",
]

_DB_SUFFIX = ".sqlite3"


def db_path(codesets_dir: Path, kind: Kind) -> Path:
    return codesets_dir / f"{kind.value}{_DB_SUFFIX}"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class ImportResult:
    kind: Kind
    edition: str
    name: str
    counts: dict[str, int]


# -- install -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Pending:
    """A built database waiting to replace (or become) an installed code set."""

    kind: Kind
    partial: Path
    final: Path


def partial_path(final: Path) -> Path:
    return final.with_name(f"{final.name}.building-{uuid.uuid4().hex[:12]}")


def prepare_import(path: Path, codesets_dir: Path, expect: Kind | None = None,
                   progress: Progress | None = None
                   ) -> tuple[list[ImportResult], list[Pending]]:
    """Recognise and build every part of ``path`` beside the installed sets (worker-safe).

    Nothing installed changes; :func:`install` swaps the results in, :func:`discard`
    throws them away.  On any failure the partial files are already removed."""
    progress = progress or NullProgress()
    codesets_dir.mkdir(parents=True, exist_ok=True)
    source = SourceFile(path.name, sha256_file(path), path.stat().st_size) if path.is_file() \
        else None
    built: list[Pending] = []
    results: list[ImportResult] = []
    with tempfile.TemporaryDirectory(prefix="codebook-import-") as tmpdir:
        tmp = Path(tmpdir)
        try:
            found = gather(path, tmp, expect)
            assert source is not None
            for n, rec in enumerate(found):
                progress.report(n, len(found), f"Building {rec.kind.label}")
                final = db_path(codesets_dir, rec.kind)
                partial = partial_path(final)
                inner = SourceFile(rec.name, sha256_file(rec.path), rec.path.stat().st_size)
                sources = [source] if inner.sha256 == source.sha256 else [source, inner]
                counts = build(rec, partial, sources, progress)
                built.append(Pending(rec.kind, partial, final))
                meta = read_meta(partial) or {}
                results.append(ImportResult(rec.kind, meta.get("edition", ""), rec.name, counts))
            progress.check()
        except BaseException:
            discard(built)
            raise
    return results, built


def install(pending: list[Pending]) -> None:
    """Move built databases into place.  The caller closes its connections to the old files
    first (Windows cannot replace an open file)."""
    for p in pending:
        os.replace(p.partial, p.final)


def discard(pending: list[Pending]) -> None:
    for p in pending:
        p.partial.unlink(missing_ok=True)


def import_file(path: Path, codesets_dir: Path, expect: Kind | None = None,
                progress: Progress | None = None) -> list[ImportResult]:
    """Import an official file or zip (or a code list CSV); all parts or nothing."""
    results, pending = prepare_import(path, codesets_dir, expect, progress)
    install(pending)
    return results


def remove_stale_partials(codesets_dir: Path, older_than_s: float = 3600) -> None:
    """Partial databases left by a crash during a build (never ones still being written)."""
    import time

    if not codesets_dir.is_dir():
        return
    now = time.time()
    for f in codesets_dir.glob("*.building-*"):
        try:
            if now - f.stat().st_mtime > older_than_s:
                f.unlink()
        except OSError:
            continue


def remove(codesets_dir: Path, kind: Kind) -> None:
    db_path(codesets_dir, kind).unlink(missing_ok=True)


# -- the bundled default -----------------------------------------------------------------

# The FY2026 Tabular XML inside simple-icd-10-cm 1.5.0 (pinned in pyproject.toml), the
# file the billable set was verified with (74,719 codes, equal to CDC's FY2026 list).
# A different file — an upgraded package — is refused rather than built, so an upgrade
# can never silently swap the candidate's book.
BUNDLED_TABULAR_SHA256 = "f161f8182aff3ce3a2a78e202f8259c08eaee2c670a9e45b0072445c52302935"

def bundled_tabular() -> Path | None:
    """CMS's tabular XML shipped inside the simple-icd-10-cm package, if installed.

    Found without importing the package (its import loads every code, slowly)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("simple_icd_10_cm")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    if not folder.is_dir():
        return None
    for entry in sorted(folder.iterdir()):
        if entry.name.endswith(".xml") and "tabular" in entry.name:
            return entry
    return None


def default_is_current(codesets_dir: Path, source: Path) -> bool:
    from readiness.codebook.store import SCHEMA_VERSION

    meta = read_meta(db_path(codesets_dir, Kind.CM_TABULAR))
    if not meta:
        return False
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        return False
    if meta.get("origin") != "bundled":
        return True  # the user imported a tabular list; keep it
    st = source.stat()
    return meta.get("source_stamp") == f"{source.name}:{st.st_size}:{st.st_mtime_ns}"


def prepare_default(codesets_dir: Path, source: Path,
                    progress: Progress | None = None) -> Pending:
    """Build the bundled CM tabular list beside the installed one (worker-safe)."""
    progress = progress or NullProgress()
    codesets_dir.mkdir(parents=True, exist_ok=True)
    final = db_path(codesets_dir, Kind.CM_TABULAR)
    partial = partial_path(final)
    st = source.stat()
    digest = sha256_file(source)
    if digest != BUNDLED_TABULAR_SHA256:
        raise UserError(
            f"The ICD-10-CM Tabular List that came with simple-icd-10-cm ({source}) is not "
            "the file this version of CCS Readiness was verified with (SHA-256 "
            f"{digest[:12]}…, expected {BUNDLED_TABULAR_SHA256[:12]}…). The installed code "
            "book is kept; reinstall CCS Readiness to get the verified file, or import an "
            "official Tabular List on the Code sets page.")
    rec = Recognised(Kind.CM_TABULAR, source, source.name, "")
    writer = StoreWriter(partial)
    try:
        counts, version = build_cm_tabular(rec, writer, progress)
        sources = [SourceFile(source.name, digest, st.st_size)]
        writer.finish(Kind.CM_TABULAR, edition(Kind.CM_TABULAR, version, source.name), sources,
                      counts, now_stamp(), extra={
                          "origin": "bundled",
                          "source_stamp": f"{source.name}:{st.st_size}:{st.st_mtime_ns}"})
    except BaseException:
        writer.abort()
        raise
    return Pending(Kind.CM_TABULAR, partial, final)


def build_default(codesets_dir: Path, source: Path, progress: Progress | None = None) -> None:
    """Build and install the bundled CM tabular list (atomic)."""
    install([prepare_default(codesets_dir, source, progress)])
