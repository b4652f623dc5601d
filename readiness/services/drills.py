"""Code-book speed drills: start a set for one book, answer, and read the figures.

A plan task starts a drill with ``workspace.drills.start(DrillBook.NEOPLASM, 10)``
(or, on a page, ``DrillsPage.open_drill``), and gets the finished set back through
``finish_hooks`` to record time, look-ups and accuracy against its session.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from readiness.codebook.drill_source import BookDrillSource
from readiness.codebook.model import Kind
from readiness.core import settings as prefs
from readiness.core.clock import Clock
from readiness.core.drills.generate import draw
from readiness.core.drills.models import (
    BOOKS,
    TERM_KINDS,
    BookStats,
    DrillAnswer,
    DrillBook,
    DrillPrompt,
)
from readiness.core.drills.models import DrillSummary as DrillSummary
from readiness.core.drills.session import DrillRun
from readiness.core.drills.stats import book_stats
from readiness.core.errors import UserError
from readiness.core.planner.drill_need import Lookup
from readiness.services.codebook import CodebookService
from readiness.services.settings import SettingsService
from readiness.storage.drills import DrillRepository, DrillRunRow

MAX_COUNT = 100  # look-ups in one set
# Seconds per look-up a target may be set to: the declaration's range.
TARGET_RANGE = (prefs.DRILL_TARGET_SECONDS.minimum or 1, prefs.DRILL_TARGET_SECONDS.maximum or 600)


@dataclass(frozen=True)
class BookStatus:
    book: DrillBook
    label: str
    route: str
    missing: tuple[str, ...]  # labels of code sets to install first (empty: ready)
    stats: BookStats | None

    @property
    def ready(self) -> bool:
        return not self.missing


class DrillService:
    def __init__(self, repo: DrillRepository, codebook: CodebookService,
                 settings: SettingsService, clock: Clock) -> None:
        self._repo = repo
        self._codebook = codebook
        self._settings = settings
        self._clock = clock
        self.finish_hooks: list[Callable[[DrillSummary], None]] = []

    def _source(self) -> BookDrillSource:
        return BookDrillSource(self._codebook.book)

    # -- which books -----------------------------------------------------------------
    def books(self) -> list[BookStatus]:
        source, stats = self._source(), self.drill_accuracy_by_book()
        return [BookStatus(b, spec.label, spec.route,
                           tuple(k.label for k in source.missing(b)), stats.get(b))
                for b, spec in BOOKS.items()]

    def check_installed(self, book: DrillBook) -> None:
        missing = self._source().missing(book)
        if missing == [Kind.CM_TABULAR] and self._codebook.building:
            raise UserError(f"the {book.label} drill needs the ICD-10-CM Tabular List, which "
                            "is being built (first use only); start again when it is done")
        if missing:
            raise UserError(
                f"the {book.label} drill needs {', '.join(k.label for k in missing)}, which "
                "is not installed; add it on the Code sets tab of the Code book page")

    def opening_target(self, book: DrillBook) -> str | None:
        """Where the code book opens for a drill: the first page of that book (a
        code-book browser target), never the page of an answer."""
        if book is DrillBook.PCS_TABLES:
            prefixes = self._source().pcs_prefixes()
            return f"pcs:{prefixes[0]}" if prefixes else None
        kind = TERM_KINDS[book]
        store = self._codebook.book.store(kind)
        first = store.main_terms(limit=1) if store is not None else []
        return f"idx:{kind.value}:{first[0].id}" if first else None

    # -- a set ---------------------------------------------------------------------
    def prepare(self, book: DrillBook, count: int, seed: int | None = None) -> list[DrillPrompt]:
        """Draw the prompts (reads only the code-set files: safe on a worker thread)."""
        if not 1 <= count <= MAX_COUNT:
            raise UserError(f"a drill set has 1 to {MAX_COUNT} look-ups, not {count}")
        self.check_installed(book)
        prompts = draw(book, self._source(), count, random.Random(seed))
        if not prompts:
            raise UserError(f"no look-ups could be drawn from the {book.label}: "
                            "the installed file has no codes that can be drilled")
        return prompts

    def begin(self, book: DrillBook, prompts: list[DrillPrompt],
              link: int | None = None) -> DrillRun:
        """Record the set as started (on the thread that owns the database).  ``link``
        is the plan task run it serves: the finished summary carries it to the hooks."""
        run_id = self._repo.start_run(book, len(prompts), self._clock.now())
        return DrillRun(book, list(prompts), self._clock, run_id, link)

    def start(self, book: DrillBook, count: int, seed: int | None = None,
              link: int | None = None) -> DrillRun:
        """Draw and begin in one go: ``start(DrillBook.NEOPLASM, 10)``."""
        return self.begin(book, self.prepare(book, count, seed), link)

    def answer(self, run: DrillRun, given: str) -> DrillAnswer:
        """Judge, save, then move the set on: the verdict is shown only once it is saved."""
        result = run.score(given)
        assert run.run_id is not None
        self._repo.record(run.run_id, run.position, result, self._clock.now())
        run.accept(result)
        return result

    def skip(self, run: DrillRun) -> DrillAnswer:
        return self.answer(run, "")

    def finish(self, run: DrillRun) -> DrillSummary:
        """End the set (all answered, or stopped early) and tell the hooks."""
        assert run.run_id is not None
        summary = run.summary()
        with self._repo.db.transaction():  # the set and what the hooks record: one commit
            self._repo.finish_run(run.run_id, self._clock.now())
            for hook in list(self.finish_hooks):
                hook(summary)
        return summary

    # -- figures ---------------------------------------------------------------------
    def drill_accuracy_by_book(self) -> dict[DrillBook, BookStats]:
        """Accuracy and look-up speed per book over every drill answered (for need and
        readiness: a book with ``answered == 0`` is not in the result)."""
        return book_stats(self._repo.answers())

    def lookups(self) -> list[Lookup]:
        """Every look-up answered, with its set and time (need and readiness evidence)."""
        return self._repo.lookups()

    def recent_runs(self, limit: int = 20) -> list[DrillRunRow]:
        return self._repo.runs(limit)

    def target_seconds(self) -> int:
        return self._settings.get(prefs.DRILL_TARGET_SECONDS)

    def set_target_seconds(self, seconds: int) -> None:
        lo, hi = TARGET_RANGE
        if not lo <= seconds <= hi:
            raise UserError(f"the look-up target must be {lo} to {hi} seconds, not {seconds}")
        self._settings.set(prefs.DRILL_TARGET_SECONDS, int(seconds))
