"""Why two MS-DRG groupings differ, in sentences an auditor would write."""

from __future__ import annotations

from readiness.core.exam.drg_grouping import group
from readiness.core.exam.drg_model import _RANK, MDC_TITLES, CodeSet, Grouping, SecondaryDiagnosis


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


def _principal_difference(key: Grouping, yours: Grouping,
                          decisive: list[str], notes: list[str]) -> None:
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


def _procedure_differences(key: Grouping, yours: Grouping,
                           decisive: list[str], notes: list[str]) -> None:
    """Procedures: one decides when adding (or removing) it alone moves your MS-DRG."""
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


def _severity_differences(key: Grouping, yours: Grouping,
                          decisive: list[str], notes: list[str]) -> None:
    """CCs and MCCs.  A difference decides the level when it is of the higher of the two
    levels."""
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


def _steering_differences(key: Grouping, yours: Grouping,
                          decisive: list[str], notes: list[str]) -> None:
    """Other diagnoses that steer the grouping by themselves (e.g. an AMI code as
    secondary)."""
    if yours.drg == key.drg:
        return
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


def explain(key: Grouping, yours: Grouping) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(differences that decide the MS-DRG, other coding differences worth knowing)."""
    decisive: list[str] = []
    notes: list[str] = []
    if yours.principal != key.principal:
        _principal_difference(key, yours, decisive, notes)
    _procedure_differences(key, yours, decisive, notes)
    _severity_differences(key, yours, decisive, notes)
    _steering_differences(key, yours, decisive, notes)
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
