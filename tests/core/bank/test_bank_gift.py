from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.core.bank.gift import escape, parse_gift, unescape
from readiness.core.bank.importing import NO_FEEDBACK, import_text
from readiness.core.errors import ImportFailed


def sample(fixtures: Path) -> str:
    return (fixtures / "sample.gift").read_text(encoding="utf-8")


def test_sample_questions_and_skips(fixtures: Path) -> None:
    parsed = parse_gift(sample(fixtures), "sample.gift")
    assert [q.where for q in parsed.questions] == [
        "line 6",
        "line 13",
        "line 18",
        "line 25",
        "line 37",
    ]
    assert [(s.where, s.reason) for s in parsed.skipped] == [
        ("line 27", "short-answer questions are not supported"),
        ("line 29", "numerical questions are not supported"),
        ("line 31", "matching questions are not supported"),
        ("line 33", "essay questions are not supported"),
        ("line 35", "a description (no answers) is not a question"),
    ]


def test_single_answer_with_feedback_and_category(fixtures: Path) -> None:
    result = import_text(sample(fixtures), file_name="sample.gift", domain="coding-knowledge")
    first = result.bank.items[0]
    assert first.id == "sample-0001"
    assert first.stem == (
        "A patient with type 2 diabetes has no complications documented. Which code is reported?"
    )
    assert [o.text for o in first.options] == ["E11.9", "E10.9", "E11.65", "E11"]
    assert first.key == (0,)
    assert first.options[0].rationale == 'Right: the "without complications" code is complete.'
    assert first.rationale == "Report the most specific complete code the documentation supports."
    assert first.tags == ("imported", "category:Coding/Diabetes")
    assert first.domain == "coding-knowledge" and first.task == "Imported question"


def test_true_false_feedback_order(fixtures: Path) -> None:
    item = import_text(sample(fixtures), file_name="s.gift", domain="coding-knowledge").bank.items[
        1
    ]
    assert item.stem.startswith("True or false: long-term insulin use")
    assert [o.text for o in item.options] == ["True", "False"]
    assert item.key == (0,)
    # GIFT: first feedback is shown for a wrong answer, the second for a right one
    assert item.options[0].rationale == "Correct: Z79.4 is added for routine insulin use."
    assert item.options[1].rationale == (
        "Z79.4 applies to type 2 patients who use insulin routinely."
    )


def test_weights_html_and_escapes(fixtures: Path) -> None:
    item = import_text(sample(fixtures), file_name="s.gift", domain="provider-queries").bank.items[
        2
    ]
    assert item.kind == "multiple" and item.key == (0, 1)
    assert item.stem == (
        "Which elements belong in a compliant query?\n\n"
        "Note: options may contain symbols such as 50% or {braces} or a=b. (Select two.)"
    )
    assert item.tags == ("imported", "category:Queries")
    assert item.options[2].rationale == "Never mention payment."


def test_missing_word_question(fixtures: Path) -> None:
    item = import_text(sample(fixtures), file_name="s.gift", domain="coding-knowledge").bank.items[
        3
    ]
    assert item.stem == (
        "The sequencing rule for sepsis says the _____ is sequenced first when sepsis is "
        "present on admission."
    )
    assert item.options[1].text == "systemic infection code" and item.key == (1,)
    assert item.options[0].rationale == NO_FEEDBACK


def test_three_options_skipped_with_reason(fixtures: Path) -> None:
    result = import_text(sample(fixtures), file_name="s.gift", domain="coding-knowledge")
    assert len(result.bank.items) == 4
    assert str(result.skipped[-1]) == (
        "line 37 (Three options): a single best answer item has exactly 4 options; "
        "this question has 3"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "\n\nQ one {=a ~b ~c ~d\n",
            "s.gift: line 3: the answers opened with '{' are never closed",
        ),
        ("::Title\nQ {=a ~b}", "s.gift: line 1: the title opened with '::' is never closed"),
        ("Q {=a ~b}\n\nQ two } {=a ~b}", "s.gift: line 3: '}' without an opening '{'"),
        ("Q {=a ~%5x%b ~c ~d}", "s.gift: line 1: bad weight in '%5x%b'"),
        ("Q {=a ~%150%b ~c ~d}", "s.gift: line 1: weight 150% is outside -100..100"),
        ("Q {x =a ~b ~c ~d}", "s.gift: line 1: text 'x' before the first answer"),
        ("Q {=a ~b ~c ~d} and {=x ~y}", "s.gift: line 1: a question has one set of answers"),
        ("Q {=a ~ ~c ~d}", "s.gift: line 1: an answer has no text"),
        ("Q\n{=a\n~b {x}\n~c ~d}", "s.gift: line 3: '{' inside the answers"),
    ],
)
def test_syntax_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(ImportFailed) as info:
        import_text(text, file_name="s.gift", domain="coding-knowledge")
    assert str(info.value).startswith(message), str(info.value)


