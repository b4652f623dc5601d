"""The MS-DRG consequence of an inpatient scenario's coding, as an auditor sees it.

The key (principal diagnosis first, then the other keyed diagnoses, then the
keyed ICD-10-PCS codes) and the candidate's own codes (in the same order, the
principal-diagnosis question first) are grouped with the CMS MS-DRG grouper
logic shipped by ``drgpy`` (version :data:`GROUPER_VERSION`, FY2026).  The
result says which MS-DRG each set reaches and why they differ: another
principal diagnosis, a CC or MCC missed or added (or one that does not count
because the principal diagnosis excludes it), an operating-room procedure
missed or added.

Educational only: no relative weights or payment amounts (drgpy ships none, and
the dollar figures change every year).  Assumptions: the patient is discharged
home alive (status 01); present-on-admission indicators come from the key.

The grouper tables take about half a second to load: :func:`grouper` loads
them once, on first use, and is safe to call from a worker thread.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from readiness.core.bank.models import Scenario, ScenarioQuestion, Sex
from readiness.core.exam.scoring import parse_given, question_systems

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

_engine: Any = None
_lock = threading.Lock()


def grouper() -> Any:
    """The drgpy ``DRGEngine`` for :data:`GROUPER_VERSION`, loaded once (thread-safe)."""
    global _engine
    with _lock:
        if _engine is None:
            from drgpy.msdrg import DRGEngine

            _engine = DRGEngine(GROUPER_VERSION)
        return _engine


def grouper_loaded() -> bool:
    return _engine is not None


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


# -- codes of a scenario ----------------------------------------------------------------------
@dataclass(frozen=True)
class CodeSet:
    diagnoses: tuple[str, ...]  # ICD-10-CM as written, principal first
    procedures: tuple[str, ...]  # ICD-10-PCS
    poa: Mapping[str, str] = field(default_factory=dict)


def principal_question(scenario: Scenario) -> ScenarioQuestion | None:
    """The question that asks for the principal diagnosis (sequenced, ICD-10-CM)."""
    cm = [q for q in scenario.questions if q.answers and q.answers[0].code.system == "icd10cm"]
    return next((q for q in cm if q.sequenced), cm[0] if cm else None)


def _ordered_questions(scenario: Scenario) -> list[ScenarioQuestion]:
    first = principal_question(scenario)
    rest = [q for q in scenario.questions if q is not first]
    return ([first] if first else []) + rest


def _unique(codes: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(codes))


def key_codes(scenario: Scenario) -> CodeSet:
    dx: list[str] = []
    pcs: list[str] = []
    poa: dict[str, str] = {}
    for question in _ordered_questions(scenario):
        for answer in question.answers:
            if answer.code.system == "icd10cm":
                dx.append(answer.code.code)
                if answer.poa:
                    poa.setdefault(answer.code.code, answer.poa)
            elif answer.code.system == "icd10pcs":
                pcs.append(answer.code.code)
    return CodeSet(_unique(dx), _unique(pcs), poa)


def given_codes(scenario: Scenario, given: Mapping[str, Sequence[str]],
                poa: Mapping[str, str] | None = None) -> CodeSet:
    """The candidate's codes in grouping order; codes that do not parse are left out."""
    dx: list[str] = []
    pcs: list[str] = []
    for question in _ordered_questions(scenario):
        systems = question_systems(question)
        for text in given.get(question.id, ()):
            ref = parse_given(text, systems)
            if ref is None:
                continue
            if ref.system == "icd10cm":
                dx.append(ref.code)
            elif ref.system == "icd10pcs":
                pcs.append(ref.code)
    return CodeSet(_unique(dx), _unique(pcs), dict(poa or {}))


# -- grouping ---------------------------------------------------------------------------------
def _bare(code: str) -> str:
    return code.replace(".", "").strip().upper()


def _pdx_mdc(engine: Any, pdx: str) -> str | None:
    for label in engine.dxmap.get(pdx, ()):
        m = re.fullmatch(r"_MDC(\d\d)", label)
        if m:
            return m.group(1)
    return None


