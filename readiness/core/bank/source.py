"""What a format parser (GIFT, Moodle XML) reads, before the bank's rules apply.

The parsers fill these records and use the text helpers; :mod:`.importing`
maps them onto bank items.  Kept apart from ``importing`` so that the parsers
and the mapping do not import each other (``importing`` picks the parser).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

IMAGE_PLACEHOLDER = "[image not imported]"


@dataclass(frozen=True)
class SourceAnswer:
    text: str
    fraction: float  # percent of the question's mark, -100..100
    feedback: str = ""


@dataclass(frozen=True)
class SourceQuestion:
    where: str  # "line 12" or "question 3"
    name: str
    kind: Literal["multichoice", "truefalse"]
    text: str
    answers: tuple[SourceAnswer, ...]
    general_feedback: str = ""
    category: str = ""
    tags: tuple[str, ...] = ()
    single: bool | None = None  # Moodle's <single>; None: decide from the weights


@dataclass(frozen=True)
class Skipped:
    where: str
    name: str
    reason: str

    def __str__(self) -> str:
        label = f"{self.where} ({self.name})" if self.name else self.where
        return f"{label}: {self.reason}"


@dataclass
class ParsedSource:
    questions: list[SourceQuestion] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


# -- text helpers --------------------------------------------------------------------------


class _TextExtractor(HTMLParser):
    _BLOCKS = frozenset(
        [
            "p",
            "div",
            "br",
            "li",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "table",
            "blockquote",
            "pre",
            "hr",
            "section",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "img":
            alt = dict(attrs).get("alt") or ""
            self.parts.append(f"{IMAGE_PLACEHOLDER[:-1]}: {alt}]" if alt else IMAGE_PLACEHOLDER)
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self._BLOCKS and tag not in ("br", "li"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text from an HTML fragment: tags dropped, entities decoded, paragraphs kept."""
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    return tidy_text("".join(extractor.parts))


def tidy_text(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.replace("\xa0", " ").splitlines()]
    out = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", out)


def plain_or_html(text: str, fmt: str) -> str:
    """Text in one of Moodle's formats (html, moodle_auto_format, plain_text, markdown)."""
    if fmt == "html" or (fmt == "moodle_auto_format" and re.search(r"<[a-zA-Z/][^>]*>", text)):
        return html_to_text(text)
    return tidy_text(html.unescape(text) if fmt == "moodle_auto_format" else text)


def clean_category(path: str) -> str:
    """``$course$/top/Coding/Sepsis`` -> ``Coding/Sepsis``."""
    parts = [p.strip() for p in path.strip().split("/") if p.strip()]
    if parts and re.fullmatch(r"\$[a-z]+\$", parts[0]):
        parts = parts[1:]
    if parts and parts[0] == "top":
        parts = parts[1:]
    return "/".join(parts)
