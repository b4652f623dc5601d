"""Recognise an official code-set file from its content, not its name.

The root element of the XML and its title or column headings; CMS's fixed-width
HCPCS and ICD-10-PCS order files; code list CSVs.  The helpers that read the
plain-text formats are shared with the builders (:mod:`readiness.codebook.builders`).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from readiness.codebook import hcpcs_xlsx
from readiness.codebook.model import Kind
from readiness.codebook.xmlutil import sniff_xml
from readiness.core.codes import format_problem
from readiness.core.errors import ImportFailed


@dataclass(frozen=True)
class Recognised:
    kind: Kind
    path: Path  # where the bytes are (may be in a temporary folder)
    name: str  # what the user would call it ("x.zip: icd10pcs_index_2025.xml")
    version: str


def recognise(path: Path, name: str) -> Recognised:
    """What official file this is, from its content."""
    with path.open("rb") as f:
        head = f.read(4096)
    if head.startswith(b"PK") and hcpcs_xlsx.is_xlsx(path):
        return Recognised(Kind.HCPCS, path, name, year_of(name))
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        root, facts = sniff_xml(path, name)
        version = facts.get("version", "")
        title = facts.get("title", "").upper()
        if root == "ICD10CM.tabular":
            return Recognised(Kind.CM_TABULAR, path, name, version)
        if root == "ICD10CM.index":
            head1 = facts.get("head1", "").lower()
            if head1.startswith("neoplasm"):
                return Recognised(Kind.CM_NEOPLASM, path, name, version)
            if head1.startswith(("substance", "drug")):
                return Recognised(Kind.CM_DRUG, path, name, version)
            if "EXTERNAL CAUSE" in title:
                return Recognised(Kind.CM_EINDEX, path, name, version)
            return Recognised(Kind.CM_INDEX, path, name, version)
        if root == "ICD10PCS.tabular":
            return Recognised(Kind.PCS_TABLES, path, name, version)
        if root == "ICD10PCS.index":
            return Recognised(Kind.PCS_INDEX, path, name, version)
        if root == "ICD10PCS.definitions":
            return Recognised(Kind.PCS_DEFINITIONS, path, name, version)
        raise ImportFailed(f"this XML file (root element <{root}>) is not an ICD-10-CM or "
                           "ICD-10-PCS release file", where=name)
    text = decode(head)
    first = text.splitlines()[0] if text.splitlines() else ""
    if is_hcpcs_fixed_width(text):
        return Recognised(Kind.HCPCS, path, name, year_of(name))
    order = _order_file_system(text)
    if order == "icd10pcs":
        return Recognised(Kind.PCS_ORDER, path, name, year_of(name))
    if order == "icd10cm":
        raise ImportFailed("this is the ICD-10-CM order file; the code book reads ICD-10-CM from "
                           "the tabular XML instead (icd10cm-tabular-<year>.xml)", where=name)
    if "TABLE of DRUGS".upper() in first.upper():
        return Recognised(Kind.CM_DRUG, path, name, year_of(name))
    if "," in first or "\t" in first:
        kind = _code_list_kind(path, name)
        return Recognised(kind, path, name, year_of(name))
    raise ImportFailed("this file is neither an ICD-10 XML release file nor a code list CSV",
                       where=name)


# CMS's names: HCPC2019_CONTR_ANWEB.txt (annual), HCPC2025_OCT_ANWEB_v2.txt (quarterly);
# never the Transreport or notes files beside them.
HCPCS_MEMBER = re.compile(r"^HCPC\d{4}_(?:CONTR_|[A-Z]{3}_)?ANWEB(?:_v\d+)?\.(?:txt|xlsx)$",
                           re.IGNORECASE)
_HCPCS_LEVEL2 = re.compile(r"^[A-V][0-9]{4}$")


def is_hcpcs_fixed_width(text: str) -> bool:
    """CMS's annual HCPCS file: 320-character records, record type in column 11."""
    lines = [ln for ln in text.splitlines()[:-1] if ln.strip()]
    records = [ln for ln in lines if len(ln) >= 119 and ln[10:11] in ("3", "4", "7", "8")]
    return bool(lines) and len(records) >= max(1, len(lines) // 2)


def hcpcs_fixed_width_rows(path: Path) -> list[tuple[str, str]]:
    """(code, long description) of the Level II procedure records; modifiers are skipped."""
    desc: dict[str, list[str]] = {}
    with path.open("r", encoding="cp1252", errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if len(line) < 91 or line[10] not in "34":
                continue
            code = line[:5]
            if not _HCPCS_LEVEL2.match(code):
                continue  # never Level I (CPT) text
            desc.setdefault(code, []).append(line[11:91].strip())
    return [(code, " ".join(p for p in parts if p)) for code, parts in desc.items()]


PCS_ORDER_MEMBER = re.compile(r"^icd10pcs_order_\d{4}\.txt$", re.IGNORECASE)
ORDER_LINE = re.compile(r"^\d{5} ([0-9A-Z]{3,7}) *([01]) (.{60})(.*)$")


def _order_file_system(text: str) -> str | None:
    """'icd10pcs' / 'icd10cm' for CMS's order files (fixed columns), else None."""
    lines = [ln.rstrip("\r") for ln in text.splitlines()[:-1] if ln.strip()]
    if not lines or not all(ORDER_LINE.match(ln) for ln in lines):
        return None
    codes = [m.group(1) for ln in lines if (m := ORDER_LINE.match(ln))]
    # the PCS file opens with section 0 (digits); the CM file with A00
    return "icd10pcs" if any(c[0].isdigit() for c in codes) else "icd10cm"


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def year_of(name: str) -> str:
    m = re.search(r"(20\d\d)", name)
    return m.group(1) if m else ""


def code_list_rows(path: Path, name: str) -> list[tuple[str, str]]:
    text = decode(path.read_bytes())
    dialect = "excel-tab" if "\t" in text.splitlines()[0] and "," not in text.splitlines()[0] \
        else "excel"
    rows: list[tuple[str, str]] = []
    for line_no, row in enumerate(csv.reader(io.StringIO(text), dialect=dialect), start=1):
        if not row or not row[0].strip():
            continue
        code = row[0].strip().upper()
        desc = row[1].strip() if len(row) > 1 else ""
        if line_no == 1 and format_problem("cpt", code) and format_problem("hcpcs", code):
            continue  # header line
        rows.append((code, desc))
    if not rows:
        raise ImportFailed("the code list is empty (expected lines of code,description)",
                           where=name)
    return rows


def _code_list_kind(path: Path, name: str) -> Kind:
    rows = code_list_rows(path, name)
    cpt = sum(1 for c, _ in rows if format_problem("cpt", c) is None)
    hcpcs = sum(1 for c, _ in rows if format_problem("hcpcs", c) is None)
    if cpt == 0 and hcpcs == 0:
        raise ImportFailed(f"the first column holds no CPT or HCPCS codes (first: {rows[0][0]!r})",
                           where=name)
    return Kind.CPT if cpt >= hcpcs else Kind.HCPCS
