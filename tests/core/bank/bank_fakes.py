"""A code validator that knows a handful of codes, so checks run without a code book."""

from __future__ import annotations

from readiness.core.bank.models import CodeRef, CodeSystem
from readiness.core.codes import CodeStatus

# Real FY2026 ICD-10-CM / PCS facts about the codes the fixtures use.
KNOWN: dict[str, CodeStatus] = {
    **{
        f"icd10cm:{c}": CodeStatus.BILLABLE
        for c in (
            *("E11.9", "E10.9", "E11.65", "J18.9", "J18.1", "N17.9", "N18.9", "E87.1"),
            *("A41.9", "J44.1", "J44.0", "I10", "R65.20", "N39.0", "B96.20"),
        )
    },
    **{f"icd10cm:{c}": CodeStatus.HEADER for c in ("E11", "J18", "N17", "J44", "A41")},
    "icd10pcs:0BJ08ZZ": CodeStatus.BILLABLE,
    "icd10pcs:0BJ04ZZ": CodeStatus.BILLABLE,
}


class FakeValidator:
    def __init__(self, known: dict[str, CodeStatus] | None = None, pcs: bool = True) -> None:
        self.known = dict(KNOWN if known is None else known)
        self.pcs = pcs
        self.asked: list[CodeRef] = []

    def status(self, ref: CodeRef) -> CodeStatus:
        self.asked.append(ref)
        if ref.system in ("cpt", "hcpcs") or (ref.system == "icd10pcs" and not self.pcs):
            return CodeStatus.UNAVAILABLE
        return self.known.get(str(ref), CodeStatus.INVALID)

    def edition(self, system: CodeSystem) -> str | None:
        return (
            {"icd10cm": "ICD-10-CM FY2026", "icd10pcs": "ICD-10-PCS FY2026"}.get(system)
            if (system != "icd10pcs" or self.pcs)
            else None
        )