def test_all_or_nothing_error_after_good_questions(fixtures: Path) -> None:
    broken = sample(fixtures) + "\n\nLast one {=a ~b ~c ~d\n"
    with pytest.raises(ImportFailed, match="line 40: the answers opened"):
        import_text(broken, file_name="s.gift", domain="coding-knowledge")


def test_nothing_importable_is_an_error() -> None:
    with pytest.raises(ImportFailed, match="no question could be imported: line 1"):
        import_text("Q {=a =b}", file_name="s.gift", domain="coding-knowledge")


def test_unescape() -> None:
    assert unescape(r"a\~b\=c\#d\{e\}f\:g\nh\\i") == "a~b=c#d{e}f:g\nh\\i"
    assert unescape("50\\% stays") == "50\\% stays"


def test_select_count_not_repeated_when_stated() -> None:
    text = "Which two apply? {~%50%a ~%50%b ~c ~d}"
    item = import_text(text, file_name="s.gift", domain="coding-knowledge").bank.items[0]
    assert item.stem == "Which two apply?"


def test_three_keys_and_crlf_and_bom() -> None:
    text = "\ufeff// c\r\nPick {~%33.3%a ~%33.3%b ~%33.4%c ~d ~e}\r\n"
    item = import_text(text, file_name="s.gift", domain="coding-knowledge").bank.items[0]
    assert item.key == (0, 1, 2) and item.stem == "Pick (Select three.)"


_gift_text = st.text(
    alphabet=st.sampled_from([*"abcXYZ019 .,;?!'\"()~=#{}:\\%-><$[]/\t", "é", "→"]),
    min_size=1,
    max_size=30,
).filter(
    lambda t: bool(t.split()) and not t.lstrip().startswith(("%", "//", "[", "#")) and "->" not in t
)


@settings(max_examples=60, deadline=None)
@given(
    stem=_gift_text,
    answers=st.lists(
        _gift_text, min_size=4, max_size=4, unique_by=lambda t: " ".join(t.split()).casefold()
    ),
    feedback=_gift_text,
)
def test_escaped_text_survives_a_round_trip(stem: str, answers: list[str], feedback: str) -> None:
    right, *wrong = (escape(a) for a in answers)
    text = (
        f"::{escape(stem)}::{escape(stem)}{{={right}#{escape(feedback)} "
        + " ".join(f"~{w}" for w in wrong)
        + f" ####{escape(feedback)}}}"
    )
    (question,) = parse_gift(text, "p.gift").questions
    tidy = lambda t: " ".join(t.split())  # noqa: E731
    assert question.name == tidy(stem)
    assert question.text == tidy(stem)
    assert [a.text for a in question.answers] == [tidy(a) for a in answers]
    assert question.answers[0].feedback == tidy(feedback)
    assert question.general_feedback == tidy(feedback)


def test_question_right_under_a_category_line_is_kept() -> None:
    text = "$CATEGORY: $course$/top/Inline\n::T::Pick {=a ~b ~c ~d}\n\nNext {=a ~b ~c\n"
    with pytest.raises(ImportFailed, match="line 4"):
        import_text(text, file_name="s.gift", domain="coding-knowledge")
    parsed = parse_gift(text.split("\n\n")[0], "s.gift")
    (question,) = parsed.questions
    assert (question.where, question.name, question.category) == ("line 2", "T", "Inline")