def group(codes: CodeSet, sex: Sex | None = None) -> Grouping:
    """Group one set of codes; ``codes.diagnoses`` must not be empty."""
    if not codes.diagnoses:
        raise ValueError("a principal diagnosis is needed to group")
    engine = grouper()
    bare_dx = [_bare(c) for c in codes.diagnoses]
    bare_pcs = [_bare(c) for c in codes.procedures]
    poa = {_bare(c): v for c, v in codes.poa.items()}
    with _lock:  # the engine's maps are defaultdicts: reads can insert
        drg = engine.get_drg(bare_dx, bare_pcs, gender=sex or DEFAULT_SEX, is_alive=True,
                             poa=poa, discharge_status=DISCHARGE_STATUS)
        pdx = bare_dx[0] if engine.dxmap.get(bare_dx[0]) else bare_dx[0][:-1]
        info = engine.drgmap.get(drg, {"desc": UNGROUPABLE, "mdc": "", "is_surgical": False,
                                       "is_medical": False})
        pdx_mdc = _pdx_mdc(engine, pdx)
        drg_excluded = engine.drg_exclusions.get(drg, set())
        secondary = []
        for shown, bare in zip(codes.diagnoses[1:], bare_dx[1:], strict=True):
            cc = engine.ccmap.get(bare)
            if cc is None:
                secondary.append(SecondaryDiagnosis(shown, None))
                continue
            secondary.append(SecondaryDiagnosis(
                shown, cc["level"],
                excluded_by_principal=pdx in engine.exmap.get(cc["pdx"], set()),
                excluded_for_drg=bare in drg_excluded,
                excluded_not_poa=cc.get("hac") is not None and poa.get(bare, "Y") in ("N", "U"),
            ))
        procedures = tuple(
            Procedure(shown, bare in engine.orpcsmap, bool(engine.prmap.get(bare)))
            for shown, bare in zip(codes.procedures, bare_pcs, strict=True)
        )
    mdc: str | None = info["mdc"] or None
    if mdc is None and "981" <= drg <= "989":  # unrelated O.R. procedure: the principal's MDC
        mdc = pdx_mdc
    partition: Partition = ("surgical" if info["is_surgical"]
                            else "medical" if info["is_medical"] else "other")
    return Grouping(drg=drg, title=info["desc"], mdc=mdc, partition=partition,
                    principal=codes.diagnoses[0], principal_mdc=pdx_mdc,
                    secondary=tuple(secondary), procedures=procedures, codes=codes, sex=sex)


# -- the explanation --------------------------------------------------------------------------
def _why_not(dx: SecondaryDiagnosis, g: Grouping) -> str:
    if dx.excluded_by_principal:
        return f"the principal diagnosis {g.principal} excludes it (CC exclusion list)"
    if dx.excluded_for_drg:
        return f"MS-DRG {g.drg} excludes it"
    return "it was not present on admission (hospital-acquired condition)"


def _article(level: str) -> str:
    return "an" if level == "MCC" else "a"


def _regroup(g: Grouping, add: str = "", drop: str = "", *, diagnosis: bool = False) -> bool:
    """Would adding or dropping this one code (a procedure, or a secondary diagnosis) move
    ``g`` to another MS-DRG?"""
    if g.codes is None:
        return True
    dx, pcs = g.codes.diagnoses, g.codes.procedures
    if diagnosis:
        dx = tuple(c for c in dx if c != drop) + ((add,) if add else ())
    else:
        pcs = tuple(c for c in pcs if c != drop) + ((add,) if add else ())
    return group(CodeSet(dx, pcs, g.codes.poa), g.sex).drg != g.drg


def _severity_difference(text: str, sets_level: bool, drg_differs: bool,
                         decisive: list[str], notes: list[str]) -> None:
    if not sets_level:
        notes.append(text + ". It does not change the CC/MCC level here.")
    elif drg_differs:
        decisive.append(text + ".")
    else:
        notes.append(text + ".")


