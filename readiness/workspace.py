"""One facade over the user's data: what every page talks to.

Built once at start (``Workspace.open``) and passed in; nothing looks it up
from a global.  Each feature hangs its service here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from readiness.core.appointment import zone_named
from readiness.core.clock import Clock, SystemClock
from readiness.core.errors import StoreUnavailable
from readiness.core.planner.drill_need import drill_results
from readiness.core.planner.models import DomainResult
from readiness.core.when import DEFAULT_STYLE, DateStyle
from readiness.paths import AppPaths
from readiness.services.anki import AnkiService
from readiness.services.appointment import AppointmentService
from readiness.services.bank import BankService
from readiness.services.ceu import CeuService
from readiness.services.checklist import ChecklistService
from readiness.services.codebook import CodebookService
from readiness.services.dashboard import DashboardService
from readiness.services.drills import DrillService
from readiness.services.exams import ExamService
from readiness.services.plan_tasks import PlanTaskService
from readiness.services.planner import PlannerService
from readiness.services.readiness import ReadinessService
from readiness.services.review import ReviewService
from readiness.services.settings import SettingsService
from readiness.storage import backups, startup
from readiness.storage.appointment import AppointmentRepository
from readiness.storage.backups import Recovery
from readiness.storage.ceu import CeuRepository
from readiness.storage.checklist import ChecklistRepository
from readiness.storage.codebook import CodebookRepository
from readiness.storage.db import Database
from readiness.storage.drills import DrillRepository
from readiness.storage.exams import ExamRepository
from readiness.storage.migrations import migrate
from readiness.storage.plan_tasks import PlanTaskRepository
from readiness.storage.planner import PlannerRepository
from readiness.storage.review import ReviewRepository
from readiness.storage.settings import SettingsRepository

__all__ = ["Recovery", "StartupReport", "Workspace"]


@dataclass(frozen=True)
class StartupReport:
    recovery: Recovery | None
    migrations_applied: tuple[str, ...]
    backup: Path | None
    read_only: bool = False  # the data could only be opened for reading: nothing saves
    full_check: bool = False  # the full integrity check ran (unclean exit, or daily)
    unclean_exit: bool = False  # the last run did not close the database


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
        planner_repo = PlannerRepository(db)
        self.planner = PlannerService(planner_repo, self.appointment, clock)
        # Appointment dates are checked by one rule wherever they are edited.
        self.appointment.today_source = self.planner.today_date
        self.checklist = ChecklistService(ChecklistRepository(db), self.appointment, clock,
                                          style=lambda: self.date_style)
        self.planner.events_source = self.checklist.ics_events  # final-week items in the .ics
        self.planner.leave_by_source = self._leave_by  # the exam's leave-now reminder
        self.planner.style_source = lambda: self.date_style
        self.exams = ExamService(ExamRepository(db), clock, paths.home, bank_loader=self.bank.all)
        self.planner.results_source = self.practice_results  # practice drives the plan
        self.review = ReviewService(ReviewRepository(db), clock, self._zone, self._bank_refs)
        self.exams.finish_hooks.append(self.review.record_attempt)  # spaced review cards
        self.drills = DrillService(DrillRepository(db), self.codebook, self.settings, clock)
        self.plan_tasks = PlanTaskService(PlanTaskRepository(db), planner_repo, self.planner,
                                          self.exams, clock, drills=self.drills)
        # A drill set started from a plan task records against its session.
        self.drills.finish_hooks.append(self.plan_tasks.drill_finished)
        # Evidence for readiness, and a plan task's figures against its session.
        self.exams.finish_hooks.append(self.plan_tasks.attempt_finished)
        self.readiness = ReadinessService(self.planner)
        # Missed, unanswered and flagged items of finished attempts, newest first.
        self.anki = AnkiService(self.exams.bank, self.exams.repo.retry_refs,
                                self.planner.domain_names, clock)
        self.ceu = CeuService(CeuRepository(db), clock, paths.home, self.planner.today_date,
                              style=lambda: self.date_style)
        self.dashboard = DashboardService(self.appointment, self.planner, self.checklist,
                                          self.exams, clock, self.review, self.readiness,
                                          style=lambda: self.date_style)
        self.dashboard.first_task_source = self.plan_tasks.first_open_task
        self.planner.session_tasks_source = self.plan_tasks.titles_by_session

    def _leave_by(self) -> datetime | None:
        arrival = self.checklist.arrival()
        return arrival.leave_by if arrival is not None else None

    def _zone(self) -> tzinfo:
        return zone_named(self.planner.zone_name())

    def _bank_refs(self) -> set[str]:
        bank = self.exams.bank()
        return {i.id for i in bank.items} | {s.id for s in bank.scenarios}

    def practice_results(self) -> list[DomainResult]:
        """Per-domain answered points of finished practice, as the planner's need model and
        readiness read them (items left unanswered are pacing, not wrong answers), and
        code-book drill sets as lighter evidence on coding knowledge (core/planner/
        drill_need.py: a look-up is a quarter of an item, slow ones earn less)."""
        practice = self.plan_tasks.domain_results(self.exams.domain_results())
        drills = drill_results(self.drills.lookups(), self.drills.target_seconds())
        return sorted([*practice, *drills], key=lambda r: r.taken_at)

    @classmethod
    def open(cls, paths: AppPaths, clock: Clock | None = None,
             take_backup: bool = True) -> tuple[Workspace, StartupReport]:
        """Check, recover, migrate and back up the database, then build the services.

        Raises :class:`StorageEnvironmentError` (disk full, I/O, permission) having
        changed nothing on disk, and :class:`StoreUnavailable` when the data cannot be
        used at all; both carry a message for the user.
        """
        clock = clock or SystemClock()
        paths.ensure()
        now = clock.now()
        unclean = paths.running_marker.exists()
        full = unclean or startup.last_full_check(paths) != now.date()
        read_only = not startup.can_write(paths)
        recovery = None
        if read_only:
            problem = backups.check_database(paths.database, full)
            if problem is not None:
                raise StoreUnavailable(
                    f"your data file is damaged ({problem}) and its folder cannot be written, "
                    "so it cannot be restored from a backup", where=str(paths.database))
        else:
            recovery = backups.recover_if_damaged(paths.database, paths.backups,
                                                  paths.quarantine, now, full=full)
            startup.create_private(paths.database)
        db = Database.open(paths.database, allow_read_only=True)
        try:
            applied = startup.migrate_or_refuse(db, migrate)
            backup = None
            if not db.read_only:
                if full:
                    startup.stamp_full_check(paths, now.date())
                if take_backup:
                    backup = backups.take_backup(db.connection, paths.backups, now)
                startup.mark_running(paths)
        except BaseException:
            db.close(checkpoint=False)
            raise
        report = StartupReport(recovery, tuple(applied), backup, read_only=db.read_only,
                               full_check=full, unclean_exit=unclean)
        return cls(db, paths, clock), report

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    def close(self) -> None:
        self.codebook.close()
        self.db.close()
        if not self.db.read_only:
            startup.clear_running(self.paths)  # a clean exit: no full check needed next time
