"""Read Moodle's GIFT text format into :class:`SourceQuestion` records.

What is read (https://docs.moodle.org/en/GIFT_format):

- questions separated by blank lines; ``//`` comment lines; ``$CATEGORY: path``;
- an optional title ``::Title::`` and text format ``[html]``, ``[moodle]``,
  ``[plain]``, ``[markdown]`` (HTML becomes plain text);
- multiple choice ``{=right ~wrong}``, weights ``~%50%``, ``~%-100%``, per-answer
  feedback ``#...``, general feedback ``####...``, and the "missing word" form
  where text follows the closing brace (the blank becomes ``_____``);
- true/false ``{T}``, ``{FALSE}``, with feedback ``{T#shown if wrong#shown if right}``;
- the escapes ``\\~ \\= \\# \\{ \\} \\:`` and ``\\n`` for a new line.

Short answer, numerical, matching, essay and description questions are
listed as skipped.  Syntax errors raise ImportFailed with the line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from readiness.core.bank.source import (
    ParsedSource,
    Skipped,
    SourceAnswer,
    SourceQuestion,
    clean_category,
    html_to_text,
    tidy_text,
)
from readiness.core.errors import ImportFailed

_ESCAPABLE = "~=#{}:\\"
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d+)?)%")
_TRUE_FALSE = re.compile(r"^(TRUE|FALSE|T|F)$", re.IGNORECASE)


@dataclass
class _Block:
    text: str
    first_line: int
    line_starts: list[int]  # offset in text -> line via bisect

    def line_of(self, offset: int) -> int:
        line = self.first_line
        for start in self.line_starts[1:]:
            if start > offset:
                break
            line += 1
        return line


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    lines: list[str] = []
    first = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("//"):
            continue
        if not stripped:
            if lines:
                blocks.append(_make_block(lines, first))
                lines = []
            continue
        if not lines:
            first = number
        lines.append(raw)
    if lines:
        blocks.append(_make_block(lines, first))
    return blocks


def _make_block(lines: list[str], first: int) -> _Block:
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return _Block("\n".join(lines), first, starts)


def find_unescaped(text: str, targets: str, start: int = 0) -> int:
    """Index of the first character of ``targets`` not preceded by a backslash escape, or -1."""
    i = start
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char in targets:
            return i
        i += 1
    return -1


def _find_unescaped_str(text: str, needle: str, start: int = 0) -> int:
    i = start
    while i <= len(text) - len(needle):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(needle, i):
            return i
        i += 1
    return -1


def unescape(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == "n":
                out.append("\n")
                i += 2
                continue
            if nxt in _ESCAPABLE:
                out.append(nxt)
                i += 2
                continue
        out.append(char)
        i += 1
    return "".join(out)


def escape(text: str) -> str:
    """GIFT text for ``text``: the special characters escaped, new lines as ``\\n``."""
    out = []
    for char in text:
        if char in _ESCAPABLE:
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        else:
            out.append(char)
    return "".join(out)


def _split_unescaped(text: str, markers: str) -> list[tuple[str, str]]:
    """Split on unescaped marker characters: [(marker, text after it), ...]."""
    parts: list[tuple[str, str]] = []
    i = find_unescaped(text, markers)
    lead = text if i < 0 else text[:i]
    if lead.strip():
        parts.append(("", lead))
    while i >= 0:
        j = find_unescaped(text, markers, i + 1)
        parts.append((text[i], text[i + 1 : j if j >= 0 else len(text)]))
        i = j
    return parts


def _as_text(raw: str, fmt: str) -> str:
    value = unescape(raw)
    return html_to_text(value) if fmt == "html" else tidy_text(value)


class _GiftReader:
    def __init__(self, where: str) -> None:
        self.where = where
        self.category = ""
        self.result = ParsedSource()

    def fail(self, block: _Block, offset: int, message: str) -> ImportFailed:
        return ImportFailed(f"line {block.line_of(offset)}: {message}", where=self.where)

    def read_block(self, block: _Block) -> None:
        text = block.text
        head = text.lstrip()
        if head.startswith("$CATEGORY:"):
            first, *rest = text.split("\n")
            self.category = clean_category(first.strip()[len("$CATEGORY:") :])
            if rest:  # a question right under the category line, without a blank line
                self.read_block(_make_block(rest, block.first_line + 1))
            return
        pos = 0
        name = ""
        lead = len(text) - len(head)
        if head.startswith("::"):
            end = _find_unescaped_str(text, "::", lead + 2)
            if end < 0:
                raise self.fail(block, lead, "the title opened with '::' is never closed with '::'")
            name = tidy_text(unescape(text[lead + 2 : end]))
            pos = end + 2
        fmt = "moodle"
        match = re.match(r"\s*\[(html|moodle|plain|markdown)\]", text[pos:])
        if match:
            fmt = match.group(1)
            pos += match.end()
        where = f"line {block.first_line}"
        opening = find_unescaped(text, "{", pos)
        closing_first = find_unescaped(text, "}", pos)
        if closing_first >= 0 and (opening < 0 or closing_first < opening):
            raise self.fail(
                block, closing_first, "'}' without an opening '{' (write \\} for a brace)"
            )
        if opening < 0:
            self.result.skipped.append(
                Skipped(where, name, "a description (no answers) is not a question")
            )
            return
        closing = find_unescaped(text, "}", opening + 1)
        if closing < 0:
            raise self.fail(block, opening, "the answers opened with '{' are never closed with '}'")
        nested = find_unescaped(text, "{", opening + 1)
        if 0 <= nested < closing:
            raise self.fail(block, nested, "'{' inside the answers (write \\{ for a brace)")
        after = text[closing + 1 :]
        extra = find_unescaped(after, "{}")
        if extra >= 0:
            raise self.fail(
                block, closing + 1 + extra, "a question has one set of answers in braces"
            )
        before_text = _as_text(text[pos:opening], fmt)
        after_text = _as_text(after, fmt)
        stem = f"{before_text} _____ {after_text}".strip() if after_text else before_text
        if not name:
            name = before_text[:60]
        answers = text[opening + 1 : closing]
        self.read_answers(block, opening + 1, answers, name, stem, fmt)

    def read_answers(
        self, block: _Block, offset: int, answers: str, name: str, stem: str, fmt: str
    ) -> None:
        where = f"line {block.first_line}"
        general = ""
        gf = _find_unescaped_str(answers, "####")
        body = answers
        if gf >= 0:
            general = _as_text(answers[gf + 4 :], fmt)
            body = answers[:gf]
        stripped = body.strip()
        if not stripped:
            self.result.skipped.append(Skipped(where, name, "essay questions are not supported"))
            return
        if stripped.startswith("#"):
            self.result.skipped.append(
                Skipped(where, name, "numerical questions are not supported")
            )
            return
        head, *feedbacks = _split_feedback(stripped)
        if _TRUE_FALSE.match(head.strip()):
            if len(feedbacks) > 2:
                raise self.fail(
                    block, offset, "a true/false question has at most two feedback texts"
                )
            truth = head.strip().upper().startswith("T")
            wrong_fb = _as_text(feedbacks[0], fmt) if feedbacks else ""
            right_fb = _as_text(feedbacks[1], fmt) if len(feedbacks) > 1 else ""
            self.result.questions.append(
                SourceQuestion(
                    where=where,
                    name=name,
                    kind="truefalse",
                    text=stem,
                    answers=(
                        SourceAnswer("true", 100 if truth else 0, right_fb if truth else wrong_fb),
                        SourceAnswer("false", 0 if truth else 100, wrong_fb if truth else right_fb),
                    ),
                    general_feedback=general,
                    category=self.category,
                )
            )
            return
        if _find_unescaped_str(body, "->") >= 0:
            self.result.skipped.append(Skipped(where, name, "matching questions are not supported"))
            return
        parts = _split_unescaped(body, "=~")
        if parts and parts[0][0] == "":
            raise self.fail(
                block,
                offset,
                f"text {parts[0][1].strip()[:30]!r} before the first answer: each answer starts "
                "with = (right) or ~ (wrong); write \\= or \\~ for the characters themselves",
            )
        if not any(marker == "~" for marker, _ in parts):
            self.result.skipped.append(
                Skipped(where, name, "short-answer questions are not supported")
            )
            return
        source_answers = []
        for marker, raw in parts:
            value = raw.strip()
            fraction = 100.0 if marker == "=" else 0.0
            weight = _WEIGHT.match(value)
            if value.startswith("%"):
                if not weight:
                    raise self.fail(
                        block,
                        offset + body.find(raw),
                        f"bad weight in {value[:20]!r}: write it as %50% or %-100%",
                    )
                fraction = float(weight.group(1))
                if not -100 <= fraction <= 100:
                    raise self.fail(
                        block, offset + body.find(raw), f"weight {fraction:g}% is outside -100..100"
                    )
                value = value[weight.end() :]
            hash_at = find_unescaped(value, "#")
            feedback = ""
            if hash_at >= 0:
                feedback = _as_text(value[hash_at + 1 :], fmt)
                value = value[:hash_at]
            answer_text = _as_text(value, fmt)
            if not answer_text:
                raise self.fail(block, offset + body.find(raw), "an answer has no text")
            source_answers.append(SourceAnswer(answer_text, fraction, feedback))
        self.result.questions.append(
            SourceQuestion(
                where=where,
                name=name,
                kind="multichoice",
                text=stem,
                answers=tuple(source_answers),
                general_feedback=general,
                category=self.category,
            )
        )


def _split_feedback(text: str) -> list[str]:
    out: list[str] = []
    start = 0
    while True:
        i = find_unescaped(text, "#", start)
        if i < 0:
            out.append(text[start:])
            return out
        out.append(text[start:i])
        start = i + 1


def parse_gift(text: str, where: str) -> ParsedSource:
    """Every question of a GIFT file; ImportFailed names the line of the first syntax error."""
    reader = _GiftReader(where)
    for block in _blocks(text.lstrip("\ufeff")):
        reader.read_block(block)
    return reader.result