def explain(key: Grouping, yours: Grouping) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(differences that decide the MS-DRG, other coding differences worth knowing)."""
    decisive: list[str] = []
    notes: list[str] = []
    if yours.principal != key.principal:
        text = f"Your principal diagnosis {yours.principal} is not the key's {key.principal}"
        mdc = yours.principal_mdc
        if mdc is None:
            text += "; the grouper cannot assign it to an MDC as a principal diagnosis"
        elif mdc != key.principal_mdc:
            text += f"; it puts the case in MDC {mdc} {MDC_TITLES.get(mdc, '')}".rstrip()
        if yours.drg == key.drg:
            notes.append(text + ", but it groups to the same MS-DRG.")
        else:
            decisive.append(text + ".")

    # Procedures: one decides when adding (or removing) it alone moves your MS-DRG.
    key_pcs = {p.code: p for p in key.procedures}
    your_pcs = {p.code: p for p in yours.procedures}
    for code, p in key_pcs.items():
        if code in your_pcs or not (p.operating_room or p.used_by_grouper):
            continue
        moved = yours.drg != key.drg and _regroup(yours, add=code)
        kind = "the operating-room procedure" if p.operating_room else "the non-O.R. procedure"
        text = f"You missed {kind} {code}"
        if not moved:
            notes.append(text + "; it does not change the MS-DRG here.")
        elif key.partition == "surgical" and yours.partition != "surgical":
            decisive.append(text + ", so your case groups to a medical MS-DRG.")
        else:
            decisive.append(text + ".")
    for code, p in your_pcs.items():
        if code in key_pcs or not (p.operating_room or p.used_by_grouper):
            continue
        moved = yours.drg != key.drg and _regroup(yours, drop=code)
        kind = "an operating-room procedure" if p.operating_room else "a non-O.R. procedure"
        text = f"Your extra code {code} is {kind}"
        if not moved:
            notes.append(text + "; it does not change the MS-DRG here.")
        elif yours.partition == "surgical" and key.partition != "surgical":
            decisive.append(text + " that makes your case surgical.")
        else:
            decisive.append(text + " that moves your MS-DRG.")

    # CCs and MCCs.  A difference decides the level when it is of the higher of the two levels.
    top = max(_RANK[key.severity], _RANK[yours.severity])
    level_differs = key.severity != yours.severity
    for dx in key.secondary:
        if not dx.counts or dx.code == yours.principal:
            continue
        assert dx.level is not None
        mine = yours.secondary_code(dx.code)
        if mine is not None and mine.counts:
            continue
        if mine is None:
            text = f"You missed the {dx.level} {dx.code}"
        else:
            text = (f"{dx.code} is {_article(dx.level)} {dx.level} but does not count in your "
                    f"coding: {_why_not(mine, yours)}")
        _severity_difference(text, level_differs and _RANK[dx.level] == top,
                             yours.drg != key.drg, decisive, notes)
    for dx in yours.secondary:
        if dx.level is None or dx.code == key.principal:
            continue
        theirs = key.secondary_code(dx.code)
        if not dx.counts:
            if theirs is None:
                notes.append(f"Your extra code {dx.code} is {_article(dx.level)} {dx.level}, "
                             f"but it does not count: {_why_not(dx, yours)}.")
            continue
        if theirs is not None and theirs.counts:
            continue
        if theirs is None:
            text = f"Your extra code {dx.code} is {_article(dx.level)} {dx.level} not in the key"
        else:
            text = (f"{dx.code} counts as {_article(dx.level)} {dx.level} with your principal "
                    f"diagnosis, but not in the key: {_why_not(theirs, key)}")
        _severity_difference(text, level_differs and _RANK[dx.level] == top,
                             yours.drg != key.drg, decisive, notes)
    if level_differs and yours.drg == key.drg:
        notes.append(f"MS-DRG {key.drg} does not split on this CC/MCC level.")

    # Other diagnoses that steer the grouping by themselves (e.g. an AMI code as secondary).
    if yours.drg != key.drg:
        said = " ".join(decisive + notes)
        your_dx = {d.code for d in yours.secondary} | {yours.principal}
        key_dx = {d.code for d in key.secondary} | {key.principal}
        for dx in key.secondary:
            if dx.code not in your_dx and dx.code not in said and _regroup(
                    yours, add=dx.code, diagnosis=True):
                decisive.append(f"You missed {dx.code}, which by itself moves the case to "
                                "another MS-DRG.")
        for dx in yours.secondary:
            if dx.code not in key_dx and dx.code not in said and _regroup(
                    yours, drop=dx.code, diagnosis=True):
                decisive.append(f"Your extra code {dx.code} by itself moves your case to "
                                "another MS-DRG.")
    if yours.drg != key.drg and not decisive:
        decisive.append("Other differences in your codes move the grouping.")
    return tuple(decisive), tuple(notes)


def key_notes(key: Grouping, already_said: str = "") -> tuple[str, ...]:
    """CCs and MCCs of the key that do not count, and why (worth knowing for the exam).

    Codes named in ``already_said`` are left out.
    """
    return tuple(
        f"In the key, {dx.code} is {_article(dx.level)} {dx.level} that does not count: "
        f"{_why_not(dx, key)}."
        for dx in key.secondary
        if dx.level is not None and not dx.counts and dx.code not in already_said
    )


def drg_impact(scenario: Scenario, given: Mapping[str, Sequence[str]]) -> DrgImpact | None:
    """The MS-DRG comparison for a finished inpatient scenario; None for other settings."""
    if scenario.setting != "inpatient" or principal_question(scenario) is None:
        return None
    keyed = key_codes(scenario)
    if not keyed.diagnoses:
        return None
    sex = scenario.sex or DEFAULT_SEX
    key = group(keyed, sex)
    yours_codes = given_codes(scenario, given, keyed.poa)
    first = principal_question(scenario)
    assert first is not None
    if not given_codes(scenario, {first.id: given.get(first.id, ())}).diagnoses:
        return DrgImpact(scenario.id, key, None, (), key_notes(key), sex,
                         scenario.sex is not None)
    yours = group(yours_codes, sex)
    decisive, other = explain(key, yours)
    notes = key_notes(key, " ".join(m for m in decisive + other if "excludes it" in m))
    return DrgImpact(scenario.id, key, yours, decisive, other + notes, sex,
                     scenario.sex is not None)
