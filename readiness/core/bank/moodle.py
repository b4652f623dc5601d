"""Read Moodle XML quiz files into :class:`SourceQuestion` records.

What is read (https://docs.moodle.org/en/Moodle_XML_format): ``<quiz>`` with
``<question type="category">`` (the path becomes a tag), ``multichoice``
(``<single>`` true or false, ``<answer fraction="...">`` with ``<feedback>``)
and ``truefalse``; ``<questiontext format="html">`` (usually CDATA) becomes
plain text; ``<generalfeedback>`` becomes the rationale; ``<tags>`` stay tags.
Every other question type is listed as skipped.  A file that is not well-formed
XML fails with its line and column; a malformed question fails naming its
number and name.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from readiness.core.bank.source import (
    ParsedSource,
    Skipped,
    SourceAnswer,
    SourceQuestion,
    clean_category,
    plain_or_html,
)
from readiness.core.errors import ImportFailed

_TYPE_NAMES = {
    "shortanswer": "short-answer",
    "numerical": "numerical",
    "essay": "essay",
    "matching": "matching",
    "multianswer": "embedded answers (cloze)",
    "description": "description",
    "calculated": "calculated",
    "calculatedmulti": "calculated multichoice",
    "calculatedsimple": "simple calculated",
    "ddwtos": "drag and drop into text",
    "ddimageortext": "drag and drop onto image",
    "ddmarker": "drag and drop markers",
    "gapselect": "select missing words",
    "randomsamatch": "random short-answer matching",
    "ordering": "ordering",
}


def _text_of(element: ET.Element | None, default_format: str = "html") -> str:
    """The plain text of a Moodle text field (``<x format="html"><text>...</text></x>``)."""
    if element is None:
        return ""
    fmt = element.get("format", default_format)
    inner = element.find("text")
    raw = inner.text if inner is not None else element.text
    return plain_or_html(raw or "", fmt)


def _flag(element: ET.Element, tag: str, default: bool) -> bool:
    value = (element.findtext(tag) or "").strip().lower()
    if not value:
        return default
    return value in ("true", "1", "yes")


class _MoodleReader:
    def __init__(self, where: str) -> None:
        self.where = where
        self.category = ""
        self.result = ParsedSource()

    def fail(self, label: str, message: str) -> ImportFailed:
        return ImportFailed(f"{label}: {message}", where=self.where)

    def read(self, root: ET.Element) -> None:
        if root.tag != "quiz":
            raise ImportFailed(
                f"not a Moodle XML quiz: the top element is <{root.tag}>, not <quiz>",
                where=self.where,
            )
        number = 0
        for element in root:
            if element.tag != "question":
                continue
            kind = element.get("type", "")
            if kind == "category":
                self.category = clean_category(element.findtext("category/text") or "")
                continue
            number += 1
            name = " ".join((element.findtext("name/text") or "").split())
            label = f"question {number}"
            if kind == "multichoice":
                self.read_multichoice(element, label, name)
            elif kind == "truefalse":
                self.read_truefalse(element, label, name)
            else:
                type_name = _TYPE_NAMES.get(kind, kind or "untyped")
                self.result.skipped.append(
                    Skipped(label, name, f"{type_name} questions are not supported")
                )

    def answers(self, element: ET.Element, label: str, name: str) -> tuple[SourceAnswer, ...]:
        out: list[SourceAnswer] = []
        shown = f"{label} ({name})" if name else label
        for index, answer in enumerate(element.findall("answer"), start=1):
            raw = answer.get("fraction")
            if raw is None:
                raise self.fail(shown, f"answer {index} has no fraction attribute")
            try:
                fraction = float(raw)
            except ValueError:
                raise self.fail(
                    shown, f"answer {index} has fraction {raw!r}, not a number"
                ) from None
            if not -100 <= fraction <= 100:
                raise self.fail(shown, f"answer {index} has fraction {raw}, outside -100..100")
            out.append(
                SourceAnswer(
                    text=_text_of(answer, default_format="html"),
                    fraction=fraction,
                    feedback=_text_of(answer.find("feedback")),
                )
            )
        return tuple(out)

    def _common(self, element: ET.Element) -> dict[str, object]:
        tags = tuple(
            " ".join((t.findtext("text") or "").split()) for t in element.findall("tags/tag")
        )
        return {
            "text": _text_of(element.find("questiontext")),
            "general_feedback": _text_of(element.find("generalfeedback")),
            "category": self.category,
            "tags": tuple(t for t in tags if t),
        }

    def read_multichoice(self, element: ET.Element, label: str, name: str) -> None:
        common = self._common(element)
        self.result.questions.append(
            SourceQuestion(
                where=label,
                name=name,
                kind="multichoice",
                answers=self.answers(element, label, name),
                single=_flag(element, "single", True),
                **common,  # type: ignore[arg-type]
            )
        )

    def read_truefalse(self, element: ET.Element, label: str, name: str) -> None:
        common = self._common(element)
        self.result.questions.append(
            SourceQuestion(
                where=label,
                name=name,
                kind="truefalse",
                answers=self.answers(element, label, name),
                **common,  # type: ignore[arg-type]
            )
        )


def parse_moodle_xml(text: str, where: str) -> ParsedSource:
    """Every question of a Moodle XML file; ImportFailed names the line or question at fault."""
    try:
        root = ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        raise ImportFailed(
            f"line {line}, column {column + 1}: not well-formed XML ({reason})", where=where
        ) from None
    reader = _MoodleReader(where)
    reader.read(root)
    return reader.result
