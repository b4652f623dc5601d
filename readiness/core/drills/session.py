"""A drill set in progress: one prompt at a time, timed on the monotonic clock.

Timing starts when a prompt is shown (:meth:`DrillRun.show`) and stops at the answer,
so time spent reading feedback between look-ups is not charged to the next one.
Rules only; saving each answer is the service's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from readiness.core.clock import Clock
from readiness.core.drills.models import (
    DrillAnswer,
    DrillBook,
    DrillPrompt,
    DrillSummary,
    Verdict,
)

_NOT_CODE = re.compile(r"[\s.\-]+")


def compact(code: str) -> str:
    """A code as compared: upper case, without dots, spaces or dashes."""
    return _NOT_CODE.sub("", code).upper()


def judge(prompt: DrillPrompt, given: str) -> Verdict:
    """Correct only when the complete code is given; a code one 7th character (or
    placeholder) short is 'incomplete' so the feedback can say what is missing."""
    want, got = compact(prompt.answer), compact(given)
    if not got:
        return Verdict.SKIPPED
    if got == want:
        return Verdict.CORRECT
    if len(got) < len(want) and want.startswith(got.rstrip("X")) and len(got) >= 3:
        return Verdict.INCOMPLETE
    return Verdict.WRONG


def feedback(answer: DrillAnswer) -> str:
    """One sentence for the candidate after a look-up."""
    p = answer.prompt
    took = f"{answer.seconds:.0f} s"
    if answer.verdict is Verdict.CORRECT:
        return f"Correct: {p.answer} ({took})."
    if answer.verdict is Verdict.SKIPPED:
        return f"Skipped. The code is {p.answer}."
    if answer.verdict is Verdict.INCOMPLETE:
        return (f"Incomplete: {answer.given.strip().upper()} is the start of {p.answer}; "
                f"the reported code needs every character ({took}).")
    printed = f" (the book prints {p.hint})" if p.hint and compact(p.hint) != compact(p.answer) \
        else ""
    return f"Not this one: the code is {p.answer}{printed} ({took})."


@dataclass
class DrillRun:
    book: DrillBook
    prompts: list[DrillPrompt]
    clock: Clock
    run_id: int | None = None
    link: int | None = None  # the plan task run it serves (in memory: a set cannot resume)
    answers: list[DrillAnswer] = field(default_factory=list)
    _shown_at: float | None = None

    @property
    def position(self) -> int:
        return len(self.answers)

    @property
    def finished(self) -> bool:
        return self.position >= len(self.prompts)

    @property
    def current(self) -> DrillPrompt | None:
        return None if self.finished else self.prompts[self.position]

    def show(self) -> DrillPrompt | None:
        """The prompt now on screen; its clock starts (again only if not running)."""
        if self._shown_at is None and not self.finished:
            self._shown_at = self.clock.monotonic()
        return self.current

    def elapsed(self) -> float:
        """Seconds on the current look-up so far (for the on-screen timer)."""
        return 0.0 if self._shown_at is None else self.clock.monotonic() - self._shown_at

    def score(self, given: str) -> DrillAnswer:
        """The verdict on ``given`` for the current prompt; the run does not move on until
        :meth:`accept` (after the answer is saved)."""
        prompt = self.current
        if prompt is None:
            raise ValueError("the drill set is finished")
        return DrillAnswer(prompt, given.strip(), judge(prompt, given), max(0.0, self.elapsed()))

    def accept(self, answer: DrillAnswer) -> None:
        if answer.prompt is not self.current:
            raise ValueError("that answer is not for the prompt on screen")
        self.answers.append(answer)
        self._shown_at = None

    def answer(self, given: str) -> DrillAnswer:
        result = self.score(given)
        self.accept(result)
        return result

    def summary(self) -> DrillSummary:
        return DrillSummary(
            book=self.book, planned=len(self.prompts), answered=len(self.answers),
            correct=sum(1 for a in self.answers if a.correct),
            seconds=sum(a.seconds for a in self.answers), run_id=self.run_id,
            link=self.link,
        )
