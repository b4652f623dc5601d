"""Importers: recognition, wrong-file messages, atomic install, zip safety (fixtures)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from cbhelpers import FIXTURES

from readiness.codebook import archive as zip_limits
from readiness.codebook import importer
from readiness.codebook.library import CodeBook
from readiness.codebook.model import Kind
from readiness.core.errors import Cancelled, ImportFailed
from readiness.core.progress import CancelAfter

EXPECTED_KIND = {
    "tabular-mini.xml": Kind.CM_TABULAR,
    "index-mini.xml": Kind.CM_INDEX,
    "eindex-mini.xml": Kind.CM_EINDEX,
    "neoplasm-mini.xml": Kind.CM_NEOPLASM,
    "drug-mini.xml": Kind.CM_DRUG,
    "drug-mini.csv": Kind.CM_DRUG,
    "pcs-tables-mini.xml": Kind.PCS_TABLES,
    "pcs-index-mini.xml": Kind.PCS_INDEX,
    "pcs-definitions-mini.xml": Kind.PCS_DEFINITIONS,
    "cpt-mini.csv": Kind.CPT,
    "icd10pcs_order_2026.txt": Kind.PCS_ORDER,
}


@pytest.mark.parametrize("name", sorted(EXPECTED_KIND))
def test_recognises_each_file(name: str) -> None:
    assert importer.recognise(FIXTURES / name, name).kind is EXPECTED_KIND[name]


def test_wrong_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as err:
        importer.import_file(FIXTURES / "pcs-index-mini.xml", tmp_path, expect=Kind.PCS_TABLES)
    assert str(err.value) == ("pcs-index-mini.xml: this is the ICD-10-PCS Index, "
                              "not the ICD-10-PCS Tables")
    wrong = "this is the ICD-10-CM Neoplasm Table, not the ICD-10-CM Alphabetic Index"
    with pytest.raises(ImportFailed, match=re.escape(wrong)):
        importer.import_file(FIXTURES / "neoplasm-mini.xml", tmp_path, expect=Kind.CM_INDEX)


def test_index_structure(book: CodeBook) -> None:
    idx = book.store(Kind.CM_INDEX)
    assert idx is not None
    assert idx.letters() == ["C", "D", "F", "S"]
    diabetes = idx.find_main_term("Diabetes, diabetic")
    assert diabetes is not None and diabetes.nemod == "(mellitus) (sugar)"
    page = book.index_page(Kind.CM_INDEX, diabetes.id)
    assert page is not None
    assert [(t.level, t.title) for t in page.terms] == [
        (0, "Diabetes, diabetic"), (1, "type 2"), (2, "with"), (3, "hyperglycemia"),
        (1, "gestational")]
    sepsis = idx.find_main_term("Sepsis")
    assert sepsis is not None
    assert sepsis.full_title == "Sepsis (generalized) NEC"
    assert (sepsis.code, sepsis.manif) == ("A41.9", "R65.20")
    # "see" paths resolve to the term they name
    # the main term is "Fracture, traumatic"
    hit = book.resolve_see(Kind.CM_INDEX, "Fracture, femur, neck")
    assert hit is not None and idx.term(hit[1]).path == (  # type: ignore[union-attr]
        "Fracture, traumatic, femur, femoral, neck")
    hit = book.resolve_see(Kind.CM_INDEX, "Fracture, pathological")
    assert hit is not None and idx.term(hit[1]).code == "M84.40"  # type: ignore[union-attr]
    hit = book.resolve_see(Kind.CM_INDEX, "Fracture, traumatic, femur, femoral, neck")
    assert hit is not None and idx.term(hit[1]).path == (  # type: ignore[union-attr]
        "Fracture, traumatic, femur, femoral, neck")
    hit = book.resolve_see(Kind.CM_INDEX, "Diabetes, diabetic, type 2")
    assert hit is not None and idx.term(hit[1]).title == "type 2"  # type: ignore[union-attr]


def test_neoplasm_and_drug_grids(book: CodeBook) -> None:
    neo = book.store(Kind.CM_NEOPLASM)
    assert neo is not None
    assert neo.headings()[2] == "Malignant Primary"
    main = neo.find_main_term("Neoplasm, neoplastic")
    assert main is not None and main.cells == ("C80.1", "C79.9", "D09.9", "D36.9", "D48.9",
                                               "D49.9")
    breast = neo.find_child(main.id, "breast")
    assert breast is not None and breast.cells[0] == "C50.9-"
    drug = book.store(Kind.CM_DRUG)
    assert drug is not None and drug.headings()[7] == "Underdosing"
    acetic = drug.find_main_term("Acetic")
    assert acetic is not None and acetic.has_children and acetic.cells == ()


def test_drug_csv_levels(tmp_path: Path) -> None:
    importer.import_file(FIXTURES / "drug-mini.csv", tmp_path)
    book = CodeBook(tmp_path)
    drug = book.store(Kind.CM_DRUG)
    assert drug is not None
    acet = drug.find_main_term("Acetaldehyde")
    assert acet is not None and acet.nemod == "(vapor)"
    liquid = drug.find_child(acet.id, "liquid")
    assert liquid is not None and liquid.cells[0] == "T65.891"
    acid = drug.find_child(drug.find_main_term("Acetic").id, "acid")  # type: ignore[union-attr]
    assert acid is not None
    ointment = drug.term_children(acid.id)
    assert [(t.level, t.title, t.nemod) for t in ointment] == [
        (2, "with sodium acetate", "(ointment)")]
    assert drug.headings()[1] == "Substance"
    book.close()


def test_pcs_index_links(book: CodeBook) -> None:
    idx = book.store(Kind.PCS_INDEX)
    assert idx is not None
    appendectomy = idx.find_main_term("Appendectomy")
    assert appendectomy is not None
    assert (appendectomy.see, appendectomy.codes) == ("Resection, Appendix", "0DTJ")
    total = idx.find_child(idx.find_main_term("Gastrectomy").id, "Total")  # type: ignore[union-attr]
    assert total is not None and total.codes == "0DT"


def test_malformed_xml_is_a_message(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xml"
    bad.write_text("<ICD10CM.tabular><chapter><name>1</name></chapte></ICD10CM.tabular>")
    with pytest.raises(ImportFailed) as err:
        importer.import_file(bad, tmp_path / "sets")
    assert str(err.value).startswith("broken.xml: the file is not well-formed XML")


def test_failed_import_leaves_existing_sets(tmp_path: Path) -> None:
    sets = tmp_path / "sets"
    importer.import_file(FIXTURES / "tabular-mini.xml", sets)
    before = importer.db_path(sets, Kind.CM_TABULAR).read_bytes()
    # a well-formed start that breaks in the middle of the file
    text = (FIXTURES / "tabular-mini.xml").read_text()
    broken = tmp_path / "icd10cm-tabular-2027.xml"
    broken.write_text(text[: len(text) // 2] + "<diag><name>Q</name></oops>")
    with pytest.raises(ImportFailed, match=re.escape("icd10cm-tabular-2027.xml")):
        importer.import_file(broken, sets)
    assert importer.db_path(sets, Kind.CM_TABULAR).read_bytes() == before
    assert sorted(p.name for p in sets.iterdir()) == ["icd10cm-tabular.sqlite3"]


def test_cancel_leaves_nothing_behind(tmp_path: Path) -> None:
    sets = tmp_path / "sets"
    with pytest.raises(Cancelled):
        importer.import_file(FIXTURES / "pcs-tables-mini.xml", sets, progress=CancelAfter(0))
    assert list(sets.iterdir()) == []


def test_zip_with_several_parts_imports_all(tmp_path: Path) -> None:
    archive = tmp_path / "icd10cm-table-index-2026.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(FIXTURES / "index-mini.xml", "Table and Index/icd10cm-index-2026.xml")
        zf.write(FIXTURES / "neoplasm-mini.xml", "Table and Index/icd10cm-neoplasm-2026.xml")
        zf.writestr("Table and Index/readme.pdf", b"%PDF")
    results = importer.import_file(archive, tmp_path / "sets")
    assert {r.kind for r in results} == {Kind.CM_INDEX, Kind.CM_NEOPLASM}
    book = CodeBook(tmp_path / "sets")
    info = {i.kind: i for i in book.installed()}
    assert info[Kind.CM_INDEX].sources[0].name == archive.name
    assert info[Kind.CM_INDEX].sources[1].name.endswith("icd10cm-index-2026.xml")
    assert len(info[Kind.CM_INDEX].sources[0].sha256) == 64
    book.close()


def test_zip_member_names_never_become_paths(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../escaped.xml", (FIXTURES / "pcs-tables-mini.xml").read_bytes())
        zf.writestr("/abs/escaped2.xml", (FIXTURES / "pcs-index-mini.xml").read_bytes())
    importer.import_file(archive, tmp_path / "sets" / "inner")
    assert not (tmp_path / "escaped.xml").exists()
    assert not (tmp_path / "sets" / "escaped.xml").exists()
    assert not Path("/abs/escaped2.xml").exists()


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("icd10pcs_tables_2026.xml", b"<a>" + b" " * 5_000_000 + b"</a>")
    with pytest.raises(ImportFailed, match=re.escape("bomb.zip: member icd10pcs_tables_2026.xml is "
                                           "compressed suspiciously well")):
        importer.import_file(archive, tmp_path / "sets")


def test_too_many_entries_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zip_limits, "MAX_ZIP_ENTRIES", 3)
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for i in range(5):
            zf.writestr(f"f{i}.xml", b"<a/>")
    with pytest.raises(ImportFailed, match=re.escape("many.zip: the zip has 5 entries")):
        importer.import_file(archive, tmp_path / "sets")


def test_member_size_limit_counts_real_bytes(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zip_limits, "MAX_MEMBER_BYTES", 1000)
    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("icd10pcs_index_2026.xml", b"<a>" + b"x" * 5000 + b"</a>")
    with pytest.raises(ImportFailed, match=re.escape("big.zip: member icd10pcs_index_2026.xml")):
        importer.import_file(archive, tmp_path / "sets")


def test_zip_without_release_files(tmp_path: Path) -> None:
    archive = tmp_path / "icd10cm-Code Descriptions-2026.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("icd10cm-codes-2026.txt", "A000    Cholera\n")
    with pytest.raises(ImportFailed, match=re.escape("holds no ICD-10-CM/PCS XML release file")):
        importer.import_file(archive, tmp_path / "sets")


def test_not_a_zip_or_xml(tmp_path: Path) -> None:
    junk = tmp_path / "notes.pdf"
    junk.write_bytes(b"%PDF-1.6 binary")
    with pytest.raises(ImportFailed, match=re.escape("notes.pdf: this file is neither")):
        importer.import_file(junk, tmp_path / "sets")
    other = tmp_path / "other.xml"
    other.write_text("<catalog><book/></catalog>")
    with pytest.raises(ImportFailed, match=r"root element <catalog>"):
        importer.import_file(other, tmp_path / "sets")


def test_code_list_csv_checks_codes(tmp_path: Path) -> None:
    bad = tmp_path / "my-cpt.csv"
    bad.write_text("code,description\n99213,one\n9921,two\n")
    message = "my-cpt.csv: line 2: '9921' is not a CPT code"
    with pytest.raises(ImportFailed, match=re.escape(message)):
        importer.import_file(bad, tmp_path / "sets")
    hcpcs = tmp_path / "hcpcs.csv"
    hcpcs.write_text("J1885,my words\nA0428,more words\n")
    [res] = importer.import_file(hcpcs, tmp_path / "sets")
    assert res.kind is Kind.HCPCS and res.counts == {"codes": 2}


def test_entity_expansion_bomb_is_refused(tmp_path: Path) -> None:
    lol = ['<!ENTITY a0 "lollollollollollollollollollol">']
    lol += [f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    bomb = tmp_path / "icd10pcs_tables_2026.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE ICD10PCS.tabular [' + "".join(lol)
                    + ']><ICD10PCS.tabular><title>&a9;</title></ICD10PCS.tabular>')
    with pytest.raises(ImportFailed, match=re.escape("icd10pcs_tables_2026.xml: the file is not")):
        importer.import_file(bomb, tmp_path / "sets")
    assert not (tmp_path / "sets").exists() or not any((tmp_path / "sets").iterdir())
