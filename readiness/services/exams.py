"""The practice-exam service (``workspace.exams``) and one live attempt (:class:`ExamRun`).

The UI asks this service for blueprints, starts or resumes an attempt, and
then talks to the :class:`ExamRun` it gets back: every method that changes
the attempt saves it in one small transaction before returning.

The clock (docs/exam.md): exam time is measured on the monotonic clock while
the driver is open and checkpointed every second and on every action.  Time
does not run while the app is closed: a resume continues from the last
checkpoint, as the test center restores the remaining time after a technical
interruption; each interruption is recorded and shown with the results.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path

from readiness.core.bank.loader import load_bank_dir, shipped_bank_dir
from readiness.core.bank.models import Bank, MultipleChoiceItem, Scenario
from readiness.core.blueprint import Blueprint, load_blueprint
from readiness.core.clock import Clock
from readiness.core.errors import StorageCorrupt, UserError
from readiness.core.exam.forms import Form, FormSpec, Mode, assemble_form
from readiness.core.exam.pacing import Pacing, pacing, seconds_per_position
from readiness.core.exam.scoring import EntryResult, ExamResult, score_attempt, score_entry
from readiness.core.exam.session import EndReason, ExamSession, Response, Status
from readiness.resources import resource_path
from readiness.storage.exams import AttemptRow, DomainScoreRow, ExamRepository

CHECKPOINT_INTERVAL_S = 1.0


class DamagedAttempt(UserError):
    """An unfinished attempt whose stored text cannot be read back (changed bytes)."""


@dataclass(frozen=True)
class AttemptSummary:
    id: int
    title: str
    mode: Mode
    blueprint_id: str
    started_at: datetime
    finished_at: datetime | None
    elapsed_s: float
    time_limit_s: float | None
    end_reason: str | None
    interruptions: int
    earned: float | None
    possible: float | None
    weighted_percent: float | None
    scaled_estimate: int | None
    damaged: str = ""  # why the stored attempt cannot be resumed ("" when it can)

    @property
    def remaining_s(self) -> float | None:
        if self.time_limit_s is None:
            return None
        return max(0.0, self.time_limit_s - self.elapsed_s)

    @property
    def percent(self) -> float | None:
        if not self.possible or self.earned is None:
            return None
        return 100.0 * self.earned / self.possible


@dataclass(frozen=True)
class Review:
    """A finished attempt for the results and review screens."""

    summary: AttemptSummary
    blueprint: Blueprint
    form: Form
    responses: dict[int, Response]
    result: ExamResult
    bank: Bank
    seconds: dict[int, float]  # exam-clock time spent on each screen
    pacing: Pacing

    def content(self, position: int) -> MultipleChoiceItem | Scenario | None:
        entry = self.form.entries[position]
        try:
            if entry.kind == "scenario":
                return self.bank.scenario(entry.ref)
            return self.bank.item(entry.ref)
        except KeyError:
            return None

    def entry_result(self, position: int) -> EntryResult | None:
        return next((e for e in self.result.entries if e.position == position), None)


def _summary(row: AttemptRow, time_limit_s: float | None) -> AttemptSummary:
    return AttemptSummary(
        id=row.id,
        title=row.title,
        mode=Mode(row.mode),
        blueprint_id=row.blueprint_id,
        started_at=row.started_at,
        finished_at=row.finished_at,
        elapsed_s=row.elapsed_s,
        time_limit_s=time_limit_s,
        end_reason=row.end_reason,
        interruptions=row.interruptions,
        earned=row.earned,
        possible=row.possible,
        weighted_percent=row.weighted_percent,
        scaled_estimate=row.scaled_estimate,
    )


class ExamService:
    def __init__(
        self,
        repo: ExamRepository,
        clock: Clock,
        home: Path,
        bank_loader: Callable[[], Bank] | None = None,
        shipped_blueprints: Path | None = None,
    ) -> None:
        self.repo = repo
        self.clock = clock
        self.user_blueprints_dir = home / "blueprints"
        self._shipped_blueprints = shipped_blueprints or resource_path("blueprints")
        self._bank_loader = bank_loader or (
            lambda: load_bank_dir(shipped_bank_dir(), validate=False))
        self._bank: Bank | None = None
        self.blueprint_problems: list[str] = []
        # Called inside the finish transaction (spaced review): (run, result, finished at).
        self.finish_hooks: list[Callable[[ExamRun, ExamResult, datetime], object]] = []

    # -- content -----------------------------------------------------------------------------
    def bank(self) -> Bank:
        """The bank set for tests, else the loader's (which caches until files change)."""
        if self._bank is not None:
            return self._bank
        return self._bank_loader()

    def set_bank(self, bank: Bank) -> None:
        """Use this bank from now on (tests, or after the bank page imports items)."""
        self._bank = bank

    def blueprints(self) -> list[Blueprint]:
        """Shipped blueprints, then the user's edited copies (a bad copy is reported, skipped)."""
        found: dict[str, Blueprint] = {}
        self.blueprint_problems = []
        folders = [self._shipped_blueprints]
        if self.user_blueprints_dir.is_dir():
            folders.append(self.user_blueprints_dir)
        for folder in folders:
            for path in sorted(folder.glob("*.json")):
                try:
                    blueprint = load_blueprint(path)
                except UserError as error:
                    self.blueprint_problems.append(str(error))
                    continue
                found[blueprint.id] = blueprint
        return list(found.values())

    def blueprint(self, blueprint_id: str) -> Blueprint:
        for blueprint in self.blueprints():
            if blueprint.id == blueprint_id:
                return blueprint
        raise UserError(f"no blueprint with id {blueprint_id!r}", where="blueprints")

    def copy_blueprint(self, blueprint_id: str) -> Path:
        """Copy a blueprint into the user folder under a new id, for editing."""
        source = Path(self.blueprint(blueprint_id).path)
        data = json.loads(source.read_text(encoding="utf-8"))
        base = f"{data['id']}-copy"
        new_id, n = base, 1
        self.user_blueprints_dir.mkdir(parents=True, exist_ok=True)
        while (self.user_blueprints_dir / f"{new_id}.json").exists():
            n += 1
            new_id = f"{base}-{n}"
        data["id"] = new_id
        data["title"] = f"{data['title']} (my copy)"
        target = self.user_blueprints_dir / f"{new_id}.json"
        target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        return target

    # -- attempts ----------------------------------------------------------------------------
    def new_seed(self) -> int:
        return secrets.randbelow(2**31)

    def preview(self, spec: FormSpec) -> Form:
        """The form a spec would give, without starting it."""
        return assemble_form(self.bank(), self.blueprint(spec.blueprint_id), spec)

    def retry_spec(self, blueprint_id: str, seed: int, limit: int | None = None) -> FormSpec:
        refs = self.repo.retry_refs()
        if limit is not None:
            refs = refs[:limit]
        return FormSpec(mode=Mode.RETRY, blueprint_id=blueprint_id, seed=seed, refs=tuple(refs))

    def start(self, spec: FormSpec) -> ExamRun:
        blueprint = self.blueprint(spec.blueprint_id)
        bank = self.bank()
        form = assemble_form(bank, blueprint, spec)
        title = spec.mode.title if spec.mode is not Mode.FULL else f"Mock: {blueprint.title}"
        attempt_id = self.repo.create(
            mode=spec.mode.value,
            blueprint_id=blueprint.id,
            title=title,
            form=form.to_json(),
            refs=[e.ref for e in form.entries],
            at=self.clock.now(),
        )
        session = ExamSession(form)
        return ExamRun(self, attempt_id, blueprint, bank, session, clock_hidden=False)

    def unfinished(self) -> list[AttemptSummary]:
        """Unfinished attempts, newest first; a damaged one says why (``damaged``) so the
        page can offer to export or discard it instead of crashing at every start."""
        out = []
        for row in self.repo.unfinished():
            damage, limit = row.damage, None
            if not damage:
                try:
                    _form, _responses = self._stored_attempt(row.id)
                    limit = _form.spec.time_limit_s
                except DamagedAttempt as error:
                    damage = error.message
            out.append(replace(_summary(row, limit), damaged=damage))
        return out

    def _stored_attempt(self, attempt_id: int) -> tuple[Form, dict[int, Response]]:
        """The form and answers as stored, or DamagedAttempt if they cannot be read."""
        try:
            row = self.repo.get(attempt_id)
            if row is None:
                raise UserError("that attempt no longer exists", where="practice exam")
            form = Form.from_json(row.form)
            responses = {p: Response.from_json(state)
                         for p, state in self.repo.responses(attempt_id).items() if state}
        except (StorageCorrupt, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DamagedAttempt(f"the stored attempt is damaged ({exc})",
                                 where="practice exam") from exc
        return form, responses

    def export_raw(self, attempt_id: int, target: Path) -> None:
        """A copy of everything stored for the attempt, as text, before it is put aside."""
        text = json.dumps(self.repo.raw(attempt_id), indent=2, ensure_ascii=False,
                          default=str)
        target.write_text(text + "\n", encoding="utf-8")

    def resume(self, attempt_id: int) -> ExamRun:
        form, responses = self._stored_attempt(attempt_id)  # damage: DamagedAttempt
        row = self.repo.get(attempt_id)
        if row is None or row.status != "in_progress":
            raise UserError("that attempt is no longer open", where="practice exam")
        bank = self.bank()
        known = {i.id for i in bank.items} | {s.id for s in bank.scenarios}
        missing = [e.ref for e in form.entries if e.ref not in known]
        if missing:
            raise UserError(
                f"this attempt uses {len(missing)} item(s) no longer in the question bank "
                f"({', '.join(missing[:5])}); put it aside and start a new one",
                where="practice exam",
            )
        session = ExamSession(form, responses=responses, position=row.position,
                              elapsed_s=row.elapsed_s)
        return ExamRun(self, attempt_id, self.blueprint(row.blueprint_id), bank, session,
                       clock_hidden=row.clock_hidden, resumed=True)

    def abandon(self, attempt_id: int) -> None:
        """Put an unfinished attempt aside (kept in the store, not offered again)."""
        self.repo.abandon(attempt_id, self.clock.now())

    def history(self) -> list[AttemptSummary]:
        """Finished attempts, oldest first (the trend reads left to right)."""
        return [_summary(row, None) for row in self.repo.finished()]

    def domain_results(self) -> list[DomainScoreRow]:
        """Points per domain of every finished attempt, oldest first (planner, dashboard)."""
        return [row for row in self.repo.domain_scores() if row.possible > 0]

    def review(self, attempt_id: int) -> Review:
        row = self.repo.get(attempt_id)
        if row is None:
            raise UserError("that attempt no longer exists", where="practice exam")
        form = Form.from_json(row.form)
        responses = {
            p: Response.from_json(state) for p, state in self.repo.responses(attempt_id).items()
        }
        blueprint = self.blueprint(row.blueprint_id)
        bank = self.bank()
        result = score_attempt(bank, blueprint, form, responses, row.elapsed_s)
        seconds = seconds_per_position(
            ((e.elapsed_s, e.kind, e.position) for e in self.repo.events(attempt_id)),
            row.elapsed_s,
        )
        kinds = [e.kind for e in form.entries]
        return Review(_summary(row, form.spec.time_limit_s), blueprint, form, responses, result,
                      bank, seconds, pacing(seconds, kinds, form.spec.time_limit_s))

    def events(self, attempt_id: int) -> list[tuple[float, str, int | None]]:
        return [(e.elapsed_s, e.kind, e.position) for e in self.repo.events(attempt_id)]

    def delete(self, attempt_id: int) -> None:
        self.repo.delete(attempt_id)


class ExamRun:
    """One attempt being taken.  Every change is saved before the method returns."""

    def __init__(
        self,
        service: ExamService,
        attempt_id: int,
        blueprint: Blueprint,
        bank: Bank,
        session: ExamSession,
        *,
        clock_hidden: bool,
        resumed: bool = False,
    ) -> None:
        self.service = service
        self.attempt_id = attempt_id
        self.blueprint = blueprint
        self.bank = bank
        self.session = session
        self.clock_hidden = clock_hidden
        self._repo = service.repo
        self._clock = service.clock
        self._items = {i.id: i for i in bank.items}
        self._scenarios = {s.id: s for s in bank.scenarios}
        self.paused = False
        self.session.timer.start(self._clock.monotonic())
        if resumed:
            self._repo.log(attempt_id, elapsed_s=self.elapsed(), at=self._clock.now(),
                           kind="resume", position=session.position, interrupted=True)
        self.go(session.position)

    # -- reading -----------------------------------------------------------------------------
    @property
    def form(self) -> Form:
        return self.session.form

    @property
    def spec(self) -> FormSpec:
        return self.session.form.spec

    @property
    def position(self) -> int:
        return self.session.position

    def __len__(self) -> int:
        return len(self.session)

    def content(self, position: int) -> MultipleChoiceItem | Scenario:
        entry = self.form.entries[position]
        if entry.kind == "scenario":
            return self._scenarios[entry.ref]
        return self._items[entry.ref]

    @cached_property
    def title(self) -> str:
        if self.spec.mode is Mode.FULL:
            return self.blueprint.title
        return self.spec.mode.title

    def response(self, position: int) -> Response:
        return self.session.response(position)

    def elapsed(self) -> float:
        return self.session.timer.checkpoint(self._clock.monotonic())

    def remaining(self) -> float | None:
        return self.session.timer.remaining(self._clock.monotonic())

    def expired(self) -> bool:
        return self.session.timer.expired(self._clock.monotonic())

    @property
    def finished(self) -> bool:
        return self.session.status is Status.FINISHED

    def feedback(self, position: int) -> EntryResult:
        """Tutor mode: the score of one screen right away (never under exam rules)."""
        if self.spec.exam_rules:
            raise RuntimeError("no feedback before the end under exam rules")
        if not self.finished:  # logged: spaced review rates the answer the key was shown for
            self._repo.log(self.attempt_id, elapsed_s=self.elapsed(), at=self._clock.now(),
                           kind="feedback", position=position)
        return score_entry(self.bank, position, self.form.entries[position],
                           self.session.response(position))

    # -- changing (each: one transaction) ----------------------------------------------------
    @contextmanager
    def _atomic(self) -> Iterator[None]:
        """Undo the in-memory change when its save fails.

        The session is changed first (it computes the new response), then saved; if the
        save raises (a full disk), the session goes back to what the store holds, so the
        screen — drawn from the session — never runs ahead of the store, and a later
        score cannot count an answer that was never saved.
        """
        session = self.session
        responses, position = dict(session.responses), session.position
        status, reason = session.status, session.end_reason
        banked, started = session.timer.banked, session.timer.started
        try:
            yield
        except BaseException:
            session.responses, session.position = responses, position
            session.status, session.end_reason = status, reason
            session.timer.banked, session.timer.started = banked, started
            raise

    def _save(self, position: int, response: Response, kind: str, detail: str | None = None
              ) -> Response:
        self._repo.save_response(
            self.attempt_id, position, response.to_json(), elapsed_s=self.elapsed(),
            at=self._clock.now(), kind=kind, detail=detail, current=self.session.position,
        )
        return response

    def go(self, position: int) -> Response:
        with self._atomic():
            response = self.session.go(position)
            return self._save(position, response, "go")

    def select(self, position: int, selected: Iterable[int]) -> Response:
        with self._atomic():
            response = self.session.select(position, selected)
            return self._save(position, response, "answer", json.dumps(list(response.selected)))

    def set_codes(self, position: int, question_id: str, codes: Sequence[str]) -> Response:
        with self._atomic():
            response = self.session.set_codes(position, question_id, codes)
            return self._save(
                position, response, "codes",
                json.dumps([question_id, list(response.codes.get(question_id, ()))]))

    def toggle_flag(self, position: int) -> Response:
        with self._atomic():
            response = self.session.toggle_flag(position)
            return self._save(position, response, "flag" if response.flagged else "unflag")

    def toggle_strike(self, position: int, option: int) -> Response:
        with self._atomic():
            response = self.session.toggle_strike(position, option)
            return self._save(position, response, "strike", str(option))

    def highlight(self, position: int, start: int, end: int, on: bool = True) -> Response:
        with self._atomic():
            response = self.session.highlight(position, start, end, on)
            return self._save(position, response, "highlight" if on else "unhighlight",
                              f"{start}-{end}")

    def clear_highlights(self, position: int) -> Response:
        with self._atomic():
            return self._save(position, self.session.clear_highlights(position), "unhighlight")

    def set_clock_hidden(self, hidden: bool) -> None:
        self._repo.log(self.attempt_id, elapsed_s=self.elapsed(), at=self._clock.now(),
                       kind="hide-clock" if hidden else "show-clock", clock_hidden=hidden)
        self.clock_hidden = hidden  # only once saved

    def checkpoint(self) -> float | None:
        """Save the exam clock; returns the remaining seconds (None when untimed)."""
        if not self.finished:
            self._repo.checkpoint(self.attempt_id, self.elapsed())
        return self.remaining()

    def pause(self) -> None:
        if not self.spec.can_pause:
            raise RuntimeError("a full mock exam cannot be paused")
        if not self.paused:
            with self._atomic():
                self.session.timer.stop(self._clock.monotonic())
                self._repo.log(self.attempt_id, elapsed_s=self.elapsed(), at=self._clock.now(),
                               kind="pause")
            self.paused = True

    def unpause(self) -> None:
        if self.paused:
            with self._atomic():
                self.session.timer.start(self._clock.monotonic())
                self._repo.log(self.attempt_id, elapsed_s=self.elapsed(), at=self._clock.now(),
                               kind="unpause")
            self.paused = False

    def finish(self, reason: EndReason = EndReason.SUBMITTED) -> Review:
        with self._atomic():  # a failed commit leaves the attempt open, as the store has it
            self._finish(reason)
        return self.service.review(self.attempt_id)

    def _finish(self, reason: EndReason) -> None:
        elapsed = self.session.finish(self._clock.monotonic(), reason)
        # Scored from what the store holds, which the review re-scores: the two agree.
        stored = {p: Response.from_json(state)
                  for p, state in self._repo.responses(self.attempt_id).items()}
        result = score_attempt(self.bank, self.blueprint, self.form, stored, elapsed)
        at = self._clock.now()
        with self._repo.db.transaction():  # the score and the finish hooks: one commit
            self._repo.finish(
                self.attempt_id,
                at=at,
                end_reason=reason.value,
                elapsed_s=elapsed,
                earned=result.earned,
                possible=result.possible,
                weighted_percent=result.weighted_percent,
                scaled_estimate=result.scaled_estimate,
                outcomes={e.position: e.status for e in result.entries},
                domain_scores={d.domain_id: (d.earned, d.possible) for d in result.domains},
            )
            for hook in self.service.finish_hooks:
                hook(self, result, at)


def with_time_limit(spec: FormSpec, minutes: float | None) -> FormSpec:
    return replace(spec, time_limit_s=None if minutes is None else minutes * 60.0)
