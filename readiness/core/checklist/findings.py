"""What the checks found, attached to the checklist items they are about.

The name check, the code book check and the "what to bring" list each know
something is wrong; a finding carries that to the matching checklist item and
to the printed card, with the advice, so neither can look clean while a check
says otherwise.  A finding stays open while the problem does: checking the item
off does not make a name on an ID match the ATT.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from readiness.core.checklist.items import ChecklistView, Finding, GroupView
from readiness.core.checklist.names import NameCheck
from readiness.core.checklist.rules import EditionCheck, EditionStatus

NAMES_ITEM = "names-match"
EDITION_ITEM = "books-edition"
__all__ = ["NO_PROBLEMS", "Finding", "attach", "bring_findings", "edition_findings",
           "name_findings"]
NO_PROBLEMS = ("No problems found: the names on your IDs match the ATT, your code books are "
               "the required editions, and everything to bring is checked.")


def name_findings(checks: Iterable[tuple[str, NameCheck | None]]) -> list[Finding]:
    """One finding per difference between an ID (by label) and the ATT."""
    found = []
    for label, check in checks:
        if check is None:
            continue
        for mismatch in check.mismatches:
            found.append(Finding(NAMES_ITEM, "name", f"{label}: {mismatch.describe()}",
                                 mismatch.advice))
    return found


_EDITION_PROBLEMS = (EditionStatus.OLDER, EditionStatus.NEWER, EditionStatus.UNKNOWN)


def edition_findings(checks: Iterable[EditionCheck]) -> list[Finding]:
    found = []
    for check in checks:
        if check.status not in _EDITION_PROBLEMS:
            continue
        what = ("edition year not entered" if check.status is EditionStatus.UNKNOWN
                else f"{check.year} edition, {check.required} required")
        found.append(Finding(EDITION_ITEM, "edition", f"{check.book.name}: {what}",
                             check.message))
    return found


def bring_findings(view: ChecklistView) -> list[Finding]:
    """Must-bring items (those with a "bring" label) that are not checked off."""
    return [Finding(item.id, "bring", f"Not checked yet: {item.bring}", item.why)
            for item in view.visible_items() if item.bring and not item.checked]


def attach(view: ChecklistView, findings: list[Finding]) -> ChecklistView:
    """``view`` with each item carrying the findings about it."""
    by_item: dict[str, tuple[Finding, ...]] = {}
    for finding in findings:
        by_item[finding.item_id] = (*by_item.get(finding.item_id, ()), finding)

    def with_problems(group: GroupView) -> GroupView:
        return replace(group, items=tuple(
            replace(item, problems=by_item.get(item.id, ())) for item in group.items))

    return replace(view, groups=tuple(with_problems(g) for g in view.groups),
                   hidden=tuple(replace(i, problems=by_item.get(i.id, ())) for i in view.hidden))
