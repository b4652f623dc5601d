"""Plain records the code-set parsers produce and the store serves (no Qt, no SQL)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """One installable part of the code books; each lives in its own SQLite file."""

    CM_TABULAR = "icd10cm-tabular"
    CM_INDEX = "icd10cm-index"
    CM_EINDEX = "icd10cm-eindex"
    CM_NEOPLASM = "icd10cm-neoplasm"
    CM_DRUG = "icd10cm-drug"
    PCS_TABLES = "icd10pcs-tables"
    PCS_INDEX = "icd10pcs-index"
    PCS_DEFINITIONS = "icd10pcs-definitions"
    PCS_ORDER = "icd10pcs-order"
    CPT = "cpt"
    HCPCS = "hcpcs"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS: dict[Kind, str] = {
    Kind.CM_TABULAR: "ICD-10-CM Tabular List",
    Kind.CM_INDEX: "ICD-10-CM Alphabetic Index",
    Kind.CM_EINDEX: "ICD-10-CM External Cause Index",
    Kind.CM_NEOPLASM: "ICD-10-CM Neoplasm Table",
    Kind.CM_DRUG: "ICD-10-CM Table of Drugs and Chemicals",
    Kind.PCS_TABLES: "ICD-10-PCS Tables",
    Kind.PCS_INDEX: "ICD-10-PCS Index",
    Kind.PCS_DEFINITIONS: "ICD-10-PCS Definitions",
    Kind.PCS_ORDER: "ICD-10-PCS Order File (long titles)",
    Kind.CPT: "CPT code list (your licensed copy)",
    Kind.HCPCS: "HCPCS Level II code list",
}

# The kinds whose content is an alphabetic index (term tree), in the order a coder looks.
INDEX_KINDS: tuple[Kind, ...] = (
    Kind.CM_INDEX,
    Kind.CM_NEOPLASM,
    Kind.CM_DRUG,
    Kind.CM_EINDEX,
    Kind.PCS_INDEX,
)

# Tabular note kinds in the order the book prints them under a heading.
NOTE_ORDER: tuple[str, ...] = (
    "inclusionTerm",
    "notes",
    "includes",
    "excludes1",
    "excludes2",
    "codeFirst",
    "useAdditionalCode",
    "codeAlso",
    "sevenChrNote",
    "visualImpairment",
)

NOTE_LABELS: dict[str, str] = {
    "inclusionTerm": "",
    "notes": "Note",
    "includes": "Includes",
    "excludes1": "Excludes1",
    "excludes2": "Excludes2",
    "codeFirst": "Code first",
    "useAdditionalCode": "Use additional code",
    "codeAlso": "Code also",
    "sevenChrNote": "7th character",
    "visualImpairment": "Categories of visual impairment",
}


@dataclass(frozen=True)
class SourceFile:
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class CodeSetInfo:
    kind: Kind
    edition: str
    sources: tuple[SourceFile, ...]
    built_at: str
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Note:
    kind: str  # one of NOTE_ORDER
    text: str


@dataclass(frozen=True)
class SeventhChar:
    char: str
    text: str


@dataclass(frozen=True)
class TabularEntry:
    """A chapter, block, category, subcategory or code of a tabular list."""

    key: str  # "chapter:1", "A00-A09", "A00", "A00.0"
    kind: str  # chapter | block | category | subcategory | code
    title: str
    parent: str | None
    depth: int
    billable: bool  # a leaf that is reportable as it stands
    needs_seventh: bool  # a leaf that is reportable only with a 7th character
    seventh_from: str | None  # the heading whose 7th-character table applies
    seq: int

    @property
    def code(self) -> str:
        return self.key

    @property
    def is_code(self) -> bool:
        return self.kind not in ("chapter", "block")


@dataclass(frozen=True)
class IndexTerm:
    """One line of an alphabetic index: a main term (level 0) or a subterm."""

    id: int
    kind: Kind
    parent: int | None
    main: int
    level: int
    letter: str
    title: str  # the words before the nonessential modifiers
    nemod: str  # nonessential modifiers "(acute) (chronic)"
    tail: str  # words printed after the modifiers (" NEC")
    code: str
    manif: str
    see: str
    see_also: str
    see_cat: str
    subcat: str
    use: str
    codes: str  # PCS partial codes / table prefixes given with see/use
    cells: tuple[str, ...]  # neoplasm / drug columns 2.. (index 0 = column 2)
    path: str  # "Fracture, traumatic, femur"
    has_children: bool = False

    @property
    def full_title(self) -> str:
        return " ".join(p for p in (self.title, self.nemod) if p) + self.tail


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "code" | "title" | "inclusion" | "index" | "pcs"
    source: Kind
    ref: str  # code, term id, PCS table prefix
    text: str
    detail: str
    score: float
    spans: tuple[tuple[int, int], ...] = ()
    code: str = ""  # the code the hit gives (an index term's code; else the ref)


@dataclass(frozen=True)
class PcsAxis:
    pos: int
    title: str
    labels: tuple[tuple[str, str], ...]  # (value, label)
    definition: str = ""


@dataclass(frozen=True)
class PcsRow:
    axes: tuple[PcsAxis, ...]  # positions 4..7

    def axis(self, pos: int) -> PcsAxis:
        return self.axes[pos - 4]

    def count(self) -> int:
        n = 1
        for a in self.axes:
            n *= len(a.labels)
        return n


@dataclass(frozen=True)
class PcsTable:
    prefix: str  # three characters, e.g. "0DT"
    heads: tuple[PcsAxis, ...]  # positions 1..3 (one label each)
    rows: tuple[PcsRow, ...]
    seq: int = 0

    @property
    def section(self) -> PcsAxis:
        return self.heads[0]

    @property
    def body_system(self) -> PcsAxis:
        return self.heads[1]

    @property
    def operation(self) -> PcsAxis:
        return self.heads[2]


@dataclass(frozen=True)
class PcsDefinition:
    section: str
    pos: int
    axis_title: str
    title: str
    definition: str
    explanation: str
    includes: tuple[str, ...]


@dataclass(frozen=True)
class PcsCheck:
    """Result of checking a (possibly partial) ICD-10-PCS code against the tables."""

    code: str
    valid: bool
    bad_position: int | None  # 1-based position of the first invalid character
    reason: str
    title: str = ""
