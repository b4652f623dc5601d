"""Session tasks: what each planned session asks for, Start, and what finishing records.

``workspace.plan_tasks``.  A practice or scenario task starts an exam attempt
set up for it (custom, tutor mode, untimed) and remembers which attempt it
opened; the exam service's finish hook (:meth:`PlanTaskService.attempt_finished`)
then records minutes, items and points against the session inside the finish
transaction, and marks the session done once all its tasks are.  Guideline
tasks open the section in the app; "Done reading" records the time.  A drill task
records a task run that the drills page is told about (``Started.drill``); the
drill service's finish hook (:meth:`PlanTaskService.drill_finished`) records its
look-ups, accuracy and time inside the set's finish transaction.

It also keeps the practice evidence the readiness model reads (every scored
entry, answered or not) and turns it into per-domain results in which
unanswered items do not count as wrong.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from readiness.core.appointment import zone_named
from readiness.core.bank.models import Bank
from readiness.core.clock import Clock
from readiness.core.drills.models import DrillBook, DrillSummary
from readiness.core.errors import UserError
from readiness.core.exam.forms import FormSpec, Mode, full_mock_spec
from readiness.core.exam.scoring import ExamResult
from readiness.core.guidelines import Guidelines, GuidelineSection, load_guidelines
from readiness.core.planner.drill_need import BookEvidence, rank_books
from readiness.core.planner.models import DomainResult, Session, SessionStatus, TimeEntry
from readiness.core.planner.need import recency_weight
from readiness.core.planner.tasks import (
    Capabilities,
    DrillOption,
    GuidelineRef,
    PlanTask,
    TaskKind,
    TaskStat,
    plan_turns,
    session_tasks,
)
from readiness.resources import resource_path
from readiness.services.drills import DrillService
from readiness.services.exams import ExamRun, ExamService
from readiness.services.planner import PlannerService
from readiness.storage.exams import DomainScoreRow
from readiness.storage.plan_tasks import PlanTaskRepository, TaskRun
from readiness.storage.planner import PlannerRepository

MAX_READING_MINUTES = 120  # a reader left open overnight does not log a day's work


@dataclass(frozen=True)
class TaskView:
    session_id: str
    task: PlanTask
    run: TaskRun | None  # the latest Start of this task

    @property
    def done(self) -> bool:
        return self.run is not None and self.run.done

    @property
    def started(self) -> bool:
        return self.run is not None and not self.run.done

    def figures(self) -> str:
        """What finishing recorded: "23 min · 15 items · 73 %"."""
        run = self.run
        if run is None or not run.done:
            return ""
        parts = [f"{run.minutes or 0} min"]
        unit = "look-up" if self.task.kind is TaskKind.DRILL else "item"
        if run.items:
            parts.append(f"{run.items} {unit}{'s' if run.items != 1 else ''}")
        if run.possible:
            parts.append(f"{100 * (run.earned or 0) / run.possible:.0f} %")
        return " · ".join(parts)


@dataclass(frozen=True)
class Started:
    """What Start opened: an exam attempt, a guideline section to read, or the book
    of a drill for the drills page to start (``link=run_id``)."""

    run_id: int
    task: PlanTask
    exam: ExamRun | None = None
    section: GuidelineSection | None = None
    drill: DrillBook | None = None


class PlanTaskService:
    def __init__(self, repo: PlanTaskRepository, planner_repo: PlannerRepository,
                 planner: PlannerService, exams: ExamService, clock: Clock,
                 guidelines: Callable[[], Guidelines] | None = None,
                 drills: DrillService | None = None) -> None:
        self._repo = repo
        self._drills = drills
        self._planner_repo = planner_repo
        self._planner = planner
        self._exams = exams
        self._clock = clock
        self._guidelines_loader = guidelines or (
            lambda: load_guidelines(resource_path("guidelines", "sections.json")))
        self._guidelines: Guidelines | None = None

    # ------------------------------------------------------------ inputs
    def guidelines(self) -> Guidelines:
        if self._guidelines is None:
            self._guidelines = self._guidelines_loader()
        return self._guidelines

    def capabilities(self, bank: Bank | None = None) -> Capabilities:
        bank = bank or self._exams.bank()
        items: dict[tuple[str, str], int] = {}
        for item in bank.items:
            items[(item.domain, item.task)] = items.get((item.domain, item.task), 0) + 1
        settings: dict[str, list[str]] = {}
        for sc in sorted(bank.scenarios, key=lambda s: s.id):
            found = settings.setdefault(sc.domain, [])
            if sc.setting not in found:
                found.append(sc.setting)
        try:
            sections = self.guidelines().sections
        except UserError:
            # A damaged install loses the reading tasks, never the plan or a finishing exam
            # (this runs inside the exam's finish transaction).
            sections = ()
        guides = [GuidelineRef(s.id, s.title, s.domains, s.tasks) for s in sections]
        return Capabilities(items, {d: tuple(v) for d, v in settings.items()}, guides,
                            self.drill_options())

    def drill_options(self) -> tuple[DrillOption, ...]:
        """The installed drill books, weakest or slowest first (core/planner/drill_need)."""
        if self._drills is None:
            return ()
        try:
            ready = {b.book.value: b for b in self._drills.books() if b.ready}
        except UserError:
            return ()  # code sets unreadable: no drill tasks, the plan still works
        target = self._drills.target_seconds()
        evidence = {b: BookEvidence(b, s.stats.answered, s.stats.correct,
                                    s.stats.recent_median_seconds)
                    for b, s in ready.items() if s.stats is not None}
        out = []
        for book in rank_books(list(ready), evidence, target):
            stats = ready[book].stats
            out.append(DrillOption(book, ready[book].label.removeprefix("ICD-10-CM "),
                                   stats.accuracy if stats else None,
                                   stats.recent_median_seconds if stats else None))
        return tuple(out)

    def task_stats(self) -> dict[tuple[str, str], TaskStat]:
        today = self._planner.today_date()
        zone = zone_named(self._planner.zone_name())  # days on the candidate's calendar
        out: dict[tuple[str, str], list[float]] = {}
        for e in self._repo.evidence():
            if not e.answered or e.task is None:
                continue
            w = recency_weight(e.taken_at.astimezone(zone).date(), today)
            acc = out.setdefault((e.domain, e.task), [0.0, 0.0])
            acc[0] += w * e.earned
            acc[1] += w * e.possible
        return {k: TaskStat(k[0], k[1], c, n) for k, (c, n) in out.items()}

    # ------------------------------------------------------------ tasks of sessions
    def tasks_by_session(self, sessions: Sequence[Session]) -> dict[str, tuple[PlanTask, ...]]:
        """Tasks of ``sessions``: pinned ones as pinned, the others chosen now."""
        plan = self._planner.plan()
        turns = plan_turns(plan.sessions)
        pinned = self._repo.pinned()
        caps = self.capabilities()
        stats = self.task_stats()
        accuracy = {n.domain: n.accuracy for n in self._planner.needs()}
        return {
            s.id: pinned.get(s.id) or session_tasks(
                s, turns.get(s.id, 0), accuracy.get(s.domain or "", 0.6), stats, caps)
            for s in sessions
        }

    def titles_by_session(self, sessions: Sequence[Session]) -> dict[str, list[str]]:
        """Task titles per session (the calendar export lists them in each event)."""
        return {sid: [t.title for t in tasks]
                for sid, tasks in self.tasks_by_session(sessions).items()}

    def first_open_task(self) -> str | None:
        """The first task not done yet in today's sessions (for the dashboard), or None."""
        today = [s for s in self._planner.plan().on(self._planner.today_date())
                 if s.status is SessionStatus.PLANNED]
        for session in today:
            for view in self.views(session.id):
                if not view.done:
                    return view.task.title
        return None

    def views(self, session_id: str) -> list[TaskView]:
        session = self._planner.plan().by_id().get(session_id)
        if session is None:
            return []
        tasks = self.tasks_by_session([session])[session_id]
        runs: dict[str, TaskRun] = {}
        for run in self._repo.runs(session_id):
            runs[run.task_key] = run
        return [TaskView(session_id, t, runs.get(t.key)) for t in tasks]

    def spec_for(self, task: PlanTask, seed: int) -> FormSpec | None:
        blueprint = self._planner.blueprint
        if task.kind is TaskKind.MOCK:
            return full_mock_spec(self._exams.blueprint(blueprint.id), seed)
        if task.kind is TaskKind.PRACTICE:
            return FormSpec(mode=Mode.CUSTOM, blueprint_id=blueprint.id, seed=seed,
                            multiple_choice=task.count, domains=(task.domain or "",),
                            kinds=("single", "multiple"), tutor=True, tasks=(task.target,))
        if task.kind is TaskKind.SCENARIO:
            return FormSpec(mode=Mode.SCENARIOS, blueprint_id=blueprint.id, seed=seed,
                            scenarios=task.count, kinds=("scenario",), tutor=True,
                            settings=(task.target,))
        return None

    # ------------------------------------------------------------ Start and finish
    def start(self, session_id: str, key: str) -> Started:
        """Open the task's activity already set up, and remember it against the session."""
        session = self._planner.plan().by_id().get(session_id)
        if session is None:
            raise UserError("that session is no longer in the plan", where="study plan")
        if session.day > self._planner.today_date():
            raise UserError("this session is on a day still to come; start today's instead",
                            where="study plan")
        tasks = self.tasks_by_session([session])[session_id]
        task = next((t for t in tasks if t.key == key), None)
        if task is None:
            raise UserError("that task is no longer part of the session", where="study plan")
        now = self._clock.now()
        if task.kind is TaskKind.DRILL:
            return self._start_drill(session_id, tasks, task, now)
        if task.kind is TaskKind.GUIDELINE:
            section = self.guidelines().section(task.target)
            with self._repo.db.transaction():
                self._repo.pin(session_id, tasks, now)
                run_id = self._repo.start_run(session_id, key, now)
            return Started(run_id, task, section=section)
        spec = self.spec_for(task, self._exams.new_seed())
        assert spec is not None
        with self._repo.db.transaction():  # the attempt and its link: one commit
            exam = self._exams.start(spec)
            self._repo.pin(session_id, tasks, now)
            run_id = self._repo.start_run(session_id, key, now, exam.attempt_id)
        return Started(run_id, task, exam=exam)

    def _start_drill(self, session_id: str, tasks: Sequence[PlanTask], task: PlanTask,
                     now: datetime) -> Started:
        if self._drills is None:
            raise UserError("code-book drills are not available here", where="study plan")
        try:
            book = DrillBook(task.target)
        except ValueError:
            raise UserError(f"this app version has no {task.target!r} drill",
                            where="study plan") from None
        self._drills.check_installed(book)  # says which code set to install
        with self._repo.db.transaction():
            self._repo.pin(session_id, tasks, now)
            run_id = self._repo.start_run(session_id, task.key, now)
        return Started(run_id, task, drill=book)

    def drill_finished(self, summary: DrillSummary) -> None:
        """Drill finish hook (inside the set's finish transaction): a set started for a
        plan task records its look-ups, accuracy and time against the session.  A set
        stopped before any look-up records nothing; the task stays to do."""
        if summary.link is None or summary.answered == 0:
            return
        run = next((r for r in self._repo.runs() if r.id == summary.link), None)
        if run is None or run.done:
            return
        now = self._clock.now()
        minutes = max(1, min(MAX_READING_MINUTES, math.ceil(summary.seconds / 60)))
        self._repo.finish_run(run.id, now, minutes, summary.answered,
                              float(summary.correct), float(summary.answered))
        self._record_time(run.session_id, minutes, now)

    def finish_reading(self, run_id: int) -> TaskView:
        run = next((r for r in self._repo.runs() if r.id == run_id), None)
        if run is None or run.done:
            raise UserError("that reading is already recorded", where="study plan")
        now = self._clock.now()
        minutes = max(1, min(MAX_READING_MINUTES,
                             int((now - run.started_at).total_seconds() // 60)))
        with self._repo.db.transaction():
            self._repo.finish_run(run.id, now, minutes, 0, 0.0, 0.0)
            self._record_time(run.session_id, minutes, now)
        return next(v for v in self.views(run.session_id) if v.task.key == run.task_key)

    def attempt_finished(self, run: ExamRun, result: ExamResult, at: datetime) -> None:
        """Exam finish hook (inside the finish transaction): keep the evidence, and
        record a plan task's figures against its session."""
        rows = []
        for e in result.entries:
            if e.entry.pretest:
                continue
            task = None
            if e.entry.kind != "scenario":
                try:
                    task = run.bank.item(e.entry.ref).task
                except KeyError:
                    task = None
            rows.append((run.attempt_id, e.position, e.entry.domain, task,
                         e.status != "unanswered", e.earned, e.possible, at))
        self._repo.add_evidence(rows)
        link = self._repo.run_for_attempt(run.attempt_id)
        if link is None or link.done:
            return
        answered = [e for e in result.entries if e.status not in ("unanswered", "unscored")]
        minutes = max(1, round(result.elapsed_s / 60))
        self._repo.finish_run(link.id, at, minutes, len(answered),
                              sum(e.earned for e in answered), sum(e.possible for e in answered))
        self._record_time(link.session_id, minutes, at)

    def _record_time(self, session_id: str, minutes: int, at: datetime) -> None:
        """Time against the session (measured by the app), and the session done once
        every task of it is done or its minutes are reached."""
        plan = self._planner.plan()
        session = plan.by_id().get(session_id)
        if session is None:
            return
        day = self._planner.today_date()  # the day the time was spent
        views = self.views(session_id)
        all_done = bool(views) and all(v.done for v in views)
        logged = self._planner.done_minutes().get(session_id, 0)
        mark = None
        if session.status is SessionStatus.PLANNED and (
                all_done or logged + minutes >= session.minutes):
            mark = session_id
        self._planner_repo.add_time(
            TimeEntry(day, min(minutes, 16 * 60), session.domain, session_id, "timer"),
            at, mark)

    # ------------------------------------------------------------ evidence for readiness
    def domain_results(self, legacy: Sequence[DomainScoreRow] = ()) -> list[DomainResult]:
        """Answered points per domain and attempt; attempts from before the evidence
        was kept fall back to their stored domain scores."""
        sums: dict[tuple[int, str], list[float]] = {}
        taken: dict[int, datetime] = {}
        for e in self._repo.evidence():
            taken[e.attempt_id] = e.taken_at
            if not e.answered:
                continue
            acc = sums.setdefault((e.attempt_id, e.domain), [0.0, 0.0])
            acc[0] += e.earned
            acc[1] += e.possible
        out = [DomainResult(d, min(c, n), n, taken[a]) for (a, d), (c, n) in sums.items()
               if n > 0]
        known = set(taken)
        out.extend(DomainResult(r.domain_id, r.earned, r.possible, r.finished_at)
                   for r in legacy if r.attempt_id not in known)
        return sorted(out, key=lambda r: r.taken_at)
