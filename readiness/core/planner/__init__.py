"""The study planner: a pure core (no Qt, no SQL, no files).

``models`` (set-up, sessions, plan, results, time entries), ``need`` (weight ×
need shares from practice results and self-ratings), ``generate`` (plan and
re-plan), ``milestones`` (dates and fees, rules as data), ``adherence``
(planned versus done) and ``ics`` (calendar export).
"""

from readiness.core.planner.generate import generate_plan, replan
from readiness.core.planner.models import (
    SLOT_MINUTES,
    DomainResult,
    Plan,
    PlanSetup,
    Session,
    SessionKind,
    SessionStatus,
    TimeEntry,
)
from readiness.core.planner.need import domain_needs, shares

__all__ = [
    "SLOT_MINUTES",
    "DomainResult",
    "Plan",
    "PlanSetup",
    "Session",
    "SessionKind",
    "SessionStatus",
    "TimeEntry",
    "domain_needs",
    "generate_plan",
    "replan",
    "shares",
]
