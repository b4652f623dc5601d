"""After passing: record the pass date, log CEU activities with their certificates,
and read progress against the rule the candidate chose.

Certificates are copied into ``<data folder>/certificates`` so the log does not depend
on a download folder that gets cleaned out; the copy is made before the row is saved
and removed again if the save fails, so a file never outlives its entry unnoticed.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from readiness.core.ceu.cycle import (
    Activity,
    CeuProgress,
    Cycle,
    check_activity,
    cycle_for,
    progress,
    to_csv,
)
from readiness.core.ceu.rules import CeuRule, CeuRules, load_rules
from readiness.core.clock import Clock
from readiness.core.errors import UserError
from readiness.core.when import DEFAULT_STYLE, DateStyle
from readiness.resources import resource_path
from readiness.storage.ceu import CeuRepository, PassRecord

_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")
EARLIEST_PASS = date(2000, 1, 1)


class CeuService:
    def __init__(self, repo: CeuRepository, clock: Clock, home: Path,
                 today: Callable[[], date], rules_path: Path | None = None,
                 style: Callable[[], DateStyle] = lambda: DEFAULT_STYLE) -> None:
        self._repo = repo
        self.style = style  # the app's one date style (readiness.core.when)
        self._clock = clock
        self._today = today
        self.certificates_dir = home / "certificates"
        self._rules_path = rules_path or resource_path("ceu", "rules.json")
        self._rules: CeuRules | None = None

    @property
    def rules(self) -> CeuRules:
        if self._rules is None:
            self._rules = load_rules(self._rules_path)
        return self._rules

    # -- the pass ------------------------------------------------------------------
    def passed(self) -> PassRecord | None:
        return self._repo.passed()

    def record_pass(self, passed_on: date, rule_id: str | None = None) -> Cycle:
        """'I passed' on ``passed_on``: starts the two-year cycle."""
        today = self._today()
        if passed_on > today:
            raise UserError(f"{self.style().date(passed_on, weekday=False)} is in the future; "
                            "enter the day you passed",
                            where="Passed on")
        if passed_on < EARLIEST_PASS:
            raise UserError(f"{self.style().date(passed_on, weekday=False)} is before "
                            f"{EARLIEST_PASS:%Y}; check the year",
                            where="Passed on")
        rule = self.rules.get(rule_id or self.rules.default)
        self._repo.set_passed(passed_on, rule.id)
        return cycle_for(passed_on, rule.cycle_years)

    def forget_pass(self) -> None:
        """Undo 'I passed' (entered by mistake); the activity log is kept."""
        self._repo.clear_passed()

    def rule(self) -> CeuRule:
        record = self._repo.passed()
        return self.rules.get(record.rule_id if record else self.rules.default)

    def choose_rule(self, rule_id: str) -> CeuRule:
        if rule_id not in {r.id for r in self.rules.rules}:
            raise UserError(f"{rule_id!r} is not a known CEU rule", where="Rule")
        if self._repo.passed() is None:
            raise UserError("record the day you passed first", where="Rule")
        self._repo.set_rule(rule_id)
        return self.rules.get(rule_id)

    def cycle(self) -> Cycle | None:
        record = self._repo.passed()
        if record is None:
            return None
        return cycle_for(record.passed_on, self.rules.get(record.rule_id).cycle_years)

    def progress(self) -> CeuProgress | None:
        cycle = self.cycle()
        if cycle is None:
            return None
        return progress(self.rule(), cycle, self._repo.activities(), self._today())

    # -- activities ----------------------------------------------------------------
    def activities(self) -> list[Activity]:
        return self._repo.activities()

    def add_activity(self, done_on: date, provider: str, title: str, hours: float,
                     category: str, certificate: Path | None = None) -> Activity:
        cycle = self.cycle()
        if cycle is None:
            raise UserError("record the day you passed first: CEUs count from then",
                            where="Recertification")
        check_activity(cycle, done_on, provider, title, hours, category, self._today(),
                       self.style())
        copied: Path | None = None
        if certificate is not None:
            if not certificate.is_file():
                raise UserError(f"{certificate} is not a file that can be read",
                                where="Certificate")
            copied = self._copy_certificate(certificate, done_on)
        try:
            activity_id = self._repo.add(done_on, provider.strip(), title.strip(), hours,
                                         category, copied.name if copied else None,
                                         self._clock.now())
        except BaseException:
            if copied is not None:
                copied.unlink(missing_ok=True)
            raise
        return Activity(activity_id, done_on, provider.strip(), title.strip(), hours, category,
                        copied.name if copied else None)

    def _copy_certificate(self, source: Path, done_on: date) -> Path:
        self.certificates_dir.mkdir(parents=True, exist_ok=True)
        stem = _UNSAFE.sub("-", source.stem).strip("-")[:60] or "certificate"
        suffix = _UNSAFE.sub("", source.suffix)[:10]
        target = self.certificates_dir / f"{done_on.isoformat()}-{stem}{suffix}"
        n = 2
        while target.exists():
            target = self.certificates_dir / f"{done_on.isoformat()}-{stem}-{n}{suffix}"
            n += 1
        try:
            shutil.copy2(source, target)
        except OSError as exc:
            target.unlink(missing_ok=True)
            raise UserError(f"could not copy {source.name} into the data folder: "
                            f"{exc.strerror or exc}", where="Certificate") from exc
        return target

    def certificate_path(self, activity: Activity) -> Path | None:
        return self.certificates_dir / activity.certificate if activity.certificate else None

    def remove_activity(self, activity: Activity) -> None:
        """Delete the entry; its copied certificate goes with it."""
        self._repo.remove(activity.id)
        path = self.certificate_path(activity)
        if path is not None:
            path.unlink(missing_ok=True)

    def export_csv(self, path: Path) -> int:
        """Write the log as CSV; returns the number of activities written."""
        activities = self._repo.activities()
        try:
            path.write_text(to_csv(activities), encoding="utf-8", newline="")
        except OSError as exc:
            raise UserError(f"could not write {path.name}: {exc.strerror or exc}",
                            where=str(path.parent)) from exc
        return len(activities)
