"""What the exam shows about codes: titles in pick lists, the encoder line under typed codes.

Everything comes from ``workspace.codebook`` (the installed code sets; CPT and HCPCS titles
only from a list the user imported).  Titles are looked up in one batch per screen and
cached by the service until the installed sets change.  Under full-mock exam rules the
typed-code fields show the format check only (docs/exam.md, "Code titles").
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from readiness.core.bank.models import CodeRef
from readiness.core.codes import SYSTEM_NAMES, CodeInfo, CodeStatus
from readiness.services.codebook import CodebookService

log = logging.getLogger(__name__)


class CodeHelp:
    """The code help one exam window gives: ``pick_titles`` for the pick lists (the
    setting), ``encoder`` for the line under typed codes (off under exam rules)."""

    def __init__(self, service: CodebookService, *, pick_titles: bool, encoder: bool) -> None:
        self.service = service
        self.pick_titles = pick_titles
        self.encoder = encoder

    def titles(self, refs: Iterable[CodeRef]) -> dict[CodeRef, str]:
        return self.service.titles(refs) if self.pick_titles else {}

    def describe(self, ref: CodeRef) -> CodeInfo | None:
        return self.service.describe(ref) if self.encoder else None

    @property
    def building(self) -> bool:
        return self.service.building


def encoder_line(info: CodeInfo, building: bool) -> tuple[str, bool]:
    """The line an encoder shows under a typed, well-formed code: (text, is_a_problem)."""
    name = SYSTEM_NAMES[info.ref.system]
    if info.status is CodeStatus.BILLABLE:
        return (info.title or f"valid {name} code"), False
    if info.status is CodeStatus.HEADER:
        title = f" ({info.title})" if info.title else ""
        return f"header code: needs more characters{title}", True
    if info.status is CodeStatus.INVALID:
        if info.ref.system == "cpt":
            return "not in your imported CPT list", True
        return f"not a valid {name} code", True
    if building and info.ref.system == "icd10cm":
        return "The ICD-10-CM code set is being prepared; titles appear when it is ready.", False
    what = {"icd10cm": "ICD-10-CM code set", "icd10pcs": "ICD-10-PCS tables",
            "cpt": "CPT list of your own", "hcpcs": "HCPCS list"}[info.ref.system]
    return f"No {what} installed: only the format is checked.", False
