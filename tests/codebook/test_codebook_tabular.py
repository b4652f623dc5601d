"""ICD-10-CM tabular list: parsing, notes, 7th characters, validator (small fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cbhelpers import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.codebook.cm_tabular import edition_from, parse_tabular, seventh_char_codes
from readiness.codebook.library import CodeBook
from readiness.codebook.model import Kind
from readiness.codebook.validator import CodeBookValidator
from readiness.core.bank.models import CodeRef
from readiness.core.codes import CodeStatus


def test_parser_yields_book_order_with_notes_and_seventh() -> None:
    records = list(parse_tabular(FIXTURES / "tabular-mini.xml", "tabular-mini.xml"))
    keys = [r.entry.key for r in sorted(records, key=lambda r: r.entry.seq)]
    assert keys[:6] == ["chapter:1", "A00-A09", "A00", "A00.0", "A00.9", "A30-A49"]
    by_key = {r.entry.key: r for r in records}
    assert by_key["A00"].entry.kind == "category" and not by_key["A00"].entry.billable
    assert by_key["A33"].entry.billable  # a three-character code with no subdivisions
    s72 = by_key["S72"]
    assert [s.char for s in s72.seventh] == ["A", "B", "", "D", "S"]
    # the note printed under B is a row of its own, not part of B's title
    assert "NOS" not in s72.seventh[1].text and "open fracture NOS" in s72.seventh[2].text
    assert {n.kind for n in s72.notes} == {"notes", "excludes1", "sevenChrNote"}
    leaf = by_key["S72.001"].entry
    assert leaf.needs_seventh and not leaf.billable and leaf.seventh_from == "S72"
    assert by_key["chapter:1"].notes[0].kind == "includes"


def test_edition_text() -> None:
    assert edition_from("2026", "icd10c-tabular-April-1-2026.xml") == (
        "ICD-10-CM FY2026, April 1 2026 update")
    assert edition_from("2025", "icd10cm_tabular_2025.xml") == "ICD-10-CM FY2025"


def test_placeholder_codes() -> None:
    assert seventh_char_codes("W56.01", ["A"]) == ["W56.01XA"]
    assert seventh_char_codes("S72.001", ["A", "D"]) == ["S72.001A", "S72.001D"]
    assert seventh_char_codes("T15", ["A"]) == ["T15.XXXA"]


def test_validator_statuses(book: CodeBook) -> None:
    v = CodeBookValidator(book)

    def status(code: str) -> CodeStatus:
        return v.status(CodeRef("icd10cm", code))

    assert status("S72.001A") is CodeStatus.BILLABLE
    assert status("S72001A") is CodeStatus.BILLABLE
    assert status("S72.001") is CodeStatus.HEADER
    assert status("S72.001Z") is CodeStatus.INVALID  # not a 7th character of S72
    assert status("W56.01XA") is CodeStatus.BILLABLE
    assert status("W56.01A") is CodeStatus.INVALID  # placeholder X missing
    assert status("W56.01") is CodeStatus.HEADER
    assert status("E11.9") is CodeStatus.BILLABLE
    assert status("E11") is CodeStatus.HEADER
    assert status("A33") is CodeStatus.BILLABLE
    assert status("U07.1") is CodeStatus.BILLABLE
    assert status("E11.99") is CodeStatus.INVALID
    assert status("not a code") is CodeStatus.INVALID
    assert v.edition("icd10cm") == "ICD-10-CM FY2026"  # the fixture name has no date
    assert v.status(CodeRef("icd10pcs", "0DT60ZZ")) is CodeStatus.BILLABLE
    assert v.status(CodeRef("icd10pcs", "0DT68ZZ")) is CodeStatus.INVALID
    assert v.status(CodeRef("cpt", "99213")) is CodeStatus.BILLABLE
    assert v.status(CodeRef("cpt", "99215")) is CodeStatus.INVALID
    assert v.status(CodeRef("hcpcs", "J1885")) is CodeStatus.UNAVAILABLE


def test_unavailable_without_code_sets(tmp_path: Path) -> None:
    v = CodeBookValidator(CodeBook(tmp_path / "none"))
    assert v.status(CodeRef("icd10cm", "E11.9")) is CodeStatus.UNAVAILABLE
    assert v.status(CodeRef("icd10pcs", "0DT60ZZ")) is CodeStatus.UNAVAILABLE
    assert v.edition("icd10pcs") is None


def test_resolve_seventh_title(book: CodeBook) -> None:
    r = book.cm_resolve("s72001a")
    assert r is not None and r.code == "S72.001A" and r.entry.key == "S72.001"
    assert r.title == ("Fracture of unspecified part of neck of right femur, "
                       "initial encounter for closed fracture")


def test_tabular_page_shows_category_with_notes(book: CodeBook) -> None:
    page = book.cm_page("S72.001A")
    assert page is not None
    assert page.focus == "S72.001A"
    assert [e.key for e in page.trail] == ["chapter:19", "S70-S79"]
    assert [e.key for e in page.entries][:3] == ["S72", "S72.0", "S72.00"]
    assert page.seventh["S72"][0].char == "A"
    kinds = [n.kind for n in page.notes["S72"]]
    assert "excludes1" in kinds
    chapter = book.cm_page("chapter:1")
    assert chapter is not None and [e.key for e in chapter.entries] == [
        "chapter:1", "A00-A09", "A30-A49"]


def test_search_codes_and_words(book: CodeBook) -> None:
    hits = book.search("S7200")
    assert hits[0].ref == "S72.00"
    assert book.search("S72.001A")[0].ref == "S72.001A"
    words = book.search("fract fem")
    assert words, "prefix words find titles"
    assert any(h.source is Kind.CM_INDEX for h in words)
    top = book.search("cholera")
    assert top[0].text.lower().startswith("cholera")
    assert top[0].spans and top[0].text[top[0].spans[0][0]:top[0].spans[0][1]].lower() == "cholera"
    assert any(h.kind == "inclusion" and h.ref == "A41.9" for h in book.search("septicemia"))
    assert book.search("0DT")[0].ref == "0DT"
    assert book.search("9921")[0].ref == "99213"


def test_default_build_reused_and_an_upgraded_source_refused(tmp_path: Path,
                                                             monkeypatch) -> None:
    """The bundled file is built once and reused; a changed one (a package upgrade) is
    refused by its checksum and the installed book kept, never silently swapped."""
    from readiness.codebook import importer
    from readiness.core.errors import UserError

    src = tmp_path / "icd10c-tabular-April-1-2026.xml"
    src.write_bytes((FIXTURES / "tabular-mini.xml").read_bytes())
    monkeypatch.setattr(importer, "bundled_tabular", lambda: src)
    monkeypatch.setattr(importer, "BUNDLED_TABULAR_SHA256", importer.sha256_file(src))
    folder = tmp_path / "sets"
    book = CodeBook(folder)
    assert book.needs_default_build()
    book.build_default()
    book.reload()
    assert not book.needs_default_build()
    assert book.edition(Kind.CM_TABULAR) == "ICD-10-CM FY2026, April 1 2026 update"
    src.write_bytes(src.read_bytes().replace(b"Cholera</desc>", b"Cholera!</desc>"))
    assert book.needs_default_build()
    with pytest.raises(UserError, match="not the file this version"):
        book.build_default()
    book.reload()
    assert book.cm_resolve("A00").title == "Cholera"  # type: ignore[union-attr]
    book.close()


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_search_never_fails(text: str) -> None:
    # One shared read-only book for the property (built lazily once per process).
    book = _shared_book()
    hits = book.search(text)
    for h in hits:
        for a, b in h.spans:
            assert 0 <= a <= b <= len(h.text)


_BOOK: list[CodeBook] = []


def _shared_book() -> CodeBook:
    if not _BOOK:
        import tempfile

        from cbhelpers import build_fixture_book

        _BOOK.append(build_fixture_book(Path(tempfile.mkdtemp()) / "sets"))
    return _BOOK[0]


def test_render_links_codes_and_joins_code_first() -> None:
    from readiness.codebook.model import Note
    from readiness.codebook.render import Theme, linkify_codes, tabular_html

    html = linkify_codes("resistance to antimicrobial drugs (Z16.-) and (P35-P39), A1C")
    assert '<a href="cm:Z16">Z16.-</a>' in html
    assert '<a href="cm:P35">P35</a>-<a href="cm:P39">P39</a>' in html
    only_real = linkify_codes("hemoglobin A1C (R73.9)", exists=lambda c: c == "R73.9")
    assert "A1C" in only_real and 'href="cm:A1C"' not in only_real
    assert '<a href="cm:R73.9">R73.9</a>' in only_real
    from readiness.codebook.model import TabularEntry

    a41 = TabularEntry("A41", "category", "Other sepsis", "A30-A49", 2, False, False, None, 1)
    out = tabular_html([], [a41], {"A41": [Note("codeFirst", ", if applicable, postprocedural "
                                                            "sepsis (T81.44-)")]}, {}, "A41",
                       "", Theme())
    assert 'Code first</span>, if applicable, postprocedural sepsis (<a href="cm:T81.44">' \
           "T81.44-</a>)" in out


def test_missing_placeholder_is_suggested_not_accepted(book: CodeBook) -> None:
    hits = book.search("W5601A")
    assert hits[0].ref == "W56.01XA"
    assert hits[0].detail == "placeholder X added: W56.01A is not a valid code"
    assert book.cm_status("W56.01A") is CodeStatus.INVALID


def test_not_a_code_points_to_its_heading(book: CodeBook) -> None:
    [hit] = book.search("E11.99")
    assert hit.ref == "E11.9"
    assert hit.detail == "E11.99 is not in ICD-10-CM; the nearest heading is E11.9"
    bad = book.search("0DTK4ZZ")[0]
    assert bad.text == "0DTK4ZZ is not a valid ICD-10-PCS code"
    assert bad.detail.startswith("Character 5 (approach) '4' is not valid")


def test_wrong_seventh_character_is_named(book: CodeBook) -> None:
    [hit] = book.search("S72.001Z")
    assert hit.ref == "S72.001"
    assert hit.detail == "S72.001Z is not in ICD-10-CM: 7th character Z is not valid for S72.001"


def test_see_references_render_by_kind() -> None:
    from readiness.codebook.render import _see

    assert _see("see", "condition", Kind.CM_INDEX, None) == "<i>see condition</i>"
    linked = _see("see", "W00-X58 with 7th character S", Kind.CM_EINDEX, None)
    assert linked.startswith("<i>see</i> <a href=\"cm:W00\">W00</a>-<a href=\"cm:X58\">X58</a>")
    term = _see("see also", "Fracture, pathological", Kind.CM_INDEX, None)
    assert term == ('<i>see also</i> <a href="see:icd10cm-index:Fracture%2C%20pathological">'
                    "Fracture, pathological</a>")
