"""Exam rules the driver only shows: the clock, pick limits, strict mode (docs/exam.md).

These used to live in the exam window; here they are pure functions, unit-tested without
Qt, and the widgets ask them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

WARN_AT_S = 30 * 60  # one "30 minutes left" notice
CLOCK_REVEAL_AT_S = 5 * 60  # a hidden clock comes back for the last five minutes


def clock_text(seconds: float) -> str:
    """``H:MM:SS``, rounding a part second up (0.2 s left shows 0:00:01, not 0:00:00)."""
    whole = int(seconds + 0.999) if seconds > 0 else 0
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


@dataclass(frozen=True)
class ClockState:
    """What the clock does at one tick."""

    text: str  # the header's text
    hidden: bool  # the candidate's choice after this tick (the reveal may undo it)
    reveal: bool  # the clock was hidden and must show again now (save that)
    time_up: bool  # submit the exam automatically
    warn: bool  # show the one 30-minute notice now


def clock_state(remaining: float | None, elapsed: float, hidden: bool,
                warned: bool) -> ClockState:
    """The clock at a tick: an untimed attempt counts up; a timed one counts down, shows
    itself again at five minutes, warns once at 30 minutes and ends at zero."""
    if remaining is None:
        return ClockState(f"Time used {clock_text(elapsed)}", False, False, False, False)
    reveal = hidden and remaining <= CLOCK_REVEAL_AT_S
    hidden = hidden and not reveal
    text = "Time hidden" if hidden else f"Time remaining {clock_text(remaining)}"
    time_up = remaining <= 0
    warn = not warned and not time_up and remaining <= WARN_AT_S
    return ClockState(text, hidden, reveal, time_up, warn)


def already_warned(remaining: float | None) -> bool:
    """An attempt resumed inside the last 30 minutes gets no second notice."""
    return remaining is not None and remaining <= WARN_AT_S


@dataclass(frozen=True)
class Pick:
    """The selection after a click on an option: ``chosen``, or None when the item's
    limit is reached (as at the center: clear one before choosing another)."""

    chosen: frozenset[int] | None
    message: str


def pick(current: Iterable[int], index: int, select: int) -> Pick:
    """A click on option ``index`` of an item that takes ``select`` answers."""
    now = set(current)
    chosen = {index} if select == 1 else now ^ {index}
    if len(chosen) > select:
        return Pick(None, f"Select {select}. You have chosen {select}: "
                          "clear one to choose another.")
    return Pick(frozenset(chosen), select_hint(select))


def select_hint(select: int) -> str:
    return f"Select {select}." if select > 1 else "Select one."


def complete(selected: Iterable[int], select: int) -> bool:
    """Every answer the item asks for is chosen (tutor mode then shows the rationale)."""
    return len(set(selected)) == select


@dataclass(frozen=True)
class Tools:
    """What the candidate may use.  Strict mode is the test center's interface: no
    highlighter and no strike-out."""

    highlight: bool
    strike: bool

    @staticmethod
    def for_mode(strict: bool) -> Tools:
        return Tools(highlight=not strict, strike=not strict)
