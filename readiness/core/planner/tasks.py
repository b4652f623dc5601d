"""Concrete tasks for a planned session: what to do in those minutes.

A study session on a domain carries one to three tasks, chosen from the
candidate's weakest blueprint tasks in that domain and from what the app can
open already set up: a practice set on one blueprint task, one medical-record
scenario, a section of the Official Guidelines to read, and (on the coding-knowledge
domain, when a book is installed) a code-book speed drill in the candidate's
weakest or slowest book (``drill_need.rank_books``).  A mock session carries one
task, the full mock exam.

Everything here is a pure function of the session, the evidence and what the
bank holds, so the same plan and the same evidence give the same tasks.  The
tasks of a session are pinned (stored) when the candidate first starts one, so
later evidence cannot change a session half done.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from readiness.core.planner.drill_need import DRILL_DOMAIN
from readiness.core.planner.models import Session, SessionKind

MINUTES_PER_ITEM = 2  # tutor-mode practice: read, answer, read the rationale
MIN_PRACTICE_ITEMS = 5
MAX_PRACTICE_ITEMS = 25
SCENARIO_MINUTES = 25  # one medical record, coded in full
GUIDELINE_MINUTES = 15
DRILL_MINUTES = 15
DRILL_LOOKUPS = 10
#: Prior for a blueprint task's accuracy, worth this many answered items.
TASK_PRIOR_ITEMS = 4.0


class TaskKind(StrEnum):
    PRACTICE = "practice"  # a custom practice set on one blueprint task
    SCENARIO = "scenario"  # one medical-record scenario of a setting
    GUIDELINE = "guideline"  # read one section of the Official Guidelines
    DRILL = "drill"  # code-book look-ups in one book
    MOCK = "mock"  # the full mock exam


@dataclass(frozen=True)
class PlanTask:
    """One thing to do.  ``key`` names it within its session (stable across views).
    ``target`` is what Start opens: the blueprint task, the scenario setting, the
    guideline section id, the drill book, or "" for a mock."""

    kind: TaskKind
    key: str
    title: str
    minutes: int
    domain: str | None
    target: str = ""
    count: int = 0  # items, scenarios or look-ups
    accuracy: float | None = None  # the candidate's estimate when the task was chosen

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        return data

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> PlanTask:
        acc = data.get("accuracy")
        return PlanTask(TaskKind(data["kind"]), str(data["key"]), str(data["title"]),
                        int(data["minutes"]), data.get("domain"), str(data.get("target", "")),
                        int(data.get("count", 0)), None if acc is None else float(acc))


def tasks_to_json(tasks: Sequence[PlanTask]) -> str:
    return json.dumps([t.to_json() for t in tasks])


def tasks_from_json(text: str) -> tuple[PlanTask, ...]:
    return tuple(PlanTask.from_json(d) for d in json.loads(text))


@dataclass(frozen=True)
class TaskStat:
    """Evidence on one blueprint task: answered items (recency-weighted) and correct."""

    domain: str
    task: str
    correct: float
    answered: float


@dataclass(frozen=True)
class GuidelineRef:
    """A guideline section the app ships, and the domains and tasks it serves."""

    id: str  # "I.C.9.a"
    title: str  # "Hypertension"
    domains: tuple[str, ...]
    tasks: tuple[str, ...] = ()


@dataclass(frozen=True)
class DrillOption:
    """An installed drill book and the candidate's figures in it."""

    book: str  # a DrillBook value: "neoplasm"
    title: str  # "Neoplasm Table"
    accuracy: float | None = None  # None: not drilled yet
    seconds: float | None = None  # median seconds per correct look-up


@dataclass(frozen=True)
class Capabilities:
    """What the app can open: bank items per (domain, blueprint task), scenario
    settings per domain, the guideline sections shipped, and the installed drill
    books, weakest or slowest first."""

    items: Mapping[tuple[str, str], int]
    scenario_settings: Mapping[str, tuple[str, ...]]
    guidelines: Sequence[GuidelineRef] = ()
    drill_books: Sequence[DrillOption] = field(default_factory=tuple)


SETTING_TITLES = {
    "inpatient": "inpatient",
    "outpatient-surgery": "outpatient surgery",
    "emergency": "emergency department",
    "clinic": "clinic",
}


def task_accuracy(stat: TaskStat | None, domain_accuracy: float) -> float:
    """A blueprint task's accuracy, pulled toward its domain's estimate when thin."""
    correct = stat.correct if stat else 0.0
    answered = stat.answered if stat else 0.0
    return (correct + domain_accuracy * TASK_PRIOR_ITEMS) / (answered + TASK_PRIOR_ITEMS)


def ranked_tasks(domain: str, domain_accuracy: float, stats: Mapping[tuple[str, str], TaskStat],
                 caps: Capabilities) -> list[tuple[str, float | None]]:
    """The domain's blueprint tasks that have items, weakest first (ties by name), each
    with the candidate's own accuracy on it (None: not practised yet).  The ranking
    pulls thin evidence toward the domain estimate, so one miss does not top the list."""
    ranked = []
    for (d, task), count in caps.items.items():
        if d != domain or count <= 0:
            continue
        stat = stats.get((d, task))
        seen = stat.correct / stat.answered if stat and stat.answered > 0 else None
        ranked.append((task_accuracy(stat, domain_accuracy), task, seen))
    return [(task, seen) for _, task, seen in sorted(ranked)]


