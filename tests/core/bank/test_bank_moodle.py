from __future__ import annotations

import html
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.core.bank.importing import NO_FEEDBACK, NO_RATIONALE, import_text
from readiness.core.bank.moodle import parse_moodle_xml
from readiness.core.bank.source import html_to_text
from readiness.core.errors import ImportFailed


def sample(fixtures: Path) -> str:
    return (fixtures / "sample-moodle.xml").read_text(encoding="utf-8")


def imported(fixtures: Path):  # type: ignore[no-untyped-def]
    return import_text(sample(fixtures), file_name="sample-moodle.xml", domain="coding-knowledge")


def test_parsed_questions_and_skips(fixtures: Path) -> None:
    parsed = parse_moodle_xml(sample(fixtures), "m.xml")
    assert [(q.where, q.name, q.kind) for q in parsed.questions] == [
        ("question 1", "Sepsis sequencing", "multichoice"),
        ("question 2", "HIPAA code sets", "multichoice"),
        ("question 3", "Query timing", "truefalse"),
        ("question 6", "Five options", "multichoice"),
    ]
    assert [str(s) for s in parsed.skipped] == [
        "question 4 (Dot position): short-answer questions are not supported",
        "question 5 (Reflection): essay questions are not supported",
    ]


def test_single_answer_html_cdata_feedback_tags(fixtures: Path) -> None:
    result = imported(fixtures)
    item = result.bank.items[0]
    assert item.id == "sample-moodle-0001"
    assert item.stem == (
        "A patient is admitted with sepsis due to a urinary tract infection.\n\n"
        "Which code is sequenced first? Codes & descriptions follow the FY2026 tabular."
    )
    assert [o.text for o in item.options] == ["A41.9", "N39.0", "R65.20", "B96.20"]
    assert item.key == (0,)
    assert item.options[0].rationale == "Right: the systemic infection comes first."
    assert item.options[3].rationale == NO_FEEDBACK
    assert item.rationale == (
        "Sepsis present on admission is sequenced before the localized infection."
    )
    assert item.tags == ("imported", "category:Coding/Sepsis", "sepsis", "sequencing")


def test_multiple_response_with_negative_fractions(fixtures: Path) -> None:
    item = imported(fixtures).bank.items[1]
    assert item.kind == "multiple" and item.key == (0, 1)
    assert item.stem == (
        "Which of these are HIPAA-named code sets?\n\n- Think about transactions (Select two.)"
    )
    assert item.options[3].text == "SNOMED CT"
    assert item.rationale == NO_RATIONALE
    assert item.tags == ("imported", "category:Compliance")


def test_true_false(fixtures: Path) -> None:
    item = imported(fixtures).bank.items[2]
    assert [o.text for o in item.options] == ["True", "False"] and item.key == (0,)
    assert item.options[1].rationale == "They are allowed, followed by a rebill if needed."
    assert item.rationale == "Post-bill queries are allowed under a policy."


def test_five_options_skipped(fixtures: Path) -> None:
    result = imported(fixtures)
    assert len(result.bank.items) == 3
    assert str(result.skipped[-1]) == (
        "question 6 (Five options): a single best answer item has exactly 4 options; "
        "this question has 5"
    )


def test_not_well_formed_names_line_and_column() -> None:
    text = '<?xml version="1.0"?>\n<quiz>\n  <question type="truefalse">\n  </quiz>\n'
    with pytest.raises(ImportFailed) as info:
        parse_moodle_xml(text, "m.xml")
    assert str(info.value) == "m.xml: line 4, column 5: not well-formed XML (mismatched tag)"


def test_wrong_root() -> None:
    with pytest.raises(
        ImportFailed, match=r"m\.xml: not a Moodle XML quiz: the top element is <html>"
    ):
        parse_moodle_xml("<html><body/></html>", "m.xml")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("<answer><text>a</text></answer>", "answer 1 has no fraction attribute"),
        ('<answer fraction="lots"><text>a</text></answer>', "answer 1 has fraction 'lots'"),
        ('<answer fraction="150"><text>a</text></answer>', "answer 1 has fraction 150, outside"),
    ],
)
def test_bad_answers_name_the_question(answer: str, message: str) -> None:
    text = (
        '<quiz><question type="multichoice"><name><text>Q1</text></name>'
        f"<questiontext><text>x</text></questiontext>{answer}</question></quiz>"
    )
    with pytest.raises(ImportFailed) as info:
        import_text(text, file_name="m.xml", domain="coding-knowledge")
    assert str(info.value).startswith(f"m.xml: question 1 (Q1): {message}")


def test_html_to_text() -> None:
    assert html_to_text("<p>a&lt;b &amp; c</p><p>d<br>e</p>") == "a<b & c\n\nd\ne"
    assert html_to_text('<p>See <img src="@@PLUGINFILE@@/x.png" alt="ECG strip"></p>') == (
        "See [image not imported: ECG strip]"
    )
    assert html_to_text("<script>alert(1)</script>ok") == "ok"
    assert html_to_text("<table><tr><td>A</td><td>B</td></tr></table>") == "A B"


_plain = st.text(
    alphabet=st.sampled_from([*"abcXYZ019 .,;?!'\"()<>&=#{}:%-/", "é", "→", "\u00a0"]),
    min_size=1,
    max_size=30,
).filter(lambda t: bool(t.split()))


@settings(max_examples=60, deadline=None)
@given(stem=_plain, answers=st.lists(_plain, min_size=4, max_size=4), in_cdata=st.booleans())
def test_html_text_round_trip(stem: str, answers: list[str], in_cdata: bool) -> None:
    def field(text: str) -> str:
        markup = f"<p>{html.escape(text)}</p>"
        body = f"<![CDATA[{markup}]]>" if in_cdata else html.escape(markup)
        return f"<text>{body}</text>"

    xml_answers = "".join(
        f'<answer fraction="{100 if i == 0 else 0}" format="html">{field(a)}</answer>'
        for i, a in enumerate(answers)
    )
    text = (
        '<quiz><question type="multichoice"><name><text>Q</text></name>'
        f'<questiontext format="html">{field(stem)}</questiontext>{xml_answers}</question></quiz>'
    )
    (question,) = parse_moodle_xml(text, "m.xml").questions

    def tidy(t: str) -> str:
        return " ".join(t.replace("\u00a0", " ").split())

    assert question.text == tidy(stem)
    assert [a.text for a in question.answers] == [tidy(a) for a in answers]


def test_checkbox_question_with_one_right_answer_is_single() -> None:
    answers = "".join(
        f'<answer fraction="{f}"><text>{t}</text></answer>'
        for f, t in ((0, "a"), (100, "b"), (0, "c"), (-50, "d"))
    )
    text = (
        '<quiz><question type="multichoice"><name><text>Q</text></name>'
        f"<questiontext><text>Which?</text></questiontext><single>false</single>{answers}"
        "</question></quiz>"
    )
    item = import_text(text, file_name="m.xml", domain="coding-knowledge").bank.items[0]
    assert item.kind == "single" and item.key == (1,) and item.stem == "Which?"
