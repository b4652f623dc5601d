"""Code formats and the validator protocol shared by the bank, the exam and the code book.

Format checks are syntax only ("is this shaped like an ICD-10-PCS code?"); whether
a code exists is the code book's business, behind :class:`CodeValidator`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from readiness.core.bank.models import CodeRef, CodeSystem

# ICD-10-CM: letter (U included: U07.1 COVID-19, U09.9), digit, alphanumeric, then up to
# four more after an optional dot.  FY2026 opened category QA0 (genetic disorders, 13
# codes such as QA0.0101): a letter in second place, so far only after Q.  No ICD-10-PCS
# section starts with Q, so "Q + letter" cannot be mistaken for a PCS code.
CM_CATEGORY = r"(?:[A-Z][0-9]|Q[A-Z])[0-9A-Z]"
_ICD10CM = re.compile(rf"^{CM_CATEGORY}(?:\.?[0-9A-Z]{{1,4}})?$")
# ICD-10-PCS: seven characters from digits and letters except I and O.
_ICD10PCS = re.compile(r"^[0-9A-HJ-NP-Z]{7}$")
# CPT: five digits (Category I), or four digits and F (II) or T (III).
# HCPCS Level II: a letter A-V and four digits.
_CPT = re.compile(r"^(?:[0-9]{5}|[0-9]{4}[FTU])$")
_HCPCS = re.compile(r"^[A-V][0-9]{4}$")

SYSTEM_NAMES: dict[CodeSystem, str] = {
    "icd10cm": "ICD-10-CM",
    "icd10pcs": "ICD-10-PCS",
    "cpt": "CPT",
    "hcpcs": "HCPCS Level II",
}


def normalize(system: CodeSystem, text: str) -> str:
    """Upper-case, strip spaces; ICD-10-CM gets its dot after the third character."""
    code = re.sub(r"\s+", "", text).upper()
    if system == "icd10cm":
        bare = code.replace(".", "")
        return bare if len(bare) <= 3 else f"{bare[:3]}.{bare[3:]}"
    return code


def format_problem(system: CodeSystem, text: str) -> str | None:
    """Why ``text`` cannot be a code of ``system``, or None if it is well-formed."""
    code = normalize(system, text)
    name = SYSTEM_NAMES[system]
    if not code:
        return f"empty {name} code"
    if system == "icd10cm":
        if not _ICD10CM.match(code):
            return (f"{text!r} is not an ICD-10-CM code: a letter, two characters, then up to "
                    "four more after the dot (e.g. E11.9)")
    elif system == "icd10pcs":
        if len(code) != 7:
            return f"{text!r} is not an ICD-10-PCS code: it must have 7 characters, not {len(code)}"
        for position, char in enumerate(code, start=1):
            if char in "IO":
                return (f"{text!r}: character {position} is the letter {char}, which ICD-10-PCS "
                        "never uses (it would be confused with 1 and 0)")
        if not _ICD10PCS.match(code):
            return f"{text!r} is not an ICD-10-PCS code: only digits and letters are allowed"
    elif system == "cpt":
        if not _CPT.match(code):
            return f"{text!r} is not a CPT code: five digits, or four digits and F or T"
    elif system == "hcpcs" and not _HCPCS.match(code):
        return f"{text!r} is not a HCPCS Level II code: a letter A-V and four digits (e.g. J1885)"
    return None


def guess_system(text: str) -> CodeSystem | None:
    """The code set a typed code most plausibly belongs to, from its shape alone."""
    code = re.sub(r"\s+", "", text).upper()
    if _ICD10PCS.match(code) and not _ICD10CM.match(code.replace(".", "")[:3]):
        return "icd10pcs"
    if len(code) == 7 and "." not in code and _ICD10PCS.match(code) and code[0].isdigit():
        return "icd10pcs"
    if _CPT.match(code):
        return "cpt"
    if _HCPCS.match(code):
        return "hcpcs"
    if _ICD10CM.match(code):
        return "icd10cm"
    return None


class CodeStatus(Enum):
    BILLABLE = "billable"  # valid for reporting (ICD-10-CM leaf, complete PCS code, listed CPT)
    HEADER = "header"  # exists but is a category/subcategory, not reportable
    INVALID = "invalid"  # not in the code set
    UNAVAILABLE = "unavailable"  # no code set of that system is installed


@dataclass(frozen=True)
class CodeInfo:
    """What an encoder shows for one code: its status and official title ("" if none)."""

    ref: CodeRef
    status: CodeStatus
    title: str = ""


class CodeValidator(Protocol):
    def status(self, ref: CodeRef) -> CodeStatus: ...

    def edition(self, system: CodeSystem) -> str | None:
        """Human-readable edition of the installed code set, or None if absent."""
        ...
