"""First-use build benchmark: every book the app ships, built on a fresh install.

Times the build as the app runs it (``CodeBook.build_default``: the ICD-10-CM Tabular
List first, then the books shipped as package data, side by side in worker processes),
then each shipped book alone in this process for the breakdown.  Wall clock and CPU
(this process and its workers): the machine may be shared, and CPU says what the build
itself costs; the load average at the start is printed beside them.  Prints one JSON
object as its last line.

    .venv/bin/python benchmarks/codebook_build.py
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from readiness.codebook import bundled
from readiness.codebook.library import CodeBook
from readiness.core.progress import NullProgress

GOALS = {"first_use_build_s": 15, "shipped_books_build_s": 15}


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def first_use_build() -> dict[str, object]:
    """The whole first-use build into an empty folder, group by group as the app does."""
    groups: list[float] = []
    with tempfile.TemporaryDirectory(prefix="codebook-bench-first-use-") as tmp:
        book = CodeBook(Path(tmp) / "codesets")
        try:
            t0, c0 = time.perf_counter(), _cpu()
            while book.needs_default_build():
                t = time.perf_counter()
                pending = book.prepare_default()
                book.install(pending)
                groups.append(round(time.perf_counter() - t, 2))
                if not pending:
                    break
            wall, cpu = time.perf_counter() - t0, _cpu() - c0
            installed = len(book.installed())
        finally:
            book.close()
    return {"first_use_build_s": round(wall, 2), "first_use_build_cpu_s": round(cpu, 2),
            "first_use_groups_s": groups, "first_use_books": installed,
            "tabular_s": groups[0] if groups else None,
            "shipped_books_build_s": groups[1] if len(groups) > 1 else None}


def shipped_books_sequential() -> dict[str, object]:
    """Each shipped book built alone in this process: what each costs."""
    per_book: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="codebook-bench-shipped-") as tmp:
        folder = Path(tmp) / "codesets"
        books = bundled.stale(folder)
        t0, c0 = time.perf_counter(), time.process_time()
        for book in books:
            t = time.process_time()
            for p in bundled.prepare(folder, [book], NullProgress(), parallel=False):
                p.partial.replace(p.final)
            per_book[book.kind.value] = round(time.process_time() - t, 2)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"shipped_books": len(books), "shipped_books_sequential_s": round(wall, 2),
            "shipped_books_sequential_cpu_s": round(cpu, 2),
            "shipped_books_cpu_s_by_book": per_book}


def main() -> None:
    load = os.getloadavg()[0]
    result: dict[str, object] = {"benchmark": "codebook_build", "cpus": os.cpu_count(),
                                 "load_average_1min": round(load, 2)}
    result.update(first_use_build())
    result.update(shipped_books_sequential())
    result["goals"] = GOALS
    print(json.dumps(result))


if __name__ == "__main__":
    main()
