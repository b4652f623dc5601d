import pytest
from hypothesis import given
from hypothesis import strategies as st

from readiness.core.checklist.names import NameIssue, compare_names, strip_marks, tidy


@pytest.mark.parametrize("att, on_id, kinds", [
    ("Mary-Jane Smith", "Mary Jane Smith", {NameIssue.HYPHEN_SPACE}),
    ("Ana Garcia-Lopez", "Ana Garcia Lopez", {NameIssue.HYPHEN_SPACE}),
    ("Ana McDonald", "Ana Mc Donald", {NameIssue.HYPHEN_SPACE}),
    ("John Paul Smith", "John P. Smith", {NameIssue.INITIAL}),
    ("John P Smith", "John Paul Smith", {NameIssue.INITIAL}),
    ("John Paul Smith", "John Smith", {NameIssue.MIDDLE_MISSING}),
    ("John Smith", "John Paul Smith", {NameIssue.MIDDLE_MISSING}),
    ("John Smith Jr.", "John Smith", {NameIssue.SUFFIX}),
    ("John Smith III", "John Smith II", {NameIssue.SUFFIX}),
    ("John Smith Jr.", "John Smith Jr", {NameIssue.PUNCTUATION}),
    ("Sean O'Neil", "Sean ONeil", {NameIssue.PUNCTUATION}),
    ("José García", "Jose Garcia", {NameIssue.ACCENT}),
    ("Zoë Brontë", "Zoe Bronte", {NameIssue.ACCENT}),
    ("JOHN SMITH", "John Smith", {NameIssue.CASE}),
    ("JOSÉ Smith", "José Smith", {NameIssue.CASE}),
    ("JOSE Smith", "José Smith", {NameIssue.CASE, NameIssue.ACCENT}),
    ("Jon Smith", "John Smith", {NameIssue.TYPO}),
    ("Katherine Smith", "Kathrine Smith", {NameIssue.TYPO}),
    ("Ana Garcia-Lopez", "Ana Garcia", {NameIssue.PART_MISSING}),
    ("Smith John", "John Smith", {NameIssue.ORDER}),
    ("Ana Lee", "Ana Kowalczyk", {NameIssue.DIFFERENT}),
    ("", "Ana Lee", {NameIssue.EMPTY}),
])
def test_classification(att, on_id, kinds):
    check = compare_names(att, on_id)
    assert not check.matches
    assert check.kinds == kinds
    assert all(m.advice for m in check.mismatches)


def test_exact_match_and_typing_slips():
    assert compare_names("María  de la Cruz ", " María de la Cruz").matches
    # NFC and NFD spellings of the same accented name are the same name.
    assert compare_names("Jos\u00e9 Ruiz", "Jose\u0301 Ruiz").matches


def test_segments_highlight_each_character():
    check = compare_names("Mary-Jane Smith", "Mary Jane Smyth")
    ops = [(s.op, s.expected, s.found) for s in check.segments if s.op != "equal"]
    assert ("replace", "-", " ") in ops
    assert ("replace", "i", "y") in ops
    assert "Hyphen or space" in check.mismatches[0].describe()


def test_describe_names_both_sides():
    (m,) = compare_names("John Smith Jr.", "John Smith").mismatches
    assert m.describe() == "Suffix: ATT has 'Jr.', ID has nothing"


names = st.text(alphabet=st.sampled_from(list("abcAB éÉ-.'ñ")), max_size=20)


@given(names)
def test_name_matches_itself(name):
    check = compare_names(name, name)
    assert check.matches == bool(tidy(name))


@given(names, names)
def test_segments_rebuild_both_names_and_mismatch_iff_different(a, b):
    check = compare_names(a, b)
    assert "".join(s.expected for s in check.segments) == tidy(a)
    assert "".join(s.found for s in check.segments) == tidy(b)
    if tidy(a) and tidy(b):
        assert check.matches == (tidy(a) == tidy(b))


def test_strip_marks():
    assert strip_marks("Ñúñez") == "Nunez"
