"""One facade over the user's data: what every page talks to.

Built once at start (``Workspace.open``) and passed in; nothing looks it up
from a global.  Each feature hangs its service here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from readiness.core.appointment import zone_named
from readiness.core.clock import Clock, SystemClock
from readiness.core.planner.models import DomainResult
from readiness.core.when import DEFAULT_STYLE, DateStyle
from readiness.paths import AppPaths
from readiness.services.appointment import AppointmentService
from readiness.services.bank import BankService
from readiness.services.checklist import ChecklistService
from readiness.services.codebook import CodebookService
from readiness.services.dashboard import DashboardService
from readiness.services.exams import ExamService
from readiness.services.planner import PlannerService
from readiness.services.review import ReviewService
from readiness.services.settings import SettingsService
from readiness.storage import backups
from readiness.storage.appointment import AppointmentRepository
from readiness.storage.backups import Recovery
from readiness.storage.checklist import ChecklistRepository
from readiness.storage.codebook import CodebookRepository
from readiness.storage.db import Database
from readiness.storage.exams import ExamRepository
from readiness.storage.migrations import migrate
from readiness.storage.planner import PlannerRepository
from readiness.storage.review import ReviewRepository
from readiness.storage.settings import SettingsRepository

__all__ = ["Recovery", "StartupReport", "Workspace"]


@dataclass(frozen=True)
class StartupReport:
    recovery: Recovery | None
    migrations_applied: tuple[str, ...]
    backup: Path | None


class Workspace:
    def __init__(self, db: Database, paths: AppPaths, clock: Clock) -> None:
        self.db = db
        self.paths = paths
        self.clock = clock
        self.home = paths.home
        self.codesets_dir = paths.codesets
        # How every page writes dates: the UI sets the locale's style at start.
        self.date_style: DateStyle = DEFAULT_STYLE
        self.settings = SettingsService(SettingsRepository(db))
        self.appointment = AppointmentService(AppointmentRepository(db))
        self.codebook = CodebookService(CodebookRepository(db), clock, self.codesets_dir)
        self.bank = BankService(self.home, codesets_dir=self.codesets_dir)
        self.planner = PlannerService(PlannerRepository(db), self.appointment, clock)
        self.checklist = ChecklistService(ChecklistRepository(db), self.appointment, clock,
                                          style=lambda: self.date_style)
        self.planner.events_source = self.checklist.ics_events  # final-week items in the .ics
        self.planner.style_source = lambda: self.date_style
        self.exams = ExamService(ExamRepository(db), clock, paths.home, bank_loader=self.bank.all)
        self.planner.results_source = self.practice_results  # practice drives the plan
        self.review = ReviewService(ReviewRepository(db), clock, self._zone, self._bank_refs)
        self.exams.finish_hooks.append(self.review.record_attempt)  # spaced review cards
        self.dashboard = DashboardService(self.appointment, self.planner, self.checklist,
                                          self.exams, clock, self.review,
                                          style=lambda: self.date_style)

    def _zone(self) -> tzinfo:
        return zone_named(self.planner.zone_name())

    def _bank_refs(self) -> set[str]:
        bank = self.exams.bank()
        return {i.id for i in bank.items} | {s.id for s in bank.scenarios}

    def practice_results(self) -> list[DomainResult]:
        """Per-domain scores of finished practice, as the planner's need model reads them."""
        return [
            DomainResult(row.domain_id, row.earned, row.possible, row.finished_at)
            for row in self.exams.domain_results()
        ]

    @classmethod
    def open(cls, paths: AppPaths, clock: Clock | None = None,
             take_backup: bool = True) -> tuple[Workspace, StartupReport]:
        """Check, recover, migrate and back up the database, then build the services."""
        clock = clock or SystemClock()
        paths.ensure()
        now = clock.now()
        recovery = backups.recover_if_damaged(paths.database, paths.backups, paths.quarantine, now)
        db = Database.open(paths.database)
        applied = migrate(db)
        backup = backups.take_backup(db.connection, paths.backups, now) if take_backup else None
        return cls(db, paths, clock), StartupReport(recovery, tuple(applied), backup)

    def close(self) -> None:
        self.codebook.close()
        self.db.close()