def practice_task(task: str, accuracy: float | None, minutes: int, domain: str,
                  available: int) -> PlanTask:
    count = max(MIN_PRACTICE_ITEMS, min(MAX_PRACTICE_ITEMS, minutes // MINUTES_PER_ITEM))
    count = min(count, available)
    known = f"your accuracy {accuracy:.0%}" if accuracy is not None else "not practised yet"
    return PlanTask(TaskKind.PRACTICE, f"practice:{task}",
                    f"Practise {count} items: {task} ({known})",
                    max(5, count * MINUTES_PER_ITEM), domain, task, count, accuracy)


def _guideline_for(domain: str, task: str | None, caps: Capabilities,
                   turn: int) -> GuidelineRef | None:
    fits = [g for g in caps.guidelines if domain in g.domains]
    if task is not None:
        fits = sorted(fits, key=lambda g: task not in g.tasks)
    if not fits:
        return None
    return fits[turn % len(fits)]


def drill_task(option: DrillOption, count: int = DRILL_LOOKUPS) -> PlanTask:
    if option.accuracy is None:
        known = "not drilled yet"
    else:
        known = f"your accuracy {option.accuracy:.0%}"
        if option.seconds is not None:
            known += f", {option.seconds:.0f} s per look-up"
    return PlanTask(TaskKind.DRILL, f"drill:{option.book}",
                    f"Code-book drill: {count} look-ups in the {option.title} ({known})",
                    DRILL_MINUTES, DRILL_DOMAIN, option.book, count, option.accuracy)


def _drill_for(domain: str, caps: Capabilities, turn: int) -> PlanTask | None:
    """The drill of this turn: rotating over the weaker half of the installed books."""
    if domain != DRILL_DOMAIN or not caps.drill_books:
        return None
    books = list(caps.drill_books)
    pool = books[: max(1, (len(books) + 1) // 2)]
    return drill_task(pool[turn % len(pool)])


def _extras(domain: str, weakest: str | None, caps: Capabilities, turn: int) -> list[PlanTask]:
    """Scenario, guideline and drill tasks that suit the domain, in preference order.
    On the drill's domain the three take turns leading (drill, scenario, guideline,
    then scenario, guideline, drill, ...), so a drill never crowds out the reading
    and the records."""
    out: list[PlanTask] = []
    settings = caps.scenario_settings.get(domain, ())
    if settings:
        setting = settings[turn % len(settings)]
        name = SETTING_TITLES.get(setting, setting)
        article = "an" if name[0] in "aeiou" else "a"
        out.append(PlanTask(TaskKind.SCENARIO, f"scenario:{setting}",
                            f"Code one {name} record" if setting != "clinic"
                            else f"Code {article} {name} visit record",
                            SCENARIO_MINUTES, domain, setting, 1))
    guide = _guideline_for(domain, weakest, caps, turn)
    if guide is not None:
        out.append(PlanTask(TaskKind.GUIDELINE, f"guideline:{guide.id}",
                            f"Read Guidelines {guide.id} ({guide.title.lower()})",
                            GUIDELINE_MINUTES, domain, guide.id))
    drill = _drill_for(domain, caps, turn)
    if drill is not None:
        out.insert(0, drill)
        lead = turn % len(out)
        out = out[lead:] + out[:lead]
    return out


def session_tasks(session: Session, turn: int, domain_accuracy: float,
                  stats: Mapping[tuple[str, str], TaskStat], caps: Capabilities
                  ) -> tuple[PlanTask, ...]:
    """One to three tasks filling ``session``'s minutes.  ``turn`` is the session's
    ordinal among the plan's sessions on that domain: it rotates the choice so
    consecutive sessions do not repeat the same task, weakest tasks coming first."""
    if session.kind is SessionKind.MOCK:
        return (PlanTask(TaskKind.MOCK, "mock", "Full mock exam under exam rules",
                         session.minutes, None),)
    domain = session.domain or ""
    ranked = ranked_tasks(domain, domain_accuracy, stats, caps)
    # Rotate among the weaker half so the very weakest task comes back most often.
    pool = ranked[: max(1, (len(ranked) + 1) // 2)]
    weakest = pool[turn % len(pool)] if pool else None
    extras = _extras(domain, weakest[0] if weakest else None, caps, turn)
    tasks: list[PlanTask] = []
    left = session.minutes
    want = 1 if left <= 30 else 2 if left <= 60 else 3
    # A practice set first, then the extras that fit, then practice takes what is left.
    for extra in extras[: want - 1] if weakest else extras[:want]:
        if extra.minutes <= left - (15 if weakest else 0):
            tasks.append(extra)
            left -= extra.minutes
    if weakest is not None and left >= MIN_PRACTICE_ITEMS * MINUTES_PER_ITEM:
        task, acc = weakest
        tasks.insert(0, practice_task(task, acc, left, domain, caps.items[(domain, task)]))
    if not tasks and extras:
        tasks.append(extras[0])
    return tuple(tasks)


def plan_turns(sessions: Sequence[Session]) -> dict[str, int]:
    """Each study session's ordinal among the sessions on its domain (by day)."""
    seen: dict[str | None, int] = {}
    turns: dict[str, int] = {}
    for s in sorted(sessions, key=lambda s: (s.day, s.position)):
        n = seen.get(s.domain, 0)
        turns[s.id] = n
        seen[s.domain] = n + 1
    return turns
