"""Fidelity to the official files in ../shared/data/cms (skipped when absent): every code,
title, note order and cross-reference as CDC and CMS print them."""

from __future__ import annotations

import functools
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from cbhelpers import SHARED, shared_file

from readiness.codebook import importer, render
from readiness.codebook.cm_tabular import NOTE_CONTAINERS
from readiness.codebook.library import CodeBook
from readiness.codebook.model import IndexTerm, Kind, Note
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


def test_drug_csv_without_repeated_headings_and_in_letter_order(tmp_path: Path) -> None:
    """CDC's CSV repeats its column headings at page breaks (they were terms named
    "Substance"), and files "P-Acetamidophenol" among the A's and "2,4-D" among the D's
    (the P and # sections appeared inside A and C)."""
    path = shared_file("icd10cm/icd10cm-drug-April-2025.csv", tmp_path)
    importer.import_file(path, tmp_path / "sets", expect=Kind.CM_DRUG)
    book = CodeBook(tmp_path / "sets")
    store = book.store(Kind.CM_DRUG)
    assert store is not None
    assert store.find_main_term("Substance") is None
    assert store.letters() == ["#", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    a_terms = [t.title for t in store.main_terms("A")]
    assert "P-Acetamidophenol" in a_terms and "4-Aminobutyric acid" in a_terms
    assert "2,4-D" in [t.title for t in store.main_terms("D")]
    assert [t.title for t in store.main_terms("#")][:2] == ["1-propanol", "2-propanol"]
    book.close()


# -- cross-references -------------------------------------------------------------------
_INDEX_FILES = ("icd10cm-fy2025-lf/icd-10-cm-eindex-2025.xml.xz",
                "icd10cm-fy2025-lf/icd-10-cm-neoplasm-2025.xml.xz",
                "icd10cm-fy2025-lf/icd-10-cm-drug-2025.xml.xz",
                "icd10pcs/icd10pcs_index_2025.xml.xz", "icd10pcs/icd10pcs_tables_2025.xml.xz")
_CODE = re.compile(r"\b[A-Z][0-9][0-9A-Z]")
_GENERIC = ("condition", "also condition", "by site", "condition, by site", "category")


@pytest.fixture(scope="module")
def index_book(tmp_path_factory: pytest.TempPathFactory) -> CodeBook:
    tmp = tmp_path_factory.mktemp("indexes")
    for rel in _INDEX_FILES:
        importer.import_file(shared_file(rel, tmp), tmp / "sets")
    book = CodeBook(tmp / "sets")
    yield book
    book.close()


def _words(text: str) -> set[str]:
    text = text.lower().replace("(s)", "").replace("'s", "")
    return {w[:4] for w in re.findall(r"[a-z0-9]+", text)} - {"nec", "nos"}  # cycle ~ cyclist


_QUALIFIER = re.compile(r"\s*\bby (type|site|specific|specified|body|kind|object)\b.*$"
                        r"|\s*\bor the specified.*$|\s*\bwith (qualifier|device) .*$"
                        r"|\s*\busing .*$", re.I)


def _named_parts(ref: str) -> list[set[str]]:
    """The levels a reference names; at a qualifier ("by type of vehicle") the reader
    chooses, so the reference names the level before it."""
    parts = []
    for raw in re.split(r",|\.\s", ref):
        part = _QUALIFIER.sub("", raw)
        if _words(part):
            parts.append(_words(part))
        if part != raw:
            break
    return parts


def _lands_on_named_term(book: CodeBook, kind: Kind, ref: str, table: str) -> bool:
    """The reader's check: the page opened is the term the reference names, level by
    level (main term first, the last named level is the term landed on); a PCS reference
    to an operation's body system lands inside the table it gives."""
    found = book.resolve_see(kind, ref, table)
    if found is None:
        return False
    store = book.store(found[0])
    assert store is not None
    landed = store.term(found[1])
    assert landed is not None
    chain = [landed]
    while chain[0].parent is not None:
        parent = store.term(chain[0].parent)
        assert parent is not None
        chain.insert(0, parent)
    line = [_words(f"{t.title} {t.nemod} {t.tail}") for t in chain]
    for prefix in ("table of drugs and chemicals", "table of drugs and biologicals",
                   "external cause of injuries index", "neoplasm table"):
        if ref.lower().startswith(prefix):
            ref = ref[len(prefix):].lstrip(" ,")
            if not ref:
                return landed.level == 0
    parts = _named_parts(ref)
    if kind == Kind.PCS_INDEX and table:
        codes = {c for t in store.term_subtree(landed.id) for c in f"{t.code} {t.codes}".split()}
        return parts[0] <= line[0] and any(c.startswith(table) for c in codes)
    first_word = _words(re.split(r"[ ,]", ref.strip())[0])
    if not first_word <= line[0]:
        return False
    if _on_path(parts, line):
        return True
    if kind != Kind.PCS_INDEX and _no_better_place(book, ref, chain):
        return True
    if kind == Kind.PCS_INDEX:  # a body system ("Pheresis, Circulatory") is no subterm
        systems = _body_systems(book)
        kept = [p for p in parts if not any(p <= s for s in systems)] or parts[:1]
        return _on_path(kept, line)
    return False


_LINKING = {"of", "with", "using", "qualifier", "device", "and", "to", "in", "on", "nec", "nos"}


def _full_words(text: str) -> set[str]:
    text = text.lower().replace("(s)", "").replace("'s", "")
    return set(re.findall(r"[a-z0-9]+", text)) - _LINKING


def _no_better_place(book: CodeBook, ref: str, chain: list[IndexTerm]) -> bool:
    """The term named is not in the books: the Drug Table names salts it does not list
    ("Prothiaden, see Dothiepin hydrochloride" beside a "Dothiepin" without subterms).
    Then the right landing is a term whose every word the reference names, with no
    term of the installed indexes (searched line by line, not through the resolver)
    naming more of it.  Whole words here: four-letter stems would make "Fluorine,
    hydrochloride" a better place for "Fluoxetine hydrochloride"."""
    named = _full_words(_QUALIFIER.sub("", ref))
    first = _full_words(re.split(r"[ ,]", ref.strip())[0])
    landed = set().union(*(_full_words(f"{t.title} {t.nemod} {t.tail}") for t in chain))
    if not first or not landed <= named:
        return False
    for kind in book.index_kinds():
        store = book.store(kind)
        if store is None or kind == Kind.PCS_INDEX:
            continue
        for main in store.main_terms():
            if not first <= _full_words(main.title):
                continue
            seen: dict[int, set[str]] = {}
            for t in store.term_subtree(main.id):
                line = _full_words(f"{t.title} {t.nemod} {t.tail}")
                seen[t.id] = line | seen.get(t.parent or -1, set())
                if len(seen[t.id] & named) > len(landed):
                    return False
    return True


def _on_path(parts: list[set[str]], line: list[set[str]]) -> bool:
    """Every word named is on the path (a part may span two levels: "Carbon
    tetrachloride" is Carbon, tetrachloride) and the path ends at the last part."""
    named = set().union(*parts) - {"of", "with", "usin", "qual", "devi", "and"}
    return named <= set().union(*line) and bool(parts[-1] & line[-1])


@functools.cache
def _body_systems(book: CodeBook) -> list[set[str]]:
    tables = book.store(Kind.PCS_TABLES)
    return [_words(t.body_system.labels[0][1])
            for t in (tables.pcs_tables() if tables is not None else [])]


@functools.cache
def _main_titles(book: CodeBook) -> tuple[str, ...]:
    out = []
    for kind in book.index_kinds():
        store = book.store(kind)
        if store is not None and kind != Kind.PCS_INDEX:
            out.extend(t.title.lower() for t in store.main_terms())
    return tuple(out)


def _elsewhere(book: CodeBook, ref: str) -> bool:
    """A reference into a book that is not installed: the ICD-10-CM Index to Diseases
    (CDC's Index XML is not among the files available), named or implied ("Melanoma")."""
    if ref.lower().startswith(("index to disease", "see index")):
        return True
    first = re.split(r"[ ,]", ref.strip())[0].lower()
    return not any(title.startswith(first) for title in _main_titles(book))


def _references(book: CodeBook, kind: Kind) -> list[tuple[str, str]]:
    store = book.store(kind)
    assert store is not None
    out = []
    for main in store.main_terms():
        for t in store.term_subtree(main.id):
            table = next((c for c in t.codes.split() if len(c) == 3), "")
            for ref in filter(None, f"{t.see}\n{t.see_also}".split("\n")):
                if kind != Kind.PCS_INDEX and (_CODE.search(ref) or ref.lower() in _GENERIC):
                    continue  # a code reference is a code link, "condition" no place
                out.append((ref, table if kind == Kind.PCS_INDEX else ""))
    return out


@pytest.mark.parametrize(("kind", "goal"), [
    (Kind.CM_EINDEX, 0.98), (Kind.CM_NEOPLASM, 0.98), (Kind.PCS_INDEX, 0.98),
    (Kind.CM_DRUG, 0.98)])
def test_see_references_land_on_the_named_term(index_book: CodeBook, kind: Kind,
                                               goal: float) -> None:
    everything = _references(index_book, kind)
    refs = [r for r in everything if kind == Kind.PCS_INDEX or not _elsewhere(index_book, r[0])]
    missed = [r for r in refs if not _lands_on_named_term(index_book, kind, *r)]
    landed = len(refs) - len(missed)
    print(f"{kind.value}: {landed}/{len(refs)} see references land on the named term "
          f"({landed}/{len(everything)} counting {len(everything) - len(refs)} into the "
          "Index to Diseases, not installed)")
    assert landed / len(refs) >= goal, missed[:40]
