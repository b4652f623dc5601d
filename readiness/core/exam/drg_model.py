"""What the MS-DRG comparison returns: groupings, their diagnoses and procedures, the impact.

Plain frozen dataclasses and the constants they use; grouping lives in
:mod:`readiness.core.exam.drg_grouping`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from readiness.core.bank.models import Sex

GROUPER_VERSION = "v43.1"
GROUPER_LABEL = "MS-DRG v43.1 (FY2026)"
DEFAULT_SEX: Sex = "F"  # what drgpy assumes when it is not told
DISCHARGE_STATUS = "01"  # discharged home

Level = Literal["MCC", "CC"]
Partition = Literal["surgical", "medical", "other"]
UNGROUPABLE = "Not groupable (the principal diagnosis cannot be assigned to an MDC)"
_RANK: dict[Level | None, int] = {None: 0, "CC": 1, "MCC": 2}

MDC_TITLES = {
    "00": "Pre-MDC",
    "01": "Nervous System",
    "02": "Eye",
    "03": "Ear, Nose, Mouth and Throat",
    "04": "Respiratory System",
    "05": "Circulatory System",
    "06": "Digestive System",
    "07": "Hepatobiliary System and Pancreas",
    "08": "Musculoskeletal System and Connective Tissue",
    "09": "Skin, Subcutaneous Tissue and Breast",
    "10": "Endocrine, Nutritional and Metabolic",
    "11": "Kidney and Urinary Tract",
    "12": "Male Reproductive System",
    "13": "Female Reproductive System",
    "14": "Pregnancy, Childbirth and the Puerperium",
    "15": "Newborns and Other Neonates",
    "16": "Blood, Blood Forming Organs and Immunological",
    "17": "Myeloproliferative Diseases and Poorly Differentiated Neoplasms",
    "18": "Infectious and Parasitic Diseases",
    "19": "Mental Diseases and Disorders",
    "20": "Alcohol/Drug Use and Induced Mental Disorders",
    "21": "Injuries, Poisonings and Toxic Effects of Drugs",
    "22": "Burns",
    "23": "Factors Influencing Health Status",
    "24": "Multiple Significant Trauma",
    "25": "Human Immunodeficiency Virus Infections",
}


# -- results ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SecondaryDiagnosis:
    code: str  # as written: I50.23
    level: Level | None  # its place on the CC/MCC list; None when it is neither
    excluded_by_principal: bool = False  # on the principal diagnosis's CC exclusion list
    excluded_for_drg: bool = False  # excluded for the MS-DRG family reached
    excluded_not_poa: bool = False  # hospital-acquired condition not present on admission

    @property
    def counts(self) -> bool:
        return self.level is not None and not (
            self.excluded_by_principal or self.excluded_for_drg or self.excluded_not_poa
        )


@dataclass(frozen=True)
class Procedure:
    code: str
    operating_room: bool  # a non-O.R. procedure can still steer some DRGs
    used_by_grouper: bool


@dataclass(frozen=True)
class Grouping:
    drg: str  # "291"
    title: str
    mdc: str | None  # "05"; None for pre-MDC and ungroupable DRGs
    partition: Partition
    principal: str
    principal_mdc: str | None  # the MDC the principal diagnosis belongs to
    secondary: tuple[SecondaryDiagnosis, ...] = ()
    procedures: tuple[Procedure, ...] = ()
    codes: CodeSet | None = None  # what was grouped, to try "what if" changes
    sex: Sex | None = None

    @property
    def severity(self) -> Level | None:
        """The highest CC/MCC level among the secondary diagnoses that count."""
        best: Level | None = None
        for dx in self.secondary:
            if dx.counts and _RANK[dx.level] > _RANK[best]:
                best = dx.level
        return best

    @property
    def mdc_text(self) -> str:
        if self.mdc is None:
            return "Pre-MDC" if "001" <= self.drg <= "019" else "no MDC"
        return f"MDC {self.mdc} {MDC_TITLES.get(self.mdc, '')}".rstrip()

    @property
    def label(self) -> str:
        return f"MS-DRG {self.drg} {self.title}"

    @property
    def summary(self) -> str:
        """MDC, partition and CC/MCC level: ``MDC 05 Circulatory System · medical · MCC``."""
        level = self.severity or "no CC/MCC"
        return f"{self.mdc_text} · {self.partition} · {level}"

    def secondary_code(self, code: str) -> SecondaryDiagnosis | None:
        return next((d for d in self.secondary if d.code == code), None)


@dataclass(frozen=True)
class DrgImpact:
    scenario_id: str
    key: Grouping
    yours: Grouping | None  # None when no principal diagnosis was given
    differences: tuple[str, ...]  # why the two MS-DRGs differ
    notes: tuple[str, ...] = ()  # other coding differences that did not decide the DRG
    sex: Sex = DEFAULT_SEX
    sex_stated: bool = False
    version: str = GROUPER_LABEL

    @property
    def matches(self) -> bool:
        return self.yours is not None and self.yours.drg == self.key.drg

    @property
    def headline(self) -> str:
        key = self.key.label
        if self.yours is None:
            return (f"You gave no principal diagnosis, so your codes cannot be grouped; "
                    f"the key groups to {key}.")
        if self.matches:
            return f"Your codes group to the same MS-DRG as the key: {key}."
        return f"Your codes group to {self.yours.label}; the key groups to {key}."


@dataclass(frozen=True)
class CodeSet:
    diagnoses: tuple[str, ...]  # ICD-10-CM as written, principal first
    procedures: tuple[str, ...]  # ICD-10-PCS
    poa: Mapping[str, str] = field(default_factory=dict)
