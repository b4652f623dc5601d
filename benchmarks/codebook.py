"""Code book benchmark: build, open and search the full FY2026 ICD-10-CM tabular list,
and build the books shipped as package data (``shipped_books_build_s``).

Runs a fixed set of queries (codes, prefixes, one- and multi-word terms) through
``CodeBook.search`` and, as the anchor, answers the same queries by a linear scan through
simple_icd_10_cm's API in the same run.  Prints one JSON object as its last line.

    .venv/bin/python benchmarks/codebook.py
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from readiness.codebook.library import CodeBook

CODES = ["E11.9", "I10", "J44.1", "S72.001A", "A41.9", "N18.6", "Z38.00", "O80", "F32.A",
         "T36.0X1A", "M80.08XA", "U07.1"]
CODES_NO_DOT = ["E119", "S72001A", "J9601", "I2510"]
PREFIXES = ["S72", "E11.6", "J44", "I21.0", "C50.9", "T81.4", "O24", "K35.8", "Z79", "M17.1",
            "R65", "E66.0"]
ONE_WORD = ["diabetes", "pneumonia", "fracture", "sepsis", "hypertension", "asthma", "anemia",
            "cholera", "melanoma", "obesity", "pregnancy", "femur"]
MULTI_WORD = ["type 2 diabetes", "fracture neck femur", "acute kidney failure",
              "chronic obstructive pulmonary", "severe sepsis shock", "heart failure diastolic",
              "pressure ulcer sacral", "major depressive disorder", "urinary tract infection",
              "acute myocardial infarction", "fract fem", "diab ketoac"]
QUERIES = CODES + CODES_NO_DOT + PREFIXES + ONE_WORD + MULTI_WORD
REPEATS = 25


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def anchor_answer(cm: object, codes: list[str], query: str) -> int:
    """Answer a query the obvious way with simple_icd_10_cm: a linear scan."""
    get_desc = cm.get_description  # type: ignore[attr-defined]
    q = query.strip().upper()
    if re.fullmatch(r"[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{0,4})", q):
        dotted = q if "." in q or len(q) <= 3 else f"{q[:3]}.{q[3:]}"
        return sum(1 for c in codes if c.startswith(dotted))
    words = query.lower().split()
    n = 0
    for c in codes:
        d = get_desc(c).lower().split()
        if all(any(w.startswith(t) for w in d) for t in words):
            n += 1
    return n


def shipped_books_build() -> dict[str, object]:
    """The first-use build of the books shipped as package data (PCS, the CM index-family
    tables, HCPCS), each timed, wall clock and CPU (the machine is shared: CPU says what
    the build itself costs)."""
    from readiness.codebook import bundled
    from readiness.core.progress import NullProgress

    per_book: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="codebook-bench-shipped-") as tmp:
        folder = Path(tmp) / "codesets"
        books = bundled.stale(folder)
        t0, c0 = time.perf_counter(), time.process_time()
        for book in books:
            t = time.perf_counter()
            pending = bundled.prepare(folder, [book], NullProgress())
            per_book[book.kind.value] = round(time.perf_counter() - t, 2)
            for p in pending:
                p.partial.replace(p.final)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"shipped_books": len(books), "shipped_books_build_s": round(wall, 2),
            "shipped_books_build_cpu_s": round(cpu, 2), "shipped_books_build_s_by_book": per_book}


def main() -> None:
    assert len(QUERIES) >= 50, len(QUERIES)
    with tempfile.TemporaryDirectory(prefix="codebook-bench-") as tmp:
        folder = Path(tmp) / "codesets"
        book = CodeBook(folder)
        t0 = time.perf_counter()
        # the first group of the first-use build: the Tabular alone (the shipped books
        # follow as a second task; shipped_books_build below times them)
        book.install(book.prepare_default())
        build_s = time.perf_counter() - t0
        book.close()

        opens = []
        for _ in range(7):
            t0 = time.perf_counter()
            book = CodeBook(folder)
            book.search("E11.9")
            opens.append((time.perf_counter() - t0) * 1000)
            book.close()
        book = CodeBook(folder)

        for q in QUERIES:  # warm the page cache once
            book.search(q)
        times: list[float] = []
        per_kind: dict[str, list[float]] = {"code": [], "prefix": [], "one_word": [],
                                            "multi_word": []}
        answers: dict[str, int] = {}
        for q in QUERIES:
            kind = ("code" if q in CODES or q in CODES_NO_DOT else "prefix" if q in PREFIXES
                    else "one_word" if q in ONE_WORD else "multi_word")
            for _ in range(REPEATS):
                t0 = time.perf_counter()
                hits = book.search(q)
                dt = (time.perf_counter() - t0) * 1000
                times.append(dt)
                per_kind[kind].append(dt)
            answers[q] = len(hits)
            assert hits, f"no result for {q!r}"
        book.close()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        import simple_icd_10_cm as cm

        all_codes = cm.get_all_codes(True)
        anchor_load_s = time.perf_counter() - t0
        anchor_times = []
        for q in QUERIES:
            t0 = time.perf_counter()
            anchor_answer(cm, all_codes, q)
            anchor_times.append((time.perf_counter() - t0) * 1000)

    shipped = shipped_books_build()
    result = {
        "benchmark": "codebook",
        "queries": len(QUERIES),
        "repeats": REPEATS,
        "search_p50_ms": round(statistics.median(times), 3),
        "search_p95_ms": round(percentile(times, 0.95), 3),
        "search_max_ms": round(max(times), 3),
        "search_p95_ms_by_kind": {k: round(percentile(v, 0.95), 3) for k, v in per_kind.items()},
        "first_build_s": round(build_s, 2),
        "open_existing_ms": round(statistics.median(opens), 2),
        "anchor": {
            "what": "same queries by linear scan through simple_icd_10_cm "
                    "(get_all_codes + get_description)",
            "load_s": round(anchor_load_s, 2),
            "p50_ms": round(statistics.median(anchor_times), 2),
            "p95_ms": round(percentile(anchor_times, 0.95), 2),
        },
        "goals": {"search_p95_ms": 2, "first_build_s": 10, "open_existing_ms": 50,
                  "shipped_books_build_s": 15},
        **shipped,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
