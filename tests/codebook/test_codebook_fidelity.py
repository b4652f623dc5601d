"""Fidelity to the official files in ../shared/data/cms (skipped when absent): every code,
title, note order and cross-reference as CDC and CMS print them."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from cbhelpers import SHARED, shared_file

from readiness.codebook import render
from readiness.codebook.cm_tabular import NOTE_CONTAINERS
from readiness.codebook.model import Note
from readiness.codebook.render import note_groups
from readiness.codebook.validator import CodeBookValidator
from readiness.codebook.xmlutil import clean
from readiness.core.bank.models import CodeRef
from readiness.core.codes import CodeStatus, format_problem

pytestmark = pytest.mark.slow


def _cdc_codes() -> dict[str, str]:
    """CDC's FY2026 code-descriptions file: every reportable code (no dot) → its title."""
    archive = SHARED / "icd10cm" / "icd10cm-code-descriptions-2026.zip"
    if not archive.exists():
        pytest.skip("CDC code descriptions zip not available")
    with zipfile.ZipFile(archive) as zf:
        text = zf.read("icd10cm-codes-2026.txt").decode("latin-1")
    out = {}
    for line in text.splitlines():
        if line.strip():
            code, _, title = line.partition(" ")
            out[code] = title.strip()
    return out


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))


def _dotted(code: str) -> str:
    return code if len(code) <= 3 else f"{code[:3]}.{code[3:]}"


def test_every_cdc_code_is_billable_including_category_qa0(full_cm: CodeBookValidator) -> None:
    official = _cdc_codes()
    assert len(official) == 74719
    assert format_problem("icd10cm", "QA0.0101") is None
    refused = [c for c in official
               if full_cm.status(CodeRef("icd10cm", _dotted(c))) is not CodeStatus.BILLABLE]
    assert refused == []
    assert full_cm.status(CodeRef("icd10cm", "QA0")) is CodeStatus.HEADER
    hits = full_cm.book.search("QA00101")
    assert hits and hits[0].text == "QA0.0101 SCN2A-related neurodevelopmental disorder"


def test_every_billable_title_is_cdcs(full_cm: CodeBookValidator) -> None:
    """7th-character titles once carried the note printed under a character
    ("...type I or II; initial encounter for open fracture NOS" for S52.001B)."""
    official = _cdc_codes()
    refs = [CodeRef("icd10cm", _dotted(c)) for c in official]
    ours = full_cm.book.titles(refs)
    # CDC's code file is plain ASCII ("Sezary"); the XML, and so the book, keeps "Sézary"
    wrong = {r.code: ours.get(r) for r in refs
             if _ascii(ours.get(r, "")) != official[r.code.replace(".", "")]}
    assert len(wrong) == 0, list(wrong.items())[:5]
    assert ours[CodeRef("icd10cm", "C84.10")] == "Sézary disease, unspecified site"
    assert ours[CodeRef("icd10cm", "S52.001B")] == (
        "Unspecified fracture of upper end of right ulna, initial encounter for open fracture "
        "type I or II")


def _xml_notes(tabular_xml: Path) -> dict[str, list[tuple[str, str]]]:
    """Every code's notes as the XML lists them, read independently of the importer."""
    out: dict[str, list[tuple[str, str]]] = {}
    for _event, elem in ET.iterparse(tabular_xml):
        if elem.tag != "diag":
            continue
        notes = [(child.tag, clean("".join(note.itertext())))
                 for child in elem if child.tag in NOTE_CONTAINERS
                 for note in child.findall("note")]
        out[clean(elem.findtext("name"))] = [(k, t) for k, t in notes if t]
        for child in list(elem):
            if child.tag != "diag":
                elem.remove(child)  # keep memory flat; nested diags were read already
    return out


def test_notes_print_in_the_xmls_order(full_cm: CodeBookValidator, tmp_path: Path) -> None:
    xml = shared_file("icd10cm/icd10c-tabular-April-1-2026.xml.xz", tmp_path)
    expected = _xml_notes(xml)
    tab = full_cm.book.tabular
    assert tab is not None
    keys = [k for k, v in expected.items() if v]
    stored: dict[str, list[Note]] = {}
    for i in range(0, len(keys), 500):
        stored.update(tab.notes_for(keys[i:i + 500]))
    printed = {k: [(n.kind, n.text) for _kind, group in note_groups(stored[k]) for n in group
                   if n.kind in NOTE_CONTAINERS]  # (H54's visual-impairment grid aside)
               for k in keys}
    wrong = [k for k in keys if printed[k] != expected[k]]
    assert wrong == []
    # E11 as CDC prints it: Includes, then Use additional code, then Excludes1
    assert [kind for kind, _ in note_groups(stored["E11"])] == [
        "includes", "useAdditionalCode", "excludes1"]
    page = full_cm.book.cm_page("E11")
    assert page is not None
    html = render.tabular_html(list(page.trail), list(page.entries), page.notes, {}, "E11", "",
                               render.Theme())
    text = re.sub(r"<[^>]+>", "", html[html.index('name="E11"'):])
    assert text.index("Includes") < text.index("Use additional code") < text.index("Excludes1")


def test_a_note_under_a_seventh_character_prints_under_it(full_cm: CodeBookValidator) -> None:
    page = full_cm.book.cm_page("S52.001B")
    assert page is not None
    rows = [(s.char, s.text) for s in page.seventh["S52"]]
    b = rows.index(("B", "initial encounter for open fracture type I or II"))
    assert rows[b + 1] == ("", "initial encounter for open fracture NOS")
    html = render.tabular_html(list(page.trail), list(page.entries), page.notes,
                               {k: [(s.char, s.text) for s in v] for k, v in page.seventh.items()},
                               "S52.001", "", render.Theme())
    assert "initial encounter for open fracture NOS" in html
