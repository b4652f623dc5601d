"""The candidate's checklist: the template merged with what they changed.

State per item (:class:`ItemState`) records a check time, edited text, hidden
flag and position; custom items carry their own group and text.  Positions are
per group; items without one keep their template order after those that have
one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from readiness.core.checklist.template import ChecklistTemplate
from readiness.core.errors import InvalidInput

MAX_TEXT = 300


@dataclass(frozen=True)
class ItemState:
    item_id: str
    checked_at: datetime | None = None
    text: str | None = None  # edited text (None: the template's)
    why: str | None = None
    hidden: bool = False
    position: int | None = None
    group: str | None = None  # custom items only
    custom: bool = False


@dataclass(frozen=True)
class Finding:
    """A problem a check found (name, edition, an unchecked must-bring item), with
    advice; built in :mod:`readiness.core.checklist.findings`."""

    item_id: str  # the checklist item the problem belongs to
    kind: str  # name / edition / bring
    title: str
    advice: str

    def line(self) -> str:
        return f"{self.title}. {self.advice}"


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    group: str
    text: str
    why: str
    checked: bool
    checked_at: datetime | None
    hidden: bool
    custom: bool
    edited: bool
    bring: str = ""
    tool: str = ""
    due: datetime | None = None
    template_text: str = ""
    problems: tuple[Finding, ...] = ()  # open problems the checks found about this item


@dataclass(frozen=True)
class GroupView:
    key: str
    title: str
    due: datetime | None
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


@dataclass(frozen=True)
class ChecklistView:
    groups: tuple[GroupView, ...]
    progress: Progress
    hidden: tuple[ChecklistItem, ...] = field(default=())

    def visible_items(self) -> list[ChecklistItem]:
        return [item for group in self.groups for item in group.items]

    def open_items(self) -> list[ChecklistItem]:
        return [item for item in self.visible_items() if not item.checked]

    def item(self, item_id: str) -> ChecklistItem:
        for item in [*self.visible_items(), *self.hidden]:
            if item.id == item_id:
                return item
        raise KeyError(item_id)


def clean_text(text: str, what: str = "item text") -> str:
    value = " ".join(text.split())
    if not value:
        raise InvalidInput("must not be empty", where=what)
    if len(value) > MAX_TEXT:
        raise InvalidInput(f"is too long ({len(value)} characters, at most {MAX_TEXT})",
                           where=what)
    return value


def build_view(template: ChecklistTemplate, states: dict[str, ItemState],
               due_by_group: dict[str, datetime | None]) -> ChecklistView:
    """Merge template items and custom items with their state, in display order."""
    entries: list[tuple[str, int, int, ChecklistItem]] = []
    for index, t in enumerate(template.items):
        s = states.get(t.id, ItemState(t.id))
        text = s.text if s.text is not None else t.text
        why = s.why if s.why is not None else t.why
        entries.append((t.group, s.position if s.position is not None else 10_000 + index,
                        index, ChecklistItem(
            id=t.id, group=t.group, text=text, why=why, checked=s.checked_at is not None,
            checked_at=s.checked_at, hidden=s.hidden, custom=False,
            edited=(text != t.text or why != t.why), bring=t.bring, tool=t.tool,
            due=due_by_group.get(t.group), template_text=t.text)))
    keys = set(template.group_keys)
    for index, s in enumerate(sorted((s for s in states.values() if s.custom),
                                     key=lambda s: (len(s.item_id), s.item_id))):
        group = s.group if s.group in keys else template.groups[-1].key
        assert group is not None
        entries.append((group, s.position if s.position is not None else 20_000 + index,
                        len(template.items) + index, ChecklistItem(
            id=s.item_id, group=group, text=s.text or "", why=s.why or "",
            checked=s.checked_at is not None, checked_at=s.checked_at, hidden=s.hidden,
            custom=True, edited=False, due=due_by_group.get(group))))
    entries.sort(key=lambda e: (e[1], e[2]))
    groups: list[GroupView] = []
    hidden: list[ChecklistItem] = []
    done = total = 0
    for g in template.groups:
        items = [e[3] for e in entries if e[0] == g.key]
        visible = tuple(i for i in items if not i.hidden)
        hidden.extend(i for i in items if i.hidden)
        done += sum(i.checked for i in visible)
        total += len(visible)
        groups.append(GroupView(g.key, g.title, due_by_group.get(g.key), visible))
    return ChecklistView(tuple(groups), Progress(done, total), tuple(hidden))


def reordered(ids: list[str], item_id: str, delta: int) -> list[str]:
    """``ids`` with ``item_id`` moved ``delta`` places (clamped to the ends)."""
    if item_id not in ids:
        raise KeyError(item_id)
    result = list(ids)
    index = result.index(item_id)
    target = max(0, min(len(result) - 1, index + delta))
    result.insert(target, result.pop(index))
    return result


def due_to_notify(view: ChecklistView, now: datetime,
                  notified: dict[str, datetime]) -> list[ChecklistItem]:
    """Open, visible items that are due at ``now`` and not yet notified for that due time.

    ``notified`` maps item id to the due time it was notified for; a moved
    appointment gives a new due time, which notifies again.
    """
    return [item for item in view.open_items()
            if item.due is not None and item.due <= now and notified.get(item.id) != item.due]


class CalendarEvent(NamedTuple):
    """An item as a calendar event, (uid, title, start, alarm): the planner's .ics
    export takes a list of these tuples."""

    uid: str
    title: str
    start: datetime
    alarm: timedelta  # how long before ``start`` the alarm rings


def final_week_events(view: ChecklistView, starts_at: datetime | None,
                      alarm: timedelta = timedelta(minutes=30)) -> list[CalendarEvent]:
    """One event per group with open items due in the seven days up to the appointment.

    One per group, not per item: seven items of one group used to ring seven alarms
    in the same slot.  The uid is the group's, so the title follows as items are
    checked and the event is dropped (the planner cancels it) once all are done.
    """
    if starts_at is None:
        return []
    week_before = starts_at - timedelta(days=7, minutes=1)
    events = []
    for group in view.groups:
        still_open = [i for i in group.items if not i.checked]
        if not still_open or group.due is None or not week_before <= group.due <= starts_at:
            continue
        if len(still_open) == 1:
            what = still_open[0].text
        else:
            shown = "; ".join(i.text for i in still_open[:3])
            more = f"; and {len(still_open) - 3} more" if len(still_open) > 3 else ""
            what = f"{len(still_open)} items: {shown}{more}"
        events.append(CalendarEvent(uid=f"checklist-{group.key}@ccs-readiness",
                                    title=f"Exam checklist, {group.title.lower()}: {what}",
                                    start=group.due, alarm=alarm))
    return events
