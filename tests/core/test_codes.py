from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readiness.core.codes import format_problem, guess_system, normalize

PCS_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


@pytest.mark.parametrize(
    "text", ["E11.9", "e119", "S72.001A", "I10", " z79.4 ", "O09.523", "U07.1", "U09.9",
             "QA0.0101", "qa08"])  # FY2026's category QA0 has a letter in second place
def test_well_formed_icd10cm(text: str) -> None:
    assert format_problem("icd10cm", text) is None


@pytest.mark.parametrize("text", ["11.9", "E1", "E11.99999", "EE1.9"])
def test_malformed_icd10cm_names_the_shape(text: str) -> None:
    problem = format_problem("icd10cm", text)
    assert problem is not None and "ICD-10-CM" in problem


def test_pcs_rejects_letter_o_and_names_the_position() -> None:
    problem = format_problem("icd10pcs", "0DTJ4OZ")
    assert problem is not None and "character 6" in problem and "letter O" in problem


def test_pcs_wrong_length_is_counted() -> None:
    assert "not 6" in (format_problem("icd10pcs", "0DTJ4Z") or "")


@pytest.mark.parametrize(("system", "text"), [("cpt", "99214"), ("cpt", "0042T"),
                                              ("cpt", "3074F"), ("hcpcs", "J1885")])
def test_cpt_and_hcpcs_shapes(system: str, text: str) -> None:
    assert format_problem(system, text) is None  # type: ignore[arg-type]


def test_guess_system() -> None:
    assert guess_system("0DTJ4ZZ") == "icd10pcs"
    assert guess_system("99214") == "cpt"
    assert guess_system("J1885") == "hcpcs"
    assert guess_system("E11.9") == "icd10cm"
    assert guess_system("QA00101") == "icd10cm"  # not a PCS code: no PCS section Q
    assert guess_system("BW03ZZZ") == "icd10pcs"
    assert guess_system("???") is None


@given(st.text(alphabet=PCS_CHARS, min_size=7, max_size=7))
def test_any_seven_pcs_characters_are_well_formed(code: str) -> None:
    assert format_problem("icd10pcs", code) is None
    assert normalize("icd10pcs", code.lower()) == code


@given(st.from_regex(r"[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?", fullmatch=True))
def test_cm_normalize_is_idempotent_and_dot_insensitive(code: str) -> None:
    once = normalize("icd10cm", code)
    assert normalize("icd10cm", once) == once
    assert normalize("icd10cm", code.replace(".", "")) == once
    assert format_problem("icd10cm", once) is None
