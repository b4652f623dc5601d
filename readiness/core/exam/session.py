"""The state of one attempt: answers, flags, strike-outs, highlights, position, time.

:class:`ExamSession` is a plain state machine.  Every method that changes
something returns the :class:`Response` (or position) it changed, so the
service can persist exactly that one row in one small transaction.

Time (see docs/exam.md, "The clock") is kept in monotonic segments: the
session banks the seconds of closed segments and measures the open one from a
monotonic start.  A change of the wall clock therefore neither adds nor
removes time.  The session never reads a clock itself; the caller passes the
monotonic reading, which keeps it testable and lets storage checkpoint it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from readiness.core.exam.forms import Form, FormEntry


class Status(Enum):
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"


class EndReason(Enum):
    SUBMITTED = "submitted"  # the candidate ended the exam
    TIME_UP = "time_up"  # automatic submission at zero


@dataclass(frozen=True)
class Response:
    """Everything the candidate did on one screen."""

    selected: tuple[int, ...] = ()  # multiple choice: chosen option indices, sorted
    codes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # scenario q id -> codes
    flagged: bool = False
    struck: tuple[int, ...] = ()  # options struck through, sorted
    highlights: tuple[tuple[int, int], ...] = ()  # [start, end) character ranges, merged
    visited: bool = False

    @property
    def answered(self) -> bool:
        return bool(self.selected) or any(self.codes.values())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.selected:
            out["s"] = list(self.selected)
        if self.codes:
            out["c"] = {k: list(v) for k, v in self.codes.items() if v}
        if self.flagged:
            out["f"] = 1
        if self.struck:
            out["x"] = list(self.struck)
        if self.highlights:
            out["h"] = [list(r) for r in self.highlights]
        if self.visited:
            out["v"] = 1
        return out

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> Response:
        return Response(
            selected=tuple(int(i) for i in data.get("s", ())),
            codes={str(k): tuple(str(c) for c in v) for k, v in data.get("c", {}).items()},
            flagged=bool(data.get("f", 0)),
            struck=tuple(int(i) for i in data.get("x", ())),
            highlights=tuple((int(a), int(b)) for a, b in data.get("h", ())),
            visited=bool(data.get("v", 0)),
        )


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, non-overlapping, non-empty ranges covering the same characters."""
    out: list[list[int]] = []
    for start, end in sorted((min(a, b), max(a, b)) for a, b in ranges):
        if start == end:
            continue
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return tuple((a, b) for a, b in out)


def subtract_range(
    ranges: Iterable[tuple[int, int]], start: int, end: int
) -> tuple[tuple[int, int], ...]:
    """Remove [start, end) from the ranges (un-highlight)."""
    start, end = min(start, end), max(start, end)
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        if b <= start or a >= end:
            out.append((a, b))
            continue
        if a < start:
            out.append((a, start))
        if b > end:
            out.append((end, b))
    return merge_ranges(out)


@dataclass
class ExamTimer:
    """Elapsed time in monotonic segments.

    ``banked`` holds the seconds of closed segments; while running, the open
    segment started at the monotonic reading ``started``.  A restart of the app
    begins a new segment from the last checkpoint: time while the app is closed
    does not count (docs/exam.md explains why).
    """

    limit_s: float | None
    banked: float = 0.0
    started: float | None = None

    @property
    def running(self) -> bool:
        return self.started is not None

    def elapsed(self, mono: float) -> float:
        if self.started is None:
            return self.banked
        return self.banked + max(0.0, mono - self.started)

    def remaining(self, mono: float) -> float | None:
        if self.limit_s is None:
            return None
        return max(0.0, self.limit_s - self.elapsed(mono))

    def expired(self, mono: float) -> bool:
        return self.limit_s is not None and self.elapsed(mono) >= self.limit_s

    def start(self, mono: float) -> None:
        if self.started is None:
            self.started = mono

    def stop(self, mono: float) -> None:
        if self.started is not None:
            self.banked = self.elapsed(mono)
            self.started = None

    def checkpoint(self, mono: float) -> float:
        """Elapsed seconds to persist, capped at the limit."""
        value = self.elapsed(mono)
        if self.limit_s is not None:
            value = min(value, self.limit_s)
        return value


