"""The checklist template: groups of items due relative to the appointment.

The template is data (``readiness/resources/checklists/exam_day.json``) so the wording can
change without code.  :func:`parse_template` names the first problem it finds
("exam_day.json: items[3]: unknown group 'weekk'") instead of failing later.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import time
from pathlib import Path

from readiness.core.errors import UserError

TEMPLATE_FORMAT = "ccs-readiness-checklist"
RELATIVE_ANCHORS = ("leave_by", "arrive_by", "start")
TOOLS = ("names", "books", "arrival")
MODES = ("center", "online")  # Delivery values; an item without "modes" belongs to both
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True)
class DueRule:
    """When a group comes due.

    Either a wall-clock time in the center's zone ``days_before`` the exam date
    (``at``), or ``minutes`` after an anchor of the arrival plan (``relative_to``
    leave_by / arrive_by / start; negative minutes = before).
    """

    days_before: int | None = None
    at: time | None = None
    relative_to: str | None = None
    minutes: int = 0

    @property
    def is_relative(self) -> bool:
        return self.relative_to is not None


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    due: DueRule
    modes: tuple[str, ...] = MODES


@dataclass(frozen=True)
class TemplateItem:
    id: str
    group: str
    text: str
    why: str
    bring: str = ""  # short label for "what to bring" on the printed card
    tool: str = ""  # names / books / arrival: the page section that helps with it
    modes: tuple[str, ...] = MODES  # the delivery modes the item belongs to


@dataclass(frozen=True)
class ChecklistTemplate:
    id: str
    title: str
    groups: tuple[Group, ...]
    items: tuple[TemplateItem, ...]
    note: str = ""

    def group(self, key: str) -> Group:
        for group in self.groups:
            if group.key == key:
                return group
        raise KeyError(key)

    @property
    def group_keys(self) -> tuple[str, ...]:
        return tuple(g.key for g in self.groups)

    def item(self, item_id: str) -> TemplateItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def for_mode(self, mode: str) -> ChecklistTemplate:
        """The groups and items of one delivery mode.  Shared items keep their ids, so
        a check made in one mode is still there in the other."""
        return replace(self, groups=tuple(g for g in self.groups if mode in g.modes),
                       items=tuple(i for i in self.items if mode in i.modes))


def _text(data: dict[str, object], key: str, where: str, *, required: bool = True) -> str:
    value = data.get(key, None if required else "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise UserError(f"{key!r} must be a non-empty string", where=where)
    return value.strip()


def _parse_due(data: object, where: str) -> DueRule:
    if not isinstance(data, dict):
        raise UserError("'due' must be an object", where=where)
    if "relative_to" in data:
        anchor = data["relative_to"]
        if anchor not in RELATIVE_ANCHORS:
            raise UserError(
                f"relative_to must be one of {', '.join(RELATIVE_ANCHORS)}, got {anchor!r}",
                where=where,
            )
        minutes = data.get("minutes", 0)
        if not isinstance(minutes, int) or isinstance(minutes, bool) or abs(minutes) > 24 * 60:
            raise UserError("minutes must be a whole number within a day", where=where)
        return DueRule(relative_to=str(anchor), minutes=minutes)
    days = data.get("days_before")
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 60:
        raise UserError("days_before must be a whole number from 0 to 60", where=where)
    at_text = data.get("at", "09:00")
    try:
        at = time.fromisoformat(str(at_text))
    except ValueError:
        raise UserError(f"'at' must be a time like 18:00, got {at_text!r}", where=where) from None
    return DueRule(days_before=days, at=at)


def _modes(raw: dict[str, object], where: str) -> tuple[str, ...]:
    value = raw.get("modes", list(MODES))
    if (not isinstance(value, list) or not value
            or any(m not in MODES for m in value) or len(set(value)) != len(value)):
        raise UserError(f"modes must be a non-empty list of {', '.join(MODES)}", where=where)
    return tuple(str(m) for m in value)


def parse_template(data: object, where: str = "checklist template") -> ChecklistTemplate:
    """Build a template from decoded JSON, naming the first problem found."""
    if not isinstance(data, dict) or data.get("format") != TEMPLATE_FORMAT:
        raise UserError(f"not a checklist template (format must be {TEMPLATE_FORMAT!r})",
                        where=where)
    if data.get("version") != 1:
        raise UserError(f"unsupported version {data.get('version')!r} (this app reads 1)",
                        where=where)
    raw_groups = data.get("groups")
    if not isinstance(raw_groups, list) or not raw_groups:
        raise UserError("'groups' must be a non-empty list", where=where)
    groups: list[Group] = []
    for index, raw in enumerate(raw_groups):
        here = f"{where}: groups[{index}]"
        if not isinstance(raw, dict):
            raise UserError("each group must be an object", where=here)
        key = _text(raw, "key", here)
        if not _ID.match(key):
            raise UserError(f"group key {key!r} must be lower-case letters, digits, '-'",
                            where=here)
        if any(g.key == key for g in groups):
            raise UserError(f"duplicate group key {key!r}", where=here)
        groups.append(Group(key, _text(raw, "title", here), _parse_due(raw.get("due"), here),
                            _modes(raw, here)))
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise UserError("'items' must be a non-empty list", where=where)
    keys = {g.key for g in groups}
    items: list[TemplateItem] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_items):
        here = f"{where}: items[{index}]"
        if not isinstance(raw, dict):
            raise UserError("each item must be an object", where=here)
        item_id = _text(raw, "id", here)
        if not _ID.match(item_id) or item_id.startswith("custom-"):
            raise UserError(f"item id {item_id!r} must be lower-case letters, digits, '-' "
                            "and not start with 'custom-'", where=here)
        if item_id in seen:
            raise UserError(f"duplicate item id {item_id!r}", where=here)
        seen.add(item_id)
        group = _text(raw, "group", here)
        if group not in keys:
            raise UserError(f"unknown group {group!r} (groups: {', '.join(sorted(keys))})",
                            where=here)
        tool = _text(raw, "tool", here, required=False)
        if tool and tool not in TOOLS:
            raise UserError(f"tool must be one of {', '.join(TOOLS)}, got {tool!r}", where=here)
        items.append(TemplateItem(
            id=item_id, group=group, text=_text(raw, "text", here), why=_text(raw, "why", here),
            bring=_text(raw, "bring", here, required=False), tool=tool,
            modes=_modes(raw, here),
        ))
        group_modes = next(g.modes for g in groups if g.key == group)
        if not set(items[-1].modes) <= set(group_modes):
            raise UserError(f"item modes {list(items[-1].modes)} are not all modes of group "
                            f"{group!r} ({list(group_modes)})", where=here)
    return ChecklistTemplate(
        id=_text(data, "id", where), title=_text(data, "title", where),
        groups=tuple(groups), items=tuple(items),
        note=_text(data, "note", where, required=False),
    )


def read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read: {exc}", where=str(path)) from None
    except json.JSONDecodeError as exc:
        raise UserError(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
                        where=str(path)) from None


def load_template(path: Path) -> ChecklistTemplate:
    return parse_template(read_json(path), where=path.name)


def shipped_template() -> ChecklistTemplate:
    from readiness.resources import resource_path

    return load_template(resource_path("checklists", "exam_day.json"))
