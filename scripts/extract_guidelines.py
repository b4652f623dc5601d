"""Extract the Official Guidelines sections the study plan assigns, from CMS's PDF.

Run once when a new edition comes out (pypdf is a one-off tool, not a dependency):

    pip install pypdf
    python scripts/extract_guidelines.py \
        ../shared/data/cms/icd10cm/ICD-10-CM-October-2025-Guidelines.pdf \
        readiness/resources/guidelines/sections.json

Each section is cut from its heading to the next heading of the same level, the
running page header ("ICD-10-CM Official Guidelines ... Page n of 121") is
dropped, and wrapped lines are joined into paragraphs.  Read the output
against the PDF after every run (the reader shows it as extracted).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

CK = "coding-knowledge"
CD = "coding-documentation"
PQ = "provider-queries"
CM = "Apply ICD-10-CM conventions and guidelines"
SEQ = "Sequence diagnoses and procedures"
SUPPORT = "Identify documentation that supports code assignment"
CONFLICT = "Recognise conflicting, incomplete or ambiguous documentation"
UHDDS = "Apply UHDDS definitions"
POA = "Assign POA indicators"
QUERY = "Recognise when a query is needed"

# id, title, chapter, start heading, end heading (regexes on whole lines), domains, tasks
SECTIONS = [
    ("I.A.15", "“With”", "Section I.A: Conventions", r"15\. “With”", r"16\. “See” and",
     (CK,), (CM,)),
    ("I.A.19", "Code assignment and clinical criteria", "Section I.A: Conventions",
     r"19\. Code assignment and Clinical Criteria", r"B\. General Coding Guidelines",
     (CD, PQ), (SUPPORT, QUERY)),
    ("I.B.8", "Acute and chronic conditions", "Section I.B: General coding guidelines",
     r"8\. Acute and Chronic Conditions", r"9\. Combination Code", (CK,), (CM, SEQ)),
    ("I.B.9", "Combination code", "Section I.B: General coding guidelines",
     r"9\. Combination Code", r"10\. Sequela \(Late Effects\)", (CK,), (CM,)),
    ("I.B.14", "Documentation by clinicians other than the patient's provider",
     "Section I.B: General coding guidelines",
     r"14\. Documentation by Clinicians Other than the Patient's Provider", r"15\. Syndromes",
     (CD,), (SUPPORT,)),
    ("I.C.1.d", "Sepsis, severe sepsis, and septic shock",
     "Chapter 1: Certain Infectious and Parasitic Diseases",
     r"d\. Sepsis, Severe Sepsis, and Septic Shock Infections resistant to",
     r"e\. Methicillin Resistant Staphylococcus aureus \(MRSA\) Conditions", (CK,), (SEQ, CM)),
    ("I.C.4.a", "Diabetes mellitus",
     "Chapter 4: Endocrine, Nutritional, and Metabolic Diseases",
     r"a\. Diabetes mellitus", r"b\. Obesity|5\. Chapter 5: Mental", (CK,), (CM,)),
    ("I.C.9.a", "Hypertension", "Chapter 9: Diseases of the Circulatory System",
     r"a\. Hypertension", r"b\. Atherosclerotic Coronary Artery Disease and Angina",
     (CK,), (CM,)),
    ("I.C.19.a", "Application of 7th characters in Chapter 19",
     "Chapter 19: Injury, Poisoning, and Certain Other Consequences of External Causes",
     r"a\. Application of 7th Characters in Chapter 19", r"b\. Coding of Injuries",
     (CK,), (CM,)),
    ("II", "Selection of principal diagnosis", "Section II", r"Section II\. Selection of "
     r"Principal Diagnosis", r"Section III\. Reporting Additional Diagnoses", (CK, CD),
     (SEQ, UHDDS)),
    ("III", "Reporting additional diagnoses", "Section III",
     r"Section III\. Reporting Additional Diagnoses", r"Section IV\. Diagnostic Coding and",
     (CD, PQ), (UHDDS, CONFLICT, QUERY)),
    ("Appendix I", "Present on admission reporting", "Appendix I", r"Appendix I",
     r"Assigning the POA Indicator", (CK, CD), (POA,)),
]

HEADER = re.compile(r"^(ICD-10-CM Official Guidelines for Coding and Reporting|FY 2026|"
                    r"Page \d+ of \d+)$")
MARKER = re.compile(r"^(\d+\)|\([a-z]+\)|[a-z]\.|[A-Z]\.|\d+\.|•)\s")
TOC_END = "Section I. Conventions, general coding guidelines and chapter specific guidelines"


def page_lines(pdf: Path) -> list[str]:
    import pypdf  # a one-off tool, not a dependency of the app

    reader = pypdf.PdfReader(str(pdf))
    lines: list[str] = []
    for page in reader.pages:
        lines.extend(line.rstrip() for line in (page.extract_text() or "").splitlines())
    return [line for line in lines if not HEADER.match(line.strip())]


def _is_heading(line: str, following: str) -> bool:
    """A numbered heading line: short, no closing punctuation, the text starts anew below."""
    return (bool(MARKER.match(line) or line.startswith("Section ")) and len(line) < 90
            and not line.endswith((".", ",", ";", ":")) and following[:1].isupper())


def paragraphs(lines: list[str]) -> str:
    """Join wrapped lines; a blank line ends a paragraph unless the text goes on in lower
    case (a page break fell inside it); headings and list markers start their own."""
    text = [line.strip() for line in lines]
    out: list[str] = []
    current = ""
    gap = False
    for i, line in enumerate(text):
        if not line:
            gap = bool(current)
            continue
        following = next((t for t in text[i + 1:] if t), "")
        starts_new = bool(MARKER.match(line)) or (gap and not line[:1].islower())
        if current and starts_new:
            out.append(current)
            current = ""
        current = f"{current} {line}" if current else line
        gap = False
        if _is_heading(line, following) and current.strip() == line:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return "\n\n".join(re.sub(r"\s+", " ", p).strip() for p in out)


def extract(pdf: Path) -> dict[str, object]:
    lines = page_lines(pdf)
    body_from = next(i for i, line in enumerate(lines) if i > 300 and
                     line.strip().startswith("Section I. Conventions"))
    sections = []
    for sid, title, chapter, start, end, domains, tasks in SECTIONS:
        begin = next(i for i in range(body_from, len(lines))
                     if re.match(start + "$", lines[i].strip()))
        stop = next(i for i in range(begin + 1, len(lines))
                    if re.match(end, lines[i].strip()))
        sections.append({"id": sid, "title": title, "chapter": chapter,
                         "domains": list(domains), "tasks": list(tasks),
                         "text": paragraphs(lines[begin:stop])})
    return {
        "edition": "FY2026 (October 1, 2025 - September 30, 2026)",
        "source": ("ICD-10-CM Official Guidelines for Coding and Reporting FY 2026, CMS and "
                   "NCHS (file ICD-10-CM-October-2025-Guidelines.pdf); public domain"),
        "sections": sections,
    }


if __name__ == "__main__":
    target = Path(sys.argv[2])
    target.write_text(json.dumps(extract(Path(sys.argv[1])), indent=1, ensure_ascii=False)
                      + "\n", encoding="utf-8")
    print(f"wrote {target}")
