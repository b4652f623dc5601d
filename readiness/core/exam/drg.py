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

from collections.abc import Mapping, Sequence

from readiness.core.bank.models import Scenario
from readiness.core.exam.drg_codes import given_codes, key_codes, principal_question
from readiness.core.exam.drg_explain import explain, key_notes
from readiness.core.exam.drg_grouping import group, grouper, grouper_loaded
from readiness.core.exam.drg_model import (
    DEFAULT_SEX,
    DISCHARGE_STATUS,
    GROUPER_LABEL,
    GROUPER_VERSION,
    MDC_TITLES,
    UNGROUPABLE,
    CodeSet,
    DrgImpact,
    Grouping,
    Level,
    Partition,
    Procedure,
    SecondaryDiagnosis,
)

__all__ = [
    "DEFAULT_SEX", "DISCHARGE_STATUS", "GROUPER_LABEL", "GROUPER_VERSION", "MDC_TITLES",
    "UNGROUPABLE", "CodeSet", "DrgImpact", "Grouping", "Level", "Partition", "Procedure",
    "SecondaryDiagnosis", "drg_impact", "explain", "given_codes", "group", "grouper",
    "grouper_loaded", "key_codes", "key_notes", "principal_question",
]


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