class ExamSession:
    """One attempt in memory.  Positions are 0-based indices into ``form.entries``."""

    def __init__(
        self,
        form: Form,
        *,
        responses: Mapping[int, Response] | None = None,
        position: int = 0,
        elapsed_s: float = 0.0,
        status: Status = Status.IN_PROGRESS,
    ) -> None:
        if not form.entries:
            raise ValueError("a form needs at least one entry")
        self.form = form
        self.responses: dict[int, Response] = dict(responses or {})
        self.position = max(0, min(position, len(form.entries) - 1))
        self.timer = ExamTimer(limit_s=form.spec.time_limit_s, banked=elapsed_s)
        self.status = status
        self.end_reason: EndReason | None = None

    # -- reading -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.form.entries)

    @property
    def entry(self) -> FormEntry:
        return self.form.entries[self.position]

    def response(self, position: int) -> Response:
        return self.responses.get(position, Response())

    def positions(self, which: str = "all") -> list[int]:
        """Positions for the review screen: ``all``, ``unanswered`` or ``flagged``."""
        every = range(len(self.form.entries))
        if which == "unanswered":
            return [p for p in every if not self.response(p).answered]
        if which == "flagged":
            return [p for p in every if self.response(p).flagged]
        return list(every)

    @property
    def unanswered_count(self) -> int:
        return len(self.positions("unanswered"))

    @property
    def flagged_count(self) -> int:
        return len(self.positions("flagged"))

    @property
    def finished(self) -> bool:
        return self.status is Status.FINISHED

    # -- changing ------------------------------------------------------------------------------
    def _check_open(self, position: int) -> None:
        if self.finished:
            raise RuntimeError("the attempt is finished")
        if not 0 <= position < len(self.form.entries):
            raise IndexError(position)

    def _set(self, position: int, response: Response) -> Response:
        self.responses[position] = response
        return response

    def go(self, position: int) -> Response:
        """Move to ``position`` and mark it visited; returns its response."""
        self._check_open(position)
        self.position = position
        current = self.response(position)
        if current.visited:
            return current
        return self._set(position, replace(current, visited=True))

    def select(self, position: int, selected: Iterable[int]) -> Response:
        self._check_open(position)
        entry = self.form.entries[position]
        if entry.kind == "scenario":
            raise ValueError("scenario screens take codes, not options")
        chosen = tuple(sorted(set(selected)))
        current = self.response(position)
        # Choosing an option un-strikes it: a struck option cannot be the answer you mean.
        struck = tuple(i for i in current.struck if i not in chosen)
        return self._set(position, replace(current, selected=chosen, struck=struck, visited=True))

    def set_codes(self, position: int, question_id: str, codes: Iterable[str]) -> Response:
        self._check_open(position)
        if self.form.entries[position].kind != "scenario":
            raise ValueError("only scenario screens take codes")
        current = self.response(position)
        new_codes = dict(current.codes)
        cleaned = tuple(c.strip() for c in codes if c.strip())
        if cleaned:
            new_codes[question_id] = cleaned
        else:
            new_codes.pop(question_id, None)
        return self._set(position, replace(current, codes=new_codes, visited=True))

    def toggle_flag(self, position: int) -> Response:
        self._check_open(position)
        current = self.response(position)
        return self._set(position, replace(current, flagged=not current.flagged))

    def toggle_strike(self, position: int, option: int) -> Response:
        self._check_open(position)
        current = self.response(position)
        struck = set(current.struck)
        struck.symmetric_difference_update({option})
        selected = current.selected
        if option in struck and option in selected:
            selected = tuple(i for i in selected if i != option)
        return self._set(
            position, replace(current, struck=tuple(sorted(struck)), selected=selected)
        )

    def highlight(self, position: int, start: int, end: int, on: bool = True) -> Response:
        self._check_open(position)
        current = self.response(position)
        if on:
            ranges = merge_ranges((*current.highlights, (start, end)))
        else:
            ranges = subtract_range(current.highlights, start, end)
        return self._set(position, replace(current, highlights=ranges))

    def clear_highlights(self, position: int) -> Response:
        self._check_open(position)
        return self._set(position, replace(self.response(position), highlights=()))

    def finish(self, mono: float, reason: EndReason) -> float:
        """End the attempt; returns the elapsed seconds to record."""
        self.timer.stop(mono)
        self.status = Status.FINISHED
        self.end_reason = reason
        return self.timer.checkpoint(mono)
