"""What a candidate sees as a scenario's name during an exam: setting, service, record number.

The descriptive ``Scenario.title`` ("E. coli sepsis from acute pyelonephritis ...") names
the answer, so it appears only in results and review; during the exam the candidate sees
``Inpatient · Cardiology · Record IP-04``, built here from fields that give nothing away.
"""

from __future__ import annotations

import hashlib
import re

from readiness.core.bank.models import Scenario, Setting

SETTING_LABELS: dict[str, str] = {
    "inpatient": "Inpatient",
    "outpatient-surgery": "Outpatient surgery",
    "emergency": "Emergency department",
    "clinic": "Clinic",
    "observation": "Observation",
    "interventional": "Outpatient interventional",
}

# Version 1 files name no service: the setting's neutral default stands in.
DEFAULT_SERVICE: dict[str, str] = {
    "inpatient": "Internal medicine",
    "outpatient-surgery": "General surgery",
    "emergency": "Emergency department",
    "clinic": "Primary care",
    "observation": "Observation",
    "interventional": "Interventional radiology",
}

# The service names the bank conventions allow (docs/bank-format.md); the bank check
# reports any other, since a free service ("Sepsis unit") could name the diagnosis.
SERVICES: tuple[str, ...] = (
    "Internal medicine", "Cardiology", "Pulmonology", "General surgery", "Orthopedics",
    "Obstetrics", "Newborn", "Behavioral health", "Neurology", "Nephrology",
    "Emergency department", "Observation", "Interventional cardiology",
    "Interventional radiology", "Primary care", "Gastroenterology", "Urology",
    "Ophthalmology", "Pain management", "Dermatology", "Oncology", "Pediatrics",
)

_SHIPPED_ID = re.compile(r"^sc-([a-z]{2})-(\d{1,4})$")


def default_service(setting: Setting | str) -> str:
    return DEFAULT_SERVICE.get(setting, "Internal medicine")


def record_number(scenario_id: str) -> str:
    """``sc-ip-04`` -> ``IP-04``; any other id -> ``R-`` and four hex digits of its hash
    (an imported id such as ``sepsis-case`` would otherwise name the diagnosis)."""
    match = _SHIPPED_ID.match(scenario_id)
    if match:
        return f"{match.group(1).upper()}-{match.group(2)}"
    digest = hashlib.sha256(scenario_id.encode("utf-8")).hexdigest()[:4].upper()
    return f"R-{digest}"


def neutral_title(scenario: Scenario) -> str:
    """The name a candidate sees during an exam: ``Inpatient · Cardiology · Record IP-04``."""
    setting = SETTING_LABELS.get(scenario.setting, scenario.setting.capitalize())
    service = scenario.service or default_service(scenario.setting)
    parts = [setting] if service == setting else [setting, service]
    return " · ".join([*parts, f"Record {record_number(scenario.id)}"])
