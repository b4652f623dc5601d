"""The exam-day checklist: template, due times, arrival planner, name check, edition rule."""

from readiness.core.checklist.arrival import ArrivalPlan, plan_arrival, resolve_local
from readiness.core.checklist.due import due_at
from readiness.core.checklist.items import (
    CalendarEvent,
    ChecklistItem,
    ChecklistView,
    GroupView,
    ItemState,
    build_view,
)
from readiness.core.checklist.names import NameCheck, NameIssue, compare_names
from readiness.core.checklist.rules import (
    ChecklistRules,
    EditionCheck,
    EditionStatus,
    check_edition,
    shipped_rules,
)
from readiness.core.checklist.template import ChecklistTemplate, load_template, shipped_template

__all__ = [
    "ArrivalPlan",
    "CalendarEvent",
    "ChecklistItem",
    "ChecklistRules",
    "ChecklistTemplate",
    "ChecklistView",
    "EditionCheck",
    "EditionStatus",
    "GroupView",
    "ItemState",
    "NameCheck",
    "NameIssue",
    "build_view",
    "check_edition",
    "compare_names",
    "due_at",
    "load_template",
    "plan_arrival",
    "resolve_local",
    "shipped_rules",
    "shipped_template",
]
