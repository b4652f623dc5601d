"""Time spent on each screen, from the attempt's event log (exam-clock seconds).

Every move to a screen ("go", and "resume" after a restart) starts its time; the
next move, or the end of the attempt, stops it.  Event times are exam-clock
readings, so a pause (the clock stopped) and the time the app was closed are
never counted against a screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

STARTS = ("go", "resume")


def seconds_per_position(
    events: Iterable[tuple[float, str, int | None]], end_elapsed: float
) -> dict[int, float]:
    spent: dict[int, float] = {}
    current: int | None = None
    since = 0.0
    for elapsed, kind, position in events:
        if kind not in STARTS or position is None:
            continue
        if current is not None:
            spent[current] = spent.get(current, 0.0) + max(0.0, elapsed - since)
        current, since = position, elapsed
    if current is not None:
        spent[current] = spent.get(current, 0.0) + max(0.0, end_elapsed - since)
    return spent


@dataclass(frozen=True)
class Pacing:
    mc_average_s: float | None
    scenario_average_s: float | None
    target_s: float | None  # the blueprint's time per screen (time limit / screens)
    slowest: tuple[tuple[int, float], ...]  # (position, seconds), longest first


def pacing(
    spent: dict[int, float], kinds: Sequence[str], time_limit_s: float | None, top: int = 3
) -> Pacing:
    mc = [spent.get(p, 0.0) for p, k in enumerate(kinds) if k != "scenario"]
    sc = [spent.get(p, 0.0) for p, k in enumerate(kinds) if k == "scenario"]
    slowest = tuple(sorted(spent.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
    return Pacing(
        mc_average_s=sum(mc) / len(mc) if mc else None,
        scenario_average_s=sum(sc) / len(sc) if sc else None,
        target_s=time_limit_s / len(kinds) if time_limit_s and kinds else None,
        slowest=slowest,
    )
