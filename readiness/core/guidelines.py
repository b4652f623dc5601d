"""Sections of the ICD-10-CM Official Guidelines for Coding and Reporting that the
app ships (``readiness/resources/guidelines/``; PROVENANCE.md there names the
source).  Pure data: the plan's guideline tasks name a section by its id
("I.C.9.a") and the reader shows its text."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from readiness.core.errors import UserError


@dataclass(frozen=True)
class GuidelineSection:
    id: str  # "I.C.9.a"
    title: str  # "Hypertension"
    chapter: str  # "Chapter 9: Diseases of the Circulatory System"
    domains: tuple[str, ...]  # blueprint domains it serves
    tasks: tuple[str, ...]  # blueprint tasks it serves
    text: str  # the section as printed, paragraphs split by blank lines


@dataclass(frozen=True)
class Guidelines:
    edition: str  # "FY2026 (October 1, 2025 - September 30, 2026)"
    source: str
    sections: tuple[GuidelineSection, ...]

    def section(self, section_id: str) -> GuidelineSection:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise UserError(f"the guidelines shipped with the app have no section {section_id}",
                        where="Official Guidelines")


def load_guidelines(path: Path) -> Guidelines:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sections = tuple(
            GuidelineSection(str(s["id"]), str(s["title"]), str(s.get("chapter", "")),
                             tuple(s.get("domains", ())), tuple(s.get("tasks", ())),
                             str(s["text"]))
            for s in data["sections"]
        )
        return Guidelines(str(data["edition"]), str(data["source"]), sections)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UserError(f"cannot read the shipped guidelines: {exc}", where=str(path)) from None
