"""ICD-10-PCS checker and code-builder choices on the fixture tables."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from readiness.codebook.library import CodeBook
from readiness.codebook.model import Kind
from readiness.codebook.pcs import expand_rows


def test_valid_code_and_title(book: CodeBook) -> None:
    res = book.pcs_check("0dtj4zz")
    assert res is not None and res.valid and res.bad_position is None
    assert res.title == "Resection of Appendix, Percutaneous Endoscopic Approach"


def test_long_titles_from_the_order_file(book: CodeBook) -> None:
    res = book.pcs_check("0BJ08ZZ")
    assert res is not None and res.title == ("Inspection of Tracheobronchial Tree, Via Natural or "
                                             "Artificial Opening Endoscopic")
    checker = book.pcs_checker()
    assert checker is not None and checker.title("0BJ08ZZ") != res.title  # composed differs
    hits = book.search("inspection tracheobronchial endoscopic")
    assert any(h.kind == "pcstitle" and h.ref == "0BJ08ZZ" for h in hits)


def test_first_invalid_character_is_named(book: CodeBook) -> None:
    cases = {
        "ZDT60ZZ": (1, "character 1 (section) 'Z' does not exist as an ICD-10-PCS section"),
        "0QT60ZZ": (2, "character 2 (body system) 'Q' does not exist in 0 Medical and Surgical"),
        "0DB60ZZ": (3, "character 3 (root operation) 'B' does not exist in 0 Medical and "
                       "Surgical, D Gastrointestinal System"),
        "0DTB0ZZ": (4, "character 4 (body part) 'B' is not valid in table 0DT (Resection, "
                       "Gastrointestinal System); allowed: 6, J, K"),
        "0DTK4ZZ": (5, "character 5 (approach) '4' is not valid in table 0DT (Resection, "
                       "Gastrointestinal System) with body part K (Colon); allowed: 0"),
        "0DT60ZX": (7, "character 7 (qualifier) 'X' is not valid in table 0DT"),
        "0DT6OZZ": (5, "character 5 is the letter O; ICD-10-PCS never uses I or O"),
    }
    for code, (pos, reason) in cases.items():
        res = book.pcs_check(code)
        assert res is not None and not res.valid, code
        assert res.bad_position == pos, (code, res)
        assert res.reason.startswith(reason), (code, res.reason)


def test_partial_code_is_incomplete_not_wrong(book: CodeBook) -> None:
    res = book.pcs_check("0DT6")
    assert res is not None and not res.valid and res.bad_position is None
    assert res.reason == "incomplete: 3 more characters"


def test_choices_follow_the_row(book: CodeBook) -> None:
    checker = book.pcs_checker()
    assert checker is not None
    assert checker.choices("") == [("0", "Medical and Surgical")]
    assert checker.choices("0") == [("B", "Respiratory System"), ("D", "Gastrointestinal System")]
    assert checker.choices("0DT") == [("6", "Stomach"), ("J", "Appendix"), ("K", "Colon")]
    assert checker.choices("0DTK") == [("0", "Open")]  # colon row: open only
    assert checker.choices("0DT6") == [("0", "Open"), ("4", "Percutaneous Endoscopic")]
    assert checker.choices("0DT60ZZ") == []


def test_definitions_for_builder(book: CodeBook) -> None:
    d = book.pcs_definition("0", 3, "resection")
    assert d is not None and d.includes == ("Total nephrectomy, total lobectomy of lung",)
    assert book.pcs_definition("0", 5, "Open") is not None


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=7, max_size=7))
def test_checker_agrees_with_expansion(code: str) -> None:
    book = _book()
    checker = book.pcs_checker()
    assert checker is not None
    valid = {c for p in checker.prefixes for c in expand_rows(checker.table(p))}  # type: ignore[arg-type]
    res = checker.check(code)
    assert res.valid == (code in valid)
    if not res.valid:
        assert res.bad_position is not None
        # every character before the bad one is still a valid partial code
        assert any(v.startswith(code[: res.bad_position - 1]) for v in valid)
        assert not any(v.startswith(code[: res.bad_position]) for v in valid)


def test_choices_build_only_valid_codes(book: CodeBook) -> None:
    checker = book.pcs_checker()
    assert checker is not None

    def walk(partial: str) -> list[str]:
        if len(partial) == 7:
            return [partial]
        return [c for v, _ in checker.choices(partial) for c in walk(partial + v)]

    built = walk("")
    assert sorted(built) == sorted(c for p in checker.prefixes
                                   for c in expand_rows(checker.table(p)))  # type: ignore[arg-type]
    assert all(book.pcs_check(c).valid for c in built)  # type: ignore[union-attr]
    assert book.store(Kind.PCS_TABLES) is not None


_B: list[CodeBook] = []


def _book() -> CodeBook:
    if not _B:
        import tempfile
        from pathlib import Path

        from cbhelpers import build_fixture_book

        _B.append(build_fixture_book(Path(tempfile.mkdtemp()) / "sets"))
    return _B[0]


def test_pcs_code_that_also_looks_like_cm(book: CodeBook) -> None:
    hits = book.search("0BJ08ZZ")
    assert hits[0].ref == "0BJ08ZZ" and hits[0].detail == "ICD-10-PCS code (valid)"
