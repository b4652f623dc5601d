"""Which reminder to show now: grouped by checklist group, quiet at night.

Items of one group come due together, so they make one reminder ("The day
before: 4 items due") instead of one each.  Only one reminder is announced per
check, the earliest due first, so a start-up with three groups overdue does not
bury the candidate under a burst (a tray shows one message at a time anyway);
the next check announces the next group.  In the night hours the candidate set
nothing is announced; what came due waits until the night ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, tzinfo

from readiness.core.checklist.items import ChecklistItem, ChecklistView, due_to_notify
from readiness.core.errors import InvalidInput

SHOWN_ITEMS = 3


@dataclass(frozen=True)
class NightHours:
    """No reminders from ``start`` to ``end`` (wall clock, the candidate's zone); equal
    times mean no night hours at all."""

    start: time = time(22, 0)
    end: time = time(7, 0)

    def contains(self, local: datetime) -> bool:
        at = local.time().replace(tzinfo=None, second=0, microsecond=0)
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= at < self.end
        return at >= self.start or at < self.end  # across midnight

    @staticmethod
    def parse(start: str, end: str) -> NightHours:
        try:
            return NightHours(time.fromisoformat(start), time.fromisoformat(end))
        except (TypeError, ValueError):
            raise InvalidInput(f"must be times like 22:00, got {start!r} and {end!r}",
                               where="night hours") from None


@dataclass(frozen=True)
class Reminder:
    group: str
    title: str
    due: datetime
    items: tuple[ChecklistItem, ...]

    def text(self) -> str:
        if len(self.items) == 1:
            return f"{self.title}: {self.items[0].text}"
        shown = "; ".join(i.text for i in self.items[:SHOWN_ITEMS])
        more = (f" (and {len(self.items) - SHOWN_ITEMS} more)"
                if len(self.items) > SHOWN_ITEMS else "")
        return f"{self.title}: {len(self.items)} items due: {shown}{more}"


def grouped(view: ChecklistView, items: list[ChecklistItem]) -> list[Reminder]:
    """``items`` as one reminder per (group, due time), earliest due first."""
    titles = {g.key: g.title for g in view.groups}
    buckets: dict[tuple[str, datetime], list[ChecklistItem]] = {}
    for item in items:
        assert item.due is not None
        buckets.setdefault((item.group, item.due), []).append(item)
    reminders = [Reminder(group, titles.get(group, group), due, tuple(found))
                 for (group, due), found in buckets.items()]
    return sorted(reminders, key=lambda r: (r.due, list(titles).index(r.group)
                                            if r.group in titles else 0))


def next_reminder(view: ChecklistView, now: datetime, notified: dict[str, datetime],
                  night: NightHours, zone: tzinfo | None) -> Reminder | None:
    """The one reminder to announce at ``now``, or None (nothing due, or night)."""
    local = now.astimezone(zone) if zone is not None else now.astimezone()
    if night.contains(local):
        return None
    reminders = grouped(view, due_to_notify(view, now, notified))
    return reminders[0] if reminders else None
