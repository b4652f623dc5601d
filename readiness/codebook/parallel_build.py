"""Build independent code-set databases side by side in worker processes.

The shipped books are independent (each is its own file and its own database), and
the build is pure CPU (XML parsing, FTS5 indexing): on two cores they build in about
half the time.  Python threads would not help (the GIL), so each book is built in a
process of its own, started with ``spawn`` (no copy of the GUI process's threads, the
same on every platform; the frozen app calls ``multiprocessing.freeze_support``).

Cancel reaches the workers through one shared event their ``check()`` reads; a book
that fails or is cancelled removes its own partial file, and the parent removes the
ones that finished, so nothing is left behind and nothing is installed.  An expected
failure (:class:`UserError`) crosses back with its message and place intact.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from readiness.codebook import importer
from readiness.core import errors
from readiness.core.errors import Cancelled, UserError
from readiness.core.progress import Progress

# The cancel flag of this worker process (set once by the pool's initializer).
_STOP: Any = None


class _WorkerProgress:
    """A worker's Progress: no bar of its own (the parent reports whole books); its
    ``check()`` raises Cancelled once the parent set the shared stop event."""

    def report(self, done: int, total: int, message: str = "") -> None:
        pass

    def check(self) -> None:
        if _STOP is not None and _STOP.is_set():
            raise Cancelled()


def _init_worker(stop: Any) -> None:
    global _STOP
    _STOP = stop


@dataclass(frozen=True)
class Failure:
    """A UserError as it crosses the process boundary (its class, message and place)."""

    kind: str
    message: str
    where: str | None

    def error(self) -> UserError:
        cls = getattr(errors, self.kind, UserError)
        if not (isinstance(cls, type) and issubclass(cls, UserError)):
            cls = UserError
        return cls(self.message, where=self.where)


Job = Callable[[Progress], importer.Pending]


def _run(job: Job) -> importer.Pending | Failure | None:
    try:
        return job(_WorkerProgress())
    except UserError as exc:
        return Failure(type(exc).__name__, exc.message, exc.where)
    except Cancelled:
        return None


def workers_for(jobs: int) -> int:
    """How many processes to use: one per core, at most four (each holds one book)."""
    return max(1, min(jobs, os.cpu_count() or 1, 4))


def run_parallel(jobs: list[Job], progress: Progress, weights: list[float],
                 label: Callable[[int], str], workers: int) -> list[importer.Pending]:
    """Run every job (a picklable callable taking a Progress) in ``workers`` processes.

    Returns their results in job order; all or none: on a failure, a Cancel or a bug the
    finished partial files are removed and the error is raised in this process."""
    ctx = multiprocessing.get_context("spawn")
    stop = ctx.Event()
    weights = [max(w, 0.01) for w in weights]
    total = sum(weights)
    results: dict[int, importer.Pending] = {}
    futures: dict[Future[importer.Pending | Failure | None], int] = {}
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                                 initializer=_init_worker, initargs=(stop,)) as pool:
            try:
                for i, job in enumerate(jobs):
                    futures[pool.submit(_run, job)] = i
                _collect(futures, results, progress, weights, total, label)
            except BaseException:
                stop.set()
                for f in futures:
                    f.cancel()
                raise
            finally:
                wait(futures)  # the pool's exit waits too; finished ones are discarded below
    except BaseException:
        for f, i in futures.items():
            if f.done() and not f.cancelled() and f.exception() is None:
                r = f.result()
                if isinstance(r, importer.Pending):
                    results[i] = r
        importer.discard(list(results.values()))
        raise
    return [results[i] for i in range(len(jobs))]


def _collect(futures: dict[Future[importer.Pending | Failure | None], int],
             results: dict[int, importer.Pending], progress: Progress,
             weights: list[float], total: float, label: Callable[[int], str]) -> None:
    remaining = set(futures)
    done_weight = 0.0
    scale = 1000
    while remaining:
        # A bounded wait, so the parent notices Cancel while the workers are busy.
        finished, remaining = wait(remaining, timeout=0.1, return_when=FIRST_COMPLETED)
        for f in finished:
            i = futures[f]
            r = f.result()  # a bug in a worker is raised here, as in a thread
            if isinstance(r, Failure):
                raise r.error()
            if r is None:
                raise Cancelled()
            results[i] = r
            done_weight += weights[i]
        if finished:
            progress.report(int(scale * done_weight / total), scale, label(len(results)))
        progress.check()
