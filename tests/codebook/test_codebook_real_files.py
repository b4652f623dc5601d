"""The importers on the official CMS/CDC files in ../shared/data/cms (skipped when absent).

Counts asserted here are the ones PROVENANCE.md gives for each file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from cbhelpers import SHARED, shared_file

from readiness.codebook import importer
from readiness.codebook.cm_tabular import seventh_char_codes
from readiness.codebook.library import CodeBook
from readiness.codebook.model import Kind
from readiness.codebook.pcs import expand_rows
from readiness.codebook.validator import CodeBookValidator
from readiness.core.bank.models import CodeRef
from readiness.core.codes import CodeStatus

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pcs_book(tmp_path_factory: pytest.TempPathFactory) -> CodeBook:
    tmp = tmp_path_factory.mktemp("pcs")
    sets = tmp / "sets"
    for rel in ("icd10pcs/icd10pcs_tables_2026.xml.xz", "icd10pcs/icd10pcs_definitions_2026.xml.xz",
                "icd10pcs/icd10pcs_index_2025.xml.xz"):
        importer.import_file(shared_file(rel, tmp), sets)
    book = CodeBook(sets)
    yield book
    book.close()


def test_full_cm_tabular_counts(full_cm: CodeBookValidator) -> None:
    tab = full_cm.book.tabular
    assert tab is not None
    info = tab.info
    assert info.edition == "ICD-10-CM FY2026, April 1 2026 update"
    assert info.sources[0].name == "icd10c-tabular-April-1-2026.xml"
    assert info.sources[0].sha256 == (
        "f161f8182aff3ce3a2a78e202f8259c08eaee2c670a9e45b0072445c52302935")
    assert (info.counts["chapters"], info.counts["blocks"], info.counts["codes"]) == (
        22, 297, 46881)
    assert info.counts["billable"] == 74719  # CDC's FY2026 count of reportable codes
    leaves = [e for e in tab.iter_entries() if e.is_code and (e.billable or e.needs_seventh)]
    assert len(leaves) == 36343


def test_full_cm_billable_set_matches_cdc_code_file(full_cm: CodeBookValidator,
                                                    tmp_path: Path) -> None:
    archive = SHARED / "icd10cm" / "icd10cm-code-descriptions-2026.zip"
    if not archive.exists():
        pytest.skip("CDC code descriptions zip not available")
    with zipfile.ZipFile(archive) as zf:
        text = zf.read("icd10cm-codes-2026.txt").decode("latin-1")
    official = {line.split()[0] for line in text.splitlines() if line.strip()}
    assert len(official) == 74719
    tab = full_cm.book.tabular
    assert tab is not None
    ours: set[str] = set()
    for e in tab.iter_entries():
        if e.billable:
            ours.add(e.key.replace(".", ""))
        elif e.needs_seventh and e.seventh_from:
            chars = [s.char for s in full_cm.book.seventh_for(e)]
            ours.update(c.replace(".", "") for c in seventh_char_codes(e.key, chars))
    assert ours == official


@pytest.mark.parametrize(("code", "status"), [
    ("S72.001A", CodeStatus.BILLABLE), ("S72.001", CodeStatus.HEADER),
    ("T36.0X1A", CodeStatus.BILLABLE), ("T36.0X1", CodeStatus.HEADER),
    ("W56.01XA", CodeStatus.BILLABLE), ("E11.9", CodeStatus.BILLABLE),
    ("I10", CodeStatus.BILLABLE), ("J44.1", CodeStatus.BILLABLE), ("J96.01", CodeStatus.BILLABLE),
    ("A41.9", CodeStatus.BILLABLE), ("E11", CodeStatus.HEADER), ("U07.1", CodeStatus.BILLABLE),
    ("O80", CodeStatus.BILLABLE), ("Z38.00", CodeStatus.BILLABLE), ("E11.999", CodeStatus.INVALID),
    ("M80.08XA", CodeStatus.BILLABLE), ("S06.307A", CodeStatus.BILLABLE),
    ("S06.307D", CodeStatus.INVALID), ("S06.306D", CodeStatus.BILLABLE),
])
def test_known_cm_codes(full_cm: CodeBookValidator, code: str, status: CodeStatus) -> None:
    assert full_cm.status(CodeRef("icd10cm", code)) is status


def test_full_cm_notes_present(full_cm: CodeBookValidator) -> None:
    tab = full_cm.book.tabular
    assert tab is not None
    rows = {}
    for kind in ("inclusionTerm", "excludes1", "excludes2", "codeFirst", "useAdditionalCode",
                 "codeAlso"):
        rows[kind] = tab.conn.execute(  # reading counts directly keeps the test independent
            "SELECT COUNT(DISTINCT key) FROM note WHERE kind = ?", (kind,)).fetchone()[0]
    # headings carrying each note (PROVENANCE counts elements: 844 useAdditionalCode and 320
    # codeAlso elements, of which 38 and 1 are a second such element on the same heading)
    assert rows == {"inclusionTerm": 6809, "excludes1": 2644, "excludes2": 1165,
                    "codeFirst": 363, "useAdditionalCode": 844 - 38, "codeAlso": 320 - 1}
    assert len([s for s in tab.seventh("S72") if s.char]) == 16  # (and notes under them)


def test_pcs_tables_counts_and_order_file(pcs_book: CodeBook) -> None:
    s = pcs_book.store(Kind.PCS_TABLES)
    assert s is not None
    assert s.info.counts == {"tables": 914, "rows": 2733, "codes": 79115}
    assert s.edition == "ICD-10-PCS FY2026"
    codes = {c for t in s.pcs_tables() for c in expand_rows(t)}
    assert len(codes) == 79115
    archive = SHARED / "icd10pcs" / "2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip"
    if archive.exists():
        with zipfile.ZipFile(archive) as zf:
            text = zf.read("icd10pcs_order_2026.txt").decode("latin-1")
        official = {line[6:13].strip() for line in text.splitlines() if line[14:15] == "1"}
        assert codes == official


@pytest.mark.parametrize("code", ["0DTJ4ZZ", "0BJ08ZZ", "02703DZ", "0SRC0J9", "3E0336Z",
                                  "10D00Z1", "5A1955Z", "B2111ZZ"])
def test_known_pcs_codes_valid(pcs_book: CodeBook, code: str) -> None:
    res = pcs_book.pcs_check(code)
    assert res is not None and res.valid, res


def test_pcs_invalid_names_position(pcs_book: CodeBook) -> None:
    res = pcs_book.pcs_check("0DTJ4ZY")
    assert res is not None and not res.valid and res.bad_position == 7
    res = pcs_book.pcs_check("0DT5")  # partial: the esophagus is resectable
    assert res is not None and res.bad_position is None


def test_pcs_definitions(pcs_book: CodeBook) -> None:
    s = pcs_book.store(Kind.PCS_DEFINITIONS)
    assert s is not None
    sections = {r[0] for r in s.conn.execute("SELECT DISTINCT section FROM pcs_def")}
    assert len(sections) == 16
    d = pcs_book.pcs_definition("0", 3, "Resection")
    assert d is not None and d.definition.startswith("Cutting out or off, without replacement")
    approach = pcs_book.pcs_definition("0", 5, "Percutaneous Endoscopic")
    assert approach is not None and "visualize" in approach.definition


def test_pcs_index_counts_and_paths(pcs_book: CodeBook) -> None:
    s = pcs_book.store(Kind.PCS_INDEX)
    assert s is not None
    assert s.term_count(0) == 3215
    assert s.term_count() == 3215 + 21269
    assert s.edition == "ICD-10-PCS FY2025"
    codes = {c for (c,) in s.conn.execute("SELECT code FROM term WHERE code != ''")}
    assert len(codes) > 2000
    acet = s.find_main_term("Acetabulectomy")
    assert acet is not None
    kids = s.term_children(acet.id)
    assert [(k.see, k.codes) for k in kids] == [("Excision, Lower Bones", "0QB"),
                                                ("Resection, Lower Bones", "0QT")]
    hit = pcs_book.resolve_see(Kind.PCS_INDEX, "Resection, Uterus")
    assert hit is not None


def test_cm_external_cause_index(tmp_path: Path) -> None:
    path = shared_file("fallback-older/icd10cm-eindex-April-2024.xml.xz", tmp_path)
    [res] = importer.import_file(path, tmp_path / "sets", expect=Kind.CM_EINDEX)
    assert res.counts == {"main_terms": 314, "terms": 314 + 7746}
    assert res.edition == "ICD-10-CM FY2024, April 2024 update"
    book = CodeBook(tmp_path / "sets")
    s = book.store(Kind.CM_EINDEX)
    assert s is not None
    acc = s.find_main_term("Accident")
    assert acc is not None and acc.nemod == "(to)" and acc.code == "X58"
    hit = book.resolve_see(Kind.CM_EINDEX, "Accident, transport, aircraft")
    assert hit is not None
    assert s.term(hit[1]).path == "Accident, transport, aircraft NEC"  # type: ignore[union-attr]
    # references to other books (not installed here) and to code ranges are not term paths
    sees = [t for t in _all_terms(s) if t.see and not re.search(r"[A-Z][0-9][0-9]", t.see)
            and not t.see.startswith(("Table of Drugs", "Index to Diseases"))]
    resolved = sum(1 for t in sees if book.resolve_see(Kind.CM_EINDEX, t.see) is not None)
    assert resolved / len(sees) > 0.97, (resolved, len(sees))
    lightning = s.find_main_term("Lightning")
    assert lightning is not None and lightning.subcat == "T75.0"
    book.close()


def _all_terms(s):  # type: ignore[no-untyped-def]
    out = []
    for main in s.main_terms():
        out.extend(s.term_subtree(main.id))
    return out


def test_cm_neoplasm_table(tmp_path: Path) -> None:
    path = shared_file("fallback-older/icd10cm-neoplasm-April-2024.xml.xz", tmp_path)
    [res] = importer.import_file(path, tmp_path / "sets", expect=Kind.CM_NEOPLASM)
    assert res.counts == {"main_terms": 1, "terms": 1 + 1938}
    book = CodeBook(tmp_path / "sets")
    s = book.store(Kind.CM_NEOPLASM)
    assert s is not None
    cells = sum(1 for (c,) in s.conn.execute("SELECT cells FROM term")
                for v in re.findall(r'"([^"]*)"', c) if v != "")
    assert cells == 10916
    main = s.find_main_term("Neoplasm, neoplastic")
    assert main is not None
    abdomen = s.find_child(main.id, "abdomen, abdominal")
    assert abdomen is not None and abdomen.cells[:2] == ("C76.2", "C79.8-")
    book.close()


def test_cm_drug_table_xml_and_csv(tmp_path: Path) -> None:
    path = shared_file("fallback-older/icd10cm_drug_2023.xml.xz", tmp_path)
    [res] = importer.import_file(path, tmp_path / "xml", expect=Kind.CM_DRUG)
    assert res.counts == {"main_terms": 5175, "terms": 5175 + 2248}
    csv_path = shared_file("icd10cm/icd10cm-drug-April-2025.csv", tmp_path)
    [res] = importer.import_file(csv_path, tmp_path / "csv", expect=Kind.CM_DRUG)
    assert res.counts["terms"] == 7406 - 2 - 2  # title, headings, and their 2 repeats
    book = CodeBook(tmp_path / "csv")
    s = book.store(Kind.CM_DRUG)
    assert s is not None
    acetic = s.find_main_term("Acetic")
    acid = s.find_child(acetic.id, "acid")  # type: ignore[union-attr]
    assert acid is not None and acid.cells[0] == "T54.2X1"
    book.close()


def test_official_zips_without_xml_are_refused(tmp_path: Path) -> None:
    for rel in ("icd10cm/icd10cm-code-descriptions-2026.zip",):
        path = shared_file(rel, tmp_path)
        with pytest.raises(Exception, match="holds no ICD-10-CM/PCS XML release file"):
            importer.import_file(path, tmp_path / "sets")


def test_real_tabular_import_and_wrong_kind(tmp_path: Path) -> None:
    path = shared_file("icd10pcs/icd10pcs_index_2025.xml.xz", tmp_path)
    with pytest.raises(Exception, match="this is the ICD-10-PCS Index, not the ICD-10-PCS Tables"):
        importer.import_file(path, tmp_path / "sets", expect=Kind.PCS_TABLES)
    assert not (tmp_path / "sets").exists() or not any((tmp_path / "sets").iterdir())


def test_cms_hcpcs_annual_file(tmp_path: Path) -> None:
    path = shared_file("hcpcs/2019-Alpha-Numeric-HCPCS-File.zip", tmp_path)
    [res] = importer.import_file(path, tmp_path / "sets", expect=Kind.HCPCS)
    assert res.counts == {"codes": 6440}
    assert res.edition == "HCPCS Level II 2019 (CMS annual file)"
    book = CodeBook(tmp_path / "sets")
    v = CodeBookValidator(book)
    assert v.status(CodeRef("hcpcs", "J1885")) is CodeStatus.BILLABLE
    assert v.status(CodeRef("hcpcs", "A0428")) is CodeStatus.BILLABLE
    assert v.status(CodeRef("hcpcs", "Z9999")) is CodeStatus.INVALID
    s = book.store(Kind.HCPCS)
    assert s is not None
    j1885 = s.entry("J1885")
    assert j1885 is not None and j1885.title == "Injection, ketorolac tromethamine, per 15 mg"
    a0080 = s.entry("A0080")  # a long description on two records
    assert a0080 is not None
    assert a0080.title.endswith("(individual or organization), with no vested interest")
    book.close()


def test_pcs_order_file_gives_official_long_titles(pcs_book: CodeBook, tmp_path: Path) -> None:
    path = shared_file("icd10pcs/2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip",
                       tmp_path)
    [res] = importer.import_file(path, pcs_book.dir, expect=Kind.PCS_ORDER)
    assert res.counts == {"codes": 79115, "headers": 914}
    pcs_book.reload()
    check = pcs_book.pcs_check("0016070")
    assert check is not None and check.title == (
        "Bypass Cerebral Ventricle to Nasopharynx with Autologous Tissue Substitute, "
        "Open Approach")
    assert pcs_book.search("0DB68ZX")[0].text == (
        "0DB68ZX Excision of Stomach, Via Natural or Artificial Opening Endoscopic, Diagnostic")
    pcs_book.remove(Kind.PCS_ORDER)
