"""Texts the exam screens build: code labels and the tutor-mode feedback (plain text)."""

from __future__ import annotations

from collections.abc import Mapping

from readiness.core.bank.models import CodeRef, MultipleChoiceItem, Scenario
from readiness.core.codes import SYSTEM_NAMES
from readiness.core.exam.rules import clock_text
from readiness.core.exam.scoring import EntryResult

__all__ = ["clock_text", "code_label", "feedback_text"]


def code_label(ref_text: str) -> str:
    system, _, code = ref_text.partition(":")
    return f"{code}  ({SYSTEM_NAMES.get(system, system)})"  # type: ignore[call-overload]


def feedback_text(content: MultipleChoiceItem | Scenario, result: EntryResult,
                  titles: Mapping[CodeRef, str] | None = None) -> str:
    verdict = {"correct": "Correct.", "partial": "Partly correct.", "incorrect": "Incorrect.",
               "unanswered": "Not answered yet.", "unscored": ""}[result.status]
    lines = [f"{verdict} ({result.earned:g} of {result.possible:g} points)"]
    if isinstance(content, MultipleChoiceItem):
        keys = ", ".join(chr(65 + k) for k in content.key)
        lines.append(f"Answer: {keys}")
        lines.append(content.rationale)
        if content.references:
            lines.append("Reference: " + "; ".join(content.references))
    else:
        for question, score in zip(content.questions, result.questions, strict=False):
            key = ", ".join(a.code.code + (f" ({titles[a.code]})" if titles and a.code in titles
                                           else "")
                            + (" optional" if a.optional else "") for a in question.answers)
            lines.append(f"{question.prompt} Key: {key} ({score.earned:g} of "
                         f"{score.possible:g}). {question.rationale}")
    return "\n".join(lines)
