"""The plan as a calendar file: sessions, milestones, the exam appointment with its
reminders (the evening before, and at leave-by), other features' events, and
events exported before that are gone now (sent again as cancelled).

Split out of the planner service (``planner.calendar``); it reads the plan
through that service and remembers what each export held in the planner store.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.core.clock import Clock
from readiness.core.errors import UserError
from readiness.core.planner.ics import CancelledEvent, ExtraEvent, build_calendar, timed_events
from readiness.storage.planner import ExportedEvent, PlannerRepository

if TYPE_CHECKING:
    from readiness.services.planner import PlannerService


class PlanCalendar:
    def __init__(self, planner: PlannerService, repo: PlannerRepository, clock: Clock) -> None:
        self._planner = planner
        self._repo = repo
        self._clock = clock

    def _calendar(self, extra_events: Iterable[ExtraEvent | tuple] | None
                  ) -> tuple[bytes, list[ExportedEvent], int]:
        """The .ics bytes, the session events it holds (to remember) and its SEQUENCE."""
        planner = self._planner
        extras = list(planner.events_source() if extra_events is None else extra_events)
        setup = planner.setup()
        if setup is None:
            raise UserError("set up the plan first", where="calendar export")
        namespace = self._repo.calendar_namespace(uuid.uuid4().hex[:12])
        plan = planner.plan()
        names = planner.domain_names()
        appointment = planner.appointment()
        current = timed_events(setup, plan, namespace, names, appointment, extras)
        uids = {e.uid for e in current}
        # Events exported before that are gone now (re-planned sessions, checklist items
        # ticked off) are sent again as cancelled, as long as they are still ahead.
        now = self._clock.now()
        cancelled = [
            CancelledEvent(e.uid, e.title, e.start, e.end)
            for e in self._repo.exported_events()
            if e.uid not in uids and e.end >= now
        ]
        sequence = self._repo.calendar_sequence() + 1
        data = build_calendar(
            setup, plan, planner.milestones(), stamp=now, domain_names=names,
            namespace=namespace, appointment=appointment,
            extra_events=extras, cancelled=cancelled, sequence=sequence,
            leave_by=planner.leave_by_source(),
            session_tasks=planner.session_tasks_source(plan.sessions),
        )
        record = [ExportedEvent(e.uid, e.title, e.start, e.end) for e in [*current, *cancelled]]
        return data, record, sequence

    def calendar_bytes(self, extra_events: Iterable[ExtraEvent | tuple] | None = None) -> bytes:
        return self._calendar(extra_events)[0]

    def export_ics(self, path: Path,
                   extra_events: Iterable[ExtraEvent | tuple] | None = None) -> int:
        """Write the .ics atomically; returns the number of events."""
        data, record, sequence = self._calendar(extra_events)
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".ics", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
            raise UserError(f"could not write the calendar: {exc.strerror or exc}",
                            where=str(path)) from None
        # Remember what this export holds (and its SEQUENCE) only once it is written.
        self._repo.record_export(record, sequence)
        return data.count(b"BEGIN:VEVENT")
